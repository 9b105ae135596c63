// eval7 (#15, eval6's leftover 2): `python -m <module>` where the module is installed in the image, not held by the
// package. An image with the Lambda Web Adapter running `python -m debugpy --listen 0.0.0.0:5678 -m uvicorn main:app`
// was judged as `python debugpy` of the package: a false HND002 "No module named 'debugpy'". debugpy is a launcher:
// what it runs (-m module, a file) is the start-up, and that is what is checked. `python -m flask --app main run`
// (a declared dependency's command line) serves something parity-check does not read: a warning that says so, never
// an error on correct code. The twins: the module debugpy runs missing from the folder is still HND002, and so is
// `python -m <module>` that nothing provides. Python decides what imports from the server's folder.
import { describe, expect, it } from 'vitest';
import { python, runCli, writeTree } from '../helpers.js';

interface Out { findings: { ruleId: string; severity: string; file: string; message: string }[] }
const check = (repo: string) => JSON.parse(runCli([repo, '--no-cache', '--format', 'json']).stdout) as Out;
const ADAPTER = 'COPY --from=public.ecr.aws/awsguru/aws-lambda-adapter:0.8.4 /lambda-adapter /opt/extensions/lambda-adapter';
const FASTAPI = 'from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.get("/")\ndef root():\n    return {"ok": True}\n';
const FLASK = 'from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.get("/")\ndef root():\n    return {"ok": True}\n';

function image(cmd: string[], opts: { requirements: string; main: string }) {
  return writeTree({
    Dockerfile: ['FROM public.ecr.aws/docker/library/python:3.12-slim', ADAPTER, 'WORKDIR /var/task', 'COPY requirements.txt ./', 'RUN pip install -r requirements.txt', 'COPY main.py ./', `CMD ${JSON.stringify(cmd)}`, ''].join('\n'),
    'requirements.txt': opts.requirements,
    'main.py': opts.main,
  });
}
const debugpy = (module: string) => image(['python', '-m', 'debugpy', '--listen', '0.0.0.0:5678', '--wait-for-client', '-m', 'uvicorn', `${module}:app`, '--port=8080'], { requirements: 'fastapi\nuvicorn\ndebugpy\n', main: FASTAPI });

describe('python -m debugpy behind the Lambda Web Adapter: what debugpy runs is the start-up', () => {
  it('correct: debugpy -m uvicorn main:app, main binds app in the server folder: no finding', () => {
    const repo = debugpy('main');
    expect(python('import main; print(type(main.app).__name__)', repo).stdout).toBe('FastAPI\n');
    expect(check(repo).findings).toEqual([]);
  });

  it('broken twin: debugpy -m uvicorn mian:app: HND002 on the uvicorn app string, not on debugpy', () => {
    const repo = debugpy('mian');
    expect(python('import mian', repo).stderr).toContain("No module named 'mian'");
    const f = check(repo).findings.filter((x) => x.ruleId === 'HND002');
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('error');
    expect(f[0].message).toContain('uvicorn mian:app');
    expect(f[0].message).not.toContain('debugpy');
  });
});

describe('python -m <an installed module>: not a module of the package', () => {
  it('python -m flask --app main run with flask declared: a warning that what it serves is not checked, no error', () => {
    const repo = image(['python', '-m', 'flask', '--app', 'main', 'run', '--port', '8080'], { requirements: 'flask\n', main: FLASK });
    // flask is installed (site-packages), not in the package; its command line imports main from the folder.
    const run = python("import runpy, sys; sys.argv = ['flask', '--app', 'main', 'routes']; runpy.run_module('flask', run_name='__main__')", repo);
    expect(run.stdout).toContain('root');
    expect(python('import flask, os; print(os.path.dirname(os.path.dirname(flask.__file__)) != os.getcwd())', repo).stdout).toBe('True\n');
    const f = check(repo).findings;
    expect(f.filter((x) => x.severity === 'error')).toEqual([]);
    expect(f.map((x) => [x.ruleId, x.severity])).toEqual([['HND002', 'warning']]);
    expect(f[0].message).toContain('runs a declared dependency, not a module of the package: what it serves is not checked');
  });

  it('broken twin: python -m mian (nothing provides it): still the HND002 error', () => {
    const repo = image(['python', '-m', 'mian'], { requirements: 'flask\n', main: FLASK });
    expect(python('import mian', repo).stderr).toContain("No module named 'mian'");
    const f = check(repo).findings.filter((x) => x.ruleId === 'HND002');
    expect(f.map((x) => x.severity)).toEqual(['error']);
    expect(f[0].message).toContain("No module named 'mian'");
  });
});
