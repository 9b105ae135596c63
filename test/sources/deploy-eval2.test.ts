// Deploy readings found wrong on public repositories (topic eval2): a Makefile whose recipe runs $(MAKE) in a
// folder whose Makefile runs $(MAKE) again (the reader crashed: every function the workflow builds went unread),
// Terraform's abspath(...) around a folder, and a cdk.json app command that runs a step before the script. Each
// a broken app and its fixed twin; the package is proved by doing the build for real (real make, cp, bash) and
// importing the handler with /usr/bin/python3 from the built folder.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyTree, python, runCli, writeTree } from '../helpers.js';
import { buildForReal } from './build-for-real.js';

const HANDLER = 'from service import ping\n\n\ndef handler(event, context):\n    return ping()\n';
interface Out { findings: { ruleId: string; message: string }[]; notChecked?: unknown[] }
function check(args: string[]): { json: Out; stderr: string } {
  const r = runCli([...args, '--format', 'json']);
  return { json: JSON.parse(r.stdout) as Out, stderr: r.stderr };
}

const SERVICE = 'def ping():\n    return {"statusCode": 200}\n';

// A root Makefile that hands over to lambdas/, which hands over to lambdas/api/ (three Makefiles, each `$(MAKE) -C`).
function makeChain(copies: string) {
  return writeTree({
    'src/handler.py': HANDLER,
    'src/service.py': SERVICE,
    Makefile: 'build:\n\t$(MAKE) -C lambdas build\n',
    'lambdas/Makefile': 'build:\n\tcd api && $(MAKE) build\n',
    'lambdas/api/Makefile': `build:\n\tmkdir -p ../../build\n\t${copies}\n`,
    '.github/workflows/deploy.yml': 'on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: make build\n      - run: terraform apply -auto-approve\n        working-directory: infra\n',
    'infra/main.tf': [
      'data "archive_file" "api" {',
      '  type        = "zip"',
      '  source_dir  = "${path.module}/../build"',
      '  output_path = "${path.module}/../api.zip"',
      '}',
      'resource "aws_lambda_function" "api" {',
      '  function_name = "api"',
      '  handler       = "handler.handler"',
      '  runtime       = "python3.12"',
      '  filename      = data.archive_file.api.output_path',
      '}',
      '',
    ].join('\n'),
  });
}

describe('eval2: make that runs make that runs make', () => {
  const IMPORT = 'import handler; print(handler.handler({}, None))';

  it('the package the innermost recipe builds is read: a module it leaves out is reported', () => {
    const repo = makeChain('cp ../../src/hand*.py ../../build/');
    const built = buildForReal(repo);
    const r = python(IMPORT, path.join(built, 'build'));
    expect(r.stderr).toContain("No module named 'service'");
    const { json } = check([repo, '--verbose']);
    expect(json.findings.map((f) => `${f.ruleId} ${f.message.slice(0, 40)}`)).toEqual([
      expect.stringMatching(/^MOD00[13] "service" does not resolve/),
    ]);
  });

  it('fixed twin: every module copied, nothing reported, the function checked', () => {
    const repo = makeChain('cp ../../src/*.py ../../build/');
    const built = buildForReal(repo);
    expect(python(IMPORT, path.join(built, 'build')).stdout).toBe("{'statusCode': 200}\n");
    const { json, stderr } = check([repo, '--verbose']);
    expect(json.findings).toEqual([]);
    expect(json.notChecked ?? []).toEqual([]);
    expect(stderr).not.toContain('source failed');
  });
});

// Terraform's abspath() of a folder relative to the module: a public FastAPI app zips "${local.src}/lambdas" with
// src = abspath("${path.module}/../src"); its handler is "api/main.handler" (the runtime imports api.main).
function abspathApp(handler: string) {
  return writeTree({
    'src/lambdas/api/main.py': 'def handler(event, context):\n    return {"statusCode": 200}\n',
    'terraform/locals.tf': 'locals {\n  src_root_path = abspath("${path.module}/../src")\n}\n',
    'terraform/lambda.tf': [
      'data "archive_file" "pkg" {',
      '  type        = "zip"',
      '  source_dir  = "${local.src_root_path}/lambdas"',
      '  output_path = "${local.src_root_path}/lambda_package.zip"',
      '}',
      'resource "aws_lambda_function" "api" {',
      '  function_name = "api"',
      '  filename      = "${local.src_root_path}/lambda_package.zip"',
      `  handler       = "${handler}"`,
      '  runtime       = "python3.12"',
      '}',
      '',
    ].join('\n'),
  });
}

