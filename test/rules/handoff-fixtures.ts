// The app of the handoff topic files (par001-handoff, par003-handoff): two routers, main.py set up
// by app/setup.py, and the Lambda side set up across modules (handoffLazy).
export const HANDOFF_API = String.raw`-- app/__init__.py --
-- app/api/__init__.py --
-- app/api/users.py --
from fastapi import APIRouter

router = APIRouter()


@router.get("/users")
def users():
    return []
-- app/api/items.py --
from fastapi import APIRouter

router = APIRouter()


@router.get("/items")
def items():
    return []
`;

/** main.py hands its app to app/setup.py's setup_routes: users, items and GZip. */
export const HANDOFF_MAIN = String.raw`-- app/setup.py --
from starlette.middleware.gzip import GZipMiddleware

from app.api import items, users


def setup_routes(app):
    app.include_router(users.router)
    app.include_router(items.router)
    app.add_middleware(GZipMiddleware)
-- main.py --
from fastapi import FastAPI

from app.setup import setup_routes

app = FastAPI()
setup_routes(app)
`;

/** The Lambda side: a set-up function under another parameter name that hands on to a third module by keyword. */
export const handoffLazy = (third: string, entry = 'app = FastAPI()\nlazy_setup.setup(application=app)') => String.raw`-- app/lazy_setup.py --
from fastapi import FastAPI

from app import third
from app.api import users


def setup(application: FastAPI) -> None:
    application.include_router(users.router)
    third.configure(a=application)
-- app/third.py --
from starlette.middleware.gzip import GZipMiddleware

from app.api import items


def configure(a):
    a.include_router(items.router)
${third}
-- lazy_app.py --
from fastapi import FastAPI

from app import lazy_setup

${entry}
`;

export const HANDOFF_SAME = `import main, lazy_app
mw = lambda a: [m.cls.__name__ for m in a.user_middleware]
paths = lambda a: sorted(r.path for r in a.routes if r.path in ("/users", "/items"))
print(mw(main.app), mw(lazy_app.app), paths(main.app), paths(lazy_app.app))
assert mw(main.app) == mw(lazy_app.app), "middleware differs"
assert paths(main.app) == paths(lazy_app.app), "routes differ"`;

/** The config naming main.py and lazy_app.py as one app. */
export const HANDOFF_CONFIG = `-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`;

/** app/core.py creates the app that other modules import and set up. */
export const HANDOFF_CORE = String.raw`-- app/core.py --
from fastapi import FastAPI

app = FastAPI()
`;

/** The lazy router loader of app/lazy.py and its map in app/router_map.py (`map`: the dict's entries as written). */
export const handoffLoader = (map: string) => String.raw`-- app/router_map.py --
ROUTER_MODULES = {
${map}
}
-- app/lazy.py --
import importlib

from fastapi import Request

from app.router_map import ROUTER_MODULES

_loaded = set()


async def lazy_router_loader(request: Request, call_next):
    app = request.app
    for name, path in ROUTER_MODULES.items():
        if name not in _loaded:
            app.include_router(importlib.import_module(path).router)
            _loaded.add(name)
    return await call_next(request)
`;
