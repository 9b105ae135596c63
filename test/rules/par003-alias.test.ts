// PAR003, topic `alias`: two names of one router object. A module that names its router twice
// (`router = users_router`, common when a loader reads `router` and the code says `users_router`)
// serves one set of routes, whichever name an entry point includes; a second router built on its
// own (`router = APIRouter()`) is another object. Each verdict compares the two apps' routes.
import { ruleTester } from './tester.js';

const users = (second: string) => String.raw`
-- api/__init__.py --
-- api/users.py --
from fastapi import APIRouter

users_router = APIRouter(prefix="/users")
${second}


@users_router.get("")
def list_users():
    return []
`;

const main = String.raw`
-- main.py --
from fastapi import FastAPI

from api import users

app = FastAPI()
app.include_router(users.users_router)
`;

const lazy = String.raw`
-- lazy_app.py --
import importlib

from fastapi import FastAPI

app = FastAPI()
_ROUTER_MAP = {"users": "api.users"}


def load(name):
    return importlib.import_module(_ROUTER_MAP[name]).router


for _name in _ROUTER_MAP:
    app.include_router(load(_name))
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`;

/** Python builds both apps: the routes (path and methods) each serves. */
const routes = (same: boolean) => String.raw`import main, lazy_app
def table(app):
    return sorted((r.path, tuple(sorted(getattr(r, "methods", None) or ()))) for r in app.routes if not r.path.startswith(("/docs", "/openapi", "/redoc")))
m, l = table(main.app), table(lazy_app.app)
assert (m == l) is ${same ? 'True' : 'False'}, (m, l)`;

ruleTester(
  'PAR003',
  {
    valid: [
      {
        name: 'alias-one-router-two-names',
        title: 'router = users_router: the map loads router, main.py includes users_router, one object',
        files: users('router = users_router') + main + lazy,
        python: { run: routes(true), fails: null },
      },
    ],
    invalid: [
      {
        name: 'alias-second-router-of-its-own',
        title: 'router = APIRouter(): the map loads a router with no routes, main.py serves /users',
        files: users('router = APIRouter()') + main + lazy,
        findings: [
          'lazy_app.py:6:25  PAR003  error  router api.users.router is registered in lazy_app.py:6 ("api.users") but main.py includes only api.users.users_router of api.users: the endpoints of router answer 404 there (related main.py:5:1-5:16)',
          'main.py:6:1  PAR003  error  router api.users.users_router is registered in main.py:6 (include_router(users.users_router)) but lazy_app.py includes only api.users.router of api.users: the endpoints of users_router answer 404 there (related lazy_app.py:5:1-5:16)',
        ],
        python: { run: routes(false) },
      },
    ],
  },
  'alias',
);
