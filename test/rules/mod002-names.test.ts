// MOD002 of #15 ("Misses to catch" 4): `__import__(name, fromlist=None)` returns the top-level
// package, as without a fromlist (a false MOD002 before); a non-empty fromlist returns the module.
import { ruleTester } from './tester.js';

const app = (fromlist: string) => String.raw`
-- api/__init__.py --
-- api/users.py --
from fastapi import APIRouter

router = APIRouter()
-- main.py --
from fastapi import FastAPI

app = FastAPI()

api = __import__("api.users", fromlist=${fromlist})
app.include_router(api.users.router)
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py"]}]}
`;

ruleTester(
  'MOD002',
  {
    valid: [
      {
        name: 'names-dunder-import-fromlist-none',
        title: '__import__("api.users", fromlist=None) is the package api: api.users.router is there',
        files: app('None'),
        python: { run: 'import main', fails: null },
      },
    ],
    invalid: [
      {
        name: 'names-dunder-import-fromlist-given',
        title: 'with a fromlist, __import__ returns api.users itself, which has no attribute users',
        files: app('["router"]'),
        findings: [
          'main.py:5:18  MOD002  error  "api.users" resolves to api/users.py, which defines no top-level "users" that the loader reads: AttributeError: module \'api.users\' has no attribute \'users\' (related api/users.py:1:1-1:1)',
        ],
        python: { run: 'import main', fails: "module 'api.users' has no attribute 'users'" },
      },
    ],
  },
  'names',
);
