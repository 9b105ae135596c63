// PAR003's mount comparison for StaticFiles: the folder each entry point serves, as Python computes it
// (MountFact.staticDir), not the spelling. With the app root as the working folder (Lambda's /var/task),
// a TestClient on each app fetches the same file, or not.
import { ruleTester } from './tester.js';

const both = `import os; os.chdir(os.environ["PYTHONPATH"])
from fastapi.testclient import TestClient
import lazy_app, main
a, b = TestClient(main.app).get("/static/a.css"), TestClient(lazy_app.app).get("/static/a.css")
print(a.status_code, b.status_code, a.text == b.text)`;

const app = (args: string) => `from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

app = FastAPI()
app.mount("/static", StaticFiles(${args}), name="static")
`;

const repo = (mainArgs: string, lazyArgs: string) => `-- main.py --
${app(mainArgs)}-- lazy_app.py --
${app(lazyArgs)}-- handler.py --
from mangum import Mangum

from lazy_app import app

handler = Mangum(app)
-- static/a.css --
body { color: red; }
-- assets/a.css --
body { color: blue; }
-- parity-check.config.json --
{"apps": [{"name": "app", "root": ".", "entrypoints": ["main.py", "lazy_app.py", "handler.py"]}]}
`;

ruleTester(
  'PAR003',
  {
    valid: [
      {
        name: 'static-same-folder-two-spellings',
        title: 'directory="static" in main.py, Path(__file__).parent / "static" in lazy_app.py: one folder, the same files',
        files: repo('directory="static"', 'directory=Path(__file__).parent / "static"'),
        python: { run: both, stdout: '200 200 True' },
      },
    ],
    invalid: [
      {
        name: 'static-other-folder',
        title: 'main.py serves static/, lazy_app.py serves assets/: the same URL answers another file on Lambda',
        files: repo('directory="static"', 'directory=Path(__file__).parent / "assets"'),
        findings: [
          'main.py:7:1  PAR003  error  "/static" mounts StaticFiles(directory="static") in main.py:7 but StaticFiles(directory=Path(__file__).parent / "assets") in lazy_app.py: requests under it reach another application there (related lazy_app.py:7:1-7:93)',
        ],
        python: { run: both, stdout: '200 200 False' },
      },
    ],
  },
  'static',
);
