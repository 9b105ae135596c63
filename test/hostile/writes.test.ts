// Hostile input, writes (#19 item 15): check mode writes only under a verified git directory
// (<git dir>/parity-check/) or the user's cache folder (~/.cache/parity-check/), never into a checked
// folder that is not a git work tree, never where GIT_DIR or a `.git` file points unless that is a git
// directory, never through a link. Every folder is built here; runs go twice (cold, then warm cache).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { git, tempDir, writeTree } from '../helpers.js';
import { changedPaths, expectNoCanary, expectRepoUnchanged, expectSandboxWritesOnlyCaches, lazyApp, repoState, runHostile, sandbox, trapFiles, treeState, hostileRepo, type Sandbox } from './harness.js';

/** Runs a check twice (the second answers from the cache) and returns both exit codes. */
function twice(box: Sandbox, cwd: string, args: string[] = [], env: Record<string, string | undefined> = {}): number[] {
  return [0, 1].map(() => {
    const r = runHostile(box, args, { cwd, env });
    return r.code;
  });
}

/** Files written seconds ago are never cached (their mtime may not tick on the next edit): age them. */
function aged(dir: string): string {
  const past = new Date(Date.now() - 3_600_000);
  for (const rel of treeState(dir).keys()) if (rel) fs.lutimesSync(path.join(dir, rel), past, past);
  return dir;
}

const userCache = (box: Sandbox) => path.join(box.home, '.cache', 'parity-check');

describe('item 15: check mode writes only under a verified git directory or the user cache', () => {
  it('a plain folder (no git): nothing is written in it; the cache is in ~/.cache/parity-check', () => {
    const box = sandbox();
    const dir = aged(writeTree({ ...lazyApp('src'), ...trapFiles(box) }));
    const before = treeState(dir);
    expect(twice(box, dir)).toEqual([1, 1]);
    expect(changedPaths(before, treeState(dir))).toEqual([]);
    expect(fs.existsSync(path.join(dir, 'node_modules'))).toBe(false);
    expect(fs.readdirSync(userCache(box)).length).toBe(1); // one folder, keyed by the checked folder
    expectSandboxWritesOnlyCaches(box);
    expectNoCanary(box);
  });

  it('$XDG_CACHE_HOME is the user cache when set', () => {
    const box = sandbox();
    const dir = aged(writeTree(lazyApp('src')));
    const xdg = path.join(box.home, 'xdg');
    expect(twice(box, dir, [], { XDG_CACHE_HOME: xdg })).toEqual([1, 1]);
    expect(fs.existsSync(path.join(xdg, 'parity-check'))).toBe(true);
    expect(fs.existsSync(userCache(box))).toBe(false);
  });

  it('a bare repository checked as a folder: nothing is written in it', () => {
    const box = sandbox();
    const work = hostileRepo(lazyApp('src'));
    const bare = tempDir('pc-bare-');
    git(bare, 'clone', '-q', '--bare', work, '.');
    aged(writeTree(lazyApp('src'), bare)); // files in the bare folder, as a hostile archive may ship
    const before = treeState(bare);
    expect(twice(box, bare)).toEqual([1, 1]);
    expect(changedPaths(before, treeState(bare))).toEqual([]);
    expectSandboxWritesOnlyCaches(box);
  });

  it('GIT_DIR naming a folder that is not a git directory (a stand-in for /etc, and /etc itself): nothing is created there', () => {
    const box = sandbox();
    const dir = aged(writeTree(lazyApp('src')));
    const fakeEtc = writeTree({ passwd: 'root:x:0:0::/root:/bin/sh\n', 'hosts': '127.0.0.1 localhost\n' });
    const beforeEtc = treeState(fakeEtc);
    const etcHad = fs.existsSync('/etc/parity-check');
    try {
      for (const gitDir of [fakeEtc, '/etc']) {
        const codes = twice(box, dir, [], { GIT_DIR: gitDir });
        expect(codes).toEqual([1, 1]);
      }
      expect(changedPaths(beforeEtc, treeState(fakeEtc))).toEqual([]);
      expect(fs.existsSync('/etc/parity-check')).toBe(etcHad);
    } finally {
      // Had the promise been broken, leave /etc as it was.
      if (!etcHad) fs.rmSync('/etc/parity-check', { recursive: true, force: true });
    }
    // --staged asks git, which refuses such a GIT_DIR: one line, exit 2, and still nothing written.
    const r = runHostile(box, ['--staged'], { cwd: dir, env: { GIT_DIR: fakeEtc } });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(changedPaths(beforeEtc, treeState(fakeEtc))).toEqual([]);
    expectSandboxWritesOnlyCaches(box);
  });

  it('a `.git` file whose gitdir is not a git directory: nothing is written there', () => {
    const box = sandbox();
    const target = writeTree({ keep: 'x\n' });
    const dir = aged(writeTree({ ...lazyApp('src'), '.git': `gitdir: ${target}\n` }));
    const before = treeState(target);
    const beforeDir = treeState(dir);
    expect(twice(box, dir)).toEqual([1, 1]);
    expect(changedPaths(before, treeState(target))).toEqual([]);
    expect(changedPaths(beforeDir, treeState(dir))).toEqual([]);
    expectSandboxWritesOnlyCaches(box);
  });

  it('a git work tree: the work tree, the index and git status stay byte-identical; the cache is .git/parity-check only', () => {
    const box = sandbox();
    const repo = hostileRepo({ ...lazyApp('src'), ...trapFiles(box) });
    fs.appendFileSync(path.join(repo, 'src/api/users.py'), '# staged\n');
    git(repo, 'add', '-A');
    fs.appendFileSync(path.join(repo, 'src/api/users.py'), '# unstaged\n');
    const before = repoState(repo);
    for (const mode of [[], ['--staged']]) expect(twice(box, repo, mode)).toEqual([1, 1]);
    expectRepoUnchanged(repo, before);
    expect(fs.readdirSync(path.join(repo, '.git/parity-check')).length).toBeGreaterThan(0);
    expect(fs.existsSync(userCache(box))).toBe(false);
    expectSandboxWritesOnlyCaches(box);
    expectNoCanary(box);
  });

  it('a cache folder that is a link (.git/parity-check -> elsewhere) is not written through', () => {
    const box = sandbox();
    const repo = hostileRepo(lazyApp('src'));
    const elsewhere = writeTree({ keep: 'x\n' });
    fs.symlinkSync(elsewhere, path.join(repo, '.git/parity-check'));
    const before = treeState(elsewhere);
    for (const mode of [[], ['--staged']]) {
      fs.appendFileSync(path.join(repo, 'src/api/users.py'), '# change\n');
      git(repo, 'add', '-A');
      expect(twice(box, repo, mode)).toEqual([1, 1]);
    }
    expect(changedPaths(before, treeState(elsewhere))).toEqual([]);
    expectSandboxWritesOnlyCaches(box);
  });
});
