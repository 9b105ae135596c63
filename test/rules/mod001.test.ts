// MOD001's cases (format and assertions: ./tester.ts), from test/fixtures/truth/ and test/rules/core.test.ts.
// The golden ones are also fixture repositories of test/golden, labelled test/fixtures/truth/mod001-<name>.
import { ruleTester } from './tester.js';

ruleTester('MOD001', {
  valid: [
    {
      name: 'sys-path-insert',
      title: 'sys.path.insert(0, str(Path(__file__).parent / "plugins")) adds plugins/, known from __file__: "billing.router" resolves there (was a hedged warning before the folder was computed)',
      files: String.raw`
-- main.py --
import importlib
import sys
from pathlib import Path
from fastapi import FastAPI

sys.path.insert(0, str(Path(__file__).parent / "plugins"))

app = FastAPI()

for path in ["billing.router"]:
    app.include_router(importlib.import_module(path).router)
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py"]}]}
-- plugins/billing/__init__.py --
-- plugins/billing/router.py --
from fastapi import APIRouter

router = APIRouter()
`,
      python: { run: 'import main', fails: null },
    },
    {
      name: 'dunder-import-level',
      title: '__import__(name, globals(), locals(), ["router"], 1) is relative to the package',
      golden: true,
      files: String.raw`
-- api/__init__.py --
ROUTERS = {"users": "users"}


def load(name):
    module = __import__(ROUTERS[name], globals(), locals(), ["router"], 1)
    return module.router
-- api/users.py --
from fastapi import APIRouter

router = APIRouter()
-- main.py --
from fastapi import FastAPI
from api import load

app = FastAPI()
app.include_router(load("users"))
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py"]}]}
`,
      python: { run: 'import main', fails: null },
    },
    {
      name: 'fstring-over-dict-items',
      title: 'for name, version in VERSIONS.items(): f"api.{version}.{name}" pairs each name with its own version',
      golden: true,
      files: String.raw`
-- api/__init__.py --
-- api/v1/__init__.py --
-- api/v1/users.py --
from fastapi import APIRouter

router = APIRouter()
-- api/v2/__init__.py --
-- api/v2/items.py --
from fastapi import APIRouter

router = APIRouter()
-- main.py --
import importlib
from fastapi import FastAPI

app = FastAPI()

# router name -> API version it lives in
ROUTER_VERSIONS = {"users": "v1", "items": "v2"}

for name, version in ROUTER_VERSIONS.items():
    module = importlib.import_module(f"api.{version}.{name}")
    app.include_router(module.router, prefix=f"/{version}")
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py"]}]}
`,
      python: { run: 'import main', fails: null },
    },
    {
      name: 'map-rebound-at-module-level',
      title: 'ROUTER_MAP = {...src. paths...} then ROUTER_MAP = {name: path.removeprefix("src.") ...}: the function sees the second',
      golden: true,
      files: String.raw`
-- api/__init__.py --
-- api/users.py --
from fastapi import APIRouter

router = APIRouter()
-- main.py --
import importlib
import os
from fastapi import FastAPI

app = FastAPI()

ROUTER_MAP = {"users": "src.api.users"}
ROUTER_MAP = {name: path.removeprefix("src.") for name, path in ROUTER_MAP.items()}

for name in ROUTER_MAP:
    app.include_router(importlib.import_module(ROUTER_MAP[name]).router)
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py"]}]}
`,
      python: { run: 'import main', fails: null },
    },
    {
      name: 'optional-plugin-absent',
      title: 'an optional router in try/except ModuleNotFoundError that is simply absent',
      golden: true,
      files: String.raw`
-- main.py --
import importlib
import logging
from fastapi import FastAPI

logger = logging.getLogger(__name__)
app = FastAPI()

OPTIONAL_ROUTERS = ["plugins.billing", "plugins.audit"]

for path in OPTIONAL_ROUTERS:
    try:
        module = importlib.import_module(path)
    except ModuleNotFoundError:
        logger.info("optional router %s not installed", path)
        continue
    app.include_router(module.router)
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py"]}]}
-- plugins/audit.py --
from fastapi import APIRouter

router = APIRouter()
`,
      python: { run: 'import logging; logging.disable(); import main', fails: null },
    },
  ],
  invalid: [
    {
      name: 'fstring-over-dict-items-wrong-version',
      title: 'the same loop with one version wrong: only that pair is reported',
      golden: true,
      files: String.raw`
-- api/__init__.py --
-- api/v1/__init__.py --
-- api/v1/users.py --
from fastapi import APIRouter

router = APIRouter()
-- api/v2/__init__.py --
-- api/v2/items.py --
from fastapi import APIRouter

router = APIRouter()
-- main.py --
import importlib
from fastapi import FastAPI

app = FastAPI()

# router name -> API version it lives in
ROUTER_VERSIONS = {"users": "v1", "items": "v1"}

for name, version in ROUTER_VERSIONS.items():
    module = importlib.import_module(f"api.{version}.{name}")
    app.include_router(module.router, prefix=f"/{version}")
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py"]}]}
`,
      findings: [
        `main.py:10:38  MOD001  error  "api.v1.items" (one value of this f-string) (ROUTER_VERSIONS["items"]) does not resolve under . (Lambda's /var/task): importlib.import_module raises ModuleNotFoundError: No module named 'api.v1.items'`,
      ],
      python: { run: 'import main', fails: "No module named 'api.v1.items'" },
    },
    {
      name: 'guarded-src-prefix',
      title: 'a src. prefix in a guarded loader: Python imports, but the router is silently left out (a warning)',
      golden: true,
      files: String.raw`
-- api/__init__.py --
-- api/users.py --
from fastapi import APIRouter

router = APIRouter()


@router.get("/users")
def users():
    return []
-- main.py --
import importlib
import logging

from fastapi import FastAPI

logger = logging.getLogger(__name__)
app = FastAPI()

ROUTERS = ["src.api.users"]

for path in ROUTERS:
    try:
        module = importlib.import_module(path)
    except ImportError:
        logger.warning("router %s not found", path)
        continue
    app.include_router(module.router)
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py"]}]}
`,
      findings: [
        `main.py:9:12  MOD001  warning  "src.api.users" (ROUTERS) does not resolve under . (Lambda's /var/task): importlib.import_module raises ModuleNotFoundError: No module named 'src'; did you mean "api.users"? (the ImportError is caught here, so the module is silently left out)  [*]`,
      ],
      output: String.raw`
-- main.py --
import importlib
import logging

from fastapi import FastAPI

logger = logging.getLogger(__name__)
app = FastAPI()

ROUTERS = ["api.users"]

for path in ROUTERS:
    try:
        module = importlib.import_module(path)
    except ImportError:
        logger.warning("router %s not found", path)
        continue
    app.include_router(module.router)
`,
      python: { run: 'import logging; logging.disable(); import main; assert "/users" not in [r.path for r in main.app.routes]', fails: null },
    },
    {
      name: 'package-name-in-plain-module',
      title: 'package=__name__ in a plain module: ".users" names routers.loader.users, and routers.loader is not a package',
      golden: true,
      files: String.raw`
-- main.py --
from fastapi import FastAPI
from routers.loader import load_users

app = FastAPI()
app.include_router(load_users().router)
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py"]}]}
-- routers/__init__.py --
-- routers/loader.py --
import importlib

def load_users():
    return importlib.import_module(".users", package=__name__)
-- routers/users.py --
from fastapi import APIRouter

router = APIRouter()
`,
      findings: [
        `routers/loader.py:4:36  MOD001  error  ".users" does not resolve under . (Lambda's /var/task): importlib.import_module raises ModuleNotFoundError: No module named 'routers.loader.users'; 'routers.loader' is not a package`,
      ],
      python: { run: 'import main', fails: "'routers.loader' is not a package" },
    },
    {
      name: 'relative-to-literal-package',
      title: 'package="api.routers" names a package that does not exist',
      golden: true,
      files: String.raw`
-- api/__init__.py --
-- api/routes/__init__.py --
-- api/routes/users.py --
from fastapi import APIRouter

router = APIRouter()
-- main.py --
import importlib
from fastapi import FastAPI

app = FastAPI()

def load(name: str):
    return importlib.import_module(f".{name}", package="api.routers").router

for name in ["users"]:
    app.include_router(load(name))
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py"]}]}
`,
      findings: [
        `main.py:7:36  MOD001  error  ".users" (one value of this f-string) does not resolve under . (Lambda's /var/task): importlib.import_module raises ModuleNotFoundError: No module named 'api.routers'`,
      ],
      python: { run: 'import main', fails: "No module named 'api.routers'" },
    },
    {
      name: 'relative-without-package',
      title: 'package=__package__ in a top-level module: no package to be relative to',
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

for name in ["users"]:
    module = importlib.import_module(f".api.{name}", package=__package__)
    app.include_router(module.router)
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py"]}]}
`,
      findings: [
        `main.py:7:38  MOD001  error  ".api.users" (one value of this f-string) does not resolve under . (Lambda's /var/task): Python raises TypeError: the 'package' argument is required to perform a relative import for '.api.users'`,
      ],
      python: { run: 'import main', fails: "TypeError: the 'package' argument is required" },
    },
    {
      name: 'relative-without-package-is-not-caught',
      title: 'import_module(".users") in a try that handles ImportError: Python raises TypeError, which escapes',
      golden: true,
      files: String.raw`
-- main.py --
import importlib
from fastapi import FastAPI

app = FastAPI()

try:
    users = importlib.import_module(".users")
    app.include_router(users.router)
except ImportError:
    pass
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py"]}]}
-- users.py --
from fastapi import APIRouter
router = APIRouter()
`,
      findings: [
        `main.py:7:37  MOD001  error  ".users" does not resolve under . (Lambda's /var/task): Python raises TypeError: the 'package' argument is required to perform a relative import for '.users'`,
      ],
      python: { run: 'import main', fails: "TypeError: the 'package' argument is required" },
    },
    {
      name: 'flags-exactly-what-python-cannot-import',
      title: 'every module-path string of the app, judged by parity-check and by importlib under the root: exactly the strings Python cannot import are flagged, only local-looking ones, with the spelling that works',
      files: String.raw`
-- main.py --
from fastapi import FastAPI

app = FastAPI()
-- lazy_app.py --
import importlib

from fastapi import FastAPI

app = FastAPI()
PATHS = [
    "api.v1.users",
    "src.api.v1.users",
    "api.v1.orders",
    "api.v2",
    "services.ns_pkg.worker",
    "services.ns_pkg",
    "json",
    "api.v1.users.missing",
    "apps.backend.src.api.v1.users",
]
NAMES = ["users", "admin"]


def load_all():
    for path in PATHS:
        importlib.import_module(path)
    for name in NAMES:
        importlib.import_module(f"api.v1.{name}")
-- api/__init__.py --
-- api/v1/__init__.py --
-- api/v1/users.py --
router = None
-- api/v2/__init__.py --
-- services/ns_pkg/worker.py --
router = None
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      findings: [
        `lazy_app.py:14:5  MOD001  error  "api.v1.users.missing" (PATHS) does not resolve under . (Lambda's /var/task): importlib.import_module raises ModuleNotFoundError: No module named 'api.v1.users.missing'; 'api.v1.users' is not a package`,
        `lazy_app.py:15:5  MOD001  error  "apps.backend.src.api.v1.users" (PATHS) does not resolve under . (Lambda's /var/task): importlib.import_module raises ModuleNotFoundError: No module named 'apps'; did you mean "api.v1.users"?  [*]`,
        `lazy_app.py:24:33  MOD001  error  "api.v1.admin" (one value of this f-string) (NAMES) does not resolve under . (Lambda's /var/task): importlib.import_module raises ModuleNotFoundError: No module named 'api.v1.admin'`,
        `lazy_app.py:8:5  MOD001  error  "src.api.v1.users" (PATHS) does not resolve under . (Lambda's /var/task): importlib.import_module raises ModuleNotFoundError: No module named 'src'; did you mean "api.v1.users"?  [*]`,
        `lazy_app.py:9:5  MOD001  error  "api.v1.orders" (PATHS) does not resolve under . (Lambda's /var/task): importlib.import_module raises ModuleNotFoundError: No module named 'api.v1.orders'`,
      ],
      output: String.raw`
-- lazy_app.py --
import importlib

from fastapi import FastAPI

app = FastAPI()
PATHS = [
    "api.v1.users",
    "api.v1.users",
    "api.v1.orders",
    "api.v2",
    "services.ns_pkg.worker",
    "services.ns_pkg",
    "json",
    "api.v1.users.missing",
    "api.v1.users",
]
NAMES = ["users", "admin"]


def load_all():
    for path in PATHS:
        importlib.import_module(path)
    for name in NAMES:
        importlib.import_module(f"api.v1.{name}")
`,
      python: { run: String.raw`import importlib.util, json
out = {}
for n in ["api.v1.users","src.api.v1.users","api.v1.orders","api.v2","services.ns_pkg.worker","services.ns_pkg","json","api.v1.users.missing","api.v1.admin","apps.backend.src.api.v1.users"]:
    try:
        out[n] = importlib.util.find_spec(n) is not None
    except ModuleNotFoundError:
        out[n] = False
print(json.dumps(out))`, stdout: '{"api.v1.users": true, "src.api.v1.users": false, "api.v1.orders": false, "api.v2": true, "services.ns_pkg.worker": true, "services.ns_pkg": true, "json": true, "api.v1.users.missing": false, "api.v1.admin": false, "apps.backend.src.api.v1.users": false}' },
    },
    {
      name: 'entries-added-after-the-map-is-made',
      title: 'entries added after the map is made: the one that does not import is flagged, and the running loader fails on exactly that one',
      files: String.raw`
-- main.py --
from fastapi import FastAPI

app = FastAPI()
-- lazy_app.py --
import importlib

from fastapi import FastAPI

app = FastAPI()
_ROUTER_MAP = {"users": "api.users"}
_ROUTER_MAP["orders"] = "src.api.orders"
_ROUTER_MAP.update(audit="api.audit")


def load(name):
    return importlib.import_module(_ROUTER_MAP[name]).router
-- api/__init__.py --
-- api/users.py --
router = "users"
-- api/orders.py --
router = "orders"
-- api/audit.py --
router = "audit"
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      findings: [
        'lazy_app.py:6:25  PAR003  error  router api.users is registered in lazy_app.py:6 ("api.users") but main.py neither includes it nor lists it in a router map: its endpoints answer 404 there (related main.py:3:1-3:16)',
        `lazy_app.py:7:25  MOD001  error  "src.api.orders" (_ROUTER_MAP["orders"]) does not resolve under . (Lambda's /var/task): importlib.import_module raises ModuleNotFoundError: No module named 'src'; did you mean "api.orders"?  [*]`,
        'lazy_app.py:7:25  PAR003  error  router api.orders is registered in lazy_app.py:7 ("src.api.orders") but main.py neither includes it nor lists it in a router map: its endpoints answer 404 there (related main.py:3:1-3:16)',
        'lazy_app.py:8:26  PAR003  error  router api.audit is registered in lazy_app.py:8 ("api.audit") but main.py neither includes it nor lists it in a router map: its endpoints answer 404 there (related main.py:3:1-3:16)',
      ],
      output: String.raw`
-- lazy_app.py --
import importlib

from fastapi import FastAPI

app = FastAPI()
_ROUTER_MAP = {"users": "api.users"}
_ROUTER_MAP["orders"] = "api.orders"
_ROUTER_MAP.update(audit="api.audit")


def load(name):
    return importlib.import_module(_ROUTER_MAP[name]).router
`,
      python: { run: String.raw`import lazy_app
for k in ("users", "orders", "audit"):
    try:
        print(k, lazy_app.load(k))
    except ModuleNotFoundError as e:
        print(k, "ModuleNotFoundError", e.name)`, stdout: String.raw`users users
orders ModuleNotFoundError src
audit audit` },
    },
  ],
});
