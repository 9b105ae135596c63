// PAR003 for mounts (issue #15, topic order): a sub-application (`app.mount("/v1", v1_app)`) or static files
// mounted in one entry point and not the other answer 404 under that path there; the same path mounting
// another application reaches other handlers. A mounted sub-app's own middleware and routes are the sub-app's:
// nothing of it is a parity gap of the parents. Proved with real FastAPI: app.routes holds a Mount, and each
// app is called through ASGI (python3-httpx, which TestClient needs, is not installed here).
import { ruleTester } from './tester.js';

const BASE = String.raw`-- api/__init__.py --
-- static/hello.txt --
hello
-- api/v1.py --
from fastapi import FastAPI
from starlette.middleware.gzip import GZipMiddleware

app = FastAPI()
app.add_middleware(GZipMiddleware)


@app.get("/ping")
def ping():
    return "v1.ping"
-- api/v2.py --
from fastapi import FastAPI

app = FastAPI()


@app.get("/ping")
def ping():
    return "v2.ping"
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`;

const entry = (file: string, mounts: string[], sub = 'v1') => String.raw`-- ${file} --
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from api.${sub} import app as sub_app

app = FastAPI()
${mounts.join('\n')}
`;

/** Helpers given the path and what to mount (issue #15, python7): followed like routers given to a helper. */
const HELPERS = String.raw`-- api/mounting.py --
from fastapi.staticfiles import StaticFiles


def mount_static_files(app, path, directory="static"):
    app.mount(path, StaticFiles(directory=directory), name="static")


def mount_sub(app, path, sub):
    app.mount(path, sub)
`;

/** lazy_app.py mounting through the helpers. */
const byHelpers = (staticPath: string, sub = 'v1') => String.raw`-- lazy_app.py --
from fastapi import FastAPI

from api.${sub} import app as sub_app
from api.mounting import mount_static_files, mount_sub

app = FastAPI()
mount_sub(app, "/v1", sub_app)
mount_static_files(app, "${staticPath}", directory="static")
`;

const V1 = 'app.mount("/v1", sub_app)';
const STATIC = 'app.mount("/static", StaticFiles(directory="static"), name="static")';
const MAIN = entry('main.py', [V1, STATIC]);

/** Status and body of GET /v1/ping and GET /static/hello.txt in each app, and the Mount paths of app.routes. */
const ANSWERS = String.raw`import asyncio, os
os.chdir(os.environ["PYTHONPATH"])  # Lambda runs in /var/task: StaticFiles(directory="static") is read from there
import main, lazy_app
from starlette.routing import Mount
def answer(app, path):
    sent = []
    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}
    async def send(m):
        sent.append(m)
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http", "path": path,
             "raw_path": path.encode(), "root_path": "", "query_string": b"", "headers": [], "client": ("t", 1), "server": ("t", 80)}
    asyncio.run(app(scope, receive, send))
    return sent[0]["status"], b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body").decode()
mounts = lambda a: sorted(r.path for r in a.routes if isinstance(r, Mount))
got = [(answer(main.app, p), answer(lazy_app.app, p)) for p in ("/v1/ping", "/static/hello.txt")]
print(mounts(main.app), mounts(lazy_app.app), got)
assert mounts(main.app) == mounts(lazy_app.app), "mounts differ"
assert all(a == b for a, b in got), "another answer"`;

ruleTester(
  'PAR003',
  {
    valid: [
      {
        name: 'mount-same',
        title: 'both entry points mount api.v1 at /v1 and static files at /static; the sub-app\'s own GZip is the sub-app\'s (no PAR001 for the parents)',
        files: BASE + MAIN + entry('lazy_app.py', [STATIC, V1]),
        python: { run: ANSWERS, fails: null },
      },
      {
        name: 'mount-helper-same',
        title: 'lazy_app.py mounts through helpers given the path and the app: the same mounts as main.py (what StaticFiles reads is the helper\'s argument, so it is not compared by identity)',
        files: BASE + HELPERS + MAIN + byHelpers('/static'),
        python: { run: ANSWERS, fails: null },
      },
    ],
    invalid: [
      {
        name: 'mount-sub-app-missing',
        title: 'lazy_app.py does not mount api.v1: GET /v1/ping answers 404 there',
        files: BASE + MAIN + entry('lazy_app.py', [STATIC]),
        findings: ['main.py:7:1  PAR003  error  sub-application sub_app is mounted at "/v1" in main.py:7 but lazy_app.py mounts nothing there: every request under /v1 answers 404 there (related lazy_app.py:6:1-6:16)'],
        python: { run: ANSWERS, fails: 'mounts differ' },
      },
      {
        name: 'mount-static-missing',
        title: 'lazy_app.py does not mount the static files: GET /static/hello.txt answers 404 there',
        files: BASE + MAIN + entry('lazy_app.py', [V1]),
        findings: ['main.py:8:1  PAR003  error  static files StaticFiles(directory="static") is mounted at "/static" in main.py:8 but lazy_app.py mounts nothing there: every request under /static answers 404 there (related lazy_app.py:6:1-6:16)'],
        python: { run: ANSWERS, fails: 'mounts differ' },
      },
      {
        name: 'mount-other-app',
        title: 'lazy_app.py mounts api.v2 at /v1: GET /v1/ping reaches v2\'s handler there',
        files: BASE + MAIN + entry('lazy_app.py', [V1, STATIC], 'v2'),
        findings: ['main.py:7:1  PAR003  error  "/v1" mounts api.v1.app in main.py:7 but api.v2.app in lazy_app.py: requests under it reach another application there (related lazy_app.py:7:1-7:26)'],
        python: { run: ANSWERS, fails: 'another answer' },
      },
      {
        name: 'mount-helper-other-path',
        title: 'the helper is given "/assets": /static answers 404 through lazy_app.py (not seen before: a path given to a helper was not read, and it silenced the comparison)',
        files: BASE + HELPERS + MAIN + byHelpers('/assets'),
        findings: [
          'main.py:8:1  PAR003  error  static files StaticFiles(directory="static") is mounted at "/static" in main.py:8 but lazy_app.py mounts nothing there: every request under /static answers 404 there (related lazy_app.py:6:1-6:16)',
          'lazy_app.py:8:1  PAR003  error  static files StaticFiles(directory=directory) is mounted at "/assets" in lazy_app.py:8 but main.py mounts nothing there: every request under /assets answers 404 there (related main.py:6:1-6:16)',
        ],
        python: { run: ANSWERS, fails: 'mounts differ' },
      },
      {
        name: 'mount-helper-other-app',
        title: 'the helper is given api.v2\'s app for /v1: GET /v1/ping reaches v2\'s handler there',
        files: BASE + HELPERS + MAIN + byHelpers('/static', 'v2'),
        findings: ['main.py:7:1  PAR003  error  "/v1" mounts api.v1.app in main.py:7 but api.v2.app in lazy_app.py: requests under it reach another application there (related lazy_app.py:7:1-7:31)'],
        python: { run: ANSWERS, fails: 'another answer' },
      },
    ],
  },
  'mount',
);
