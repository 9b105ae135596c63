// PAR003 for an app handed across modules (issue #15, topic handoff): routers a set-up function of
// another module includes (named in the message at that module's file and line, for the entry point
// it sets up), routers included on an app imported from the module that creates it, and the lazy
// router loader of app/lazy.py with its map in a third module (app/router_map.py), compared with
// main.py's includes; a wrong path in that map is MOD001 at the map's line. Proved with app.routes
// and requests.
import { HANDOFF_API, HANDOFF_CONFIG as CONFIG, HANDOFF_CORE as CORE, HANDOFF_MAIN, HANDOFF_SAME, handoffLazy, handoffLoader } from './handoff-fixtures.js';
import { ruleTester } from './tester.js';

const LAZY_LOADER = (map: string) => String.raw`${handoffLoader(map)}-- main.py --
from fastapi import FastAPI

from app.api import items, users

app = FastAPI()
app.include_router(users.router)
app.include_router(items.router)
-- lazy_app.py --
from fastapi import FastAPI

from app.lazy import lazy_router_loader

app = FastAPI()
app.middleware("http")(lazy_router_loader)
`;

const BOTH = `    "users": "app.api.users",
    "items": "app.api.items",`;

const served = (path: string) => String.raw`from fastapi.testclient import TestClient
import main, lazy_app
assert TestClient(main.app).get("${path}").status_code == 200
assert TestClient(lazy_app.app).get("${path}").status_code == 200, "404 through lazy_app.py"`;


/** Three routers whose paths overlap: /users/me, /users/{user_id}, and a catch-all; and one of their own. */
const ORDER_API = String.raw`-- api/__init__.py --
-- api/users.py --
from fastapi import APIRouter

router = APIRouter(prefix="/users")


@router.get("/me")
def me():
    return "users.me"
-- api/profiles.py --
from fastapi import APIRouter

router = APIRouter()


@router.get("/users/{user_id}")
def profile(user_id: str):
    return "profiles.user"


@router.post("/items")
def create_item():
    return "profiles.create_item"
-- api/items.py --
from fastapi import APIRouter

router = APIRouter(prefix="/items")


@router.get("")
def items():
    return "items.list"
-- api/spa.py --
from fastapi import APIRouter

router = APIRouter()


@router.api_route("/{path:path}", methods=["GET"])
def spa(path: str):
    return "spa"
`;

const includes = (file: string, names: string[]) => `-- ${file} --
from fastapi import FastAPI

from api import items, profiles, spa, users

app = FastAPI()
${names.map((n) => `app.include_router(${n}.router)`).join('\n')}
`;

/** Which handler answers each request, in each entry point. */
const ANSWERS = `from fastapi.testclient import TestClient
import main, lazy_app
def answers(app):
    c = TestClient(app)
    return [c.get("/users/me").json(), c.get("/users/7").json(), c.get("/items").json(), c.post("/items").json(), c.get("/other").json()]
print(answers(main.app), answers(lazy_app.app))
assert answers(main.app) == answers(lazy_app.app), "another handler answers"`;

const MAIN_ORDER = includes('main.py', ['users', 'profiles', 'items', 'spa']);

