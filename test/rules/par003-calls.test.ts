// PAR003 for routers held in lists (issue #15, misses item 1): `for r in ROUTERS:
// app.include_router(r)` over a list the module builds (literal, .append, a set-up function that
// appends, called at the top) or imports from a shared module (read one hop, in the module defining
// it). One router removed from one entry point's list is PAR003; both importing the same list is
// parity. Proved with the paths in app.routes.
import { ruleTester } from './tester.js';

const CONFIG = `-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`;

const API = String.raw`-- api/__init__.py --
-- api/users.py --
from fastapi import APIRouter

router = APIRouter()


@router.get("/users")
def users():
    return []
-- api/items.py --
from fastapi import APIRouter

router = APIRouter()


@router.get("/items")
def items():
    return []
-- api/routers.py --
from api import items, users

ROUTERS = [users.router, items.router]
`;

const SHARED_MAIN = String.raw`-- main.py --
from fastapi import FastAPI

from api.routers import ROUTERS

app = FastAPI()
for r in ROUTERS:
    app.include_router(r)
`;

const lazy = (body: string) => String.raw`-- lazy_app.py --
from fastapi import FastAPI

from api import items, users

app = FastAPI()
${body}
`;

const SAME = `import main, lazy_app
paths = lambda a: sorted(r.path for r in a.routes if r.path in ("/users", "/items"))
print(paths(main.app), paths(lazy_app.app))
assert paths(main.app) == paths(lazy_app.app), "routes differ"`;

ruleTester(
  'PAR003',
  {
    valid: [
      {
        name: 'calls-routers-shared-list-both',
        title: 'both entry points loop over one ROUTERS imported from api/routers.py: parity',
        files: API + SHARED_MAIN + SHARED_MAIN.replace('-- main.py --', '-- lazy_app.py --') + CONFIG,
        python: { run: SAME, fails: null },
      },
      {
        name: 'calls-routers-own-list-with-append',
        title: 'the lazy entry point builds its own list (literal, then .append) and loops over it: the same routers as the shared list, parity',
        files:
          API +
          SHARED_MAIN +
          lazy(`ROUTERS = [users.router]
ROUTERS.append(items.router)
for router in ROUTERS:
    app.include_router(router)`) +
          CONFIG,
        python: { run: SAME, fails: null },
        golden: true,
      },
      {
        name: 'calls-routers-list-appended-in-called-function',
        title: 'a set-up function called at the top appends to the list before the loop: its router counts',
        files:
          API +
          SHARED_MAIN +
          lazy(`ROUTERS = [users.router]


def configure():
    ROUTERS.append(items.router)


configure()
for router in ROUTERS:
    app.include_router(router)`) +
          CONFIG,
        python: { run: SAME, fails: null },
      },
    ],
    invalid: [
      {
        name: 'calls-routers-own-list-lacks-one',
        title: 'the lazy entry point\'s own list lacks items.router: PAR003 for api.items at main.py\'s loop over the shared list (a silent pass before: the loop variable named no module)',
        files:
          API +
          SHARED_MAIN +
          lazy(`ROUTERS = [users.router]
for router in ROUTERS:
    app.include_router(router)`) +
          CONFIG,
        findings: [
          'main.py:7:5  PAR003  error  router api.items is registered in main.py:7 (items.router in ROUTERS) but lazy_app.py neither includes it nor lists it in a router map: its endpoints answer 404 there (related lazy_app.py:5:1-5:16)',
        ],
        python: { run: SAME, fails: 'routes differ' },
      },
      {
        name: 'calls-routers-shared-list-lacks-one-against-literal',
        title: 'the shared list lost items.router while the lazy entry point includes both by name: PAR003 at the lazy entry point',
        files:
          API.replace('ROUTERS = [users.router, items.router]', 'ROUTERS = [users.router]') +
          SHARED_MAIN +
          lazy(`app.include_router(users.router)
app.include_router(items.router)`) +
          CONFIG,
        findings: [
          'lazy_app.py:7:1  PAR003  error  router api.items is registered in lazy_app.py:7 (include_router(items.router)) but main.py neither includes it nor lists it in a router map: its endpoints answer 404 there (related main.py:5:1-5:16)',
        ],
        python: { run: SAME, fails: 'routes differ' },
      },
      {
        name: 'calls-routers-list-appended-in-uncalled-function',
        title: 'the function that appends items.router is never called: the list holds users.router only, PAR003',
        files:
          API +
          SHARED_MAIN +
          lazy(`ROUTERS = [users.router]


def configure():
    ROUTERS.append(items.router)


for router in ROUTERS:
    app.include_router(router)`) +
          CONFIG,
        findings: [
          'main.py:7:5  PAR003  error  router api.items is registered in main.py:7 (items.router in ROUTERS) but lazy_app.py neither includes it nor lists it in a router map: its endpoints answer 404 there (related lazy_app.py:5:1-5:16)',
        ],
        python: { run: SAME, fails: 'routes differ' },
      },
    ],
  },
  'calls',
);
