// Issue #15, misses item 3: the two library settings the audit found with no truth pair of their own
// (libraries-dictconfig holds only "()"; pkgutil.resolve_name had a probe, no fixture): a dictConfig
// handler's "class" naming a local module, and pkgutil.resolve_name("module:attr") called at import.
// Each: the string under the `src.` prefix the Lambda root (src/) does not have, and its fixed twin;
// Python imports main with PYTHONPATH at src/, which runs dictConfig and resolve_name.
import { ruleTester } from './tester.js';

const TREE = String.raw`
-- parity-check.config.json --
{"apps":[{"name":"app","root":"src","entrypoints":["main.py"]}]}
-- src/logs/__init__.py --
-- src/logs/audit.py --
import logging


class AuditHandler(logging.StreamHandler):
    pass
-- src/auth/__init__.py --
-- src/auth/backends.py --
def token_backend():
    return "token"
`;

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