ruleTester(
  'PAR003',
  {
    valid: [
      {
        name: 'handoff-routers-set-up-in-other-modules',
        title: 'main.py\'s routers come from app/setup.py, lazy_app.py\'s from app/lazy_setup.py (users) and the third module it hands on to (items): the same routes',
        files: HANDOFF_API + HANDOFF_MAIN + handoffLazy('    a.add_middleware(GZipMiddleware)') + CONFIG,
        python: { run: HANDOFF_SAME, fails: null },
      },
      {
        name: 'handoff-routers-on-imported-app',
        title: 'lazy_app.py includes both routers on the app it imports from app/core.py (two false PAR003 before)',
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
        name: 'handoff-loader-map-in-third-module',
        title: 'the loader of app/lazy.py, registered by the call form in lazy_app.py, loads both routers from app/router_map.py',
        files: HANDOFF_API + LAZY_LOADER(BOTH) + CONFIG,
        python: [{ run: served('/users'), fails: null }, { run: served('/items'), fails: null }],
      },
      {
        name: 'handoff-order-disjoint-routers',
        title: 'include order: lazy_app.py includes items before profiles (main.py the reverse), routers that share no request (POST /items and GET /items differ in method): nothing changes',
        files: ORDER_API + MAIN_ORDER + includes('lazy_app.py', ['users', 'items', 'profiles', 'spa']) + CONFIG,
        python: { run: ANSWERS, fails: null },
      },
      {
        name: 'handoff-order-same',
        title: 'include order: both include the catch-all last and /users/me before /users/{user_id}: the same handler answers every request',
        files: ORDER_API + MAIN_ORDER + includes('lazy_app.py', ['users', 'profiles', 'items', 'spa']) + CONFIG,
        python: { run: ANSWERS, fails: null },
      },
      {
        name: 'handoff-order-own-catch-all-first',
        title: 'include order: both apps declare their own catch-all before any include, then include profiles and users in another order: the catch-all answers every GET in both',
        files:
          ORDER_API +
          MAIN_ORDER.replace('app = FastAPI()\n', 'app = FastAPI()\n\n\n@app.get("/{path:path}")\ndef fallback(path: str):\n    return "fallback"\n\n\n') +
          includes('lazy_app.py', ['profiles', 'users', 'items', 'spa']).replace('app = FastAPI()\n', 'app = FastAPI()\n\n\n@app.get("/{path:path}")\ndef fallback(path: str):\n    return "fallback"\n\n\n') +
          CONFIG,
        python: { run: ANSWERS, fails: null },
      },
    ],
    invalid: [
      {
        name: 'handoff-set-up-lacks-include',
        title: 'app/third.configure no longer includes items.router: PAR003 at app/setup.py\'s include, named there (the message said main.py:8 before, the line of another file)',
        files: HANDOFF_API + HANDOFF_MAIN + handoffLazy('    a.add_middleware(GZipMiddleware)').replace('    a.include_router(items.router)\n', '') + CONFIG,
        findings: [
          'app/setup.py:8:5  PAR003  error  router app.api.items is registered in app/setup.py:8 (include_router(items.router); set up for main.py) but lazy_app.py neither includes it nor lists it in a router map: its endpoints answer 404 there (related lazy_app.py:5:1-5:16)',
        ],
        python: { run: HANDOFF_SAME, fails: 'routes differ' },
      },
      {
        name: 'handoff-imported-app-lacks-include',
        title: 'the app imported from app/core.py gets users.router only where it is imported: /items answers 404 through lazy_app.py',
        files:
          HANDOFF_API +
          HANDOFF_MAIN +
          CORE +
          String.raw`-- lazy_app.py --
from starlette.middleware.gzip import GZipMiddleware

from app.api import users
from app.core import app

app.include_router(users.router)
app.add_middleware(GZipMiddleware)
` +
          CONFIG,
        findings: [
          'app/setup.py:8:5  PAR003  error  router app.api.items is registered in app/setup.py:8 (include_router(items.router); set up for main.py) but app/core.py neither includes it nor lists it in a router map: its endpoints answer 404 there (related app/core.py:3:1-3:16)',
        ],
        python: { run: HANDOFF_SAME, fails: 'routes differ' },
      },
      {
        name: 'handoff-loader-map-lacks-router',
        title: 'app/router_map.py lacks items: the loader never includes it, /items answers 404 through lazy_app.py',
        files: HANDOFF_API + LAZY_LOADER('    "users": "app.api.users",') + CONFIG,
        findings: [
          'main.py:7:1  PAR003  error  router app.api.items is registered in main.py:7 (include_router(items.router)) but lazy_app.py neither includes it nor lists it in a router map: its endpoints answer 404 there (related lazy_app.py:5:1-5:16)',
        ],
        python: [{ run: served('/users') }, { run: served('/items'), fails: '404 through lazy_app.py' }],
      },
      {
        name: 'handoff-loader-map-wrong-path',
        title: 'app/router_map.py names app.api.itemz: MOD001 at the map\'s line (the first request through lazy_app.py raises)',
        files: HANDOFF_API + LAZY_LOADER(BOTH.replace('app.api.items', 'app.api.itemz')) + CONFIG,
        findings: [
          'app/router_map.py:3:14  MOD001  error  "app.api.itemz" (ROUTER_MODULES["items"]) does not resolve under . (Lambda\'s /var/task): importlib.import_module raises ModuleNotFoundError: No module named \'app.api.itemz\'',
          'main.py:7:1  PAR003  error  router app.api.items is registered in main.py:7 (include_router(items.router)) but lazy_app.py neither includes it nor lists it in a router map: its endpoints answer 404 there (related lazy_app.py:5:1-5:16)',
        ],
        python: { run: served('/users'), fails: "No module named 'app.api.itemz'" },
      },
      {
        name: 'handoff-order-param-before-literal',
        title: 'include order: lazy_app.py includes profiles (/users/{user_id}) before users (/users/me): GET /users/me reaches the profile handler there',
        files: ORDER_API + MAIN_ORDER + includes('lazy_app.py', ['profiles', 'users', 'items', 'spa']) + CONFIG,
        findings: [
          'lazy_app.py:6:1  PAR003  error  GET /users/me is served by api.users.router (/users/me) in main.py but by api.profiles.router (/users/{user_id}) in lazy_app.py: both routers match it, and the first included wins; lazy_app.py includes api.profiles.router first (related main.py:6:1-6:33)',
        ],
        python: { run: ANSWERS, fails: 'another handler answers' },
        golden: true,
      },
      {
        name: 'handoff-order-catch-all-first',
        title: 'include order: lazy_app.py includes the catch-all first: every GET it matches reaches the spa handler there',
        files: ORDER_API + MAIN_ORDER + includes('lazy_app.py', ['spa', 'users', 'profiles', 'items']) + CONFIG,
        findings: [
          'lazy_app.py:6:1  PAR003  error  GET /items is served by api.items.router (/items) in main.py but by api.spa.router (/{path:path}) in lazy_app.py: both routers match it, and the first included wins; lazy_app.py includes api.spa.router first (related main.py:8:1-8:33)',
          'lazy_app.py:6:1  PAR003  error  GET /users/me is served by api.users.router (/users/me) in main.py but by api.spa.router (/{path:path}) in lazy_app.py: both routers match it, and the first included wins; lazy_app.py includes api.spa.router first (related main.py:6:1-6:33)',
          'lazy_app.py:6:1  PAR003  error  GET /users/x is served by api.profiles.router (/users/{user_id}) in main.py but by api.spa.router (/{path:path}) in lazy_app.py: both routers match it, and the first included wins; lazy_app.py includes api.spa.router first (related main.py:7:1-7:36)',
        ],
        python: { run: ANSWERS, fails: 'another handler answers' },
      },
    ],
  },
  'handoff',
);
