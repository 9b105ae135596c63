// MOD004 misses of #15 ("Misses to catch" 4, topic names2): what a module has bound once its
// import is over (a module-level `del`, a `global` assigned in a function the import never calls)
// and what it has bound so far when a circular import reads it half-way.
import { ruleTester } from './tester.js';

const config = '-- parity-check.config.json --\n{"apps":[{"name":"app","root":".","entrypoints":["main.py"]}]}\n';

const importing = (name: string, helpers: string) => String.raw`
-- helpers.py --
${helpers}
-- main.py --
from fastapi import FastAPI

from helpers import ${name}

app = FastAPI()
${config}`;

const deleted = (after: string) => `import os


def _env(name):
    return os.environ.get(name, "")

TABLE = _env("TABLE")
${after}`;

const globalIn = (call: string) => `SETTINGS = None


def configure():
    global TIMEOUT
    TIMEOUT = 30
${call}`;

// a.py runs `import b` before it defines X; b reads X from a at its top.
const circular = (bBody: string, aOrder: 'import-first' | 'define-first') => String.raw`
-- a.py --
${aOrder === 'import-first' ? 'import b  # noqa: F401\n\nX = 1' : 'X = 1\n\nimport b  # noqa: F401'}
-- b.py --
${bBody}
-- main.py --
from fastapi import FastAPI

import a  # noqa: F401

app = FastAPI()
${config}`;

// pkg/__init__.py imports its v2 subpackage's users; a same-named pkg/users.py is one level up.
const relative = (v2Users: boolean, topUsers: string) => String.raw`
-- main.py --
from fastapi import FastAPI

from pkg import users  # noqa: F401

app = FastAPI()
-- pkg/__init__.py --
from .v2 import users  # noqa: F401
-- pkg/users.py --
${topUsers}
-- pkg/v2/__init__.py --
${v2Users ? '-- pkg/v2/users.py --\nNAME = "v2"\n' : ''}${config}`;

// A local package named like a standard-library module the Lambda runtime imports before the handler.
const shadowing = (pkg: string) => String.raw`
-- ${pkg}/__init__.py --
class MyThing:
    pass
-- main.py --
from fastapi import FastAPI

from ${pkg} import MyThing  # noqa: F401

app = FastAPI()
${config}`;
// What awslambdaric's bootstrap imports before it imports the handler module, while the task root
// is not yet on sys.path (Lambda's PYTHONPATH is the runtime's folder); then the root goes first.
const runtime =
  'import sys; root = sys.path.pop(0); import importlib, json, logging, os, time, traceback, http.client, decimal; from importlib import metadata; sys.path.insert(0, root); ';

