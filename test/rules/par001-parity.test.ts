// PAR001 cases of issue #15's PAR misses (topic `parity`): a local helper that takes the app and
// registers nothing leaves it known; a `for` over a literal list registers each class. Format and
// assertions: ./tester.ts.
import { passThroughMiddleware } from './middleware-fixtures.js';
import { ruleTester } from './tester.js';

const UTILS = String.raw`
-- app_utils.py --
from fastapi.routing import APIRoute


def use_route_names_as_operation_ids(app):
    for route in app.routes:
        if isinstance(route, APIRoute):
            route.operation_id = route.name
`;

const MAIN_WITH_HELPER = String.raw`
-- main.py --
from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware

from app_utils import use_route_names_as_operation_ids

app = FastAPI()
app.add_middleware(GZipMiddleware, minimum_size=500)


@app.get("/items")
def list_items():
    return []


use_route_names_as_operation_ids(app)
`;

const CONFIG = String.raw`
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`;

const GZIP_PROBE = String.raw`import main, lazy_app
names = lambda a: [m.cls.__name__ for m in a.user_middleware]
assert names(main.app) == ["GZipMiddleware"], names(main.app)
assert names(lazy_app.app) == names(main.app), "lazy_app.py runs without GZipMiddleware"`;

const STACK = String.raw`
-- stack.py --
${passThroughMiddleware('TimingMiddleware', 'AuditMiddleware')}


BASE = [TimingMiddleware]
`;

const LOOP_PROBE = String.raw`import main, lazy_app
names = lambda a: [m.cls.__name__ for m in a.user_middleware]
assert names(lazy_app.app) == names(main.app), f"lazy_app.py: {names(lazy_app.app)}, main.py: {names(main.app)}"`;

ruleTester(
  'PAR001',
  {
    valid: [
      {
        name: 'parity-harmless-helper-both-sides',
        title: 'use_route_names_as_operation_ids(app), a local helper that registers nothing, with GZipMiddleware in both entry points',
        files:
          UTILS +
          MAIN_WITH_HELPER +
          String.raw`
-- lazy_app.py --
from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware

from app_utils import use_route_names_as_operation_ids

app = FastAPI()
app.add_middleware(GZipMiddleware, minimum_size=500)


@app.get("/items")
def list_items():
    return []


use_route_names_as_operation_ids(app)
` +
          CONFIG,
        python: { run: GZIP_PROBE, fails: null },
      },
      {
        name: 'parity-for-literal-list-and-splat',
        title: 'for cls in [*BASE, AuditMiddleware] registers every class of BASE, then AuditMiddleware, as a loop over BASE and a plain add_middleware do',
        files:
          STACK +
          String.raw`
-- main.py --
from fastapi import FastAPI

from stack import BASE, AuditMiddleware

app = FastAPI()
for cls in [*BASE, AuditMiddleware]:
    app.add_middleware(cls)
-- lazy_app.py --
from fastapi import FastAPI

from stack import BASE, AuditMiddleware

app = FastAPI()
for cls in BASE:
    app.add_middleware(cls)
app.add_middleware(AuditMiddleware)
` +
          CONFIG,
        python: { run: LOOP_PROBE, fails: null },
      },
    ],
    invalid: [
      {
        name: 'parity-harmless-helper-hides-nothing',
        title: 'a local helper that takes the app and registers nothing (use_route_names_as_operation_ids) no longer makes the app unknown: the middleware lazy_app.py lacks is reported',
        golden: true,
        files:
          UTILS +
          MAIN_WITH_HELPER +
          String.raw`
-- lazy_app.py --
from fastapi import FastAPI

from app_utils import use_route_names_as_operation_ids

app = FastAPI()


@app.get("/items")
def list_items():
    return []


use_route_names_as_operation_ids(app)
` +
          CONFIG,
        findings: ['main.py:7:1  PAR001  error  GZipMiddleware is registered in main.py:7 but not in lazy_app.py: requests through lazy_app.py run without it  [*] (related lazy_app.py:5:1-5:16)'],
        output: String.raw`
-- lazy_app.py --
from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware

from app_utils import use_route_names_as_operation_ids

app = FastAPI()
app.add_middleware(GZipMiddleware, minimum_size=500)


@app.get("/items")
def list_items():
    return []


use_route_names_as_operation_ids(app)

`,
        python: { run: GZIP_PROBE, fails: 'lazy_app.py runs without GZipMiddleware' },
      },
      {
        name: 'parity-for-literal-list-lacks-one',
        title: 'for cls in [TimingMiddleware, AuditMiddleware] in main.py registers both; lazy_app.py registers only TimingMiddleware',
        files:
          STACK +
          String.raw`
-- main.py --
from fastapi import FastAPI

from stack import AuditMiddleware, TimingMiddleware

app = FastAPI()
for cls in [TimingMiddleware, AuditMiddleware]:
    app.add_middleware(cls)
-- lazy_app.py --
from fastapi import FastAPI

from stack import TimingMiddleware

app = FastAPI()
app.add_middleware(TimingMiddleware)
` +
          CONFIG,
        findings: ['main.py:7:5  PAR001  error  AuditMiddleware is registered in main.py:7 but not in lazy_app.py: requests through lazy_app.py run without it (related lazy_app.py:5:1-5:16)'],
        python: { run: LOOP_PROBE, fails: 'lazy_app.py: ' },
      },
    ],
  },
  'parity',
);
