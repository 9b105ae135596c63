// PAR002 cases of issue #15's PAR misses (topic `parity`): a condition inside a set-up function makes
// its registration conditional, as a module-level `if` does. Format and assertions: ./tester.ts.
import { ruleTester } from './tester.js';

const SHARED = String.raw`
-- settings.py --
import os

GZIP = os.environ.get("GZIP") == "1"
-- main.py --
from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware

app = FastAPI()
app.add_middleware(GZipMiddleware, minimum_size=500)
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`;

// GZIP is unset on Lambda: what lazy_app.py registers then.
const PROBE = String.raw`import main, lazy_app
names = lambda a: [m.cls.__name__ for m in a.user_middleware]
assert names(lazy_app.app) == names(main.app), f"lazy_app.py: {names(lazy_app.app)}, main.py: {names(main.app)}"`;

ruleTester(
  'PAR002',
  {
    valid: [
      {
        name: 'parity-set-up-function-unconditional',
        title: 'def setup(app): app.add_middleware(GZipMiddleware, minimum_size=500), as main.py registers it',
        files:
          SHARED +
          String.raw`
-- lazy_app.py --
from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware


def setup(app):
    app.add_middleware(GZipMiddleware, minimum_size=500)


app = FastAPI()
setup(app)
`,
        python: { run: PROBE, fails: null },
      },
    ],
    invalid: [
      {
        name: 'parity-condition-in-set-up-function',
        title: 'def setup(app): if settings.GZIP: app.add_middleware(...) registers GZipMiddleware only when GZIP is set; main.py always does',
        files:
          SHARED +
          String.raw`
-- lazy_app.py --
from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware

import settings


def setup(app):
    if settings.GZIP:
        app.add_middleware(GZipMiddleware, minimum_size=500)


app = FastAPI()
setup(app)
`,
        findings: ['lazy_app.py:9:9  PAR002  warning  GZipMiddleware is registered under a condition in lazy_app.py but unconditionally in main.py (related main.py:5:1-5:53)'],
        python: { run: PROBE, fails: 'lazy_app.py: []' },
      },
    ],
  },
  'parity',
);
