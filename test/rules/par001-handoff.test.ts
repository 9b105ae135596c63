// PAR001 for an app handed across modules (issue #15, topic handoff): a set-up function of another
// module (`from app.setup import setup_routes; setup_routes(app)`), under another parameter name, by
// keyword, handing on to a third module; an app imported from the module that creates it and set up
// where it is imported (`from app.core import app; setup_routes(app)`, `app.add_middleware(...)`);
// and the lazy router loader defined in app/lazy.py and registered in the entry point by the call
// form `app.middleware("http")(lazy_router_loader)`. Proved with app.user_middleware and requests.
import { HANDOFF_API, HANDOFF_CONFIG as CONFIG, HANDOFF_CORE as CORE, HANDOFF_MAIN, HANDOFF_SAME, handoffLazy, handoffLoader } from './handoff-fixtures.js';
import { ruleTester } from './tester.js';

const LOADER_FILES = (registration: string, map = '"users": "app.api.users",\n    "items": "app.api.items",') => String.raw`${handoffLoader(`    ${map}`)}-- app/timing.py --
import time


async def add_timing(request, call_next):
    start = time.monotonic()
    response = await call_next(request)
    response.headers["x-time"] = str(time.monotonic() - start)
    return response
-- main.py --
from fastapi import FastAPI

from app.api import items, users

app = FastAPI()
app.include_router(users.router)
app.include_router(items.router)
-- lazy_app.py --
from fastapi import FastAPI

${registration}
`;

const SERVED = String.raw`from fastapi.testclient import TestClient
import main, lazy_app
for path in ("/users", "/items"):
    assert TestClient(main.app).get(path).status_code == 200, path
    assert TestClient(lazy_app.app).get(path).status_code == 200, path`;

ruleTester(
  'PAR001',
  {
    valid: [
      {
        name: 'handoff-set-up-in-other-modules',
        title: 'main.py hands its app to app/setup.py; lazy_app.py to app/lazy_setup.setup(application=app), which hands it on to app/third.configure(a=...): both register GZip',
        files: HANDOFF_API + HANDOFF_MAIN + handoffLazy('    a.add_middleware(GZipMiddleware)') + CONFIG,
        python: { run: HANDOFF_SAME, fails: null },
        golden: true,
      },
      {
        name: 'handoff-imported-app-set-up-where-imported',
        title: 'lazy_app.py imports the app app/core.py creates and hands it to the set-up chain there: GZip is registered on that very app (three false errors before: its registrations were not read)',
        files: HANDOFF_API + HANDOFF_MAIN + CORE + handoffLazy('    a.add_middleware(GZipMiddleware)', 'from app.core import app\n\nlazy_setup.setup(app)') + CONFIG,
        python: { run: HANDOFF_SAME, fails: null },
      },
      {
        name: 'handoff-imported-app-registered-where-imported',
        title: 'lazy_app.py imports the app and registers on it at its top (include_router, add_middleware): the same app as main.py',
        files:
          HANDOFF_API +
          HANDOFF_MAIN +
          CORE +
          String.raw`-- lazy_app.py --
from starlette.middleware.gzip import GZipMiddleware

from app.api import items, users
from app.core import app

app.include_router(users.router)
app.include_router(items.router)
app.add_middleware(GZipMiddleware)
` +
          CONFIG,
        python: { run: HANDOFF_SAME, fails: null },
      },
      {
        name: 'handoff-loader-imported-call-form',
        title: 'the lazy router loader defined in app/lazy.py, registered by app.middleware("http")(lazy_router_loader), its map in app/router_map.py: the lazy mechanism, not a middleware gap (a false PAR001 before)',
        files: LOADER_FILES('from app.lazy import lazy_router_loader\n\napp = FastAPI()\napp.middleware("http")(lazy_router_loader)') + HANDOFF_API + CONFIG,
        python: { run: SERVED, fails: null },
      },
      {
        name: 'handoff-loader-imported-module-attribute',
        title: 'the same loader spelled lazy.lazy_router_loader through from app import lazy',
        files: LOADER_FILES('from app import lazy\n\napp = FastAPI()\napp.middleware("http")(lazy.lazy_router_loader)') + HANDOFF_API + CONFIG,
        python: { run: SERVED, fails: null },
      },
    ],
    invalid: [
      {
        name: 'handoff-third-module-lacks-middleware',
        title: 'app/third.configure no longer adds GZip: requests through lazy_app.py run without it',
        files: HANDOFF_API + HANDOFF_MAIN + handoffLazy('    pass') + CONFIG,
        findings: [
          'app/setup.py:9:5  PAR001  error  GZipMiddleware is registered in app/setup.py:9 (set up for main.py) but not in lazy_app.py: requests through lazy_app.py run without it (related lazy_app.py:5:1-5:16)',
        ],
        python: { run: HANDOFF_SAME, fails: 'middleware differs' },
      },
      {
        name: 'handoff-imported-app-lacks-middleware',
        title: 'the imported app set up where it is imported, with third.configure adding CORS instead of GZip: both gaps',
        files:
          HANDOFF_API +
          HANDOFF_MAIN +
          CORE +
          handoffLazy('    from starlette.middleware.cors import CORSMiddleware\n    a.add_middleware(CORSMiddleware, allow_origins=["*"])', 'from app.core import app\n\nlazy_setup.setup(app)') +
          CONFIG,
        findings: [
          'app/setup.py:9:5  PAR001  error  GZipMiddleware is registered in app/setup.py:9 (set up for main.py) but not in app/core.py (served by lazy_app.py): requests through app/core.py run without it (related app/core.py:3:1-3:16)',
          'app/third.py:9:5  PAR001  error  CORSMiddleware is registered in app/third.py:9 (set up for app/core.py) but not in main.py: requests through main.py run without it (related main.py:5:1-5:16)',
        ],
        python: { run: HANDOFF_SAME, fails: 'middleware differs' },
      },
      {
        name: 'handoff-imported-timing-call-form',
        title: 'the same call form with a function of app/timing.py that loads no routers: a middleware main.py lacks',
        files: LOADER_FILES('from app.lazy import lazy_router_loader\nfrom app.timing import add_timing\n\napp = FastAPI()\napp.middleware("http")(lazy_router_loader)\napp.middleware("http")(add_timing)') + HANDOFF_API + CONFIG,
        findings: [
          'lazy_app.py:8:1  PAR001  error  add_timing (@app.middleware) is registered in lazy_app.py:8 but not in main.py: requests through main.py run without it (related main.py:5:1-5:16)',
        ],
        python: {
          run: String.raw`from fastapi.testclient import TestClient
import main, lazy_app
assert "x-time" in TestClient(lazy_app.app).get("/users").headers
assert "x-time" in TestClient(main.app).get("/users").headers, "main.py runs without add_timing"`,
          fails: 'main.py runs without add_timing',
        },
      },
    ],
  },
  'handoff',
);
