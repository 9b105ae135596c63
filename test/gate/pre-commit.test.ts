// The pre-commit framework entry (.pre-commit-hooks.yaml), the real way: `repo:` a git clone of
// this repository at a commit, `language: node` (pre-commit runs npm install + npm pack + npm
// install -g of the hook repository: needs the npm registry, about a minute), then a real commit.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, copyTree, git, gitResult, tempDir, writeTree } from '../helpers.js';
import { BROKEN_LAZY, FIXED, FIXED_LAZY, SRC } from './gate-helpers.js';

describe('pre-commit framework', () => {
  it('repo: <clone of this repository>, rev: <commit> refuses the broken commit and passes the fixed one', () => {
    const work = tempDir('pc-precommit-');
    // The hook repository: this work tree as it is now (tracked and new files), committed in a clone.
    const hookRepo = path.join(work, 'hook repo');
    git(work, 'clone', '-q', '--no-hardlinks', REPO, hookRepo);
    const files = git(REPO, 'ls-files', '-z', '-c', '-o', '--exclude-standard').split('\0').filter((f) => f && !f.startsWith('.tmp'));
    for (const f of files) {
      const from = path.join(REPO, f);
      if (!fs.existsSync(from)) continue;
      fs.mkdirSync(path.dirname(path.join(hookRepo, f)), { recursive: true });
      fs.copyFileSync(from, path.join(hookRepo, f));
    }
    git(hookRepo, 'add', '-A');
    git(hookRepo, '-c', 'core.hooksPath=/dev/null', 'commit', '-q', '--allow-empty', '-m', 'hook snapshot');
    const rev = git(hookRepo, 'rev-parse', 'HEAD').trim();

    const user = copyTree(FIXED, path.join(work, 'user'));
    fs.writeFileSync(path.join(user, '.pre-commit-config.yaml'), `repos:\n  - repo: ${hookRepo}\n    rev: ${rev}\n    hooks:\n      - id: parity-check\n`);
    git(user, 'init', '-q', '-b', 'main');
    // pre-commit keeps its clones and environments in PRE_COMMIT_HOME (else ~/.cache/pre-commit).
    const env = { PRE_COMMIT_HOME: path.join(work, 'pre-commit-home'), NO_COLOR: '1' };
    const install = spawnSync('pre-commit', ['install'], { cwd: user, env: { ...process.env, ...env }, encoding: 'utf8' });
    expect(install.status, install.stderr).toBe(0);

    writeTree({ [`${SRC}/lazy_app.py`]: BROKEN_LAZY }, user);
    git(user, 'add', '-A');
    const refused = gitResult(user, ['commit', '-m', 'broken'], env);
    expect(refused.code, refused.output).not.toBe(0);
    expect(refused.output).toContain('MOD001');
    expect(refused.output).toContain('"src.api.v1.providers"');
    expect(gitResult(user, ['rev-parse', '--verify', '-q', 'HEAD']).code).not.toBe(0);

    writeTree({ [`${SRC}/lazy_app.py`]: FIXED_LAZY }, user);
    git(user, 'add', '-A');
    const passed = gitResult(user, ['commit', '-m', 'fixed'], env);
    expect(passed.code, passed.output).toBe(0);
    expect(git(user, 'rev-list', '--count', 'HEAD').trim()).toBe('1');
  }, 600_000); // npm install + a native build of tree-sitter: ~1 min on a quiet machine, over 6 min seen under load
});
