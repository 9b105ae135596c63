// PAR003, topic `left` (#15 leftovers, item 1): an aggregate router another module builds
// (`api_router.include_router(users.router)` at its top), included by an entry point, serves what it
// includes: compared router by router, not by the aggregate's module. Python compares the routes.
import { ruleTester } from './tester.js';
import { API_USERS_ORDERS, MAIN_USERS_ORDERS } from './router-fixtures.js';

const api = String.raw`
${API_USERS_ORDERS}
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`;

/** An aggregate module: `api_router` including the named routers of api/. */
const aggregate = (file: string, names: string[]) => String.raw`
-- ${file} --
from fastapi import APIRouter

from api import ${[...names].sort().join(', ')}

api_router = APIRouter()
${names.map((n) => `api_router.include_router(${n}.router)`).join('\n')}
`;

const entry = (name: string, from: string, prefix = '') => String.raw`
-- ${name} --
from fastapi import FastAPI

from ${from} import api_router

app = FastAPI()
app.include_router(api_router${prefix ? `, prefix="${prefix}"` : ''})
`;

/** main.py includes users and orders; lazy_app.py imports PATHS through list(map(import_module, ...)) and includes each module's router. */
const mapped = (paths: string[]) => String.raw`
${MAIN_USERS_ORDERS}
-- lazy_app.py --
import importlib

from fastapi import FastAPI

app = FastAPI()
PATHS = [${paths.map((p) => `"${p}"`).join(', ')}]
for m in list(map(importlib.import_module, PATHS)):
    app.include_router(m.router)
`;

/** Python builds both apps: the routes (path and methods) each serves. */
const routes = (same: boolean) => String.raw`import main, lazy_app
def table(app):
    return sorted((r.path, tuple(sorted(getattr(r, "methods", None) or ()))) for r in app.routes if not r.path.startswith(("/docs", "/openapi", "/redoc")))
m, l = table(main.app), table(lazy_app.app)
print(sorted(set(m) ^ set(l)))
assert (m == l) is ${same ? 'True' : 'False'}, (m, l)`;

ruleTester(
  'PAR003',
  {
    valid: [
      {
        name: 'left-two-aggregates-same-routers',
        title: 'each entry point includes its own aggregate module; both aggregates include users and orders (a false PAR003 on both aggregates before)',
        files: api + aggregate('api/routes.py', ['users', 'orders']) + aggregate('api/lambda_routes.py', ['orders', 'users']) + entry('main.py', 'api.routes') + entry('lazy_app.py', 'api.lambda_routes'),
        python: { run: routes(true), fails: null },
      },
      {
        name: 'left-aggregate-same-prefix',
        title: 'both aggregates mounted at /v1',
        files: api + aggregate('api/routes.py', ['users', 'orders']) + aggregate('api/lambda_routes.py', ['orders', 'users']) + entry('main.py', 'api.routes', '/v1') + entry('lazy_app.py', 'api.lambda_routes', '/v1'),
        python: { run: routes(true), fails: null },
      },
      {
        name: 'left-list-map-import-module-same-routers',
        title: 'for m in list(map(import_module, PATHS)): include_router(m.router), PATHS naming both routers (the routers were not known before: PAR003 was blind)',
        files: api + mapped(['api.users', 'api.orders']),
        python: { run: routes(true), fails: null },
      },
    ],
    invalid: [
      {
        name: 'left-list-map-import-module-lacks-a-router',
        title: 'PATHS lacks api.orders: /orders answers 404 on Lambda (a miss before, named only in --verbose)',
        files: api + mapped(['api.users']),
        findings: [
          'main.py:7:1  PAR003  error  router api.orders is registered in main.py:7 (include_router(orders.router)) but lazy_app.py neither includes it nor lists it in a router map: its endpoints answer 404 there (related lazy_app.py:5:1-5:16)',
        ],
        python: { run: routes(false) },
      },
      {
        name: 'left-aggregate-lacks-a-router',
        title: 'the Lambda aggregate lacks orders: /orders answers 404 on Lambda',
        golden: true,
        files: api + aggregate('api/routes.py', ['users', 'orders']) + aggregate('api/lambda_routes.py', ['users']) + entry('main.py', 'api.routes') + entry('lazy_app.py', 'api.lambda_routes'),
        findings: [
          'main.py:6:1  PAR003  error  router api.orders is registered in main.py:6 (include_router(api_router) → include_router(orders.router) in api/routes.py:7) but lazy_app.py neither includes it nor lists it in a router map: its endpoints answer 404 there (related lazy_app.py:5:1-5:16)',
        ],
        python: { run: routes(false) },
      },
      {
        name: 'left-aggregate-prefix-differs',
        title: 'the aggregates mounted at /v1 and /v2: each router answers at other paths',
        files: api + aggregate('api/routes.py', ['users', 'orders']) + aggregate('api/lambda_routes.py', ['orders', 'users']) + entry('main.py', 'api.routes', '/v1') + entry('lazy_app.py', 'api.lambda_routes', '/v2'),
        findings: [
          'main.py:6:1  PAR003  error  router api.orders.router is mounted at "/v1" in main.py:6 (include_router(api_router) → include_router(orders.router) in api/routes.py:7) but at "/v2" in lazy_app.py:6: its endpoints answer at other paths there (related lazy_app.py:6:1-6:45)',
          'main.py:6:1  PAR003  error  router api.users.router is mounted at "/v1" in main.py:6 (include_router(api_router) → include_router(users.router) in api/routes.py:6) but at "/v2" in lazy_app.py:6: its endpoints answer at other paths there (related lazy_app.py:6:1-6:45)',
        ],
        python: { run: routes(false) },
      },
    ],
  },
  'left',
);
