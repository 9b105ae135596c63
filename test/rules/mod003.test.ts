// MOD003's cases (format and assertions: ./tester.ts), from test/fixtures/truth/ and test/rules/closure.test.ts.
// The golden ones are also fixture repositories of test/golden, labelled test/fixtures/truth/mod003-<name>.
import { ruleTester } from './tester.js';

ruleTester('MOD003', {
  valid: [
    {
      name: 'sys-path-insert',
      title: 'sys.path.insert(0, os.path.join(os.path.dirname(__file__), "vendor")) at the top adds vendor/, known from __file__: awsauth imports from there (was a hedged warning before the folder was computed)',
      files: String.raw`
-- lazy_app.py --
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "vendor"))

from fastapi import FastAPI  # noqa: E402

from awsauth import sign_request  # noqa: E402,F401

app = FastAPI()
-- main.py --
from fastapi import FastAPI

app = FastAPI()
-- parity-check.config.json --
{"apps": [{"name": "app", "root": ".", "entrypoints": ["main.py", "lazy_app.py"]}]}
-- vendor/awsauth/__init__.py --
def sign_request(req):
    return req
`,
      python: { run: 'import lazy_app', fails: null },
    },
    {
      name: 'data-folder-named-like-a-package',
      title: 'templates/jinja2/ holds HTML: import jinja2 is the installed package, not a local folder (and no --fix to templates.jinja2)',
      golden: true,
      files: String.raw`
-- lazy_app.py --
from fastapi import FastAPI
from jinja2 import Environment, FileSystemLoader

env = Environment(loader=FileSystemLoader("templates/jinja2"))
app = FastAPI()
-- main.py --
from fastapi import FastAPI

app = FastAPI()
-- parity-check.config.json --
{"apps": [{"name": "app", "root": ".", "entrypoints": ["main.py", "lazy_app.py"]}]}
-- setup.py --
from setuptools import setup

setup(name="svc", install_requires=["fastapi", "Jinja2"])
-- templates/jinja2/welcome.html --
<p>Hello {{ name }}</p>
`,
      python: { run: 'import lazy_app', fails: null },
    },
    {
      name: 'find-spec-guard',
      title: 'an import under if importlib.util.find_spec("plugins.billing") is not None: is optional',
      golden: true,
      files: String.raw`
-- lazy_app.py --
import importlib.util

from fastapi import FastAPI

app = FastAPI()

if importlib.util.find_spec("plugins.billing") is not None:
    from plugins.billing import router as billing_router

    app.include_router(billing_router)
-- main.py --
from fastapi import FastAPI

app = FastAPI()
-- parity-check.config.json --
{"apps": [{"name": "app", "root": ".", "entrypoints": ["main.py", "lazy_app.py"]}]}
-- plugins/__init__.py --
`,
      python: { run: 'import lazy_app', fails: null },
    },
    {
      name: 'main-block',
      title: 'imports under if __name__ == "__main__": never run on import',
      golden: true,
      files: String.raw`
-- app/lazy_app.py --
from fastapi import FastAPI

app = FastAPI()

if __name__ == "__main__":
    from scripts.dev import run_dev_server

    run_dev_server(app)
-- app/main.py --
from fastapi import FastAPI

app = FastAPI()
-- parity-check.config.json --
{"apps":[{"name":"app","root":"app","entrypoints":["main.py","lazy_app.py"]}]}
-- scripts/dev.py --
def run_dev_server(app):
    pass
`,
      python: { run: 'import lazy_app', fails: null, root: 'app' },
    },
    {
      name: 'package-attribute-over-dead-submodule',
      title: 'from config import settings: config defines settings, so the dead config/settings.py never runs',
      golden: true,
      files: String.raw`
-- config/__init__.py --
class Settings:
    debug = False


settings = Settings()
-- config/settings.py --
# legacy module, superseded by config/__init__.py
from legacy_env import load_env

SETTINGS = load_env()
-- lazy_app.py --
from fastapi import FastAPI

from config import settings  # noqa: F401

app = FastAPI()
-- main.py --
from fastapi import FastAPI

app = FastAPI()
-- parity-check.config.json --
{"apps": [{"name": "app", "root": ".", "entrypoints": ["main.py", "lazy_app.py"]}]}
-- tools/legacy_env.py --
def load_env():
    return {}
`,
      python: { run: 'import lazy_app', fails: null },
    },
    {
      name: 'suppress-import-error',
      title: 'an import under with contextlib.suppress(ImportError) is optional',
      golden: true,
      files: String.raw`
-- config/__init__.py --
-- lazy_app.py --
import contextlib

from fastapi import FastAPI

app = FastAPI()

with contextlib.suppress(ImportError):
    from config.local import OVERRIDES  # noqa: F401
-- main.py --
from fastapi import FastAPI

app = FastAPI()
-- parity-check.config.json --
{"apps": [{"name": "app", "root": ".", "entrypoints": ["main.py", "lazy_app.py"]}]}
`,
      python: { run: 'import lazy_app', fails: null },
    },
    {
      name: 'the-same-import-made-optional',
      title: 'the same import made optional',
      files: String.raw`
-- main.py --
from fastapi import FastAPI


app = FastAPI()
-- lazy_app.py --
from fastapi import FastAPI

try:
    from src.lib.alerts import send
except ImportError:
    send = None

app = FastAPI()
-- lib/__init__.py --
-- lib/alerts.py --
def send():
    pass
-- src/manage.py --
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      python: { run: String.raw`import lazy_app  # noqa: F401
from sqlalchemy.orm import configure_mappers
configure_mappers()
print("ok")`, fails: null, stdout: 'ok' },
    },
    {
      name: 'a-data-folder-named-like-an-installed-package',
      title: 'a data folder named like an installed package',
      files: String.raw`
-- main.py --
from fastapi import FastAPI


app = FastAPI()
-- lazy_app.py --
from fastapi import FastAPI

from sqlalchemy import Column  # noqa: F401

app = FastAPI()
-- templates/sqlalchemy/base.html --
<p></p>-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      python: { run: String.raw`import lazy_app  # noqa: F401
from sqlalchemy.orm import configure_mappers
configure_mappers()
print("ok")`, fails: null, stdout: 'ok' },
    },
    {
      name: 'a-repository-path-that-does-exist-under-the-root',
      title: 'a repository path that does exist under the root',
      files: String.raw`
-- main.py --
from fastapi import FastAPI


app = FastAPI()
-- lazy_app.py --
from fastapi import FastAPI

from src.lib.alerts import send

app = FastAPI()
-- src/lib/alerts.py --
def send():
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
      name: 'a-third-party-import-that-is-not-installed-here',
      title: 'a third-party import that is not installed here',
      files: String.raw`
-- main.py --
from fastapi import FastAPI


app = FastAPI()
-- lazy_app.py --
from fastapi import FastAPI

try:
    import mangum  # noqa: F401
except ImportError:
    mangum = None
import json  # noqa: F401

app = FastAPI()
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
      name: 'relative-import-in-top-level-module',
      title: 'from . import routes in a top-level entry point: Python says there is no known parent package',
      golden: true,
      files: String.raw`
-- lazy_app.py --
from fastapi import FastAPI

from . import routes  # noqa: F401

app = FastAPI()
-- main.py --
from fastapi import FastAPI

app = FastAPI()
-- parity-check.config.json --
{"apps": [{"name": "app", "root": ".", "entrypoints": ["main.py", "lazy_app.py"]}]}
-- routes.py --
X = 1
`,
      findings: [
        `lazy_app.py:3:6  MOD003  error  relative import "." in a top-level module under . (Lambda's /var/task): ImportError: attempted relative import with no known parent package`,
      ],
      python: { run: 'import lazy_app', fails: 'attempted relative import with no known parent package' },
    },
    {
      name: 'sys-path-change-cannot-explain-src-prefix',
      title: 'main.py changes sys.path, but from src.api.users can be found under no added folder: still an error',
      golden: true,
      files: String.raw`
-- parity-check.config.json --
{"apps":[{"name":"app","root":"src","entrypoints":["main.py","lazy_app.py"]}]}
-- src/api/__init__.py --
-- src/api/users.py --
from fastapi import APIRouter
router = APIRouter()
-- src/lazy_app.py --
from fastapi import FastAPI
from src.api.users import router
app = FastAPI()
app.include_router(router)
-- src/main.py --
import sys
from fastapi import FastAPI
from api.users import router
app = FastAPI()
app.include_router(router)

if __name__ == "__main__":
    sys.path.append("..")
`,
      findings: [
        `src/lazy_app.py:2:6  MOD003  error  "src.api.users" does not resolve under src (Lambda's /var/task): ModuleNotFoundError: No module named 'src'; did you mean "api.users"?  [*]`,
      ],
      output: String.raw`
-- src/lazy_app.py --
from fastapi import FastAPI
from api.users import router
app = FastAPI()
app.include_router(router)
`,
      python: { run: 'import lazy_app', fails: "No module named 'src'", root: 'src' },
    },
    {
      name: 'the-repository-path-spelled-out-src-prefix',
      title: 'the repository path spelled out (src. prefix)',
      files: String.raw`
-- main.py --
from fastapi import FastAPI


app = FastAPI()
-- lazy_app.py --
from fastapi import FastAPI

from src.lib.alerts import send

app = FastAPI()
-- lib/__init__.py --
-- lib/alerts.py --
def send():
    pass
-- src/manage.py --
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      findings: [
        `lazy_app.py:3:6  MOD003  error  "src.lib.alerts" does not resolve under . (Lambda's /var/task): ModuleNotFoundError: No module named 'src.lib'; did you mean "lib.alerts"?  [*]`,
      ],
      output: String.raw`
-- lazy_app.py --
from fastapi import FastAPI

from lib.alerts import send

app = FastAPI()
`,
      python: { run: String.raw`import lazy_app  # noqa: F401
from sqlalchemy.orm import configure_mappers
configure_mappers()
print("ok")`, fails: "No module named 'src.lib'" },
    },
    {
      name: 'names-the-spelling-that-resolves',
      title: 'MOD003 names the spelling that resolves',
      files: String.raw`
-- main.py --
from fastapi import FastAPI


app = FastAPI()
-- lazy_app.py --
from fastapi import FastAPI

from src.lib.alerts import send

app = FastAPI()
-- lib/__init__.py --
-- lib/alerts.py --
def send():
    pass
-- src/x.py --
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      findings: [
        `lazy_app.py:3:6  MOD003  error  "src.lib.alerts" does not resolve under . (Lambda's /var/task): ModuleNotFoundError: No module named 'src.lib'; did you mean "lib.alerts"?  [*]`,
      ],
      output: String.raw`
-- lazy_app.py --
from fastapi import FastAPI

from lib.alerts import send

app = FastAPI()
`,
    },
  ],
});
