import { describe, expect, it } from 'vitest';
import { collectDeployFacts, contextFromPaths, readDeployFiles, SOURCES } from '../../src/sources/index.js';
import { cdkSource } from '../../src/sources/cdk.js';
import { camel, normModule, runtimeName } from '../../src/sources/cdk-values.js';
import type { SourceFunction } from '../../src/sources/common.js';
import type { DeployFacts } from '../../src/types.js';

const PY_APP = { 'cdk.json': '{"app": "python3 app.py"}' };
const TS_APP = { 'cdk.json': '{"app": "npx ts-node --prefer-ts-exts bin/app.ts"}' };

function facts(files: Record<string, string>): DeployFacts {
  const list = Object.entries(files).map(([path, text]) => ({ path, text }));
  return collectDeployFacts(list, contextFromPaths(Object.keys(files)));
}
const fns = (f: DeployFacts) => f.functions as SourceFunction[];
const fn = (f: DeployFacts, name: string) => fns(f).find((x) => x.name === name)!;

describe('CDK values', () => {
  it('names modules of both languages one way', () => {
    expect(normModule('aws-cdk-lib/aws-lambda')).toBe('aws_cdk.aws_lambda');
    expect(normModule('@aws-cdk/aws-lambda-python-alpha')).toBe('aws_cdk.aws_lambda_python_alpha');
    expect(normModule('@aws-cdk/aws-lambda-python')).toBe('aws_cdk.aws_lambda_python_alpha');
    expect(normModule('aws_cdk.aws_lambda_python.PythonFunction')).toBe('aws_cdk.aws_lambda_python_alpha.PythonFunction');
    expect(normModule('aws-cdk-lib')).toBe('aws_cdk');
    expect(normModule('node:path')).toBe('path');
    expect(camel('from_asset')).toBe('fromAsset');
    expect(camel('PYTHON_3_12')).toBe('PYTHON_3_12');
  });

  it('Runtime constants as Lambda names them', () => {
    expect(runtimeName('PYTHON_3_12')).toBe('python3.12');
    expect(runtimeName('NODEJS_20_X')).toBe('nodejs20.x');
    expect(runtimeName('PROVIDED_AL2023')).toBe('provided.al2023');
    expect(runtimeName('JAVA_21')).toBe('java21');
    expect(runtimeName('GO_1_X')).toBe('go1.x');
    expect(runtimeName('FROM_IMAGE')).toBeUndefined();
  });
});

