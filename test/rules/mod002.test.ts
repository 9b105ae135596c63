// MOD002's cases (format and assertions: ./tester.ts), from test/fixtures/truth/ and test/rules/core.test.ts.
// The golden ones are also fixture repositories of test/golden, labelled test/fixtures/truth/mod002-<name>.
import { ruleTester } from './tester.js';

ruleTester('MOD002', {
  valid: [
    {
      name: 'dunder-import-without-fromlist',
      title: '__import__("api.users") returns the package api: api.users.router is read through it',
      golden: true,
      files: String.raw`
-- api/__init__.py --
-- api/users.py --
from fastapi import APIRouter

router = APIRouter()
-- main.py --
from fastapi import FastAPI

app = FastAPI()

api = __import__("api.users")
app.include_router(api.users.router)
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py"]}]}
`,
      python: { run: 'import main', fails: null },
    },
    {
      name: 'getattr-by-assignment',
      title: '__getattr__ = _lazy_attr serves attributes as def __getattr__ does',
      golden: true,
      files: String.raw`
-- api/__init__.py --
-- api/users/__init__.py --
import importlib


def _lazy_attr(name):
    if name == "router":
        return importlib.import_module("api.users.routes").router
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__getattr__ = _lazy_attr
-- api/users/routes.py --
from fastapi import APIRouter

router = APIRouter()
-- main.py --
import importlib
from fastapi import FastAPI

app = FastAPI()

for path in ["api.users"]:
    app.include_router(importlib.import_module(path).router)
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py"]}]}
`,
      python: { run: 'import main', fails: null },
    },
    {
      name: 'getattr-default-or-fallback',
      title: 'getattr(module, "router", None) or module.build_router(): the fallback runs only without router',
      golden: true,
      files: String.raw`
-- api/__init__.py --
-- api/users.py --
from fastapi import APIRouter

router = APIRouter()
-- main.py --
import importlib
from fastapi import FastAPI

app = FastAPI()

for path in ["api.users"]:
    module = importlib.import_module(path)
    router = getattr(module, "router", None) or module.build_router()
    app.include_router(router)
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py"]}]}
`,
      python: { run: 'import main', fails: null },
    },
    {
      name: 'hasattr-else-branch',
      title: 'if hasattr(module, "get_router"): ... else: module.router: the else branch runs only when the probe fails',
      golden: true,
      files: String.raw`
-- api/__init__.py --
-- api/users.py --
from fastapi import APIRouter


def get_router() -> APIRouter:
    return APIRouter()
-- main.py --
import importlib
from fastapi import FastAPI

app = FastAPI()

for path in ["api.users"]:
    module = importlib.import_module(path)
    if hasattr(module, "get_router"):
        router = module.get_router()
    else:
        router = module.router
    app.include_router(router)
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py"]}]}
`,
      python: { run: 'import main', fails: null },
    },
    {
      name: 'loader-default-path',
      title: 'load(path="api.users"): the default is paired with the call that leaves it out',
      golden: true,
      files: String.raw`
-- api/__init__.py --
-- api/users.py --
from fastapi import APIRouter

router = APIRouter()
-- hooks/__init__.py --
-- hooks/audit.py --
def register(app):
    pass
-- main.py --
import importlib

from fastapi import FastAPI

app = FastAPI()


def load(path: str = "api.users"):
    return importlib.import_module(path)


app.include_router(load().router)
load("hooks.audit").register(app)
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py"]}]}
`,
      python: { run: 'import main', fails: null },
    },
    {
      name: 'module-dunder-attributes',
      title: 'module.__name__ and module.__file__ are attributes of every module',
      golden: true,
      files: String.raw`
-- api/__init__.py --
-- api/users.py --
from fastapi import APIRouter

router = APIRouter()
-- main.py --
import importlib
import logging
from fastapi import FastAPI

logger = logging.getLogger(__name__)
app = FastAPI()

def load(path: str):
    module = importlib.import_module(path)
    logger.info("loaded %s from %s", module.__name__, module.__file__)
    return module.router

for path in ["api.users"]:
    app.include_router(load(path))
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py"]}]}
`,
      python: { run: 'import main', fails: null },
    },
    {
      name: 'namespace-subpackage-attribute',
      title: 'import_module("api").v1.users.router, with api.v1 a namespace package imported through api.v1.users',
      golden: true,
      files: String.raw`
-- api/__init__.py --
-- api/v1/users.py --
from fastapi import APIRouter
router = APIRouter()
-- main.py --
import importlib
from fastapi import FastAPI
import api.v1.users  # noqa: F401

app = FastAPI()


def load():
    return importlib.import_module("api").v1.users.router
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py"]}]}
`,
      python: { run: 'import main', fails: null },
    },
    {
      name: 'relative-package-name',
      title: 'import_module(".users", package=__name__) in a package: the attribute is read from routers.users, not from the package',
      golden: true,
      files: String.raw`
-- main.py --
from fastapi import FastAPI
from routers import load

app = FastAPI()
for name in ["users"]:
    app.include_router(load(name))
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py"]}]}
-- routers/__init__.py --
import importlib

def load(name: str):
    return importlib.import_module(".users", package=__name__).router
-- routers/users.py --
from fastapi import APIRouter

router = APIRouter()
`,
      python: { run: 'import main', fails: null },
    },
    {
      name: 'shared-loader-two-uses',
      title: 'one load(path) helper used for routers (load(p).router) and hooks (load(p).register(app))',
      golden: true,
      files: String.raw`
-- api/__init__.py --
-- api/users.py --
from fastapi import APIRouter

router = APIRouter()
-- hooks/__init__.py --
-- hooks/audit.py --
def register(app):
    pass
-- main.py --
import importlib
from fastapi import FastAPI

app = FastAPI()

ROUTERS = ["api.users"]
HOOKS = ["hooks.audit"]


def load(path: str):
    return importlib.import_module(path)


for path in ROUTERS:
    app.include_router(load(path).router)

for path in HOOKS:
    load(path).register(app)
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py"]}]}
`,
      python: { run: 'import main', fails: null },
    },
    {
      name: 'suppress-attribute-error',
      title: 'a read under with suppress(AttributeError) may fail',
      golden: true,
      files: String.raw`
-- api/__init__.py --
-- api/health.py --
def ping():
    return "ok"
-- api/users.py --
from fastapi import APIRouter

router = APIRouter()
-- main.py --
import importlib
from contextlib import suppress
from fastapi import FastAPI

app = FastAPI()

for path in ["api.users", "api.health"]:
    module = importlib.import_module(path)
    with suppress(AttributeError):
        app.include_router(module.router)
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py"]}]}
`,
      python: { run: 'import main', fails: null },
    },
    {
      name: 'loop-variable-reused-by-two-loops',
      title: "a loop variable reused by two loops: each loop's attribute is read only from its own container's modules, as Python does",
      files: String.raw`
-- main.py --
import importlib

from fastapi import FastAPI

app = FastAPI()
ROUTERS = ["x.a"]
HANDLERS = ["y.c"]


def load():
    out = []
    for p in ROUTERS:
        out.append(getattr(importlib.import_module(p), "router"))
    for p in HANDLERS:
        out.append(getattr(importlib.import_module(p), "handler"))
    return out
-- lazy_app.py --
import importlib

from fastapi import FastAPI

app = FastAPI()
ROUTERS = ["x.a"]
HANDLERS = ["y.c"]


def load():
    out = []
    for p in ROUTERS:
        out.append(getattr(importlib.import_module(p), "router"))
    for p in HANDLERS:
        out.append(getattr(importlib.import_module(p), "handler"))
    return out
-- x/__init__.py --
-- x/a.py --
router = 1
-- y/__init__.py --
-- y/c.py --
handler = 2
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      python: { run: String.raw`import lazy_app
print(lazy_app.load())`, fails: null, stdout: '[1, 2]' },
    },
    {
      name: 'one-variable-bound-to-modules-of-two-maps',
      title: "one variable bound to modules of two maps: each import's attributes are read only where that import reaches",
      files: String.raw`
-- main.py --
import importlib

from fastapi import FastAPI

app = FastAPI()
ROUTERS = ["x.a"]
TASKS = ["y.c"]


def setup():
    for name in ROUTERS:
        module = importlib.import_module(name)
        app.include_router(module.router)
    for name in TASKS:
        module = importlib.import_module(name)
        module.register()


setup()
-- lazy_app.py --
import importlib

from fastapi import FastAPI

app = FastAPI()
ROUTERS = ["x.a"]
TASKS = ["y.c"]


def setup():
    for name in ROUTERS:
        module = importlib.import_module(name)
        app.include_router(module.router)
    for name in TASKS:
        module = importlib.import_module(name)
        module.register()


setup()
-- x/__init__.py --
-- x/a.py --
from fastapi import APIRouter

router = APIRouter()
-- y/__init__.py --
-- y/c.py --
def register():
    return 2
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      python: { run: String.raw`import lazy_app
print(len(lazy_app.app.routes) > 0)`, fails: null, stdout: 'True' },
    },
    {
      name: 'reads-the-loader-is-ready-to-see-fail',
      title: 'getattr with a default, a hasattr guard or an AttributeError handler: the loader is ready to see the read fail',
      files: String.raw`
-- main.py --
import importlib

from fastapi import FastAPI

app = FastAPI()
A = ["p.a"]
B = ["p.b"]
C = ["p.c"]
D = ["p.d"]


def setup():
    for name in A:
        router = getattr(importlib.import_module(name), "router", None)
    for name in B:
        module = importlib.import_module(name)
        if hasattr(module, "router"):
            app.include_router(module.router)
    for name in C:
        module = importlib.import_module(name)
        try:
            module.setup()
        except AttributeError:
            pass
    for name in D:
        module = importlib.import_module(name)
        try:
            module.setup()
        except AttributeError:
            pass


setup()
-- lazy_app.py --
import importlib

from fastapi import FastAPI

app = FastAPI()
A = ["p.a"]
B = ["p.b"]
C = ["p.c"]
D = ["p.d"]


def setup():
    for name in A:
        router = getattr(importlib.import_module(name), "router", None)
    for name in B:
        module = importlib.import_module(name)
        if hasattr(module, "router"):
            app.include_router(module.router)
    for name in C:
        module = importlib.import_module(name)
        try:
            module.setup()
        except AttributeError:
            pass
    for name in D:
        module = importlib.import_module(name)
        try:
            module.setup()
        except AttributeError:
            pass


setup()
-- p/__init__.py --
-- p/a.py --
-- p/b.py --
-- p/c.py --
-- p/d.py --
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      python: { run: 'import lazy_app', fails: null },
    },
  ],
  invalid: [
    {
      name: 'hasattr-warning-then-read',
      title: 'if not hasattr(module, "router"): print(...) and then module.router anyway: the read is not guarded',
      golden: true,
      files: String.raw`
-- api/__init__.py --
-- api/health.py --
def ping():
    return 1
-- main.py --
import importlib

from fastapi import FastAPI

app = FastAPI()
for path in ["api.health"]:
    module = importlib.import_module(path)
    if not hasattr(module, "router"):
        print("no router in", path)
    app.include_router(module.router)
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py"]}]}
`,
      findings: [
        `main.py:6:14  MOD002  error  "api.health" resolves to api/health.py, which defines no top-level "router" that the loader reads: AttributeError: module 'api.health' has no attribute 'router' (related api/health.py:1:1-1:1)`,
      ],
      python: { run: 'import main', fails: "has no attribute 'router'" },
    },
    {
      name: 'package-attribute-is-unimported-submodule',
      title: 'getattr(import_module("api.users"), "router") where router is a submodule nothing imports',
      golden: true,
      files: String.raw`
-- api/__init__.py --
-- api/users/__init__.py --
-- api/users/router.py --
from fastapi import APIRouter

router = APIRouter()
-- main.py --
import importlib
from fastapi import FastAPI

app = FastAPI()
ROUTERS = ["api.users"]

def load(path: str):
    module = importlib.import_module(path)
    return getattr(module, "router")

for path in ROUTERS:
    app.include_router(load(path))
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py"]}]}
`,
      findings: [
        `main.py:5:12  MOD002  error  "api.users" resolves to api/users/__init__.py, which defines no top-level "router" that the loader reads: AttributeError: module 'api.users' has no attribute 'router' (related api/users/__init__.py:1:1-1:1)`,
      ],
      python: { run: 'import main', fails: "has no attribute 'router'" },
    },
    {
      name: 'shared-loader-hook-lacks-attribute',
      title: 'the same helper, with the hook module lacking register: only that is reported',
      golden: true,
      files: String.raw`
-- api/__init__.py --
-- api/users.py --
from fastapi import APIRouter

router = APIRouter()
-- hooks/__init__.py --
-- hooks/audit.py --
def setup(app):
    pass
-- main.py --
import importlib
from fastapi import FastAPI

app = FastAPI()

ROUTERS = ["api.users"]
HOOKS = ["hooks.audit"]


def load(path: str):
    return importlib.import_module(path)


for path in ROUTERS:
    app.include_router(load(path).router)

for path in HOOKS:
    load(path).register(app)
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py"]}]}
`,
      findings: [
        `main.py:7:10  MOD002  error  "hooks.audit" resolves to hooks/audit.py, which defines no top-level "register" that the loader reads: AttributeError: module 'hooks.audit' has no attribute 'register' (related hooks/audit.py:1:1-1:1)`,
      ],
      python: { run: 'import main', fails: "has no attribute 'register'" },
    },
    {
      name: 'type-checking-import-binds-nothing',
      title: 'router imported only under if TYPE_CHECKING: in the package',
      golden: true,
      files: String.raw`
-- api/__init__.py --
-- api/users/__init__.py --
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .routes import router

__all__ = ["router"]
-- api/users/routes.py --
from fastapi import APIRouter

router = APIRouter()
-- main.py --
import importlib
from fastapi import FastAPI

app = FastAPI()

for path in ["api.users"]:
    app.include_router(importlib.import_module(path).router)
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py"]}]}
`,
      findings: [
        `main.py:6:14  MOD002  error  "api.users" resolves to api/users/__init__.py, which defines no top-level "router" that the loader reads: AttributeError: module 'api.users' has no attribute 'router' (related api/users/__init__.py:1:1-1:1)`,
      ],
      python: { run: 'import main', fails: "has no attribute 'router'" },
    },
    {
      name: 'lazy-module-lacks-the-attribute-read',
      title: 'a lazily loaded module without the attribute the loader reads',
      files: String.raw`
-- main.py --
from fastapi import FastAPI

from api import users

app = FastAPI()
app.include_router(users.users_router)
-- lazy_app.py --
import importlib

from fastapi import FastAPI

app = FastAPI()
MAP = {"users": "api.users"}


def load(name):
    return importlib.import_module(MAP[name]).router
-- api/__init__.py --
-- api/users.py --
from fastapi import APIRouter

users_router = APIRouter()
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      findings: [
        `lazy_app.py:6:17  MOD002  error  "api.users" resolves to api/users.py, which defines no top-level "router" that the loader reads: AttributeError: module 'api.users' has no attribute 'router' (related api/users.py:1:1-1:1)`,
      ],
      python: { run: String.raw`import importlib
importlib.import_module("api.users").router`, fails: "AttributeError: module 'api.users' has no attribute 'router'" },
    },
    {
      name: 'loop-variable-reused-one-module-lacks-its-attribute',
      title: 'the same two loops with the names swapped in one module: only that module and attribute are reported',
      files: String.raw`
-- main.py --
import importlib

from fastapi import FastAPI

app = FastAPI()
ROUTERS = ["x.a"]
HANDLERS = ["y.c"]


def load():
    out = []
    for p in ROUTERS:
        out.append(getattr(importlib.import_module(p), "router"))
    for p in HANDLERS:
        out.append(getattr(importlib.import_module(p), "handler"))
    return out
-- lazy_app.py --
import importlib

from fastapi import FastAPI

app = FastAPI()
ROUTERS = ["x.a"]
HANDLERS = ["y.c"]


def load():
    out = []
    for p in ROUTERS:
        out.append(getattr(importlib.import_module(p), "router"))
    for p in HANDLERS:
        out.append(getattr(importlib.import_module(p), "handler"))
    return out
-- x/__init__.py --
-- x/a.py --
router = 1
-- y/__init__.py --
-- y/c.py --
router = 2
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      findings: [
        `lazy_app.py:7:13  MOD002  error  "y.c" resolves to y/c.py, which defines no top-level "handler" that the loader reads: AttributeError: module 'y.c' has no attribute 'handler' (related y/c.py:1:1-1:1)`,
        `main.py:7:13  MOD002  error  "y.c" resolves to y/c.py, which defines no top-level "handler" that the loader reads: AttributeError: module 'y.c' has no attribute 'handler' (related y/c.py:1:1-1:1)`,
      ],
      python: { run: String.raw`import lazy_app
lazy_app.load()`, fails: "AttributeError: module 'y.c' has no attribute 'handler'" },
    },
    {
      name: 'one-variable-two-maps-one-module-lacks-its-attribute',
      title: 'the same two maps with one module lacking the attribute its loop reads',
      files: String.raw`
-- main.py --
import importlib

from fastapi import FastAPI

app = FastAPI()
ROUTERS = ["x.a"]
TASKS = ["y.c"]


def setup():
    for name in ROUTERS:
        module = importlib.import_module(name)
        app.include_router(module.router)
    for name in TASKS:
        module = importlib.import_module(name)
        module.register()


setup()
-- lazy_app.py --
import importlib

from fastapi import FastAPI

app = FastAPI()
ROUTERS = ["x.a"]
TASKS = ["y.c"]


def setup():
    for name in ROUTERS:
        module = importlib.import_module(name)
        app.include_router(module.router)
    for name in TASKS:
        module = importlib.import_module(name)
        module.register()


setup()
-- x/__init__.py --
-- x/a.py --
from fastapi import APIRouter

router = APIRouter()
-- y/__init__.py --
-- y/c.py --
def setup():
    return 2
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      findings: [
        `lazy_app.py:7:10  MOD002  error  "y.c" resolves to y/c.py, which defines no top-level "register" that the loader reads: AttributeError: module 'y.c' has no attribute 'register' (related y/c.py:1:1-1:1)`,
        `main.py:7:10  MOD002  error  "y.c" resolves to y/c.py, which defines no top-level "register" that the loader reads: AttributeError: module 'y.c' has no attribute 'register' (related y/c.py:1:1-1:1)`,
      ],
      python: { run: 'import lazy_app', fails: "AttributeError: module 'y.c' has no attribute 'register'" },
    },
    {
      name: 'handler-of-something-else',
      title: 'a handler of ImportError around a read does not catch the AttributeError',
      files: String.raw`
-- main.py --
import importlib

from fastapi import FastAPI

app = FastAPI()
A = ["p.a"]
B = ["p.b"]
C = ["p.c"]
D = ["p.d"]


def setup():
    for name in A:
        router = getattr(importlib.import_module(name), "router", None)
    for name in B:
        module = importlib.import_module(name)
        if hasattr(module, "router"):
            app.include_router(module.router)
    for name in C:
        module = importlib.import_module(name)
        try:
            module.setup()
        except AttributeError:
            pass
    for name in D:
        module = importlib.import_module(name)
        try:
            module.setup()
        except ImportError:
            pass


setup()
-- lazy_app.py --
import importlib

from fastapi import FastAPI

app = FastAPI()
A = ["p.a"]
B = ["p.b"]
C = ["p.c"]
D = ["p.d"]


def setup():
    for name in A:
        router = getattr(importlib.import_module(name), "router", None)
    for name in B:
        module = importlib.import_module(name)
        if hasattr(module, "router"):
            app.include_router(module.router)
    for name in C:
        module = importlib.import_module(name)
        try:
            module.setup()
        except AttributeError:
            pass
    for name in D:
        module = importlib.import_module(name)
        try:
            module.setup()
        except ImportError:
            pass


setup()
-- p/__init__.py --
-- p/a.py --
-- p/b.py --
-- p/c.py --
-- p/d.py --
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      findings: [
        `lazy_app.py:9:6  MOD002  error  "p.d" resolves to p/d.py, which defines no top-level "setup" that the loader reads: AttributeError: module 'p.d' has no attribute 'setup' (related p/d.py:1:1-1:1)`,
        `main.py:9:6  MOD002  error  "p.d" resolves to p/d.py, which defines no top-level "setup" that the loader reads: AttributeError: module 'p.d' has no attribute 'setup' (related p/d.py:1:1-1:1)`,
      ],
      python: { run: 'import lazy_app', fails: "AttributeError: module 'p.d' has no attribute 'setup'" },
    },
  ],
});
