// `parity-check --staged` against real git repositories: exactly what the commit will contain.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitAll, git, makeRepo, tempDir, writeTree } from '../helpers.js';
import { BROKEN_LAZY, FIXED, FIXED_LAZY, SRC, exampleRepo, ruleIds, staged, stagedAsync, treeState } from './gate-helpers.js';

const BLOCKED = /parity-check: commit blocked: \d+ errors? in \d+ files?\. Fix them, or in an emergency commit with git commit --no-verify\./;

describe('--staged judges the index', () => {
  it('refuses the broken router map and says how to get past it', () => {
    const dir = exampleRepo();
    writeTree({ [`${SRC}/lazy_app.py`]: BROKEN_LAZY }, dir);
    git(dir, 'add', '-A');
    const r = staged(dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('MOD001');
    expect(r.stdout).toContain('"src.api.v1.providers"');
    expect(r.stderr).toMatch(BLOCKED);
    expect(r.stderr).toMatch(/\d+ errors in \d+ files/);
  });

  it('partially staged fix: work tree fixed, index broken → refused', () => {
    const dir = exampleRepo();
    writeTree({ [`${SRC}/lazy_app.py`]: BROKEN_LAZY }, dir);
    git(dir, 'add', '-A');
    writeTree({ [`${SRC}/lazy_app.py`]: FIXED_LAZY }, dir);
    const r = staged(dir, ['--format', 'json']);
    expect(r.code).toBe(1);
    expect(ruleIds(r)).toContain('MOD001');
    // the work tree alone is fine
    expect(staged(dir, [], {}).code).toBe(1);
  });

  it('partially staged breakage: index fine, work tree broken → passes', () => {
    const dir = exampleRepo();
    writeTree({ [`${SRC}/lazy_app.py`]: `${FIXED_LAZY}\n# staged comment\n` }, dir);
    git(dir, 'add', '-A');
    writeTree({ [`${SRC}/lazy_app.py`]: BROKEN_LAZY }, dir);
    const r = staged(dir);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('MOD001');
    expect(r.stdout).toContain('No problems found');
  });

  it('a staged deletion of a module lazy_app names is refused (file still on disk)', () => {
    const dir = exampleRepo();
    git(dir, 'rm', '-q', '--cached', `${SRC}/api/v1/providers.py`);
    expect(fs.existsSync(path.join(dir, SRC, 'api/v1/providers.py'))).toBe(true);
    const r = staged(dir, ['--format', 'json']);
    expect(r.code).toBe(1);
    const f = JSON.parse(r.stdout).findings.find((x: { ruleId: string }) => x.ruleId === 'MOD001');
    expect(f.message).toContain('"api.v1.providers"');
  });

  it('a deletion counts even when the runner names only other files (lint-staged passes no deletions)', () => {
    const dir = exampleRepo();
    git(dir, 'rm', '-q', '--cached', `${SRC}/api/v1/providers.py`);
    writeTree({ 'README.md': 'docs\n' }, dir);
    git(dir, 'add', 'README.md');
    const r = staged(dir, [path.join(dir, 'README.md')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('MOD001');
  });

  it('a rename: the old module path no longer resolves', () => {
    const dir = exampleRepo();
    git(dir, 'mv', `${SRC}/api/v1/providers.py`, `${SRC}/api/v1/providers_v2.py`);
    const r = staged(dir, ['--format', 'json']);
    expect(r.code).toBe(1);
    expect(ruleIds(r)).toContain('MOD001');
    // and renaming the string along with it passes
    writeTree({ [`${SRC}/lazy_app.py`]: FIXED_LAZY.replace('"api.v1.providers"', '"api.v1.providers_v2"') }, dir);
    writeTree({ [`${SRC}/main.py`]: fs.readFileSync(path.join(dir, SRC, 'main.py'), 'utf8').replace(/\bproviders\b/g, 'providers_v2') }, dir);
    git(dir, 'add', '-A');
    const ok = staged(dir);
    expect(ok.stdout).not.toContain('MOD001');
  });

  it('the first commit (no HEAD): everything staged is judged', () => {
    const dir = exampleRepo(FIXED, { commit: false });
    writeTree({ [`${SRC}/lazy_app.py`]: BROKEN_LAZY }, dir);
    git(dir, 'add', '-A');
    expect(() => git(dir, 'rev-parse', '--verify', '-q', 'HEAD')).toThrow();
    const r = staged(dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('MOD001');
    writeTree({ [`${SRC}/lazy_app.py`]: FIXED_LAZY }, dir);
    git(dir, 'add', '-A');
    expect(staged(dir).code).toBe(0);
  });

  it('unicode and spaces in folder and file names', () => {
    const dir = tempDir('pc-gate-');
    const root = 'apps/mon app/srç';
    fs.cpSync(path.join(FIXED, SRC), path.join(dir, ...root.split('/')), { recursive: true });
    writeTree({ 'parity-check.config.json': JSON.stringify({ apps: [{ name: 'été', root, entrypoints: ['main.py', 'lazy_app.py', 'handler.py'], allow: JSON.parse(fs.readFileSync(path.join(FIXED, 'parity-check.config.json'), 'utf8')).apps[0].allow }] }) }, dir);
    commitAll(makeRepo(dir), 'init');
    writeTree({ [`${root}/lazy_app.py`]: BROKEN_LAZY }, dir);
    writeTree({ [`${root}/api/v1/nouveau fichier é.py`]: 'x = 1\n' }, dir);
    git(dir, 'add', '-A');
    const r = staged(dir, ['--format', 'json', path.join(dir, root, 'api/v1/nouveau fichier é.py')]);
    expect(r.code).toBe(1);
    const files = JSON.parse(r.stdout).findings.map((f: { file: string }) => f.file);
    expect(files).toContain(`${root}/lazy_app.py`);
  });

  it('from a subfolder: the whole repository is judged, the same way', () => {
    const dir = exampleRepo();
    writeTree({ [`${SRC}/lazy_app.py`]: BROKEN_LAZY }, dir);
    git(dir, 'add', '-A');
    const top = staged(dir, ['--format', 'json']);
    const sub = staged(path.join(dir, SRC, 'api'), ['--format', 'json'], { PARITY_CHECK_CACHE_DIR: path.join(dir, '.git', 'other-cache') });
    expect(sub.code).toBe(1);
    expect(JSON.parse(sub.stdout)).toEqual(JSON.parse(top.stdout));
  });

  it('nothing relevant staged: exit 0 in silence; nothing staged at all: the same', () => {
    const dir = exampleRepo(FIXED);
    // lazy_app is broken in the commit already, but this commit only touches a README
    writeTree({ [`${SRC}/lazy_app.py`]: BROKEN_LAZY }, dir);
    git(dir, 'commit', '-q', '-am', 'broken already');
    writeTree({ 'README.md': 'hello\n' }, dir);
    git(dir, 'add', 'README.md');
    const r = staged(dir, [path.join(dir, 'README.md')]);
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
    git(dir, 'reset', '-q');
    expect(staged(dir)).toMatchObject({ code: 0, stdout: '', stderr: '' });
    // a dependency file is relevant to every app
    writeTree({ [`apps/backend-api/requirements.txt`]: 'fastapi\nmangum\nsqlalchemy\n' }, dir);
    git(dir, 'add', '-A');
    expect(staged(dir).code).toBe(1);
  });

  it('machine formats always print a valid result: nothing relevant staged, or nothing staged at all', () => {
    const dir = exampleRepo(FIXED);
    // Broken in the commit already: a full check would fail, so an empty result proves nothing was judged.
    writeTree({ [`${SRC}/lazy_app.py`]: BROKEN_LAZY }, dir);
    git(dir, 'commit', '-q', '-am', 'broken already');
    writeTree({ 'README.md': 'hello\n' }, dir);
    git(dir, 'add', 'README.md');
    for (const stage of ['README only', 'nothing']) {
      if (stage === 'nothing') git(dir, 'reset', '-q');
      const json = staged(dir, ['--format', 'json']);
      expect(json.code).toBe(0);
      expect(JSON.parse(json.stdout)).toEqual({ findings: [] });
      const sarif = staged(dir, ['--format', 'sarif']);
      expect(sarif.code).toBe(0);
      const log = JSON.parse(sarif.stdout) as { version: string; runs: { results: unknown[]; tool: { driver: { rules: unknown[] } } }[] };
      expect(log.version).toBe('2.1.0');
      expect(log.runs[0].results).toEqual([]);
      expect(log.runs[0].tool.driver.rules.length).toBeGreaterThan(10);
      expect(staged(dir, ['--format', 'github'])).toMatchObject({ code: 0, stdout: '' });
    }
  });

  it('checks only the apps the commit can affect', () => {
    const dir = tempDir('pc-gate-');
    fs.cpSync(path.join(FIXED, SRC), path.join(dir, 'a/src'), { recursive: true });
    fs.cpSync(path.join(FIXED, SRC), path.join(dir, 'b/src'), { recursive: true });
    const allow = JSON.parse(fs.readFileSync(path.join(FIXED, 'parity-check.config.json'), 'utf8')).apps[0].allow;
    const app = (name: string) => ({ name, root: `${name}/src`, entrypoints: ['main.py', 'lazy_app.py', 'handler.py'], allow });
    writeTree({ 'parity-check.config.json': JSON.stringify({ apps: [app('a'), app('b')] }) }, dir);
    writeTree({ 'b/src/lazy_app.py': BROKEN_LAZY }, dir); // b is broken, and committed so
    commitAll(makeRepo(dir), 'init');
    writeTree({ 'a/src/api/v1/providers.py': `${fs.readFileSync(path.join(dir, 'a/src/api/v1/providers.py'), 'utf8')}\n# touched\n` }, dir);
    git(dir, 'add', '-A');
    const onlyA = staged(dir);
    expect(onlyA.code).toBe(0);
    expect(onlyA.stdout).toContain('1 app');
    writeTree({ 'b/src/api/v1/providers.py': `${fs.readFileSync(path.join(dir, 'b/src/api/v1/providers.py'), 'utf8')}\n# touched\n` }, dir);
    git(dir, 'add', '-A');
    const both = staged(dir, ['--format', 'json']);
    expect(both.code).toBe(1);
    expect(JSON.parse(both.stdout).findings.every((f: { file: string }) => f.file.startsWith('b/'))).toBe(true);
  });

  it('writes nothing to the index or the work tree', () => {
    const dir = exampleRepo();
    writeTree({ [`${SRC}/lazy_app.py`]: BROKEN_LAZY }, dir);
    git(dir, 'add', '-A');
    writeTree({ [`${SRC}/lazy_app.py`]: FIXED_LAZY }, dir);
    writeTree({ 'untracked.py': 'y = 2\n' }, dir);
    const before = treeState(dir);
    const indexStat = fs.statSync(path.join(dir, '.git', 'index')).mtimeMs;
    expect(staged(dir).code).toBe(1);
    expect(staged(dir).code).toBe(1); // from the run cache
    expect(staged(dir, ['--no-cache']).code).toBe(1);
    expect(fs.statSync(path.join(dir, '.git', 'index')).mtimeMs).toBe(indexStat);
    expect(treeState(dir)).toBe(before);
  });
});

describe('cache', () => {
  it('lives in the git dir, answers the same warm as cold, and --no-cache bypasses it', () => {
    const dir = exampleRepo();
    writeTree({ [`${SRC}/lazy_app.py`]: BROKEN_LAZY }, dir);
    git(dir, 'add', '-A');
    const env = { PARITY_CHECK_CACHE_DIR: undefined };
    const cold = staged(dir, [], env);
    const cacheDir = path.join(dir, '.git', 'parity-check');
    expect(fs.readdirSync(cacheDir).some((n) => n.startsWith('facts-'))).toBe(true);
    expect(fs.readdirSync(path.join(cacheDir, 'runs')).length).toBe(1);
    const warm = staged(dir, [], env);
    expect(warm).toEqual(cold);
    fs.rmSync(cacheDir, { recursive: true });
    expect(staged(dir, ['--no-cache'], env)).toEqual(cold);
    expect(fs.existsSync(cacheDir)).toBe(false);
    // facts cached, run not: a change elsewhere in the app re-runs with cached facts, same verdict
    expect(staged(dir, [], env).code).toBe(1);
    writeTree({ [`${SRC}/api/v1/cme.py`]: `${fs.readFileSync(path.join(dir, SRC, 'api/v1/cme.py'), 'utf8')}\n# x\n` }, dir);
    git(dir, 'add', '-A');
    const again = staged(dir, [], env);
    expect(again.code).toBe(1);
    expect(again.stdout).toContain('MOD001');
  });

  it('two runs on different repositories at once, sharing one cache folder, both right', async () => {
    const shared = tempDir('pc-cache-');
    const bad = exampleRepo();
    writeTree({ [`${SRC}/lazy_app.py`]: BROKEN_LAZY }, bad);
    git(bad, 'add', '-A');
    const good = exampleRepo();
    writeTree({ [`${SRC}/lazy_app.py`]: `${FIXED_LAZY}\n# ok\n` }, good);
    git(good, 'add', '-A');
    for (let round = 0; round < 2; round++) {
      const [b, g] = await Promise.all([stagedAsync(bad, shared), stagedAsync(good, shared)]);
      expect(b.code, b.stderr).toBe(1);
      expect(ruleIds(b)).toContain('MOD001');
      expect(g.code, g.stderr).toBe(0);
      expect(ruleIds(g)).toEqual([]);
    }
    expect(fs.readdirSync(shared).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});