describe('CDK apps in Python', () => {
  it('imported names, Path(__file__).parent / "x", a keyword path; the file the app imports is read', () => {
    const f = facts({
      ...PY_APP,
      'app.py': 'from infra.stack import Stack1\n',
      'infra/__init__.py': '',
      'infra/stack.py': [
        'from pathlib import Path',
        'from aws_cdk.aws_lambda import Function, Runtime, Code',
        'HERE = Path(__file__).parent',
        'class Stack1:',
        '    def __init__(self, scope, id):',
        '        Function(self, "A", runtime=Runtime.PYTHON_3_11, handler="a.main", code=Code.from_asset(path=str(HERE / ".." / "fn")))',
      ].join('\n'),
      'fn/a.py': 'def main(e, c): pass\n',
    });
    expect(f.problems).toEqual([]);
    const a = fn(f, 'A');
    expect(a).toMatchObject({ source: 'cdk', handler: { known: true, value: 'a.main' }, runtime: { known: true, value: 'python3.11' } });
    expect(a.layout).toMatchObject({ known: true, value: { how: 'code-root', codeRoot: 'fn' } });
  });

  it('follows relative imports transitively; a module alias resolves; cloudfront.Function is not a Lambda', () => {
    const f = facts({
      ...PY_APP,
      'app.py': 'from infra import stack\n',
      'infra/__init__.py': '',
      'infra/stack.py': 'from .lambdas import make\nfrom aws_cdk import aws_cloudfront as cloudfront\ncloudfront.Function(None, "Edge", code=None)\n',
      'infra/lambdas.py': 'import aws_cdk.aws_lambda as lambda_\ndef make(self):\n    lambda_.Function(self, "Deep", runtime=lambda_.Runtime.PYTHON_3_12, handler="h.h", code=lambda_.Code.from_asset("src"))\n',
      'src/h.py': 'def h(e, c): pass\n',
    });
    expect(fns(f).map((x) => x.name)).toEqual(['Deep']);
    expect(fn(f, 'Deep').layout).toMatchObject({ known: true, value: { codeRoot: 'src' } });
  });

  it('what is not a literal is unknown with why, at the value', () => {
    const f = facts({
      ...PY_APP,
      'app.py': [
        'import os',
        'from aws_cdk import aws_lambda as lambda_',
        'D = "a"',
        'D = "b"',
        'lambda_.Function(None, "Env", runtime=lambda_.Runtime.PYTHON_3_12, handler=os.environ["H"], code=lambda_.Code.from_asset(D))',
        'lambda_.Function(None, "Zip", runtime=lambda_.Runtime.PYTHON_3_12, handler="x.y", code=lambda_.Code.from_asset("dist/fn.zip"))',
        'lambda_.Function(None, "Bundled", runtime=lambda_.Runtime.PYTHON_3_12, handler="x.y", code=lambda_.Code.from_asset("src", bundling=lambda_.BundlingOptions(image=None)))',
        'lambda_.Function(None, "Inline", runtime=lambda_.Runtime.PYTHON_3_12, handler="index.h", code=lambda_.Code.from_inline("def h(e, c): pass"))',
      ].join('\n'),
      'src/x.py': '',
    });
    const env = fn(f, 'Env');
    expect(env.handler).toMatchObject({ known: false, why: expect.stringContaining('is not a literal'), loc: { line: 5 } });
    expect(env.layout).toMatchObject({ known: false, why: 'the asset path: D is assigned 2 times' });
    const zip = fn(f, 'Zip');
    expect(zip.artifact).toBe('dist/fn.zip');
    expect(zip.layout).toMatchObject({ known: false, why: 'a prebuilt zip dist/fn.zip: built outside the CDK app' });
    expect(fn(f, 'Bundled').layout).toMatchObject({ known: false, why: expect.stringContaining('bundling') });
    expect(fn(f, 'Inline').layout).toMatchObject({ known: false, why: 'Code.fromInline: the code is in the stack' });
    expect(f.unknowns).toContainEqual(expect.objectContaining({ what: 'Env handler' }));
  });

  it('layers: LayerVersion and PythonLayerVersion in DeployFacts.layers, a function naming one by its variable', () => {
    const f = facts({
      ...PY_APP,
      'app.py': [
        'from aws_cdk import aws_lambda as lambda_',
        'from aws_cdk.aws_lambda_python_alpha import PythonLayerVersion',
        'class S:',
        '    def __init__(self):',
        '        self.shared = lambda_.LayerVersion(self, "Shared", code=lambda_.Code.from_asset("layers/shared"))',
        '        deps = PythonLayerVersion(self, "Deps", entry="layers/deps")',
        '        ext = lambda_.LayerVersion.from_layer_version_arn(self, "Ext", "arn:aws:lambda:eu-west-1:1:layer:x:1")',
        '        lambda_.Function(self, "Fn", runtime=lambda_.Runtime.PYTHON_3_12, handler="h.h", code=lambda_.Code.from_asset("src"), layers=[self.shared, deps, ext])',
      ].join('\n'),
      'layers/shared/python/shared/__init__.py': '',
      'layers/deps/util.py': '',
      'src/h.py': '',
    });
    expect(f.layers?.map((l) => [l.name, l.source])).toEqual([['Shared', 'cdk'], ['Deps', 'cdk']]);
    expect(f.layers![0].content).toMatchObject({ known: true, value: { how: 'code-root', codeRoot: 'layers/shared' } });
    expect(f.layers![1].content).toMatchObject({ known: true, value: { how: 'simulated', files: [{ dest: 'python/util.py', src: 'layers/deps/util.py' }] } });
    const layers = fn(f, 'Fn').layers!;
    expect(layers.map((l) => [l.text, l.layer])).toEqual([['Shared', 'Shared'], ['Deps', 'Deps'], ['arn:aws:lambda:eu-west-1:1:layer:x:1', undefined]]);
  });
});

