// Runtimes and start-ups (#14 point 1–3), end to end: which functions are judged as Python, and how. Each verdict is
// proved: the Python functions by /usr/bin/python3 importing the handler or uvicorn's importer loading the app from
// the package as the deploy builds it (run.sh executed for real by bash, the image's COPY done by materialize); the
// others by what they are (a Node, Java, .NET, Go or Ruby function has no Python to import).
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDeploy } from '../../src/deploy/specs.js';
import { openSnapshot } from '../../src/snapshot/index.js';
import { collectDeployFacts, contextFromPaths, materialize } from '../../src/sources/index.js';
import { python, runJson, tempDir, writeTree } from '../helpers.js';

async function deployOf(dir: string) {
  const snap = await openSnapshot(dir);
  return readDeploy(snap, snap.files().map((f) => f.path));
}
const check = (dir: string) => runJson([dir, '--no-cache']);
const pick = (f: { ruleId: string; file: string; line: number }) => `${f.file}:${f.line} ${f.ruleId}`;

const mixed = (pythonHandler: string) => ({
  'template.yaml': `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs20.x
    Handler: index.handler
Resources:
  NodeFromGlobals:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: node/
  JavaFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: java/
      Runtime: java21
      Handler: example.Handler::handleRequest
  DotnetFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: dotnet/
      Runtime: dotnet8
      Handler: Api::Api.Function::FunctionHandler
  GoFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: go/
      Runtime: provided.al2023
      Handler: bootstrap
  RubyFunction:
    Type: AWS::Lambda::Function
    Properties:
      Code: ruby/
      Runtime: ruby3.3
      Handler: app.handler
  PythonFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: py/
      Runtime: python3.12
      Handler: ${pythonHandler}
`,
  'node/index.js': 'exports.handler = async () => ({ statusCode: 200 });\n',
  'java/src/main/java/example/Handler.java': 'package example;\npublic class Handler {}\n',
  'dotnet/Function.cs': 'namespace Api { public class Function {} }\n',
  'go/main.go': 'package main\nfunc main() {}\n',
  'ruby/app.rb': 'def handler(event:, context:) = { statusCode: 200 }\n',
  'py/app.py': 'def lambda_handler(event, context):\n    return {"statusCode": 200}\n',
  'parity-check.config.json': '{}\n',
});

describe('mixed runtimes: only the Python function is judged', () => {
  it('broken twin: HND001 on the Python handler only; every other runtime is named by --verbose, not as NotChecked', async () => {
    const dir = writeTree(mixed('app.handler'));
    const r = check(dir);
    expect(r.findings.map(pick)).toEqual(['template.yaml:41 HND001']);
    expect(python('import app\napp.handler', join(dir, 'py')).stderr).toContain("module 'app' has no attribute 'handler'");
    const d = await deployOf(dir);
    expect(d.notChecked).toEqual([]);
    const notPython = d.verbose.filter((l) => l.includes('not checked as Python'));
    expect(notPython).toEqual([
      expect.stringContaining('NodeFromGlobals is not checked as Python: runtime nodejs20.x: not Python'),
      expect.stringContaining('JavaFunction is not checked as Python: runtime java21: not Python'),
      expect.stringContaining('DotnetFunction is not checked as Python: runtime dotnet8: not Python'),
      expect.stringContaining('GoFunction is not checked as Python: runtime provided.al2023: not Python (no bootstrap script in the package)'),
      expect.stringContaining('RubyFunction is not checked as Python: runtime ruby3.3: not Python'),
    ]);
    expect(d.specs.map((s) => s.name)).toEqual(['PythonFunction']);
  });

  it('fixed twin: clean, and Python loads the handler', () => {
    const dir = writeTree(mixed('app.lambda_handler'));
    expect(check(dir).findings).toEqual([]);
    const p = python('import app\nassert callable(app.lambda_handler)', join(dir, 'py'));
    expect(p.stderr).toBe('');
    expect(p.code).toBe(0);
  });

  it('Terraform and images: runtime nodejs / a Node base image is not Python; the Python resource beside it is judged', async () => {
    const dir = writeTree({
      'infra/main.tf': `data "archive_file" "node" {
  type        = "zip"
  source_dir  = "\${path.module}/../node"
  output_path = "\${path.module}/node.zip"
}
data "archive_file" "py" {
  type        = "zip"
  source_dir  = "\${path.module}/../py"
  output_path = "\${path.module}/py.zip"
}
resource "aws_lambda_function" "node" {
  function_name = "node"
  filename      = data.archive_file.node.output_path
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  role          = "arn:aws:iam::123456789012:role/x"
}
resource "aws_lambda_function" "py" {
  function_name = "py"
  filename      = data.archive_file.py.output_path
  handler       = "app.handler"
  runtime       = "python3.12"
  role          = "arn:aws:iam::123456789012:role/x"
}
`,
      'node/index.js': 'exports.handler = async () => ({});\n',
      'py/app.py': 'def lambda_handler(event, context):\n    return {}\n',
      'image/Dockerfile': 'FROM public.ecr.aws/lambda/nodejs:20\nCOPY index.js ${LAMBDA_TASK_ROOT}/\nCMD ["index.handler"]\n',
      'image/index.js': 'exports.handler = async () => ({});\n',
      'parity-check.config.json': '{}\n',
    });
    expect(check(dir).findings.map(pick)).toEqual(['infra/main.tf:21 HND001']);
    const d = await deployOf(dir);
    expect(d.notChecked).toEqual([]);
    expect(d.verbose.filter((l) => l.includes('not checked as Python'))).toEqual([
      expect.stringContaining('function node is not checked as Python: runtime nodejs20.x: not Python'),
      expect.stringContaining('function image/Dockerfile is not checked as Python: runtime nodejs20.x: not Python'),
    ]);
  });
});

