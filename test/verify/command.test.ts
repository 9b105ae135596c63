// verify as a whole on the bundled examples (real Python): the static check, the targets it gives,
// each entry point imported in its own process, and the static findings labelled by what Python did.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runVerify } from '../../src/verify/command.js';
import { PYTHON, REPO, copyTree, tempDir, writeTree } from '../helpers.js';

const made: string[] = [];
afterAll(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

const opts = { python: PYTHON, timeoutMs: 20_000 };
const line = (f: { ruleId: string; file: string; line: number }) => `${f.ruleId} ${f.file}:${f.line}`;

/** Every file and its bytes, to prove verify wrote nothing into the repository. */
function listing(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).sort().map((p) => {
    const abs = path.join(dir, p);
    return fs.statSync(abs).isFile() ? `${p} ${fs.readFileSync(abs).toString('base64')}` : p;
  });
}

describe('verify command (real Python)', () => {
  it('examples/incident: the CMEActivityTopic import at its line, the src. paths, and the static findings confirmed', async () => {
    const base = path.join(REPO, 'examples', 'incident');
    const before = listing(base);
    const r = await runVerify({ base, ...opts });
    const src = 'apps/backend-api/src';
    expect(r.findings.map(line).sort()).toEqual([`VER001 ${src}/lazy_app.py:11`, `VER003 ${src}/lazy_app.py:27`, `VER003 ${src}/lazy_app.py:28`, `VER003 ${src}/lazy_app.py:29`, `VER003 ${src}/lazy_app.py:30`]);
    const verdicts = r.staticFindings.map((v) => `${line(v.finding)} ${v.verdict}`).sort();
    expect(verdicts).toEqual([
      `MDL001 ${src}/contexts/auth/models.py:12 not-run`,
      `MOD001 ${src}/lazy_app.py:27 confirmed`,
      `MOD001 ${src}/lazy_app.py:28 confirmed`,
      `MOD001 ${src}/lazy_app.py:29 confirmed`,
      `MOD001 ${src}/lazy_app.py:30 confirmed`,
      `MOD004 ${src}/lazy_app.py:11 confirmed`,
      `PAR001 ${src}/main.py:23 not-run`,
    ]);
    expect(r.runtimeOnly).toEqual([]);
    expect(listing(base)).toEqual(before);
  });

  it('examples/fixed passes', async () => {
    const r = await runVerify({ base: path.join(REPO, 'examples', 'fixed'), ...opts });
    expect(r.findings).toEqual([]);
    expect(r.staticFindings).toEqual([]);
    // Every entry point was really imported: main and lazy_app gave results, handler only lacks Mangum.
    expect(r.reports.flatMap((x) => x.runs.map((run) => `${run.entry.module} ${run.outcome.kind}`))).toEqual(['main result', 'lazy_app result', 'handler result']);
    expect(r.notes).toEqual([expect.stringContaining("'mangum' is not installed")]);
  });

  it('a copy of examples/fixed with a middleware removed from the Lambda entry point and a lazy router that raises: both, with file and line', async () => {
    const dir = copyTree(path.join(REPO, 'examples', 'fixed'), tempDir('pc-verify-'));
    made.push(dir);
    const src = 'apps/backend-api/src';
    const lazy = path.join(dir, src, 'lazy_app.py');
    const text = fs.readFileSync(lazy, 'utf8');
    expect(text).toContain('app.add_middleware(GZipMiddleware, minimum_size=500)\n');
    fs.writeFileSync(lazy, text.replace('app.add_middleware(GZipMiddleware, minimum_size=500)\n', ''));
    const cme = path.join(dir, src, 'api/v1/cme.py');
    // Raises on Lambda only (a setting the developer's machine has): main.py, run as uvicorn runs it, still imports.
    fs.appendFileSync(cme, '\nimport os\n\nif "AWS_LAMBDA_FUNCTION_NAME" in os.environ:\n    raise RuntimeError("CME service not configured")\n');
    const cmeLines = fs.readFileSync(cme, 'utf8').split('\n').length - 1;
    const r = await runVerify({ base: dir, ...opts });
    const got = r.findings.map((f) => `${line(f)} ${f.message}`);
    expect(got).toContainEqual(expect.stringMatching(new RegExp(`^VER005 ${src}/lazy_app.py:1 live apps differ \\(middleware\\): starlette.middleware.gzip.GZipMiddleware\\(minimum_size=500\\) runs in the eager app only`)));
    const raised = r.findings.find((f) => f.ruleId === 'VER003')!;
    expect(raised.message).toContain('importlib.import_module("api.v1.cme") raises RuntimeError: CME service not configured on the first request');
    expect(raised.related).toEqual([{ file: `${src}/api/v1/cme.py`, line: cmeLines, column: 1, endLine: cmeLines, endColumn: 1 }]);
    // The static check saw the middleware gap (PAR001) and Python confirms it; the raise is runtime only.
    expect(r.staticFindings.map((v) => `${v.finding.ruleId} ${v.verdict}`)).toEqual(['PAR001 confirmed']);
    expect(r.runtimeOnly.map((f) => f.ruleId)).toEqual(['VER003']);
  });

  it('a static finding is not run, not "not confirmed", when the interpreter lacks the app\'s packages', async () => {
    // python3 -S has no site-packages, so no fastapi: lazy_app.py stops at its first line and never
    // reaches the import MOD004 reports. That Python did not hit it says nothing of it.
    const bin = writeTree({ 'python-no-site': '#!/bin/sh\nexec /usr/bin/python3 -S "$@"\n' }, tempDir('pc-verify-bin-'));
    made.push(bin);
    fs.chmodSync(path.join(bin, 'python-no-site'), 0o755);
    const r = await runVerify({ base: path.join(REPO, 'examples', 'incident'), python: path.join(bin, 'python-no-site'), timeoutMs: 20_000 });
    const mod004 = r.staticFindings.filter((v) => v.finding.ruleId === 'MOD004').map((v) => v.verdict);
    expect(mod004).toEqual(['not-run']);
    expect(r.notes.some((n) => n.includes("'fastapi' is not installed for the interpreter verify runs"))).toBe(true);
  });

  it('a static false alarm is labelled not confirmed', async () => {
    // getattr(app, "add_middleware")(GZipMiddleware) registers GZip as add_middleware does, but the static
    // reading does not follow a method looked up by name: PAR001 says lazy_app.py lacks it, and real
    // Python shows both apps with GZip, so verify does not confirm the finding.
    const dir = writeTree(
      {
        'main.py': 'from fastapi import FastAPI\nfrom fastapi.middleware.gzip import GZipMiddleware\n\napp = FastAPI()\napp.add_middleware(GZipMiddleware)\n',
        'lazy_app.py':
          'from fastapi import FastAPI\nfrom fastapi.middleware.gzip import GZipMiddleware\n\napp = FastAPI()\ngetattr(app, "add_middleware")(GZipMiddleware)\n',
        // Mangum is not in Debian: a minimal stand-in with its constructor's shape (verify needs only the import to work).
        'mangum.py': 'class Mangum:\n    def __init__(self, app, lifespan="auto"):\n        self.app = app\n\n    def __call__(self, event, context):\n        return {}\n',
        'handler.py': 'from mangum import Mangum\n\nfrom lazy_app import app\n\nhandler = Mangum(app)\n',
        'parity-check.config.json': JSON.stringify({ apps: [{ name: 'app', root: '.', entrypoints: ['main.py', 'lazy_app.py', 'handler.py'] }] }),
      },
      tempDir('pc-verify-'),
    );
    made.push(dir);
    const r = await runVerify({ base: dir, ...opts });
    expect(r.findings).toEqual([]);
    expect(r.staticFindings.map((v) => `${v.finding.ruleId} ${v.verdict}`)).toEqual(['PAR001 not-confirmed']);
  });
});
