// newcomer topic (#18 point 10): pretty paths are relative to the current folder wherever the checked
// folder is: from an unrelated folder (`cd /tmp && parity-check /srv/repo/backend`) and from a
// subfolder whose config is at the repository top (`cd backend && parity-check .`). Each printed
// `path:line:col` must open from the cwd; GitHub annotations and SARIF stay relative to the repository
// top. The finding is Python's verdict (an ImportError at the line printed).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitAll, makeRepo, python, runCli, tempDir, writeTree } from '../helpers.js';

function monorepo(): string {
  const repo = makeRepo();
  writeTree({
    'parity-check.config.json': JSON.stringify({ apps: [{ name: 'api', root: 'backend/src', entrypoints: ['main.py'] }] }),
    'backend/src/main.py': 'import os\nfrom util import helpr\n',
    'backend/src/util.py': 'def helper():\n    return 1\n',
  }, repo);
  commitAll(repo);
  return repo;
}

/** The `file:line:col` of each MOD004 header line. */
const places = (out: string) => [...out.matchAll(/^(\S+\.py):(\d+):(\d+) {2}MOD004/gm)].map((m) => ({ file: m[1], line: Number(m[2]) }));

/** The line a printed place names, read from `cwd` as a terminal's click would. */
const lineAt = (cwd: string, p: { file: string; line: number }) => fs.readFileSync(path.resolve(cwd, p.file), 'utf8').split('\n')[p.line - 1];

describe('newcomer: pretty paths open from the current folder', () => {
  const repo = monorepo();
  const backend = path.join(repo, 'backend');

  it('newcomer-paths-proof: Python fails at the import the check names', () => {
    const r = python('import main', path.join(backend, 'src'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("cannot import name 'helpr' from 'util'");
  });

  it('newcomer-paths-unrelated-cwd: a folder checked from an unrelated folder prints paths that open from there', () => {
    const elsewhere = tempDir('pc-elsewhere-');
    const r = runCli([backend], { cwd: elsewhere });
    expect(r.code).toBe(1);
    const found = places(r.stdout);
    // Outside the current folder a path is absolute, as ruff prints it (no ../../ climb).
    expect(found).toEqual([{ file: path.join(backend, 'src', 'main.py').split(path.sep).join('/'), line: 2 }]);
    expect(lineAt(elsewhere, found[0])).toBe('from util import helpr');
    expect(r.stdout).toContain('> 2 | from util import helpr');
    // GitHub annotations stay relative to the repository top, from anywhere.
    const gh = runCli([backend, '--format', 'github'], { cwd: elsewhere });
    expect(gh.stdout).toMatch(/^::error file=backend\/src\/main\.py,line=2,/m);
    const sarif = JSON.parse(runCli([backend, '--format', 'sarif'], { cwd: elsewhere }).stdout);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('backend/src/main.py');
  });

  it('newcomer-paths-config-above: `cd backend && parity-check .` with the config at the top prints paths from backend/', () => {
    const r = runCli(['.'], { cwd: backend });
    expect(r.code).toBe(1);
    const found = places(r.stdout);
    expect(found).toEqual([{ file: 'src/main.py', line: 2 }]);
    expect(lineAt(backend, found[0])).toBe('from util import helpr');
    const deeper = runCli(['..'], { cwd: path.join(backend, 'src') });
    expect(places(deeper.stdout)).toEqual([{ file: 'main.py', line: 2 }]);
  });
});
