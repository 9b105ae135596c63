// Hostile input, --fix (#19 items 3, 13, 14): never through a link out of the repository, never onto a
// read-only file, never in a file that does not parse; and a fixed file keeps its inode's owner, mode
// and hard links. Every repository is built here; the one broken string is the `src.` prefix (MOD001).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyFixes } from '../../src/fix/run-fixes.js';
import type { Finding } from '../../src/types.js';
import { CLI, makeRepo, python, removeTree, tempDir, writeTree } from '../helpers.js';
import { commitEverything, expectNoCanary, lazyApp, runHostile, sandbox } from './harness.js';

const LAZY = 'src/lazy_app.py';

/** A repository with the fixable app; `lazy` replaces the Lambda entry point's text. */
function fixable(lazy?: string | Buffer): { repo: string; file: string } {
  const repo = makeRepo();
  writeTree(lazyApp('src'), repo);
  if (lazy !== undefined) fs.writeFileSync(path.join(repo, LAZY), lazy);
  commitEverything(repo);
  return { repo, file: path.join(repo, LAZY) };
}

const text = (file: string) => fs.readFileSync(file, 'utf8');

describe('item 14: no fix in a file that does not parse', () => {
  const good = text(path.join(writeTree(lazyApp('src')), LAZY));
  const cases: [string, Buffer, RegExp][] = [
    // tree-sitter's recovery around the NUL still finds a "module path" and offered a certain fix.
    ['a NUL byte in the map', Buffer.from(good.replace('"users": "src', '"users": \0"src')), /null bytes/],
    ['a syntax error below the map', Buffer.from(`${good}def broken(:\n    pass\n`), /SyntaxError/],
  ];
  for (const [name, bytes, pythonSays] of cases) {
    it(`${name}: --fix and --fix-dry-run leave it byte-identical and say why`, () => {
      const box = sandbox();
      const { repo, file } = fixable(bytes);
      // Python refuses to import the file at all: no edit can be known to be the right one.
      expect(python('import lazy_app', path.join(repo, 'src')).stderr).toMatch(pythonSays);
      for (const flag of ['--fix', '--fix-dry-run']) {
        const r = runHostile(box, [flag], { cwd: repo });
        expect(r.code, r.stderr).toBe(1);
        expect(r.stderr).toContain(`not fixed: ${LAZY}:5 MOD001: ${LAZY} does not parse`);
        expect(fs.readFileSync(file)).toEqual(bytes);
        if (flag === '--fix-dry-run') expect(r.stdout).toBe('');
      }
      expectNoCanary(box);
    });
  }

  it('the parsing twin is fixed, and Python then imports it', () => {
    const box = sandbox();
    const { repo, file } = fixable();
    const r = runHostile(box, ['--fix'], { cwd: repo });
    expect(r.code, r.stderr).toBe(0);
    expect(text(file)).toContain('"users": "api.users"');
    expect(python('import lazy_app; print(len(lazy_app.app.routes))', path.join(repo, 'src')).code).toBe(0);
  });
});

