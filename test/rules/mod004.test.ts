// MOD004's cases (format and assertions: ./tester.ts), from test/fixtures/truth/ and test/rules/closure.test.ts.
// The golden ones are also fixture repositories of test/golden, labelled test/fixtures/truth/mod004-<name>.
import { ruleTester } from './tester.js';

ruleTester('MOD004', {
  valid: [
    {
      name: 'getattr-by-assignment',
      title: '__getattr__ = _lazy_getattr serves attributes',
      golden: true,
      files: String.raw`
-- lazy_app.py --
from fastapi import FastAPI

from services import BillingService  # noqa: F401

app = FastAPI()
-- main.py --
from fastapi import FastAPI

app = FastAPI()
-- parity-check.config.json --
{"apps": [{"name": "app", "root": ".", "entrypoints": ["main.py", "lazy_app.py"]}]}
-- services/__init__.py --
import importlib

_EXPORTS = {"BillingService": "services.billing"}


def _lazy_getattr(name):
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(name)


__getattr__ = _lazy_getattr
-- services/billing.py --
class BillingService:
    pass
`,
      python: { run: 'import lazy_app', fails: null },
    },
    {
      name: 'getattr-by-import',
      title: 'from ._lazy import __getattr__ serves attributes',
      golden: true,
      files: String.raw`
-- lazy_app.py --
from fastapi import FastAPI

from services import billing  # noqa: F401

app = FastAPI()
-- main.py --
from fastapi import FastAPI

app = FastAPI()
-- parity-check.config.json --
{"apps": [{"name": "app", "root": ".", "entrypoints": ["main.py", "lazy_app.py"]}]}
-- services/__init__.py --
from ._lazy import __getattr__  # noqa: F401
-- services/_impl/__init__.py --
-- services/_impl/billing.py --
X = 1
-- services/_lazy.py --
import importlib


def __getattr__(name):
    if name.startswith("__"):
        raise AttributeError(name)
    return importlib.import_module("services._impl." + name)
`,
      python: { run: 'import lazy_app', fails: null },
    },
    {
      name: 'globals-update',
      title: 'globals().update(DEFAULTS) provides names no statement lists',
      golden: true,
      files: String.raw`
-- config.py --
_DEFAULTS = {"DATABASE_URL": "sqlite://", "DEBUG": False}

globals().update(_DEFAULTS)
-- lazy_app.py --
from fastapi import FastAPI

from config import DATABASE_URL  # noqa: F401

app = FastAPI()
-- main.py --
from fastapi import FastAPI

app = FastAPI()
-- parity-check.config.json --
{"apps": [{"name": "app", "root": ".", "entrypoints": ["main.py", "lazy_app.py"]}]}
`,
      python: { run: 'import lazy_app', fails: null },
    },
    {
      name: 'self-import-inside-a-function',
      title: 'from . import settings inside def create_app() in app/__init__.py runs after the module defines settings',
      golden: true,
      files: String.raw`
-- app/__init__.py --
from fastapi import FastAPI


def create_app():
    from . import settings
    from app import VERSION
    return FastAPI(title=settings.title, version=VERSION)


class settings:
    title = "x"

VERSION = "1"
-- main.py --
from fastapi import FastAPI
from app import create_app
app = create_app()
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py"]}]}
`,
      python: { run: 'import main', fails: null },
    },
    {
      name: 'suppress-import-error',
      title: 'a from-import under with suppress(ImportError) is optional',
      golden: true,
      files: String.raw`
-- lazy_app.py --
import contextlib

from fastapi import FastAPI

with contextlib.suppress(ImportError):
    from local_settings import OVERRIDES  # noqa: F401

app = FastAPI()
-- local_settings.py --
DEBUG = True
-- main.py --
from fastapi import FastAPI

app = FastAPI()
-- parity-check.config.json --
{"apps": [{"name": "app", "root": ".", "entrypoints": ["main.py", "lazy_app.py"]}]}
`,
      python: { run: 'import lazy_app', fails: null },
    },
    {
      name: 'with-as-binding',
      title: 'with open(...) as settings_file: binds settings_file at module level',
      golden: true,
      files: String.raw`
-- config.py --
import os

with open(os.path.join(os.path.dirname(__file__), "settings.json")) as settings_file:
    RAW = settings_file.read()
-- lazy_app.py --
from fastapi import FastAPI

from config import settings_file  # noqa: F401

app = FastAPI()
-- main.py --
from fastapi import FastAPI

app = FastAPI()
-- parity-check.config.json --
{"apps": [{"name": "app", "root": ".", "entrypoints": ["main.py", "lazy_app.py"]}]}
-- settings.json --
{"debug": false}
`,
      python: { run: 'import lazy_app', fails: null },
    },
    {
      name: 'a-name-from-a-followed-star-import',
      title: 'a name from a followed star import',
      files: String.raw`
-- main.py --
from fastapi import FastAPI


app = FastAPI()
-- lazy_app.py --
from fastapi import FastAPI

from pkg.api import helper

app = FastAPI()
-- pkg/__init__.py --
-- pkg/api.py --
from .impl import *
-- pkg/impl.py --
def helper():
    pass
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      python: { run: String.raw`import lazy_app  # noqa: F401
from sqlalchemy.orm import configure_mappers
configure_mappers()
print("ok")`, fails: null, stdout: 'ok' },
    },
    {
      name: 'a-submodule-imported-by-name',
      title: 'a submodule imported by name',
      files: String.raw`
-- main.py --
from fastapi import FastAPI


app = FastAPI()
-- lazy_app.py --
from fastapi import FastAPI

from pkg import sub

app = FastAPI()
-- pkg/__init__.py --
-- pkg/sub.py --
x = 1
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      python: { run: String.raw`import lazy_app  # noqa: F401
from sqlalchemy.orm import configure_mappers
configure_mappers()
print("ok")`, fails: null, stdout: 'ok' },
    },
    {
      name: 'a-re-export-through-__init__-py',
      title: 'a re-export through __init__.py',
      files: String.raw`
-- main.py --
from fastapi import FastAPI


app = FastAPI()
-- lazy_app.py --
from fastapi import FastAPI

from pkg import Thing

app = FastAPI()
-- pkg/__init__.py --
from .impl import Thing
-- pkg/impl.py --
class Thing:
    pass
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      python: { run: String.raw`import lazy_app  # noqa: F401
from sqlalchemy.orm import configure_mappers
configure_mappers()
print("ok")`, fails: null, stdout: 'ok' },
    },
    {
      name: 'a-conditional-definition',
      title: 'a conditional definition',
      files: String.raw`
-- main.py --
from fastapi import FastAPI


app = FastAPI()
-- lazy_app.py --
from fastapi import FastAPI

from pkg.compat import Name

app = FastAPI()
-- pkg/__init__.py --
-- pkg/compat.py --
import sys

if sys.version_info >= (3, 8):
    Name = "new"
else:
    Name = "old"
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      python: { run: String.raw`import lazy_app  # noqa: F401
from sqlalchemy.orm import configure_mappers
configure_mappers()
print("ok")`, fails: null, stdout: 'ok' },
    },
    {
      name: 'an-import-cycle',
      title: 'an import cycle',
      files: String.raw`
-- main.py --
from fastapi import FastAPI


app = FastAPI()
-- lazy_app.py --
from fastapi import FastAPI

from pkg.a import A

app = FastAPI()
-- pkg/__init__.py --
-- pkg/a.py --
A = 1
from pkg.b import B  # noqa: E402
-- pkg/b.py --
from pkg.a import A
B = A + 1
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      python: { run: String.raw`import lazy_app  # noqa: F401
from sqlalchemy.orm import configure_mappers
configure_mappers()
print("ok")`, fails: null, stdout: 'ok' },
    },
    {
      name: 'an-optional-import',
      title: 'an optional import',
      files: String.raw`
-- main.py --
from fastapi import FastAPI


app = FastAPI()
-- lazy_app.py --
from fastapi import FastAPI

try:
    from pkg.mod import Missing
except ImportError:
    Missing = None

app = FastAPI()
-- pkg/__init__.py --
-- pkg/mod.py --
Present = 1
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      python: { run: String.raw`import lazy_app  # noqa: F401
from sqlalchemy.orm import configure_mappers
configure_mappers()
print("ok")`, fails: null, stdout: 'ok' },
    },
    {
      name: 'a-type_checking-import',
      title: 'a TYPE_CHECKING import',
      files: String.raw`
-- main.py --
from fastapi import FastAPI


app = FastAPI()
-- lazy_app.py --
from fastapi import FastAPI

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pkg.mod import Missing

app = FastAPI()
-- pkg/__init__.py --
-- pkg/mod.py --
Present = 1
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      python: { run: String.raw`import lazy_app  # noqa: F401
from sqlalchemy.orm import configure_mappers
configure_mappers()
print("ok")`, fails: null, stdout: 'ok' },
    },
    {
      name: 'a-module-with-__getattr__',
      title: 'a module with __getattr__',
      files: String.raw`
-- main.py --
from fastapi import FastAPI


app = FastAPI()
-- lazy_app.py --
from fastapi import FastAPI

from pkg.lazy import anything

app = FastAPI()
-- pkg/__init__.py --
-- pkg/lazy.py --
def __getattr__(name):
    return name
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      python: { run: String.raw`import lazy_app  # noqa: F401
from sqlalchemy.orm import configure_mappers
configure_mappers()
print("ok")`, fails: null, stdout: 'ok' },
    },
    {
      name: 'a-star-import-from-the-standard-library',
      title: 'a star import from the standard library',
      files: String.raw`
-- main.py --
from fastapi import FastAPI


app = FastAPI()
-- lazy_app.py --
from fastapi import FastAPI

from pkg.paths import join

app = FastAPI()
-- pkg/__init__.py --
-- pkg/paths.py --
from os.path import *
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      python: { run: String.raw`import lazy_app  # noqa: F401
from sqlalchemy.orm import configure_mappers
configure_mappers()
print("ok")`, fails: null, stdout: 'ok' },
    },
    {
      name: 'a-global-declared-in-a-function',
      title: 'a global declared in a function',
      files: String.raw`
-- main.py --
from fastapi import FastAPI


app = FastAPI()
-- lazy_app.py --
from fastapi import FastAPI

from pkg.state import CACHE

app = FastAPI()
-- pkg/__init__.py --
-- pkg/state.py --
def init():
    global CACHE
    CACHE = {}


init()
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      python: { run: String.raw`import lazy_app  # noqa: F401
from sqlalchemy.orm import configure_mappers
configure_mappers()
print("ok")`, fails: null, stdout: 'ok' },
    },
    {
      name: 'module-attributes-every-module-has',
      title: 'module attributes every module has',
      files: String.raw`
-- main.py --
from fastapi import FastAPI


app = FastAPI()
-- lazy_app.py --
from fastapi import FastAPI

from pkg import __path__, __name__
from pkg.mod import __file__, __doc__, __spec__

app = FastAPI()
-- pkg/__init__.py --
-- pkg/mod.py --
x = 1
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      python: { run: String.raw`import lazy_app  # noqa: F401
from sqlalchemy.orm import configure_mappers
configure_mappers()
print("ok")`, fails: null, stdout: 'ok' },
    },
  ],
  invalid: [
    {
      name: 'module-not-found-handler-does-not-catch-names',
      title: 'try: from local_settings import OVERRIDES except ModuleNotFoundError: the module exists, the name does not: ImportError escapes',
      golden: true,
      files: String.raw`
-- lazy_app.py --
from fastapi import FastAPI

try:
    from local_settings import OVERRIDES
except ModuleNotFoundError:
    OVERRIDES = {}

app = FastAPI()
-- local_settings.py --
DEBUG = True
-- main.py --
from fastapi import FastAPI

app = FastAPI()
-- parity-check.config.json --
{"apps": [{"name": "app", "root": ".", "entrypoints": ["main.py", "lazy_app.py"]}]}
`,
      findings: [
        "lazy_app.py:4:32  MOD004  error  ImportError: cannot import name 'OVERRIDES' from 'local_settings' (local_settings.py)",
      ],
      python: { run: 'import lazy_app', fails: "cannot import name 'OVERRIDES'" },
    },
    {
      name: 'package-init-imports-itself-a-name',
      title: 'from . import VERSION in api/__init__.py, which defines no VERSION',
      golden: true,
      files: String.raw`
-- api/__init__.py --
from . import helpers  # noqa: F401
from . import VERSION  # noqa: F401
-- api/helpers.py --
X = 1
-- lazy_app.py --
from fastapi import FastAPI

from api import VERSION, helpers  # noqa: F401

app = FastAPI()
-- main.py --
from fastapi import FastAPI

app = FastAPI()
-- parity-check.config.json --
{"apps": [{"name": "app", "root": ".", "entrypoints": ["main.py", "lazy_app.py"]}]}
`,
      findings: [
        "api/__init__.py:2:15  MOD004  error  ImportError: cannot import name 'VERSION' from partially initialized module 'api' (most likely due to a circular import) (api/__init__.py): no submodule or earlier statement provides it",
      ],
      python: { run: 'import lazy_app', fails: "cannot import name 'VERSION' from partially initialized module 'api'" },
    },
    {
      name: 'package-init-imports-missing-submodule',
      title: 'from . import users, payments in routers/__init__.py, with no payments: the statement does not vouch for itself',
      golden: true,
      files: String.raw`
-- lazy_app.py --
from fastapi import FastAPI

from routers import users  # noqa: F401

app = FastAPI()
-- main.py --
from fastapi import FastAPI

app = FastAPI()
-- parity-check.config.json --
{"apps": [{"name": "app", "root": ".", "entrypoints": ["main.py", "lazy_app.py"]}]}
-- routers/__init__.py --
from . import users, payments  # noqa: F401
-- routers/users.py --
from fastapi import APIRouter

router = APIRouter()
`,
      findings: [
        "routers/__init__.py:1:22  MOD004  error  ImportError: cannot import name 'payments' from partially initialized module 'routers' (most likely due to a circular import) (routers/__init__.py): no submodule or earlier statement provides it",
      ],
      python: { run: 'import lazy_app', fails: "cannot import name 'payments' from partially initialized module 'routers'" },
    },
    {
      name: 'star-import-follows-all-submodules',
      title: 'from routers import * imports routers.users (in __all__), whose own import fails',
      golden: true,
      files: String.raw`
-- lazy_app.py --
from fastapi import FastAPI

from routers import *  # noqa: F401,F403

app = FastAPI()
app.include_router(users.router)
-- main.py --
from fastapi import FastAPI

app = FastAPI()
-- parity-check.config.json --
{"apps": [{"name": "app", "root": ".", "entrypoints": ["main.py", "lazy_app.py"]}]}
-- routers/__init__.py --
__all__ = ["users"]
-- routers/users.py --
from fastapi import APIRouter

from services.user_service import UserService  # noqa: F401

router = APIRouter()
-- services/__init__.py --
-- services/user_service.py --
class UserSvc:
    pass
`,
      findings: [
        "routers/users.py:3:35  MOD004  error  ImportError: cannot import name 'UserService' from 'services.user_service' (services/user_service.py); did you mean 'UserSvc'?",
      ],
      python: { run: 'import lazy_app', fails: "cannot import name 'UserService'" },
    },
    {
      name: 'type-checking-import-binds-nothing',
      title: 'from services.users import User, bound there only under if TYPE_CHECKING:',
      golden: true,
      files: String.raw`
-- lazy_app.py --
from fastapi import FastAPI

from services.users import User  # noqa: F401

app = FastAPI()
-- main.py --
from fastapi import FastAPI

app = FastAPI()
-- models/__init__.py --
-- models/user.py --
class User:
    pass
-- parity-check.config.json --
{"apps": [{"name": "app", "root": ".", "entrypoints": ["main.py", "lazy_app.py"]}]}
-- services/__init__.py --
-- services/users.py --
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from models.user import User


def get_user(user_id: int) -> "User":
    raise NotImplementedError
`,
      findings: [
        "lazy_app.py:3:28  MOD004  error  ImportError: cannot import name 'User' from 'services.users' (services/users.py)",
      ],
      python: { run: 'import lazy_app', fails: "cannot import name 'User'" },
    },
    {
      name: 'a-missing-name',
      title: 'a missing name',
      files: String.raw`
-- main.py --
from fastapi import FastAPI


app = FastAPI()
-- lazy_app.py --
from fastapi import FastAPI

from pkg.mod import Missing

app = FastAPI()
-- pkg/__init__.py --
-- pkg/mod.py --
Present = 1
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      findings: [
        "lazy_app.py:3:21  MOD004  error  ImportError: cannot import name 'Missing' from 'pkg.mod' (pkg/mod.py)",
      ],
      python: { run: String.raw`import lazy_app  # noqa: F401
from sqlalchemy.orm import configure_mappers
configure_mappers()
print("ok")`, fails: "cannot import name 'Missing'" },
    },
    {
      name: 'a-name-the-star-import-leaves-out-through-__all__',
      title: 'a name the star import leaves out through __all__',
      files: String.raw`
-- main.py --
from fastapi import FastAPI


app = FastAPI()
-- lazy_app.py --
from fastapi import FastAPI

from pkg.api import hidden

app = FastAPI()
-- pkg/__init__.py --
-- pkg/api.py --
from .impl import *
-- pkg/impl.py --
__all__ = ["shown"]
shown = 1
hidden = 2
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      findings: [
        "lazy_app.py:3:21  MOD004  error  ImportError: cannot import name 'hidden' from 'pkg.api' (pkg/api.py)",
      ],
      python: { run: String.raw`import lazy_app  # noqa: F401
from sqlalchemy.orm import configure_mappers
configure_mappers()
print("ok")`, fails: "cannot import name 'hidden'" },
    },
    {
      name: 'a-private-name-a-star-import-does-not-bind',
      title: 'a private name a star import does not bind',
      files: String.raw`
-- main.py --
from fastapi import FastAPI


app = FastAPI()
-- lazy_app.py --
from fastapi import FastAPI

from pkg.api import _private

app = FastAPI()
-- pkg/__init__.py --
-- pkg/api.py --
from .impl import *
-- pkg/impl.py --
_private = 1
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      findings: [
        "lazy_app.py:3:21  MOD004  error  ImportError: cannot import name '_private' from 'pkg.api' (pkg/api.py)",
      ],
      python: { run: String.raw`import lazy_app  # noqa: F401
from sqlalchemy.orm import configure_mappers
configure_mappers()
print("ok")`, fails: "cannot import name '_private'" },
    },
    {
      name: 'a-name-from-a-namespace-package',
      title: 'a name from a namespace package',
      files: String.raw`
-- main.py --
from fastapi import FastAPI


app = FastAPI()
-- lazy_app.py --
from fastapi import FastAPI

from ns import Missing

app = FastAPI()
-- ns/real.py --
x = 1
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      findings: [
        "lazy_app.py:3:16  MOD004  error  ImportError: cannot import name 'Missing' from 'ns' (unknown location)",
      ],
      python: { run: String.raw`import lazy_app  # noqa: F401
from sqlalchemy.orm import configure_mappers
configure_mappers()
print("ok")`, fails: "cannot import name 'Missing' from 'ns' (unknown location)" },
    },
    {
      name: '__path__-of-a-plain-module',
      title: '__path__ of a plain module',
      files: String.raw`
-- main.py --
from fastapi import FastAPI


app = FastAPI()
-- lazy_app.py --
from fastapi import FastAPI

from pkg.mod import __path__

app = FastAPI()
-- pkg/__init__.py --
-- pkg/mod.py --
x = 1
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      findings: [
        "lazy_app.py:3:21  MOD004  error  ImportError: cannot import name '__path__' from 'pkg.mod' (pkg/mod.py); did you mean '__cached__' or '__package__' or '__dict__'?",
      ],
      python: { run: String.raw`import lazy_app  # noqa: F401
from sqlalchemy.orm import configure_mappers
configure_mappers()
print("ok")`, fails: "cannot import name '__path__'" },
    },
    {
      name: 'a-relative-import-of-a-missing-name',
      title: 'a relative import of a missing name',
      files: String.raw`
-- main.py --
from fastapi import FastAPI


app = FastAPI()
-- lazy_app.py --
from fastapi import FastAPI

from pkg.service import run

app = FastAPI()
-- pkg/__init__.py --
-- pkg/service.py --
from .helpers import missing_helper


def run():
    return missing_helper()
-- pkg/helpers.py --
def helper():
    pass
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      findings: [
        "pkg/service.py:1:22  MOD004  error  ImportError: cannot import name 'missing_helper' from 'pkg.helpers' (pkg/helpers.py); did you mean 'helper'?",
      ],
      python: { run: String.raw`import lazy_app  # noqa: F401
from sqlalchemy.orm import configure_mappers
configure_mappers()
print("ok")`, fails: "cannot import name 'missing_helper'" },
    },
    {
      name: 'close-names-like-difflib',
      title: 'MOD004 speaks Python and lists close names like difflib',
      files: String.raw`
-- main.py --
from fastapi import FastAPI


app = FastAPI()
-- lazy_app.py --
from fastapi import FastAPI

from contexts.cme.models import CMEActivityTopic

app = FastAPI()
-- contexts/__init__.py --
-- contexts/cme/__init__.py --
-- contexts/cme/models.py --
class CMEActivity:
    pass


class CMETopic:
    pass


class User:
    pass
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      findings: [
        "lazy_app.py:3:33  MOD004  error  ImportError: cannot import name 'CMEActivityTopic' from 'contexts.cme.models' (contexts/cme/models.py); did you mean 'CMEActivity' or 'CMETopic'?",
      ],
    },
  ],
});
