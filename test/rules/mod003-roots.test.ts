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
const service = (module: string, patterns = false) => String.raw`
-- serverless.yml --
service: s
provider:
  name: aws
  runtime: python3.12
functions:
  api:
    handler: apps.a.handler
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
    ],
  },
  'roots',
);
