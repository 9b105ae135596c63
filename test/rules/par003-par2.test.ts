// PAR003, topic `par2` (#15 misses, item 4): routers compared by what Python serves, not by module
// only: where a router is mounted (`prefix=`), which router of a module (`users.admin_router`), and
// a router an entry point defines itself. Each verdict compares the two apps' routes (path, methods).
import { ruleTester } from './tester.js';

const api = String.raw`
-- config.py --
API_V1 = "/v1"
-- api/__init__.py --
-- api/users.py --
from fastapi import APIRouter

router = APIRouter(prefix="/users")
admin_router = APIRouter(prefix="/admin/users")


@router.get("")
def list_users():
    return []


@admin_router.delete("/{user_id}")
def delete_user(user_id: int):
    return None
-- api/orders.py --
from fastapi import APIRouter

router = APIRouter(prefix="/orders")


@router.get("")
def list_orders():
    return []
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`;

const entry = (name: string, body: string) => String.raw`
-- ${name} --
from fastapi import FastAPI

import config  # noqa: F401
from api import orders, users  # noqa: F401

app = FastAPI()
${body}`;

const lazyMap = String.raw`
-- lazy_app.py --
import importlib

from fastapi import FastAPI

app = FastAPI()
_ROUTER_MAP = {"users": "api.users", "orders": "api.orders"}



def load(name):
    return getattr(importlib.import_module(_ROUTER_MAP[name]), "router")


for _name in _ROUTER_MAP:
    app.include_router(load(_name))
`;

/** Python builds both apps: the routes (path and methods) each serves. */
const routes = (same: boolean) => String.raw`import main, lazy_app
def table(app):
    return sorted((r.path, tuple(sorted(getattr(r, "methods", None) or ()))) for r in app.routes if not r.path.startswith(("/docs", "/openapi", "/redoc")))
m, l = table(main.app), table(lazy_app.app)
print(sorted(set(m) ^ set(l)))
assert (m == l) is ${same ? 'True' : 'False'}, (m, l)`;

ruleTester(
  'PAR003',
  {
    valid: [
      {
        name: 'par2-prefix-same',
        title: 'the same router at the same prefix in both entry points',
        files: api + entry('main.py', 'app.include_router(users.router, prefix="/v1")\napp.include_router(orders.router)\n') + entry('lazy_app.py', "app.include_router(orders.router)\napp.include_router(users.router, prefix='/v1')\n"),
        python: { run: routes(true), fails: null },
      },
      {
        name: 'par2-prefix-held-in-a-module-constant',
        title: 'prefix=config.API_V1 and prefix=API_V1 imported from config: one constant, one prefix',
        files:
          api +
          entry('main.py', 'app.include_router(users.router, prefix=config.API_V1)\napp.include_router(orders.router)\n') +
          entry('lazy_app.py', 'from config import API_V1\n\napp.include_router(users.router, prefix=API_V1)\napp.include_router(orders.router)\n'),
        python: { run: routes(true), fails: null },
      },
      {
        name: 'par2-second-router-in-both',
        title: 'users.router and users.admin_router included by both entry points',
        files:
          api +
          entry('main.py', 'app.include_router(users.router)\napp.include_router(users.admin_router)\napp.include_router(orders.router)\n') +
          entry('lazy_app.py', 'app.include_router(users.admin_router)\napp.include_router(users.router)\napp.include_router(orders.router)\n'),
        python: { run: routes(true), fails: null },
      },
      {
        name: 'par2-router-map-loads-the-one-router',
        title: 'the router map loads each module\'s router: main.py includes the same ones',
        files: api + entry('main.py', 'app.include_router(users.router)\napp.include_router(orders.router)\n') + lazyMap,
        python: { run: routes(true), fails: null },
      },
      {
        name: 'par2-local-router-in-both',
        title: 'a router main.py defines, included by lazy_app.py from main',
        files:
          api +
          entry('main.py', 'from fastapi import APIRouter\n\nhealth = APIRouter()\n\n\n@health.get("/health")\ndef ok():\n    return {}\n\n\napp.include_router(health)\napp.include_router(users.router)\napp.include_router(orders.router)\n') +
          entry('lazy_app.py', 'from main import health\n\napp.include_router(health)\napp.include_router(users.router)\napp.include_router(orders.router)\n'),
        python: { run: routes(true), fails: null },
      },
    ],
    invalid: [
      {
        name: 'par2-prefix-differs',
        title: 'users.router at /v1 in main.py and /v2 in lazy_app.py: /v1/users answers 404 on Lambda',
        golden: true,
        files: api + entry('main.py', 'app.include_router(users.router, prefix="/v1")\napp.include_router(orders.router)\n') + entry('lazy_app.py', 'app.include_router(users.router, prefix="/v2")\napp.include_router(orders.router)\n'),
        findings: [
          'main.py:7:1  PAR003  error  router api.users.router is mounted at "/v1" in main.py:7 (include_router(users.router)) but at "/v2" in lazy_app.py:7: its endpoints answer at other paths there (related lazy_app.py:7:1-7:47)',
        ],
        python: { run: routes(false) },
      },
      {
        name: 'par2-prefix-missing',
        title: 'users.router at /v1 in main.py and at no prefix in lazy_app.py',
        files: api + entry('main.py', 'app.include_router(users.router, prefix="/v1")\napp.include_router(orders.router)\n') + entry('lazy_app.py', 'app.include_router(users.router)\napp.include_router(orders.router)\n'),
        findings: [
          'main.py:7:1  PAR003  error  router api.users.router is mounted at "/v1" in main.py:7 (include_router(users.router)) but at no prefix in lazy_app.py:7: its endpoints answer at other paths there (related lazy_app.py:7:1-7:33)',
        ],
        python: { run: routes(false) },
      },
      {
        name: 'par2-second-router-missing-from-router-map',
        title: 'main.py includes users.admin_router too; the router map loads only each module\'s router',
        files: api + entry('main.py', 'app.include_router(users.router)\napp.include_router(users.admin_router)\napp.include_router(orders.router)\n') + lazyMap,
        findings: [
          'main.py:8:1  PAR003  error  router api.users.admin_router is registered in main.py:8 (include_router(users.admin_router)) but lazy_app.py includes only api.users.router of api.users: the endpoints of admin_router answer 404 there (related lazy_app.py:5:1-5:16)',
        ],
        python: { run: routes(false) },
      },
      {
        name: 'par2-local-router-in-one-entry-point',
        title: 'main.py defines and includes a health router; lazy_app.py does not include it',
        files:
          api +
          entry('main.py', 'from fastapi import APIRouter\n\nhealth = APIRouter()\n\n\n@health.get("/health")\ndef ok():\n    return {}\n\n\napp.include_router(health)\napp.include_router(users.router)\napp.include_router(orders.router)\n') +
          entry('lazy_app.py', 'app.include_router(users.router)\napp.include_router(orders.router)\n'),
        findings: [
          'main.py:17:1  PAR003  error  router health (defined in main.py) is registered in main.py:17 (include_router(health)) but lazy_app.py does not include it: its endpoints answer 404 there (related lazy_app.py:6:1-6:16)',
        ],
        python: { run: routes(false) },
      },
    ],
  },
  'par2',
);
