// PAR002's cases (format and assertions: ./tester.ts), from test/fixtures/truth/ and test/rules/core.test.ts.
// The golden ones are also fixture repositories of test/golden, labelled test/fixtures/truth/par002-<name>.
import { ruleTester } from './tester.js';

ruleTester('PAR002', {
  valid: [
    {
      name: 'constructor-list-order',
      title: 'FastAPI(middleware=[CORS, GZip]) is the same stack as add_middleware(GZip) then add_middleware(CORS)',
      golden: true,
      files: String.raw`
-- lazy_app.py --
from fastapi import FastAPI
from fastapi.middleware import Middleware
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware

app = FastAPI(
    middleware=[
        Middleware(CORSMiddleware, allow_origins=["https://app.example.com"]),
        Middleware(GZipMiddleware, minimum_size=500),
    ]
)
-- main.py --
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware

app = FastAPI()
app.add_middleware(GZipMiddleware, minimum_size=500)
app.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com"])
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      python: { run: String.raw`import main, lazy_app
mw = lambda a: [(m.cls.__name__, sorted(m.options.items())) for m in a.user_middleware]
assert mw(main.app) == mw(lazy_app.app), (mw(main.app), mw(lazy_app.app))`, fails: null },
    },
    {
      name: 'imported-name-two-ways',
      title: 'allow_origins=ALLOWED_ORIGINS imported from settings, and settings.ALLOWED_ORIGINS',
      golden: true,
      files: String.raw`
-- lazy_app.py --
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

import settings

app = FastAPI()
app.add_middleware(CORSMiddleware, allow_origins=settings.ALLOWED_ORIGINS)
-- main.py --
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from settings import ALLOWED_ORIGINS

app = FastAPI()
app.add_middleware(CORSMiddleware, allow_origins=ALLOWED_ORIGINS)
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
-- settings.py --
ALLOWED_ORIGINS = ["https://app.example.com"]
`,
      python: { run: String.raw`import main, lazy_app
mw = lambda a: [(m.cls.__name__, sorted(m.options.items())) for m in a.user_middleware]
assert mw(main.app) == mw(lazy_app.app), (mw(main.app), mw(lazy_app.app))`, fails: null },
    },
    {
      name: 'quote-style',
      title: 'the same arguments in single and double quotes',
      golden: true,
      files: String.raw`
-- lazy_app.py --
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

app = FastAPI()
app.add_middleware(CORSMiddleware, allow_origins=['https://app.example.com'], allow_credentials=True)
-- main.py --
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

app = FastAPI()
app.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com"], allow_credentials=True)
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      python: { run: String.raw`import main, lazy_app
mw = lambda a: [(m.cls.__name__, sorted(m.options.items())) for m in a.user_middleware]
assert mw(main.app) == mw(lazy_app.app), (mw(main.app), mw(lazy_app.app))`, fails: null },
    },
    {
      name: 'order-across-nested-set-up-functions-same',
      title: 'middleware order across nested set-up functions: the same order written inline is no difference (Python: the same user_middleware)',
      files: String.raw`
-- main.py --
from starlette.middleware.trustedhost import TrustedHostMiddleware

from core.factory import create_app

app = create_app()
app.add_middleware(TrustedHostMiddleware, allowed_hosts=["*"])
-- lazy_app.py --
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware

app = FastAPI()
app.add_middleware(GZipMiddleware, minimum_size=500)
app.add_middleware(CORSMiddleware, allow_origins=["*"])
app.add_middleware(TrustedHostMiddleware, allowed_hosts=["*"])
-- core/__init__.py --
-- core/factory.py --
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from core.setup import configure


def create_app():
    app = FastAPI()
    configure(app)
    app.add_middleware(CORSMiddleware, allow_origins=["*"])
    return app
-- core/setup.py --
from fastapi.middleware.gzip import GZipMiddleware


def configure(app):
    app.add_middleware(GZipMiddleware, minimum_size=500)
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      python: { run: String.raw`import main, lazy_app
n = lambda a: [m.cls.__name__ for m in a.user_middleware]
print(n(main.app) == n(lazy_app.app), n(main.app))`, fails: null, stdout: "True ['TrustedHostMiddleware', 'CORSMiddleware', 'GZipMiddleware']" },
    },
  ],
  invalid: [
    {
      name: 'constructor-list-order-differs',
      title: 'FastAPI(middleware=[GZip, CORS]) against add_middleware(GZip) then add_middleware(CORS): reversed stacks',
      golden: true,
      files: String.raw`
-- lazy_app.py --
from fastapi import FastAPI
from fastapi.middleware import Middleware
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware

app = FastAPI(
    middleware=[
        Middleware(GZipMiddleware, minimum_size=500),
        Middleware(CORSMiddleware, allow_origins=["https://app.example.com"]),
    ]
)
-- main.py --
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware

app = FastAPI()
app.add_middleware(GZipMiddleware, minimum_size=500)
app.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com"])
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      findings: [
        'lazy_app.py:8:9  PAR002  warning  middleware order differs: requests pass GZipMiddleware, CORSMiddleware in lazy_app.py but CORSMiddleware, GZipMiddleware in main.py (add_middleware puts each before the ones registered earlier; FastAPI(middleware=[...]) keeps its order, after them) (related main.py:6:1-6:53)',
      ],
      python: { run: String.raw`import main, lazy_app
mw = lambda a: [(m.cls.__name__, sorted(m.options.items())) for m in a.user_middleware]
assert mw(main.app) == mw(lazy_app.app), (mw(main.app), mw(lazy_app.app))`, fails: 'AssertionError' },
    },
    {
      name: 'order-across-setup-call',
      title: 'a setup function called before the other registration in one entry point and after it in the other',
      golden: true,
      files: String.raw`
-- lazy_app.py --
from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware

from setup import configure_cors

app = FastAPI()
configure_cors(app)
app.add_middleware(GZipMiddleware, minimum_size=500)
-- main.py --
from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware

from setup import configure_cors

app = FastAPI()
app.add_middleware(GZipMiddleware, minimum_size=500)
configure_cors(app)
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
-- setup.py --
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware


def configure_cors(app: FastAPI) -> None:
    app.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com"])
`,
      findings: [
        'lazy_app.py:8:1  PAR002  warning  middleware order differs: requests pass GZipMiddleware, CORSMiddleware in lazy_app.py but CORSMiddleware, GZipMiddleware in main.py (add_middleware puts each before the ones registered earlier; FastAPI(middleware=[...]) keeps its order, after them) (related main.py:7:1-7:53)',
      ],
      python: { run: String.raw`import main, lazy_app
mw = lambda a: [(m.cls.__name__, sorted(m.options.items())) for m in a.user_middleware]
assert mw(main.app) == mw(lazy_app.app), (mw(main.app), mw(lazy_app.app))`, fails: 'AssertionError' },
    },
    {
      name: 'different-arguments',
      title: 'the same middleware with different arguments',
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
app.add_middleware(GZipMiddleware, minimum_size=1000)
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
        'lazy_app.py:16:1  PAR002  warning  GZipMiddleware is registered with (minimum_size=1000) in lazy_app.py but with (minimum_size=500) in main.py:19 (related main.py:19:1-19:43)',
      ],
    },
    {
      name: 'different-order',
      title: 'the same middleware in a different order',
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
app.add_middleware(GZipMiddleware, minimum_size=500)
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
        'lazy_app.py:16:1  PAR002  warning  middleware order differs: requests pass TimingMiddleware, CORSMiddleware, GZipMiddleware in lazy_app.py but TimingMiddleware, GZipMiddleware, CORSMiddleware in main.py (add_middleware puts each before the ones registered earlier; FastAPI(middleware=[...]) keeps its order, after them) (related main.py:18:1-18:56)',
      ],
    },
    {
      name: 'order-across-nested-set-up-functions-differs',
      title: 'middleware order across nested set-up functions: another order is reported (Python: a different user_middleware)',
      files: String.raw`
-- main.py --
from starlette.middleware.trustedhost import TrustedHostMiddleware

from core.factory import create_app

app = create_app()
app.add_middleware(TrustedHostMiddleware, allowed_hosts=["*"])
-- lazy_app.py --
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware

app = FastAPI()
app.add_middleware(CORSMiddleware, allow_origins=["*"])
app.add_middleware(GZipMiddleware, minimum_size=500)
app.add_middleware(TrustedHostMiddleware, allowed_hosts=["*"])
-- core/__init__.py --
-- core/factory.py --
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from core.setup import configure


def create_app():
    app = FastAPI()
    configure(app)
    app.add_middleware(CORSMiddleware, allow_origins=["*"])
    return app
-- core/setup.py --
from fastapi.middleware.gzip import GZipMiddleware


def configure(app):
    app.add_middleware(GZipMiddleware, minimum_size=500)
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      findings: [
        'lazy_app.py:8:1  PAR002  warning  middleware order differs: requests pass TrustedHostMiddleware, GZipMiddleware, CORSMiddleware in lazy_app.py but TrustedHostMiddleware, CORSMiddleware, GZipMiddleware in main.py (add_middleware puts each before the ones registered earlier; FastAPI(middleware=[...]) keeps its order, after them) (related core/setup.py:5:5-5:57)',
      ],
      python: { run: String.raw`import main, lazy_app
n = lambda a: [m.cls.__name__ for m in a.user_middleware]
print(n(main.app) == n(lazy_app.app), n(main.app))`, fails: null, stdout: "False ['TrustedHostMiddleware', 'CORSMiddleware', 'GZipMiddleware']" },
    },
  ],
});
