// End to end: the packed package installed in a user's repository, `parity-check init`, husky
// active, real `git commit`s. The install (npm pack + npm install) happens once; each scenario gets
// a fresh repository whose node_modules links to that install.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO, copyTree, git, gitResult, runCli, tempDir, writeTree } from '../helpers.js';
import { BROKEN_LAZY, FIXED, FIXED_LAZY, SRC } from './gate-helpers.js';

let installed: string; // a folder with node_modules holding parity-check (packed) and husky

beforeAll(() => {
  const work = tempDir('pc-e2e-');
  // dist/ is built by the global setup; --ignore-scripts: do not run this repo's prepare (husky) here.
  // A cache folder of its own: npm pack stores the tarball it makes in the cache (the install below
  // needs the user's cache, which holds husky and the dependencies, to run offline).
  const tgz = execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', work, '--cache', path.join(work, 'npm-cache')], {
    cwd: REPO,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  })
    .trim()
    .split('\n')
    .pop()!;
  installed = path.join(work, 'install');
  fs.mkdirSync(installed);
  fs.writeFileSync(path.join(installed, 'package.json'), '{"name":"install","version":"1.0.0","private":true}\n');
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', path.join(work, tgz), 'husky@9.1.7'], {
    cwd: installed,
    stdio: 'pipe',
  });
}, 180_000);

/** A user's repository: package.json naming parity-check and husky, node_modules linked to the install. */
function userRepo(): string {
  const dir = copyTree(FIXED, tempDir('pc-user repo é-')); // a space and a non-ASCII letter in the path
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    `${JSON.stringify({ name: 'user-app', version: '1.0.0', private: true, devDependencies: { husky: '9.1.7', 'parity-check': '0.1.0' } }, null, 2)}\n`,
  );
  fs.symlinkSync(path.join(installed, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  fs.writeFileSync(path.join(dir, '.gitignore'), 'node_modules\n');
  git(dir, 'init', '-q', '-b', 'main');
  return dir;
}

const bin = (dir: string, name: string) => path.join(dir, 'node_modules', '.bin', name);

const commit = (dir: string, env: Record<string, string> = {}) => gitResult(dir, ['commit', '-m', 'change'], { NO_COLOR: '1', ...env });

const commitCount = (dir: string) => {
  const r = gitResult(dir, ['rev-list', '--count', 'HEAD']);
  return r.code === 0 ? Number(r.output.trim()) : 0;
};

describe('init + husky + git commit', () => {
  it('init sets up the hook; a broken commit is refused, a good one passes; init again changes nothing', () => {
    const dir = userRepo();
    const dry = runCli(['init', '--dry-run'], { cwd: dir, bin: bin(dir, 'parity-check') });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('+++ b/.husky/pre-commit');
    expect(dry.stdout).toContain('+parity-check --staged');
    expect(dry.stdout).toContain('"prepare": "husky"');
    expect(fs.existsSync(path.join(dir, '.husky'))).toBe(false);

    const first = runCli(['init'], { cwd: dir, bin: bin(dir, 'parity-check') });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('created .husky/pre-commit');
    expect(first.stdout).toContain('config already in parity-check.config.json');
    expect(fs.readFileSync(path.join(dir, '.husky', 'pre-commit'), 'utf8')).toContain('parity-check --staged');
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).scripts.prepare).toBe('husky');

    const second = runCli(['init'], { cwd: dir, bin: bin(dir, 'parity-check') });
    expect(second.stdout).toContain('nothing to change');

    // What `npm install` runs through "prepare": husky activates the hooks.
    execFileSync(bin(dir, 'husky'), { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    expect(git(dir, 'config', 'core.hooksPath').trim()).toBe('.husky/_');

    // The incident: lazy_app's router map names "src.api.v1.providers" under the src root.
    writeTree({ [`${SRC}/lazy_app.py`]: BROKEN_LAZY }, dir);
    git(dir, 'add', '-A');
    const refused = commit(dir);
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain('MOD001');
    expect(refused.output).toContain('"src.api.v1.providers"');
    expect(refused.output).toContain('commit blocked');
    expect(commitCount(dir)).toBe(0); // no HEAD: the first commit was refused

    writeTree({ [`${SRC}/lazy_app.py`]: FIXED_LAZY }, dir);
    git(dir, 'add', '-A');
    const passed = commit(dir);
    expect(passed.code, passed.output).toBe(0);
    expect(commitCount(dir)).toBe(1);

    // Break it again: refused, HEAD unchanged. HUSKY=0 skips the hook.
    writeTree({ [`${SRC}/lazy_app.py`]: BROKEN_LAZY }, dir);
    git(dir, 'add', '-A');
    expect(commit(dir).code).not.toBe(0);
    expect(commitCount(dir)).toBe(1);
    const skipped = commit(dir, { HUSKY: '0' });
    expect(skipped.code, skipped.output).toBe(0);
    expect(commitCount(dir)).toBe(2);
  });

  it('init in a repository without a config writes one from the apps it discovers', () => {
    const dir = userRepo();
    fs.rmSync(path.join(dir, 'parity-check.config.json'));
    const r = runCli(['init'], { cwd: dir, bin: bin(dir, 'parity-check') });
    expect(r.code, r.stderr).toBe(0);
    const config = JSON.parse(fs.readFileSync(path.join(dir, 'parity-check.config.json'), 'utf8'));
    expect(config.$schema).toBe('./node_modules/parity-check/config/parity-check.schema.json');
    expect(config.apps).toEqual([{ name: 'backend-api', root: SRC, entrypoints: ['main.py', 'lazy_app.py', 'handler.py'] }]);
    // the schema it points at exists in the installed package
    expect(fs.existsSync(path.join(dir, config.$schema))).toBe(true);
  });

  it('init without package.json prints the pre-commit snippet and writes no hook', () => {
    const dir = copyTree(FIXED, tempDir('pc-py-'));
    const r = runCli(['init'], { cwd: dir, bin: path.join(installed, 'node_modules', '.bin', 'parity-check') });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('.pre-commit-config.yaml');
    expect(r.stdout).toContain('entry: parity-check --staged');
    expect(fs.existsSync(path.join(dir, '.husky'))).toBe(false);
  });
});
