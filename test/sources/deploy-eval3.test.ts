// Deploy readings found wrong on public repositories (topic eval3), each a broken app and its fixed twin with the
// Python that decides: serverless-wsgi's old handler name `wsgi.handler` (the plugin rewrites it to its own
// wsgi_handler.handler: a false HND001), and a Lambda image whose ENV PYTHONPATH appends the image's own
// (`/code:${PYTHONPATH}`: the image sets none, so /code is on sys.path: a false HND001).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyTree, python, runCli, tempDir, writeTree } from '../helpers.js';

interface Out { findings: { ruleId: string; file: string; line: number }[]; notChecked?: unknown[] }
function check(repo: string): Out {
  return JSON.parse(runCli([repo, '--no-cache', '--format', 'json']).stdout) as Out;
}
const pick = (f: { ruleId: string; file: string; line: number }) => `${f.file}:${f.line} ${f.ruleId}`;

// A Flask service served by serverless-wsgi, handler spelled as before the plugin's 1.7.0 (a public template).
function wsgiService(app: string, plugins = ['serverless-python-requirements', 'serverless-wsgi']) {
  return writeTree({
    'serverless.yml': [
      'service: flask-api',
      'plugins:',
      ...plugins.map((p) => `  - ${p}`),
      'custom:',
      '  wsgi:',
      `    app: ${app}`,
      'provider:',
      '  name: aws',
      '  runtime: python3.12',
      'functions:',
      '  app:',
      '    handler: wsgi.handler',
      '',
    ].join('\n'),
    'app.py': 'from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.route("/")\ndef index():\n    return "ok"\n',
    'requirements.txt': 'flask\n',
  });
}
// What the plugin's wsgi_handler.py does with custom.wsgi.app (split at the last dot, import, getattr).
const load = (app: string) => `import importlib\nm, a = ${JSON.stringify(app)}.rsplit(".", 1)\nprint(type(getattr(importlib.import_module(m), a)).__name__)`;

describe('eval3: serverless-wsgi with handler wsgi.handler', () => {
  it('the plugin serves custom.wsgi.app: nothing reported (a false HND001 "wsgi not in the package" before)', () => {
    const repo = wsgiService('app.app');
    expect(python(load('app.app'), repo).stdout).toBe('Flask\n');
    const out = check(repo);
    expect(out.findings).toEqual([]);
    expect(out.notChecked ?? []).toEqual([]);
  });

  it('broken twin: an app the module lacks is reported on custom.wsgi.app (the start-up is read, not waved through)', () => {
    const repo = wsgiService('app.application');
    expect(python(load('app.application'), repo).stderr).toContain("module 'app' has no attribute 'application'");
    expect(check(repo).findings.map(pick)).toEqual(['serverless.yml:7 HND002']);
  });

  it('without the plugin wsgi.handler is a file of the package, and there is none', () => {
    const repo = wsgiService('app.app', ['serverless-python-requirements']);
    expect(python('import wsgi', repo).stderr).toContain("No module named 'wsgi'");
    expect(check(repo).findings.map(pick)).toEqual(['serverless.yml:12 HND001']);
  });
});

// `WORKDIR /code`, `COPY . /code`, `ENV PYTHONPATH="/code:${PYTHONPATH}"`, `CMD ["app.main.handler"]` (a public
// FastAPI-on-Lambda image). The Lambda base image sets no PYTHONPATH, so docker makes it `/code:`.
function appendedPythonPath(copy: string) {
  return writeTree({
    Dockerfile: `FROM public.ecr.aws/lambda/python:3.12\nWORKDIR /code\n${copy}\nENV PYTHONPATH="/code:\${PYTHONPATH}"\nCMD ["app.main.handler"]\n`,
    'app/__init__.py': '',
    'app/main.py': 'from app.config import NAME\n\n\ndef handler(event, context):\n    return NAME\n',
    'app/config.py': 'NAME = "api"\n',
  });
}

describe('eval3: a Lambda image whose ENV PYTHONPATH appends ${PYTHONPATH}', () => {
  it('app.main.handler resolves from /code: nothing reported (a false HND001 before)', () => {
    const repo = appendedPythonPath('COPY . /code');
    // The image as COPY makes it: the context → /code, and /code is on PYTHONPATH.
    expect(python('import app.main; print(app.main.handler({}, None))', copyTree(repo)).stdout).toBe('api\n');
    const out = check(repo);
    expect(out.findings).toEqual([]);
    expect(out.notChecked ?? []).toEqual([]);
  });

  it('broken twin: the image copies app/ to /code/src, so /code holds no app package (LPK003 names the COPY)', () => {
    const repo = appendedPythonPath('COPY app /code/src');
    const code = tempDir();
    copyTree(path.join(repo, 'app'), path.join(code, 'src'));
    expect(python('import app.main', code).stderr).toContain("No module named 'app'");
    expect(check(repo).findings.map((f) => f.ruleId)).toEqual(['LPK003']);
  });
});
