// The pre-commit framework entry (.pre-commit-hooks.yaml), the real way: `repo:` a git clone of
// this repository at a commit, `language: node` (pre-commit runs npm install + npm pack + npm
// install -g of the hook repository: needs the npm registry, about a minute), then a real commit.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, git, tempDir } from '../helpers.js';
import { BROKEN_LAZY, FIXED, FIXED_LAZY, SRC, write } from './gate-helpers.js';

describe('pre-commit framework', () => {
  it('repo: <clone of this repository>, rev: <commit> refuses the broken commit and passes the fixed one', () => {
    const work = tempDir('pc-precommit-');
    // The hook repository: this work tree as it is now (tracked and new files), committed in a clone.
    const hookRepo = path.join(work, 'hook repo');
    execFileSync('git', ['clone', '-q', '--no-hardlinks', REPO, hookRepo]);
    const files = execFileSync('git', ['ls-files', '-z', '-c', '-o', '--exclude-standard'], { cwd: REPO }).toString('utf8').split('\0').filter((f) => f && !f.startsWith('.tmp'));
    for (const f of files) {
      const from = path.join(REPO, f);
      if (!fs.existsSync(from)) continue;
      fs.mkdirSync(path.dirname(path.join(hookRepo, f)), { recursive: true });
      fs.copyFileSync(from, path.join(hookRepo, f));
    }
    git(hookRepo, 'add', '-A');
    git(hookRepo, '-c', 'core.hooksPath=/dev/null', 'commit', '-q', '--allow-empty', '-m', 'hook snapshot');
    const rev = git(hookRepo, 'rev-parse', 'HEAD').trim();

    const user = path.join(work, 'user');
    fs.cpSync(FIXED, user, { recursive: true });
    fs.writeFileSync(path.join(user, '.pre-commit-config.yaml'), `repos:\n  - repo: ${hookRepo}\n    rev: ${rev}\n    hooks:\n      - id: parity-check\n`);
    git(user, 'init', '-q', '-b', 'main');
    const env = { ...process.env, PRE_COMMIT_HOME: path.join(work, 'pre-commit-home'), NO_COLOR: '1', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' };
    const install = spawnSync('pre-commit', ['install'], { cwd: user, env, encoding: 'utf8' });
    expect(install.status, install.stderr).toBe(0);

    write(user, `${SRC}/lazy_app.py`, BROKEN_LAZY);
    git(user, 'add', '-A');
    const refused = spawnSync('git', ['commit', '-m', 'broken'], { cwd: user, env, encoding: 'utf8' });
    const out = `${refused.stdout}${refused.stderr}`;
    expect(refused.status, out).not.toBe(0);
    expect(out).toContain('MOD001');
    expect(out).toContain('"src.api.v1.providers"');
    expect(spawnSync('git', ['rev-parse', '--verify', '-q', 'HEAD'], { cwd: user }).status).not.toBe(0);

    write(user, `${SRC}/lazy_app.py`, FIXED_LAZY);
    git(user, 'add', '-A');
    const passed = spawnSync('git', ['commit', '-m', 'fixed'], { cwd: user, env, encoding: 'utf8' });
    expect(passed.status, `${passed.stdout}${passed.stderr}`).toBe(0);
    expect(git(user, 'rev-list', '--count', 'HEAD').trim()).toBe('1');
  }, 300_000);
});
