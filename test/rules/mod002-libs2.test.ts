// MOD002 for the attribute part of the libs2 module-path strings (issue #15, misses item 3): the app a Procfile's
// `module:app` names, the class of a fileConfig .ini entry, a pydantic ImportString default whose last part is a
// submodule (pydantic v2 imports the whole string as a module first), and uvicorn.run under `if __name__ ==
// "__main__":` of a script an image starts. uvicorn's own importer, fileConfig itself and importlib decide.
import { ruleTester } from './tester.js';

const config = '{"apps":[{"name":"app","root":"src","entrypoints":["main.py"]}]}';
/** What gunicorn's util.import_app does with `module:attr` (gunicorn is not installed for /usr/bin/python3). */
const gunicornImport = (app: string) => {
  const [module, attr] = app.split(':');
  return `import importlib\nm = importlib.import_module(${JSON.stringify(module)})\nif not hasattr(m, ${JSON.stringify(attr)}):\n    raise SystemExit("Failed to find attribute '${attr}' in '${module}'.")`;
};
const uvicornImport = (app: string) => `from uvicorn.importer import import_from_string\nimport_from_string(${JSON.stringify(app)})`;
const procfile = (line: string) => String.raw`
-- src/main.py --
from fastapi import FastAPI

application = FastAPI()
-- src/Procfile --
${line}
-- requirements.txt --
fastapi
uvicorn
-- parity-check.config.json --
${config}
`;

const ini = (cls: string) => String.raw`
-- src/main.py --
import logging.config
import os

from fastapi import FastAPI

logging.config.fileConfig(os.path.join(os.path.dirname(__file__), "logging.ini"))

app = FastAPI()
-- src/logutil.py --
import logging


class JsonFormatter(logging.Formatter):
    pass
-- src/logging.ini --
[loggers]
keys=root

[handlers]
keys=console

[formatters]
keys=json

[logger_root]
level=INFO
handlers=console

[handler_console]
class=StreamHandler
formatter=json
args=(sys.stdout,)

[formatter_json]
class=${cls}
-- parity-check.config.json --
${config}
`;

const importString = (path: string) => String.raw`
-- src/main.py --
from fastapi import FastAPI
from pydantic import ImportString
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    backend: ImportString = "${path}"


settings = Settings()
app = FastAPI()
-- src/auth/__init__.py --
-- src/auth/backends.py --
def token_backend(request):
    return None
-- requirements.txt --
fastapi
pydantic-settings
-- parity-check.config.json --
${config}
`;

ruleTester(
  'MOD002',
  {
    valid: [
      {
        name: 'libs2-procfile-attr',
        title: 'src/Procfile runs uvicorn main:application, which main defines',
        files: procfile('web: uvicorn main:application --port $PORT'),
        python: { run: uvicornImport('main:application'), fails: null, root: 'src' },
      },
      {
        name: 'libs2-procfile-gunicorn-attr',
        title: 'src/Procfile runs gunicorn -k uvicorn.workers.UvicornWorker main:application, which main defines',
        files: procfile('web: gunicorn -k uvicorn.workers.UvicornWorker main:application'),
        python: { run: gunicornImport('main:application'), fails: null, root: 'src' },
      },
      {
        name: 'libs2-fileconfig-attr',
        title: 'fileConfig of the .ini beside main.py: [formatter_json] class=logutil.JsonFormatter, which logutil defines',
        files: ini('logutil.JsonFormatter'),
        python: { run: 'import main, logging\nprint(type(logging.getLogger().handlers[0].formatter).__name__)', stdout: 'JsonFormatter', root: 'src' },
      },
      {
        name: 'libs2-importstring-submodule',
        title: 'ImportString "auth.backends": backends is a submodule of auth, not an attribute auth defines, and pydantic v2 imports it as a module',
        files: importString('auth.backends'),
        python: { run: 'import importlib\nprint(importlib.import_module("auth.backends").__name__)', stdout: 'auth.backends', root: 'src' },
      },
    ],
    invalid: [
      {
        name: 'libs2-procfile-attr-missing',
        title: 'src/Procfile runs uvicorn main:app where main defines only application: uvicorn cannot find the app',
        files: procfile('web: uvicorn main:app --port $PORT'),
        findings: [
          `src/Procfile:1:14  MOD002  error  "main" resolves to src/main.py, which defines no top-level "app" that Procfile (web: uvicorn main:app) reads: Attribute "app" not found in module "main" (related src/main.py:1:1-1:1)`,
        ],
        python: { run: uvicornImport('main:app'), fails: 'Attribute "app" not found in module "main"', root: 'src' },
      },
      {
        name: 'libs2-procfile-gunicorn-attr-missing',
        title: "src/Procfile runs gunicorn main:app where main defines only application: gunicorn's own words",
        files: procfile('web: gunicorn -k uvicorn.workers.UvicornWorker main:app'),
        findings: [
          `src/Procfile:1:48  MOD002  error  "main" resolves to src/main.py, which defines no top-level "app" that Procfile (web: gunicorn main:app) reads: Failed to find attribute 'app' in 'main' (related src/main.py:1:1-1:1)`,
        ],
        python: { run: gunicornImport('main:app'), fails: "Failed to find attribute 'app' in 'main'", root: 'src' },
      },
      {
        name: 'libs2-fileconfig-attr-missing',
        title: '[formatter_json] class=logutil.JSONFormatter (misspelt): fileConfig raises when main is imported',
        files: ini('logutil.JSONFormatter'),
        findings: [
          `src/logging.ini:20:7  MOD002  error  "logutil" resolves to src/logutil.py, which defines no top-level "JSONFormatter" that logging.config.fileConfig ([formatter_json] class=logutil.JSONFormatter) reads: ModuleNotFoundError: No module named 'logutil.JSONFormatter' (related src/logutil.py:1:1-1:1)`,
        ],
        // logging's _resolve imports logutil.JSONFormatter as a module when the attribute is missing: that import fails.
        python: { run: 'import main', fails: "No module named 'logutil.JSONFormatter'", root: 'src' },
      },
      {
        name: 'libs2-importstring-attr-missing',
        title: 'ImportString "auth.backends.session_backend": backends defines only token_backend',
        files: importString('auth.backends.session_backend'),
        findings: [
          `src/main.py:7:29  MOD002  error  "auth.backends" resolves to src/auth/backends.py, which defines no top-level "session_backend" that pydantic ImportString (Settings.backend: "auth.backends.session_backend") reads: AttributeError: module 'auth.backends' has no attribute 'session_backend' (related src/auth/backends.py:1:1-1:1)`,
        ],
        python: {
          run: 'import importlib\ntry:\n    importlib.import_module("auth.backends.session_backend")\nexcept ImportError:\n    getattr(importlib.import_module("auth.backends"), "session_backend")',
          fails: "has no attribute 'session_backend'",
          root: 'src',
        },
      },
    ],
  },
  'libs2',
);
