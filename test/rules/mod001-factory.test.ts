// MOD001, topic `factory` (#15 item 5): a loader that rewrites its paths under a condition
// (`if not path.startswith("api."): path = f"api.{path}"`, the same as a conditional expression,
// `removeprefix`) imports what Python computes for each entry, not every branch's value.
import { ruleTester } from './tester.js';
import { apiRouter } from './router-fixtures.js';

const api = String.raw`
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["lazy_app.py"]}]}
-- api/__init__.py --
${apiRouter('users')}
${apiRouter('items')}
`;

const imports = (names: string) => String.raw`import lazy_app
print(sorted(m for m in __import__("sys").modules if m.startswith("api.")))
assert sorted(r.path for r in lazy_app.app.routes if r.path in ("/users", "/items")) == ${names}`;

const loader = (rewrite: string, routers = '"users", "api.items"') => String.raw`${api}
-- lazy_app.py --
from importlib import import_module

from fastapi import FastAPI

ROUTERS = [${routers}]

app = FastAPI()
for path in ROUTERS:
${rewrite}
    app.include_router(import_module(path).router)
`;

ruleTester(
  'MOD001',
  {
    valid: [
      {
        name: 'factory-conditional-prefix-statement',
        title: 'if not path.startswith("api."): path = f"api.{path}" — "users" is imported as api.users, "api.items" as it is',
        golden: true,
        files: loader('    if not path.startswith("api."):\n        path = f"api.{path}"'),
        python: { run: imports('["/items", "/users"]'), fails: null },
      },
      {
        name: 'factory-conditional-prefix-expression',
        title: 'path = path if path.startswith("api.") else "api." + path',
        files: loader('    path = path if path.startswith("api.") else "api." + path'),
        python: { run: imports('["/items", "/users"]'), fails: null },
      },
      {
        name: 'factory-removeprefix',
        title: 'path.removeprefix("src.") turns "src.api.users" into api.users',
        files: loader('    path = path.removeprefix("src.")', '"src.api.users", "api.items"'),
        python: { run: imports('["/items", "/users"]'), fails: null },
      },
    ],
    invalid: [
      {
        name: 'factory-conditional-prefix-wrong-package',
        title: 'the rewrite adds "api.v1." to "users": api.v1.users does not exist',
        files: loader('    if not path.startswith("api."):\n        path = f"api.v1.{path}"'),
        findings: [
          'lazy_app.py:10:16  MOD001  error  "api.v1.users" (one value of this f-string) (ROUTERS) does not resolve under . (Lambda\'s /var/task): importlib.import_module raises ModuleNotFoundError: No module named \'api.v1\'',
        ],
        python: { run: 'import lazy_app', fails: "No module named 'api.v1'" },
      },
      {
        name: 'factory-conditional-prefix-entry-already-wrong',
        title: 'an entry that passes the test unchanged but does not exist (api.orders) is still reported',
        files: loader('    path = path if path.startswith("api.") else "api." + path', '"users", "api.orders"'),
        findings: [
          'lazy_app.py:5:21  MOD001  error  "api.orders" (ROUTERS) does not resolve under . (Lambda\'s /var/task): importlib.import_module raises ModuleNotFoundError: No module named \'api.orders\'',
        ],
        python: { run: 'import lazy_app', fails: "No module named 'api.orders'" },
      },
      {
        name: 'factory-removeprefix-entry-missing',
        title: '"src.api.orders" becomes api.orders, which does not exist',
        files: loader('    path = path.removeprefix("src.")', '"src.api.users", "src.api.orders"'),
        findings: [
          'lazy_app.py:5:29  MOD001  error  "api.orders" (ROUTERS) does not resolve under . (Lambda\'s /var/task): importlib.import_module raises ModuleNotFoundError: No module named \'api.orders\'',
        ],
        python: { run: 'import lazy_app', fails: "No module named 'api.orders'" },
      },
    ],
  },
  'factory',
);
