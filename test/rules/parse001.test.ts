// PARSE001's cases (format and assertions: ./tester.ts), from the rule's docs examples.
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
  ],
});
