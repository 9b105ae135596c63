// The controls ruff, ESLint and pre-commit users bring (#18 points 8, 9, 12): --select/--ignore,
// --quiet, --exit-zero, --max-warnings, -o, --output-format, colour, did-you-mean for flags and
// subcommands, `help`, and user mistakes that are not internal errors. Run through the real CLI on
// the bundled incident, whose findings are known: MOD001 ×4, MOD004, PAR001, MDL001 and warnings.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, runCli, tempDir, writeTree } from './helpers.js';

const INCIDENT = path.join(REPO, 'examples', 'incident');
type Json = { findings: { ruleId: string; severity: string }[] };
const codes = (args: string[]) => {
  const r = runCli([INCIDENT, '--format', 'json', '--no-cache', ...args]);
  return { ...r, ids: (JSON.parse(r.stdout) as Json).findings.map((f) => f.ruleId) };
};
const all = codes([]);

/** Two entry points with GZip at different sizes: one PAR002 warning and nothing else. */
const warningApp = () =>
  writeTree({
    'main.py': 'from fastapi import FastAPI\nfrom fastapi.middleware.gzip import GZipMiddleware\n\napp = FastAPI()\napp.add_middleware(GZipMiddleware, minimum_size=500)\n',
    'lazy_app.py': 'from fastapi import FastAPI\nfrom fastapi.middleware.gzip import GZipMiddleware\n\napp = FastAPI()\napp.add_middleware(GZipMiddleware, minimum_size=1000)\n',
  });

describe('--select and --ignore', () => {
  it('the incident reports several rules (the baseline for what follows)', () => {
    expect(all.ids.filter((c) => c === 'MOD001')).toHaveLength(4);
    for (const c of ['MOD004', 'PAR001', 'MDL001']) expect(all.ids).toContain(c);
  });

  it('a prefix selects a family; an ignore inside it drops one code; the longer selector wins', () => {
    expect(new Set(codes(['--select', 'MOD']).ids)).toEqual(new Set(['MOD001', 'MOD004']));
    expect(new Set(codes(['--select', 'MOD', '--ignore', 'MOD004']).ids)).toEqual(new Set(['MOD001']));
    expect(new Set(codes(['--select', 'MOD004', '--ignore', 'MOD']).ids)).toEqual(new Set(['MOD004']));
    expect(codes(['--ignore', 'MOD,PAR,MDL']).ids.every((c) => !/^(MOD|PAR|MDL)/.test(c))).toBe(true);
    expect(codes(['--select', 'mod001']).ids).toEqual(['MOD001', 'MOD001', 'MOD001', 'MOD001']);
  });

  it('the exit code follows what is reported: errors ignored, a warning left → 0', () => {
    const dir = warningApp();
    // And an error: lazy_app imports a name main.py lacks (Python: ImportError: cannot import name 'settings').
    fs.appendFileSync(path.join(dir, 'lazy_app.py'), 'from main import settings\n');
    expect(runCli([dir, '--no-cache']).code).toBe(1);
    const r = runCli([dir, '--format', 'json', '--no-cache', '--ignore', 'MOD']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as Json).findings.map((f) => f.ruleId)).toEqual(['PAR002']);
  });

  it('an unknown code is a usage error with the closest codes', () => {
    const r = runCli([INCIDENT, '--select', 'MOD01']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown rule code or prefix "MOD01"');
    expect(r.stderr).toContain('did you mean MOD001');
  });
});

describe('--quiet, --exit-zero, --max-warnings', () => {
  it('--quiet reports errors only', () => {
    const r = codes(['--quiet']);
    expect(r.ids.length).toBe((JSON.parse(all.stdout) as Json).findings.filter((f) => f.severity === 'error').length);
    expect((JSON.parse(r.stdout) as Json).findings.every((f) => f.severity === 'error')).toBe(true);
  });

  it('--exit-zero: the errors are reported, the exit code is 0; a usage error still exits 2', () => {
    const r = codes(['--exit-zero']);
    expect(r.code).toBe(0);
    expect(r.ids).toEqual(all.ids);
    expect(runCli([INCIDENT, '--exit-zero', '--format', 'xml']).code).toBe(2);
  });

  it('--max-warnings N: more warnings than N exit 1, N or fewer do not', () => {
    const dir = warningApp();
    expect(runCli([dir, '--no-cache']).code).toBe(0);
    expect(runCli([dir, '--no-cache', '--max-warnings', '1']).code).toBe(0);
    const over = runCli([dir, '--no-cache', '--max-warnings', '0']);
    expect(over.code).toBe(1);
    expect(over.stderr).toContain('1 warning, more than --max-warnings 0 allows');
    expect(runCli([dir, '--max-warnings', 'many']).stderr).toContain('--max-warnings takes a whole number');
    // --quiet drops the warning, so there is nothing over the limit (ESLint 9's reading).
    expect(runCli([dir, '--no-cache', '--max-warnings', '0', '--quiet']).code).toBe(0);
  });
});

