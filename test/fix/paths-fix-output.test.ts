// paths topic (#18 point 13): --fix-dry-run honours --format json (the edits as data), and the `[*]`
// hint names the command that applies the fix where the check ran (a hook's --staged run: --staged --fix).
// The fix is Python's: the router map's module paths import after the edit, not before.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitAll, copyTree, git, makeRepo, python, REPO, runCli } from '../helpers.js';

const LAZY = 'apps/backend-api/src/lazy_app.py';
const SRC = 'apps/backend-api/src';

/** The fixed example with the `src.` prefix put back on its router map (the router-map incident). */
function incident(): string {
  const dir = copyTree(path.join(REPO, 'examples', 'fixed'), makeRepo());
  const file = path.join(dir, LAZY);
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replaceAll(': "api.v1.', ': "src.api.v1.'));
  commitAll(dir);
  return dir;
}

describe('paths: fixes as data, and the command that applies them', () => {
  it('paths-fix-json: --fix-dry-run --format json prints each edit (file, range, old and new text) and writes nothing', () => {
    const dir = incident();
    const before = fs.readFileSync(path.join(dir, LAZY), 'utf8');
    expect(python('import importlib; importlib.import_module("src.api.v1.providers")', path.join(dir, SRC)).code).toBe(1);
    const r = runCli(['--fix-dry-run', '--format', 'json'], { cwd: dir });
    const { edits } = JSON.parse(r.stdout);
    expect(edits.map((e: { oldText: string; newText: string }) => `${e.oldText} -> ${e.newText}`)).toEqual([
      'src.api.v1.providers -> api.v1.providers',
      'src.api.v1.licenses -> api.v1.licenses',
      'src.api.v1.documents -> api.v1.documents',
      'src.api.v1.cme -> api.v1.cme',
    ]);
    const lines = before.split('\n');
    for (const e of edits) {
      expect(e.file).toBe(LAZY);
      expect(e.ruleId).toBe('MOD001');
      // The range is where the old text is, 1-based.
      expect(lines[e.range.start.line - 1].slice(e.range.start.column - 1, e.range.end.column - 1)).toBe(e.oldText);
      expect(python(`import importlib; importlib.import_module(${JSON.stringify(e.newText)})`, path.join(dir, SRC)).code).toBe(0);
    }
    expect(fs.readFileSync(path.join(dir, LAZY), 'utf8')).toBe(before);
  });

  it('paths-fix-hint: the [*] hint says --fix in a work-tree check and parity-check --staged --fix in a staged one', () => {
    const dir = incident();
    expect(runCli([], { cwd: dir }).stdout).toContain('[*] 4 fixable with --fix\n');
    const file = path.join(dir, LAZY);
    fs.appendFileSync(file, '\n');
    git(dir, 'add', LAZY);
    const staged = runCli(['--staged'], { cwd: dir });
    expect(staged.code).toBe(1);
    expect(staged.stdout).toContain('[*] 4 fixable with parity-check --staged --fix\n');
  });
});
