// Deploy definitions public repositories use (topic deploy4), each a broken app and its fixed twin with the Python
// (or the build, done for real) that decides.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { python, runCli, tempDir, writeTree } from '../helpers.js';

interface Out { findings: { ruleId: string; file: string; line: number; message: string }[]; notChecked?: { name: string; why: string }[] }
function check(repo: string): Out {
  return JSON.parse(runCli([repo, '--no-cache', '--format', 'json']).stdout) as Out;
}
const pick = (f: { ruleId: string; file: string; line: number }) => `${f.file}:${f.line} ${f.ruleId}`;

// serverless-wsgi's `custom.wsgi.app: app/handler.app` (two public Flask templates): the plugin's wsgi_handler.py
// splits it at its last dot and the module part at its last `/`, does sys.path.insert(0, <package>/app) and
// imports `handler`. What it does, run with the built package as /var/task:
const wsgiLoad = (root: string, app: string) =>
  [
    'import importlib, os, sys',
    `root = ${JSON.stringify(root)}`,
    `fqn = ${JSON.stringify(app)}.rsplit(".", 1)`,
    'parts = fqn[0].rsplit("/", 1)',
    'if len(parts) == 2: sys.path.insert(0, os.path.join(root, parts[0]))',
    'print(type(getattr(importlib.import_module(parts[-1]), fqn[1])).__name__)',
  ].join('\n');

function wsgiDirService(handler: string, packageLines: string[] = []) {
  return writeTree({
    'serverless.yml': [
      'service: flask-api',
      'plugins:',
      '  - serverless-python-requirements',
      '  - serverless-wsgi',
      'custom:',
      '  wsgi:',
      '    app: app/handler.app',
      'provider:',
      '  name: aws',
      '  runtime: python3.12',
      ...packageLines,
      'functions:',
      '  api:',
      '    handler: wsgi_handler.handler',
      '',
    ].join('\n'),
    // `common` is found under app/ (first on sys.path), `app.routes` under /var/task.
    'app/handler.py': handler,
    'app/common/__init__.py': '',
    'app/common/error.py': 'class InvalidUsage(Exception):\n    pass\n',
    'app/routes/__init__.py': 'from flask import Blueprint\n\nbp = Blueprint("root", __name__)\n',
    'requirements.txt': 'flask\n',
  });
}
const GOOD = 'from flask import Flask\nfrom common.error import InvalidUsage\nfrom app.routes import bp\n\napp = Flask(__name__)\napp.register_blueprint(bp)\n';

describe('deploy4: serverless-wsgi custom.wsgi.app in the folder/module.app form', () => {
  it('deploy4 wsgi dir: the app resolves with app/ before /var/task: checked, nothing reported (not checked before)', () => {
    const repo = wsgiDirService(GOOD);
    // No package patterns: the service folder is the package.
    expect(python(wsgiLoad(repo, 'app/handler.app'), repo).stdout).toBe('Flask\n');
    const out = check(repo);
    expect(out.findings).toEqual([]);
    expect(out.notChecked ?? []).toEqual([]);
  });

  it('deploy4 wsgi dir broken: an import typo in the app module is MOD003 (a seeded breakage missed before)', () => {
    const repo = wsgiDirService(GOOD.replace('from app.routes import bp', 'from app.route import bp'));
    expect(python(wsgiLoad(repo, 'app/handler.app'), repo).stderr).toContain("No module named 'app.route'");
    const out = check(repo);
    expect(out.findings.map(pick)).toEqual(['app/handler.py:3 MOD003']);
    expect(out.findings[0].message).toContain('after /var/task/app, which serverless-wsgi puts first on sys.path');
  });

  it('deploy4 wsgi dir broken: a name only /var/task/app holds, imported as if from /var/task, is MOD003', () => {
    const repo = wsgiDirService(GOOD.replace('from common.error import', 'from app.commons.error import'));
    expect(python(wsgiLoad(repo, 'app/handler.app'), repo).stderr).toContain("No module named 'app.commons'");
    expect(check(repo).findings.map(pick)).toEqual(['app/handler.py:2 MOD003']);
  });

  it('deploy4 wsgi dir with package patterns: the package holds app/** only, and the app loads from it', () => {
    const patterns = ['package:', '  patterns:', "    - '!**'", "    - 'app/**'"];
    const repo = wsgiDirService(GOOD, patterns);
    // The package as the patterns keep it.
    const pkg = tempDir();
    fs.cpSync(path.join(repo, 'app'), path.join(pkg, 'app'), { recursive: true });
    expect(python(wsgiLoad(pkg, 'app/handler.app'), pkg).stdout).toBe('Flask\n');
    const out = check(repo);
    expect(out.findings).toEqual([]);
    expect(out.notChecked ?? []).toEqual([]);
  });

  it('deploy4 wsgi dir with package patterns broken: a top-level module the patterns leave out is reported', () => {
    const patterns = ['package:', '  patterns:', "    - '!**'", "    - 'app/**'"];
    const repo = wsgiDirService(`import settings\n${GOOD}`, patterns);
    fs.writeFileSync(path.join(repo, 'settings.py'), 'NAME = "api"\n');
    const pkg = tempDir();
    fs.cpSync(path.join(repo, 'app'), path.join(pkg, 'app'), { recursive: true });
    expect(python(wsgiLoad(pkg, 'app/handler.app'), pkg).stderr).toContain("No module named 'settings'");
    // In the repository it would import (settings.py is there): with the package as built it does not.
    expect(python(wsgiLoad(repo, 'app/handler.app'), repo).stdout).toBe('Flask\n');
    const out = check(repo);
    expect(out.findings.map((f) => f.ruleId)).toEqual(['LPK001']);
    expect(out.findings[0].file).toBe('app/handler.py');
  });
});

