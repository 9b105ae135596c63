// verify's broken/fixed pairs for the kinds #16 names that the other verify tests do not build: a
// flat-copied package (the spec-427 workflow), a handler the deploy names that does not exist, and a
// middleware added through a helper the static check cannot read (what only real Python sees).
// Each verdict is verify's own run of /usr/bin/python3; the static side is labelled beside it.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runVerify } from '../../src/verify/command.js';
import { PYTHON, REPO, tempDir, writeTree } from '../helpers.js';

const made: string[] = [];
afterAll(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});
const opts = { python: PYTHON, timeoutMs: 20_000 };
const line = (f: { ruleId: string; file: string; line: number }) => `${f.ruleId} ${f.file}:${f.line}`;
const tree = (files: Record<string, string>) => {
  const dir = writeTree(files, tempDir('pc-verify-pairs-'));
  made.push(dir);
  return dir;
};

describe('verify pairs (real Python)', () => {
  it('a flat-copied package: the handler module does not import, and the static LPK003 is confirmed; the structured copy passes', async () => {
    const broken = await runVerify({ base: path.join(REPO, 'test/fixtures/deploy/spec427-broken'), ...opts });
    expect(broken.findings.map(line)).toEqual(['VER001 src/lambdas/ingestion/handler.py:4']);
    expect(broken.findings[0].message).toContain("No module named 'src.lambdas.ingestion'");
    expect(broken.staticFindings.map((v) => `${v.finding.ruleId} ${v.verdict}`)).toContain('LPK003 confirmed');
    expect(broken.runtimeOnly).toEqual([]);
    const fixed = await runVerify({ base: path.join(REPO, 'test/fixtures/deploy/spec427-fixed'), ...opts });
    expect(fixed.findings).toEqual([]);
  });

  const sam = (handler: string) => ({
    'template.yaml': `Transform: AWS::Serverless-2016-10-31\nResources:\n  Api:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src/\n      Runtime: python3.12\n      Handler: ${handler}\n`,
    'src/app.py': 'def handler(event, context):\n    return {"statusCode": 200}\n',
  });

  it('a handler the template names that the module lacks: VER002; the right name passes', async () => {
    const broken = await runVerify({ base: tree(sam('app.handle')), ...opts });
    expect(broken.findings.map((f) => f.ruleId)).toEqual(['VER002']);
    expect(broken.findings[0].file).toBe('src/app.py');
    expect(broken.staticFindings.map((v) => `${v.finding.ruleId} ${v.verdict}`)).toEqual(['HND001 confirmed']);
    const fixed = await runVerify({ base: tree(sam('app.handler')), ...opts });
    expect(fixed.findings).toEqual([]);
  });

  const opaque = (lazyInstalls: boolean) => ({
    // getattr by name: a registration the static reading does not follow.
    'setup_mw.py': 'from fastapi.middleware.gzip import GZipMiddleware\n\n\ndef install(app):\n    getattr(app, "add_middleware")(GZipMiddleware, minimum_size=500)\n',
    'main.py': 'from fastapi import FastAPI\n\nfrom setup_mw import install\n\napp = FastAPI()\ninstall(app)\n',
    'lazy_app.py': `from fastapi import FastAPI\n\nfrom setup_mw import install\n\napp = FastAPI()\n${lazyInstalls ? 'install(app)\n' : ''}`,
    // Mangum is not in Debian: a minimal stand-in with its constructor's shape (verify needs only the import).
    'mangum.py': 'class Mangum:\n    def __init__(self, app, lifespan="auto"):\n        self.app = app\n\n    def __call__(self, event, context):\n        return {}\n',
    'handler.py': 'from mangum import Mangum\n\nfrom lazy_app import app\n\nhandler = Mangum(app)\n',
    'parity-check.config.json': JSON.stringify({ apps: [{ name: 'app', root: '.', entrypoints: ['main.py', 'lazy_app.py', 'handler.py'] }] }),
  });

  it('a middleware added through a helper the static check cannot read: runtime only; the twin that installs it in both passes', async () => {
    const broken = await runVerify({ base: tree(opaque(false)), ...opts });
    expect(broken.staticFindings).toEqual([]);
    expect(broken.runtimeOnly.map((f) => f.ruleId)).toEqual(['VER005']);
    expect(broken.runtimeOnly[0].message).toContain('GZipMiddleware(minimum_size=500) runs in the eager app only');
    const fixed = await runVerify({ base: tree(opaque(true)), ...opts });
    expect(fixed.findings).toEqual([]);
  });

  it('an app with no Lambda entry point (no adapter, no deployed handler): its static findings are not run, and the reason says so', async () => {
    const r = await runVerify({
      base: tree({
        'main.py': 'from fastapi import FastAPI\nfrom fastapi.middleware.gzip import GZipMiddleware\n\napp = FastAPI()\napp.add_middleware(GZipMiddleware)\n',
        'lazy_app.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n',
      }),
      ...opts,
    });
    expect(r.staticFindings.map((v) => `${v.finding.ruleId} ${v.verdict} ${v.noLambdaEntry}`)).toEqual(['PAR001 not-run true']);
  });
});
