// MOD003, topic `roots` (#15, real code: zurcnilva213/fastapi-serverless): two apps discovered in apps/ (apps/a.py,
// apps/b.py, each `app = FastAPI()` importing `core.settings` from the top) while serverless serves apps/a.py as
// `apps.a.handler` from the service folder. Discovery guesses apps/ as the root; the deploy definition says Python
// imports apps/a.py from the folder above, so the app is checked from there (src/deploy/reroot.ts): no false
// "core.settings does not resolve under apps", and a real miss reported once per place, also when the deploy app is
// a package of its own (serverless `package.patterns`: a simulated package beside the re-rooted discovered app).
import { ruleTester } from './tester.js';

const entry = String.raw`from fastapi import FastAPI

from core.settings import NAME

app = FastAPI(title=NAME)


def handler(event, context):
    return app.title
`;

/** The service: core/<module>.py holds NAME; `patterns` makes serverless's package a simulated one. */
const service = (module: string, patterns = false, handler = 'apps.a') => String.raw`
-- serverless.yml --
service: s
provider:
  name: aws
  runtime: python3.12
functions:
  api:
    handler: ${handler}.handler
${patterns ? 'package:\n  patterns:\n    - "!tests/**"\n' : ''}-- apps/__init__.py --
-- apps/a.py --
${entry}-- apps/b.py --
${entry}-- core/__init__.py --
-- core/${module}.py --
NAME = "api"
`;

const imports = 'import apps.a, apps.b; print(apps.a.handler(None, None), apps.b.app.title)';
const fails = { run: imports, fails: "No module named 'core.settings'" };
const miss = (file: string, under: string) =>
  `${file}:3:6  MOD003  error  "core.settings" does not resolve under ${under}: ModuleNotFoundError: No module named 'core.settings'`;
const PACKAGE = "/var/task (the package of api as serverless.yml builds it: Lambda's /var/task)";

// A Lambda image that copies the code to /app and puts /app on PYTHONPATH (ronihdzz/aws-lambda-fastapi-template):
// the handler imports from /app, which the message names (it said "Lambda's /var/task" alone).
const image = (module: string) => String.raw`
-- Dockerfile --
FROM public.ecr.aws/lambda/python:3.12
WORKDIR /app
COPY src/ .
ENV PYTHONPATH="/app"
CMD ["main.handler"]
-- src/main.py --
from api.${module} import index


def handler(event, context):
    return index()
-- src/api/__init__.py --
-- src/api/endpoints.py --
def index():
    return "ok"
`;

// `from src.api import ...` with no src folder anywhere (eval2 on uzura8/serverless-fastapi-rds-template): src is
// no distribution's name, so the import fails on Lambda (it was taken for a third-party package).
const noSrc = (prefix: string) => String.raw`
-- serverless.yml --
service: s
provider:
  name: aws
  runtime: python3.12
functions:
  api:
    handler: handler.handler
-- handler.py --
from ${prefix}api.routes import ping


def handler(event, context):
    return ping()
-- api/__init__.py --
-- api/routes.py --
def ping():
    return "pong"
`;

ruleTester(
  'MOD003',
  {
    valid: [
      {
        name: 'roots-discovered-app-under-deploy-root',
        title: 'serverless imports apps/a.py as apps.a from the service folder: core.settings resolves there (two false MOD003 "under apps" before)',
        files: service('settings'),
        python: [{ run: imports, fails: null }, { run: imports, stdout: 'api api' }],
        golden: true,
      },
      {
        name: 'roots-discovered-app-under-packaged-root',
        title: 'the same with package.patterns (a package of its own, checked beside the discovered app)',
        files: service('settings', true),
        python: { run: imports, fails: null },
      },
      {
        name: 'roots-discovered-app-beside-a-misspelt-handler',
        title: 'handler apps.c.handler names no file: HND001, and the apps/ folder it names is still imported from the service folder (no false MOD003)',
        files: service('settings', false, 'apps.c'),
        findings: [
          `serverless.yml:7:14  HND001  error  handler "apps.c.handler" of api names a module that is not in the package: Lambda fails every invocation with Runtime.ImportModuleError: Unable to import module 'apps.c': No module named 'apps.c'`,
        ],
        python: { run: 'import apps.c', fails: "No module named 'apps.c'" },
      },
      {
        name: 'roots-image-pythonpath-import',
        title: 'COPY src/ . into WORKDIR /app with ENV PYTHONPATH=/app: main and api.endpoints import from /app',
        files: image('endpoints'),
        python: { run: 'import main; print(main.handler(None, None))', root: 'src', fails: null },
      },
      {
        name: 'roots-no-src-folder-import-without-prefix',
        title: 'the handler imports api.routes, which the package holds',
        files: noSrc(''),
        python: { run: 'import handler; print(handler.handler(None, None))', fails: null },
      },
    ],
    invalid: [
      {
        name: 'roots-discovered-app-under-deploy-root-broken',
        title: 'core/settings.py renamed core/config.py: the import fails from the service folder too, reported once per file',
        files: service('config'),
        findings: [miss('apps/a.py', ". (Lambda's /var/task)"), miss('apps/b.py', ". (Lambda's /var/task)")],
        python: fails,
      },
      {
        name: 'roots-discovered-app-under-packaged-root-broken',
        title: 'the same with package.patterns: apps/a.py once (the package names it), apps/b.py by the discovered app',
        files: service('config', true),
        findings: [miss('apps/a.py', PACKAGE), miss('apps/b.py', ". (Lambda's /var/task)")],
        python: fails,
      },
      {
        name: 'roots-image-pythonpath-import-broken',
        title: 'api.endpoint misspelt: the message names /var/task and then /app, where Python looks',
        files: image('endpoint'),
        findings: [
          `src/main.py:1:6  MOD003  error  "api.endpoint" does not resolve under /var/task (the package of Dockerfile as Dockerfile builds it: /var/task, then /app from ENV PYTHONPATH): ModuleNotFoundError: No module named 'api.endpoint'`,
        ],
        python: { run: 'import main', root: 'src', fails: "No module named 'api.endpoint'" },
      },
      {
        name: 'roots-src-prefix-with-no-src-folder',
        title: 'from src.api.routes with no src folder anywhere: No module named src on Lambda (not reported before)',
        files: noSrc('src.'),
        findings: [
          `handler.py:1:6  MOD003  error  "src.api.routes" does not resolve under . (Lambda's /var/task): ModuleNotFoundError: No module named 'src'; did you mean "api.routes"?  [*]`,
        ],
        output: String.raw`
-- handler.py --
from api.routes import ping


def handler(event, context):
    return ping()
`,
        python: { run: 'import handler', fails: "No module named 'src'" },
      },
    ],
  },
  'roots',
);
