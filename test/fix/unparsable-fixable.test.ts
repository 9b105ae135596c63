// newcomer topic (#18): a file that does not parse is never edited by --fix, so a finding whose fix
// edits it must not say `[*]` nor count in "N fixable". The twin without the syntax error keeps both.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitAll, copyTree, makeRepo, python, REPO, runCli } from '../helpers.js';

const LAZY = 'apps/backend-api/src/lazy_app.py';
const SRC = 'apps/backend-api/src';

/** The fixed example with the router map's `src.` prefix put back (MOD001, fixable); `tail` appended to lazy_app.py. */
function incident(tail: string): string {
  const dir = copyTree(path.join(REPO, 'examples', 'fixed'), makeRepo());
  const file = path.join(dir, LAZY);
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replaceAll(': "api.v1.', ': "src.api.v1.') + tail);
  commitAll(dir);
  return dir;
}

describe('newcomer: no [*] for a fix in a file that does not parse', () => {
  it('newcomer-unparsable-no-fix: a syntax error in the file the fix edits: the findings stay, without [*] or a fixable count, and --fix writes nothing', () => {
    const dir = incident('\n\ndef broken(:\n    pass\n');
    expect(python('import lazy_app', path.join(dir, SRC)).stderr).toContain('SyntaxError');
    const before = fs.readFileSync(path.join(dir, LAZY), 'utf8');
    const r = runCli([], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('PARSE001');
    expect(r.stdout).not.toContain('[*]');
    expect(r.stdout).not.toContain('fixable');
    const json = JSON.parse(runCli(['--format', 'json'], { cwd: dir }).stdout);
    expect(json.findings.filter((f: { fix?: unknown }) => f.fix)).toEqual([]);
    runCli(['--fix'], { cwd: dir });
    expect(fs.readFileSync(path.join(dir, LAZY), 'utf8')).toBe(before);
  });

  it('newcomer-unparsable-twin: the same file without the syntax error offers the fix', () => {
    const dir = incident('');
    expect(python('import importlib; importlib.import_module("src.api.v1.providers")', path.join(dir, SRC)).code).toBe(1);
    const r = runCli([], { cwd: dir });
    expect(r.stdout).toContain('MOD001');
    expect(r.stdout).toContain('[*] 4 fixable with --fix\n');
  });
});
