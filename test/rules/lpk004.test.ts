// LPK004: a StaticFiles folder the Lambda package lacks. Python decides each case as Lambda runs it:
// the working folder and PYTHONPATH are the package root (a SAM CodeUri: the code folder is the package),
// and importing the app module makes the mount, so Starlette's check_dir runs (python3-starlette 0.26).
import { ruleTester } from './tester.js';

/** Import `module` with the working folder at the package root, as on Lambda (/var/task). */
const onLambda = (module: string) => `import os; os.chdir(os.environ["PYTHONPATH"]); import ${module}`;

const sam = `-- template.yaml --
AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  ApiFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: handler.handler
      Runtime: python3.12
-- src/handler.py --
from mangum import Mangum

from lazy_app import app

handler = Mangum(app)
`;

/** The Lambda app module mounting StaticFiles with `args`, with `before` above the app. */
const lazyApp = (args: string, before = '') => `-- src/lazy_app.py --
import os
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
${before}
app = FastAPI()
app.mount("/static", StaticFiles(${args}), name="static")
`;

const page = (dir: string) => `-- ${dir}/index.html --\n<h1>hello</h1>\n`;

/** A workflow zipping only the two modules of src/ (the shell simulator reads it), as the package Lambda gets. */
const zipWorkflow = `-- .github/workflows/deploy.yml --
name: Deploy
on:
  push:
    branches: [main]
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Package
        run: |
          cd src
          zip -r ../api.zip handler.py lazy_app.py
      - name: Deploy
        run: |
          aws lambda create-function --function-name api --runtime python3.12 --handler handler.handler --zip-file fileb://api.zip --role arn:aws:iam::123456789012:role/lambda
-- src/handler.py --
from mangum import Mangum

from lazy_app import app

handler = Mangum(app)
`;

/** The same zip made with the real zip command, unpacked, and its lazy_app imported from inside it as on Lambda. */
const fromZip = `import os, subprocess, sys, tempfile, zipfile
src = os.environ["PYTHONPATH"]
out = tempfile.mkdtemp()
subprocess.run(["zip", "-qr", os.path.join(out, "api.zip"), "handler.py", "lazy_app.py"], cwd=src, check=True)
task = os.path.join(out, "task")
zipfile.ZipFile(os.path.join(out, "api.zip")).extractall(task)
sys.path[:0] = [task]
os.chdir(task)
import lazy_app`;

