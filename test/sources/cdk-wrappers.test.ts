// Topic deploy6 (#15 item 4, real code: kter/whiskey's `bundledPythonCode(directory)` wrapper around Code.fromAsset):
// local wrapper functions of a CDK TypeScript app are followed one level (src/sources/cdk-wrappers.ts). A function
// returning Code.fromAsset(path.join(__dirname, ..., dir)) gives each call its folder; a function making
// `new lambda.Function(scope, id, ...)` from its parameters makes one function per call. What is not followed is
// named with why. The pair: the second function made through the wrapper has a handler its module lacks (Python:
// AttributeError, from the asset folder as CDK zips it), and its fixed twin.
import { describe, expect, it } from 'vitest';
import { collectDeployFacts, contextFromPaths } from '../../src/sources/index.js';
import type { SourceFunction } from '../../src/sources/common.js';
import { commitAll, makeRepo, python, runCli, writeTree } from '../helpers.js';
import path from 'node:path';

const TS_APP = { 'cdk.json': '{"app": "npx ts-node --prefer-ts-exts bin/app.ts"}', 'bin/app.ts': "import { S } from '../lib/s';\nnew S(undefined as any);\n" };

const STACK = [
  "import * as path from 'path';",
  "import * as lambda from 'aws-cdk-lib/aws-lambda';",
  '',
  'function makeFunction(scope: any, id: string, dir: string, handler: string) {',
  "  return new lambda.Function(scope, id, { runtime: lambda.Runtime.PYTHON_3_12, handler, code: lambda.Code.fromAsset(path.join(__dirname, '..', dir)) });",
  '}',
  '',
  'export class S {',
  '  constructor(scope: any) {',
  "    const pythonCode = (directory: string): lambda.AssetCode => lambda.Code.fromAsset(path.join(__dirname, '..', 'services', directory));",
  "    makeFunction(scope, 'Orders', 'services/orders', 'main.handler');",
  "    makeFunction(scope, 'Users', 'services/users', 'main.handler');",
  "    new lambda.Function(scope, 'Billing', { runtime: lambda.Runtime.PYTHON_3_12, handler: 'app.handler', code: pythonCode('billing') });",
  '  }',
  '}',
  '',
].join('\n');

const handlerModule = (name: string) => `def ${name}(event, context):\n    return {"statusCode": 200}\n`;

function files(usersHandler: string): Record<string, string> {
  return { ...TS_APP, 'lib/s.ts': STACK, 'services/orders/main.py': handlerModule('handler'), 'services/users/main.py': handlerModule(usersHandler), 'services/billing/app.py': handlerModule('handler') };
}

const fns = (f: Record<string, string>) => collectDeployFacts(Object.entries(f).map(([p, text]) => ({ path: p, text })), contextFromPaths(Object.keys(f))).functions as SourceFunction[];

describe('CDK TypeScript wrappers, one level', () => {
  it('deploy6: a function made per call of a local function, and a Code.fromAsset wrapper, each with its folder', () => {
    const got = fns(files('handler')).map((f) => [f.name, f.handler.known && f.handler.value, f.layout.known && f.layout.value.codeRoot]);
    expect(got).toEqual(
      expect.arrayContaining([
        ['Orders', 'main.handler', 'services/orders'],
        ['Users', 'main.handler', 'services/users'],
        ['Billing', 'app.handler', 'services/billing'],
      ]),
    );
    expect(got).toHaveLength(3);
  });

  it('deploy6: a wrapper with two returns is not followed, and says so', () => {
    const stack = STACK.replace(
      "const pythonCode = (directory: string): lambda.AssetCode => lambda.Code.fromAsset(path.join(__dirname, '..', 'services', directory));",
      "const pythonCode = (directory: string) => { if (directory === 'x') { return lambda.Code.fromAsset('x'); } return lambda.Code.fromAsset(path.join(__dirname, '..', 'services', directory)); };",
    );
    const billing = fns({ ...files('handler'), 'lib/s.ts': stack }).find((f) => f.name === 'Billing')!;
    expect(billing.layout).toMatchObject({ known: false, why: 'code: pythonCode(...): it has 2 return statements: not followed' });
  });

  for (const [name, usersHandler, works] of [
    ['the Users function made through the wrapper names a handler its module lacks: HND001', 'handle', false],
    ['its twin: the module defines it', 'handler', true],
  ] as const) {
    it(`deploy6: ${name}`, () => {
      const dir = makeRepo();
      writeTree(files(usersHandler), dir);
      commitAll(dir);
      // CDK zips the asset folder as it is: Lambda imports main from services/users and reads `handler`.
      const r = python('import main; main.handler', path.join(dir, 'services/users'));
      expect(r.code === 0).toBe(works);
      const out = runCli([], { cwd: dir });
      if (works) {
        expect(out.stdout).toMatch(/No problems found/);
        expect(out.code).toBe(0);
      } else {
        expect(r.stderr).toMatch(/AttributeError: module 'main' has no attribute 'handler'/);
        expect(out.stdout).toMatch(/HND001/);
        expect(out.stdout).toMatch(/services\/users\/main\.py|lib\/s\.ts/);
        expect(out.code).toBe(1);
      }
    });
  }
});
