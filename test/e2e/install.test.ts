// End to end as a user (#18 points 1, 3, 4, 5, 15): the packed tarball installed once (with husky and
// lint-staged 16, offline from the npm cache), then per scenario a fresh repository whose node_modules
// links to that install, `parity-check init`, and real `git commit`s through the real hook managers
// (husky, lint-staged, the pre-commit framework from /usr/bin/pre-commit).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO, copyTree, git, gitResult, python, runCli, tempDir, writeTree } from '../helpers.js';
import { BROKEN_LAZY, FIXED, FIXED_LAZY, SRC } from '../gate/gate-helpers.js';

let work: string;
let installed: string;
let tarball: string;

beforeAll(() => {
  work = tempDir('pc-install-');
  // dist/ is built by the global setup; --ignore-scripts: this repository's prepare (build, husky) is not the user's.
  tarball = execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', work, '--cache', path.join(work, 'npm-cache')], {
    cwd: REPO,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  })
    .trim()
    .split('\n')
    .pop()!;
  tarball = path.join(work, tarball);
  installed = path.join(work, 'install');
  fs.mkdirSync(installed);
  fs.writeFileSync(path.join(installed, 'package.json'), '{"name":"install","version":"1.0.0","private":true}\n');
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', tarball, 'husky@9.1.7', 'lint-staged@16.3.4'], {
    cwd: installed,
    stdio: 'pipe',
  });
}, 240_000);

/** A PATH for init with no parity-check on it (git is in /usr/bin). */
const NO_PARITY_CHECK_PATH = '/usr/bin:/bin';

const bin = (name: string) => path.join(installed, 'node_modules', '.bin', name);
const init = (dir: string) => runCli(['init'], { cwd: dir, bin: bin('parity-check') });
const commit = (dir: string, env: Record<string, string> = {}) => gitResult(dir, ['commit', '-m', 'change'], { NO_COLOR: '1', ...env });
const head = (dir: string) => gitResult(dir, ['rev-parse', '--verify', '-q', 'HEAD']).output.trim();

