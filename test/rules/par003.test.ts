// PAR003's cases (format and assertions: ./tester.ts), from test/fixtures/truth/ and test/rules/core.test.ts.
// The golden ones are also fixture repositories of test/golden, labelled test/fixtures/truth/par003-<name>.
import { ruleTester } from './tester.js';
import { API_ORDERS_USERS_FLAT, API_USERS_ORDERS, MAIN_USERS_ORDERS, lazyMapLoad, lazyRouterLoader } from './router-fixtures.js';

ruleTester('PAR003', {
  valid: [
    {
      name: 'module-own-router',
      title: 'a server module includes its own router in its eager app; the Lambda entry point imports that router and includes it too',
      files: String.raw`
-- pkg/__init__.py --
-- pkg/server.py --
from fastapi import APIRouter, FastAPI

router = APIRouter()


@router.get("/items")
def list_items():
    return []


app = FastAPI()
app.include_router(router)
-- lambda_app.py --
from fastapi import FastAPI

from pkg.server import router

app = FastAPI()
app.include_router(router)
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["pkg/server.py","lambda_app.py"]}]}
`,
      python: { run: String.raw`import lambda_app
from pkg import server
paths = lambda a: sorted(r.path for r in a.routes if not r.path.startswith(("/docs", "/openapi", "/redoc")))
assert paths(server.app) == paths(lambda_app.app) == ["/items"], (paths(server.app), paths(lambda_app.app))`, fails: null },
    },
    {
      name: 'aggregate-router-in-entry-point',
      title: 'main.py builds api_router from users and orders and includes it: it serves both',
      golden: true,
      files: String.raw`
${API_ORDERS_USERS_FLAT}
${lazyMapLoad('{"users": "api.users", "orders": "api.orders"}')}
-- main.py --
from fastapi import APIRouter, FastAPI

from api import orders, users

app = FastAPI()

api_router = APIRouter()
api_router.include_router(users.router)
api_router.include_router(orders.router)
app.include_router(api_router)
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      python: { run: String.raw`import main, lazy_app
for n in lazy_app._ROUTER_MAP: lazy_app.app.include_router(lazy_app.load(n))
paths = lambda a: sorted(r.path for r in a.routes)
assert paths(main.app) == paths(lazy_app.app), (paths(main.app), paths(lazy_app.app))`, fails: null },
    },
    {
      name: 'f-string-over-a-parameter',
      title: 'import_module(f"api.{name}") with name a parameter nothing in the file passes',
      golden: true,
      files: String.raw`
${API_ORDERS_USERS_FLAT}
-- lazy_app.py --
import importlib

from fastapi import FastAPI

app = FastAPI()
ROUTER_NAMES = ("users", "orders")


def load(name):
    return importlib.import_module(f"api.{name}").router
${MAIN_USERS_ORDERS}
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      python: { run: String.raw`import main, lazy_app
for n in lazy_app.ROUTER_NAMES: lazy_app.app.include_router(lazy_app.load(n))
paths = lambda a: sorted(r.path for r in a.routes)
assert paths(main.app) == paths(lazy_app.app), (paths(main.app), paths(lazy_app.app))`, fails: null },
    },
    {
      name: 'include-in-loop-over-tuple',
      title: 'app.include_router(r) for r in (users.router, orders.router) serves both',
      golden: true,
      files: String.raw`
${API_ORDERS_USERS_FLAT}
${lazyMapLoad('{"users": "api.users", "orders": "api.orders"}')}
-- main.py --
from fastapi import FastAPI

from api import orders, users

app = FastAPI()
for api_router in (users.router, orders.router):
    app.include_router(api_router)
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      python: { run: String.raw`import main, lazy_app
for n in lazy_app._ROUTER_MAP: lazy_app.app.include_router(lazy_app.load(n))
paths = lambda a: sorted(r.path for r in a.routes)
assert paths(main.app) == paths(lazy_app.app), (paths(main.app), paths(lazy_app.app))`, fails: null },
    },
    {
      name: 'map-of-path-colon-attribute',
      title: '"api.users:router" strings split at run time: what lazy_app serves is not known, so nothing is said to be missing',
      golden: true,
      files: String.raw`
${API_ORDERS_USERS_FLAT}
-- lazy_app.py --
import importlib

from fastapi import FastAPI

app = FastAPI()
_ROUTER_MAP = {"users": "api.users:router", "orders": "api.orders:router"}


def load(name):
    module_path, attr = _ROUTER_MAP[name].split(":")
    return getattr(importlib.import_module(module_path), attr)
${MAIN_USERS_ORDERS}
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      python: { run: String.raw`import main, lazy_app
for n in lazy_app._ROUTER_MAP: lazy_app.app.include_router(lazy_app.load(n))
paths = lambda a: sorted(r.path for r in a.routes)
assert paths(main.app) == paths(lazy_app.app), (paths(main.app), paths(lazy_app.app))`, fails: null },
    },
    {
      name: 'include-in-a-loop-it-cannot-follow',
      title: 'main.py includes routers in a loop it cannot follow: silent',
      files: String.raw`
-- main.py --
from fastapi import FastAPI

from api import orders, users

app = FastAPI()
for module in (users, orders):
    app.include_router(module.router)
-- lazy_app.py --
import importlib

from fastapi import FastAPI

app = FastAPI()
_ROUTER_MAP = {"users": "api.users", "orders": "api.orders"}


def _load(name):
    return getattr(importlib.import_module(_ROUTER_MAP[name]), "router")


app.include_router(_load("users"))
-- api/__init__.py --
-- api/users.py --
from fastapi import APIRouter

router = APIRouter()
-- api/orders.py --
from fastapi import APIRouter

router = APIRouter()
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
    },
    {
      name: 'include-through-an-aggregate-router',
      title: 'main.py includes routers through an aggregate router: silent',
      files: String.raw`
-- main.py --
from fastapi import FastAPI

from api.all import api_router

app = FastAPI()
app.include_router(api_router)
-- lazy_app.py --
import importlib

from fastapi import FastAPI

app = FastAPI()
_ROUTER_MAP = {"users": "api.users", "orders": "api.orders"}


def _load(name):
    return getattr(importlib.import_module(_ROUTER_MAP[name]), "router")


app.include_router(_load("users"))
-- api/__init__.py --
-- api/users.py --
from fastapi import APIRouter

router = APIRouter()
-- api/orders.py --
from fastapi import APIRouter

router = APIRouter()
-- api/all.py --
from fastapi import APIRouter

from api import orders, users

api_router = APIRouter()
api_router.include_router(users.router)
api_router.include_router(orders.router)
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
    },
  ],
  invalid: [
    {
      name: 'module-own-router-not-included',
      title: 'module-own-router broken: the server module defines its router but its eager app never includes it, while the Lambda entry point does',
      files: String.raw`
-- pkg/__init__.py --
-- pkg/server.py --
from fastapi import APIRouter, FastAPI

router = APIRouter()


@router.get("/items")
def list_items():
    return []


app = FastAPI()
-- lambda_app.py --
from fastapi import FastAPI

from pkg.server import router

app = FastAPI()
app.include_router(router)
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["pkg/server.py","lambda_app.py"]}]}
`,
      findings: [
        'lambda_app.py:6:1  PAR003  error  router pkg.server is registered in lambda_app.py:6 (include_router(router)) but pkg/server.py neither includes it nor lists it in a router map: its endpoints answer 404 there (related pkg/server.py:11:1-11:16)',
      ],
      python: { run: String.raw`import lambda_app
from pkg import server
paths = lambda a: sorted(r.path for r in a.routes if not r.path.startswith(("/docs", "/openapi", "/redoc")))
assert paths(server.app) == paths(lambda_app.app), (paths(server.app), paths(lambda_app.app))`, fails: 'AssertionError' },
    },
    {
      name: 'lazy-router-loader-map-lacks-router',
      title: 'the lazy loader middleware (PAR001\'s lazy-router-loader-middleware) with a router map that lacks a router main.py includes: PAR003 compares what it loads',
      files: String.raw`
${API_USERS_ORDERS}
${MAIN_USERS_ORDERS}
${lazyRouterLoader('{"users": "api.users"}')}
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      findings: [
        'main.py:7:1  PAR003  error  router api.orders is registered in main.py:7 (include_router(orders.router)) but lazy_app.py neither includes it nor lists it in a router map: its endpoints answer 404 there (related lazy_app.py:5:1-5:16)',
      ],
      python: { run: String.raw`from fastapi.testclient import TestClient
import main, lazy_app
for path in ("/users", "/orders"):
    assert TestClient(main.app).get(path).status_code == 200, path
    assert TestClient(lazy_app.app).get(path).status_code == 200, f"lazy_app.py answers 404 on {path}"`, fails: 'lazy_app.py answers 404 on /orders' },
    },
    {
      name: 'aggregate-router-missing-in-map',
      title: 'the same aggregate, with orders missing from the lazy map: PAR003',
      golden: true,
      files: String.raw`
${API_ORDERS_USERS_FLAT}
${lazyMapLoad('{"users": "api.users"}')}
-- main.py --
from fastapi import APIRouter, FastAPI

from api import orders, users

app = FastAPI()

api_router = APIRouter()
api_router.include_router(users.router)
api_router.include_router(orders.router)
app.include_router(api_router)
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      findings: [
        'main.py:9:1  PAR003  error  router api.orders is registered in main.py:9 (include_router(orders.router)) but lazy_app.py neither includes it nor lists it in a router map: its endpoints answer 404 there (related lazy_app.py:5:1-5:16)',
      ],
      python: { run: String.raw`import main, lazy_app
for n in lazy_app._ROUTER_MAP: lazy_app.app.include_router(lazy_app.load(n))
paths = lambda a: sorted(r.path for r in a.routes)
assert paths(main.app) == paths(lazy_app.app), (paths(main.app), paths(lazy_app.app))`, fails: 'AssertionError' },
    },
    {
      name: 'router-missing-from-lazy-map',
      title: 'orders is included by main.py but missing from the lazy map: /orders answers 404 there',
      golden: true,
      files: String.raw`
-- api/__init__.py --
-- api/orders.py --
from fastapi import APIRouter
from pydantic import BaseModel


class OrderOut(BaseModel):
    id: int


router = APIRouter()


@router.get("/orders")
def list_orders():
    return []
-- api/users.py --
from fastapi import APIRouter

router = APIRouter()


@router.get("/users/{user_id}/orders")
def user_orders(user_id: int):
    return []
${lazyMapLoad('{"users": "api.users"}')}
${MAIN_USERS_ORDERS}
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      findings: [
        'main.py:7:1  PAR003  error  router api.orders is registered in main.py:7 (include_router(orders.router)) but lazy_app.py neither includes it nor lists it in a router map: its endpoints answer 404 there (related lazy_app.py:5:1-5:16)',
      ],
      python: { run: String.raw`import main, lazy_app
for n in lazy_app._ROUTER_MAP: lazy_app.app.include_router(lazy_app.load(n))
paths = lambda a: sorted(r.path for r in a.routes)
assert paths(main.app) == paths(lazy_app.app), (paths(main.app), paths(lazy_app.app))`, fails: 'AssertionError' },
    },
    {
      name: 'router-in-lazy-map-never-included',
      title: 'a router the lazy map names and main.py never includes',
      files: String.raw`
-- main.py --
from fastapi import FastAPI

from api import users

app = FastAPI()
app.include_router(users.router)
-- lazy_app.py --
import importlib

from fastapi import FastAPI

app = FastAPI()
_ROUTER_MAP = {"users": "api.users", "orders": "api.orders"}


def _load(name):
    return getattr(importlib.import_module(_ROUTER_MAP[name]), "router")


app.include_router(_load("users"))
-- api/__init__.py --
-- api/users.py --
from fastapi import APIRouter

router = APIRouter()
-- api/orders.py --
from fastapi import APIRouter

router = APIRouter()
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      findings: [
        'lazy_app.py:6:48  PAR003  error  router api.orders is registered in lazy_app.py:6 ("api.orders") but main.py neither includes it nor lists it in a router map: its endpoints answer 404 there (related main.py:5:1-5:16)',
      ],
    },
    {
      name: 'include-router-of-a-loader-call',
      title: 'include_router(loader(...)) counts as the router map it loads, so what the map lacks is still reported',
      files: String.raw`
${MAIN_USERS_ORDERS}
-- lazy_app.py --
import importlib

from fastapi import FastAPI

app = FastAPI()
_ROUTER_MAP = {"users": "api.users"}


def _load(name):
    return getattr(importlib.import_module(_ROUTER_MAP[name]), "router")


app.include_router(_load("users"))
-- api/__init__.py --
-- api/users.py --
from fastapi import APIRouter

router = APIRouter()
-- api/orders.py --
from fastapi import APIRouter

router = APIRouter()
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      findings: [
        'main.py:7:1  PAR003  error  router api.orders is registered in main.py:7 (include_router(orders.router)) but lazy_app.py neither includes it nor lists it in a router map: its endpoints answer 404 there (related lazy_app.py:5:1-5:16)',
      ],
    },
  ],
});