describe('item 3: --fix refuses a read-only file and a link out of the repository', () => {
  it('a 0444 file is not replaced (root could): the finding stays, with the mode named', () => {
    const box = sandbox();
    const { repo, file } = fixable();
    fs.chmodSync(file, 0o444);
    const before = fs.readFileSync(file);
    const ino = fs.statSync(file).ino;
    const r = runHostile(box, ['--fix'], { cwd: repo });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${LAZY} is read-only (mode 0444): not written`);
    expect(fs.readFileSync(file)).toEqual(before);
    expect(fs.statSync(file).mode & 0o7777).toBe(0o444);
    expect(fs.statSync(file).ino).toBe(ino);
  });

  it('an entry point linked to a file outside: the outside file is never written (nor read)', () => {
    const box = sandbox();
    const outside = tempDir('pc-outside-');
    const { repo, file } = fixable();
    const target = path.join(outside, 'lazy_app.py');
    fs.renameSync(file, target);
    fs.symlinkSync(target, file);
    const before = fs.readFileSync(target);
    const r = runHostile(box, ['--fix'], { cwd: repo });
    // The config names an entry point the snapshot does not hold (its content is outside): a config error, not a fix.
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('file "src/lazy_app.py" is a symbolic link outside the checked folder');
    expect(fs.readFileSync(target)).toEqual(before);
    expect(fs.lstatSync(file).isSymbolicLink()).toBe(true);
  });

  it('applyFixes itself: a finding in a file that became a link out since the check is not written', async () => {
    const { repo, file } = fixable();
    const outside = tempDir('pc-outside-');
    const checked = text(file);
    const target = path.join(outside, 'lazy_app.py');
    fs.writeFileSync(target, checked);
    fs.rmSync(file);
    fs.symlinkSync(target, file);
    const line = checked.split('\n').findIndex((l) => l.includes('src.api.users')) + 1;
    const column = checked.split('\n')[line - 1].indexOf('"src') + 1;
    const finding: Finding = {
      ruleId: 'MOD001',
      severity: 'error',
      file: LAZY,
      line,
      column,
      message: 'x',
      fix: { safe: true, description: 'd', edits: [{ file: LAZY, span: { line, column, endLine: line, endColumn: column + 15 }, text: '"api.users"' }] },
    };
    const outcome = await applyFixes([finding], { base: repo, staged: false, dryRun: false, sources: new Map([[LAZY, checked]]) });
    expect(outcome.fixed).toEqual([]);
    expect(outcome.notApplied[0].why).toBe(`${LAZY} is a link to ${target}, outside the checked folder: --fix never writes there`);
    expect(text(target)).toBe(checked);
  });
});

describe('item 13: a fixed file keeps its inode, owner, mode and hard links', () => {
  it('a file with a second hard link: both names get the fix, same inode, no copy left behind', () => {
    const box = sandbox();
    const { repo, file } = fixable();
    const other = path.join(tempDir('pc-hardlink-'), 'lazy_app.py');
    fs.linkSync(file, other);
    const ino = fs.statSync(file).ino;
    const r = runHostile(box, ['--fix'], { cwd: repo });
    expect(r.code, r.stderr).toBe(0);
    expect(fs.statSync(file).ino).toBe(ino);
    expect(fs.statSync(file).nlink).toBe(2);
    expect(text(other)).toContain('"users": "api.users"');
    expect(fs.readdirSync(path.dirname(file)).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('another user\'s 0640 file keeps its owner and mode (as root: the temp file is given them; else it is written in place)', () => {
    const box = sandbox();
    const { repo, file } = fixable();
    const me = process.getuid!();
    // Root can hand the file to uid/gid 1000, the case of the report; another user keeps their own.
    const owner = me === 0 ? { uid: 1000, gid: 1000 } : { uid: me, gid: process.getgid!() };
    fs.chownSync(file, owner.uid, owner.gid);
    fs.chmodSync(file, 0o640);
    const r = runHostile(box, ['--fix'], { cwd: repo });
    expect(r.code, r.stderr).toBe(0);
    const st = fs.statSync(file);
    expect({ uid: st.uid, gid: st.gid, mode: st.mode & 0o7777 }).toEqual({ ...owner, mode: 0o640 });
    expect(text(file)).toContain('"users": "api.users"');
  });

  it('run by a user who may not give files away (uid 1000, through setpriv when the suite is root): written in place, owner and inode kept', () => {
    const me = process.getuid!();
    // Outside the run's 0700 temporary root, so that uid 1000 can reach it; removed below.
    const dir = fs.mkdtempSync(path.join(me === 0 ? '/tmp' : os.tmpdir(), 'pc-hostile-uid-'));
    try {
      writeTree({ ...lazyApp('src'), 'home/.keep': '' }, dir);
      const file = path.join(dir, LAZY);
      const runner = me === 0 ? { uid: 1000, gid: 1000 } : { uid: me, gid: process.getgid!() };
      // The file belongs to someone else (uid 1001) and is writable by the runner's group.
      const owner = me === 0 ? { uid: 1001, gid: 1000 } : runner;
      for (const rel of ['', 'src', 'home']) fs.chmodSync(path.join(dir, rel), 0o777);
      for (const rel of ['parity-check.config.json', 'src/main.py', 'src/handler.py', 'src/api', 'src/api/__init__.py', 'src/api/users.py']) fs.chmodSync(path.join(dir, rel), rel === 'src/api' ? 0o755 : 0o644);
      fs.chownSync(file, owner.uid, owner.gid);
      fs.chmodSync(file, 0o664);
      const ino = fs.statSync(file).ino;
      const cmd = me === 0 ? ['setpriv', `--reuid=${runner.uid}`, `--regid=${runner.gid}`, '--clear-groups', process.execPath] : [process.execPath];
      const r = spawnSync(cmd[0], [...cmd.slice(1), CLI, '--fix'], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: path.join(dir, 'home'), NO_COLOR: '1' } });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toContain('fixed 1 problem in 1 file');
      const st = fs.statSync(file);
      expect({ uid: st.uid, gid: st.gid, mode: st.mode & 0o7777 }).toEqual({ ...owner, mode: 0o664 });
      if (me === 0) expect(st.ino).toBe(ino); // a rename would have made a file of uid 1000
      expect(text(file)).toContain('"users": "api.users"');
      expect(fs.readdirSync(path.join(dir, 'src')).filter((n) => n.startsWith('.'))).toEqual([]); // the safe copy is gone
    } finally {
      removeTree(dir);
    }
  });
});