describe('CDK code forms', () => {
  it('new AssetCode(path) and v1 Code.asset(path) are asset folders; an image from an unknown directory says so', () => {
    const f = facts({
      ...PY_APP,
      'app.py': [
        'from aws_cdk import aws_lambda as lambda_',
        'def make(self, directory):',
        '    lambda_.Function(self, "A", runtime=lambda_.Runtime.PYTHON_3_12, handler="h.h", code=lambda_.AssetCode("src"))',
        '    lambda_.Function(self, "B", runtime=lambda_.Runtime.PYTHON_3_12, handler="h.h", code=lambda_.Code.asset("src"))',
        '    lambda_.DockerImageFunction(self, "C", code=lambda_.DockerImageCode.from_image_asset(directory))',
      ].join('\n'),
      'src/h.py': '',
    });
    expect(fn(f, 'A').layout).toMatchObject({ known: true, value: { codeRoot: 'src' } });
    expect(fn(f, 'B').layout).toMatchObject({ known: true, value: { codeRoot: 'src' } });
    expect(fn(f, 'C').handler).toMatchObject({ known: false, why: 'image function without cmd, built from a directory not known (the image directory: directory is a parameter): its CMD cannot be read' });
  });
});

describe('CDK names that are not constants', () => {
  it('a parameter or loop variable is not the constant of the same name elsewhere in the file', () => {
    const py = facts({
      ...PY_APP,
      'app.py': [
        'from aws_cdk import aws_lambda as lambda_',
        'handler = "orders.main"',
        'code_dir = "src"',
        'def make(self, handler):',
        '    lambda_.Function(self, "P", runtime=lambda_.Runtime.PYTHON_3_12, handler=handler, code=lambda_.Code.from_asset(code_dir))',
        // A loop over what synth computes (a literal loop is read per iteration: cdk-python-loops.test.ts).
        'for code_dir in os.listdir("lambdas"):',
        '    lambda_.Function(None, "L", runtime=lambda_.Runtime.PYTHON_3_12, handler="x.y", code=lambda_.Code.from_asset(code_dir))',
      ].join('\n'),
      'src/orders.py': '',
    });
    expect(fn(py, 'P').handler).toMatchObject({ known: false, why: 'handler: handler is a parameter' });
    expect(fn(py, 'L').layout).toMatchObject({ known: false, why: 'the asset path: code_dir is a loop variable' });
    const ts = facts({
      ...TS_APP,
      'bin/app.ts': [
        "import * as lambda from 'aws-cdk-lib/aws-lambda';",
        "const handler = 'orders.main';",
        'export function make(scope: any, handler: string) {',
        "  new lambda.Function(scope, 'T', { runtime: lambda.Runtime.PYTHON_3_12, handler, code: lambda.Code.fromAsset('src') });",
        '}',
      ].join('\n'),
      'src/orders.py': '',
    });
    expect(fn(ts, 'T').handler).toMatchObject({ known: false, why: 'handler: handler is a parameter' });
  });
});

