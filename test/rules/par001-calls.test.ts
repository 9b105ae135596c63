// PAR001 for the call form of the middleware decorator (issue #15, misses item 1), a shared
// middleware list compared by what it holds, and a list appended to in a set-up function called at the top:
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

const MW_SHARED = String.raw`-- core/__init__.py --
-- core/middleware_config.py --
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware

MIDDLEWARE = [Middleware(CORSMiddleware, allow_origins=["*"])]
MIDDLEWARE.append(Middleware(GZipMiddleware, minimum_size=500))
-- main.py --
from fastapi import FastAPI

from core.middleware_config import MIDDLEWARE

app = FastAPI(middleware=MIDDLEWARE)
`;

const mwLazy = (body: string) => String.raw`-- lazy_app.py --
from fastapi import FastAPI
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware

${body}
app = FastAPI(middleware=middleware)
`;

const MW_SAME = `import main, lazy_app
names = lambda a: [m.cls.__name__ for m in a.user_middleware]
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
      {
        name: 'calls-shared-middleware-read-by-content',
        title: 'one entry point passes the shared MIDDLEWARE, the other its own list of the same classes: the shared list is read in its module, parity (a false PAR001 on the shared name before)',
        files:
          MW_SHARED +
          mwLazy(`middleware = [
    Middleware(CORSMiddleware, allow_origins=["*"]),
    Middleware(GZipMiddleware, minimum_size=500),
]`) +
          CONFIG,
        python: { run: MW_SAME, fails: null },
      },
      {
        name: 'calls-middleware-list-appended-in-called-function',
        title: 'def configure(): middleware.append(Middleware(GZipMiddleware)) called at the top before the app is built: GZip counts',
        files:
          MW_SHARED +
          mwLazy(`middleware = [Middleware(CORSMiddleware, allow_origins=["*"])]


def configure():
    middleware.append(Middleware(GZipMiddleware, minimum_size=500))


configure()`) +
          CONFIG,
        python: { run: MW_SAME, fails: null },
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
      {
        name: 'calls-shared-middleware-entry-missing-in-own-list',
        title: 'the shared MIDDLEWARE holds GZip, the other entry point\'s own list does not: PAR001 for GZipMiddleware at the keyword that passes the shared list',
        files: MW_SHARED + mwLazy('middleware = [Middleware(CORSMiddleware, allow_origins=["*"])]') + CONFIG,
        findings: [
          'main.py:5:26  PAR001  error  GZipMiddleware is registered in main.py:5 but not in lazy_app.py: requests through lazy_app.py run without it (related lazy_app.py:7:1-7:37)',
        ],
        python: { run: MW_SAME, fails: 'AssertionError' },
      },
      {
        name: 'calls-middleware-list-appended-in-uncalled-function',
        title: 'the function that appends GZip is never called: the list holds CORS only, PAR001',
        files:
          MW_SHARED +
          mwLazy(`middleware = [Middleware(CORSMiddleware, allow_origins=["*"])]


def configure():
    middleware.append(Middleware(GZipMiddleware, minimum_size=500))`) +
          CONFIG,
        findings: [
          'main.py:5:26  PAR001  error  GZipMiddleware is registered in main.py:5 but not in lazy_app.py: requests through lazy_app.py run without it (related lazy_app.py:11:1-11:37)',
        ],
        python: { run: MW_SAME, fails: 'AssertionError' },
      },
    ],
  },
  'calls',
);
