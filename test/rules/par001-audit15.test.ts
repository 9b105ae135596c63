// Issue #15, misses item 1: a middleware list built with `*` (the audit found no case for it, and
// `[Middleware(GZip)] * 0` was read as holding GZip: a silent pass where Lambda runs without it).
// A count written as a literal is read (0 or less holds nothing); a count held in a name is not
// read, and a warning says so (variables-unread-call shows that wording).
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

const lazy = (count: string) => String.raw`-- lazy_app.py --
from fastapi import FastAPI
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware

BASE = [Middleware(CORSMiddleware, allow_origins=["*"])]
middleware = BASE + [Middleware(GZipMiddleware, minimum_size=500)] * ${count}
app = FastAPI(middleware=middleware)
`;

const SAME = `import main, lazy_app
names = lambda a: [m.cls.__name__ for m in a.user_middleware]
print(names(main.app), names(lazy_app.app))
assert names(main.app) == names(lazy_app.app)`;

ruleTester(
  'PAR001',
  {
    valid: [
      {
        name: 'audit15-list-times-one',
        title: 'BASE + [Middleware(GZip)] * 1: the list holds GZip once, as main.py registers it',
        files: MAIN + lazy('1') + CONFIG,
        python: { run: SAME, fails: null },
      },
    ],
    invalid: [
      {
        name: 'audit15-list-times-zero',
        title: 'BASE + [Middleware(GZip)] * 0: the list holds no GZip, Lambda runs without it (read as holding GZip before)',
        files: MAIN + lazy('0') + CONFIG,
        findings: [
          'main.py:7:19  PAR001  error  GZipMiddleware is registered in main.py:7 but not in lazy_app.py: requests through lazy_app.py run without it (related lazy_app.py:8:1-8:37)',
        ],
        python: { run: SAME, fails: 'AssertionError' },
      },
    ],
  },
  'audit15',
);