/** A Node user's repository: the example app, package.json naming parity-check, node_modules linked to the install. */
function nodeRepo(devDependencies: Record<string, string> = {}): string {
  const dir = copyTree(FIXED, tempDir('pc-user-'));
  fs.rmSync(path.join(dir, 'parity-check.config.json'));
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ name: 'user-app', version: '1.0.0', private: true, devDependencies: { 'parity-check': '0.1.0', ...devDependencies } }, null, 2)}\n`);
  fs.symlinkSync(path.join(installed, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  git(dir, 'init', '-q', '-b', 'main');
  return dir;
}

/** pre-commit's own state in the test's folder, never the user's ~/.cache. PATH first: node_modules/.bin of the install (npx finds it there too). */
const preCommitEnv = () => ({ PRE_COMMIT_HOME: path.join(work, 'pre-commit-home'), NO_COLOR: '1' });

describe('the package as packed', () => {
  it('carries LICENSE, dist/ and the rule pages, and prints no web address while the project has no repository', () => {
    const listing = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n');
    expect(listing).toContain('package/LICENSE');
    expect(listing).toContain('package/dist/cli.cjs');
    expect(listing).toContain('package/docs/rules/MOD001.md');
    const pkg = JSON.parse(fs.readFileSync(path.join(installed, 'node_modules', 'parity-check', 'package.json'), 'utf8'));
    // No repository yet (src/links.ts): none is invented; scripts/release.mjs --repository adds them (test/e2e/release.test.ts).
    for (const field of ['repository', 'homepage', 'bugs']) expect(pkg[field]).toBeUndefined();
    // Bundled into dist/ by scripts/build.mjs: not installed for the user.
    for (const bundled of ['zod', 'yaml', 'picomatch', 'smol-toml']) expect(Object.keys(pkg.dependencies)).not.toContain(bundled);
    const schema = JSON.parse(fs.readFileSync(path.join(installed, 'node_modules', 'parity-check', 'config', 'parity-check.schema.json'), 'utf8'));
    expect(schema.$id).toBeUndefined();
    // SARIF of a broken app: the rule's docs inline, no helpUri.
    const dir = copyTree(FIXED, tempDir('pc-sarif-'));
    writeTree({ [`${SRC}/lazy_app.py`]: BROKEN_LAZY }, dir);
    const r = runCli(['--format', 'sarif'], { cwd: dir, bin: bin('parity-check') });
    const rules = JSON.parse(r.stdout).runs[0].tool.driver.rules as { id: string; helpUri?: string; help: { markdown: string } }[];
    const mod001 = rules.find((x) => x.id === 'MOD001')!;
    expect(mod001.helpUri).toBeUndefined();
    expect(mod001.help.markdown).toContain('## How to fix');
  });
});

describe('init next to the pre-commit framework', () => {
  it('with package.json: adds a repo: local hook to .pre-commit-config.yaml, no husky; pre-commit refuses the broken commit, passes the good one', () => {
    const dir = nodeRepo();
    const existing = 'repos:\n-   repo: local\n    hooks:\n    -   id: no-tabs\n        name: no tabs\n        entry: "\\t"\n        language: pygrep\n        types: [python]\n';
    fs.writeFileSync(path.join(dir, '.pre-commit-config.yaml'), existing);
    const r = init(dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('husky was not added');
    const config = fs.readFileSync(path.join(dir, '.pre-commit-config.yaml'), 'utf8');
    expect(config.startsWith(existing)).toBe(true); // what was there, byte for byte
    expect(config).toContain('entry: npx --no-install parity-check --staged');
    expect(fs.existsSync(path.join(dir, '.husky'))).toBe(false);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).devDependencies.husky).toBeUndefined();
    expect(init(dir).stdout).toContain('already runs parity-check');

    const env = preCommitEnv();
    const install = spawnSync('pre-commit', ['install'], { cwd: dir, env: { ...process.env, ...env }, encoding: 'utf8' });
    expect(install.status, install.stderr + install.stdout).toBe(0);
    fs.writeFileSync(path.join(dir, '.gitignore'), 'node_modules\n');
    writeTree({ [`${SRC}/lazy_app.py`]: BROKEN_LAZY }, dir);
    git(dir, 'add', '-A');
    const refused = commit(dir, env);
    expect(refused.code, refused.output).not.toBe(0);
    expect(refused.output).toContain('MOD001');
    expect(head(dir)).toBe('');
    writeTree({ [`${SRC}/lazy_app.py`]: FIXED_LAZY }, dir);
    git(dir, 'add', '-A');
    const passed = commit(dir, env);
    expect(passed.code, passed.output).toBe(0);
    expect(head(dir)).not.toBe('');
  }, 120_000);

  it('never takes over core.hooksPath set by another manager: left as it is, the line to add printed', () => {
    const dir = nodeRepo();
    git(dir, 'config', 'core.hooksPath', '.githooks');
    const r = init(dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("git's core.hooksPath is .githooks");
    expect(r.stdout).toContain('npx --no-install parity-check --staged');
    expect(git(dir, 'config', 'core.hooksPath').trim()).toBe('.githooks');
    expect(fs.existsSync(path.join(dir, '.husky'))).toBe(false);
  });
});

describe('init in a Python-only repository (no package.json)', () => {
  // newcomer2: this test expected the `repo: URL-OF-THE-PARITY-CHECK-REPOSITORY` / `rev: v<version>` item
  // appended, which pre-commit then fails to clone. With no repository URL known and no parity-check
  // on PATH, init now leaves .pre-commit-config.yaml byte for byte and prints the item to fill.
  it('writes [tool.parity-check] into pyproject.toml, the rest byte for byte, no $schema; the check reads it; no hook that cannot run is written', () => {
    const dir = copyTree(FIXED, tempDir('pc-python-'));
    fs.rmSync(path.join(dir, 'parity-check.config.json'));
    const pyproject = '[project]\nname = "backend"   # kept as written\nversion = "1.0"\n\n[tool.ruff]\nline-length = 100';
    fs.writeFileSync(path.join(dir, 'pyproject.toml'), pyproject);
    const preCommitConfig = 'repos:\n  - repo: https://github.com/astral-sh/ruff-pre-commit\n    rev: v0.6.0\n    hooks:\n      - id: ruff\n';
    fs.writeFileSync(path.join(dir, '.pre-commit-config.yaml'), preCommitConfig);
    git(dir, 'init', '-q', '-b', 'main');
    const r = runCli(['init'], { cwd: dir, bin: bin('parity-check'), env: { PATH: NO_PARITY_CHECK_PATH } });
    expect(r.code, r.stderr).toBe(0);
    const after = fs.readFileSync(path.join(dir, 'pyproject.toml'), 'utf8');
    expect(after.startsWith(`${pyproject}\n`)).toBe(true);
    expect(after).toContain('[tool.parity-check]');
    expect(after).not.toContain('$schema');
    expect(fs.existsSync(path.join(dir, 'parity-check.config.json'))).toBe(false);
    // Python's own TOML reader agrees on the table.
    const read = python('import sys, tomllib, json; print(json.dumps(tomllib.load(open(sys.argv[1], "rb"))["tool"]["parity-check"]))', dir, {
      args: [path.join(dir, 'pyproject.toml')],
    });
    expect(JSON.parse(read.stdout)).toEqual({ apps: [{ name: 'backend-api', root: SRC, entrypoints: ['main.py', 'lazy_app.py', 'handler.py'] }] });
    const pkg = JSON.parse(fs.readFileSync(path.join(installed, 'node_modules', 'parity-check', 'package.json'), 'utf8'));
    expect(fs.readFileSync(path.join(dir, '.pre-commit-config.yaml'), 'utf8')).toBe(preCommitConfig);
    expect(r.stdout).toContain('.pre-commit-config.yaml left as it is: a hook written now could not run');
    expect(r.stdout).toContain(`  - repo: URL-OF-THE-PARITY-CHECK-REPOSITORY\n    rev: v${pkg.version}\n    hooks:\n      - id: parity-check\n`);
    expect(r.stdout).toContain('npm install -g ./parity-check-<version>.tgz');
    // The check uses that config (no "no config" note), and init again finds it.
    writeTree({ [`${SRC}/lazy_app.py`]: BROKEN_LAZY }, dir);
    const check = runCli([], { cwd: dir, bin: bin('parity-check') });
    expect(check.code).toBe(1);
    expect(check.stderr).not.toContain('no config');
    expect(init(dir).stdout).toContain('config already in pyproject.toml');
  });

  it('newcomer2-precommit-on-path: with parity-check installed on PATH (as npm install -g links it), a repo: local hook that pre-commit runs: the broken commit refused, the good one accepted', () => {
    const dir = copyTree(FIXED, tempDir('pc-python-'));
    fs.rmSync(path.join(dir, 'parity-check.config.json'));
    const existing = 'repos:\n-   repo: local\n    hooks:\n    -   id: no-tabs\n        name: no tabs\n        entry: "\\t"\n        language: pygrep\n        types: [python]\n';
    fs.writeFileSync(path.join(dir, '.pre-commit-config.yaml'), existing);
    git(dir, 'init', '-q', '-b', 'main');
    // npm install -g puts a link to the package's bin in <prefix>/bin, a folder on PATH for good.
    const globalBin = path.join(tempDir('pc-global-'), 'bin');
    fs.mkdirSync(globalBin);
    fs.symlinkSync(path.join(installed, 'node_modules', 'parity-check', 'bin', 'parity-check.cjs'), path.join(globalBin, 'parity-check'));
    const PATH = `${globalBin}:${path.dirname(process.execPath)}:${NO_PARITY_CHECK_PATH}`;
    // Run through npx's folder (node_modules/.bin): init must not take that folder for an install.
    const viaNpx = runCli(['init', '--dry-run'], { cwd: dir, bin: bin('parity-check'), env: { PATH: `${path.join(installed, 'node_modules', '.bin')}:${NO_PARITY_CHECK_PATH}` } });
    expect(viaNpx.stdout).toContain('left as it is: a hook written now could not run');
    const r = runCli(['init'], { cwd: dir, bin: bin('parity-check'), env: { PATH } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`the hook runs the parity-check on PATH (${path.join(globalBin, 'parity-check')})`);
    const config = fs.readFileSync(path.join(dir, '.pre-commit-config.yaml'), 'utf8');
    expect(config).toBe(`${existing}- repo: local\n  hooks:\n    - id: parity-check\n      name: parity-check\n      entry: parity-check --staged\n      language: system\n      pass_filenames: false\n      always_run: true\n      require_serial: true\n`);
    expect(runCli(['init'], { cwd: dir, bin: bin('parity-check'), env: { PATH } }).stdout).toContain('already runs parity-check');

    const env = { ...preCommitEnv(), PATH };
    expect(spawnSync('pre-commit', ['install'], { cwd: dir, env: { ...process.env, ...env }, encoding: 'utf8' }).status).toBe(0);
    git(dir, 'add', '-A');
    const all = spawnSync('pre-commit', ['run', '--all-files'], { cwd: dir, env: { ...process.env, ...env }, encoding: 'utf8' });
    expect(all.status, all.stdout + all.stderr).toBe(0);
    expect(all.stdout).toMatch(/parity-check\.+Passed/);
    expect(commit(dir, env).code).toBe(0);
    const base = head(dir);
    // The broken entry point: Python agrees its router map names modules that do not import at the root.
    writeTree({ [`${SRC}/lazy_app.py`]: BROKEN_LAZY }, dir);
    expect(python('import importlib; importlib.import_module("src.api.v1.providers")', path.join(dir, SRC)).stderr).toContain("No module named 'src'");
    git(dir, 'add', '-A');
    const refused = commit(dir, env);
    expect(refused.code, refused.output).not.toBe(0);
    expect(refused.output).toContain('MOD001');
    expect(head(dir)).toBe(base);
    // What the note warns of: without parity-check on PATH, pre-commit says so and the commit fails.
    const missing = commit(dir, { ...env, PATH: `${path.dirname(process.execPath)}:${NO_PARITY_CHECK_PATH}` });
    expect(missing.code).not.toBe(0);
    expect(missing.output).toContain('Executable `parity-check` not found');
    writeTree({ [`${SRC}/lazy_app.py`]: FIXED_LAZY }, dir);
    fs.appendFileSync(path.join(dir, SRC, 'lazy_app.py'), '# reviewed\n');
    git(dir, 'add', '-A');
    const good = commit(dir, env);
    expect(good.code, good.output).toBe(0);
    expect(head(dir)).not.toBe(base);
  }, 120_000);

  it('without pyproject.toml creates it; a JSON config written without package.json has no node_modules $schema', () => {
    const dir = copyTree(FIXED, tempDir('pc-python-'));
    fs.rmSync(path.join(dir, 'parity-check.config.json'));
    expect(init(dir).code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'pyproject.toml'), 'utf8')).toMatch(/^\[tool\.parity-check\]\n/);
  });
});

describe('husky and lint-staged (point 15)', () => {
  it('lint-staged 16 runs no task for a deletion-only commit; the hook init writes (parity-check --staged next to it) refuses it', () => {
    const dir = nodeRepo({ husky: '9.1.7', 'lint-staged': '16.3.4' });
    fs.writeFileSync(path.join(dir, 'lint-staged.config.mjs'), "export { default } from 'parity-check/hooks/lint-staged.config.mjs';\n");
    fs.mkdirSync(path.join(dir, '.husky'));
    fs.writeFileSync(path.join(dir, '.husky', 'pre-commit'), 'npx lint-staged\n', { mode: 0o755 });
    execFileSync(bin('husky'), { cwd: dir, stdio: 'pipe' });
    writeTree({ '.gitignore': 'node_modules\n' }, dir);
    git(dir, 'add', '-A');
    expect(commit(dir).code).toBe(0);

    // Deleting the module lazy_app's router map names: Python agrees the import breaks.
    const providers = `${SRC}/api/v1/providers.py`;
    git(dir, 'rm', '-q', providers);
    const proof = python('import importlib; importlib.import_module("api.v1.providers")', path.join(dir, SRC));
    expect(proof.code).not.toBe(0);
    expect(proof.stderr).toContain("No module named 'api.v1.providers'");
    // lint-staged alone: the deletion passes (the gap the README names).
    const through = commit(dir);
    expect(through.code, through.output).toBe(0);
    git(dir, 'reset', '-q', '--hard', 'HEAD~1');

    // init appends parity-check --staged to the existing husky hook, so the deletion is judged.
    const r = init(dir);
    expect(r.code, r.stderr).toBe(0);
    expect(fs.readFileSync(path.join(dir, '.husky', 'pre-commit'), 'utf8')).toBe('npx lint-staged\nparity-check --staged\n');
    git(dir, 'add', '-A');
    expect(commit(dir).code).toBe(0);
    const before = head(dir);
    git(dir, 'rm', '-q', providers);
    const refused = commit(dir);
    expect(refused.code, refused.output).not.toBe(0);
    expect(refused.output).toContain('MOD001');
    expect(head(dir)).toBe(before);
  }, 120_000);

  it('when init adds husky it makes sure node_modules/ is git-ignored', () => {
    const dir = nodeRepo();
    fs.writeFileSync(path.join(dir, '.gitignore'), '__pycache__/');
    expect(init(dir).code).toBe(0);
    expect(fs.readFileSync(path.join(dir, '.gitignore'), 'utf8')).toBe('__pycache__/\nnode_modules/\n');
  });
});