describe('a runtime that is not a literal', () => {
  it('a handler module that is index.js is not Python; a Go bootstrap is not checked; a Python one is judged as before', async () => {
    const tf = (name: string, dir: string, handler: string) => `data "archive_file" "${name}" {
  type        = "zip"
  source_dir  = "\${path.module}/../${dir}"
  output_path = "\${path.module}/${name}.zip"
}
resource "aws_lambda_function" "${name}" {
  function_name = "${name}"
  filename      = data.archive_file.${name}.output_path
  handler       = "${handler}"
  runtime       = var.runtime
  role          = "arn:aws:iam::123456789012:role/x"
}
`;
    const dir = writeTree({
      'infra/main.tf': tf('node', 'node', 'index.handler') + tf('go', 'go', 'bootstrap') + tf('py', 'py', 'app.handler'),
      'node/index.js': 'exports.handler = async () => ({});\n',
      'go/main.go': 'package main\n',
      'py/app.py': 'def lambda_handler(event, context):\n    return {}\n',
      'parity-check.config.json': '{}\n',
    });
    // The Python function's broken handler is still found: python3 agrees it does not load.
    expect(check(dir).findings.map(pick)).toEqual(['infra/main.tf:33 HND001']);
    expect(python('import app\napp.handler', join(dir, 'py')).code).not.toBe(0);
    const d = await deployOf(dir);
    expect(d.verbose.filter((l) => l.includes('not checked as Python'))).toEqual([
      expect.stringContaining('function node is not checked as Python: its runtime is not known (var.runtime is a variable), and its handler module is index.js: not Python'),
    ]);
    expect(d.notChecked.map((n) => [n.name, n.why])).toEqual([['go', 'its runtime is not known (var.runtime is a variable) and its handler bootstrap is not a Python handler']]);
    expect(d.notChecked[0].fix).toContain('"check": false');
  });
});

describe('start-ups that cannot be read are NotChecked, never HND001', () => {
  it('a custom ENTRYPOINT, and Handler: run.sh without the adapter wrapper', async () => {
    const dir = writeTree({
      'Dockerfile': 'FROM public.ecr.aws/lambda/python:3.12\nCOPY app.py ${LAMBDA_TASK_ROOT}/\nENTRYPOINT ["/usr/local/bin/custom-runner"]\nCMD ["app.handler"]\n',
      'app.py': 'def lambda_handler(event, context):\n    return {}\n',
      'sam/template.yaml': `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Web:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: web/
      Handler: run.sh
      Runtime: python3.12
`,
      'sam/web/run.sh': '#!/bin/bash\nexec python -m uvicorn main:app\n',
      'sam/web/main.py': 'app = object()\n',
      'parity-check.config.json': '{}\n',
    });
    expect(check(dir).findings).toEqual([]);
    const d = await deployOf(dir);
    expect(d.notChecked.map((n) => [n.name, n.why])).toEqual([
      ['Web', 'its handler run.sh is a script and no AWS_LAMBDA_EXEC_WRAPPER runs it'],
      ['Dockerfile', 'its start-up is not known (it runs /usr/local/bin/custom-runner)'],
    ]);
    for (const n of d.notChecked) expect(n.fix).toContain('"app": "module:app"');
  });
});