describe('CDK apps in TypeScript', () => {
  it('named imports with aliases, a props object constant, a class field, a template with __dirname', () => {
    const f = facts({
      ...TS_APP,
      'bin/app.ts': "import { S } from '../lib/s';\nnew S();\n",
      'lib/s.ts': [
        "import { Function as LambdaFunction, Runtime, Code } from 'aws-cdk-lib/aws-lambda';",
        "import { aws_lambda as lambda } from 'aws-cdk-lib';",
        'export class S {',
        '  dir = `${__dirname}/../functions/orders`;',
        '  constructor(scope: any, id: string) {',
        "    const props = { runtime: Runtime.PYTHON_3_12, handler: 'orders.main', code: Code.fromAsset(this.dir) };",
        "    new LambdaFunction(this, 'Orders', props);",
        "    new lambda.Function(this, 'Env', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.h', code: lambda.Code.fromAsset(process.env.CODE_DIR!) });",
        '  }',
        '}',
      ].join('\n'),
      'functions/orders/orders.py': '',
    });
    expect(f.problems).toEqual([]);
    expect(fn(f, 'Orders')).toMatchObject({ handler: { known: true, value: 'orders.main' }, layout: { known: true, value: { codeRoot: 'functions/orders' } } });
    const env = fn(f, 'Env');
    expect(env.runtime).toMatchObject({ known: true, value: 'nodejs20.x' });
    expect(env.layout).toMatchObject({ known: false, why: 'the asset path: process.env.CODE_DIR is an environment variable' });
  });

  it('PythonFunction of CDK v1 with the defaults: index.py, handler; path from require()', () => {
    const f = facts({
      'cdk.json': '{"app": "node bin/app.js"}',
      'bin/app.ts': "import * as py from '@aws-cdk/aws-lambda-python';\nconst path = require('path');\nnew py.PythonFunction(this, 'Fn', { entry: path.join(__dirname, '..', 'src') });\n",
      'src/index.py': 'def handler(e, c): pass\n',
    });
    expect(fn(f, 'Fn')).toMatchObject({ handler: { known: true, value: 'index.handler' }, runtime: { known: true, value: 'python3' }, layout: { known: true, value: { codeRoot: 'src' } } });
  });

  it('DockerImageFunction: DockerImageCode.fromImageAsset with file and target; without cmd the CMD is the handler', () => {
    const f = facts({
      ...TS_APP,
      'bin/app.ts': [
        "import * as path from 'node:path';",
        "import { DockerImageFunction, DockerImageCode } from 'aws-cdk-lib/aws-lambda';",
        "new DockerImageFunction(this, 'Img', { code: DockerImageCode.fromImageAsset(path.join(__dirname, '..'), { file: 'docker/Dockerfile.lambda', target: 'runtime' }) });",
      ].join('\n'),
      'docker/Dockerfile.lambda': 'FROM public.ecr.aws/lambda/python:3.12 AS runtime\nCOPY app/ ${LAMBDA_TASK_ROOT}/\nCMD ["main.handler"]\n',
      'app/main.py': 'def handler(e, c): pass\n',
    });
    const img = fn(f, 'Img');
    expect(img).toMatchObject({ packageType: 'image', dockerfile: 'docker/Dockerfile.lambda', dockerContext: '', dockerTarget: 'runtime' });
    // Linked to the Dockerfile (built with the repository as context): its CMD and COPY.
    expect(img.handler).toMatchObject({ known: true, value: 'main.handler' });
    expect(img.layout.known && img.layout.value.files?.map((x) => x.dest)).toEqual(['main.py']);
    expect(fns(f).map((x) => x.name)).toEqual(['Img']);
  });
});

describe('cdk.json', () => {
  it('an app in another language, or a script that is not there, is an unknown with why', () => {
    const java = facts({ 'cdk.json': '{"app": "mvn -e -q compile exec:java"}' });
    expect(java.unknowns).toEqual([expect.objectContaining({ what: 'CDK app', why: 'the app command "mvn -e -q compile exec:java" runs no Python or TypeScript script' })]);
    const missing = facts({ 'infra/cdk.json': '{"app": "python3 app.py"}' });
    expect(missing.unknowns[0].why).toBe('the app script infra/app.py is not in the checked folder');
  });

  it('readDeployFiles reads the app script and what it imports, and no other Python file', async () => {
    const texts: Record<string, string> = {
      ...PY_APP,
      'app.py': 'from stacks.api import Api\n',
      'stacks/api.py': 'from aws_cdk import aws_lambda as l\nfrom . import helpers\n',
      'stacks/helpers.py': 'X = 1\n',
      'lambda/handler.py': 'import stacks\n',
      'other/tool.py': 'print(1)\n',
    };
    const asked: string[][] = [];
    const files = await readDeployFiles(SOURCES, Object.keys(texts), async (ps) => (asked.push(ps), ps.map((p) => ({ path: p, text: texts[p] }))), () => contextFromPaths(Object.keys(texts)));
    expect(files.map((f) => f.path)).toEqual(['cdk.json', 'app.py', 'stacks/api.py', 'stacks/helpers.py']);
    // app.py is a candidate by name (a CDK app without cdk.json, deploy5): read in the first round, once.
    expect(asked).toEqual([['cdk.json', 'app.py'], ['stacks/api.py'], ['stacks/helpers.py']]);
    expect(cdkSource.matches('infra/cdk.json')).toBe(true);
    expect(cdkSource.matches('cdk.context.json')).toBe(false);
  });
});