ruleTester(
  'MOD004',
  {
    valid: [
      {
        name: 'names2-del-then-rebound',
        title: 'del _env, then _env bound again: the later binding stands',
        files: importing('_env', deleted('del _env\n_env = str')),
        python: { run: 'import main', fails: null },
      },
      {
        name: 'names2-del-of-another-name',
        title: 'the fixed twin: del removes only what it names (TABLE is still bound)',
        files: importing('TABLE', deleted('del _env')),
        python: { run: 'import main', fails: null },
      },
      {
        name: 'names2-global-in-function-called-at-top',
        title: 'global TIMEOUT assigned in configure(), which the module calls at its top: bound at import',
        files: importing('TIMEOUT', globalIn('\nconfigure()')),
        python: { run: 'import main', fails: null },
      },
      {
        name: 'names2-circular-defined-before-the-import',
        title: 'a defines X before it imports b: b finds X in the partially initialized a',
        files: circular('from a import X  # noqa: F401', 'define-first'),
        python: { run: 'import main', fails: null },
      },
      {
        name: 'names2-circular-module-import-used-in-functions',
        title: 'b does import a and reads a.X only in a function: fine whatever the order',
        files: circular('import a\n\n\ndef value():\n    return a.X', 'import-first'),
        python: { run: 'import main, b; print(b.value())', stdout: '1' },
      },
      {
        name: 'names2-circular-other-module-first',
        title: 'the entry imports b first: b starts a, which finds b partially initialized and defines X before b reads it',
        files: circular('from a import X  # noqa: F401', 'import-first').replace('import a  # noqa: F401', 'import b  # noqa: F401'),
        python: { run: 'import main', fails: null },
      },
      {
        name: 'names2-relative-subpackage-module',
        title: 'from .v2 import users takes pkg/v2/users.py; a broken pkg/users.py is never imported',
        files: relative(true, 'from .nothing import NAME  # noqa: F401'),
        python: [{ run: 'import main', fails: null }, { run: 'import main, pkg; print(pkg.users.NAME)', stdout: 'v2' }],
      },
      {
        name: 'names2-relative-own-submodule',
        title: 'from . import users in pkg/__init__.py imports pkg/users.py itself (its MOD003 shows it is followed)',
        files: relative(true, 'from .nothing import NAME  # noqa: F401').replace('from .v2 import users', 'from . import users'),
        findings: [`pkg/users.py:1:6  MOD003  error  "pkg.nothing" does not resolve under . (Lambda's /var/task): ModuleNotFoundError: No module named 'pkg.nothing'`],
        python: { run: 'import main', fails: "No module named 'pkg.nothing'" },
      },
      {
        name: 'names2-local-package-renamed',
        title: 'the fixed twin: a local app_logging/ is not shadowed by anything the runtime imported',
        files: shadowing('app_logging'),
        python: { run: runtime + 'import main', fails: null },
      },
    ],
    invalid: [
      {
        name: 'names2-del-after-definition',
        title: 'del _env at module level after use: the name is gone when the import ends',
        files: importing('_env', deleted('del _env')),
        findings: ["main.py:3:21  MOD004  error  ImportError: cannot import name '_env' from 'helpers' (helpers.py)"],
        python: { run: 'import main', fails: "cannot import name '_env' from 'helpers'" },
      },
      {
        name: 'names2-global-in-uncalled-function',
        title: 'global TIMEOUT assigned only in configure(), which nothing calls: the import binds no TIMEOUT',
        files: importing('TIMEOUT', globalIn('')),
        findings: [
          "main.py:3:21  MOD004  warning  'TIMEOUT' is bound in helpers.py only by `global TIMEOUT` in a function that module does not call while it is imported (line 5): unless something calls it first, ImportError: cannot import name 'TIMEOUT' from 'helpers'",
        ],
        python: { run: 'import main', fails: "cannot import name 'TIMEOUT' from 'helpers'" },
      },
      {
        name: 'names2-circular-defined-after-the-import',
        title: 'a imports b before it defines X; b does from a import X: a is partially initialized',
        files: circular('from a import X  # noqa: F401', 'import-first'),
        findings: [
          "b.py:1:15  MOD004  error  ImportError: cannot import name 'X' from partially initialized module 'a' (most likely due to a circular import) (a.py): a.py is still at line 1, importing what imports it, and binds 'X' only after that (related a.py:1:1-1:1)",
        ],
        python: { run: 'import main', fails: "cannot import name 'X' from partially initialized module 'a' (most likely due to a circular import)" },
        golden: true,
      },
      {
        name: 'names2-relative-subpackage-module-deleted',
        title: 'pkg/v2/users.py deleted: from .v2 import users fails even though pkg/users.py exists',
        files: relative(false, 'NAME = "top"'),
        findings: ["pkg/__init__.py:1:17  MOD004  error  ImportError: cannot import name 'users' from 'pkg.v2' (pkg/v2/__init__.py)"],
        python: { run: 'import main', fails: "cannot import name 'users' from 'pkg.v2'" },
      },
      {
        name: 'names2-local-logging-package',
        title: 'a local logging/ defines MyThing; on Lambda the runtime already imported the stdlib logging, which lacks it',
        files: shadowing('logging'),
        findings: [
          "main.py:3:21  MOD004  warning  on Lambda, 'logging' is the standard library's module, not logging/__init__.py: the runtime imports logging before the handler, so the local one is never imported and 'MyThing' is looked up in the standard library's 'logging' (ImportError: cannot import name 'MyThing' unless it has one); rename the local package",
        ],
        python: [
          { run: runtime + 'import main', fails: "cannot import name 'MyThing' from 'logging'" },
          // Without the runtime's imports (plain PYTHONPATH=root python3) the local package wins.
          { run: 'import logging; print(logging.__file__.endswith("logging/__init__.py") and "/usr/lib" not in logging.__file__)', stdout: 'True' },
        ],
      },
    ],
  },
  'names2',
);
