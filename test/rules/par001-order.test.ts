// PAR001 for a set-up function of another module called with different arguments (issue #15, topic
// order): `setup_middleware(app, gzip=True)` in main.py registers GZip, `setup_middleware(app)` in
// lazy_app.py does not (gzip defaults to False). The tests of the function on its parameters are
// evaluated with each call's arguments, as for a factory (a silent pass before: the registration was
// only "conditional"). Proved with app.user_middleware in real FastAPI.
import { ruleTester } from './tester.js';

const FILES = (lazyCall: string) => String.raw`-- app/__init__.py --
-- app/setup.py --
from starlette.middleware.gzip import GZipMiddleware


def setup_middleware(app, gzip=False):
    if gzip:
        app.add_middleware(GZipMiddleware, minimum_size=500)
-- main.py --
from fastapi import FastAPI

from app.setup import setup_middleware

app = FastAPI()
setup_middleware(app, gzip=True)
-- lazy_app.py --
from fastapi import FastAPI

from app.setup import setup_middleware

app = FastAPI()
${lazyCall}
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`;

const SAME = `import main, lazy_app
mw = lambda a: [m.cls.__name__ for m in a.user_middleware]
print(mw(main.app), mw(lazy_app.app))
assert mw(main.app) == mw(lazy_app.app), "middleware differs"`;

ruleTester(
  'PAR001',
  {
    valid: [
      {
        name: 'order-set-up-same-arguments',
        title: 'both call setup_middleware(app, gzip=True): GZip in both',
        files: FILES('setup_middleware(app, gzip=True)'),
        python: { run: SAME, fails: null },
      },
      {
        name: 'order-set-up-positional-argument',
        title: 'setup_middleware(app, True): the same parameter, by position',
        files: FILES('setup_middleware(app, True)'),
        python: { run: SAME, fails: null },
      },
    ],
    invalid: [
      {
        name: 'order-set-up-default-argument',
        title: 'lazy_app.py calls setup_middleware(app): gzip is False, GZip is never added there',
        files: FILES('setup_middleware(app)'),
        findings: ['app/setup.py:6:9  PAR001  error  GZipMiddleware is registered in app/setup.py:6 (set up for main.py) but not in lazy_app.py: requests through lazy_app.py run without it (related lazy_app.py:5:1-5:16)'],
        python: { run: SAME, fails: 'middleware differs' },
      },
    ],
  },
  'order',
);
