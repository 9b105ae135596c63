// PAR005's cases (format and assertions: ./tester.ts), from test/fixtures/truth/ and test/rules/core.test.ts.
// The golden ones are also fixture repositories of test/golden, labelled test/fixtures/truth/par005-<name>.
import { ruleTester } from './tester.js';

ruleTester('PAR005', {
  valid: [
    {
      name: 'handler-runs-startup-with-lifespan-off',
      title: 'Mangum(app, lifespan="off") with the handler running asyncio.run(app.router.startup()) itself: the startup hooks do run',
      files: String.raw`
-- db.py --
state = {}


async def connect():
    state["db"] = "connected"
-- main.py --
from fastapi import FastAPI

from db import connect

app = FastAPI(on_startup=[connect])
-- lazy_app.py --
from fastapi import FastAPI

from db import connect

app = FastAPI(on_startup=[connect])
-- handler.py --
import asyncio

from mangum import Mangum

from lazy_app import app

asyncio.run(app.router.startup())
handler = Mangum(app, lifespan="off")
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py","handler.py"]}]}
`,
      // mangum is not installed here: its constructor is replaced by one that keeps its arguments,
      // which is all Mangum(app, lifespan="off") does at import (it never runs the lifespan).
      python: { run: String.raw`import sys, types
sys.modules["mangum"] = types.SimpleNamespace(Mangum=lambda app, **kw: (app, kw))
import handler, db
assert handler.handler[1] == {"lifespan": "off"}
assert db.state.get("db") == "connected", "the startup hook never ran"`, fails: null },
    },
    {
      name: 'handler-makes-the-hooks-connect-call',
      title: 'Mangum(app, lifespan="off") with the handler making, at import, the connect call the startup hook would make',
      files: String.raw`
-- database.py --
state = {}


async def connect():
    state["db"] = "connected"
-- main.py --
from fastapi import FastAPI

import database

app = FastAPI()


@app.on_event("startup")
async def startup():
    await database.connect()
-- lazy_app.py --
from fastapi import FastAPI

import database

app = FastAPI()


@app.on_event("startup")
async def startup():
    await database.connect()
-- handler.py --
import asyncio

from mangum import Mangum

from database import connect
from lazy_app import app

asyncio.new_event_loop().run_until_complete(connect())
handler = Mangum(app, lifespan="off")
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py","handler.py"]}]}
`,
      python: { run: String.raw`import sys, types
sys.modules["mangum"] = types.SimpleNamespace(Mangum=lambda app, **kw: (app, kw))
import handler, database
assert database.state.get("db") == "connected", "the startup work never ran"`, fails: null },
    },
    {
      name: 'httpexception-reexport',
      title: 'from fastapi import HTTPException and from fastapi.exceptions import HTTPException are one class',
      golden: true,
      files: String.raw`
-- errors.py --
from fastapi.responses import JSONResponse


async def http_error(request, exc):
    return JSONResponse({"error": exc.detail}, status_code=exc.status_code)
-- lazy_app.py --
from fastapi import FastAPI
from fastapi.exceptions import HTTPException

from errors import http_error

app = FastAPI()
app.add_exception_handler(HTTPException, http_error)
-- main.py --
from fastapi import FastAPI, HTTPException

from errors import http_error

app = FastAPI()
app.add_exception_handler(HTTPException, http_error)
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      python: { run: String.raw`import main, lazy_app
eh = lambda a: sorted(str(k) for k in a.exception_handlers)
st = lambda a: [f"{f.__module__}.{f.__name__}" for f in a.router.on_startup + a.router.on_shutdown]
assert (eh(main.app), st(main.app)) == (eh(lazy_app.app), st(lazy_app.app)), ((eh(main.app), st(main.app)), (eh(lazy_app.app), st(lazy_app.app)))`, fails: null },
    },
    {
      name: 'same-handler-loop',
      title: 'the same loop over one exception handler table in both entry points',
      golden: true,
      files: String.raw`
-- errors.py --
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException


async def validation_error(request, exc):
    return JSONResponse({"detail": "invalid"}, status_code=422)


async def http_error(request, exc):
    return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)


HANDLERS = {RequestValidationError: validation_error, HTTPException: http_error}
-- lazy_app.py --
from fastapi import FastAPI

from errors import HANDLERS

app = FastAPI()
for exc_class, handler in HANDLERS.items():
    app.add_exception_handler(exc_class, handler)
-- main.py --
from fastapi import FastAPI

from errors import HANDLERS

app = FastAPI()
for exc_class, handler in HANDLERS.items():
    app.add_exception_handler(exc_class, handler)
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      python: { run: String.raw`import main, lazy_app
eh = lambda a: sorted(str(k) for k in a.exception_handlers)
assert eh(main.app) == eh(lazy_app.app), (eh(main.app), eh(lazy_app.app))`, fails: null },
    },
    {
      name: 'startup-hook-imported-two-ways',
      title: 'on_startup=[db.connect] and on_startup=[connect] imported from db are one hook',
      golden: true,
      files: String.raw`
-- db.py --
async def connect():
    pass


async def disconnect():
    pass
-- lazy_app.py --
from fastapi import FastAPI

from db import connect, disconnect

app = FastAPI(on_startup=[connect], on_shutdown=[disconnect])
-- main.py --
from fastapi import FastAPI

import db

app = FastAPI(on_startup=[db.connect], on_shutdown=[db.disconnect])
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      python: { run: String.raw`import main, lazy_app
eh = lambda a: sorted(str(k) for k in a.exception_handlers)
st = lambda a: [f"{f.__module__}.{f.__name__}" for f in a.router.on_startup + a.router.on_shutdown]
assert (eh(main.app), st(main.app)) == (eh(lazy_app.app), st(lazy_app.app)), ((eh(main.app), st(main.app)), (eh(lazy_app.app), st(lazy_app.app)))`, fails: null },
    },
    {
      name: 'status-constant',
      title: 'add_exception_handler(404, ...) and (status.HTTP_404_NOT_FOUND, ...) are one key',
      golden: true,
      files: String.raw`
-- errors.py --
from fastapi.responses import JSONResponse


async def not_found(request, exc):
    return JSONResponse({"error": "not found"}, status_code=404)
-- lazy_app.py --
from fastapi import FastAPI, status

from errors import not_found

app = FastAPI()
app.add_exception_handler(status.HTTP_404_NOT_FOUND, not_found)
-- main.py --
from fastapi import FastAPI

from errors import not_found

app = FastAPI()
app.add_exception_handler(404, not_found)
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      python: { run: String.raw`import main, lazy_app
eh = lambda a: sorted(str(k) for k in a.exception_handlers)
st = lambda a: [f"{f.__module__}.{f.__name__}" for f in a.router.on_startup + a.router.on_shutdown]
assert (eh(main.app), st(main.app)) == (eh(lazy_app.app), st(lazy_app.app)), ((eh(main.app), st(main.app)), (eh(lazy_app.app), st(lazy_app.app)))`, fails: null },
    },
    {
      name: 'same-hooks-and-lifespan-auto',
      title: 'the same handlers and hooks on both sides, Mangum lifespan="auto": nothing to report',
      files: String.raw`
-- main.py --
from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError

app = FastAPI()


@app.exception_handler(RequestValidationError)
async def on_invalid(request, exc):
    pass


@app.on_event("startup")
async def connect():
    pass
-- lazy_app.py --
from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError

app = FastAPI()


@app.exception_handler(RequestValidationError)
async def on_invalid(request, exc):
    pass


@app.on_event("startup")
async def connect():
    pass
-- handler.py --
from mangum import Mangum

from lazy_app import app

handler = Mangum(app, lifespan="auto")
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py","handler.py"]}]}
`,
    },
  ],
  invalid: [
    {
      name: 'lifespan-off-and-nothing-runs-startup',
      title: 'handler-runs-startup-with-lifespan-off broken: the handler no longer runs the startup, so the hook never runs on Lambda (a warning: deliberate in some working code)',
      files: String.raw`
-- db.py --
state = {}


async def connect():
    state["db"] = "connected"
-- main.py --
from fastapi import FastAPI

from db import connect

app = FastAPI(on_startup=[connect])
-- lazy_app.py --
from fastapi import FastAPI

from db import connect

app = FastAPI(on_startup=[connect])
-- handler.py --
from mangum import Mangum

from lazy_app import app

handler = Mangum(app, lifespan="off")
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py","handler.py"]}]}
`,
      findings: [
        'handler.py:5:1  PAR005  warning  Mangum(…, lifespan="off") skips the app\'s lifespan on Lambda, and nothing else runs startup hook db.connect (lazy_app.py:5): it will not run there (related lazy_app.py:5:27-5:34)',
      ],
      python: { run: String.raw`import sys, types
sys.modules["mangum"] = types.SimpleNamespace(Mangum=lambda app, **kw: (app, kw))
import handler, db
assert db.state.get("db") == "connected", "the startup hook never ran"`, fails: 'the startup hook never ran' },
    },
    {
      name: 'handler-runs-startup-but-not-shutdown',
      title: 'the handler runs app.router.startup() itself; the shutdown hook still never runs: the warning names only that one',
      files: String.raw`
-- db.py --
state = {}


async def connect():
    state["db"] = "connected"


async def disconnect():
    state["db"] = "closed"
-- main.py --
from fastapi import FastAPI

from db import connect, disconnect

app = FastAPI(on_startup=[connect], on_shutdown=[disconnect])
-- lazy_app.py --
from fastapi import FastAPI

from db import connect, disconnect

app = FastAPI(on_startup=[connect], on_shutdown=[disconnect])
-- handler.py --
import asyncio

from mangum import Mangum

from lazy_app import app

asyncio.run(app.router.startup())
handler = Mangum(app, lifespan="off")
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py","handler.py"]}]}
`,
      findings: [
        'handler.py:8:1  PAR005  warning  Mangum(…, lifespan="off") skips the app\'s lifespan on Lambda, and nothing else runs shutdown hook db.disconnect (lazy_app.py:5): it will not run there (startup hook db.connect runs from handler.py:7) (related lazy_app.py:5:50-5:60)',
      ],
    },
    {
      name: 'startup-hooks-of-two-modules',
      title: 'on_startup=[connect] from db and from cache are two hooks',
      golden: true,
      files: String.raw`
-- cache.py --
async def connect():
    pass
-- db.py --
async def connect():
    pass
-- lazy_app.py --
from fastapi import FastAPI

from cache import connect

app = FastAPI(on_startup=[connect])
-- main.py --
from fastapi import FastAPI

from db import connect

app = FastAPI(on_startup=[connect])
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      findings: [
        'lazy_app.py:5:27  PAR005  error  startup hook cache.connect is registered in lazy_app.py:5 but not in main.py (related main.py:5:1-5:36)',
        'main.py:5:27  PAR005  error  startup hook db.connect is registered in main.py:5 but not in lazy_app.py (related lazy_app.py:5:1-5:36)',
      ],
      python: { run: String.raw`import main, lazy_app
eh = lambda a: sorted(str(k) for k in a.exception_handlers)
st = lambda a: [f"{f.__module__}.{f.__name__}" for f in a.router.on_startup + a.router.on_shutdown]
assert (eh(main.app), st(main.app)) == (eh(lazy_app.app), st(lazy_app.app)), ((eh(main.app), st(main.app)), (eh(lazy_app.app), st(lazy_app.app)))`, fails: 'AssertionError' },
    },
    {
      name: 'exception-handler-missing-and-lifespan-off',
      title: 'an exception handler missing on one side, and Mangum lifespan="off" in front of startup hooks',
      files: String.raw`
-- main.py --
from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError

app = FastAPI()


@app.exception_handler(RequestValidationError)
async def on_invalid(request, exc):
    pass


@app.on_event("startup")
async def connect():
    pass
-- lazy_app.py --
from fastapi import FastAPI

app = FastAPI()


@app.on_event("startup")
async def connect():
    pass
-- handler.py --
from mangum import Mangum

from lazy_app import app

handler = Mangum(app, lifespan="off")
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py","handler.py"]}]}
`,
      findings: [
        `handler.py:5:1  PAR005  warning  Mangum(…, lifespan="off") skips the app's lifespan on Lambda, and nothing else runs startup hook connect (lazy_app.py:6): it will not run there (related lazy_app.py:6:1-6:25)`,
        'main.py:7:1  PAR005  error  exception handler for RequestValidationError is registered in main.py:7 but not in lazy_app.py (related lazy_app.py:3:1-3:16)',
      ],
    },
  ],
});
