// paths topic (#18 point 10): paths that land. Pretty output opens from the folder the command ran
// in (also when the config was found above it); GitHub annotations and SARIF are relative to the top
// of the repository, which is what GitHub resolves them against; JSON stays relative to the checked
// folder's base (the config's folder), as the README documents. Every printed path is checked to
// exist from where it is meant to be read; the finding itself is Python's verdict.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { relocate, prettyPaths, rerootPaths } from '../../src/reporters/paths.js';
import { commitAll, makeRepo, python, runCli, writeTree } from '../helpers.js';

/** A monorepo: the config at the top, the app in backend/src, main.py importing a name util lacks. */
function monorepo(): string {
  const repo = makeRepo();
  writeTree({
    'parity-check.config.json': JSON.stringify({ apps: [{ name: 'api', root: 'backend/src', entrypoints: ['main.py'] }] }),
    'backend/src/main.py': 'from util import helpr\n',
    'backend/src/util.py': 'def helper():\n    return 1\n',
    'frontend/index.js': '',
  }, repo);
  commitAll(repo);
  return repo;
}

const located = (out: string) => [...out.matchAll(/^(\S+\.py):(\d+):(\d+) {2}MOD004/gm)].map((m) => m[1]);

describe('paths: output paths that land', () => {
  const repo = monorepo();
  const backend = path.join(repo, 'backend');

  it('paths-proof: Python fails where Lambda imports the module', () => {
    const r = python('import main', path.join(backend, 'src'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("ImportError: cannot import name 'helpr' from 'util'");
  });

  it('paths-pretty-cwd: relative to the current folder, also with the config found above it', () => {
    const top = runCli([], { cwd: repo });
    expect(located(top.stdout)).toEqual(['backend/src/main.py']);
    const named = runCli(['backend'], { cwd: repo });
    expect(located(named.stdout)).toEqual(['backend/src/main.py']);
    const below = runCli([], { cwd: backend });
    expect(below.code).toBe(1);
    expect(located(below.stdout)).toEqual(['src/main.py']);
    expect(fs.existsSync(path.join(backend, 'src/main.py'))).toBe(true);
    // The code frame is still found under the moved path.
    expect(below.stdout).toContain('> 1 | from util import helpr');
    const deeper = runCli([], { cwd: path.join(backend, 'src') });
    expect(located(deeper.stdout)).toEqual(['main.py']);
  });

  it('paths-github-root: annotations are relative to the top of the repository from any folder', () => {
    const r = runCli(['--format', 'github'], { cwd: backend });
    const files = [...r.stdout.matchAll(/^::error file=([^,]+),/gm)].map((m) => m[1]);
    expect(files).toEqual(['backend/src/main.py']);
    for (const f of files) expect(fs.existsSync(path.join(repo, f))).toBe(true);
  });

  it('paths-sarif-root: SRCROOT is the repository top (a real file: URI), automationDetails names the folder', () => {
    const r = runCli(['--format', 'sarif'], { cwd: backend });
    const run = JSON.parse(r.stdout).runs[0];
    const root = run.originalUriBaseIds.SRCROOT;
    expect(root.description.text).toBe('The top of the git repository.');
    expect(fileURLToPath(root.uri)).toBe(fs.realpathSync(repo) + '/');
    expect(run.automationDetails).toEqual({ id: 'parity-check/backend/' });
    const uris = run.results.map((x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.locations[0].physicalLocation.artifactLocation.uri);
    expect(uris).toEqual(['backend/src/main.py']);
    for (const u of uris) expect(fs.existsSync(fileURLToPath(new URL(u, root.uri)))).toBe(true);
    // Checked from the top: the whole repository's category.
    expect(JSON.parse(runCli(['--format', 'sarif'], { cwd: repo }).stdout).runs[0].automationDetails).toEqual({ id: 'parity-check/' });
  });

  it('paths-json-base: JSON stays relative to the config’s folder, wherever it runs', () => {
    for (const cwd of [repo, backend]) {
      const findings = JSON.parse(runCli(['--format', 'json'], { cwd }).stdout).findings;
      expect(findings.map((f: { file: string }) => f.file)).toEqual(['backend/src/main.py']);
    }
  });

  it('paths-map: re-rooting moves related places, fix edits, not-checked locations and the sources map', () => {
    const map = rerootPaths('/r', '/r/backend');
    expect(map('backend/src/a.py')).toBe('src/a.py');
    expect(map('shared/b.py')).toBe('../shared/b.py');
    expect(prettyPaths('/tmp/x', '/elsewhere')('a.py')).toBe('/tmp/x/a.py');
    expect(prettyPaths('/r', '/r/backend')('backend/src/a.py')).toBe('src/a.py');
    expect(prettyPaths('/r', '/r/backend')('serverless.yml')).toBe('/r/serverless.yml');
    expect(prettyPaths('/r/backend', '/r')('a.py')).toBe('backend/a.py');
    const out = relocate(
      map,
      [{ ruleId: 'MOD001', severity: 'error', file: 'backend/a.py', line: 1, column: 1, message: 'm', related: [{ file: 'shared/b.py', line: 2, column: 1, endLine: 2, endColumn: 2 }], fix: { safe: true, description: 'd', edits: [{ file: 'backend/a.py', span: { line: 1, column: 1, endLine: 1, endColumn: 2 }, text: 'x' }] } }],
      [{ loc: { file: 'backend/template.yaml', line: 3, column: 1, endLine: 3, endColumn: 2 }, name: 'Fn', why: 'w' }],
      new Map([['backend/a.py', 'text']]),
    );
    expect(out.findings[0].file).toBe('a.py');
    expect(out.findings[0].related?.[0].file).toBe('../shared/b.py');
    expect(out.findings[0].fix?.edits[0].file).toBe('a.py');
    expect(out.notChecked[0].loc.file).toBe('template.yaml');
    expect([...out.sources.keys()]).toEqual(['a.py']);
  });
});
