// MOD001 for the module a GitHub workflow step's server imports (issue #15, misses item 3, audit row M3g): the step's
// working-directory, the job's and the workflow's defaults.run.working-directory, `cd` in the script, $PYTHONPATH
// from env:, --app-dir, `python -m uvicorn`, gunicorn with the uvicorn worker and --chdir. Each broken workflow has
// its fixed twin; Python decides both (workflow-fixtures.ts). A server started inside `docker run` is not the job's
// process (no finding); a `pip install -e .` earlier in the job may provide the module (never an error).
import { ruleTester } from './tester.js';
import { BACKEND_ROOT, gunicornServed, served, withWorkflow } from './workflow-fixtures.js';

const step = (run: string, extra = '') => `      - ${extra ? `${extra}\n        ` : ''}run: ${run}\n`;
const wd = (dir: string) => `working-directory: ${dir}`;

ruleTester('MOD001', {
  valid: [
    {
      name: 'workflow-working-directory',
      title: 'the step runs `uvicorn app.main:app &` in backend/, the app root: app.main resolves there',
      files: withWorkflow(step('uvicorn app.main:app --port 8000 &', wd('backend')), { config: BACKEND_ROOT }),
      python: { run: served('app.main:app', ['backend']), fails: null },
    },
    {
      name: 'workflow-defaults-working-directory',
      title: "the job's defaults.run.working-directory is backend: `nohup uvicorn app.main:app &` resolves",
      files: withWorkflow(step('nohup uvicorn app.main:app > server.log 2>&1 &'), { jobExtra: '    defaults:\n      run:\n        working-directory: backend\n' }),
      python: { run: served('app.main:app', ['backend']), fails: null },
    },
    {
      name: 'workflow-cd',
      title: '`cd backend` then `timeout 10 uvicorn app.main:app`: the server runs in backend/',
      files: withWorkflow(step('|\n          cd backend\n          timeout 10 uvicorn app.main:app || true')),
      python: { run: served('app.main:app', ['backend']), fails: null },
    },
    {
      name: 'workflow-pythonpath',
      title: 'env PYTHONPATH: backend, `python -m uvicorn app.main:app` in the checkout: found on $PYTHONPATH',
      files: withWorkflow(step('python -m uvicorn app.main:app &', 'env:\n          PYTHONPATH: backend\n       ')),
      python: { run: served('app.main:app', ['', 'backend']), fails: null },
    },
    {
      name: 'workflow-app-dir',
      title: '`uvicorn --app-dir backend app.main:app` from the checkout: --app-dir is sys.path[0]',
      files: withWorkflow(step('uvicorn --app-dir backend app.main:app &')),
      python: { run: served('app.main:app', ['backend']), fails: null },
    },
    {
      name: 'workflow-gunicorn-chdir',
      title: '`gunicorn -k uvicorn.workers.UvicornWorker --chdir backend -b localhost:8000 app.main:app`: resolves from --chdir',
      files: withWorkflow(step('gunicorn -k uvicorn.workers.UvicornWorker --chdir backend -b localhost:8000 app.main:app --daemon'), { config: BACKEND_ROOT }),
      python: { run: gunicornServed('app.main:app', ['backend']), fails: null },
    },
    {
      name: 'workflow-docker-run',
      title: '`docker run img uvicorn src.app.main:app` runs in the image, not in the checkout: not this check (the job also starts app.main:app from backend/)',
      files: withWorkflow(step('docker run -d my-image uvicorn src.app.main:app') + step('uvicorn app.main:app &', wd('backend'))),
      python: { run: served('app.main:app', ['backend']), fails: null },
    },
    {
      name: 'workflow-pip-install-editable',
      title: '`pip install -e .` of a src-layout project, then `uvicorn shop.main:app` from the checkout: site-packages may hold shop (named as not checked, no error)',
      files: `${withWorkflow(step('pip install -e .') + step('uvicorn shop.main:app &'))}-- pyproject.toml --
[project]
name = "shop"
version = "0.1.0"

[tool.setuptools.packages.find]
where = ["src"]
-- src/shop/__init__.py --
-- src/shop/main.py --
from fastapi import FastAPI

app = FastAPI()
`,
      // What the editable install puts on sys.path: the src/ folder.
      python: { run: served('shop.main:app', ['', 'src']), fails: null },
    },
  ],
  invalid: [
    {
      name: 'workflow-working-directory-src-prefix',
      title: 'the step runs `uvicorn src.app.main:app` in backend/, where there is no src/',
      files: withWorkflow(step('uvicorn src.app.main:app --port 8000 &', wd('backend')), { config: BACKEND_ROOT }),
      findings: [
        String.raw`.github/workflows/ci.yml:10:22  MOD001  error  "src.app.main" does not resolve under backend (the folder workflow job smoke starts uvicorn from): uvicorn in workflow job smoke (uvicorn src.app.main:app --port 8000) imports it at start-up and raises ModuleNotFoundError: No module named 'src'; did you mean "app.main"?`,
      ],
      python: { run: served('src.app.main:app', ['backend']), fails: "No module named 'src'" },
    },
    {
      name: 'workflow-defaults-repo-prefix',
      title: "the workflow's defaults.run.working-directory is backend, and the step starts backend.app.main:app from there",
      files: withWorkflow(step('nohup uvicorn backend.app.main:app &'), { top: 'defaults:\n  run:\n    working-directory: backend\n' }),
      findings: [
        String.raw`.github/workflows/ci.yml:12:28  MOD001  error  "backend.app.main" does not resolve under backend (the folder workflow job smoke starts uvicorn from): uvicorn in workflow job smoke (nohup uvicorn backend.app.main:app) imports it at start-up and raises ModuleNotFoundError: No module named 'backend'; did you mean "app.main"?`,
      ],
      python: { run: served('backend.app.main:app', ['backend']), fails: "No module named 'backend'" },
    },
    {
      name: 'workflow-cd-repo-prefix',
      title: '`cd backend && uvicorn backend.app.main:app`: the cd moved the server below the folder the string starts from',
      files: withWorkflow(step('cd backend && uvicorn backend.app.main:app &')),
      findings: [
        String.raw`.github/workflows/ci.yml:9:36  MOD001  error  "backend.app.main" does not resolve under backend (the folder workflow job smoke starts uvicorn from): uvicorn in workflow job smoke (uvicorn backend.app.main:app) imports it at start-up and raises ModuleNotFoundError: No module named 'backend'; did you mean "app.main"?`,
      ],
      python: { run: served('backend.app.main:app', ['backend']), fails: "No module named 'backend'" },
    },
    {
      name: 'workflow-pythonpath-too-deep',
      title: 'env PYTHONPATH: backend/app at the job level, `python -m uvicorn app.main:app` in the checkout: neither folder holds app/',
      files: withWorkflow(step('python -m uvicorn app.main:app &'), { jobExtra: '    env:\n      PYTHONPATH: backend/app\n' }),
      findings: [
        String.raw`.github/workflows/ci.yml:11:32  MOD001  error  "app.main" does not resolve under . (the folder workflow job smoke starts uvicorn from, then $PYTHONPATH backend/app): uvicorn in workflow job smoke (python -m uvicorn app.main:app) imports it at start-up and raises ModuleNotFoundError: No module named 'app'; did you mean "backend.app.main"?`,
      ],
      python: { run: served('app.main:app', ['', 'backend/app']), fails: "No module named 'app'" },
    },
    {
      name: 'workflow-app-dir-too-deep',
      title: '`uvicorn --app-dir backend/app app.main:app`: from backend/app, app.main is not there',
      files: withWorkflow(step('uvicorn --app-dir backend/app app.main:app &')),
      findings: [
        String.raw`.github/workflows/ci.yml:9:44  MOD001  error  "app.main" does not resolve under backend/app (the folder workflow job smoke starts uvicorn from): uvicorn in workflow job smoke (uvicorn --app-dir backend/app app.main:app) imports it at start-up and raises ModuleNotFoundError: No module named 'app'; did you mean "main"?`,
      ],
      python: { run: served('app.main:app', ['backend/app']), fails: "No module named 'app'" },
    },
    {
      name: 'workflow-gunicorn-src-prefix',
      title: '`gunicorn -k uvicorn.workers.UvicornWorker --chdir backend src.app.main:app`',
      files: withWorkflow(step('gunicorn -k uvicorn.workers.UvicornWorker --chdir backend src.app.main:app --daemon'), { config: BACKEND_ROOT }),
      findings: [
        String.raw`.github/workflows/ci.yml:9:72  MOD001  error  "src.app.main" does not resolve under backend (the folder workflow job smoke starts gunicorn from): gunicorn in workflow job smoke (gunicorn -k uvicorn.workers.UvicornWorker --chdir backend src.app.main:app --daemon) imports it at start-up and raises ModuleNotFoundError: No module named 'src'; did you mean "app.main"?`,
      ],
      python: { run: gunicornServed('src.app.main:app', ['backend']), fails: "No module named 'src'" },
    },
    {
      name: 'workflow-top-level-typo',
      title: 'the step runs `uvicorn apps.main:app` in backend/, the app root, where app/ is: a top-level name nothing provides, one edit from the app package (a warning: something not read could install "apps")',
      files: withWorkflow(step('uvicorn apps.main:app --port 8000 &', wd('backend')), { config: BACKEND_ROOT }),
      findings: [
        String.raw`.github/workflows/ci.yml:10:22  MOD001  warning  "apps.main" is no module under backend (the folder workflow job smoke starts uvicorn from), of the standard library or of a declared dependency: uvicorn in workflow job smoke (uvicorn apps.main:app --port 8000) imports it at start-up and raises ModuleNotFoundError: No module named 'apps' unless something not read here installs it; did you mean "app" (a module under backend)?`,
      ],
      python: { run: served('apps.main:app', ['backend']), fails: "No module named 'apps'" },
    },
  ],
}, 'workflow');
