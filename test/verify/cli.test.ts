// parity-check verify from the command line (the built CLI as a process, real Python).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PYTHON, REPO, runCli } from '../helpers.js';

describe('parity-check verify (CLI)', () => {
  it('examples/incident: exit 1, the import error at its line, the side-by-side table, the Mangum note on stderr', () => {
    const r = runCli(['verify', path.join(REPO, 'examples', 'incident'), '--python', PYTHON]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("apps/backend-api/src/lazy_app.py:11:1  VER001  error  import lazy_app raises ImportError: cannot import name 'CMEActivityTopic'");
    expect(r.stdout).toContain('Static check and real Python, side by side:');
    expect(r.stdout).toContain('  confirmed      MOD004  apps/backend-api/src/lazy_app.py:11:33');
    expect(r.stderr).toContain("note: apps/backend-api/src/handler.py: 'mangum' is not installed");
  });

  it('examples/fixed: exit 0; --format json is valid JSON with the verdicts', () => {
    const r = runCli(['verify', path.join(REPO, 'examples', 'fixed'), '--python', PYTHON, '--format', 'json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { findings: unknown[]; staticFindings: unknown[]; runtimeOnly: unknown[]; notes: string[] };
    expect(out.findings).toEqual([]);
    expect(out.staticFindings).toEqual([]);
    expect(out.notes).toHaveLength(1);
  });

  it('an interpreter that does not start, a bad timeout, a format verify does not print: one line, exit 2', () => {
    const dir = path.join(REPO, 'examples', 'fixed');
    for (const args of [['--python', '/nonexistent/python3'], ['--timeout', 'soon'], ['--format', 'sarif']]) {
      const r = runCli(['verify', dir, ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr.split('\n')[0]).toMatch(/^parity-check: (verify needs the project's Python interpreter|--timeout takes|verify prints pretty or json)/);
      expect(r.stderr).not.toContain('    at ');
    }
  });
});
