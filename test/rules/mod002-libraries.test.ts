// MOD002 for the attribute part of library module-path strings (issue #15, misses item 3): what
// dictConfig and uvicorn read from a local module after importing it.
import { ruleTester } from './tester.js';

const app = (target: string) => String.raw`
-- src/main.py --
from fastapi import FastAPI

application = FastAPI()
-- src/serve.py --
import uvicorn

uvicorn.run("${target}", port=8080)
-- requirements.txt --
fastapi
uvicorn
-- parity-check.config.json --
{"apps":[{"name":"app","root":"src","entrypoints":["main.py","serve.py"]}]}
`;

ruleTester(
  'MOD002',
  {
    valid: [
      {
        name: 'libraries-uvicorn-attr',
        title: 'uvicorn.run("main:application") names the object main defines',
        files: app('main:application'),
        python: { run: 'import uvicorn.importer; uvicorn.importer.import_from_string("main:application")', fails: null, root: 'src' },
      },
    ],
    invalid: [
      {
        name: 'libraries-uvicorn-attr-missing',
        title: 'uvicorn.run("main:app") where main defines only application: uvicorn cannot find the app',
        files: app('main:app'),
        findings: [
          `src/serve.py:3:13  MOD002  error  "main" resolves to src/main.py, which defines no top-level "app" that uvicorn.run ("main:app") reads: Attribute "app" not found in module "main" (related src/main.py:1:1-1:1)`,
        ],
        python: { run: 'import uvicorn.importer; uvicorn.importer.import_from_string("main:app")', fails: 'Attribute "app" not found in module "main"', root: 'src' },
      },
    ],
  },
  'libraries',
);
