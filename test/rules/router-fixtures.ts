// The app skeleton the router topic files share (par001, par003, par003-factory, par003-left,
// mod001-factory): routers of api/ at /<name>, main.py including the users and orders routers, and
// lazy_app.py's loader middleware, which includes a router of its map on the first request for it.
// Each is whole files without the last newline, so that a fixture names it on a line of its own.

/** `api/<name>.py`: a router at /<name> with one route, list_<name>. */
export const apiRouter = (name: string) => String.raw`-- api/${name}.py --
from fastapi import APIRouter

router = APIRouter(prefix="/${name}")


@router.get("")
def list_${name}():
    return []`;

/** The api package with the users and orders routers. */
export const API_USERS_ORDERS = `-- api/__init__.py --\n${apiRouter('users')}\n${apiRouter('orders')}`;

/** main.py: an app including the users and orders routers. */
export const MAIN_USERS_ORDERS = String.raw`-- main.py --
from fastapi import FastAPI

from api import orders, users

app = FastAPI()
app.include_router(users.router)
app.include_router(orders.router)`;

/** lazy_app.py: the `_ROUTER_MAP` (a dict literal, name → module) loaded by a middleware, each router once. */
export const lazyRouterLoader = (map: string) => String.raw`-- lazy_app.py --
import importlib

from fastapi import FastAPI

app = FastAPI()

_ROUTER_MAP = ${map}
_loaded = set()


def _load(name):
    return importlib.import_module(_ROUTER_MAP[name]).router


@app.middleware("http")
async def lazy_router_loader(request, call_next):
    name = request.url.path.strip("/").split("/")[0]
    if name in _ROUTER_MAP and name not in _loaded:
        app.include_router(_load(name))
        _loaded.add(name)
    return await call_next(request)`;

/** `api/<name>.py`: a router without a prefix, its one route at /<name>, list_<name>. */
export const apiFlatRouter = (name: string) => String.raw`-- api/${name}.py --
from fastapi import APIRouter

router = APIRouter()


@router.get("/${name}")
def list_${name}():
    return []`;

/** The api package with the orders and users routers, without prefixes: routes at /orders and /users. */
export const API_ORDERS_USERS_FLAT = `-- api/__init__.py --\n${apiFlatRouter('orders')}\n${apiFlatRouter('users')}`;

/** lazy_app.py: the `_ROUTER_MAP` (name → module) and `load`, which imports a router of it; nothing includes it. */
export const lazyMapLoad = (map: string) => String.raw`-- lazy_app.py --
import importlib

from fastapi import FastAPI

app = FastAPI()
_ROUTER_MAP = ${map}


def load(name):
    return getattr(importlib.import_module(_ROUTER_MAP[name]), "router")`;