// serverless packages its service folder (here svc/, with package.patterns) as /var/task; code that names a module by
// its repository path (`svc.app.api`) breaks. LPK003's message printed the whole patterns list twice (once as the
// "command", once inside a bogus `mkdir -p [...]` fix).
function patternsService(importLine: string) {
  return writeTree({
    'svc/serverless.yml': [
      'service: api',
      'provider:',
      '  name: aws',
      '  runtime: python3.12',
      'package:',
      '  patterns:',
      "    - '!tests/**'",
      "    - '!node_modules/**'",
      "    - '!**/*.md'",
      'functions:',
      '  api:',
      '    handler: app/main.handler',
      '',
    ].join('\n'),
    'svc/app/__init__.py': '',
    'svc/app/api.py': 'ROUTES = ["/"]\n',
    'svc/app/main.py': `${importLine}\n\n\ndef handler(event, context):\n    return ROUTES\n`,
    'svc/README.md': 'docs\n',
  });
}
// The package as serverless builds it: svc/'s files at the root, without what the patterns exclude.
function slsPackage(repo: string): string {
  const pkg = tempDir();
  fs.cpSync(path.join(repo, 'svc'), pkg, { recursive: true, filter: (src) => !src.endsWith('.md') });
  return pkg;
}

describe('deploy4: LPK003 on a serverless package names the service folder once, and a fix that applies', () => {
  it('deploy4 lpk003 message: the patterns list is not printed, the fix names the prefix to drop', () => {
    const repo = patternsService('from svc.app.api import ROUTES');
    expect(python('import app.main', slsPackage(repo)).stderr).toContain("No module named 'svc'");
    const out = check(repo);
    expect(out.findings.map(pick)).toEqual(['svc/serverless.yml:6 LPK003']);
    const m = out.findings[0].message;
    expect(m).not.toContain('!tests/**');
    expect(m).toContain("serverless's package of svc/ (package.patterns) puts svc at the package root");
    expect(m).toContain('without the "svc." prefix');
  });

  it('deploy4 lpk003 fixed twin: the module named from the service folder imports; nothing reported', () => {
    const repo = patternsService('from app.api import ROUTES');
    expect(python('import app.main; print(app.main.handler({}, None))', slsPackage(repo)).stdout).toBe("['/']\n");
    expect(check(repo).findings).toEqual([]);
  });
});

