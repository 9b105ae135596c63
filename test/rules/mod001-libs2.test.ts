// MOD001 for more module-path strings libraries import at start-up (issue #15, misses item 3, topic libs2):
// a Procfile's web process in the app root, the class= entries of a logging.config.fileConfig .ini, Celery's
// autodiscover_tasks packages, pydantic settings import-string defaults, and uvicorn.run under
// `if __name__ == "__main__":` when an image starts the file with `python main.py`.
//
// Python decides each case. uvicorn is installed for /usr/bin/python3: a Procfile or uvicorn.run string is proved
// with uvicorn's own importer (what `uvicorn module:app` runs). fileConfig is stdlib: the module calling it is
// imported with the working folder at the root, as on Lambda (cwd /var/task). Celery is not installed: its cases
// prove with importlib.import_module of the package, which is the first step of celery.loaders.base.
// find_related_module (a missing package raises ModuleNotFoundError; only the `tasks` submodule may be absent).
// pydantic 1.10 is installed: PyObject cases import the module for real (v1 imports the default when the model is
// instantiated). pydantic v2 is not: ImportString cases
// prove with importlib doing what its import-string validator does (the whole string as a module, else the head
// as a module and the last part an attribute).
import { ruleTester } from './tester.js';

const config = '{"apps":[{"name":"app","root":"src","entrypoints":["main.py"]}]}';
const uvicornImport = (app: string) => `from uvicorn.importer import import_from_string\nimport_from_string(${JSON.stringify(app)})`;
const mainApp = String.raw`
-- src/main.py --
from fastapi import FastAPI

app = FastAPI()
-- requirements.txt --
fastapi
uvicorn
gunicorn
-- parity-check.config.json --
${config}
`;
const procfile = (where: string, line: string) => `${mainApp}-- ${where} --\n${line}\n`;

const iniApp = (handlerClass: string, formatterClass: string, keys = 'console') => String.raw`
-- src/main.py --
import logging.config

from fastapi import FastAPI

logging.config.fileConfig("logging.ini", disable_existing_loggers=False)

app = FastAPI()
-- src/logutil.py --
import logging


class JsonFormatter(logging.Formatter):
    pass


class AuditHandler(logging.StreamHandler):
    pass
-- src/logging.ini --
[loggers]
keys=root

[handlers]
keys=${keys}

[formatters]
keys=json

[logger_root]
level=INFO
handlers=${keys}

[handler_console]
class=${handlerClass}
formatter=json
args=(sys.stdout,)

[handler_audit]
class=src.logutil.Missing
args=()

[formatter_json]
class=${formatterClass}
format=%(message)s
-- parity-check.config.json --
${config}
`;
const inRoot = (code: string) => `import os\nos.chdir(os.environ["PYTHONPATH"])\n${code}`;

const celery = (packages: string) => String.raw`
-- src/main.py --
from celery import Celery
from fastapi import FastAPI

app = FastAPI()
worker = Celery("app", broker="memory://")
worker.autodiscover_tasks([${packages}])
-- src/emails/__init__.py --
-- src/emails/tasks.py --
def send(to):
    return to
-- src/billing/__init__.py --
-- requirements.txt --
fastapi
celery
-- parity-check.config.json --
${config}
`;

const pydanticV1 = (path: string) => String.raw`
-- src/main.py --
from fastapi import FastAPI
from pydantic import BaseSettings, PyObject


class Settings(BaseSettings):
    auth_backend: PyObject = "${path}"


settings = Settings()
app = FastAPI()
-- src/auth/__init__.py --
-- src/auth/backends.py --
def token_backend(request):
    return None
-- requirements.txt --
fastapi
pydantic<2
-- parity-check.config.json --
${config}
`;

const pydanticV2 = (path: string) => String.raw`
-- src/main.py --
from fastapi import FastAPI
from pydantic import Field, ImportString
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    auth_backend: ImportString = Field(default="${path}")


settings = Settings()
app = FastAPI()
-- src/auth/__init__.py --
-- src/auth/backends.py --
def token_backend(request):
    return None
-- requirements.txt --
fastapi
pydantic>=2
pydantic-settings
-- parity-check.config.json --
${config}
`;

const pythonScript = (target: string) => String.raw`
-- Dockerfile --
FROM public.ecr.aws/docker/library/python:3.12-slim
COPY --from=public.ecr.aws/awsguru/aws-lambda-adapter:0.8.4 /lambda-adapter /opt/extensions/lambda-adapter
ENV PORT=8000
WORKDIR /var/task
COPY requirements.txt ./
RUN python -m pip install -r requirements.txt
COPY src/ ./
CMD ["python", "main.py"]
-- requirements.txt --
fastapi
uvicorn
-- src/main.py --
import uvicorn

if __name__ == "__main__":
    uvicorn.run("${target}", host="0.0.0.0", port=8000)
-- src/api/__init__.py --
-- src/api/app.py --
from fastapi import FastAPI

app = FastAPI()
-- parity-check.config.json --
{}
`;

