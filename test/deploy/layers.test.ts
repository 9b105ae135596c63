// Lambda layers, end to end: the built CLI checks each fixture zero-config (or with its config), and
// the build is done for real — the steps SAM, Terraform's archive_file and the serverless framework
// take, run with bash (cp, zip, unzip) into /var/task and /opt of a temporary folder — then real
// CPython imports the handler module with PYTHONPATH=<task>:<opt>/python/lib/python3.12/site-packages:<opt>/python.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitAll, git, makeRepo, python, runJson, tempDir, writeTree } from '../helpers.js';
import fs from 'node:fs';

const pick = (f: { ruleId: string; file: string; line: number; column: number }) => ({ ruleId: f.ruleId, file: f.file, line: f.line, column: f.column });

/** Runs the build with bash in the fixture (OUT: where task/ and opt/ go), then imports `module` as Lambda would. */
function buildAndImport(dir: string, build: string, module: string) {
  const out = tempDir('pc-lambda-');
  const b = spawnSync('/bin/bash', ['--norc', '--noprofile', '-c', `set -euo pipefail\nmkdir -p "$OUT/task" "$OUT/opt"\n${build}`], { cwd: dir, env: { PATH: '/usr/bin:/bin', OUT: out }, encoding: 'utf8' });
  expect(b.stderr).toBe('');
  expect(b.status).toBe(0);
  const sysPath = ['task', 'opt/python/lib/python3.12/site-packages', 'opt/python'].map((p) => path.join(out, p)).join(':');
  return python(`import importlib; m = importlib.import_module(${JSON.stringify(module)}); assert callable(m.handler)`, sysPath, { env: { PATH: '/usr/bin:/bin' } });
}

const handler = (imports: string) => `${imports}\n\n\ndef handler(event, context):\n    return connect()\n`;
const LAYER = { 'layers/shared/python/shared/__init__.py': '', 'layers/shared/python/shared/db.py': 'def connect():\n    return {}\n' };

const sam = (fnProps: string, layer: string, extra = '') => `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
${extra}Resources:
  ApiFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: app.handler
      Runtime: python3.12
${fnProps}
  SharedLayer:
    Type: AWS::Serverless::LayerVersion
    Properties:
      ContentUri: layers/shared/
${layer}`;
const REF = '      Layers:\n        - !Ref SharedLayer\n';
// What `sam build` + deploy put where: CodeUri's files in /var/task, the layer folder's in /opt as they are.
const SAM_BUILD = 'cp -r src/. "$OUT/task/"\ncp -r layers/shared/. "$OUT/opt/"';

describe('SAM AWS::Serverless::LayerVersion', () => {
  it('clean: the layer module resolves through /opt/python', () => {
    const dir = writeTree({ 'template.yaml': sam(REF, ''), 'src/app.py': handler('from shared.db import connect'), ...LAYER });
    const r = runJson([dir, '--no-cache', '--verbose']);
    expect(r.findings).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('is not checked');
    const py = buildAndImport(dir, SAM_BUILD, 'app');
    expect(py.stderr).toBe('');
    expect(py.code).toBe(0);
  });

  it('the layer import misspelled: MOD003, and Python fails the same way', () => {
    const dir = writeTree({ 'template.yaml': sam(REF, ''), 'src/app.py': handler('from shared.dbs import connect'), ...LAYER });
    const r = runJson([dir, '--no-cache']);
    expect(r.findings.map(pick)).toEqual([{ ruleId: 'MOD003', file: 'src/app.py', line: 1, column: 6 }]);
    expect(r.findings[0].message).toContain(`"shared.dbs" does not resolve under src (Lambda's /var/task) or its layers (layers/shared/python): ModuleNotFoundError: No module named 'shared.dbs'`);
    const py = buildAndImport(dir, SAM_BUILD, 'app');
    expect(py.code).toBe(1);
    expect(py.stderr).toContain("ModuleNotFoundError: No module named 'shared.dbs'");
  });

  it('Globals.Function.Layers reach every function', () => {
    const dir = writeTree({
      'template.yaml': sam('', '', 'Globals:\n  Function:\n    Layers:\n      - !Ref SharedLayer\n'),
      'src/app.py': handler('from shared.db import connect'),
      ...LAYER,
    });
    expect(runJson([dir, '--no-cache']).findings).toEqual([]);
    expect(buildAndImport(dir, SAM_BUILD, 'app').code).toBe(0);
  });

  // BuildMethod: sam build copies ContentUri into the layer's python/ folder; without it the folder is zipped as it is.
  const flat = { 'layers/shared/shared/__init__.py': '', 'layers/shared/shared/db.py': 'def connect():\n    return {}\n', 'layers/shared/requirements.txt': '' };
  it('Metadata BuildMethod python3.12: sources at the layer folder root land under /opt/python', () => {
    const dir = writeTree({ 'template.yaml': sam(REF, '    Metadata:\n      BuildMethod: python3.12\n'), 'src/app.py': handler('from shared.db import connect'), ...flat });
    expect(runJson([dir, '--no-cache']).findings).toEqual([]);
    const py = buildAndImport(dir, 'cp -r src/. "$OUT/task/"\nmkdir -p "$OUT/opt/python"\ncp -r layers/shared/. "$OUT/opt/python/"', 'app');
    expect(py.stderr).toBe('');
    expect(py.code).toBe(0);
  });

  it('the same folder without BuildMethod: /opt/shared is not on sys.path, MOD003 as Python says', () => {
    const dir = writeTree({ 'template.yaml': sam(REF, ''), 'src/app.py': handler('from shared.db import connect'), ...flat });
    const r = runJson([dir, '--no-cache']);
    expect(r.findings.map(pick)).toEqual([{ ruleId: 'MOD003', file: 'src/app.py', line: 1, column: 6 }]);
    const py = buildAndImport(dir, SAM_BUILD, 'app');
    expect(py.code).toBe(1);
    expect(py.stderr).toContain("ModuleNotFoundError: No module named 'shared'");
  });
});

