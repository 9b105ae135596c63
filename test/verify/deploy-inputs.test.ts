// verify gives the probe what the deploy gives the function: its layers unpacked under /opt (their
// python/ folder on sys.path after /var/task) and the literal environment variables the definition
// sets. Each case a fixture and its broken twin, both judged by real Python (/usr/bin/python3).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectDeployFacts, contextFromPaths } from '../../src/sources/index.js';
import { runVerify } from '../../src/verify/command.js';
import { PYTHON, python, tempDir, writeTree } from '../helpers.js';

const made: string[] = [];
afterAll(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

const APP = 'import os\n\nfrom shared_util import greet\n\nTABLE = os.environ["TABLE_NAME"]\nSTAGE = os.environ["STAGE"]\n\n\ndef handler(event, context):\n    return {"statusCode": 200, "body": greet(TABLE + STAGE)}\n';
const LAYER = 'def greet(name):\n    return "hello " + name\n';

function template(opts: { layer: boolean; table: boolean }): string {
  return [
    'AWSTemplateFormatVersion: "2010-09-09"',
    'Transform: AWS::Serverless-2016-10-31',
    'Globals:',
    '  Function:',
    '    Environment:',
    '      Variables:',
    '        STAGE: prod',
    'Resources:',
    '  CommonLayer:',
    '    Type: AWS::Serverless::LayerVersion',
    '    Properties:',
    '      ContentUri: layers/common',
    '  ApiFunction:',
    '    Type: AWS::Serverless::Function',
    '    Properties:',
    '      CodeUri: src/',
    '      Handler: app.handler',
    '      Runtime: python3.12',
    ...(opts.layer ? ['      Layers:', '        - !Ref CommonLayer'] : []),
    '      Environment:',
    '        Variables:',
    `          ${opts.table ? 'TABLE_NAME' : 'OTHER'}: users`,
    '',
  ].join('\n');
}

function fixture(opts: { layer: boolean; table: boolean }): string {
  const dir = writeTree({ 'template.yaml': template(opts), 'src/app.py': APP, 'layers/common/python/shared_util.py': LAYER }, tempDir('pc-verify-deploy-'));
  made.push(dir);
  return dir;
}

const got = async (dir: string) => (await runVerify({ base: dir, python: PYTHON, timeoutMs: 20_000 })).findings.map((f) => `${f.ruleId} ${f.file}:${f.line} ${f.message}`);

describe('verify: the deploy\'s layers and environment (real Python)', () => {
  it('Python itself: the handler imports with the layer on PYTHONPATH and both variables set, and not without either', () => {
    const dir = fixture({ layer: true, table: true });
    const both = `${path.join(dir, 'src')}:${path.join(dir, 'layers/common/python')}`;
    const env = { PATH: process.env.PATH ?? '', TABLE_NAME: 'users', STAGE: 'prod' };
    expect(python('import app; print(app.handler({}, None)["body"])', both, { env }).stdout).toBe('hello usersprod\n');
    expect(python('import app', path.join(dir, 'src'), { env }).stderr).toContain("No module named 'shared_util'");
    expect(python('import app', both, { env: { PATH: env.PATH, STAGE: 'prod' } }).stderr).toContain("KeyError: 'TABLE_NAME'");
  });

  it('SAM: the layer and the variables (Globals and the function\'s own) given to the probe: passes', async () => {
    expect(await got(fixture({ layer: true, table: true }))).toEqual([]);
  });

  it('the variable the import reads is not set by the deploy: VER001 at the line that reads it', async () => {
    expect(await got(fixture({ layer: true, table: false }))).toEqual([expect.stringMatching(/^VER001 src\/app\.py:5 import app raises KeyError: 'TABLE_NAME'/)]);
  });

  it('the function does not use the layer: VER001 at the import only the layer provides', async () => {
    expect(await got(fixture({ layer: false, table: true }))).toEqual([expect.stringMatching(/^VER001 src\/app\.py:3 import app raises ModuleNotFoundError: No module named 'shared_util'/)]);
  });

  it('a variable the deploy sets to a value not known here (!Ref) is set to a placeholder and named in a note, not a false KeyError', async () => {
    const dir = fixture({ layer: true, table: true });
    const file = path.join(dir, 'template.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('TABLE_NAME: users', 'TABLE_NAME: !Ref UsersTable'));
    const r = await runVerify({ base: dir, python: PYTHON, timeoutMs: 20_000 });
    expect(r.findings).toEqual([]);
    expect(r.notes).toEqual(['app root src: TABLE_NAME set to "1": the deploy sets it to a value not known here; a finding that depends on the value may not happen on Lambda']);
  });

  it('config `layers` for a layer built elsewhere: its folder is /opt too', async () => {
    const dir = fixture({ layer: false, table: true });
    fs.writeFileSync(path.join(dir, 'parity-check.config.json'), JSON.stringify({ functions: [{ name: 'ApiFunction', layers: ['layers/common'] }] }));
    expect(await got(dir)).toEqual([]);
  });
});

describe('deploy readers keep the literal variables (LambdaFunction.variables)', () => {
  const read = (files: Record<string, string>) => {
    const list = Object.entries(files).map(([p, text]) => ({ path: p, text }));
    return collectDeployFacts(list, contextFromPaths(list.map((f) => f.path))).functions.map((f) => [f.name, f.variables, f.opaqueVariables]);
  };

  it('serverless: provider.environment under the function\'s own; a variable reference is named, without a value', () => {
    const yml = 'service: api\nprovider:\n  name: aws\n  runtime: python3.12\n  environment:\n    STAGE: prod\n    TABLE_NAME: base\nfunctions:\n  api:\n    handler: app.handler\n    environment:\n      TABLE_NAME: users\n      SECRET: ${ssm:/api/secret}\n';
    expect(read({ 'serverless.yml': yml, 'app.py': '' })).toEqual([['api', { STAGE: 'prod', TABLE_NAME: 'users' }, ['SECRET']]]);
  });

  it('Terraform: environment { variables = {...} }; a reference is named, without a value', () => {
    const tf =
      'resource "aws_lambda_function" "api" {\n  function_name = "api"\n  filename      = "api.zip"\n  handler       = "app.handler"\n  runtime       = "python3.12"\n  role          = "arn:aws:iam::1:role/x"\n  environment {\n    variables = {\n      TABLE_NAME = "users"\n      BUCKET     = aws_s3_bucket.b.id\n    }\n  }\n}\n';
    expect(read({ 'main.tf': tf, 'app.py': '' })).toEqual([['api', { TABLE_NAME: 'users' }, ['BUCKET']]]);
  });
});