// A Dockerfile that only docker compose builds and runs as a web server is a local container (tamtam's
// Dockerfile.dev, fleusantos' Dockerfile): not a Lambda function, so not "1 Lambda function not checked". A
// compose-built image that Lambda's bootstrap would run (CMD a handler) stays a function, and is checked.
function composeImage(cmd: string, service: string[], main = 'from fastapi import FastAPI\n\napp = FastAPI()\n\n\ndef handler(event, context):\n    return "ok"\n') {
  return writeTree({
    Dockerfile: `FROM public.ecr.aws/lambda/python:3.12\nCOPY ./ /var/task\nWORKDIR /var/task\n${cmd}`,
    'docker-compose.yml': ['services:', '  api:', '    build:', '      context: .', '      dockerfile: Dockerfile', ...service.map((l) => `    ${l}`), ''].join('\n'),
    'main.py': main,
    'requirements.txt': 'fastapi\n',
  });
}
// The image as its COPY makes it: the context at /var/task.
function imageTask(repo: string): string {
  const task = tempDir();
  fs.cpSync(repo, task, { recursive: true });
  return task;
}
const verbose = (repo: string) => runCli([repo, '--no-cache', '--verbose']).stderr;

describe('deploy4: a Dockerfile only docker compose builds, as a server, is no Lambda function', () => {
  it('deploy4 compose dev server: entrypoint "" and a uvicorn command: no function named, said under --verbose', () => {
    const repo = composeImage('', ["entrypoint: ''", 'command: "uvicorn main:app --reload --host 0.0.0.0"']);
    expect(python('import main; print(type(main.app).__name__)', imageTask(repo)).stdout).toBe('FastAPI\n');
    const out = check(repo);
    expect(out.notChecked ?? []).toEqual([]);
    expect(out.findings).toEqual([]);
    expect(verbose(repo)).toContain('Dockerfile is not a Lambda function: only compose service api (docker-compose.yml:3) builds it, and compose runs it as a server (uvicorn main:app --reload --host 0.0.0.0)');
  });

  it('deploy4 compose CMD server: CMD uvicorn on the Lambda base image, built only by compose: no function named', () => {
    const repo = composeImage('CMD ["uvicorn", "main:app", "--host", "0.0.0.0"]\n', []);
    expect(check(repo).notChecked ?? []).toEqual([]);
    expect(verbose(repo)).toContain("its CMD starts a server, which the Lambda base image's entrypoint cannot run");
  });

  it('deploy4 compose lambda image: CMD a handler, no override: still a function, checked, nothing reported', () => {
    const repo = composeImage('CMD ["main.handler"]\n', ['ports:', '  - "9000:8080"']);
    expect(python('import main; print(main.handler({}, None))', imageTask(repo)).stdout).toBe('ok\n');
    const out = check(repo);
    expect(out.notChecked ?? []).toEqual([]);
    expect(out.findings).toEqual([]);
  });

  it('deploy4 compose lambda image broken: CMD names a handler main.py lacks: HND001 (compose builds do not hide it)', () => {
    const repo = composeImage('CMD ["main.lambda_handler"]\n', ['ports:', '  - "9000:8080"']);
    expect(python('import main; main.lambda_handler', imageTask(repo)).stderr).toContain("has no attribute 'lambda_handler'");
    expect(check(repo).findings.map((f) => f.ruleId)).toEqual(['HND001']);
  });
});

// A COPY whose source is not in the build context (mcleantom's `COPY aws_handler.py ./MyApp/aws_handler.py`): docker
// build fails there. Said in the default output (which function, which instruction), and the rest of the package is
// still checked: what that COPY would add is one known path.
function missingCopy(add: string, copy = 'COPY aws_handler.py ./MyApp/aws_handler.py', cmd = 'MyApp.main.handler') {
  return writeTree({
    Dockerfile: `FROM public.ecr.aws/lambda/python:3.12\n${add}\n${copy}\nCMD ["${cmd}"]\n`,
    'MyApp/__init__.py': '',
    'MyApp/main.py': 'from MyApp.api import NAME\n\n\ndef handler(event, context):\n    return NAME\n',
    'MyApp/api.py': 'NAME = "api"\n',
  });
}
// /var/task as the COPY instructions make it; a source not in the context is what docker build stops on.
function copyInto(repo: string, steps: [string, string][]): { task: string; failed: string[] } {
  const task = tempDir();
  const failed: string[] = [];
  for (const [src, dest] of steps) {
    if (!fs.existsSync(path.join(repo, src))) failed.push(src);
    else fs.cpSync(path.join(repo, src), path.join(task, dest), { recursive: true });
  }
  return { task, failed };
}

