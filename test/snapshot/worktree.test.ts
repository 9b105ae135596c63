import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSnapshot } from '../../src/snapshot/index.js';
import { WorktreeSnapshot } from '../../src/snapshot/worktree.js';
import { tempDir, writeTree } from '../helpers.js';

const WEIRD = ['with space.py', `it's "quoted".py`, 'café/naïve.py', 'new\nline.py', 'tab\there.py'];

describe('WorktreeSnapshot', () => {
  it('lists files sorted, skips tool folders, keeps dist, reads content', async () => {
    const dir = tempDir();
    writeTree({
      'main.py': 'import app\n',
      'app/__init__.py': '',
      'app/routes/users.py': 'router = 1\n',
      'dist/pkg/mod.py': 'x = 1\n',
      '.git/config': 'not a repo really',
      'node_modules/x/index.js': '',
      'app/__pycache__/users.cpython-312.pyc': 'bin',
      '.venv/lib/python3.12/site-packages/fastapi/__init__.py': '',
      'venv/bin/python': '',
      '.tox/py/x.py': '',
      '.mypy_cache/3.12/x.json': '',
      '.pytest_cache/v/x': '',
      'lib/site-packages/x.py': '',
      '.github/workflows/ci.yml': 'on: push\n',
    }, dir);
    const snap = await WorktreeSnapshot.create(dir);
    expect(snap.kind).toBe('worktree');
    expect(snap.base).toBe(dir);
    expect(snap.files().map((f) => f.path)).toEqual([
      '.github/workflows/ci.yml',
      'app/__init__.py',
      'app/routes/users.py',
      'dist/pkg/mod.py',
      'main.py',
    ]);
    const st = fs.statSync(path.join(dir, 'main.py'));
    expect(snap.files().find((f) => f.path === 'main.py')?.id).toBe(`${st.size}-${st.mtimeMs}-${st.ctimeMs}-${st.ino}`);
    expect(snap.has('main.py')).toBe(true);
    expect(snap.has('./app/routes/users.py')).toBe(true);
    expect(snap.has('node_modules/x/index.js')).toBe(false);
    expect(snap.hasDir('')).toBe(true);
    expect(snap.hasDir('app')).toBe(true);
    expect(snap.hasDir('app/routes/')).toBe(true);
    expect(snap.hasDir('app/rout')).toBe(false);
    expect(snap.hasDir('main.py')).toBe(false);
    expect(snap.hasDir('venv')).toBe(false);
    expect((await snap.read('app/routes/users.py'))?.toString()).toBe('router = 1\n');
    expect(await snap.readText('main.py')).toBe('import app\n');
    expect(await snap.read('missing.py')).toBeUndefined();
    expect(await snap.readText('venv/bin/python')).toBeUndefined();
    expect(snap.problems).toEqual([]);
    await snap.close();
  });

  it('has every folder above its files, and no folder at all (not even the base) without a file', async () => {
    const dir = tempDir();
    try {
      const empty = await WorktreeSnapshot.create(dir);
      expect(empty.hasDir('')).toBe(false);
      await empty.close();
      writeTree({ 'a/b/c/deep.py': '', 'a/b/c/next.py': '', 'a/b2/x.py': '', 'a/top.py': '', 'z.py': '' }, dir);
      const snap = await WorktreeSnapshot.create(dir);
      for (const d of ['', 'a', 'a/b', 'a/b/c', 'a/b2']) expect(snap.hasDir(d)).toBe(true);
      for (const d of ['b', 'a/b/c/deep.py', 'z.py', 'a/c']) expect(snap.hasDir(d)).toBe(false);
      await snap.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('applies ignore globs to files and folders', async () => {
    const dir = tempDir();
    writeTree({ 'a.py': '', 'build/x.py': '', 'docs/conf.py': '', 'tests/test_a.py': '', 'pkg/gen_pb2.py': '', 'pkg/b.py': '' }, dir);
    const snap = await WorktreeSnapshot.create(dir, { ignore: ['build/**', 'docs', '**/*_pb2.py', 'tests/*.py'] });
    expect(snap.files().map((f) => f.path)).toEqual(['a.py', 'pkg/b.py']);
    expect(snap.hasDir('tests')).toBe(false);
  });

  it('handles spaces, quotes, non-ASCII letters, tabs and newlines in names', async () => {
    const dir = tempDir();
    writeTree(Object.fromEntries(WEIRD.map((n, i) => [n, `# ${i}\n`])), dir);
    const snap = await WorktreeSnapshot.create(dir);
    expect(snap.files().map((f) => f.path)).toEqual([...WEIRD].sort());
    for (const [i, n] of WEIRD.entries()) expect(await snap.readText(n)).toBe(`# ${i}\n`);
    expect(snap.hasDir('café')).toBe(true);
  });

  it('lists symbolic links to files, follows links to folders, names dangling links', async () => {
    const dir = tempDir();
    writeTree({ 'real/mod.py': 'x = 1\n', 'target.py': 'y = 2\n' }, dir);
    fs.symlinkSync('target.py', path.join(dir, 'alias.py'));
    fs.symlinkSync('real', path.join(dir, 'linked_dir'));
    fs.symlinkSync('nowhere.py', path.join(dir, 'dangling.py'));
    const snap = await WorktreeSnapshot.create(dir);
    expect(snap.files().map((f) => f.path)).toEqual(['alias.py', 'linked_dir/mod.py', 'real/mod.py', 'target.py']);
    expect(await snap.readText('alias.py')).toBe('y = 2\n');
    expect(await snap.readText('linked_dir/mod.py')).toBe('x = 1\n');
    expect(snap.hasDir('linked_dir')).toBe(true);
    expect(snap.problems.map((p) => p.path)).toEqual(['dangling.py']);
    expect([...snap.unfollowedLinks]).toEqual(['dangling.py']);
  });

  it('records a folder whose path is too long to read as a problem and goes on (works as root too)', async () => {
    const dir = tempDir();
    writeTree({ 'ok.py': '' }, dir);
    // 17 levels of 250-letter names: past PATH_MAX (4096), so readdir fails with ENAMETOOLONG.
    const name = 'd'.repeat(250);
    execFileSync('bash', ['-c', `for i in $(seq 17); do mkdir ${name} && cd ${name} || exit 1; done`], { cwd: dir });
    const snap = await WorktreeSnapshot.create(dir);
    expect(snap.files().map((f) => f.path)).toEqual(['ok.py']);
    expect(snap.problems).toHaveLength(1);
    expect(snap.problems[0].path.split('/').length).toBeGreaterThan(14);
    expect(snap.problems[0].message).toBe('folder could not be read: ENAMETOOLONG (scandir)');
  });

  it('throws for a folder that does not exist', async () => {
    const dir = path.join(tempDir(), 'nope');
    await expect(WorktreeSnapshot.create(dir)).rejects.toThrow(`${dir} is not a folder`);
  });

  it('withIgnore gives a filtered view reading through the same snapshot', async () => {
    const dir = tempDir();
    writeTree({ 'a.py': 'a', 'gen/b.py': 'b' }, dir);
    const snap = await openSnapshot(dir);
    const view = (snap as WorktreeSnapshot).withIgnore(['gen']);
    expect(view.files().map((f) => f.path)).toEqual(['a.py']);
    expect(await view.read('gen/b.py')).toBeUndefined();
    expect(await view.readText('a.py')).toBe('a');
    expect(view.kind).toBe('worktree');
  });

  it('strips a UTF-8 byte order mark in readText', async () => {
    const dir = tempDir();
    writeTree({ 'bom.py': Buffer.from([0xef, 0xbb, 0xbf, 0x78, 0x0a]) }, dir);
    const snap = await WorktreeSnapshot.create(dir);
    expect(await snap.readText('bom.py')).toBe('x\n');
    expect((await snap.read('bom.py'))?.length).toBe(5);
  });
});