ruleTester(
  'MOD001',
  {
    valid: [
      {
        name: 'libs2-procfile-web',
        title: 'src/Procfile (the app root) runs uvicorn main:app: the module resolves from the root',
        files: procfile('src/Procfile', 'web: uvicorn main:app --host 0.0.0.0 --port $PORT'),
        python: { run: uvicornImport('main:app'), fails: null, root: 'src' },
      },
      {
        name: 'libs2-procfile-not-owned',
        title: 'a Procfile at the repository root (not the app root src/) belongs to no function: src.main:app is right from there',
        files: procfile('Procfile', 'web: gunicorn -k uvicorn.workers.UvicornWorker src.main:app'),
        python: { run: uvicornImport('src.main:app'), fails: null },
      },
      {
        name: 'libs2-fileconfig',
        title: 'fileConfig("logging.ini") with class=logutil.JsonFormatter from the root: fileConfig builds it',
        files: iniApp('logging.StreamHandler', 'logutil.JsonFormatter'),
        python: { run: inRoot('import main, logging\nprint(type(logging.getLogger().handlers[0].formatter).__name__)'), stdout: 'JsonFormatter', root: 'src' },
      },
      {
        name: 'libs2-fileconfig-unlisted-handler',
        title: 'a [handler_audit] section that [handlers] keys= does not list is never built: its class is not imported',
        files: iniApp('logutil.AuditHandler', 'logutil.JsonFormatter'),
        python: { run: inRoot('import main, logging\nprint(type(logging.getLogger().handlers[0]).__name__)'), stdout: 'AuditHandler', root: 'src' },
      },
      {
        name: 'libs2-celery-autodiscover',
        title: 'autodiscover_tasks(["emails", "billing"]): both packages import (billing has no tasks module, which Celery allows)',
        files: celery('"emails", "billing"'),
        python: { run: 'import importlib\nimportlib.import_module("emails")\nimportlib.import_module("billing")\nimportlib.import_module("emails.tasks")', fails: null, root: 'src' },
      },
      {
        name: 'libs2-pydantic-v1-pyobject',
        title: 'a BaseSettings PyObject default "auth.backends.token_backend": Settings() imports it',
        files: pydanticV1('auth.backends.token_backend'),
        python: { run: 'import main\nprint(main.settings.auth_backend.__name__)', stdout: 'token_backend', root: 'src' },
      },
      {
        name: 'libs2-pydantic-v1-not-instantiated',
        title: 'a PyObject default in a model this file never instantiates is not imported when the module is',
        files: pydanticV1('src.auth.backends.token_backend').replace('\nsettings = Settings()', ''),
        python: { run: 'import main', fails: null, root: 'src' },
      },
      {
        name: 'libs2-pydantic-v2-importstring',
        title: 'an ImportString default "auth.backends" naming a module is imported whole (pydantic v2 tries the module first)',
        files: pydanticV2('auth.backends'),
        python: { run: 'import pkgutil\nprint(pkgutil.resolve_name("auth.backends").__name__)', stdout: 'auth.backends', root: 'src' },
      },
      {
        name: 'libs2-python-script',
        title: 'CMD ["python", "main.py"] runs its __main__ block: uvicorn.run("api.app:app") resolves from /var/task',
        files: pythonScript('api.app:app'),
        python: { run: uvicornImport('api.app:app'), fails: null, root: 'src' },
      },
    ],
    invalid: [
      {
        name: 'libs2-procfile-src-prefix',
        title: 'src/Procfile runs gunicorn src.main:app, but the process starts in src/: No module named src',
        golden: true,
        files: procfile('src/Procfile', 'web: gunicorn -k uvicorn.workers.UvicornWorker src.main:app'),
        findings: [
          `src/Procfile:1:48  MOD001  error  "src.main" does not resolve under src (Lambda's /var/task): Procfile (web: gunicorn src.main:app) imports it at start-up and raises ModuleNotFoundError: No module named 'src'; did you mean "main"?`,
        ],
        python: { run: uvicornImport('src.main:app'), fails: "No module named 'src'", root: 'src' },
      },
      {
        name: 'libs2-fileconfig-src-prefix',
        title: 'logging.ini class=src.logutil.JsonFormatter under a src/ root: fileConfig raises when main is imported',
        files: iniApp('logging.StreamHandler', 'src.logutil.JsonFormatter'),
        findings: [
          `src/logging.ini:24:7  MOD001  error  "src.logutil" does not resolve under src (Lambda's /var/task): logging.config.fileConfig ([formatter_json] class=src.logutil.JsonFormatter) imports it at start-up and raises ModuleNotFoundError: No module named 'src'; did you mean "logutil"?`,
        ],
        python: { run: inRoot('import main'), fails: "No module named 'src'", root: 'src' },
      },
      {
        name: 'libs2-celery-autodiscover-src-prefix',
        title: 'autodiscover_tasks(["src.emails"]) under a src/ root: the worker raises at start-up',
        files: celery('"src.emails", "billing"'),
        findings: [
          `src/main.py:6:28  MOD001  error  "src.emails" does not resolve under src (Lambda's /var/task): Celery (autodiscover_tasks) imports it at start-up and raises ModuleNotFoundError: No module named 'src'; did you mean "emails"?  [*]`,
        ],
        output: String.raw`
-- src/main.py --
from celery import Celery
from fastapi import FastAPI

app = FastAPI()
worker = Celery("app", broker="memory://")
worker.autodiscover_tasks(["emails", "billing"])
`,
        python: { run: 'import importlib\nimportlib.import_module("src.emails")', fails: "No module named 'src'", root: 'src' },
      },
      {
        name: 'libs2-pydantic-v1-src-prefix',
        title: 'a BaseSettings PyObject default "src.auth.backends.token_backend": Settings() raises when main is imported',
        files: pydanticV1('src.auth.backends.token_backend'),
        findings: [
          `src/main.py:6:30  MOD001  error  "src.auth.backends" does not resolve under src (Lambda's /var/task): pydantic PyObject (Settings.auth_backend: "src.auth.backends.token_backend") imports it at start-up and raises ModuleNotFoundError: No module named 'src'; did you mean "auth.backends"?`,
        ],
        python: { run: 'import main', fails: "No module named 'src'", root: 'src' },
      },
      {
        name: 'libs2-pydantic-v1-basemodel',
        title: 'pydantic v1 imports a PyObject default when any model is instantiated: a BaseModel (validate_all off) raises too',
        files: pydanticV1('src.auth.backends.token_backend').replaceAll('BaseSettings', 'BaseModel'),
        findings: [
          `src/main.py:6:30  MOD001  error  "src.auth.backends" does not resolve under src (Lambda's /var/task): pydantic PyObject (Settings.auth_backend: "src.auth.backends.token_backend") imports it at start-up and raises ModuleNotFoundError: No module named 'src'; did you mean "auth.backends"?`,
        ],
        python: { run: 'import main', fails: "No module named 'src'", root: 'src' },
      },
      {
        name: 'libs2-pydantic-v2-deleted',
        title: 'an ImportString default naming a deleted module "auth.tokens.backend": Settings() raises',
        files: pydanticV2('auth.tokens.backend'),
        findings: [
          `src/main.py:7:48  MOD001  error  "auth.tokens" does not resolve under src (Lambda's /var/task): pydantic ImportString (Settings.auth_backend: "auth.tokens.backend") imports it at start-up and raises ModuleNotFoundError: No module named 'auth.tokens'`,
        ],
        // pydantic v2's import string: the whole string as a module, else its head as a module and the last part an attribute.
        python: { run: 'import importlib\ntry:\n    importlib.import_module("auth.tokens.backend")\nexcept ImportError:\n    importlib.import_module("auth.tokens")', fails: "No module named 'auth.tokens'", root: 'src' },
      },
      {
        name: 'libs2-python-script-deleted',
        title: 'CMD ["python", "main.py"] runs uvicorn.run("api.server:app") in its __main__ block, but api/server.py is gone: the server never starts',
        golden: true,
        files: pythonScript('api.server:app'),
        findings: [
          `src/main.py:4:17  MOD001  error  "api.server" does not resolve under /var/task (the package of Dockerfile as Dockerfile builds it: Lambda's /var/task): uvicorn.run ("api.server:app") imports it at start-up and raises ModuleNotFoundError: No module named 'api.server'`,
        ],
        python: { run: uvicornImport('api.server:app'), fails: "No module named 'api.server'", root: 'src' },
      },
      {
        name: 'libs2-fileconfig-module-deleted',
        title: 'logging.ini class=logs.audit.AuditHandler, but logs/audit.py was deleted: fileConfig raises when main is imported',
        files: iniApp('logs.audit.AuditHandler', 'logging.Formatter') + '-- src/logs/__init__.py --\n',
        findings: [
          `src/logging.ini:15:7  MOD001  error  "logs.audit" does not resolve under src (Lambda's /var/task): logging.config.fileConfig ([handler_console] class=logs.audit.AuditHandler) imports it at start-up and raises ModuleNotFoundError: No module named 'logs.audit'`,
        ],
        python: { run: inRoot('import main'), fails: "No module named 'logs.audit'", root: 'src' },
      },
    ],
  },
  'libs2',
);
