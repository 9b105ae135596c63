// newcomer topic (#18 point 3 / install): the pre-commit framework route from a release tag, without
// GitHub. scripts/release.mjs tags v9.9.9 in a copy of this repository; a bare clone of it is the
// remote (`repo: /tmp/.../parity-check.git`, `rev: v9.9.9`); a user's repository runs
// `pre-commit install`; a broken commit is refused and a good one accepted. pre-commit installs the
// tag with npm (`language: node`): with npm_config_ignore_scripts, as pnpm and newer npm do for
// dependencies, so tree-sitter is not compiled (minutes here) and the WebAssembly grammars parse.
// newcomer2: the release names its repository (--repository https://example.invalid/team/parity-check),
// and `init` of that build, in a Python-only repository, writes the hook item itself (URL and tag);
// git's url.<remote>.insteadOf (GIT_CONFIG_* variables, which pre-commit passes to git) points that
// URL at the bare clone, so pre-commit clones exactly what init wrote.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cloneThisRepo } from './this-repo.js';
import { BROKEN_LAZY, FIXED, SRC } from '../gate/gate-helpers.js';
import { REPO, copyTree, git, python, tempDir, writeTree } from '../helpers.js';

describe('newcomer: pre-commit from a release tag', () => {
  it('newcomer-precommit-tag: pre-commit installs the tag from a local bare repository, refuses the broken commit, accepts the good one', () => {
    const work = tempDir('pc-precommit-');
    const shared = fs.readdirSync(path.join(REPO, 'node_modules')).sort();
    const clone = cloneThisRepo(work);
    const url = 'https://example.invalid/team/parity-check';
    execFileSync('node', ['scripts/release.mjs', '9.9.9', '--no-pack', '--repository', url], { cwd: clone, stdio: 'pipe' });
    const remote = path.join(work, 'parity-check.git');
    git(work, 'clone', '-q', '--bare', clone, remote);
    expect(git(remote, 'tag', '--list').trim()).toBe('v9.9.9');

    const user = copyTree(FIXED, path.join(work, 'user'));
    git(user, 'init', '-q', '-b', 'main');
    git(user, 'config', 'user.email', 'dev@example.invalid');
    git(user, 'config', 'user.name', 'dev');
    fs.rmSync(path.join(user, 'parity-check.config.json'));
    const existing = 'repos:\n  - repo: local\n    hooks:\n      - id: no-tabs\n        name: no tabs\n        entry: "\\t"\n        language: pygrep\n        types: [python]\n';
    fs.writeFileSync(path.join(user, '.pre-commit-config.yaml'), existing);
    // The tag's build, its REPOSITORY_URL set by the release; no parity-check on PATH.
    const made = spawnSync(process.execPath, [path.join(clone, 'bin', 'parity-check.cjs'), 'init'], { cwd: user, env: { ...process.env, PATH: '/usr/bin:/bin' }, encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);
    expect(fs.readFileSync(path.join(user, '.pre-commit-config.yaml'), 'utf8')).toBe(`${existing}  - repo: ${url}\n    rev: v9.9.9\n    hooks:\n      - id: parity-check\n`);
    git(user, 'add', '-A');
    git(user, 'commit', '-q', '--no-verify', '-m', 'base');
    const insteadOf = { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: `url.${remote}.insteadOf`, GIT_CONFIG_VALUE_0: url };
    const env = { ...process.env, ...insteadOf, PRE_COMMIT_HOME: path.join(work, 'pre-commit-home'), npm_config_ignore_scripts: 'true', npm_config_cache: path.join(work, 'npm-cache'), NO_COLOR: '1' };
    const run = (cmd: string, args: string[]) => spawnSync(cmd, args, { cwd: user, env, encoding: 'utf8' });
    expect(run('pre-commit', ['install']).status).toBe(0);

    writeTree({ [`${SRC}/lazy_app.py`]: BROKEN_LAZY }, user);
    // Python's verdict on the broken app: the router map names modules that do not import at the root.
    expect(BROKEN_LAZY).toContain('"src.api.v1.providers"');
    expect(python('import importlib; importlib.import_module("src.api.v1.providers")', path.join(user, SRC)).stderr).toContain("No module named 'src'");
    expect(python('import importlib; importlib.import_module("api.v1.providers")', path.join(user, SRC)).code).toBe(0);
    git(user, 'add', '-A');
    const broken = run('git', ['commit', '-m', 'broken']);
    expect(broken.status, broken.stdout + broken.stderr).toBe(1);
    expect(broken.stdout + broken.stderr).toContain('MOD001');
    expect(git(user, 'log', '--format=%s').trim().split('\n')).toEqual(['base']);

    git(user, 'checkout', '-q', 'HEAD', '--', `${SRC}/lazy_app.py`);
    fs.appendFileSync(path.join(user, SRC, 'lazy_app.py'), '# reviewed\n');
    git(user, 'add', '-A');
    const good = run('git', ['commit', '-m', 'good']);
    expect(good.status, good.stdout + good.stderr).toBe(0);
    expect(good.stdout + good.stderr).toMatch(/parity-check \(Lambda entry point parity\)\.+Passed/);
    expect(git(user, 'log', '--format=%s').trim().split('\n')).toEqual(['good', 'base']);
    expect(fs.readdirSync(path.join(REPO, 'node_modules')).sort()).toEqual(shared); // the shared node_modules untouched
  }, 400_000);
});
