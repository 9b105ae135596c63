// PAR001 for the call form of the middleware decorator (issue #15, misses item 1):
// `app.middleware("http")(fn)` registers what `@app.middleware("http")` on fn does (Starlette wraps
// fn in BaseHTTPMiddleware either way), so the two forms in two entry points are parity, and
// either removed from one entry point is a gap. Proved with app.user_middleware.
import { ruleTester } from './tester.js';

const CONFIG = `-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`;

const SHARED = String.raw`-- timing.py --
async def add_timing(request, call_next):
    response = await call_next(request)
    response.headers["x-timing"] = "1"
    return response
`;

/** main.py registers the shared function with the call form (or not at all). */
const main = (register: string) => String.raw`-- main.py --
from fastapi import FastAPI

from timing import add_timing

app = FastAPI()
${register}
`;

/** lazy_app.py defines and decorates its own add_timing (or defines it undecorated). */
const lazy = (decorator: string) => String.raw`-- lazy_app.py --
from fastapi import FastAPI

app = FastAPI()


${decorator}
async def add_timing(request, call_next):
    response = await call_next(request)
    response.headers["x-timing"] = "1"
    return response
`;

const SAME = `import main, lazy_app
names = lambda a: [m.options["dispatch"].__name__ for m in a.user_middleware]
print(names(main.app), names(lazy_app.app))
assert names(main.app) == names(lazy_app.app)`;

ruleTester(
  'PAR001',
  {
    valid: [
      {
        name: 'calls-middleware-call-form-and-decorator',
        title: 'app.middleware("http")(add_timing) in one entry point, @app.middleware("http") on add_timing in the other: one middleware, parity',
        files: SHARED + main('app.middleware("http")(add_timing)') + lazy('@app.middleware("http")') + CONFIG,
        python: { run: SAME, fails: null },
        golden: true,
      },
      {
        name: 'calls-middleware-call-form-in-setup-function',
        title: 'the call form inside a set-up function the app is handed to counts as the app\'s, like the decorator in place',
        files:
          SHARED +
          main(`

def configure(application):
    application.middleware("http")(add_timing)


configure(app)`) +
          lazy('@app.middleware("http")') +
          CONFIG,
        python: { run: SAME, fails: null },
      },
    ],
    invalid: [
      {
        name: 'calls-middleware-call-form-removed',
        title: 'the call form removed from main.py (the function imported but never registered): PAR001 at the lazy entry point\'s decorator',
        files: SHARED + main('') + lazy('@app.middleware("http")') + CONFIG,
        findings: [
          'lazy_app.py:6:1  PAR001  error  add_timing (@app.middleware) is registered in lazy_app.py:6 but not in main.py: requests through main.py run without it (related main.py:5:1-5:16)',
        ],
        python: { run: SAME, fails: 'AssertionError' },
      },
      {
        name: 'calls-middleware-decorator-removed',
        title: 'the decorator removed from lazy_app.py: PAR001 at main.py\'s call form, which was a silent pass',
        files: SHARED + main('app.middleware("http")(add_timing)') + lazy('') + CONFIG,
        findings: [
          'main.py:6:1  PAR001  error  add_timing (@app.middleware) is registered in main.py:6 but not in lazy_app.py: requests through lazy_app.py run without it (related lazy_app.py:3:1-3:16)',
        ],
        python: { run: SAME, fails: 'AssertionError' },
      },
    ],
  },
  'calls',
);
