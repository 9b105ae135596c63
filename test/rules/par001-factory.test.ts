// PAR001, topic `factory` (#15 item 5): a middleware function registered with
// `@app.middleware("http")` in one entry point and as `BaseHTTPMiddleware` with `dispatch=fn` in
// the other is one middleware (Starlette wraps the decorated function in BaseHTTPMiddleware).
import { ruleTester } from './tester.js';

const fn = (name: string, header: string) => `async def ${name}(request, call_next):
    response = await call_next(request)
    response.headers["${header}"] = "1"
    return response`;

const main = String.raw`
-- main.py --
from fastapi import FastAPI

app = FastAPI()


@app.middleware("http")
${fn('add_app_header', 'X-App')}


@app.get("/ping")
def ping():
    return "pong"
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lambda_app.py"]}]}
`;

// What each app's user_middleware holds: the class and the dispatch function's name; and whether
// a request through it gets the header.
const stacks = String.raw`from fastapi.testclient import TestClient
import main, lambda_app
def stack(app):
    return [(m.cls.__name__, getattr(m, "kwargs", None) or getattr(m, "options", {})) for m in app.user_middleware]
def names(app):
    return [(c, o["dispatch"].__name__) for c, o in stack(app)]
print(names(main.app), names(lambda_app.app))
`;

ruleTester(
  'PAR001',
  {
    valid: [
      {
        name: 'factory-decorator-against-add-middleware-dispatch',
        title: '@app.middleware("http") on add_app_header in main.py and add_middleware(BaseHTTPMiddleware, dispatch=add_app_header) in lambda_app.py register one middleware',
        golden: true,
        files: String.raw`${main}
-- lambda_app.py --
from fastapi import FastAPI
from starlette.middleware.base import BaseHTTPMiddleware

app = FastAPI()


${fn('add_app_header', 'X-App')}


app.add_middleware(BaseHTTPMiddleware, dispatch=add_app_header)


@app.get("/ping")
def ping():
    return "pong"
`,
        python: {
          run: `${stacks}
assert names(main.app) == names(lambda_app.app) == [("BaseHTTPMiddleware", "add_app_header")]
assert TestClient(main.app).get("/ping").headers["X-App"] == TestClient(lambda_app.app).get("/ping").headers["X-App"] == "1"`,
          fails: null,
        },
      },
      {
        name: 'factory-decorator-against-middleware-list-dispatch',
        title: 'FastAPI(middleware=[Middleware(BaseHTTPMiddleware, dispatch=add_app_header)]) with the function imported from a shared module is the same middleware',
        files: String.raw`${main}
-- shared_mw.py --
${fn('add_app_header', 'X-App')}
-- lambda_app.py --
from fastapi import FastAPI
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware

from shared_mw import add_app_header

app = FastAPI(middleware=[Middleware(BaseHTTPMiddleware, dispatch=add_app_header)])


@app.get("/ping")
def ping():
    return "pong"
`,
        python: {
          run: `${stacks}
assert names(main.app) == names(lambda_app.app) == [("BaseHTTPMiddleware", "add_app_header")]
assert TestClient(lambda_app.app).get("/ping").headers["X-App"] == "1"`,
          fails: null,
        },
      },
    ],
    invalid: [
      {
        name: 'factory-decorator-against-dispatch-of-another-function',
        title: 'lambda_app.py wraps another function in BaseHTTPMiddleware: add_app_header never runs on Lambda',
        files: String.raw`${main}
-- lambda_app.py --
from fastapi import FastAPI
from starlette.middleware.base import BaseHTTPMiddleware

app = FastAPI()


${fn('add_timing_header', 'X-Timing')}


app.add_middleware(BaseHTTPMiddleware, dispatch=add_timing_header)


@app.get("/ping")
def ping():
    return "pong"
`,
        findings: [
          'lambda_app.py:13:1  PAR001  error  add_timing_header (BaseHTTPMiddleware dispatch) is registered in lambda_app.py:13 but not in main.py: requests through main.py run without it (related main.py:3:1-3:16)',
          'main.py:6:1  PAR001  error  add_app_header (@app.middleware) is registered in main.py:6 but not in lambda_app.py: requests through lambda_app.py run without it (related lambda_app.py:4:1-4:16)',
        ],
        python: {
          run: `${stacks}
assert names(lambda_app.app) == [("BaseHTTPMiddleware", "add_timing_header")], names(lambda_app.app)
assert "X-App" not in TestClient(lambda_app.app).get("/ping").headers
raise SystemExit("lambda_app serves /ping without X-App")`,
          fails: 'lambda_app serves /ping without X-App',
        },
      },
    ],
  },
  'factory',
);
