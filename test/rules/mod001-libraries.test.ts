// MOD001 for module-path strings that libraries import at start-up (issue #15, misses item 3):
// Celery include=, logging.config.dictConfig "()" / "class", uvicorn.run("module:app").
// Celery is not installed for /usr/bin/python3: its cases prove with importlib.import_module of
// the same string, which is what Celery's include= does when the app is finalised (celery's
// loaders call importlib.import_module on each name).
import { ruleTester } from './tester.js';

const config = '{"apps":[{"name":"app","root":"src","entrypoints":["main.py"]}]}';
const celeryApp = (include: string) => String.raw`
-- src/main.py --
from celery import Celery
from fastapi import FastAPI

app = FastAPI()
celery_app = Celery("app", broker="memory://", include=[${include}])
-- src/tasks/__init__.py --
-- src/tasks/emails.py --
def send(to):
    return to
-- requirements.txt --
fastapi
celery
-- parity-check.config.json --
${config}
`;

const logging = (formatter: string) => String.raw`
-- src/main.py --
import logging.config

from fastapi import FastAPI

LOGGING = {
    "version": 1,
    "formatters": {"json": {"()": "${formatter}"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": "INFO"},
}
logging.config.dictConfig(LOGGING)

app = FastAPI()
-- src/logutil.py --
import logging


class JsonFormatter(logging.Formatter):
    pass
-- parity-check.config.json --
${config}
`;

ruleTester(
  'MOD001',
  {
    valid: [
      {
        name: 'libraries-celery-include',
        title: 'Celery(include=["tasks.emails"]) spelled from the deploy root (src/) resolves',
        files: celeryApp('"tasks.emails"'),
        python: { run: 'import importlib; importlib.import_module("tasks.emails")', fails: null, root: 'src' },
      },
      {
        name: 'libraries-dictconfig',
        title: 'dictConfig "()": "logutil.JsonFormatter" under the deploy root: dictConfig builds the formatter',
        files: logging('logutil.JsonFormatter'),
        python: { run: 'import main, logging; print(type(logging.getLogger().handlers[0].formatter).__name__)', stdout: 'JsonFormatter', root: 'src' },
      },
      {
        name: 'libraries-uvicorn-main-guard',
        title: 'uvicorn.run("src.main:app") under if __name__ == "__main__": is the local dev server, which Lambda never runs',
        files: String.raw`
-- src/main.py --
import uvicorn
from fastapi import FastAPI

app = FastAPI()

if __name__ == "__main__":
    uvicorn.run("src.main:app", reload=True)
-- requirements.txt --
fastapi
uvicorn
-- parity-check.config.json --
${config}
`,
        python: { run: 'import main', fails: null, root: 'src' },
      },
    ],
    invalid: [
      {
        name: 'libraries-celery-include-src-prefix',
        title: 'Celery(include=["src.tasks.emails"]) under a src/ deploy root: the worker fails to import the task module',
        golden: true,
        files: celeryApp('"src.tasks.emails"'),
        findings: [
          `src/main.py:5:57  MOD001  error  "src.tasks.emails" does not resolve under src (Lambda's /var/task): Celery (include=) imports it at start-up and raises ModuleNotFoundError: No module named 'src'; did you mean "tasks.emails"?  [*]`,
        ],
        output: String.raw`
-- src/main.py --
from celery import Celery
from fastapi import FastAPI

app = FastAPI()
celery_app = Celery("app", broker="memory://", include=["tasks.emails"])
`,
        python: { run: 'import importlib; importlib.import_module("src.tasks.emails")', fails: "No module named 'src'", root: 'src' },
      },
      {
        name: 'libraries-dictconfig-src-prefix',
        title: 'dictConfig "()": "src.logutil.JsonFormatter" under a src/ deploy root: dictConfig raises at import',
        files: logging('src.logutil.JsonFormatter'),
        findings: [
          `src/main.py:7:35  MOD001  error  "src.logutil" does not resolve under src (Lambda's /var/task): logging.config.dictConfig ("()": "src.logutil.JsonFormatter") imports it at start-up and raises ModuleNotFoundError: No module named 'src'; did you mean "logutil"?`,
        ],
        python: { run: 'import main', fails: "No module named 'src'", root: 'src' },
      },
      {
        name: 'libraries-uvicorn-module-level',
        title: 'uvicorn.run("src.main:app") at module level runs when the image starts the module (a web adapter container): the src. prefix fails there',
        files: String.raw`
-- src/main.py --
from fastapi import FastAPI

app = FastAPI()
-- src/serve.py --
import uvicorn

uvicorn.run("src.main:app", port=8080)
-- requirements.txt --
fastapi
uvicorn
-- parity-check.config.json --
{"apps":[{"name":"app","root":"src","entrypoints":["main.py","serve.py"]}]}
`,
        findings: [
          `src/serve.py:3:13  MOD001  error  "src.main" does not resolve under src (Lambda's /var/task): uvicorn.run ("src.main:app") imports it at start-up and raises ModuleNotFoundError: No module named 'src'; did you mean "main"?`,
        ],
        python: { run: 'import uvicorn.importer; uvicorn.importer.import_from_string("src.main:app")', fails: "No module named 'src'", root: 'src' },
      },
    ],
  },
  'libraries',
);
