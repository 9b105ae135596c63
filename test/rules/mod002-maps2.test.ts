// MOD002 for a router map held in another module (issue #15, "Misses to catch" item 2): the loader
// reads `.router` from every module routes_config.py lists; one module renamed its router. The
// finding is placed at the string in routes_config.py. Proved by importing the app with PYTHONPATH
// at the root (AttributeError), and its fixed twin importing cleanly.
import { ruleTester } from './tester.js';

const files = (itemsName: string) => String.raw`
-- api/__init__.py --
-- api/users.py --
from fastapi import APIRouter

router = APIRouter()
-- api/items.py --
from fastapi import APIRouter

${itemsName} = APIRouter()
-- routes_config.py --
ROUTER_MODULES = {"users": "api.users", "items": "api.items"}
-- main.py --
import importlib
from fastapi import FastAPI
from routes_config import ROUTER_MODULES

app = FastAPI()
for path in ROUTER_MODULES.values():
    app.include_router(importlib.import_module(path).router)
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py"]}]}`;

ruleTester(
  'MOD002',
  {
    valid: [{ name: 'maps2-imported-map-attribute', title: 'every module of the imported map defines router', files: files('router'), python: { run: 'import main', fails: null } }],
    invalid: [
      {
        name: 'maps2-imported-map-attribute-renamed',
        title: 'api/items.py renamed its router to items_router; the map lives in routes_config.py',
        files: files('items_router'),
        findings: [
          `routes_config.py:1:50  MOD002  error  "api.items" resolves to api/items.py, which defines no top-level "router" that the loader reads: AttributeError: module 'api.items' has no attribute 'router' (related api/items.py:1:1-1:1)`,
        ],
        python: { run: 'import main', fails: "module 'api.items' has no attribute 'router'" },
      },
    ],
  },
  'maps2',
);
