// #19 item 12: a cached answer must never outlive a change to what it was made from. Real files, the
// built CLI, both caches (run cache and facts cache) live; Python says which answer is right.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { git, python, runCli, tempDir, writeTree } from '../helpers.js';

const MAIN_OK = 'from fastapi import FastAPI\nfrom api import users\n\napp = FastAPI()\napp.include_router(users.router)\n';
// The same size as MAIN_OK: one letter changed.
const MAIN_BROKEN = MAIN_OK.replace('import users', 'import userz').replace('users.router', 'userz.router');
const CONFIG = { apps: [{ name: 'svc', root: '.', entrypoints: ['main.py'] }] };

/** Every file's atime and mtime set 10 s back: neither cache stores a file changed in the last 3 s. */
function age(dir: string, when: Date): void {
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) fs.utimesSync(path.join(e.parentPath, e.name), when, when);
  }
}

/** Answers in the run cache (--timing runs are never stored, so a stored answer is counted on disk). */
const stored = (cache: string) => (fs.existsSync(path.join(cache, 'runs')) ? fs.readdirSync(path.join(cache, 'runs')).filter((n) => n.endsWith('.json')).length : 0);

const counts = (stderr: string) => /\((\d+) parsed, (\d+) cached\)/.exec(stderr)?.slice(1).map(Number);

describe('speed-stale-cache: an edit that keeps size and mtime', () => {
  it('is seen by the run cache and by the facts cache', () => {
    const dir = writeTree({ 'main.py': MAIN_OK, 'api/__init__.py': '', 'api/users.py': 'from fastapi import APIRouter\nrouter = APIRouter()\n', 'parity-check.config.json': JSON.stringify(CONFIG) });
    const past = new Date(Date.now() - 10_000);
    age(dir, past);
    const env = { PARITY_CHECK_CACHE_DIR: tempDir('pc-cache-') };
    expect(python('import main; print(len(main.app.routes))', dir).code).toBe(0);

    // Fill both caches: the facts of every file, and the answer of a JSON run.
    const before = runCli([dir, '--format', 'json'], { env });
    expect([before.code, JSON.parse(before.stdout).findings]).toEqual([0, []]);
    expect(stored(env.PARITY_CHECK_CACHE_DIR)).toBe(1);

    const main = path.join(dir, 'main.py');
    fs.writeFileSync(main, MAIN_BROKEN);
    fs.utimesSync(main, past, past);
    expect(fs.statSync(main).size).toBe(MAIN_OK.length);
    // utimes takes seconds as a float: the millisecond may come back a hair off.
    expect(Math.abs(fs.statSync(main).mtimeMs - past.getTime())).toBeLessThan(1);
    const py = python('import main', dir);
    expect([py.code, py.stderr]).toEqual([1, expect.stringContaining("cannot import name 'userz' from 'api'")]);

    // A run never stored (pretty): facts of the edited file are parsed again, the others come from the cache.
    const pretty = runCli([dir, '--timing'], { env });
    expect(pretty.code, pretty.stdout).toBe(1);
    expect(pretty.stdout).toContain("cannot import name 'userz' from 'api'");
    expect(counts(pretty.stderr), pretty.stderr).toEqual([1, 1]); // main.py parsed again; api/__init__.py from the cache
    // The stored JSON answer is not replayed.
    const json = runCli([dir, '--format', 'json'], { env });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).findings.map((f: { ruleId: string; line: number }) => [f.ruleId, f.line])).toEqual([['MOD004', 2]]);
  });
});

// The checked folder is svc/ of a repository; shared/ is in the repository too (a config outside the
// repository is refused: test/hostile/leaks.test.ts), read from disk, not through the snapshot.
describe('speed-stale-cache: a change to an extends file outside the checked folder', () => {
  const tree = (rule: 'off' | 'error') => ({
    'shared/base.json': JSON.stringify({ rules: { MOD004: rule } }),
    'svc/main.py': MAIN_BROKEN,
    'svc/api/__init__.py': '',
    'svc/api/users.py': 'from fastapi import APIRouter\nrouter = APIRouter()\n',
    'svc/parity-check.config.json': JSON.stringify({ extends: '../shared/base.json', ...CONFIG }),
  });

  it('is seen by the run cache of a work-tree check', () => {
    const top = writeTree(tree('off'));
    git(top, 'init', '-q');
    age(top, new Date(Date.now() - 10_000));
    const env = { PARITY_CHECK_CACHE_DIR: tempDir('pc-cache-') };
    const svc = path.join(top, 'svc');
    expect(python('import main', svc).code, 'the app is broken; the base config turns the rule off').toBe(1);
    expect(runCli([svc], { env }).code).toBe(0);
    expect(stored(env.PARITY_CHECK_CACHE_DIR)).toBe(1);

    fs.writeFileSync(path.join(top, 'shared/base.json'), JSON.stringify({ rules: { MOD004: 'error' } }));
    const after = runCli([svc], { env });
    expect(after.code, after.stdout + after.stderr).toBe(1);
    expect(after.stdout).toContain('MOD004');
    // And back: the answer follows the file's text, not a stored one.
    fs.writeFileSync(path.join(top, 'shared/base.json'), JSON.stringify({ rules: { MOD004: 'off' } }));
    expect(runCli([svc], { env }).code).toBe(0);
    // Removed: the config error is reported, not a stored pass.
    fs.rmSync(path.join(top, 'shared/base.json'));
    expect(runCli([svc], { env }).code).toBe(2);
  });

  it('is seen by the git-free warm path of --staged', () => {
    const top = writeTree(tree('off'));
    const svc = path.join(top, 'svc');
    git(top, 'init', '-q');
    git(top, 'add', '-A');
    const env = { PARITY_CHECK_CACHE_DIR: tempDir('pc-cache-') };
    expect(runCli(['--staged', svc], { cwd: svc, env }).code).toBe(0);
    expect(stored(env.PARITY_CHECK_CACHE_DIR)).toBe(1);

    fs.writeFileSync(path.join(top, 'shared/base.json'), JSON.stringify({ rules: { MOD004: 'error' } }));
    const after = runCli(['--staged', svc], { cwd: svc, env });
    expect(after.code, after.stdout + after.stderr).toBe(1);
    expect(after.stdout).toContain('MOD004');
  });
});
