// MOD002 for the attribute a GitHub workflow step's server reads from the module it imports (issue #15, misses
// item 3, audit row M3g): `uvicorn app.main:application` where app/main.py defines only `app` (uvicorn: Attribute
// "application" not found in module "app.main"), from the app's own root and from a folder that is no app's root;
// gunicorn's own wording. Python decides each (workflow-fixtures.ts).
import { ruleTester } from './tester.js';
import { BACKEND_ROOT, gunicornServed, served, withWorkflow } from './workflow-fixtures.js';

const step = (run: string) => `      - working-directory: backend\n        run: ${run}\n`;

ruleTester('MOD002', {
  valid: [
    {
      name: 'workflow-attr',
      title: '`uvicorn app.main:app` in backend/ (the app root): app.main defines app',
      files: withWorkflow(step('uvicorn app.main:app &'), { config: BACKEND_ROOT }),
      python: { run: served('app.main:app', ['backend']), fails: null },
    },
    {
      name: 'workflow-attr-not-app-root',
      title: '`uvicorn app.main:app` in backend/, the app packaged from backend/app: app.main defines app',
      files: withWorkflow(step('uvicorn app.main:app &')),
      python: { run: served('app.main:app', ['backend']), fails: null },
    },
  ],
  invalid: [
    {
      name: 'workflow-attr-missing',
      title: '`uvicorn app.main:application` in backend/ (the app root): app.main defines only app',
      files: withWorkflow(step('uvicorn app.main:application &'), { config: BACKEND_ROOT }),
      findings: [
        String.raw`.github/workflows/ci.yml:10:22  MOD002  error  "app.main" resolves to backend/app/main.py, which defines no top-level "application" that uvicorn in workflow job smoke (uvicorn app.main:application) reads: Attribute "application" not found in module "app.main" (related backend/app/main.py:1:1-1:1)`,
      ],
      python: { run: served('app.main:application', ['backend']), fails: 'Attribute "application" not found in module "app.main"' },
    },
    {
      name: 'workflow-attr-missing-not-app-root',
      title: '`uvicorn app.main:application` in backend/, the app packaged from backend/app',
      files: withWorkflow(step('uvicorn app.main:application &')),
      findings: [
        String.raw`.github/workflows/ci.yml:10:22  MOD002  error  "app.main" resolves to backend/app/main.py, which defines no top-level "application" that uvicorn in workflow job smoke (uvicorn app.main:application) reads: Attribute "application" not found in module "app.main" (related backend/app/main.py:1:1-1:1)`,
      ],
      python: { run: served('app.main:application', ['backend']), fails: 'Attribute "application" not found in module "app.main"' },
    },
    {
      name: 'workflow-gunicorn-attr-missing',
      title: '`gunicorn -k uvicorn.workers.UvicornWorker app.main:api` in backend/: app.main defines only app',
      files: withWorkflow(step('gunicorn -k uvicorn.workers.UvicornWorker app.main:api --daemon'), { config: BACKEND_ROOT }),
      findings: [
        String.raw`.github/workflows/ci.yml:10:56  MOD002  error  "app.main" resolves to backend/app/main.py, which defines no top-level "api" that gunicorn in workflow job smoke (gunicorn -k uvicorn.workers.UvicornWorker app.main:api --daemon) reads: Failed to find attribute 'api' in 'app.main' (related backend/app/main.py:1:1-1:1)`,
      ],
      python: { run: gunicornServed('app.main:api', ['backend']), fails: "Failed to find attribute 'api' in 'app.main'" },
    },
  ],
}, 'workflow');
