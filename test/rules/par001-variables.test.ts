// PAR001 for middleware held in a variable (issue #15, misses item 1): `middleware = [...]` then
// FastAPI(middleware=middleware), lists built by `+`, `.append`, `.insert`, imported from a shared
// module, and a value that cannot be read (a warning naming it, never a silent pass or a false error).
import { ruleTester } from './tester.js';

const CONFIG = `-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`;

const MAIN = String.raw`-- main.py --
from fastapi import FastAPI
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware

middleware = [Middleware(CORSMiddleware, allow_origins=["*"])]
middleware.append(Middleware(GZipMiddleware, minimum_size=500))
app = FastAPI(middleware=middleware)
`;

const lazy = (list: string) => String.raw`-- lazy_app.py --
from fastapi import FastAPI
from mangum import Mangum
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware

BASE = [Middleware(CORSMiddleware, allow_origins=["*"])]
${list}
app = FastAPI(middleware=middleware)
handler = Mangum(app)
-- mangum.py --
class Mangum:
    def __init__(self, app, **kw):
        self.app = app
`;

const SAME = `from starlette.middleware.gzip import GZipMiddleware
import main, lazy_app
names = lambda a: [m.cls.__name__ for m in a.user_middleware]
print(names(main.app), names(lazy_app.app))
assert names(main.app) == names(lazy_app.app)`;

const SHARED = String.raw`-- core/__init__.py --
-- core/middleware_config.py --
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware

MIDDLEWARE = [Middleware(CORSMiddleware, allow_origins=["*"]), Middleware(GZipMiddleware)]
`;

ruleTester(
  'PAR001',
  {
    valid: [
      {
        name: 'variables-list-plus-and-append',
        title: 'middleware held in a variable, built by .append in one entry point and by + in the other: the same classes, parity',
        files: MAIN + lazy('middleware = BASE + [Middleware(GZipMiddleware, minimum_size=500)]') + CONFIG,
        python: { run: SAME, fails: null },
      },
      {
        name: 'variables-shared-imported-list',
        title: 'both entry points pass one list imported from a shared module: parity',
        files:
          SHARED +
          String.raw`-- main.py --
from fastapi import FastAPI

from core.middleware_config import MIDDLEWARE

app = FastAPI(middleware=MIDDLEWARE)
-- lazy_app.py --
from fastapi import FastAPI

from core.middleware_config import MIDDLEWARE

app = FastAPI(middleware=MIDDLEWARE)
` +
          CONFIG,
        python: { run: SAME, fails: null },
      },
      {
        name: 'variables-insert-and-extend',
        title: '.insert(0, ...) and .extend([...]) on a held list are read where they add',
        files:
          MAIN +
          lazy(`middleware = []
middleware.extend([Middleware(GZipMiddleware, minimum_size=500)])
middleware.insert(0, Middleware(CORSMiddleware, allow_origins=["*"]))`) +
          CONFIG,
        findings: [],
        python: { run: SAME, fails: null },
      },
    ],
    invalid: [
      {
        name: 'variables-list-plus-entry-removed',
        title: 'the GZip entry removed from the lazy entry point’s held list (BASE + []): PAR001 at the entry main.py appends',
        files: MAIN + lazy('middleware = BASE + []') + CONFIG,
        findings: [
          'main.py:7:19  PAR001  error  GZipMiddleware is registered in main.py:7 but not in lazy_app.py: requests through lazy_app.py run without it (related lazy_app.py:9:1-9:37)',
        ],
        python: { run: SAME, fails: 'AssertionError' },
      },
      {
        name: 'variables-own-list-differs-from-shared',
        title: 'one entry point passes the shared list, the other its own list without GZip: the shared list is read in its module (one hop), so GZip is the one missing there (an error), and CORS, which both hold, is no finding',
        files:
          SHARED +
          String.raw`-- main.py --
from fastapi import FastAPI

from core.middleware_config import MIDDLEWARE

app = FastAPI(middleware=MIDDLEWARE)
-- lazy_app.py --
from fastapi import FastAPI
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware

middleware = [Middleware(CORSMiddleware, allow_origins=["*"])]
app = FastAPI(middleware=middleware)
` +
          CONFIG,
        findings: [
          'main.py:5:26  PAR001  error  GZipMiddleware is registered in main.py:5 but not in lazy_app.py: requests through lazy_app.py run without it (related lazy_app.py:6:1-6:37)',
        ],
        python: { run: SAME, fails: 'AssertionError' },
      },
      {
        name: 'variables-unread-call',
        title: 'middleware=build_middleware(settings) cannot be read: a warning names it instead of a false PAR001 (Python: the lists may differ, nothing static can tell)',
        files:
          MAIN +
          String.raw`-- lazy_app.py --
import os

from fastapi import FastAPI
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware


def build_middleware(names):
    return [Middleware(GZipMiddleware)] if "gzip" in names else []


app = FastAPI(middleware=build_middleware(os.environ.get("MW", "")))
` +
          CONFIG,
        findings: [
          'lazy_app.py:12:26  PAR001  warning  the middleware of lazy_app.py could not be read (middleware=build_middleware(os.environ.get("MW", ""))): they are not compared with main.py; write them as a list (or a name bound to one) to have them checked',
        ],
        python: { run: `import main, lazy_app\nprint([m.cls.__name__ for m in lazy_app.app.user_middleware])`, stdout: '[]' },
      },
    ],
  },
  'variables',
);
