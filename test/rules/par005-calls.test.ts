// PAR005 for the call forms of the hook decorators (issue #15, misses item 1):
// `app.on_event("startup")(connect)` and `app.exception_handler(Exc)(handle)` register what the
// decorated forms do; and exception handlers and startup hooks held in a variable
// (`exception_handlers=handlers`, `on_startup=STARTUP`, misses item 5). Each a pair proved with
// app.exception_handlers and app.router.on_startup.
import { ruleTester } from './tester.js';

const CONFIG = `-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`;

const DB = String.raw`-- db.py --
state = {}


async def connect():
    state["db"] = "connected"
-- errors.py --
from fastapi.responses import JSONResponse


async def handle_http(request, exc):
    return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)


async def handle_value(request, exc):
    return JSONResponse({"detail": str(exc)}, status_code=400)
`;

/** The lazy entry point registers everything with the method calls. */
const LAZY = String.raw`-- lazy_app.py --
from fastapi import FastAPI, HTTPException

from db import connect
from errors import handle_http, handle_value

app = FastAPI()
app.add_event_handler("startup", connect)
app.add_exception_handler(HTTPException, handle_http)
app.add_exception_handler(ValueError, handle_value)
`;

const main = (body: string) => String.raw`-- main.py --
from fastapi import FastAPI, HTTPException

from db import connect
from errors import handle_http, handle_value

${body}
`;

const SAME = `import main, lazy_app
eh = lambda a: sorted(f"{k.__name__}={f.__module__}.{f.__name__}" for k, f in a.exception_handlers.items() if f.__module__ == "errors")
st = lambda a: [f"{f.__module__}.{f.__name__}" for f in a.router.on_startup + a.router.on_shutdown]
print(eh(main.app), st(main.app), eh(lazy_app.app), st(lazy_app.app))
assert eh(main.app) == eh(lazy_app.app), "exception handlers differ"
assert st(main.app) == st(lazy_app.app), "startup hooks differ"`;

const CALLS = `app = FastAPI()
app.on_event("startup")(connect)
app.exception_handler(HTTPException)(handle_http)
app.exception_handler(ValueError)(handle_value)`;

const HELD = `handlers = {HTTPException: handle_http}
handlers[ValueError] = handle_value
STARTUP = [connect]
app = FastAPI(exception_handlers=handlers, on_startup=STARTUP)`;

/** The hooks kept in a shared module, imported by main.py. */
const SHARED_HOOKS = String.raw`-- hooks_config.py --
from fastapi import HTTPException

from db import connect
from errors import handle_http, handle_value

STARTUP = [connect]
HANDLERS = {HTTPException: handle_http, ValueError: handle_value}
`;

const SHARED_MAIN = `from hooks_config import HANDLERS, STARTUP

app = FastAPI(exception_handlers=HANDLERS, on_startup=STARTUP)`;

ruleTester(
  'PAR005',
  {
    valid: [
      {
        name: 'calls-hook-call-forms',
        title: 'app.on_event("startup")(connect) and app.exception_handler(Exc)(handle) against add_event_handler / add_exception_handler: the same hooks, parity',
        files: DB + main(CALLS) + LAZY + CONFIG,
        python: { run: SAME, fails: null },
        golden: true,
      },
      {
        name: 'calls-hooks-held-in-variables',
        title: 'exception_handlers=handlers (a dict built by a literal and [K] = v) and on_startup=STARTUP (a held list): the same hooks as the method calls, parity',
        files: DB + main(HELD) + LAZY + CONFIG,
        python: { run: SAME, fails: null },
      },
      {
        name: 'calls-hooks-shared-module-read-by-content',
        title: 'on_startup=STARTUP and exception_handlers=HANDLERS imported from hooks_config.py: read there, the same hooks as the method calls, parity',
        files: DB + SHARED_HOOKS + main(SHARED_MAIN) + LAZY + CONFIG,
        python: { run: SAME, fails: null },
      },
    ],
    invalid: [
      {
        name: 'calls-on-event-call-form-removed',
        title: 'the app.on_event("startup")(connect) line removed from main.py: PAR005 at the lazy entry point\'s add_event_handler',
        files: DB + main(CALLS.replace('app.on_event("startup")(connect)\n', '')) + LAZY + CONFIG,
        findings: [
          'lazy_app.py:7:1  PAR005  error  startup hook db.connect is registered in lazy_app.py:7 but not in main.py (related main.py:6:1-6:16)',
        ],
        python: { run: SAME, fails: 'startup hooks differ' },
      },
      {
        name: 'calls-exception-handler-call-form-only-there',
        title: 'add_exception_handler(ValueError, ...) removed from lazy_app.py: PAR005 at main.py\'s app.exception_handler(ValueError)(...), which was a silent pass',
        files: DB + main(CALLS) + LAZY.replace('app.add_exception_handler(ValueError, handle_value)\n', '') + CONFIG,
        findings: [
          'main.py:9:1  PAR005  error  exception handler for ValueError is registered in main.py:9 but not in lazy_app.py (related lazy_app.py:6:1-6:16)',
        ],
        python: { run: SAME, fails: 'exception handlers differ' },
      },
      {
        name: 'calls-held-handlers-entry-removed',
        title: 'handlers[ValueError] = handle_value removed from main.py\'s held dict: PAR005 at the lazy entry point\'s add_exception_handler',
        files: DB + main(HELD.replace('handlers[ValueError] = handle_value\n', '')) + LAZY + CONFIG,
        findings: [
          'lazy_app.py:9:1  PAR005  error  exception handler for ValueError is registered in lazy_app.py:9 but not in main.py (related main.py:8:1-8:63)',
        ],
        python: { run: SAME, fails: 'exception handlers differ' },
      },
      {
        name: 'calls-held-startup-entry-removed',
        title: 'connect removed from main.py\'s held STARTUP list: PAR005 at the lazy entry point\'s add_event_handler',
        files: DB + main(HELD.replace('STARTUP = [connect]', 'STARTUP = []')) + LAZY + CONFIG,
        findings: [
          'lazy_app.py:7:1  PAR005  error  startup hook db.connect is registered in lazy_app.py:7 but not in main.py (related main.py:9:1-9:63)',
        ],
        python: { run: SAME, fails: 'startup hooks differ' },
      },
      {
        name: 'calls-hooks-shared-module-entry-removed',
        title: 'ValueError removed from the shared HANDLERS: PAR005 at the lazy entry point\'s add_exception_handler (read through the import)',
        files: DB + SHARED_HOOKS.replace(', ValueError: handle_value', '') + main(SHARED_MAIN) + LAZY + CONFIG,
        findings: [
          'lazy_app.py:9:1  PAR005  error  exception handler for ValueError is registered in lazy_app.py:9 but not in main.py (related main.py:8:1-8:63)',
        ],
        python: { run: SAME, fails: 'exception handlers differ' },
      },
    ],
  },
  'calls',
);