const tf = (layerSource: string) => `data "archive_file" "layer" {
  type        = "zip"
  source_dir  = "\${path.module}/${layerSource}"
  output_path = "\${path.module}/build/layer.zip"
}

data "archive_file" "fn" {
  type        = "zip"
  source_dir  = "\${path.module}/../src"
  output_path = "\${path.module}/build/fn.zip"
}

resource "aws_lambda_layer_version" "shared" {
  layer_name = "shared"
  filename   = data.archive_file.layer.output_path
}

resource "aws_lambda_function" "api" {
  function_name = "api"
  filename      = data.archive_file.fn.output_path
  handler       = "app.handler"
  runtime       = "python3.12"
  role          = "arn:aws:iam::123456789012:role/lambda"
  layers        = [aws_lambda_layer_version.shared.arn]
}
`;
// What terraform apply does with the two archive_file zips, and Lambda with the layer zip.
const TF_BUILD = (layerSource: string) =>
  `mkdir -p infra/build\n(cd src && zip -qr ../infra/build/fn.zip .)\n(cd infra/${layerSource} && zip -qr "$OLDPWD/infra/build/layer.zip" .)\n` +
  'unzip -q infra/build/fn.zip -d "$OUT/task"\nunzip -q infra/build/layer.zip -d "$OUT/opt"';

describe('Terraform aws_lambda_layer_version from an archive_file', () => {
  it('clean: the zip of layers/shared has python/ at its root', () => {
    const dir = writeTree({ 'infra/main.tf': tf('../layers/shared'), 'src/app.py': handler('from shared.db import connect'), ...LAYER });
    expect(runJson([dir, '--no-cache']).findings).toEqual([]);
    const py = buildAndImport(dir, TF_BUILD('../layers/shared'), 'app');
    expect(py.stderr).toBe('');
    expect(py.code).toBe(0);
  });

  it('the archive of the python/ folder itself: shared/ lands at /opt/shared, MOD003 as Python says', () => {
    const dir = writeTree({ 'infra/main.tf': tf('../layers/shared/python'), 'src/app.py': handler('from shared.db import connect'), ...LAYER });
    expect(runJson([dir, '--no-cache']).findings.map(pick)).toEqual([{ ruleId: 'MOD003', file: 'src/app.py', line: 1, column: 6 }]);
    const py = buildAndImport(dir, TF_BUILD('../layers/shared/python'), 'app');
    expect(py.code).toBe(1);
    expect(py.stderr).toContain("ModuleNotFoundError: No module named 'shared'");
  });
});

