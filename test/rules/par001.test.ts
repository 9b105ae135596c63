// PAR001's cases (format and assertions: ./tester.ts), from test/fixtures/truth/ and test/rules/core.test.ts.
// The golden ones are also fixture repositories of test/golden, labelled test/fixtures/truth/par001-<name>.
import { ruleTester } from './tester.js';
import { API_USERS_ORDERS, MAIN_USERS_ORDERS, apiRouter, lazyRouterLoader } from './router-fixtures.js';

ruleTester('PAR001', {
  valid: [
    {
      name: 'lazy-router-loader-middleware',
      title: 'a @app.middleware("http") that includes routers from the router map on first request is the lazy mechanism, not a middleware main.py lacks',
      files: String.raw`
${API_USERS_ORDERS}
${MAIN_USERS_ORDERS}
${lazyRouterLoader('{"users": "api.users", "orders": "api.orders"}')}
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      python: { run: String.raw`from fastapi.testclient import TestClient
import main, lazy_app
for path in ("/users", "/orders"):
    assert TestClient(main.app).get(path).status_code == 200, path
    assert TestClient(lazy_app.app).get(path).status_code == 200, path`, fails: null },
    },
    {
      name: 'lazy-router-loader-set-up-function',
      title: 'a set-up function that registers the lazy loader middleware on the app it is given (setup_lazy_routers(app)) is the lazy mechanism too',
      files: String.raw`
-- api/__init__.py --
${apiRouter('users')}
-- core/__init__.py --
-- core/lazy.py --
import importlib

ROUTER_MODULES = {"users": "api.users"}


def setup_lazy_routers(app):
    loaded = set()

    @app.middleware("http")
    async def lazy_loader(request, call_next):
        name = request.url.path.strip("/").split("/")[0]
        if name in ROUTER_MODULES and name not in loaded:
            app.include_router(importlib.import_module(ROUTER_MODULES[name]).router)
            loaded.add(name)
        return await call_next(request)
-- main.py --
from fastapi import FastAPI

from api import users

app = FastAPI()
app.include_router(users.router)
-- lazy_app.py --
from fastapi import FastAPI

from core.lazy import setup_lazy_routers

app = FastAPI()
setup_lazy_routers(app)
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      python: { run: String.raw`from fastapi.testclient import TestClient
import main, lazy_app
assert TestClient(main.app).get("/users").status_code == 200
assert TestClient(lazy_app.app).get("/users").status_code == 200`, fails: null },
    },
    {
      name: 'lazy-router-loader-class',
      title: 'a BaseHTTPMiddleware subclass of a shared module that includes routers from module-path strings is the lazy loader too',
      files: String.raw`
-- api/__init__.py --
${apiRouter('users')}
-- core/__init__.py --
-- core/lazy.py --
import importlib

from starlette.middleware.base import BaseHTTPMiddleware

ROUTER_MODULES = {"users": "api.users"}


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

from api import users

app = FastAPI()
app.include_router(users.router)
-- lazy_app.py --
from fastapi import FastAPI

from core.lazy import LazyRouterMiddleware

app = FastAPI()
app.add_middleware(LazyRouterMiddleware)
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      python: { run: String.raw`from fastapi.testclient import TestClient
import main, lazy_app
assert TestClient(main.app).get("/users").status_code == 200
assert TestClient(lazy_app.app).get("/users").status_code == 200`, fails: null },
    },
    {
      name: 'alias-by-assignment',
      title: 'CompressionMiddleware = GZipMiddleware in compat.py is GZipMiddleware',
      golden: true,
      files: String.raw`
-- compat.py --
from starlette.middleware.gzip import GZipMiddleware

# Old name kept for the code that still imports it.
CompressionMiddleware = GZipMiddleware
-- lazy_app.py --
from fastapi import FastAPI

from compat import CompressionMiddleware

app = FastAPI()
app.add_middleware(CompressionMiddleware, minimum_size=500)
-- main.py --
from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware

app = FastAPI()
app.add_middleware(GZipMiddleware, minimum_size=500)
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      python: { run: String.raw`import main, lazy_app
mw = lambda a: [(m.cls.__name__, m.cls.__module__, sorted(m.options.items())) for m in a.user_middleware]
assert mw(main.app) == mw(lazy_app.app), (mw(main.app), mw(lazy_app.app))`, fails: null },
    },
    {
      name: 'local-middleware-tables-alike',
      title: 'each entry point loops over its own identical MIDDLEWARE list',
      golden: true,
      files: String.raw`
-- lazy_app.py --
from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware

MIDDLEWARE = [(GZipMiddleware, {"minimum_size": 500})]

app = FastAPI()
for cls, options in MIDDLEWARE:
    app.add_middleware(cls, **options)
-- main.py --
from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware

MIDDLEWARE = [(GZipMiddleware, {"minimum_size": 500})]

app = FastAPI()
for cls, options in MIDDLEWARE:
    app.add_middleware(cls, **options)
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      python: { run: String.raw`import main, lazy_app
mw = lambda a: [(m.cls.__name__, sorted(m.options.items())) for m in a.user_middleware]
assert mw(main.app) == mw(lazy_app.app), (mw(main.app), mw(lazy_app.app))`, fails: null },
    },
    {
      name: 'same-middleware-loop',
      title: 'the same loop over the same middleware list in both entry points',
      golden: true,
      files: String.raw`
-- lazy_app.py --
from fastapi import FastAPI

from middleware_stack import MIDDLEWARE

app = FastAPI()
for middleware_class, options in MIDDLEWARE:
    app.add_middleware(middleware_class, **options)
-- main.py --
from fastapi import FastAPI

from middleware_stack import MIDDLEWARE

app = FastAPI()
for middleware_class, options in MIDDLEWARE:
    app.add_middleware(middleware_class, **options)
-- middleware_stack.py --
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware

MIDDLEWARE = [
    (GZipMiddleware, {"minimum_size": 500}),
    (CORSMiddleware, {"allow_origins": ["https://app.example.com"]}),
]
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      python: { run: String.raw`import main, lazy_app
mw = lambda a: [(m.cls.__name__, sorted(m.options.items())) for m in a.user_middleware]
assert mw(main.app) == mw(lazy_app.app), (mw(main.app), mw(lazy_app.app))`, fails: null },
    },
    {
      name: 'setup-function-on-module-app',
      title: 'def _setup_middleware(): app.add_middleware(...) on the module app, called at module level',
      golden: true,
      files: String.raw`
-- lazy_app.py --
from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware

app = FastAPI()


def _setup_middleware() -> None:
    app.add_middleware(GZipMiddleware, minimum_size=500)


_setup_middleware()
-- main.py --
from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware

app = FastAPI()
app.add_middleware(GZipMiddleware, minimum_size=500)
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      python: { run: String.raw`import main, lazy_app
mw = lambda a: [(m.cls.__name__, sorted(m.options.items())) for m in a.user_middleware]
assert mw(main.app) == mw(lazy_app.app), (mw(main.app), mw(lazy_app.app))`, fails: null },
    },
    {
      name: 'consistent-dual-entry-app',
      title: 'a consistent dual-entry app gives zero findings (aliases, re-exports, namespace packages, relative, guarded, third-party imports, conditional middleware in both)',
      files: String.raw`
-- main.py --
from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware as GZip
from fastapi.middleware.cors import CORSMiddleware

from core import settings
from core.middleware import TimingMiddleware
from api.v1 import users
from services.ns_pkg import worker  # namespace package (no __init__.py)

try:
    import orjson  # noqa: F401  (optional third-party)
except ImportError:
    orjson = None

import requests  # noqa: F401  (third-party, declared in requirements.txt)

app = FastAPI()
app.add_middleware(CORSMiddleware, allow_origins=["*"])
app.add_middleware(GZip, minimum_size=500)
app.add_middleware(TimingMiddleware)
if settings.DEBUG:
    app.add_middleware(TimingMiddleware, label="debug")
app.include_router(users.router)
app.include_router(worker.router)
-- lazy_app.py --
import importlib
from typing import TYPE_CHECKING

from fastapi import FastAPI
from starlette.middleware.gzip import GZipMiddleware
import starlette.middleware.cors

from core import settings
from core.middleware import TimingMiddleware

if TYPE_CHECKING:
    from core.types import NotAtRuntime  # noqa: F401

app = FastAPI()
app.add_middleware(starlette.middleware.cors.CORSMiddleware, allow_origins=["*"])
app.add_middleware(GZipMiddleware, minimum_size=500)
app.add_middleware(TimingMiddleware)
if settings.DEBUG:
    app.add_middleware(TimingMiddleware, label="debug")

ROUTERS = {"users": "api.v1.users", "worker": "services.ns_pkg.worker"}


def load(name: str):
    module = importlib.import_module(ROUTERS[name])
    return getattr(module, "router")
-- requirements.txt --
fastapi
requests>=2
-- core/__init__.py --
DEBUG = False
-- core/settings.py --
DEBUG = False
-- core/middleware.py --
from starlette.middleware.base import BaseHTTPMiddleware


class TimingMiddleware(BaseHTTPMiddleware):
    def __init__(self, app, label="timing"):
        super().__init__(app)
        self.label = label
-- api/__init__.py --
-- api/v1/__init__.py --
from . import users  # noqa: F401  (relative import)
-- api/v1/users.py --
from fastapi import APIRouter

router = APIRouter()
-- services/ns_pkg/worker.py --
from fastapi import APIRouter

router = APIRouter()
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
    },
    {
      name: 'same-class-imported-under-another-name',
      title: 'a local class imported from a shared module under another name is the same class',
      files: String.raw`
-- main.py --
from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware as GZip
from fastapi.middleware.cors import CORSMiddleware

from core import settings
from core.middleware import TimingMiddleware
from api.v1 import users
from services.ns_pkg import worker  # namespace package (no __init__.py)

try:
    import orjson  # noqa: F401  (optional third-party)
except ImportError:
    orjson = None

import requests  # noqa: F401  (third-party, declared in requirements.txt)

app = FastAPI()
app.add_middleware(CORSMiddleware, allow_origins=["*"])
app.add_middleware(GZip, minimum_size=500)
app.add_middleware(TimingMiddleware)
if settings.DEBUG:
    app.add_middleware(TimingMiddleware, label="debug")
app.include_router(users.router)
app.include_router(worker.router)
-- lazy_app.py --
import importlib
from typing import TYPE_CHECKING

from fastapi import FastAPI
from starlette.middleware.gzip import GZipMiddleware
import starlette.middleware.cors

from core import settings
from core import middleware as mw

if TYPE_CHECKING:
    from core.types import NotAtRuntime  # noqa: F401

app = FastAPI()
app.add_middleware(starlette.middleware.cors.CORSMiddleware, allow_origins=["*"])
app.add_middleware(GZipMiddleware, minimum_size=500)
app.add_middleware(mw.TimingMiddleware)
if settings.DEBUG:
    app.add_middleware(mw.TimingMiddleware, label="debug")

ROUTERS = {"users": "api.v1.users", "worker": "services.ns_pkg.worker"}


def load(name: str):
    module = importlib.import_module(ROUTERS[name])
    return getattr(module, "router")
-- requirements.txt --
fastapi
requests>=2
-- core/__init__.py --
DEBUG = False
-- core/settings.py --
DEBUG = False
-- core/middleware.py --
from starlette.middleware.base import BaseHTTPMiddleware


class TimingMiddleware(BaseHTTPMiddleware):
    def __init__(self, app, label="timing"):
        super().__init__(app)
        self.label = label
-- api/__init__.py --
-- api/v1/__init__.py --
from . import users  # noqa: F401  (relative import)
-- api/v1/users.py --
from fastapi import APIRouter

router = APIRouter()
-- services/ns_pkg/worker.py --
from fastapi import APIRouter

router = APIRouter()
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
    },
    {
      name: 'allow-entry-for-the-entry-point-it-names',
      title: 'an allow entry with a reason, for the entry point it names, silences the finding',
      files: String.raw`
-- main.py --
from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware as GZip
from fastapi.middleware.cors import CORSMiddleware

from core import settings
from core.middleware import TimingMiddleware
from api.v1 import users
from services.ns_pkg import worker  # namespace package (no __init__.py)

try:
    import orjson  # noqa: F401  (optional third-party)
except ImportError:
    orjson = None

import requests  # noqa: F401  (third-party, declared in requirements.txt)

app = FastAPI()
app.add_middleware(CORSMiddleware, allow_origins=["*"])
app.add_middleware(GZip, minimum_size=500)
app.add_middleware(TimingMiddleware)
if settings.DEBUG:
    app.add_middleware(TimingMiddleware, label="debug")
app.include_router(users.router)
app.include_router(worker.router)
-- lazy_app.py --
import importlib
from typing import TYPE_CHECKING

from fastapi import FastAPI
from starlette.middleware.gzip import GZipMiddleware
import starlette.middleware.cors

from core import settings
from core.middleware import TimingMiddleware

if TYPE_CHECKING:
    from core.types import NotAtRuntime  # noqa: F401

app = FastAPI()
app.add_middleware(starlette.middleware.cors.CORSMiddleware, allow_origins=["*"])
app.add_middleware(TimingMiddleware)
if settings.DEBUG:
    app.add_middleware(TimingMiddleware, label="debug")

ROUTERS = {"users": "api.v1.users", "worker": "services.ns_pkg.worker"}


def load(name: str):
    module = importlib.import_module(ROUTERS[name])
    return getattr(module, "router")
-- requirements.txt --
fastapi
requests>=2
-- core/__init__.py --
DEBUG = False
-- core/settings.py --
DEBUG = False
-- core/middleware.py --
from starlette.middleware.base import BaseHTTPMiddleware


class TimingMiddleware(BaseHTTPMiddleware):
    def __init__(self, app, label="timing"):
        super().__init__(app)
        self.label = label
-- api/__init__.py --
-- api/v1/__init__.py --
from . import users  # noqa: F401  (relative import)
-- api/v1/users.py --
from fastapi import APIRouter

router = APIRouter()
-- services/ns_pkg/worker.py --
from fastapi import APIRouter

router = APIRouter()
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"],"allow":[{"rule":"PAR001","name":"GZipMiddleware","only":"main.py","reason":"API Gateway compresses on Lambda."}]}]}
`,
    },
    {
      name: 'app-handed-to-a-set-up-function',
      title: 'an app handed to a function is never reported as lacking what that function may register',
      files: String.raw`
-- main.py --
from fastapi import FastAPI

from core.setup import configure_middleware

app = FastAPI()
configure_middleware(app)
-- lazy_app.py --
from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware

app = FastAPI()
app.add_middleware(GZipMiddleware, minimum_size=500)
-- core/__init__.py --
-- core/setup.py --
from fastapi.middleware.gzip import GZipMiddleware


def configure_middleware(app):
    app.add_middleware(GZipMiddleware, minimum_size=500)
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
    },
    {
      name: 'app-handed-to-a-function-it-cannot-read',
      title: "an app handed to a function it cannot read (another package's) may register anything: silent",
      files: String.raw`
-- main.py --
from fastapi import FastAPI
from prometheus_fastapi_instrumentator import Instrumentator

app = FastAPI()
Instrumentator().instrument(app)
-- lazy_app.py --
from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware

app = FastAPI()
app.add_middleware(GZipMiddleware, minimum_size=500)
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
    },
    {
      name: 'two-entry-points-one-factory',
      title: 'two entry points built by the same factory, and a handler serving one of them, agree',
      files: String.raw`
-- main.py --
from core.factory import create_app

app = create_app()
-- lazy_app.py --
from core.factory import create_app

app = create_app()
-- handler.py --
from mangum import Mangum

from main import app

handler = Mangum(app)
-- core/__init__.py --
-- core/factory.py --
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware


def create_app():
    app = FastAPI(title="api")
    app.add_middleware(CORSMiddleware, allow_origins=["*"])
    app.add_middleware(GZipMiddleware, minimum_size=500)
    return app
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py","handler.py"]}]}
`,
    },
    {
      name: 'factory-calls-a-set-up-function',
      title: 'a factory that calls a set-up function is followed: no false alarm',
      files: String.raw`
-- main.py --
from core.factory import create_app

app = create_app()
-- lazy_app.py --
from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware

app = FastAPI()
app.add_middleware(GZipMiddleware, minimum_size=500)
-- core/__init__.py --
-- core/setup.py --
from fastapi.middleware.gzip import GZipMiddleware


def configure_middleware(app):
    app.add_middleware(GZipMiddleware, minimum_size=500)
-- core/factory.py --
from fastapi import FastAPI

from core.setup import configure_middleware


def create_app():
    app = FastAPI()
    configure_middleware(app)
    return app
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
    },
    {
      name: 'factory-hands-the-app-to-a-function-it-cannot-read',
      title: 'a factory handing the app to a function it cannot read: silent',
      files: String.raw`
-- main.py --
from core.factory import create_app

app = create_app()
-- lazy_app.py --
from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware

app = FastAPI()
app.add_middleware(GZipMiddleware, minimum_size=500)
-- core/__init__.py --
-- core/factory.py --
from fastapi import FastAPI
from prometheus_fastapi_instrumentator import Instrumentator


def create_app():
    app = FastAPI()
    Instrumentator().instrument(app)
    return app
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
    },
  ],
  invalid: [
    {
      name: 'middleware-beside-a-router-map-is-still-a-middleware',
      title: 'the lazy loader\'s false-alarm trigger: a @app.middleware in a file with a router map that does not include routers is a real gap',
      files: String.raw`
-- api/__init__.py --
${apiRouter('users')}
-- main.py --
from fastapi import FastAPI

from api import users

app = FastAPI()
app.include_router(users.router)
-- lazy_app.py --
import importlib

from fastapi import FastAPI

app = FastAPI()

_ROUTER_MAP = {"users": "api.users"}
for _path in _ROUTER_MAP.values():
    app.include_router(importlib.import_module(_path).router)


@app.middleware("http")
async def add_version(request, call_next):
    response = await call_next(request)
    response.headers["X-Version"] = "1"
    return response
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      findings: [
        'lazy_app.py:12:1  PAR001  error  add_version (@app.middleware) is registered in lazy_app.py:12 but not in main.py: requests through main.py run without it (related main.py:5:1-5:16)',
      ],
      python: { run: String.raw`from fastapi.testclient import TestClient
import main, lazy_app
assert TestClient(lazy_app.app).get("/users").headers.get("X-Version") == "1"
assert TestClient(main.app).get("/users").headers.get("X-Version") == "1", "main.py runs without add_version"`, fails: 'main.py runs without add_version' },
    },
    {
      name: 'different-middleware-loops',
      title: 'loops over two different middleware lists are reported',
      golden: true,
      files: String.raw`
-- lazy_app.py --
from fastapi import FastAPI

from middleware_stack import LAZY_MIDDLEWARE

app = FastAPI()
for middleware_class, options in LAZY_MIDDLEWARE:
    app.add_middleware(middleware_class, **options)
-- main.py --
from fastapi import FastAPI

from middleware_stack import MIDDLEWARE

app = FastAPI()
for middleware_class, options in MIDDLEWARE:
    app.add_middleware(middleware_class, **options)
-- middleware_stack.py --
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware

MIDDLEWARE = [
    (GZipMiddleware, {"minimum_size": 500}),
    (CORSMiddleware, {"allow_origins": ["https://app.example.com"]}),
]

LAZY_MIDDLEWARE = MIDDLEWARE[:1]
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      findings: [
        'lazy_app.py:7:5  PAR001  error  middleware_class (each of LAZY_MIDDLEWARE) is registered in lazy_app.py:7 but not in main.py: requests through main.py run without it (registered under a condition here) (related main.py:5:1-5:16)',
        'main.py:7:5  PAR001  error  middleware_class (each of MIDDLEWARE) is registered in main.py:7 but not in lazy_app.py: requests through lazy_app.py run without it (registered under a condition here) (related lazy_app.py:5:1-5:16)',
      ],
      python: { run: String.raw`import main, lazy_app
mw = lambda a: [(m.cls.__name__, sorted(m.options.items())) for m in a.user_middleware]
assert mw(main.app) == mw(lazy_app.app), (mw(main.app), mw(lazy_app.app))`, fails: 'AssertionError' },
    },
    {
      name: 'middleware-missing-on-one-side',
      title: 'a middleware only one entry point registers is reported at its line, naming the other, pointing at where the other one would have it',
      files: String.raw`
-- main.py --
from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware as GZip
from fastapi.middleware.cors import CORSMiddleware

from core import settings
from core.middleware import TimingMiddleware
from api.v1 import users
from services.ns_pkg import worker  # namespace package (no __init__.py)

try:
    import orjson  # noqa: F401  (optional third-party)
except ImportError:
    orjson = None

import requests  # noqa: F401  (third-party, declared in requirements.txt)

app = FastAPI()
app.add_middleware(CORSMiddleware, allow_origins=["*"])
app.add_middleware(GZip, minimum_size=500)
app.add_middleware(TimingMiddleware)
if settings.DEBUG:
    app.add_middleware(TimingMiddleware, label="debug")
app.include_router(users.router)
app.include_router(worker.router)
-- lazy_app.py --
import importlib
from typing import TYPE_CHECKING

from fastapi import FastAPI
from starlette.middleware.gzip import GZipMiddleware
import starlette.middleware.cors

from core import settings
from core.middleware import TimingMiddleware

if TYPE_CHECKING:
    from core.types import NotAtRuntime  # noqa: F401

app = FastAPI()
app.add_middleware(starlette.middleware.cors.CORSMiddleware, allow_origins=["*"])
app.add_middleware(TimingMiddleware)
if settings.DEBUG:
    app.add_middleware(TimingMiddleware, label="debug")

ROUTERS = {"users": "api.v1.users", "worker": "services.ns_pkg.worker"}


def load(name: str):
    module = importlib.import_module(ROUTERS[name])
    return getattr(module, "router")
-- requirements.txt --
fastapi
requests>=2
-- core/__init__.py --
DEBUG = False
-- core/settings.py --
DEBUG = False
-- core/middleware.py --
from starlette.middleware.base import BaseHTTPMiddleware


class TimingMiddleware(BaseHTTPMiddleware):
    def __init__(self, app, label="timing"):
        super().__init__(app)
        self.label = label
-- api/__init__.py --
-- api/v1/__init__.py --
from . import users  # noqa: F401  (relative import)
-- api/v1/users.py --
from fastapi import APIRouter

router = APIRouter()
-- services/ns_pkg/worker.py --
from fastapi import APIRouter

router = APIRouter()
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      findings: [
        'main.py:19:1  PAR001  error  GZipMiddleware is registered in main.py:19 but not in lazy_app.py: requests through lazy_app.py run without it  [*] (related lazy_app.py:14:1-14:16)',
      ],
      output: String.raw`
-- lazy_app.py --
import importlib
from typing import TYPE_CHECKING

from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware as GZip
from starlette.middleware.gzip import GZipMiddleware
import starlette.middleware.cors

from core import settings
from core.middleware import TimingMiddleware

if TYPE_CHECKING:
    from core.types import NotAtRuntime  # noqa: F401

app = FastAPI()
app.add_middleware(starlette.middleware.cors.CORSMiddleware, allow_origins=["*"])
app.add_middleware(GZip, minimum_size=500)
app.add_middleware(TimingMiddleware)
if settings.DEBUG:
    app.add_middleware(TimingMiddleware, label="debug")

ROUTERS = {"users": "api.v1.users", "worker": "services.ns_pkg.worker"}


def load(name: str):
    module = importlib.import_module(ROUTERS[name])
    return getattr(module, "router")
`,
    },
    {
      name: 'different-classes-of-the-same-name',
      title: 'different classes of the same name are told apart',
      files: String.raw`
-- main.py --
from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware as GZip
from fastapi.middleware.cors import CORSMiddleware

from core import settings
from core.middleware import TimingMiddleware
from api.v1 import users
from services.ns_pkg import worker  # namespace package (no __init__.py)

try:
    import orjson  # noqa: F401  (optional third-party)
except ImportError:
    orjson = None

import requests  # noqa: F401  (third-party, declared in requirements.txt)

app = FastAPI()
app.add_middleware(CORSMiddleware, allow_origins=["*"])
app.add_middleware(GZip, minimum_size=500)
app.add_middleware(TimingMiddleware)
if settings.DEBUG:
    app.add_middleware(TimingMiddleware, label="debug")
app.include_router(users.router)
app.include_router(worker.router)
-- lazy_app.py --
import importlib
from typing import TYPE_CHECKING

from fastapi import FastAPI
from starlette.middleware.gzip import GZipMiddleware
import starlette.middleware.cors

from core import settings
from other.middleware import TimingMiddleware

if TYPE_CHECKING:
    from core.types import NotAtRuntime  # noqa: F401

app = FastAPI()
app.add_middleware(starlette.middleware.cors.CORSMiddleware, allow_origins=["*"])
app.add_middleware(GZipMiddleware, minimum_size=500)
app.add_middleware(TimingMiddleware)
if settings.DEBUG:
    app.add_middleware(TimingMiddleware, label="debug")

ROUTERS = {"users": "api.v1.users", "worker": "services.ns_pkg.worker"}


def load(name: str):
    module = importlib.import_module(ROUTERS[name])
    return getattr(module, "router")
-- requirements.txt --
fastapi
requests>=2
-- core/__init__.py --
DEBUG = False
-- core/settings.py --
DEBUG = False
-- core/middleware.py --
from starlette.middleware.base import BaseHTTPMiddleware


class TimingMiddleware(BaseHTTPMiddleware):
    def __init__(self, app, label="timing"):
        super().__init__(app)
        self.label = label
-- api/__init__.py --
-- api/v1/__init__.py --
from . import users  # noqa: F401  (relative import)
-- api/v1/users.py --
from fastapi import APIRouter

router = APIRouter()
-- services/ns_pkg/worker.py --
from fastapi import APIRouter

router = APIRouter()
-- other/__init__.py --
-- other/middleware.py --
class TimingMiddleware:
    pass
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      findings: [
        'lazy_app.py:17:1  PAR001  error  TimingMiddleware is registered in lazy_app.py:17 but not in main.py: requests through main.py run without it (related main.py:17:1-17:16)',
        'main.py:20:1  PAR001  error  TimingMiddleware is registered in main.py:20 but not in lazy_app.py: requests through lazy_app.py run without it (related lazy_app.py:14:1-14:16)',
      ],
      // No fix: each file binds TimingMiddleware to its own class, so copying a line would register the wrong one.
    },
    {
      name: 'allow-entry-for-the-other-entry-point',
      title: 'an allow entry that names the other entry point does not silence it',
      files: String.raw`
-- main.py --
from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware as GZip
from fastapi.middleware.cors import CORSMiddleware

from core import settings
from core.middleware import TimingMiddleware
from api.v1 import users
from services.ns_pkg import worker  # namespace package (no __init__.py)

try:
    import orjson  # noqa: F401  (optional third-party)
except ImportError:
    orjson = None

import requests  # noqa: F401  (third-party, declared in requirements.txt)

app = FastAPI()
app.add_middleware(CORSMiddleware, allow_origins=["*"])
app.add_middleware(GZip, minimum_size=500)
app.add_middleware(TimingMiddleware)
if settings.DEBUG:
    app.add_middleware(TimingMiddleware, label="debug")
app.include_router(users.router)
app.include_router(worker.router)
-- lazy_app.py --
import importlib
from typing import TYPE_CHECKING

from fastapi import FastAPI
from starlette.middleware.gzip import GZipMiddleware
import starlette.middleware.cors

from core import settings
from core.middleware import TimingMiddleware

if TYPE_CHECKING:
    from core.types import NotAtRuntime  # noqa: F401

app = FastAPI()
app.add_middleware(starlette.middleware.cors.CORSMiddleware, allow_origins=["*"])
app.add_middleware(TimingMiddleware)
if settings.DEBUG:
    app.add_middleware(TimingMiddleware, label="debug")

ROUTERS = {"users": "api.v1.users", "worker": "services.ns_pkg.worker"}


def load(name: str):
    module = importlib.import_module(ROUTERS[name])
    return getattr(module, "router")
-- requirements.txt --
fastapi
requests>=2
-- core/__init__.py --
DEBUG = False
-- core/settings.py --
DEBUG = False
-- core/middleware.py --
from starlette.middleware.base import BaseHTTPMiddleware


class TimingMiddleware(BaseHTTPMiddleware):
    def __init__(self, app, label="timing"):
        super().__init__(app)
        self.label = label
-- api/__init__.py --
-- api/v1/__init__.py --
from . import users  # noqa: F401  (relative import)
-- api/v1/users.py --
from fastapi import APIRouter

router = APIRouter()
-- services/ns_pkg/worker.py --
from fastapi import APIRouter

router = APIRouter()
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"],"allow":[{"rule":"PAR001","name":"GZipMiddleware","only":"lazy_app.py","reason":"API Gateway compresses on Lambda."}]}]}
`,
      findings: [
        'main.py:19:1  PAR001  error  GZipMiddleware is registered in main.py:19 but not in lazy_app.py: requests through lazy_app.py run without it  [*] (related lazy_app.py:14:1-14:16)',
        // The entry silences nothing: since allow is applied centrally (#13), it is reported unused.
        'parity-check.config.json:1:1  SUP002  warning  unused allow entry (rule PAR001, name "GZipMiddleware", only "lazy_app.py"): no finding of app "app" matches it',
      ],
      output: String.raw`
-- lazy_app.py --
import importlib
from typing import TYPE_CHECKING

from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware as GZip
from starlette.middleware.gzip import GZipMiddleware
import starlette.middleware.cors

from core import settings
from core.middleware import TimingMiddleware

if TYPE_CHECKING:
    from core.types import NotAtRuntime  # noqa: F401

app = FastAPI()
app.add_middleware(starlette.middleware.cors.CORSMiddleware, allow_origins=["*"])
app.add_middleware(GZip, minimum_size=500)
app.add_middleware(TimingMiddleware)
if settings.DEBUG:
    app.add_middleware(TimingMiddleware, label="debug")

ROUTERS = {"users": "api.v1.users", "worker": "services.ns_pkg.worker"}


def load(name: str):
    module = importlib.import_module(ROUTERS[name])
    return getattr(module, "router")
`,
    },
    {
      name: 'app-handed-to-a-set-up-function-with-a-gap',
      title: 'the set-up function an app is handed to is read: a middleware registered there and missing elsewhere is reported there',
      files: String.raw`
-- main.py --
from fastapi import FastAPI

from core.setup import configure_middleware

app = FastAPI()
configure_middleware(app)
-- lazy_app.py --
from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware

app = FastAPI()
app.add_middleware(GZipMiddleware, minimum_size=500)
-- core/__init__.py --
-- core/setup.py --
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware


def configure_middleware(app):
    app.add_middleware(GZipMiddleware, minimum_size=500)
    app.add_middleware(CORSMiddleware, allow_origins=["*"])
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      findings: [
        'core/setup.py:7:5  PAR001  error  CORSMiddleware is registered in core/setup.py:7 (set up for main.py) but not in lazy_app.py: requests through lazy_app.py run without it (related lazy_app.py:4:1-4:16)',
      ],
    },
    {
      name: 'server-run-under-main',
      title: 'a server run under __main__ registers nothing: the gap is still reported',
      files: String.raw`
-- main.py --
import uvicorn
from fastapi import FastAPI

app = FastAPI()

if __name__ == "__main__":
    uvicorn.run(app, port=8000)
-- lazy_app.py --
from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware

app = FastAPI()
app.add_middleware(GZipMiddleware, minimum_size=500)
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      findings: [
        'lazy_app.py:5:1  PAR001  error  GZipMiddleware is registered in lazy_app.py:5 but not in main.py: requests through main.py run without it  [*] (related main.py:4:1-4:16)',
      ],
      output: String.raw`
-- main.py --
import uvicorn
from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware

app = FastAPI()
app.add_middleware(GZipMiddleware, minimum_size=500)

if __name__ == "__main__":
    uvicorn.run(app, port=8000)
`,
    },
    {
      name: 'factory-registers-what-the-other-lacks',
      title: 'an app built by a factory is compared like any app: what the factory registers and the other entry point lacks is reported in the factory',
      files: String.raw`
-- main.py --
from core.factory import create_app

app = create_app()
-- lazy_app.py --
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

app = FastAPI(title="api")
app.add_middleware(CORSMiddleware, allow_origins=["*"])
-- core/__init__.py --
-- core/factory.py --
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware


def create_app():
    app = FastAPI(title="api")
    app.add_middleware(CORSMiddleware, allow_origins=["*"])
    app.add_middleware(GZipMiddleware, minimum_size=500)
    return app
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      findings: [
        'core/factory.py:9:5  PAR001  error  GZipMiddleware is registered in core/factory.py:9 (set up for main.py) but not in lazy_app.py: requests through lazy_app.py run without it (related lazy_app.py:4:1-4:27)',
      ],
    },
    {
      name: 'factory-calls-a-set-up-function-with-a-gap',
      title: 'a factory that calls a set-up function is followed: a real gap is still found',
      files: String.raw`
-- main.py --
from core.factory import create_app

app = create_app()
-- lazy_app.py --
from fastapi import FastAPI

app = FastAPI()
-- core/__init__.py --
-- core/setup.py --
from fastapi.middleware.gzip import GZipMiddleware


def configure_middleware(app):
    app.add_middleware(GZipMiddleware, minimum_size=500)
-- core/factory.py --
from fastapi import FastAPI

from core.setup import configure_middleware


def create_app():
    app = FastAPI()
    configure_middleware(app)
    return app
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      findings: [
        'core/setup.py:5:5  PAR001  error  GZipMiddleware is registered in core/setup.py:5 (set up for main.py) but not in lazy_app.py: requests through lazy_app.py run without it (related lazy_app.py:3:1-3:16)',
      ],
    },
  ],
});
