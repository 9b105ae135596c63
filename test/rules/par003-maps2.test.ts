// PAR003 with a router map held in a shared module (issue #15, item 5's first false alarm): main.py
// includes its routers eagerly (or builds its includes from the same map), lazy_app.py loads the
// routers that `from routes_config import ROUTER_MODULES` names. Same routes: no PAR003; the map
// lost an entry that main.py includes: PAR003 at main.py's include. Proved by building both apps
// with /usr/bin/python3 (the lazy one after its loader has loaded everything) and comparing
// `app.routes`.
import { ruleTester, type InvalidCase, type ValidCase } from './tester.js';

const router = (path: string) => String.raw`from fastapi import APIRouter

router = APIRouter()


@router.get("${path}")
def endpoint():
    return []`;

const TREE = String.raw`
-- api/__init__.py --
-- api/users.py --
${router('/users')}
-- api/items.py --
${router('/items')}
-- api/admin.py --
${router('/admin')}
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}`;

const LAZY = String.raw`
-- lazy_app.py --
import importlib

from fastapi import FastAPI

from routes_config import ROUTER_MODULES

app = FastAPI()


def load_routers():
    for name, path in ROUTER_MODULES.items():
        app.include_router(importlib.import_module(path).router)`;

const config = (entries: string[]) => `-- routes_config.py --\nROUTER_MODULES = {\n${entries.map((e) => `    "${e}": "api.${e}",`).join('\n')}\n}`;

const EAGER = String.raw`
-- main.py --
from fastapi import FastAPI

from api import items, users

app = FastAPI()
app.include_router(users.router)
app.include_router(items.router)`;

const FROM_MAP = (extra: boolean) => String.raw`
-- main.py --
from importlib import import_module

from fastapi import FastAPI
${extra ? '\nfrom api import admin\n' : ''}
from routes_config import ROUTER_MODULES

app = FastAPI()
for module_path in ROUTER_MODULES.values():
    app.include_router(import_module(module_path).router)${extra ? '\napp.include_router(admin.router)' : ''}`;

/** Both apps built, the lazy one after loading every router: the same routes, or Python fails. */
const compare = (fails: string | null) => ({
  run: 'import main, lazy_app\nlazy_app.load_routers()\na = sorted(r.path for r in main.app.routes)\nb = sorted(r.path for r in lazy_app.app.routes)\nassert a == b, (a, b)',
  fails,
});

export const valid: ValidCase[] = [
  {
    name: 'maps2-shared-map-eager-main',
    title: 'main.py includes users and items; lazy_app.py loads both from the shared routes_config map',
    files: `${TREE}\n${config(['users', 'items'])}\n${EAGER.trim()}\n${LAZY.trim()}`,
    python: compare(null),
  },
  {
    name: 'maps2-shared-map-both',
    title: 'main.py builds its includes from the same shared map that lazy_app.py loads',
    files: `${TREE}\n${config(['users', 'items'])}\n${FROM_MAP(false).trim()}\n${LAZY.trim()}`,
    python: compare(null),
  },
];

export const invalid: InvalidCase[] = [
  {
    name: 'maps2-shared-map-lost-entry',
    title: 'the shared map lost "items", which main.py includes: lazy_app.py answers 404 on /items',
    golden: true,
    files: `${TREE}\n${config(['users'])}\n${EAGER.trim()}\n${LAZY.trim()}`,
    findings: [
      `main.py:7:1  PAR003  error  router api.items is registered in main.py:7 (include_router(items.router)) but lazy_app.py neither includes it nor lists it in a router map: its endpoints answer 404 there (related lazy_app.py:7:1-7:16)`,
    ],
    python: compare('AssertionError'),
  },
  {
    name: 'maps2-shared-map-both-extra-include',
    title: 'main.py builds its includes from the shared map and includes admin besides: lazy_app.py lacks it',
    files: `${TREE}\n${config(['users', 'items'])}\n${FROM_MAP(true).trim()}\n${LAZY.trim()}`,
    findings: [
      `main.py:12:1  PAR003  error  router api.admin is registered in main.py:12 (include_router(admin.router)) but lazy_app.py neither includes it nor lists it in a router map: its endpoints answer 404 there (related lazy_app.py:7:1-7:16)`,
    ],
    python: compare('AssertionError'),
  },
];

ruleTester('PAR003', { valid, invalid }, 'maps2');
