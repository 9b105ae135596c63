import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findGitDir } from '../../src/util/git-dir.js';
import { git, tempDir, writeTree } from '../helpers.js';

describe('findGitDir: the git directory without running git', () => {
  it('agrees with git in a repository, a subfolder, a linked worktree and outside any repository', () => {
    const repo = writeTree({ 'src/app/main.py': 'x = 1\n' });
    git(repo, 'init', '-q');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'one');
    const real = (p: string) => fs.realpathSync(p);
    const asked = (cwd: string) => real(path.resolve(cwd, git(cwd, 'rev-parse', '--git-dir').trim()));

    const top = findGitDir(path.join(repo, 'src', 'app'))!;
    expect(real(top.topLevel)).toBe(real(repo));
    expect(real(top.gitDir)).toBe(asked(path.join(repo, 'src', 'app')));

    const linked = path.join(tempDir(), 'linked wt');
    git(repo, 'worktree', 'add', '-q', '--detach', linked);
    const wt = findGitDir(path.join(linked, 'src'))!;
    expect(real(wt.topLevel)).toBe(real(linked));
    expect(real(wt.gitDir)).toBe(asked(path.join(linked, 'src')));
    expect(real(wt.gitDir)).not.toBe(real(top.gitDir));

    // git stops at a `.git` file it cannot read as a gitfile, and so does this.
    const bad = writeTree({ '.git': 'not a gitfile\n', 'a/b.py': '' }, path.join(repo, 'nested'));
    expect(() => git(path.join(bad, 'a'), 'rev-parse', '--git-dir')).toThrow(/invalid gitfile/);
    expect(findGitDir(path.join(bad, 'a'))).toBeUndefined();

    expect(findGitDir(tempDir())).toBeUndefined();
  });
});
