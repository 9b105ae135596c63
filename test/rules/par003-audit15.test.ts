// Issue #15, misses item 4, "include order into an aggregate": the audit found PAR003 reads it (two
// aggregate modules, one per entry point, including the same two routers) but no case held it.
// The routers overlap (/users/me and /users/{user_id}): Starlette's first match decides which handler
// answers GET /users/me, so the order inside the aggregate changes the answer. Python asks TestClient.
import { ruleTester } from './tester.js';

const API = String.raw`
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
-- api/__init__.py --
-- api/users.py --
from fastapi import APIRouter

router = APIRouter()


@router.get("/users/me")
def me():
    return {"who": "me"}
-- api/profiles.py --
from fastapi import APIRouter

router = APIRouter()


@router.get("/users/{user_id}")
def profile(user_id: str):
    return {"profile": user_id}
-- api/routes.py --
from fastapi import APIRouter

from api import profiles, users

api_router = APIRouter()
api_router.include_router(users.router)
api_router.include_router(profiles.router)
-- main.py --
from fastapi import FastAPI

from api.routes import api_router

app = FastAPI()
app.include_router(api_router)
-- lazy_app.py --
from fastapi import FastAPI

from api.lambda_routes import api_router

app = FastAPI()
app.include_router(api_router)
`;

const lambdaRoutes = (first: string, second: string) => String.raw`
-- api/lambda_routes.py --
from fastapi import APIRouter

from api import profiles, users

api_router = APIRouter()
api_router.include_router(${first}.router)
api_router.include_router(${second}.router)
`;

// False errors item 1, the BaseHTTPMiddleware form of the lazy loader: par001 lazy-router-loader-class
// holds that it is no PAR001; here what it loads is compared with the eager app (PAR003), both ways.
const classLoader = (map: string) => String.raw`
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
-- api/__init__.py --
-- api/users.py --
from fastapi import APIRouter

router = APIRouter()


@router.get("/users")
def users():
    return []
-- api/orders.py --
from fastapi import APIRouter

router = APIRouter()


@router.get("/orders")
def orders():
    return []
-- core/__init__.py --
-- core/lazy.py --
import importlib

from starlette.middleware.base import BaseHTTPMiddleware

ROUTER_MODULES = ${map}


class LazyRouterMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request, call_next):
        name = request.url.path.strip("/").split("/")[0]
        app = request.app
        if name in ROUTER_MODULES and not getattr(app.state, name, False):
            module = importlib.import_module(ROUTER_MODULES[name])
            app.include_router(getattr(module, "router"))
            setattr(app.state, name, True)
        return await call_next(request)
-- main.py --
from fastapi import FastAPI

from api import orders, users

app = FastAPI()
app.include_router(users.router)
app.include_router(orders.router)
-- lazy_app.py --
from fastapi import FastAPI

from core.lazy import LazyRouterMiddleware

app = FastAPI()
app.add_middleware(LazyRouterMiddleware)
`;

const SERVED = `from fastapi.testclient import TestClient
import main, lazy_app
codes = [(p, TestClient(m.app).get(p).status_code) for m in (main, lazy_app) for p in ("/users", "/orders")]
print(codes)
assert all(c == 200 for _, c in codes), "lazy_app.py answers 404"`;

const ANSWERS = `import main, lazy_app
from fastapi.testclient import TestClient
a, b = (TestClient(m.app).get("/users/me").json() for m in (main, lazy_app))
print(a, b)
assert a == b, "another handler answers GET /users/me"`;

ruleTester(
  'PAR003',
  {
    valid: [
      {
        name: 'audit15-class-loader-loads-every-router',
        title: 'the BaseHTTPMiddleware lazy loader maps users and orders, which main.py includes: both answer through lazy_app.py',
        files: classLoader('{"users": "api.users", "orders": "api.orders"}'),
        python: { run: SERVED, fails: null },
      },
      {
        name: 'audit15-aggregate-order-same',
        title: 'each entry point includes its own aggregate; both include users before profiles: GET /users/me reaches users.me in both',
        files: API + lambdaRoutes('users', 'profiles'),
        python: { run: ANSWERS, fails: null },
      },
    ],
    invalid: [
      {
        name: 'audit15-class-loader-map-lacks-router',
        title: 'the BaseHTTPMiddleware loader maps users only: /orders answers 404 through lazy_app.py',
        files: classLoader('{"users": "api.users"}'),
        findings: [
          'main.py:7:1  PAR003  error  router api.orders is registered in main.py:7 (include_router(orders.router)) but lazy_app.py neither includes it nor lists it in a router map: its endpoints answer 404 there (related lazy_app.py:5:1-5:16)',
        ],
        python: { run: SERVED, fails: 'lazy_app.py answers 404' },
      },
      {
        name: 'audit15-aggregate-order-flipped',
        title: 'the Lambda aggregate includes profiles first: GET /users/me reaches profile(user_id="me") on Lambda',
        files: API + lambdaRoutes('profiles', 'users'),
        findings: [
          'lazy_app.py:6:1  PAR003  error  GET /users/me is served by api.users.router (/users/me) in main.py but by api.profiles.router (/users/{user_id}) in lazy_app.py: both routers match it, and the first included wins; lazy_app.py includes api.profiles.router first (related main.py:6:1-6:31)',
        ],
        python: { run: ANSWERS, fails: 'another handler answers GET /users/me' },
      },
    ],
  },
  'audit15',
);
