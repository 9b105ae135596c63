// MOD003/MOD004, topic `apps` (#15 leftovers, item 2): a folder added to sys.path computed from the
// module's own `__file__` (heewinkim/zappa-framework's common/framework/flask.py:
// `current_dir = os.path.dirname(os.path.abspath(__file__))`, `sys.path.insert(0, os.path.dirname(current_dir))`,
// then `from core.error import *`) is known: imports after the change resolve under it, as Python
// does, and one that resolves under no folder is an error (no longer a hedged warning). A change
// Python makes from something not computable here (an environment variable) stays a warning.
import { ruleTester } from './tester.js';

// Item 1: one app file and a Mangum handler, no deploy file and no config (ashboi005/tutedude-buildathon-2's
// backend/main.py + backend/lambda_function.py): discovered with its root assumed (said on stderr), and checked.
const single = (mainImport: string, handlerImport = 'from main import app', stub = 'backend/mangum.py', dir = 'backend') => String.raw`
-- ${dir}/main.py --
from fastapi import FastAPI

${mainImport}

app = FastAPI()
app.include_router(router)
-- ${dir}/lambda_function.py --
from mangum import Mangum

${handlerImport}

handler = Mangum(app, lifespan="off")
-- ${dir}/routers/__init__.py --
-- ${dir}/routers/users.py --
from fastapi import APIRouter

router = APIRouter()


@router.get("/users")
def users():
    return []
-- ${stub} --
class Mangum:
    def __init__(self, app, **kw):
        self.app = app
-- README.md --
zip -r ../lambda.zip . from backend/, uploaded by hand
`;
// mariueng/aws-serverless-fastapi: app/main.py holds the app and `handler = Mangum(app)` and imports
// `from app.core.config import ...`: those resolve from the folder above app/, so that is the root assumed.
const ownMangum = (configImport: string) => String.raw`
-- app/__init__.py --
-- app/core/__init__.py --
-- app/core/config.py --
PROJECT_NAME = "prices"
-- app/main.py --
from fastapi import FastAPI
from mangum import Mangum

${configImport}

app = FastAPI(title=PROJECT_NAME)
handler = Mangum(app)
-- mangum.py --
class Mangum:
    def __init__(self, app, **kw):
        self.app = app
`;
const ROUTES = 'import lambda_function; print(sorted(r.path for r in lambda_function.handler.app.routes if r.path == "/users"))';

const web = (setup: string, imports: string) => String.raw`-- common/framework/web.py --
import os
import sys
${setup}
${imports}

from fastapi import FastAPI


def make_app():
    return FastAPI()
`;

const framework = (setup: string, imports: string) => String.raw`
-- common/__init__.py --
-- common/core/__init__.py --
-- common/core/error.py --
class ApiError(Exception):
    pass
-- common/core/logger.py --
class Logger:
    pass
-- common/framework/__init__.py --
${web(setup, imports)}-- main.py --
from common.framework.web import make_app

app = make_app()
-- lazy_app.py --
from mangum import Mangum

from common.framework.web import make_app

app = make_app()
handler = Mangum(app)
-- mangum.py --
class Mangum:
    def __init__(self, app, **kw):
        self.app = app
-- parity-check.config.json --
{"apps": [{"name": "app", "root": ".", "entrypoints": ["main.py", "lazy_app.py"]}]}
`;

const OS_PATH = String.raw`current_dir = os.path.dirname(os.path.abspath(__file__))
parent_dir = os.path.dirname(current_dir)
sys.path.insert(0, parent_dir)`;
const PATHLIB = String.raw`from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))`;
const JOIN = String.raw`sys.path.append(os.path.join(os.path.dirname(__file__), ".."))`;
const AFTER = '\n\nsys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))';
const IMPORTS = 'from core.error import ApiError  # noqa: E402,F401\nfrom core.logger import Logger  # noqa: E402,F401';

