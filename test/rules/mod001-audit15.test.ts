// Issue #15, misses item 3: the two library settings the audit found with no truth pair of their own
// (libraries-dictconfig holds only "()"; pkgutil.resolve_name had a probe, no fixture): a dictConfig
// handler's "class" naming a local module, and pkgutil.resolve_name("module:attr") called at import.
// Each: the string under the `src.` prefix the Lambda root (src/) does not have, and its fixed twin;
// Python imports main with PYTHONPATH at src/, which runs dictConfig and resolve_name.
import { LIBRARY_TREE } from './audit15-fixtures.js';
import { ruleTester } from './tester.js';

// Misses item 2: a set comprehension of router paths held in a name, iterated through sorted() (a set
// has no order, so real code sorts it):
// the wrapper spent the depth the comprehension needed, so the paths were unknown (named in --verbose
// only) and a `src.` prefix passed. Root: the case folder; Python imports main, which imports each path.
const sortedComprehension = (prefix: string) => String.raw`
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py"]}]}
-- api/__init__.py --
-- api/v1/__init__.py --
-- api/v1/users.py --
from fastapi import APIRouter

router = APIRouter()
-- api/v1/items.py --
from fastapi import APIRouter

router = APIRouter()
-- main.py --
import importlib
from fastapi import FastAPI

app = FastAPI()
_LAZY = ["users", "items"]
ROUTER_PATHS = {f"${prefix}api.v1.{name}" for name in _LAZY}

for path in sorted(ROUTER_PATHS):
    app.include_router(importlib.import_module(path).router)
`;

const TREE = LIBRARY_TREE;

const dictConfig = (cls: string) => String.raw`${TREE}
-- src/main.py --
import logging.config

from fastapi import FastAPI

logging.config.dictConfig({
    "version": 1,
    "handlers": {"audit": {"class": "${cls}"}},
    "root": {"handlers": ["audit"]},
})

app = FastAPI()
`;

const resolveName = (target: string) => String.raw`${TREE}
-- src/main.py --
import pkgutil

from fastapi import FastAPI

backend = pkgutil.resolve_name("${target}")

app = FastAPI()
`;

ruleTester(
  'MOD001',
  {
    valid: [
      {
        name: 'audit15-sorted-comprehension-name-fixed',
        title: 'the fixed twin: the set comprehension names api.v1.<name>, which the root holds',
        files: sortedComprehension(''),
        python: [
          { run: 'import main', fails: null },
          { run: 'import main, sys; print(sorted(m for m in sys.modules if m.startswith("api.v1.")))', stdout: "['api.v1.items', 'api.v1.users']" },
        ],
      },
      {
        name: 'audit15-dictconfig-class',
        title: 'dictConfig "class": "logs.audit.AuditHandler" under the deploy root: dictConfig imports logs.audit and builds the handler',
        files: dictConfig('logs.audit.AuditHandler'),
        python: [
          { run: 'import main', fails: null, root: 'src' },
          { run: 'import main, logging; print(type(logging.getLogger().handlers[0]).__name__)', stdout: 'AuditHandler', root: 'src' },
        ],
      },
      {
        name: 'audit15-resolve-name',
        title: 'pkgutil.resolve_name("auth.backends:token_backend") at import: the module resolves from the root',
        files: resolveName('auth.backends:token_backend'),
        python: [
          { run: 'import main', fails: null, root: 'src' },
          { run: 'import main; print(main.backend.__name__)', stdout: 'token_backend', root: 'src' },
        ],
      },
    ],
    invalid: [
      {
        name: 'audit15-sorted-comprehension-name',
        title: 'for path in sorted(ROUTER_PATHS), ROUTER_PATHS a set comprehension of src.-prefixed f-strings: each value is checked',
        files: sortedComprehension('src.'),
        findings: [
          `main.py:6:17  MOD001  error  "src.api.v1.users" (one value of this f-string) (_LAZY) does not resolve under . (Lambda's /var/task): importlib.import_module raises ModuleNotFoundError: No module named 'src'; did you mean "api.v1.users"?`,
          `main.py:6:17  MOD001  error  "src.api.v1.items" (one value of this f-string) (_LAZY) does not resolve under . (Lambda's /var/task): importlib.import_module raises ModuleNotFoundError: No module named 'src'; did you mean "api.v1.items"?`,
        ],
        python: { run: 'import main', fails: "No module named 'src'" },
      },
      {
        name: 'audit15-dictconfig-class-src-prefix',
        title: 'dictConfig "class": "src.logs.audit.AuditHandler" under a src/ root: dictConfig raises when main is imported',
        files: dictConfig('src.logs.audit.AuditHandler'),
        findings: [
          `src/main.py:7:37  MOD001  error  "src.logs.audit" does not resolve under src (Lambda's /var/task): logging.config.dictConfig ("class": "src.logs.audit.AuditHandler") imports it at start-up and raises ModuleNotFoundError: No module named 'src'; did you mean "logs.audit"?`,
        ],
        python: { run: 'import main', fails: "No module named 'src'", root: 'src' },
      },
      {
        name: 'audit15-resolve-name-src-prefix',
        title: 'pkgutil.resolve_name("src.auth.backends:token_backend") under a src/ root: the import of main raises',
        files: resolveName('src.auth.backends:token_backend'),
        findings: [
          `src/main.py:5:32  MOD001  error  "src.auth.backends" does not resolve under src (Lambda's /var/task): pkgutil.resolve_name ("src.auth.backends:token_backend") imports it at start-up and raises ModuleNotFoundError: No module named 'src'; did you mean "auth.backends"?`,
        ],
        python: { run: 'import main', fails: "No module named 'src'", root: 'src' },
      },
    ],
  },
  'audit15',
);