describe('deploy4: a COPY of a file not in the build context', () => {
  it('deploy4 copy missing: the function and the COPY are named in the default output, nothing else reported', () => {
    const repo = missingCopy('ADD MyApp ${LAMBDA_TASK_ROOT}/MyApp');
    const built = copyInto(repo, [['MyApp', 'MyApp'], ['aws_handler.py', 'MyApp/aws_handler.py']]);
    expect(built.failed).toEqual(['aws_handler.py']);
    // Once the file exists, the rest of the package loads: the handler is no error to claim.
    fs.writeFileSync(path.join(built.task, 'MyApp/aws_handler.py'), '');
    expect(python('import MyApp.main; print(MyApp.main.handler({}, None))', built.task).stdout).toBe('api\n');
    const out = check(repo);
    expect(out.findings).toEqual([]);
    expect(out.notChecked).toHaveLength(1);
    expect(out.notChecked![0].why).toContain('aws_handler.py matches nothing in the build context ., so docker build fails on this COPY');
    expect(out.notChecked![0].why).toContain('what it would put at MyApp/aws_handler.py is not checked');
    const pretty = runCli([repo, '--no-cache']).stdout;
    expect(pretty).toContain('Dockerfile:3:6  function Dockerfile not checked: its image does not build');
    expect(pretty).not.toContain('No problems found (');
  });

  it('deploy4 copy missing onto the task root: the function is named once, for the failing COPY (not again as partly known)', () => {
    // `COPY app ${LAMBDA_TASK_ROOT}` of a folder the context lacks: docker build stops there, whatever it would have put.
    const repo = missingCopy('ADD MyApp ${LAMBDA_TASK_ROOT}/MyApp', 'COPY app ${LAMBDA_TASK_ROOT}');
    expect(fs.existsSync(path.join(repo, 'app'))).toBe(false);
    const out = check(repo);
    expect(out.findings).toEqual([]);
    expect(out.notChecked).toHaveLength(1);
    expect(out.notChecked![0].why).toContain('its image does not build: app matches nothing in the build context');
    const pretty = runCli([repo, '--no-cache']).stdout;
    expect(pretty).toContain('1 Lambda function not checked');
    expect(pretty).not.toContain('only partly known');
  });

  it('deploy4 copy missing broken: ADD MyApp to app/ is still caught beside the failing COPY (it was silently missed)', () => {
    const repo = missingCopy('ADD MyApp ${LAMBDA_TASK_ROOT}/app');
    const built = copyInto(repo, [['MyApp', 'app'], ['aws_handler.py', 'MyApp/aws_handler.py']]);
    fs.mkdirSync(path.join(built.task, 'MyApp'), { recursive: true });
    fs.writeFileSync(path.join(built.task, 'MyApp/aws_handler.py'), '');
    expect(python('import MyApp.main', built.task).stderr).toContain("No module named 'MyApp.main'");
    const out = check(repo);
    expect(out.findings.map((f) => f.ruleId)).toEqual(['LPK003']);
    expect(out.notChecked).toHaveLength(1);
  });

  it('deploy4 copy missing onto the handler: the module it would fill is not judged (no HND001 on a guess)', () => {
    const repo = missingCopy('ADD MyApp ${LAMBDA_TASK_ROOT}/MyApp', 'COPY handler.py ./handler.py', 'handler.handler');
    const built = copyInto(repo, [['MyApp', 'MyApp'], ['handler.py', 'handler.py']]);
    expect(built.failed).toEqual(['handler.py']);
    // Whether handler.handler loads depends on the file the COPY names, which is not there to read.
    expect(python('import handler', built.task).stderr).toContain("No module named 'handler'");
    const out = check(repo);
    expect(out.findings).toEqual([]);
    expect(out.notChecked![0].why).toContain('what it would put at handler.py is not checked');
  });
});
