// verify's settings from the command line and the team config, and its docs through explain (the built CLI).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PYTHON, runCli, tempDir, writeTree } from '../helpers.js';

const made: string[] = [];
afterAll(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

function app(config: unknown): string {
  const dir = writeTree(
    {
      // Python says which interpreter ran it: the import fails, naming sys.executable, so the finding shows which one verify used.
      'main.py': 'import sys\n\nfrom fastapi import FastAPI\n\napp = FastAPI()\nraise RuntimeError("ran by " + sys.executable)\n',
      'lazy_app.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n',
      'parity-check.config.json': JSON.stringify(config),
    },
    tempDir('pc-verify-settings-'),
  );
  made.push(dir);
  return dir;
}

const apps = [{ name: 'app', root: '.', entrypoints: ['main.py', 'lazy_app.py'] }];

describe('verify settings (CLI, real Python)', () => {
  it('config verify.python is the interpreter (a path relative to the config file); --python wins over it', () => {
    const dir = app({ apps, verify: { python: 'venv-elsewhere/bin/python' } });
    // A virtualenv-like interpreter under the config's folder: a symlink to /usr/bin/python3 (sys.executable keeps the link's path).
    fs.mkdirSync(path.join(dir, 'venv-elsewhere', 'bin'), { recursive: true });
    fs.symlinkSync(PYTHON, path.join(dir, 'venv-elsewhere', 'bin', 'python'));
    const viaConfig = runCli(['verify', dir]);
    expect(viaConfig.stdout).toContain(`ran by ${path.join(dir, 'venv-elsewhere', 'bin', 'python')}`);
    const viaFlag = runCli(['verify', dir, '--python', PYTHON]);
    expect(viaFlag.stdout).toContain(`ran by ${PYTHON}`);
  });

  it('a configured interpreter that does not start: exit 2, one line naming it', () => {
    const dir = app({ apps, verify: { python: '/nonexistent/python3' } });
    const r = runCli(['verify', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(
      "parity-check: verify needs the project's Python interpreter and none would start (tried /nonexistent/python3): pass --python PATH, or run verify where the app's requirements are installed",
    );
  });

  it('config verify.timeout is the per-entry timeout; --timeout wins over it', () => {
    const dir = app({ apps, verify: { timeout: 2 } });
    fs.writeFileSync(path.join(dir, 'lazy_app.py'), 'import time\n\ntime.sleep(30)\n');
    const timedOut = (args: string[]) => {
      const out = JSON.parse(runCli(['verify', dir, '--python', PYTHON, '--format', 'json', ...args]).stdout) as { findings: { ruleId: string; file: string; message: string }[] };
      const f = out.findings.find((x) => x.ruleId === 'VER006' && x.file === 'lazy_app.py');
      return Number(/did not finish in (\d+) ms/.exec(f?.message ?? '')?.[1]);
    };
    const viaConfig = timedOut([]);
    expect(viaConfig).toBeGreaterThanOrEqual(2000);
    expect(viaConfig).toBeLessThan(3500);
    expect(timedOut(['--timeout', '4'])).toBeGreaterThanOrEqual(4000);
  });

  it('a wrong verify entry is a config error (exit 2)', () => {
    const r = runCli(['verify', app({ apps, verify: { timeout: -1 } }), '--python', PYTHON]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('verify.timeout');
  });
});

describe('verify with nothing to import', () => {
  it('says so instead of reading as all clear', () => {
    const dir = writeTree({ 'tool.py': 'print("hi")\n' }, tempDir('pc-verify-none-'));
    made.push(dir);
    const r = runCli(['verify', dir, '--python', PYTHON]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('! Nothing was imported: no app or Lambda function to verify (parity-check init, or apps in parity-check.config.json)\n');
  });
});

describe('parity-check explain VER00x', () => {
  it('documents every verify code like a rule: what, why it breaks production, bad, good, fix', () => {
    for (const code of ['VER001', 'VER002', 'VER003', 'VER004', 'VER005', 'VER006', 'VER007']) {
      const r = runCli(['explain', code.toLowerCase()]);
      expect(r.code).toBe(0);
      expect(r.stdout.split('\n')[0]).toMatch(new RegExp(`^${code}  [a-z-]+  \\(error\\)$`));
      for (const part of ['What it finds', 'Why it breaks production', 'Bad', 'Good', 'How to fix']) expect(r.stdout).toContain(`\n${part}\n`);
    }
    expect(runCli(['explain', 'VER099']).stderr).toContain('VER001, VER002');
  });
});
