// PAR003's include order across modules (issue #15, topic order): routers included by a set-up
// function of another module (`from app.routes import setup_routes; setup_routes(app)`), by a helper
// given the router (`include(app, users.router)`, called once per router), or by a set-up function
// whose tests read its arguments (`setup_routes(app, me_first=False)`), placed at the call, in call
// order. FastAPI tries routes in registration order, so /users/me included after /users/{user_id}
// reaches the profile handler. Proved by calling each app through ASGI with real FastAPI (Debian's
// python3-httpx is not installed here, so no TestClient): the handler that answers each request.
import { ruleTester } from './tester.js';

const API = String.raw`-- api/__init__.py --
-- app/__init__.py --
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
-- main.py --
from fastapi import FastAPI

from api import profiles, users

app = FastAPI()
app.include_router(users.router)
app.include_router(profiles.router)
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`;

/** app/routes.py: a set-up function including both (in the order `first`, `second`), a helper given one router, and one whose order is its argument's. */
const routes = (first: string, second: string) => String.raw`-- app/routes.py --
from api import profiles, users


def setup_routes(app):
    app.include_router(${first}.router)
    app.include_router(${second}.router)


def include(app, router, prefix=""):
    app.include_router(router, prefix=prefix)


def setup_ordered(app, me_first=True):
    if me_first:
        app.include_router(users.router)
    app.include_router(profiles.router)
    if not me_first:
        app.include_router(users.router)
`;

const lazy = (body: string, imports = 'from app.routes import include, setup_ordered, setup_routes') => String.raw`-- lazy_app.py --
from fastapi import FastAPI

from api import profiles, users
${imports}

app = FastAPI()
${body}
`;

/** A set-up function in lazy_app.py that includes profiles (the line given), then users, then profiles. */
const FACTORY = (first: string) => `def setup(app):
    ${first}
    include(app, users.router)
    include(app, profiles.router)


setup(app)`;

/** Which handler answers GET /users/me and GET /users/7 in each app, called through ASGI. */
const ANSWERS = String.raw`import asyncio, main, lazy_app
def answer(app, path):
    sent = []
    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}
    async def send(m):
        sent.append(m)
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http", "path": path,
             "raw_path": path.encode(), "root_path": "", "query_string": b"", "headers": [], "client": ("t", 1), "server": ("t", 80)}
    asyncio.run(app(scope, receive, send))
    return b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body").decode()
got = [(answer(main.app, p), answer(lazy_app.app, p)) for p in ("/users/me", "/users/7")]
print(got)
assert all(a == b for a, b in got), "another handler answers"`;

const FLIP = (where: string) =>
  `${where}  PAR003  error  GET /users/me is served by api.users.router (/users/me) in main.py but by api.profiles.router (/users/{user_id}) in lazy_app.py: both routers match it, and the first included wins; lazy_app.py includes api.profiles.router first`;

ruleTester(
  'PAR003',
  {
    valid: [
      {
        name: 'order-setup-function-same',
        title: 'lazy_app.py hands its app to app/routes.py\'s setup_routes, which includes users before profiles as main.py does: the same handler answers',
        files: API + routes('users', 'profiles') + lazy('setup_routes(app)'),
        python: { run: ANSWERS, fails: null },
      },
      {
        name: 'order-helper-same',
        title: 'a helper given the router, called for users then profiles: included in call order',
        files: API + routes('users', 'profiles') + lazy('include(app, users.router)\ninclude(app, profiles.router)'),
        python: { run: ANSWERS, fails: null },
      },
      {
        name: 'order-argument-default',
        title: 'setup_ordered(app) includes users first (me_first defaults to True)',
        files: API + routes('users', 'profiles') + lazy('setup_ordered(app)'),
        python: { run: ANSWERS, fails: null },
      },
      {
        name: 'order-argument-unknown',
        title: 'setup_ordered(app, me_first=FLAG) with FLAG read from the environment: which router comes first is not known, nothing said',
        files: API + routes('users', 'profiles') + lazy('setup_ordered(app, me_first=FLAG)', 'import os\n\nfrom app.routes import setup_ordered\n\nFLAG = os.environ.get("ME_FIRST", "1") == "1"'),
        python: { run: ANSWERS, fails: null },
      },
      {
        name: 'order-conditional-call',
        title: 'the include that would shadow /users/me runs only under a setting: not said (it is the same order when the setting is off)',
        files: API + routes('users', 'profiles') + lazy('if os.environ.get("LEGACY") == "1":\n    include(app, profiles.router)\ninclude(app, users.router)\ninclude(app, profiles.router)', 'import os\n\nfrom app.routes import include'),
        python: { run: ANSWERS, fails: null },
      },
      {
        name: 'order-conditional-expression',
        title: 'the shadowing include as `include(...) if cond else None` in a set-up function (issue #15, python7): it runs only under the setting, as an if would (it was read as unconditional, a false FLIP)',
        files: API + routes('users', 'profiles') + lazy(FACTORY('include(app, profiles.router) if os.environ.get("LEGACY") == "1" else None'), 'import os\n\nfrom app.routes import include'),
        python: { run: ANSWERS, fails: null },
      },
      {
        name: 'order-boolean-and',
        title: 'the same as `cond and include(...)` at module level: conditional too (and now read at all)',
        files: API + routes('users', 'profiles') + lazy('os.environ.get("LEGACY") == "1" and include(app, profiles.router)\ninclude(app, users.router)\ninclude(app, profiles.router)', 'import os\n\nfrom app.routes import include'),
        python: { run: ANSWERS, fails: null },
      },
    ],
    invalid: [
      {
        name: 'order-setup-function-flipped',
        title: 'app/routes.py\'s setup_routes includes profiles (/users/{user_id}) before users (/users/me): GET /users/me reaches the profile handler through lazy_app.py (not seen before: the order was read only in the app\'s own module)',
        files: API + routes('profiles', 'users') + lazy('setup_routes(app)'),
        findings: [`${FLIP('app/routes.py:5:5')} (in app/routes.py:5) (related main.py:6:1-6:33)`],
        python: { run: ANSWERS, fails: 'another handler answers' },
      },
      {
        name: 'order-helper-flipped',
        title: 'the helper is called for profiles first: the finding is at that call',
        files: API + routes('users', 'profiles') + lazy('include(app, profiles.router)\ninclude(app, users.router)'),
        findings: [`${FLIP('lazy_app.py:7:1')} (related main.py:6:1-6:33)`],
        python: { run: ANSWERS, fails: 'another handler answers' },
      },
      {
        name: 'order-argument-flipped',
        title: 'setup_ordered(app, me_first=False): the argument puts profiles first',
        files: API + routes('users', 'profiles') + lazy('setup_ordered(app, me_first=False)'),
        findings: [`${FLIP('app/routes.py:16:5')} (in app/routes.py:16) (related main.py:6:1-6:33)`],
        python: { run: ANSWERS, fails: 'another handler answers' },
      },
      {
        name: 'order-conditional-expression-unconditional',
        title: 'the twin of order-conditional-expression with the include as a plain statement: profiles comes first for every request',
        files: API + routes('users', 'profiles') + lazy(FACTORY('include(app, profiles.router)'), 'import os\n\nfrom app.routes import include'),
        findings: [`${FLIP('lazy_app.py:10:5')} (related main.py:6:1-6:33)`],
        python: { run: ANSWERS, fails: 'another handler answers' },
      },
    ],
  },
  'order',
);
