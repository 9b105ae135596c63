// #18 (init): "nothing to change; already set up" only when it is. Seen on two public Python-only
// repositories with a .pre-commit-config.yaml and no app init could find: init wrote nothing (right),
// said no app was found and that the hook was not written, and then claimed to be set up.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, writeTree } from '../helpers.js';

// No parity-check on PATH, and no URL known to this build: init cannot place a hook that would run.
const ENV = { PATH: '/usr/bin:/bin' };
const PRE_COMMIT = 'repos:\n  - repo: https://github.com/pre-commit/pre-commit-hooks\n    rev: v4.5.0\n    hooks:\n      - id: trailing-whitespace\n';

describe('init says it is set up only when it is', () => {
  it('init-settled-left-to-do: no app found and the hook left to add: nothing written, not "already set up"', () => {
    const dir = writeTree({ '.pre-commit-config.yaml': PRE_COMMIT, 'tool.py': 'print("hi")\n' });
    const r = runCli(['init', dir], { env: ENV });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('nothing written; not set up yet');
    expect(r.stdout).not.toContain('already set up');
    expect(r.stdout).toContain('no app found');
    expect(fs.readFileSync(path.join(dir, '.pre-commit-config.yaml'), 'utf8')).toBe(PRE_COMMIT);
    expect(fs.readdirSync(dir).sort()).toEqual(['.pre-commit-config.yaml', 'tool.py']);
  });

  it('init-settled-done: its twin, config and hook both in place: "nothing to change; already set up"', () => {
    const hooked = `${PRE_COMMIT}  - repo: local\n    hooks:\n      - id: parity-check\n        name: parity-check\n        entry: parity-check --staged\n        language: system\n        pass_filenames: false\n`;
    const config = '{\n  "apps": [{ "name": "api", "root": "src", "eager": "src/main.py", "lazy": "src/lazy_app.py" }]\n}\n';
    const dir = writeTree({ '.pre-commit-config.yaml': hooked, 'parity-check.config.json': config });
    const r = runCli(['init', dir], { env: ENV });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('nothing to change; already set up');
    expect(r.stdout).not.toContain('nothing written; not set up yet');
    expect(fs.readFileSync(path.join(dir, '.pre-commit-config.yaml'), 'utf8')).toBe(hooked);
  });
});