const tfModule = (layerSource: string) => `module "layer" {
  source       = "terraform-aws-modules/lambda/aws"
  create_layer = true
  layer_name   = "shared"
  source_path  = ${layerSource}
}

module "api" {
  source        = "terraform-aws-modules/lambda/aws"
  function_name = "api"
  handler       = "app.handler"
  runtime       = "python3.12"
  source_path   = "\${path.module}/../src"
  layers        = [module.layer.lambda_layer_arn]
}
`;
const SHARED = { 'shared/shared/__init__.py': '', 'shared/shared/db.py': 'def connect():\n    return {}\n' };
// What the module's package.py puts in the zips: the folder's files, under prefix_in_zip when given.
const MODULE_BUILD = (prefix: string) =>
  `(cd src && zip -qr "$OUT/fn.zip" .)\nmkdir -p "$OUT/stage/${prefix}"\ncp -r shared/. "$OUT/stage/${prefix}/"\n(cd "$OUT/stage" && zip -qr "$OUT/layer.zip" .)\n` +
  'unzip -q "$OUT/fn.zip" -d "$OUT/task"\nunzip -q "$OUT/layer.zip" -d "$OUT/opt"';

describe('terraform-aws-modules/lambda with create_layer', () => {
  it('clean: source_path with prefix_in_zip = "python" puts the folder under /opt/python; the layer module is no function', () => {
    const dir = writeTree({ 'infra/main.tf': tfModule('[{ path = "${path.module}/../shared", prefix_in_zip = "python" }]'), 'src/app.py': handler('from shared.db import connect'), ...SHARED });
    const r = runJson([dir, '--no-cache', '--verbose']);
    expect(r.findings).toEqual([]);
    expect(r.stderr).not.toContain('is not checked');
    const py = buildAndImport(dir, MODULE_BUILD('python'), 'app');
    expect(py.stderr).toBe('');
    expect(py.code).toBe(0);
  });

  it('without prefix_in_zip the folder lands at /opt itself: MOD003 as Python says', () => {
    const dir = writeTree({ 'infra/main.tf': tfModule('"${path.module}/../shared"'), 'src/app.py': handler('from shared.db import connect'), ...SHARED });
    expect(runJson([dir, '--no-cache']).findings.map(pick)).toEqual([{ ruleId: 'MOD003', file: 'src/app.py', line: 1, column: 6 }]);
    const py = buildAndImport(dir, MODULE_BUILD('.'), 'app');
    expect(py.code).toBe(1);
    expect(py.stderr).toContain("ModuleNotFoundError: No module named 'shared'");
  });
});

const sls = (fnLayers: string) => `service: api
provider:
  name: aws
  runtime: python3.12
package:
  patterns:
    - '!layers/**'
layers:
  shared:
    path: layers/shared
functions:
  api:
    handler: app.handler
${fnLayers}`;
// The framework zips the service folder by its patterns, and the layer's path folder as it is.
const SLS_BUILD = 'zip -qr "$OUT/fn.zip" . -x "layers/*" -x serverless.yml\nunzip -q "$OUT/fn.zip" -d "$OUT/task"\ncp -r layers/shared/. "$OUT/opt/"';

describe('serverless layers', () => {
  it('clean: { Ref: SharedLambdaLayer } names the layer shared (a package built by its patterns)', () => {
    const dir = writeTree({ 'serverless.yml': sls('    layers:\n      - { Ref: SharedLambdaLayer }\n'), 'app.py': handler('from shared.db import connect'), ...LAYER });
    expect(runJson([dir, '--no-cache']).findings).toEqual([]);
    const py = buildAndImport(dir, SLS_BUILD, 'app');
    expect(py.stderr).toBe('');
    expect(py.code).toBe(0);
  });

  it('the function without the layer: MOD003 (found in the repository only as layers/shared/python/shared)', () => {
    const dir = writeTree({ 'serverless.yml': sls(''), 'app.py': handler('from shared.db import connect'), ...LAYER });
    expect(runJson([dir, '--no-cache']).findings.map(pick)).toEqual([{ ruleId: 'MOD003', file: 'app.py', line: 1, column: 6 }]);
    const py = buildAndImport(dir, 'zip -qr "$OUT/fn.zip" . -x "layers/*" -x serverless.yml\nunzip -q "$OUT/fn.zip" -d "$OUT/task"', 'app');
    expect(py.code).toBe(1);
    expect(py.stderr).toContain("ModuleNotFoundError: No module named 'shared'");
  });
});

const ARN = 'arn:aws:lambda:us-east-1:123456789012:layer:shared:3';
const samArn = (layers: string) => `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  ApiFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: app.handler
      Runtime: python3.12
      Layers:
${layers}`;

