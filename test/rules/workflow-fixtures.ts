// Repositories for the workflow server cases (MOD001/MOD002 for `uvicorn module:app` in a GitHub workflow step:
// issue #15, misses item 3, audit row M3g): an app in backend/app (backend/ is where its smoke test runs), and a
// workflow whose job starts the server. `served` is the Python that decides: the checkout is the working folder,
// sys.path starts with the folders the server puts there (the step's folder or --app-dir/--chdir, then $PYTHONPATH),
// and the case folder itself is taken off sys.path, as in the runner; then uvicorn's own importer (what `uvicorn
// module:app` runs), or for gunicorn importlib.import_module + getattr (gunicorn's util.import_app; gunicorn is not
// installed for /usr/bin/python3).
/** The app as Lambda packages it (backend/app is /var/task): no app is rooted where the smoke test runs. */
export const PACKAGE_ROOT = '{"apps":[{"name":"api","root":"backend/app","entrypoints":["main.py"]}]}';
/** The app rooted at backend/ (its import root in CI too). */
export const BACKEND_ROOT = '{"apps":[{"name":"api","root":"backend","entrypoints":["app/main.py"]}]}';

export const backendApp = (config = PACKAGE_ROOT) => String.raw`
-- backend/app/__init__.py --
-- backend/app/main.py --
from fastapi import FastAPI

app = FastAPI()


@app.get("/health")
def health():
    return {"ok": True}

-- backend/requirements.txt --
fastapi
uvicorn
-- parity-check.config.json --
${config}
`;

/** The repository with `.github/workflows/ci.yml` holding one job `smoke` with these steps (YAML, indented 6). */
export const withWorkflow = (steps: string, opts: { jobExtra?: string; config?: string; top?: string } = {}) =>
  `${backendApp(opts.config)}-- .github/workflows/ci.yml --
name: ci
on: push
${opts.top ?? ''}jobs:
  smoke:
    runs-on: ubuntu-latest
${opts.jobExtra ?? ''}    steps:
      - uses: actions/checkout@v4
      - run: pip install -r backend/requirements.txt
${steps}
`;

const setup = (dirs: string[]) =>
  `import os, sys\nroot = os.environ["PYTHONPATH"]\nos.chdir(root)\nsys.path.remove(root)\nsys.path[:0] = [os.path.abspath(d) for d in ${JSON.stringify(dirs)}]\n`;

/** uvicorn's importer, from these folders of the checkout (the first is the server's folder). */
export const served = (app: string, dirs: string[]) => `${setup(dirs)}from uvicorn.importer import import_from_string\nimport_from_string(${JSON.stringify(app)})`;

/** What gunicorn's util.import_app does with `module:attr`. */
export const gunicornServed = (app: string, dirs: string[]) => {
  const [module, attr] = app.split(':');
  return `${setup(dirs)}import importlib\nm = importlib.import_module(${JSON.stringify(module)})\nif not hasattr(m, ${JSON.stringify(attr)}):\n    raise SystemExit("Failed to find attribute '${attr}' in '${module}'.")`;
};