describe('output: -o, --output-format, colour', () => {
  it('-o FILE writes the report there (stdout empty), --output-format is --format', () => {
    const out = path.join(tempDir('pc-out-'), 'report.sarif');
    const r = runCli([INCIDENT, '--output-format', 'sarif', '-o', out, '--no-cache']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const sarif = JSON.parse(fs.readFileSync(out, 'utf8')) as { version: string; runs: { results: unknown[] }[] };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.length).toBe(all.ids.length);
    const bad = runCli([INCIDENT, '-o', path.join(out, 'no', 'such', 'dir.txt')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('cannot write the report to');
    expect(bad.stderr).not.toContain('internal error');
  });

  const colored = (env: Record<string, string | undefined>, args: string[] = []) => {
    const r = runCli([INCIDENT, '--no-cache', ...args], { env: { NO_COLOR: undefined, FORCE_COLOR: undefined, ...env } });
    return r.stdout.includes('\u001b[');
  };

  it('not a terminal: no colour; FORCE_COLOR (lint-staged sets it) turns it on, FORCE_COLOR=0 off; --color and --no-color win', () => {
    expect(colored({})).toBe(false);
    expect(colored({ FORCE_COLOR: '1' })).toBe(true);
    expect(colored({ FORCE_COLOR: '' })).toBe(true);
    expect(colored({ FORCE_COLOR: '0' })).toBe(false);
    expect(colored({}, ['--color'])).toBe(true);
    expect(colored({ FORCE_COLOR: '1' }, ['--no-color'])).toBe(false);
  });

  it('NO_COLOR counts only when not empty; FORCE_COLOR wins over it, as in Node', () => {
    expect(colored({ FORCE_COLOR: '1', NO_COLOR: '' })).toBe(true);
    expect(colored({ NO_COLOR: '1' }, ['--color'])).toBe(true);
    expect(colored({ FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(true);
  });
});

describe('mistakes get a one-line answer, never "internal error"', () => {
  it('a mistyped option and a mistyped subcommand get a did-you-mean', () => {
    const flag = runCli(['--stagd']);
    expect(flag).toMatchObject({ code: 2 });
    expect(flag.stderr).toContain('unknown option --stagd; did you mean --staged?');
    expect(flag.stderr).not.toContain("place it at the end of the command after '--'");
    const cmd = runCli(['verfy'], { cwd: tempDir('pc-cwd-') });
    expect(cmd.code).toBe(2);
    expect(cmd.stderr).toContain('did you mean "parity-check verify"?');
  });

  it('`parity-check help` prints the help', () => {
    const r = runCli(['help'], { cwd: tempDir('pc-cwd-') });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: parity-check');
  });

  it('a folder that does not exist, a file given as the folder', () => {
    const dir = tempDir('pc-cwd-');
    const missing = runCli([path.join(dir, 'nope')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope does not exist');
    fs.writeFileSync(path.join(dir, 'main.py'), 'x = 1\n');
    const file = runCli([path.join(dir, 'main.py')]);
    expect(file.code).toBe(2);
    expect(file.stderr).toContain('is a file, not a folder');
    for (const r of [missing, file]) expect(r.stderr).not.toContain('internal error');
  });

  it('a folder with no app: exit 2, and machine formats still print a valid document', () => {
    const dir = writeTree({ 'tool.py': 'print(1)\n' });
    const r = runCli([dir, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ findings: [] });
    expect(r.stderr).toContain('no app to check');
  });
});

describe('a folder whose only Lambda function cannot be checked is not "nothing checked"', () => {
  it('the function is named and the exit code stays 0, as the README promises for functions not checked', () => {
    const dir = writeTree({
      'template.yaml': 'Transform: AWS::Serverless-2016-10-31\nParameters:\n  Entry:\n    Type: String\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src/\n      Handler: !Sub "${Entry}"\n      Runtime: python3.12\n',
      'src/app.py': 'def handler(event, context):\n    return {}\n',
    });
    const r = runCli([dir, '--no-cache']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('function Fn not checked');
    expect(r.stdout).not.toContain('Nothing checked');
  });
});