describe('eval2: Terraform abspath() around a folder', () => {
  // awslambdaric: modname, fname = handler.rsplit(".", 1); importlib.import_module(modname.replace("/", "."))
  const RIC = (h: string) => `import importlib; m, f = ${JSON.stringify(h)}.rsplit(".", 1); print(getattr(importlib.import_module(m.replace("/", ".")), f)({}, None))`;

  it('a handler naming a module the zip does not hold is reported', () => {
    const repo = abspathApp('api/mian.handler');
    expect(python(RIC('api/mian.handler'), path.join(repo, 'src/lambdas')).stderr).toContain("No module named 'api.mian'");
    const { json } = check([repo]);
    expect(json.findings.map((f) => f.ruleId)).toEqual(['HND001']);
  });

  it('fixed twin: the handler resolves, the function is checked', () => {
    const repo = abspathApp('api/main.handler');
    expect(python(RIC('api/main.handler'), path.join(repo, 'src/lambdas')).stdout).toBe("{'statusCode': 200}\n");
    const { json } = check([repo]);
    expect(json.findings).toEqual([]);
    expect(json.notChecked ?? []).toEqual([]);
  });
});

// cdk.json "app": "make install && python3 cdk/app.py": the CDK app is the script of the list's second command.
function cdkApp(handler: string) {
  return writeTree({
    'cdk.json': '{"app": "make install && python3 cdk/app.py"}',
    Makefile: 'install:\n\techo nothing to install\n',
    'cdk/app.py': [
      'import aws_cdk as cdk',
      'from aws_cdk import aws_lambda',
      'app = cdk.App()',
      'stack = cdk.Stack(app, "S")',
      `aws_lambda.Function(stack, "Api", runtime=aws_lambda.Runtime.PYTHON_3_12, handler="${handler}", code=aws_lambda.Code.from_asset("src"))`,
      'app.synth()',
      '',
    ].join('\n'),
    'src/main.py': 'def handler(event, context):\n    return {"statusCode": 200}\n',
  });
}

describe('eval2: cdk.json app command with a step before the script', () => {
  it('the stack is read: a handler naming a missing function is reported', () => {
    const repo = cdkApp('main.handle');
    expect(python('import main; main.handle', path.join(repo, 'src')).stderr).toContain("has no attribute 'handle'");
    const { json } = check([repo]);
    expect(json.findings.map((f) => f.ruleId)).toEqual(['HND001']);
  });

  it('fixed twin: nothing reported, the function checked', () => {
    const repo = cdkApp('main.handler');
    expect(python('import main; print(main.handler({}, None))', path.join(repo, 'src')).stdout).toBe("{'statusCode': 200}\n");
    const { json, stderr } = check([repo, '--verbose']);
    expect(json.findings).toEqual([]);
    expect(stderr).not.toContain('CDK app is not known');
  });
});

// serverless.yml `image: { name: X }` naming provider.ecr.images.X = { path: docker }: `serverless deploy` builds
// docker/Dockerfile with docker/ as context. A public FastAPI app's backup function was left unchecked.
function slsImage(cmd: string) {
  return writeTree({
    'svc/serverless.yml': [
      'service: backup',
      'provider:',
      '  name: aws',
      '  runtime: python3.10',
      '  ecr:',
      '    images:',
      '      backup_image:',
      '        path: docker',
      'functions:',
      '  dbBackup:',
      '    image:',
      '      name: backup_image',
      '',
    ].join('\n'),
    'svc/docker/Dockerfile': `FROM public.ecr.aws/lambda/python:3.10\nCOPY app/ /var/task/app/\nCMD ["${cmd}"]\n`,
    'svc/docker/app/db_backup_handler.py': 'def handler(event, context):\n    return "ok"\n',
  });
}

