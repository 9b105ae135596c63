// MOD003, topic `left` (#15 leftovers, item 2): sys.path changed inside a function the module calls
// at its top (`def _setup(): sys.path.insert(...)`, `_setup()`) changes it on import, as a top-level
// insert does: an import found below the root is a warning, never a rewrite. A function nobody calls
// changes nothing: the import fails on Lambda, an error.
import { ruleTester } from './tester.js';

const lazy = (call: string, from = 'awsauth') => String.raw`
-- lazy_app.py --
import os
import sys


def _setup_paths():
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "vendor"))

${call}
from fastapi import FastAPI  # noqa: E402

from ${from} import sign_request  # noqa: E402,F401

app = FastAPI()
`;

const app = (call: string, from = 'awsauth') => lazy(call, from) + String.raw`-- main.py --
from fastapi import FastAPI

app = FastAPI()
-- parity-check.config.json --
{"apps": [{"name": "app", "root": ".", "entrypoints": ["main.py", "lazy_app.py"]}]}
-- vendor/awsauth/__init__.py --
def sign_request(req):
    return req
`;

ruleTester(
  'MOD003',
  {
    valid: [
      {
        name: 'left-sys-path-in-called-function',
        title: '_setup_paths() called at the top inserts vendor/ (known from __file__) before the import: awsauth imports from there (was a hedged warning before the folder was computed)',
        files: app('\n_setup_paths()\n'),
        python: { run: 'import lazy_app', fails: null },
      },
      {
        name: 'left-sys-path-uncalled-import-spelled-from-root',
        title: 'the fixed twin: _setup_paths() never runs, and the import names vendor.awsauth from the root',
        files: app('\n', 'vendor.awsauth'),
        python: { run: 'import lazy_app', fails: null },
      },
    ],
    invalid: [
      {
        name: 'left-sys-path-in-uncalled-function',
        title: '_setup_paths() is defined and never called: sys.path is unchanged and awsauth fails on Lambda',
        golden: true,
        files: app('\n'),
        findings: [
          `lazy_app.py:12:6  MOD003  error  "awsauth" does not resolve under . (Lambda's /var/task): ModuleNotFoundError: No module named 'awsauth'; did you mean "vendor.awsauth"?  [*]`,
        ],
        output: lazy('\n', 'vendor.awsauth'),
        python: { run: 'import lazy_app', fails: "No module named 'awsauth'" },
      },
    ],
  },
  'left',
);