describe('a layer not in the checked folder', () => {
  const files = {
    'template.yaml': samArn(`        - ${ARN}\n`),
    'src/app.py': handler('from shared.db import connect\nfrom pkg.gone import thing  # noqa: F401'),
    'src/pkg/__init__.py': '',
    // The repository has a `shared` folder, so a miss would be MOD003 (a local name).
    'scripts/shared/__init__.py': '',
  };

  it('an ARN of another account: what only it could provide is not judged, and the function is named', () => {
    const dir = writeTree(files);
    const r = runJson([dir, '--no-cache', '--verbose']);
    // pkg is a regular package of /var/task: no layer can add pkg.gone, so it is still judged.
    expect(r.findings.map(pick)).toEqual([{ ruleId: 'MOD003', file: 'src/app.py', line: 2, column: 6 }]);
    expect(r.stderr).toContain(`template.yaml:4:3: function ApiFunction is not checked: uses layer ${ARN}, not in the checked folder: imports it may provide are not checked`);
  });

  it('Python: shared comes only from the layer; pkg.gone fails whatever the layer holds', () => {
    const dir = writeTree({ ...files, 'layer/python/shared/__init__.py': '', 'layer/python/shared/db.py': 'def connect():\n    return {}\n', 'layer/python/pkg/gone.py': 'thing = 1\n' });
    const without = buildAndImport(dir, 'cp -r src/. "$OUT/task/"', 'app');
    expect(without.stderr).toContain("No module named 'shared'");
    const withLayer = buildAndImport(dir, 'cp -r src/. "$OUT/task/"\ncp -r layer/. "$OUT/opt/"', 'app');
    expect(withLayer.stderr).toContain("ModuleNotFoundError: No module named 'pkg.gone'");
  });

  it('config functions[].layers states the layer: checked, and a misspelling in it is found', () => {
    const layer = { 'vendor-layer/python/shared/__init__.py': '', 'vendor-layer/python/shared/db.py': 'def connect():\n    return {}\n' };
    const config = JSON.stringify({ functions: [{ name: 'ApiFunction', layers: ['vendor-layer'] }] });
    const good = writeTree({ 'template.yaml': samArn(`        - ${ARN}\n`), 'src/app.py': handler('from shared.db import connect'), 'parity-check.config.json': config, ...layer });
    const r = runJson([good, '--no-cache', '--verbose']);
    expect(r.findings).toEqual([]);
    expect(r.stderr).not.toContain('is not checked');
    expect(buildAndImport(good, 'cp -r src/. "$OUT/task/"\ncp -r vendor-layer/. "$OUT/opt/"', 'app').code).toBe(0);

    const bad = writeTree({ 'template.yaml': samArn(`        - ${ARN}\n`), 'src/app.py': handler('from shared.dbs import connect'), 'parity-check.config.json': config, ...layer });
    expect(runJson([bad, '--no-cache']).findings.map(pick)).toEqual([{ ruleId: 'MOD003', file: 'src/app.py', line: 1, column: 6 }]);
    const py = buildAndImport(bad, 'cp -r src/. "$OUT/task/"\ncp -r vendor-layer/. "$OUT/opt/"', 'app');
    expect(py.stderr).toContain("No module named 'shared.dbs'");
  });

  it('a public layer of pip packages (Powertools) holds none of the repository: the function stays checked', () => {
    const powertools = '        - !Sub arn:aws:lambda:${AWS::Region}:017000801446:layer:AWSLambdaPowertoolsPythonV3-python312-x86_64:7\n';
    const dir = writeTree({ 'template.yaml': samArn(powertools), 'src/app.py': handler('from shared.db import connect'), 'scripts/shared/__init__.py': '' });
    const r = runJson([dir, '--no-cache', '--verbose']);
    expect(r.findings.map(pick)).toEqual([{ ruleId: 'MOD003', file: 'src/app.py', line: 1, column: 6 }]);
    expect(r.stderr).not.toContain('is not checked');
  });
});

describe('--staged', () => {
  it('a staged change to the layer alone checks the functions that use it', () => {
    const dir = makeRepo();
    writeTree({ 'template.yaml': sam(REF, ''), 'src/app.py': handler('from shared.db import connect'), ...LAYER }, dir);
    commitAll(dir);
    expect(runJson(['--staged', '--no-cache'], { cwd: dir }).findings).toEqual([]);
    // The layer loses the function the handler imports: Lambda fails with ImportError at cold start.
    fs.writeFileSync(path.join(dir, 'layers/shared/python/shared/db.py'), 'def open_connection():\n    return {}\n');
    git(dir, 'add', '-A');
    const r = runJson(['--staged', '--no-cache'], { cwd: dir });
    expect(r.findings.map(pick)).toEqual([{ ruleId: 'MOD004', file: 'src/app.py', line: 1, column: 23 }]);
    const py = buildAndImport(dir, SAM_BUILD, 'app');
    expect(py.stderr).toContain("ImportError: cannot import name 'connect' from 'shared.db'");
  });
});