describe('eval2: serverless image built from provider.ecr.images', () => {
  // The image as COPY makes it: docker/app/ → /var/task/app/.
  const taskRoot = (repo: string) => {
    const root = writeTree({});
    copyTree(path.join(repo, 'svc/docker/app'), path.join(root, 'app'));
    return root;
  };
  const RIC = (h: string) => `import importlib; m, f = ${JSON.stringify(h)}.rsplit(".", 1); print(getattr(importlib.import_module(m.replace("/", ".")), f)({}, None))`;

  it('a CMD naming a module the image does not hold is reported', () => {
    const repo = slsImage('app/db_backups_handler.handler');
    expect(python(RIC('app/db_backups_handler.handler'), taskRoot(repo)).stderr).toContain("No module named 'app.db_backups_handler'");
    const { json } = check([repo]);
    expect(json.findings.map((f) => f.ruleId)).toEqual(['HND001']);
  });

  it('fixed twin: the CMD resolves in the image, the function checked', () => {
    const repo = slsImage('app/db_backup_handler.handler');
    expect(python(RIC('app/db_backup_handler.handler'), taskRoot(repo)).stdout).toBe('ok\n');
    const { json } = check([repo]);
    expect(json.findings).toEqual([]);
    expect(json.notChecked ?? []).toEqual([]);
  });
});

// A Lambda base image whose code is not under /var/task but on the image's ENV PYTHONPATH: `WORKDIR /app`,
// `COPY src/ .`, `ENV PYTHONPATH="/app"`, `CMD ["main.handler"]` (a public FastAPI template). Python puts PYTHONPATH
// on sys.path, so main is imported from /app: reading only /var/task gave a false HND001 and checked none of its imports.
function pythonPathImage(route: string) {
  return writeTree({
    Dockerfile: 'FROM public.ecr.aws/lambda/python:3.12\nWORKDIR /app\nCOPY src/ .\nENV PYTHONPATH="/app"\nCMD ["main.handler"]\n',
    'src/main.py': `from api.${route} import router\n\n\ndef handler(event, context):\n    return router\n`,
    'src/api/__init__.py': '',
    'src/api/routes.py': 'router = "routes"\n',
  });
}

describe('eval2: a Lambda image with ENV PYTHONPATH', () => {
  // The image as COPY makes it: src/ → /app, and /app is PYTHONPATH.
  const app = (repo: string) => copyTree(path.join(repo, 'src'));

  it('an import the image does not hold is reported (it was not checked: main was "not in the package")', () => {
    const repo = pythonPathImage('route');
    expect(python('import main', app(repo)).stderr).toContain("No module named 'api.route'");
    const { json } = check([repo]);
    expect(json.findings.map((f) => f.ruleId)).toEqual(['MOD003']);
  });

  it('fixed twin: main.handler resolves through PYTHONPATH, nothing reported (a false HND001 before)', () => {
    const repo = pythonPathImage('routes');
    expect(python('import main; print(main.handler({}, None))', app(repo)).stdout).toBe('routes\n');
    const { json } = check([repo]);
    expect(json.findings).toEqual([]);
    expect(json.notChecked ?? []).toEqual([]);
  });
});

// An npm script that copies a shared library into the function folder, deploys, and removes the copy again
// (a public FastAPI-on-Lambda library deploys its e2e sample so): the package is the folder as it is at
// `serverless deploy`. Read as committed, the library's imports were three false MOD003 errors.
function copyThenDeploy(into: string) {
  return writeTree({
    'package.json': JSON.stringify({ scripts: { 'e2e:setup': `cd tests/e2e && cp -r ../../mylib ./${into}/ && serverless deploy && rm -rf ./${into}/mylib` } }),
    'mylib/__init__.py': 'from mylib.core import ping\n',
    'mylib/core.py': 'def ping():\n    return "pong"\n',
    'tests/e2e/serverless.yml': 'service: e2e\nplugins:\n  - serverless-python-requirements\nprovider:\n  name: aws\n  runtime: python3.12\npackage:\n  individually: true\nfunctions:\n  url:\n    module: sample_lambda\n    handler: handler.handler\n',
    'tests/e2e/sample_lambda/handler.py': 'from mylib import ping\n\n\ndef handler(event, context):\n    return ping()\n',
  });
}