ruleTester(
  'MOD003',
  {
    valid: [
      {
        name: 'apps-single-app-with-mangum',
        title: 'one app file and lambda_function.py wrapping it with Mangum, no deploy file: discovered with backend/ assumed as the root, and clean',
        files: single('from routers.users import router'),
        python: { root: 'backend', run: ROUTES, stdout: "['/users']" },
      },
      {
        name: 'apps-single-app-root-from-own-imports',
        title: 'app/main.py wraps its own app in Mangum and imports app.core.config: the root assumed is the folder above app/, where those imports resolve',
        files: ownMangum('from app.core.config import PROJECT_NAME'),
        python: { run: 'import app.main as m; print(m.handler.app.title)', stdout: 'prices' },
      },
      {
        name: 'apps-single-app-root-from-handler-import',
        title: 'the handler imports backend.main: the root assumed is the folder above backend/, where that import resolves',
        files: single('from backend.routers.users import router', 'from backend.main import app', 'mangum.py'),
        python: { run: 'import backend.lambda_function as h; print([r.path for r in h.handler.app.routes if r.path == "/users"])', stdout: "['/users']" },
      },
      {
        name: 'apps-sys-path-from-file-os-path',
        title: 'os.path.dirname(os.path.abspath(__file__)) held in names, its parent inserted: core.error resolves under common/',
        golden: true,
        files: framework(OS_PATH, IMPORTS),
        python: { run: 'import lazy_app, core.error; print(core.error.__file__.endswith("common/core/error.py"))', stdout: 'True' },
      },
      {
        name: 'apps-sys-path-from-file-pathlib',
        title: 'str(Path(__file__).resolve().parent.parent) inserted: core.error resolves under common/',
        files: framework(PATHLIB, IMPORTS),
        python: { run: 'import lazy_app', fails: null },
      },
      {
        name: 'apps-sys-path-from-file-join-dotdot',
        title: 'os.path.join(os.path.dirname(__file__), "..") appended: core.error resolves under common/',
        files: framework(JOIN, IMPORTS),
        python: { run: 'import lazy_app', fails: null },
      },
    ],
    invalid: [
      {
        name: 'apps-single-app-with-mangum-broken-import',
        title: 'the same single app importing routers.user (no such module): it was "no app found" before; now MOD003',
        files: single('from routers.user import router'),
        findings: [
          `backend/main.py:3:6  MOD003  error  "routers.user" does not resolve under backend (Lambda's /var/task): ModuleNotFoundError: No module named 'routers.user'`,
        ],
        python: { root: 'backend', run: 'import lambda_function', fails: "No module named 'routers.user'" },
      },
      {
        name: 'apps-single-app-own-imports-broken',
        title: 'the same app importing app.core.settings (no such module): MOD003 under the folder above app/, where its first segment app is a package',
        files: ownMangum('from app.core.settings import PROJECT_NAME'),
        findings: [
          `app/main.py:4:6  MOD003  error  "app.core.settings" does not resolve under . (Lambda's /var/task): ModuleNotFoundError: No module named 'app.core.settings'`,
        ],
        python: { run: 'import app.main', fails: "No module named 'app.core.settings'" },
      },
      {
        name: 'apps-sys-path-from-file-missing-module',
        title: 'the same insert, and core.errors (no such module under common/ either): Python fails, an error',
        files: framework(OS_PATH, IMPORTS.replace('core.error ', 'core.errors ')),
        findings: [
          `common/framework/web.py:6:6  MOD003  error  "core.errors" does not resolve under . (Lambda's /var/task) or common (added to sys.path from __file__): ModuleNotFoundError: No module named 'core.errors'`,
        ],
        python: { run: 'import lazy_app', fails: "No module named 'core.errors'" },
      },
      {
        name: 'apps-sys-path-from-file-after-the-import',
        title: 'the insert comes after the import: when the import runs, common/ is not on sys.path yet',
        files: framework('', IMPORTS + AFTER),
        findings: [
          `common/framework/web.py:4:6  MOD003  error  "core.error" does not resolve under . (Lambda's /var/task): ModuleNotFoundError: No module named 'core'; did you mean "common.core.error"?  [*]`,
          `common/framework/web.py:5:6  MOD003  error  "core.logger" does not resolve under . (Lambda's /var/task): ModuleNotFoundError: No module named 'core'; did you mean "common.core.logger"?  [*]`,
        ],
        output: '\n' + web('', IMPORTS.replaceAll('from core.', 'from common.core.') + AFTER),
        python: { run: 'import lazy_app', fails: "No module named 'core'" },
      },
      {
        name: 'apps-sys-path-from-environment',
        title: 'the folder comes from an environment variable: not known here, so a warning that says so (Python: the default applies when it is unset)',
        files: framework('sys.path.insert(0, os.environ.get("COMMON_DIR", os.path.dirname(os.path.dirname(__file__))))', IMPORTS),
        findings: [
          `common/framework/web.py:4:6  MOD003  warning  "core.error" does not resolve under . (Lambda's /var/task): ModuleNotFoundError: No module named 'core'; did you mean "common.core.error"? (but common/framework/web.py:3 changes sys.path at run time, so it may resolve there: a warning, and no fix)`,
          `common/framework/web.py:5:6  MOD003  warning  "core.logger" does not resolve under . (Lambda's /var/task): ModuleNotFoundError: No module named 'core'; did you mean "common.core.logger"? (but common/framework/web.py:3 changes sys.path at run time, so it may resolve there: a warning, and no fix)`,
        ],
        python: { run: 'import lazy_app', fails: null },
      },
    ],
  },
  'apps',
);

ruleTester(
  'MOD004',
  {
    valid: [
      {
        name: 'apps-sys-path-name-defined',
        title: 'from core.logger import Logger through the folder added from __file__: Logger is defined there',
        files: framework(OS_PATH, IMPORTS),
        python: { run: 'import lazy_app', fails: null },
      },
    ],
    invalid: [
      {
        name: 'apps-sys-path-name-missing',
        title: 'from core.logger import Loggers through the added folder: the module is found there and lacks the name',
        files: framework(OS_PATH, IMPORTS.replace('import Logger ', 'import Loggers ')),
        findings: [
          `common/framework/web.py:7:25  MOD004  error  ImportError: cannot import name 'Loggers' from 'core.logger' (common/core/logger.py); did you mean 'Logger'?`,
        ],
        python: { run: 'import lazy_app', fails: "cannot import name 'Loggers' from 'core.logger'" },
      },
    ],
  },
  'apps',
);
