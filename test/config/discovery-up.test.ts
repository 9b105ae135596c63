// Config discovery upward (#18 point 6), as ruff and ESLint do it: `cd backend && parity-check` uses
// the repository's config when backend/ has none, checks the apps of backend/ only, and never takes a
// config from above the git repository.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeRepo, python, runCli, tempDir, writeTree } from '../helpers.js';

const MAIN = 'from fastapi import FastAPI\nfrom debug_toolbar.middleware import DebugToolbarMiddleware\n\napp = FastAPI()\napp.add_middleware(DebugToolbarMiddleware)\n';
const LAZY = 'from fastapi import FastAPI\n\napp = FastAPI()\n';
const CONFIG = JSON.stringify({
  apps: [
    { name: 'backend', root: 'backend/src', entrypoints: ['main.py', 'lazy_app.py'] },
    { name: 'admin', root: 'admin', entrypoints: ['main.py', 'lazy_app.py'] },
  ],
  allow: [{ rule: 'PAR001', name: 'DebugToolbarMiddleware', only: 'main.py', reason: 'local runs only' }],
});

function repo(config = true): string {
  const dir = makeRepo(tempDir('pc-up-'));
  writeTree(
    {
      'backend/src/main.py': MAIN,
      'backend/src/lazy_app.py': LAZY,
      // admin's lazy entry point lacks GZip: a real PAR001, outside backend/.
      'admin/main.py': 'from fastapi import FastAPI\nfrom fastapi.middleware.gzip import GZipMiddleware\n\napp = FastAPI()\napp.add_middleware(GZipMiddleware)\n',
      'admin/lazy_app.py': LAZY,
      ...(config ? { 'parity-check.config.json': CONFIG } : {}),
    },
    dir,
  );
  return dir;
}

describe('config discovery upward', () => {
  it('the difference the config allows is real in Python (the middleware stacks differ)', () => {
    const dir = repo();
    fs.mkdirSync(path.join(dir, 'stub', 'debug_toolbar'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'stub', 'debug_toolbar', '__init__.py'), '');
    fs.writeFileSync(path.join(dir, 'stub', 'debug_toolbar', 'middleware.py'), 'class DebugToolbarMiddleware:\n    def __init__(self, app):\n        self.app = app\n');
    const out = python('import main, lazy_app; print(len(main.app.user_middleware), len(lazy_app.app.user_middleware))', `${path.join(dir, 'backend/src')}:${path.join(dir, 'stub')}`);
    expect(out.stdout.trim()).toBe('1 0');
  });

  it('cd backend && parity-check: the root config applies (its allow holds), only backend is checked', () => {
    const dir = repo();
    const r = runCli(['--format', 'json', '--no-cache'], { cwd: path.join(dir, 'backend') });
    expect(r.stderr).toContain(`using ${path.join(dir, 'parity-check.config.json')} (the nearest config above); checking the apps of backend/`);
    expect(JSON.parse(r.stdout)).toEqual({ findings: [] });
    expect(r.code).toBe(0);
    // From the top, admin's real PAR001 is found too.
    const top = runCli(['--format', 'json', '--no-cache'], { cwd: dir });
    expect((JSON.parse(top.stdout) as { findings: { ruleId: string; file: string }[] }).findings.map((f) => `${f.ruleId} ${f.file}`)).toEqual(['PAR001 admin/main.py']);
  });

  it('without the root config the same folder gives the false PAR001 the allow was for (so the config is what changed)', () => {
    const r = runCli(['--format', 'json', '--no-cache'], { cwd: path.join(repo(false), 'backend') });
    expect((JSON.parse(r.stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId)).toEqual(['PAR001']);
  });

  it('a folder with no app of the config: exit 2 with the reason', () => {
    const dir = repo();
    fs.mkdirSync(path.join(dir, 'docs'));
    const r = runCli(['--no-cache'], { cwd: path.join(dir, 'docs') });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no app of that config lies in docs/');
  });

  it('never above the git repository: a config in the folder holding the repository is not used', () => {
    const outer = tempDir('pc-outer-');
    fs.writeFileSync(path.join(outer, 'parity-check.config.json'), JSON.stringify({ rules: { PAR001: 'off' } }));
    fs.mkdirSync(path.join(outer, 'project'));
    const dir = makeRepo(path.join(outer, 'project'));
    writeTree({ 'src/main.py': MAIN, 'src/lazy_app.py': LAZY }, dir);
    const r = runCli(['--format', 'json', '--no-cache'], { cwd: path.join(dir, 'src') });
    expect(r.stderr).not.toContain('nearest config above');
    expect((JSON.parse(r.stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId)).toEqual(['PAR001']);
  });
});