describe('eval2: copy, serverless deploy, clean up (an npm script)', () => {
  // The build for real: the script with bash; `serverless` stubbed to keep the service's sample_lambda as it is
  // when the framework would package it.
  const deployed = (repo: string) => {
    const work = copyTree(repo);
    const stubs = writeTree({ serverless: '#!/bin/bash\ncp -r "$PWD/sample_lambda" "$SNAP"\n' });
    fs.chmodSync(path.join(stubs, 'serverless'), 0o755);
    const snap = path.join(writeTree({}), 'pkg');
    const script = (JSON.parse(fs.readFileSync(path.join(work, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['e2e:setup'];
    execFileSync('/usr/bin/bash', ['-e', '-c', script], { cwd: work, env: { PATH: `${stubs}:/usr/bin:/bin`, SNAP: snap } });
    return snap;
  };

  it('broken: the library copied into another folder is not in the package, and it is reported', () => {
    const repo = copyThenDeploy('sample');
    expect(python('import handler; print(handler.handler({}, None))', deployed(repo)).stderr).toContain("No module named 'mylib'");
    const { json } = check([repo]);
    expect(json.findings.map((f) => `${f.ruleId} ${f.message.slice(0, 24)}`)).toEqual(['MOD003 "mylib" does not resolve']);
  });

  it('fixed twin: the package holds the library at the deploy, nothing reported (three false MOD003 before)', () => {
    const repo = copyThenDeploy('sample_lambda');
    expect(python('import handler; print(handler.handler({}, None))', deployed(repo)).stdout).toBe('pong\n');
    const { json, stderr } = check([repo, '--verbose']);
    expect(json.findings).toEqual([]);
    expect(stderr).toContain('serverless deploy builds it');
  });
});

describe('eval2: copy then npx serverless deploy in a workflow step', () => {
  const workflowApp = (into: string) =>
    writeTree({
      '.github/workflows/deploy.yml': `on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: cp -r mylib tests/e2e/${into}/\n      - run: npx serverless deploy --stage prod\n        working-directory: tests/e2e\n`,
      'mylib/__init__.py': 'from mylib.core import ping\n',
      'mylib/core.py': 'def ping():\n    return "pong"\n',
      'tests/e2e/serverless.yml': 'service: e2e\nplugins:\n  - serverless-python-requirements\nprovider:\n  name: aws\n  runtime: python3.12\npackage:\n  individually: true\nfunctions:\n  url:\n    module: sample_lambda\n    handler: handler.handler\n',
      'tests/e2e/sample_lambda/handler.py': 'from mylib import ping\n\n\ndef handler(event, context):\n    return ping()\n',
    });
  // The steps for real with bash; `npx serverless deploy` stubbed to keep sample_lambda as the framework packages it.
  const deployed = (repo: string) => {
    const work = copyTree(repo);
    const stubs = writeTree({ npx: '#!/bin/bash\n[ "$1" = serverless ] && cp -r "$PWD/sample_lambda" "$SNAP"\nexit 0\n' });
    fs.chmodSync(path.join(stubs, 'npx'), 0o755);
    const snap = path.join(writeTree({}), 'pkg');
    const env = { PATH: `${stubs}:/usr/bin:/bin`, SNAP: snap };
    execFileSync('/usr/bin/bash', ['-e', '-c', 'cp -r mylib tests/e2e/' + fs.readFileSync(path.join(work, '.github/workflows/deploy.yml'), 'utf8').split('tests/e2e/')[1].split('/')[0] + '/'], { cwd: work, env });
    execFileSync('/usr/bin/bash', ['-e', '-c', 'npx serverless deploy --stage prod'], { cwd: path.join(work, 'tests/e2e'), env });
    return snap;
  };

  it('broken: copied beside the function folder, the library is not in the package', () => {
    const repo = workflowApp('other');
    expect(python('import handler', deployed(repo)).stderr).toContain("No module named 'mylib'");
    const { json } = check([repo]);
    expect(json.findings.map((f) => `${f.ruleId} ${f.message.slice(0, 24)}`)).toEqual(['MOD003 "mylib" does not resolve']);
  });

  it('fixed twin: copied into it before the deploy, nothing reported', () => {
    const repo = workflowApp('sample_lambda');
    expect(python('import handler; print(handler.handler({}, None))', deployed(repo)).stdout).toBe('pong\n');
    const { json, stderr } = check([repo, '--verbose']);
    expect(json.findings).toEqual([]);
    expect(stderr).toContain('job deploy: serverless deploy builds it');
  });
});