/** Run run.sh with bash in the built package, a stub `python` that hands the app string to uvicorn's own importer. */
function runRunSh(pkg: string): { code: number | null; stderr: string } {
  const bin = tempDir('pc-bin-');
  const stub = join(bin, 'python');
  writeFileSync(
    stub,
    `#!/bin/sh\n# The server's import, not the server: uvicorn.importer is what "uvicorn module:app" runs first.\nexec /usr/bin/python3 -P -s -c 'import sys; sys.path.insert(0, "."); from uvicorn.importer import import_from_string; import_from_string(sys.argv[-1])' "$@"\n`,
  );
  chmodSync(stub, 0o755);
  const r = spawnSync('/bin/bash', [join(pkg, 'run.sh')], {
    cwd: pkg,
    env: { PATH: `${bin}:/usr/bin:/bin`, LAMBDA_TASK_ROOT: pkg, LAMBDA_RUNTIME_DIR: '/var/runtime', PORT: '8000', PYTHONDONTWRITEBYTECODE: '1' },
    encoding: 'utf8',
  });
  return { code: r.status, stderr: r.stderr };
}

const lwaZip = (app: string) => ({
  'template.yaml': `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: app/
      Handler: run.sh
      Runtime: python3.12
      Layers:
        - !Sub arn:aws:lambda:\${AWS::Region}:753240598075:layer:LambdaAdapterLayerX86:24
      Environment:
        Variables:
          AWS_LAMBDA_EXEC_WRAPPER: /opt/bootstrap
`,
  'app/run.sh': `#!/bin/bash\nPATH=$PATH:$LAMBDA_TASK_ROOT/bin PYTHONPATH=$PYTHONPATH:/opt/python:$LAMBDA_RUNTIME_DIR exec python -m uvicorn --port=$PORT ${app}\n`,
  'app/app/__init__.py': '',
  'app/app/main.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n',
  'parity-check.config.json': '{}\n',
});

describe('the Lambda Web Adapter, built for real', () => {
  for (const [name, app, broken] of [
    ['fixed', 'app.main:app', false],
    ['broken', 'app.main:ap', true],
  ] as const) {
    it(`zip + run.sh (${name}): bash runs run.sh in the package; the check agrees with uvicorn's importer`, async () => {
      const dir = writeTree(lwaZip(app));
      const d = await deployOf(dir);
      const fn = d.facts.functions[0];
      expect(fn.startup).toMatchObject({ kind: 'web-app', server: 'uvicorn', app: { known: true, value: app } });
      if (!fn.layout.known) throw new Error('layout unknown');
      const pkg = tempDir('pc-pkg-');
      const files = (await openSnapshot(dir)).files().map((f) => f.path);
      materialize(fn.layout.value, (p) => readFileSync(join(dir, p)), pkg, files);
      const run = runRunSh(pkg);
      const r = check(dir);
      if (broken) {
        expect(run.stderr).toContain('Attribute "ap" not found in module "app.main".');
        expect(r.findings.map(pick)).toEqual(['app/run.sh:2 HND002']);
      } else {
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
        expect(r.findings).toEqual([]);
      }
    });

    it(`image + adapter extension (${name}): the files copied as COPY says; the check agrees with uvicorn's importer`, () => {
      const dir = writeTree({
        'svc/Dockerfile': `FROM public.ecr.aws/docker/library/python:3.12-slim\nCOPY --from=public.ecr.aws/awsguru/aws-lambda-adapter:0.8.4 /lambda-adapter /opt/extensions/lambda-adapter\nWORKDIR /var/task\nCOPY app/ ./app/\nENTRYPOINT ["python", "-m", "uvicorn"]\nCMD ["--port=8080", "${app}"]\n`,
        'svc/app/__init__.py': '',
        'svc/app/main.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n',
        'parity-check.config.json': '{}\n',
      });
      const paths = ['svc/Dockerfile', 'svc/app/__init__.py', 'svc/app/main.py'];
      const facts = collectDeployFacts(paths.map((p) => ({ path: p, text: readFileSync(join(dir, p), 'utf8') })), contextFromPaths(paths));
      const fn = facts.functions[0];
      expect(fn.startup).toMatchObject({ kind: 'web-app', app: { value: app } });
      expect(fn.runtime).toMatchObject({ known: true, value: 'python' });
      if (!fn.layout.known) throw new Error('layout unknown');
      const pkg = tempDir('pc-pkg-');
      mkdirSync(pkg, { recursive: true });
      expect(materialize(fn.layout.value, (p) => readFileSync(join(dir, p)), pkg)).toEqual(['app/__init__.py', 'app/main.py']);
      const p = python(`from uvicorn.importer import import_from_string\nimport_from_string(${JSON.stringify(app)})`, pkg);
      const r = check(dir);
      if (broken) {
        expect(p.stderr).toContain('Attribute "ap" not found in module "app.main".');
        expect(r.findings.map(pick)).toEqual(['svc/Dockerfile:6 HND002']);
      } else {
        expect(p.stderr).toBe('');
        expect(r.findings).toEqual([]);
      }
    });
  }
});

