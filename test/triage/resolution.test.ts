// triage's own answer where no static finding explains a failure: the module the log names,
// resolved under the deploy root the way Python resolves it (with "did you mean"), and a frame in a
// layer (/opt/python/...) mapped back to the folder the layer is built from. Each verdict is what
// /usr/bin/python3 does with PYTHONPATH at the package root (and the layer's python/ after it).
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO, commitAll, copyTree, makeRepo, python, runCli, tempDir, writeTree } from '../helpers.js';

const ROOT = 'apps/backend-api/src';
let repo = '';

beforeAll(() => {
  repo = makeRepo(copyTree(path.join(REPO, 'examples', 'fixed'), tempDir('pc-triage-res-')));
  commitAll(repo, 'the fixed example');
});

interface Out {
  failures: { kind: string; at?: { file: string; line: number }; findings: unknown[]; resolution?: { module: string; verdict: string; suggestion?: string; file?: string } }[];
}
const initError = (module: string) => `[ERROR] Runtime.ImportModuleError: Unable to import module 'handler': No module named '${module}'\nTraceback (most recent call last):\n`;
const triageJson = (dir: string, log: string): Out => {
  const r = runCli(['triage', '-', '--path', dir, '--format', 'json'], { input: log });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Out;
};

describe('triage: the missing module resolved under the deploy root', () => {
  it("a misspelt repository module: no static finding, and \"did you mean 'api.v1.providers'\"", () => {
    const root = path.join(repo, ROOT);
    // Python: the logged name fails under the package root, the suggestion imports.
    expect(python('import api.v1.provider', root).stderr).toContain("No module named 'api.v1.provider'");
    expect(python('import api.v1.providers', root).code).toBe(0);
    const [f] = triageJson(repo, initError('api.v1.provider')).failures;
    expect(f.findings).toEqual([]);
    expect(f.resolution).toMatchObject({ module: 'api.v1.provider', verdict: 'missing-local', suggestion: 'api.v1.providers' });
    const pretty = runCli(['triage', '-', '--path', repo], { input: initError('api.v1.provider') }).stdout;
    expect(pretty).toContain("  resolved: 'api.v1.provider' does not resolve under");
    expect(pretty).toContain("did you mean 'api.v1.providers'?");
  });

  it('a module the repository has: the deployed package differs from the repository', () => {
    expect(python('import contexts.cme.topics', path.join(repo, ROOT)).code).toBe(0);
    const [f] = triageJson(repo, initError('contexts.cme.topics')).failures;
    expect(f.resolution).toMatchObject({ verdict: 'local', file: `${ROOT}/contexts/cme/topics.py` });
    expect(runCli(['triage', '-', '--path', repo], { input: initError('contexts.cme.topics') }).stdout).toContain('the package that was deployed differs from it');
  });

  it('a declared dependency the package lacks, and a module nobody declares', () => {
    // requirements.txt declares mangum; stripe is neither declared nor the repository's.
    expect(fs.readFileSync(path.join(repo, 'apps/backend-api/requirements.txt'), 'utf8')).toContain('mangum');
    expect(triageJson(repo, initError('mangum')).failures[0].resolution).toMatchObject({ verdict: 'dependency' });
    const stripe = triageJson(repo, initError('stripe')).failures[0];
    expect(stripe.resolution).toMatchObject({ module: 'stripe', verdict: 'undeclared' });
    expect(stripe.resolution!.suggestion).toBeUndefined();
  });

  it('a failure a static finding explains carries no resolution of its own', () => {
    const broken = makeRepo(copyTree(path.join(REPO, 'examples', 'incident'), tempDir('pc-triage-res-')));
    commitAll(broken, 'the incident');
    const [f] = triageJson(broken, initError('src')).failures;
    expect(f.findings.length).toBeGreaterThan(0);
    expect(f.resolution).toBeUndefined();
  });
});

describe('triage: a frame in a layer', () => {
  const files = {
    'template.yaml': `Transform: AWS::Serverless-2016-10-31
Resources:
  Shared:
    Type: AWS::Serverless::LayerVersion
    Properties:
      ContentUri: layers/shared
  Api:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: handler.handler
      Runtime: python3.12
      Layers:
        - !Ref Shared
`,
    'src/handler.py': 'from shared_db import connect\n\nconn = connect()\n\n\ndef handler(event, context):\n    return {"statusCode": 200}\n',
    'layers/shared/python/shared_db.py': 'import os\n\n\ndef connect():\n    return os.environ["DB_URL"]\n',
  };

  it('/opt/python/shared_db.py line 5 is layers/shared/python/shared_db.py:5, as Python prints it', () => {
    const dir = makeRepo(writeTree(files, tempDir('pc-triage-layer-')));
    commitAll(dir, 'a function and its layer');
    // Python with the package root then the layer's python/ on the path, as Lambda has /var/task then /opt/python.
    const r = python('import handler', `${path.join(dir, 'src')}:${path.join(dir, 'layers/shared/python')}`, { env: { PATH: process.env.PATH ?? '' } });
    expect(r.stderr).toContain(`File "${path.join(dir, 'layers/shared/python/shared_db.py')}", line 5, in connect`);
    expect(r.stderr).toContain("KeyError: 'DB_URL'");
    const log = [
      "[ERROR] KeyError: 'DB_URL'",
      'Traceback (most recent call last):',
      '  File "/var/lang/lib/python3.12/importlib/__init__.py", line 90, in import_module',
      '  File "/var/task/handler.py", line 3, in <module>',
      '    conn = connect()',
      '  File "/opt/python/shared_db.py", line 5, in connect',
      '    return os.environ["DB_URL"]',
      '',
    ].join('\n');
    const [f] = triageJson(dir, log).failures;
    expect(f.at).toEqual({ file: 'layers/shared/python/shared_db.py', line: 5 });
    const pretty = runCli(['triage', '-', '--path', dir], { input: log }).stdout;
    expect(pretty).toContain('  >    5 |     return os.environ["DB_URL"]');
  });
});
