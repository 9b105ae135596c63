// Topic deploy6 (#15 item 4, real code: kter/whiskey): `Code.fromAsset(dir, { bundling: { command } })` packages what
// the command writes to /asset-output, run with the asset folder mounted at /asset-input as its working directory
// (aws-cdk-lib AssetStaging.bundle). The command runs on the shell simulator (src/sources/cdk-bundling.ts). Docker is
// not here: the proof runs the same script with the real bash and cp in a copy of the asset folder (the output mount
// spelled as a temporary folder), then imports the handler from it with Python.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectDeployFacts, contextFromPaths } from '../../src/sources/index.js';
import type { SourceFunction } from '../../src/sources/common.js';
import { commitAll, makeRepo, python, runCli, tempDir, writeTree } from '../helpers.js';

const stack = (script: string) =>
  [
    "import * as path from 'path';",
    "import * as lambda from 'aws-cdk-lib/aws-lambda';",
    "const BUNDLING_COMMAND = " + JSON.stringify(script) + ';',
    'export class S {',
    '  constructor(scope: any) {',
    "    new lambda.Function(scope, 'Api', { runtime: lambda.Runtime.PYTHON_3_12, handler: 'index.handler', code: lambda.Code.fromAsset(path.join(__dirname, '..', 'lambda', 'api'), { bundling: { image: lambda.Runtime.PYTHON_3_12.bundlingImage, command: ['bash', '-c', BUNDLING_COMMAND] } }) });",
    '  }',
    '}',
    '',
  ].join('\n');

const FILES = {
  'cdk.json': '{"app": "npx ts-node bin/app.ts"}',
  'bin/app.ts': "import { S } from '../lib/s';\nnew S(undefined as any);\n",
  'lambda/api/index.py': 'from helpers import ok\n\n\ndef handler(event, context):\n    return ok()\n',
  'lambda/api/helpers.py': 'def ok():\n    return {"statusCode": 200}\n',
  'lambda/api/requirements.txt': '',
};

/** The real bash running the bundling script in a copy of the asset folder, /asset-output a temporary folder. */
function bundle(dir: string, script: string): string {
  const input = tempDir('pc-bundle-in-');
  const output = tempDir('pc-bundle-out-');
  execFileSync('cp', ['-a', `${path.join(dir, 'lambda/api')}/.`, input]);
  execFileSync('bash', ['-c', script.replaceAll('/asset-output', output).replace(/pip install [^&;]*/, 'true')], { cwd: input });
  return output;
}

const FULL = 'if [ -f requirements.txt ]; then pip install -r requirements.txt -t /asset-output; fi && cp -au . /asset-output';
const HANDLER_ONLY = 'pip install -r requirements.txt -t /asset-output && cp index.py /asset-output/';

describe('CDK bundling commands, simulated', () => {
  it('deploy6: cp -au . /asset-output packages the folder as CDK does (the real cp puts the contents there)', () => {
    const f = collectDeployFacts(Object.entries({ ...FILES, 'lib/s.ts': stack(FULL) }).map(([p, text]) => ({ path: p, text })), contextFromPaths([...Object.keys(FILES), 'lib/s.ts']));
    const api = (f.functions as SourceFunction[]).find((x) => x.name === 'Api')!;
    expect(api.layout.known && api.layout.value.files?.map((x) => [x.dest, x.src])).toEqual([
      ['helpers.py', 'lambda/api/helpers.py'],
      ['index.py', 'lambda/api/index.py'],
      ['requirements.txt', 'lambda/api/requirements.txt'],
    ]);
  });

  for (const [name, script, works] of [
    ['the command copies the folder: the package imports', FULL, true],
    ['the command copies index.py only: helpers is not packaged (MOD003)', HANDLER_ONLY, false],
  ] as const) {
    it(`deploy6: ${name}`, () => {
      const dir = makeRepo();
      writeTree({ ...FILES, 'lib/s.ts': stack(script) }, dir);
      commitAll(dir);
      const out = bundle(dir, script);
      expect(fs.existsSync(path.join(out, 'index.py'))).toBe(true);
      const r = python('import index; index.handler({}, None)', out);
      expect(r.code === 0).toBe(works);
      const cli = runCli([], { cwd: dir });
      if (works) {
        expect(cli.stdout).toMatch(/No problems found/);
        expect(cli.code).toBe(0);
      } else {
        expect(r.stderr).toMatch(/No module named 'helpers'/);
        expect(cli.stdout).toMatch(/lambda\/api\/index\.py:1:6 {2}MOD003 {2}error {2}"helpers" does not resolve under \/var\/task \(the package of Api as lib\/s\.ts builds it/);
        expect(cli.code).toBe(1);
      }
    });
  }

  it('deploy6: a command that is not a literal list is named, not guessed', () => {
    const s = stack(FULL).replace("command: ['bash', '-c', BUNDLING_COMMAND]", 'command: process.env.CMD as any');
    const f = collectDeployFacts(Object.entries({ ...FILES, 'lib/s.ts': s }).map(([p, text]) => ({ path: p, text })), contextFromPaths([...Object.keys(FILES), 'lib/s.ts']));
    const api = (f.functions as SourceFunction[]).find((x) => x.name === 'Api')!;
    expect(api.layout).toMatchObject({ known: false, why: 'Code.fromAsset with bundling: the command: process.env.CMD is an environment variable' });
  });
});