describe('start-ups stated by the deploy definition', () => {
  const facts = (files: Record<string, string>) => {
    const paths = Object.keys(files).sort();
    return collectDeployFacts(paths.map((p) => ({ path: p, text: files[p] })), contextFromPaths(paths));
  };

  it('SAM ImageConfig.EntryPoint + Command replace the image start; Terraform image_config.entry_point too', () => {
    const f = facts({
      'template.yaml': `Transform: AWS::Serverless-2016-10-31
Resources:
  Web:
    Type: AWS::Serverless::Function
    Properties:
      PackageType: Image
      ImageConfig:
        EntryPoint: [python, -m, uvicorn]
        Command: [main:app, --port, "8080"]
    Metadata:
      DockerContext: .
      Dockerfile: Dockerfile
`,
      Dockerfile: 'FROM public.ecr.aws/lambda/python:3.12\nCOPY main.py ${LAMBDA_TASK_ROOT}/\nCMD ["main.handler"]\n',
      'main.py': 'app = object()\n',
      'infra/main.tf': `resource "aws_lambda_function" "node" {
  function_name = "node"
  package_type  = "Image"
  image_uri     = "123.dkr.ecr.us-east-1.amazonaws.com/node:latest"
  image_config {
    entry_point = ["/usr/local/bin/node"]
    command     = ["server.js"]
  }
}
`,
    });
    const web = f.functions.find((x) => x.name === 'Web')!;
    expect(web.startup).toMatchObject({ kind: 'web-app', server: 'uvicorn', app: { known: true, value: 'main:app', loc: { file: 'template.yaml', line: 9 } } });
    const node = f.functions.find((x) => x.name === 'node')!;
    expect(node.runtime).toMatchObject({ known: true, value: 'node' });
    expect(node.startup).toMatchObject({ kind: 'unknown', why: 'it starts node' });
  });

  it('serverless: provider.environment sets the exec wrapper; the function is a web start-up, not handler run.sh', async () => {
    const dir = writeTree({
      'serverless.yml': `service: web
provider:
  name: aws
  runtime: python3.12
  environment:
    AWS_LAMBDA_EXEC_WRAPPER: /opt/bootstrap
functions:
  api:
    handler: run.sh
`,
      'run.sh': '#!/bin/sh\nexec gunicorn -k uvicorn.workers.UvicornWorker -b 0.0.0.0:8000 web:application\n',
      'web.py': 'application = object()\n',
      'parity-check.config.json': '{}\n',
    });
    const d = await deployOf(dir);
    expect(d.notChecked).toEqual([]);
    expect(d.facts.functions[0].startup).toMatchObject({ kind: 'web-app', server: 'gunicorn', app: { value: 'web:application', loc: { file: 'run.sh', line: 2 } } });
    expect(check(dir).findings).toEqual([]);
    expect(python('import web\nweb.application', dir).code).toBe(0);
  });
  // serverless-wsgi writes wsgi_handler.py into the package at build time: the handler file is never in the
  // repository, and what the plugin's handler imports is custom.wsgi.app (split at its last dot).
  const wsgi = (app: string) => ({
    'serverless.yml': `service: flask-api
provider:
  name: aws
  runtime: python3.12
functions:
  app:
    handler: wsgi_handler.handler
plugins:
  - serverless-python-requirements
  - serverless-wsgi
custom:
  wsgi:
    app: ${app}
`,
    'my_app/__init__.py': 'from flask import Flask\n\napp = Flask(__name__)\n',
    'requirements.txt': 'flask\n',
    'parity-check.config.json': '{}\n',
  });
  // What the plugin's wsgi_handler.py does with custom.wsgi.app.
  const load = (app: string) => `import importlib\nm, a = ${JSON.stringify(app)}.rsplit(".", 1)\ngetattr(importlib.import_module(m), a)`;

  it('serverless-wsgi: wsgi_handler.handler is the plugin\'s; custom.wsgi.app is the start-up, judged by HND002', async () => {
    const dir = writeTree(wsgi('my_app.app'));
    const d = await deployOf(dir);
    expect(d.notChecked).toEqual([]);
    expect(d.facts.functions[0].startup).toMatchObject({ kind: 'web-app', server: 'serverless-wsgi', app: { value: 'my_app:app', loc: { file: 'serverless.yml', line: 13 } } });
    expect(check(dir).findings).toEqual([]);
    expect(python(load('my_app.app'), dir).code).toBe(0);

    const broken = writeTree(wsgi('my_app.ap'));
    expect(check(broken).findings.map(pick)).toEqual(['serverless.yml:13 HND002']);
    expect(python(load('my_app.ap'), broken).stderr).toContain("module 'my_app' has no attribute 'ap'");
  });
});