ruleTester('LPK004', {
  valid: [
    {
      name: 'static-zipped',
      title: 'the same workflow zips static/ too',
      files: zipWorkflow.replace('handler.py lazy_app.py', 'handler.py lazy_app.py static') + lazyApp('directory="static"') + page('src/static'),
      python: { run: fromZip.replace('"lazy_app.py"]', '"lazy_app.py", "static"]'), fails: null, root: 'src' },
    },
    {
      name: 'static-in-code-folder',
      title: 'directory="static" and src/static/ is in the code folder: /var/task/static exists',
      files: sam + lazyApp('directory="static"') + page('src/static'),
      python: { run: onLambda('lazy_app'), fails: null, root: 'src' },
    },
    {
      name: 'static-gitkeep',
      title: 'an empty folder kept in git by a .gitkeep is in the package',
      files: sam + lazyApp('directory="static"') + '-- src/static/.gitkeep --\n',
      python: { run: onLambda('lazy_app'), fails: null, root: 'src' },
    },
    {
      name: 'static-check-dir-false',
      title: 'check_dir=False: Starlette does not look for the folder when the app is made',
      files: sam + lazyApp('directory="static", check_dir=False'),
      python: { run: onLambda('lazy_app'), fails: null, root: 'src' },
    },
    {
      name: 'static-module-relative-present',
      title: 'Path(__file__).parent / "static" with src/static/: follows the module, whatever the working folder',
      files: sam + lazyApp('directory=Path(__file__).parent / "static"') + page('src/static'),
      python: { run: 'import lazy_app', fails: null, root: 'src' },
    },
    {
      name: 'static-under-isdir-test',
      title: 'mounted only `if os.path.isdir("static")`: no folder, no mount',
      files: sam + lazyApp('directory="static"').replace('app.mount(', 'if os.path.isdir("static"):\n    app.mount('),
      python: { run: onLambda('lazy_app'), fails: null, root: 'src' },
    },
    {
      name: 'static-filled-by-a-failing-copy',
      title: 'COPY frontend/dist ./static with frontend/dist not in git (built in CI): the step that fills static/ is not known, so it is not judged',
      files: String.raw`
-- Dockerfile --
FROM public.ecr.aws/lambda/python:3.12
COPY src/ ${'${LAMBDA_TASK_ROOT}'}/
COPY frontend/dist ${'${LAMBDA_TASK_ROOT}'}/static
CMD ["handler.handler"]
-- frontend/package.json --
{"scripts": {"build": "vite build"}}
-- src/handler.py --
from mangum import Mangum

from lazy_app import app

handler = Mangum(app)
` + lazyApp('directory="static"'),
    },
    {
      name: 'static-value-not-computed',
      title: 'directory=settings.static_dir: not computed, so not judged (named in the notes as not checked)',
      files: sam + lazyApp('directory=settings.static_dir', '\n\nclass settings:\n    static_dir = os.path.dirname(__file__)\n'),
      python: { run: onLambda('lazy_app'), fails: null, root: 'src' },
    },
  ],
  invalid: [
    {
      name: 'static-left-out-of-the-zip',
      title: 'a workflow zips src/handler.py and src/lazy_app.py only: src/static/ is in the repository, not in the zip',
      files: zipWorkflow + lazyApp('directory="static"') + page('src/static'),
      findings: [
        "src/lazy_app.py:8:1  LPK004  error  StaticFiles(directory=\"static\") needs static/ in the package when src/lazy_app.py is imported, but the package of api (.github/workflows/deploy.yml:13) has none; the repository has it at src/static/: Lambda raises RuntimeError: Directory 'static' does not exist at cold start (related .github/workflows/deploy.yml:13:11-13:51)",
      ],
      python: { run: fromZip, fails: "RuntimeError: Directory 'static' does not exist", root: 'src' },
    },
    {
      name: 'static-outside-code-folder',
      title: 'static/ sits at the repository top, the package is src/: works from the repository, not on Lambda',
      files: sam + lazyApp('directory="static"') + page('static'),
      findings: [
        "src/lazy_app.py:8:1  LPK004  error  StaticFiles(directory=\"static\") needs static/ in the package when lazy_app.py is imported, but the package of ApiFunction (template.yaml:7) has none; the repository has it at static/: Lambda raises RuntimeError: Directory 'static' does not exist at cold start (related template.yaml:7:16-7:20)",
      ],
      python: { run: onLambda('lazy_app'), fails: "RuntimeError: Directory 'static' does not exist", root: 'src' },
    },
    {
      name: 'static-not-in-git',
      title: 'no file under static/ anywhere: git keeps no empty folder, so a clone (and the package) has none',
      files: sam + lazyApp('directory="static"'),
      findings: [
        "src/lazy_app.py:8:1  LPK004  warning  StaticFiles(directory=\"static\") needs static/ in the package when lazy_app.py is imported, but no file of the repository is under static/ (git keeps no empty folder: add a .gitkeep) and the package of ApiFunction (template.yaml:7) has none: unless a build step not read creates it, Lambda raises RuntimeError: Directory 'static' does not exist at cold start (related template.yaml:7:16-7:20)",
      ],
      python: { run: onLambda('lazy_app'), fails: "RuntimeError: Directory 'static' does not exist", root: 'src' },
    },
    {
      name: 'static-base-dir-above-the-package',
      title: 'BASE_DIR = Path(__file__).resolve().parent: src/static is looked for, the folder is at the top',
      files: sam + lazyApp('directory=BASE_DIR / "static"', '\nBASE_DIR = Path(__file__).resolve().parent\n') + page('static'),
      findings: [
        "src/lazy_app.py:10:1  LPK004  warning  StaticFiles(directory=BASE_DIR / \"static\") needs static/ in the package when lazy_app.py is imported, but no file of the repository is under src/static/ (git keeps no empty folder: add a .gitkeep) and the package of ApiFunction (template.yaml:7) has none: unless a build step not read creates it, Lambda raises RuntimeError: Directory '/var/task/static' does not exist at cold start (related template.yaml:7:16-7:20)",
      ],
      python: { run: 'import lazy_app', fails: 'RuntimeError: Directory', root: 'src' },
    },
    {
      name: 'static-os-path-join-in-factory',
      title: 'a factory create_app() mounts os.path.join(os.path.dirname(__file__), "assets"): src/web/assets is looked for, the folder sits at the repository top (web/assets)',
      files:
        sam +
        `-- src/lazy_app.py --
from web.factory import create_app

app = create_app()
-- src/web/__init__.py --
-- src/web/factory.py --
import os

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles


def create_app():
    app = FastAPI()
    app.mount("/assets", StaticFiles(directory=os.path.join(os.path.dirname(__file__), "assets")))
    return app
` +
        page('web/assets'),
      findings: [
        "src/web/factory.py:9:5  LPK004  warning  StaticFiles(directory=os.path.join(os.path.dirname(__file__), \"assets\")) needs web/assets/ in the package when lazy_app.py is imported, but no file of the repository is under src/web/assets/ (git keeps no empty folder: add a .gitkeep) and the package of ApiFunction (template.yaml:7) has none: unless a build step not read creates it, Lambda raises RuntimeError: Directory '/var/task/web/assets' does not exist at cold start (related template.yaml:7:16-7:20)",
      ],
      python: { run: 'import lazy_app', fails: 'RuntimeError: Directory', root: 'src' },
    },
  ],
});
