// PAR003, topic `factory` (#15 item 5): routes copied onto an app (`app.router.routes.extend(
// other.routes)`, `app.routes.extend(...)`) are served like an included router's.
import { ruleTester } from './tester.js';
import { API_USERS_ORDERS, MAIN_USERS_ORDERS } from './router-fixtures.js';

const api = String.raw`
${API_USERS_ORDERS}
${MAIN_USERS_ORDERS}
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lambda_app.py"]}]}
`;

const served = (paths: string[], expect: number) => String.raw`from fastapi.testclient import TestClient
import main, lambda_app
codes = [TestClient(lambda_app.app).get(p).status_code for p in ${JSON.stringify(paths)}]
assert all(TestClient(main.app).get(p).status_code == 200 for p in ${JSON.stringify(paths)})
print(codes)
assert codes == [${Array(paths.length).fill(expect).join(', ')}], codes`;

ruleTester(
  'PAR003',
  {
    valid: [
      {
        name: 'factory-router-routes-extend',
        title: 'app.router.routes.extend(users.router.routes) serves the router\'s routes as include_router does',
        golden: true,
        files: String.raw`${api}
-- lambda_app.py --
from fastapi import FastAPI

from api import orders, users

app = FastAPI()
app.router.routes.extend(users.router.routes)
app.router.routes.extend(orders.router.routes)
`,
        python: { run: served(['/users', '/orders'], 200), fails: null },
      },
      {
        name: 'factory-app-routes-extend-from-sub-app',
        title: 'app.routes.extend(sub.app.routes): the routes of another app, whose routers are the same modules',
        files: String.raw`${api}
-- sub.py --
from fastapi import FastAPI

from api import orders, users

app = FastAPI()
app.include_router(users.router)
app.include_router(orders.router)
-- lambda_app.py --
from fastapi import FastAPI

import sub

app = FastAPI()
app.routes.extend(sub.app.routes)
`,
        python: { run: served(['/users', '/orders'], 200), fails: null },
      },
    ],
    invalid: [
      {
        name: 'factory-router-routes-extend-one-missing',
        title: 'routes copied from users.router only: /orders answers 404 on Lambda',
        files: String.raw`${api}
-- lambda_app.py --
from fastapi import FastAPI

from api import users

app = FastAPI()
app.router.routes.extend(users.router.routes)
`,
        findings: [
          'main.py:7:1  PAR003  error  router api.orders is registered in main.py:7 (include_router(orders.router)) but lambda_app.py neither includes it nor lists it in a router map: its endpoints answer 404 there (related lambda_app.py:5:1-5:16)',
        ],
        python: { run: served(['/orders'], 404) },
      },
    ],
  },
  'factory',
);
