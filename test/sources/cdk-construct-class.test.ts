// deploy7 (#15 item 4): a CDK TypeScript construct class whose constructor makes `new lambda.Function` from its
// props, one level (src/sources/cdk-wrappers.ts): each `new ApiFn(this, 'Orders', { dir, handler })` in the file is a
// function, named by CDK's construct path (`Orders/Fn`), with that call's folder and handler. The pair: the second
// instance names a handler its module lacks (Python: AttributeError, importing from the asset folder as CDK zips
// it), and its fixed twin. What is not given at a call stays named as not checked.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectDeployFacts, contextFromPaths } from '../../src/sources/index.js';
import type { SourceFunction } from '../../src/sources/common.js';
import { commitAll, makeRepo, python, runCli, writeTree } from '../helpers.js';

const stack = (usersHandler: string, usersProps = `{ dir: 'services/users', handler: '${usersHandler}' }`) =>
  [
    "import * as lambda from 'aws-cdk-lib/aws-lambda';",
    "import { Construct } from 'constructs';",
    '',
    'interface ApiFnProps { dir: string; handler: string }',
    '',
    'class ApiFn extends Construct {',
    '  constructor(scope: Construct, id: string, props: ApiFnProps) {',
    '    super(scope, id);',
    "    new lambda.Function(this, 'Fn', { runtime: lambda.Runtime.PYTHON_3_12, handler: props.handler, code: lambda.Code.fromAsset(props.dir) });",
    '  }',
    '}',
    '',
    'export class S extends Construct {',
    '  constructor(scope: Construct) {',
    "    super(scope, 'S');",
    "    new ApiFn(this, 'Orders', { dir: 'services/orders', handler: 'main.handler' });",
    `    new ApiFn(this, 'Users', ${usersProps});`,
    '  }',
    '}',
    '',
  ].join('\n');

const module_ = (name: string) => `def ${name}(event, context):\n    return {"statusCode": 200}\n`;
const files = (s: string): Record<string, string> => ({
  'cdk.json': '{"app": "npx ts-node --prefer-ts-exts bin/app.ts"}',
  'bin/app.ts': "import { S } from '../lib/s';\nnew S(undefined as any);\n",
  'lib/s.ts': s,
  'services/orders/main.py': module_('handler'),
  'services/users/main.py': module_('handler'),
});
const fns = (f: Record<string, string>) => collectDeployFacts(Object.entries(f).map(([p, text]) => ({ path: p, text })), contextFromPaths(Object.keys(f))).functions as SourceFunction[];

describe('CDK TypeScript: a construct class made from its props', () => {
  it('one function per `new` of the class, with that call\'s folder and handler (before: one function, not checked)', () => {
    const got = fns(files(stack('main.handler'))).map((f) => [f.name, f.handler.known && f.handler.value, f.layout.known && f.layout.value.codeRoot]);
    expect(got).toEqual([
      ['Orders/Fn', 'main.handler', 'services/orders'],
      ['Users/Fn', 'main.handler', 'services/users'],
    ]);
  });

  it('a prop not given at a call stays unknown, with why', () => {
    const users = fns(files(stack('', "{ dir: 'services/users' } as any"))).find((f) => f.name === 'Users/Fn')!;
    expect(users.handler).toMatchObject({ known: false, why: expect.stringContaining('props.handler is not given at this call') });
  });

  for (const [usersHandler, works] of [['main.handle', false], ['main.handler', true]] as const) {
    it(`${works ? 'fixed' : 'broken'}: Users/Fn's handler ${usersHandler}`, () => {
      const dir = makeRepo();
      writeTree(files(stack(usersHandler)), dir);
      commitAll(dir);
      const attr = usersHandler.split('.')[1];
      const r = python(`import main; main.${attr}`, path.join(dir, 'services/users'));
      expect(r.code === 0).toBe(works);
      const out = runCli([], { cwd: dir });
      if (works) {
        expect(out.stdout).toMatch(/No problems found/);
        expect(out.stdout).not.toMatch(/not checked/); // both functions are checked, not passed over
        expect(out.code).toBe(0);
      } else {
        expect(r.stderr).toMatch(/AttributeError: module 'main' has no attribute 'handle'/);
        expect(out.stdout).toMatch(/lib\/s\.ts:\d+:\d+ {2}HND001 {2}error/);
        expect(out.code).toBe(1);
      }
    });
  }
});
