// verify on the bundled examples, with real Python: the incident's Lambda entry point fails to
// import (CMEActivityTopic) and its router map names modules that do not exist under the root;
// the fixed twin passes. Mangum is not in Debian: handler.py's import of it is an environment note.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { VerifyTarget } from '../../src/verify/findings.js';
import { verifyTarget } from '../../src/verify/verify.js';
import { PYTHON, REPO } from '../helpers.js';

function target(example: string, mapLines: number[], mapPaths: string[]): VerifyTarget {
  const root = 'apps/backend-api/src';
  const base = path.join(REPO, 'examples', example);
  const files = (fs.readdirSync(path.join(base, root), { recursive: true }) as string[])
    .map((p) => p.split(path.sep).join('/'))
    .filter((p) => fs.statSync(path.join(base, root, p)).isFile())
    .map((dest) => ({ dest, src: `${root}/${dest}` }));
  const loc = (line: number) => ({ file: `${root}/lazy_app.py`, line, column: 1, endLine: line, endColumn: 1 });
  return {
    app: 'backend-api',
    label: 'app root apps/backend-api/src',
    files,
    entries: [
      { file: `${root}/main.py`, module: 'main', role: 'eager' },
      { file: `${root}/lazy_app.py`, module: 'lazy_app', role: 'lambda' },
      { file: `${root}/handler.py`, module: 'handler', role: 'lambda', handler: 'handler' },
    ],
    modulePaths: mapPaths.map((p, i) => ({ path: p, attrs: ['router'], loc: loc(mapLines[i]) })),
    loaders: ['lazy_app.lazy_router_loader'],
    repoNames: new Set(['apps', 'backend-api', 'src', 'api', 'contexts', 'core', 'shared', 'main', 'lazy_app', 'handler']),
  };
}

const read = (example: string) => (src: string) => fs.readFileSync(path.join(REPO, 'examples', example, src));
const NAMES = ['providers', 'licenses', 'documents', 'cme'];

describe('verify (real Python)', () => {
  it('examples/incident: the import error of the Lambda entry point at its line, and every src. path', async () => {
    const before = fs.readdirSync(path.join(REPO, 'examples'), { recursive: true }).length;
    const r = await verifyTarget(target('incident', [27, 28, 29, 30], NAMES.map((n) => `src.api.v1.${n}`)), { python: PYTHON, timeoutMs: 20_000, readFile: read('incident') });
    const got = r.findings.map((f) => `${f.ruleId} ${f.file}:${f.line} ${f.message}`);
    expect(got).toContainEqual(
      expect.stringMatching(/^VER001 apps\/backend-api\/src\/lazy_app\.py:11 import lazy_app raises ImportError: cannot import name 'CMEActivityTopic' from 'contexts\.cme\.topics'/),
    );
    for (const [i, n] of NAMES.entries())
      expect(got).toContainEqual(`VER003 apps/backend-api/src/lazy_app.py:${27 + i} importlib.import_module("src.api.v1.${n}") raises ModuleNotFoundError: No module named 'src' on the first request (app root apps/backend-api/src)`);
    expect(r.notes.join('\n')).toContain("'mangum' is not installed");
    expect(fs.readdirSync(path.join(REPO, 'examples'), { recursive: true }).length).toBe(before);
  });

  it('examples/fixed passes: no finding, only the environment note', async () => {
    const r = await verifyTarget(target('fixed', [30, 31, 32, 33], NAMES.map((n) => `api.v1.${n}`)), { python: PYTHON, timeoutMs: 20_000, readFile: read('fixed') });
    expect(r.findings).toEqual([]);
    expect(r.notes).toHaveLength(1);
  });
});
