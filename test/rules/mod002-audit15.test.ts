// Issue #15, misses item 3, the attribute part: dictConfig's "class" and pkgutil.resolve_name's
// ":attr" read against what the module defines (MOD002). Fixed twins: the mod001-audit15 valid cases
// (same files, the right names); here the same string with the attribute misspelt, and the case
// where the name is right but only a submodule import would bind it.
import { LIBRARY_TREE } from './audit15-fixtures.js';
import { ruleTester } from './tester.js';

const TREE = LIBRARY_TREE;

const main = (body: string) => String.raw`${TREE}
-- src/main.py --
import logging.config
import pkgutil

from fastapi import FastAPI

${body}

app = FastAPI()
`;

const dictConfig = (cls: string) => `logging.config.dictConfig({
    "version": 1,
    "handlers": {"audit": {"class": "${cls}"}},
    "root": {"handlers": ["audit"]},
})`;

ruleTester(
  'MOD002',
  {
    valid: [
      {
        name: 'audit15-dictconfig-and-resolve-name-attributes',
        title: 'dictConfig "class": "logs.audit.AuditHandler" and resolve_name("auth.backends:token_backend"): both modules define the names read',
        files: main(`${dictConfig('logs.audit.AuditHandler')}\nbackend = pkgutil.resolve_name("auth.backends:token_backend")`),
        python: [
          { run: 'import main', fails: null, root: 'src' },
          { run: 'import main, logging; print(type(logging.getLogger().handlers[0]).__name__, main.backend.__name__)', stdout: 'AuditHandler token_backend', root: 'src' },
        ],
      },
    ],
    invalid: [
      {
        name: 'audit15-dictconfig-class-attr-missing',
        title: 'dictConfig "class": "logs.audit.AuditHandlr" (misspelt): the module imports, the class is not there, dictConfig raises',
        files: main(dictConfig('logs.audit.AuditHandlr')),
        findings: [
          `src/main.py:8:37  MOD002  error  "logs.audit" resolves to src/logs/audit.py, which defines no top-level "AuditHandlr" that logging.config.dictConfig ("class": "logs.audit.AuditHandlr") reads: ValueError: Cannot resolve 'logs.audit.AuditHandlr' (related src/logs/audit.py:1:1-1:1)`,
        ],
        python: { run: 'import main', fails: "Cannot resolve 'logs.audit.AuditHandlr'", root: 'src' },
      },
      {
        name: 'audit15-resolve-name-attr-missing',
        title: 'pkgutil.resolve_name("auth.backends:token_backendd") (misspelt): AttributeError when main is imported',
        files: main('backend = pkgutil.resolve_name("auth.backends:token_backendd")'),
        findings: [
          `src/main.py:6:32  MOD002  error  "auth.backends" resolves to src/auth/backends.py, which defines no top-level "token_backendd" that pkgutil.resolve_name ("auth.backends:token_backendd") reads: AttributeError: module 'auth.backends' has no attribute 'token_backendd' (related src/auth/backends.py:1:1-1:1)`,
        ],
        python: { run: 'import main', fails: "has no attribute 'token_backendd'", root: 'src' },
      },
    ],
  },
  'audit15',
);
