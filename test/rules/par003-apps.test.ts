// PAR003, topic `apps` (#15 leftovers, item 3): discovered entry points whose routers are all known and share none
// are two apps in one folder (zurcnilva213/fastapi-serverless), not compared; but a lazy entry point (its routers
// only from a router map) beside an eager one (only imported routers) is one app's lazy/eager pair by design, so
// a swap of its only router is drift: compared. Python: the lazy app, once its loader has run, serves other paths.
import { API_ORDERS_USERS_FLAT, lazyMapLoad } from './router-fixtures.js';
import { ruleTester } from './tester.js';

const pair = (lazyTarget: string, eagerImport: string) => String.raw`
${API_ORDERS_USERS_FLAT}
${lazyMapLoad(`{"users": "${lazyTarget}"}`)}
-- main.py --
from fastapi import FastAPI

from api import ${eagerImport}

app = FastAPI()
app.include_router(${eagerImport}.router)
`;

const SAME = String.raw`import main, lazy_app
for n in lazy_app._ROUTER_MAP: lazy_app.app.include_router(lazy_app.load(n))
paths = lambda a: sorted(r.path for r in a.routes if not r.path.startswith(("/docs", "/openapi", "/redoc")))
print(paths(main.app) == paths(lazy_app.app))`;

ruleTester(
  'PAR003',
  {
    valid: [
      {
        name: 'apps-lazy-eager-pair-same-router',
        title: 'discovered main.py includes api.users and lazy_app.py maps "users" to api.users: the same routes',
        files: pair('api.users', 'users'),
        python: { run: SAME, stdout: 'True' },
      },
    ],
    invalid: [
      {
        name: 'apps-lazy-eager-pair-swapped-router',
        title: 'the map names api.orders instead: the lazy/eager pair is compared though they share no router (was: not compared, a miss)',
        files: pair('api.orders', 'users'),
        findings: [
          'main.py:6:1  PAR003  error  router api.users is registered in main.py:6 (include_router(users.router)) but lazy_app.py neither includes it nor lists it in a router map: its endpoints answer 404 there (related lazy_app.py:5:1-5:16)',
          'lazy_app.py:6:25  PAR003  error  router api.orders is registered in lazy_app.py:6 ("api.orders") but main.py neither includes it nor lists it in a router map: its endpoints answer 404 there (related main.py:5:1-5:16)',
        ],
        python: { run: SAME, stdout: 'False' },
      },
    ],
  },
  'apps',
);
