// PARSE001's cases (format and assertions: ./tester.ts): the rule's docs examples, then cases written here.
import { ruleTester } from './tester.js';

ruleTester('PARSE001', {
  valid: [
    {
      name: 'docs-good-example',
      title: "the good example of the rule's docs",
      files: String.raw`
-- main.py --
from fastapi import FastAPI

app = FastAPI()
-- lazy_app.py --
from fastapi import FastAPI

app = FastAPI()
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
    },
    {
      name: 'syntax-error-in-a-file-no-entry-point-reaches',
      title: 'a file no entry point imports is not read: its syntax error is no finding',
      files: String.raw`
-- lazy_app.py --
from fastapi import FastAPI

app = FastAPI()
-- main.py --
from fastapi import FastAPI

app = FastAPI()
-- scripts/draft.py --
def unfinished(:
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      python: { run: 'import lazy_app', fails: null },
    },
  ],
  invalid: [
    {
      name: 'docs-bad-example',
      title: "the bad example of the rule's docs",
      files: String.raw`
-- main.py --
from fastapi import FastAPI

app = FastAPI(
-- lazy_app.py --
from fastapi import FastAPI

app = FastAPI()
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      findings: [
        'main.py:3:1  PARSE001  warning  syntax error near "app = FastAPI(": Python will not import this file; findings in it may be incomplete',
      ],
    },
    {
      name: 'syntax-error-in-an-imported-module',
      title: 'both entry points import a module Python cannot parse',
      files: String.raw`
-- api/__init__.py --
-- api/users.py --
def list_users(:
    return []
-- lazy_app.py --
from fastapi import FastAPI

from api import users  # noqa: F401

app = FastAPI()
-- main.py --
from fastapi import FastAPI

from api import users  # noqa: F401

app = FastAPI()
-- parity-check.config.json --
{"apps":[{"name":"app","root":".","entrypoints":["main.py","lazy_app.py"]}]}
`,
      findings: [
        'api/users.py:1:16  PARSE001  warning  missing ")": Python will not import this file; findings in it may be incomplete',
      ],
      python: { run: 'import lazy_app', fails: 'SyntaxError: invalid syntax' },
    },
  ],
});
