import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IndexSnapshot } from '../../src/snapshot/git-index.js';
import { openSnapshot } from '../../src/snapshot/index.js';
import { commitAll, git, gitWith, makeRepo, tempDir, writeTree } from '../helpers.js';

const paths = (s: { files(): { path: string }[] }) => s.files().map((f) => f.path);

describe('IndexSnapshot', () => {
  it('reads the staged version of a partially staged file, both ways', async () => {
    const repo = makeRepo();
    writeTree({ 'a.py': 'v1\n', 'b.py': 'v1\n' }, repo);
    commitAll(repo);
    // a.py: v2 staged, v3 on disk. b.py: v2 staged, then the disk put back to v1.
    writeTree({ 'a.py': 'v2\n', 'b.py': 'v2\n' }, repo);
    git(repo, 'add', 'a.py', 'b.py');
    writeTree({ 'a.py': 'v3\n', 'b.py': 'v1\n' }, repo);
    const snap = await IndexSnapshot.create(repo);
    expect(await snap.readText('a.py')).toBe('v2\n');
    expect(await snap.readText('b.py')).toBe('v2\n');
    expect(snap.files().find((f) => f.path === 'a.py')?.id).toBe(git(repo, 'rev-parse', ':a.py').trim());
    const work = await openSnapshot(repo);
    expect(await work.readText('a.py')).toBe('v3\n');
    expect(await work.readText('b.py')).toBe('v1\n');
    await snap.close();
  });

  it('leaves out a file staged for deletion that is still on disk, and untracked files', async () => {
    const repo = makeRepo();
    writeTree({ 'keep.py': 'k\n', 'gone.py': 'g\n' }, repo);
    commitAll(repo);
    git(repo, 'rm', '-q', '--cached', 'gone.py');
    writeTree({ 'untracked.py': 'u\n', 'newdir/untracked.py': 'u\n' }, repo);
    expect(fs.existsSync(path.join(repo, 'gone.py'))).toBe(true);
    const snap = await IndexSnapshot.create(repo);
    expect(paths(snap)).toEqual(['keep.py']);
    expect(snap.has('gone.py')).toBe(false);
    expect(await snap.read('gone.py')).toBeUndefined();
    expect(await snap.read('untracked.py')).toBeUndefined();
    expect(snap.hasDir('newdir')).toBe(false);
    expect(await snap.changes()).toEqual([{ status: 'D', path: 'gone.py' }]);
    await snap.close();
  });

  it('counts a rename at its new path, and lists the old one as deleted', async () => {
    const repo = makeRepo();
    writeTree({ 'pkg/old_name.py': 'x = 1\n' }, repo);
    commitAll(repo);
    git(repo, 'mv', 'pkg/old_name.py', 'pkg/new_name.py');
    const snap = await IndexSnapshot.create(repo);
    expect(paths(snap)).toEqual(['pkg/new_name.py']);
    expect(await snap.readText('pkg/new_name.py')).toBe('x = 1\n');
    expect(await snap.changes()).toEqual([
      { status: 'A', path: 'pkg/new_name.py' },
      { status: 'D', path: 'pkg/old_name.py' },
    ]);
    await snap.close();
  });

  it('works on the very first commit (no HEAD)', async () => {
    const repo = makeRepo();
    writeTree({ 'main.py': 'app = 1\n', 'later.py': 'not staged\n' }, repo);
    git(repo, 'add', 'main.py');
    const snap = await IndexSnapshot.create(repo);
    expect(paths(snap)).toEqual(['main.py']);
    expect(await snap.readText('main.py')).toBe('app = 1\n');
    expect(await snap.changes()).toEqual([{ status: 'A', path: 'main.py' }]);
    expect(snap.repoRoot).toBe(repo);
    expect(snap.gitDir).toBe(path.join(repo, '.git'));
    await snap.close();
  });

  it('works in an empty repository', async () => {
    const repo = makeRepo();
    const snap = await IndexSnapshot.create(repo);
    expect(paths(snap)).toEqual([]);
    expect(snap.hasDir('')).toBe(false);
    expect(await snap.changes()).toEqual([]);
    await snap.close();
  });

  it('works in a linked worktree, reading that worktree’s own index', async () => {
    const repo = makeRepo();
    writeTree({ 'main.py': 'main\n' }, repo);
    commitAll(repo);
    const linked = path.join(tempDir(), 'linked');
    git(repo, 'worktree', 'add', '-q', '-b', 'feature', linked);
    writeTree({ 'main.py': 'feature\n', 'extra.py': 'e\n' }, linked);
    git(linked, 'add', 'main.py', 'extra.py');
    const snap = await IndexSnapshot.create(linked);
    expect(paths(snap)).toEqual(['extra.py', 'main.py']);
    expect(await snap.readText('main.py')).toBe('feature\n');
    expect(snap.repoRoot).toBe(linked);
    expect(snap.gitDir).toBe(path.join(repo, '.git', 'worktrees', 'linked'));
    expect(await snap.changes()).toEqual([
      { status: 'A', path: 'extra.py' },
      { status: 'M', path: 'main.py' },
    ]);
    // The main worktree's index is untouched.
    const main = await IndexSnapshot.create(repo);
    expect(paths(main)).toEqual(['main.py']);
    expect(await main.readText('main.py')).toBe('main\n');
    await Promise.all([snap.close(), main.close()]);
  });

  it('from a subfolder: only files below it, paths relative to it', async () => {
    const repo = makeRepo();
    writeTree({ 'top.py': '', 'services/api/main.py': 'api\n', 'services/api/app/x.py': 'x\n', 'services/apix/y.py': '' }, repo);
    commitAll(repo);
    git(repo, 'rm', '-q', '--cached', 'services/api/app/x.py');
    const snap = await IndexSnapshot.create(path.join(repo, 'services', 'api'));
    expect(snap.base).toBe(path.join(repo, 'services', 'api'));
    expect(snap.prefix).toBe('services/api/');
    expect(paths(snap)).toEqual(['main.py']);
    expect(await snap.readText('main.py')).toBe('api\n');
    expect(await snap.changes()).toEqual([{ status: 'D', path: 'app/x.py' }]);
    await snap.close();
  });

  it('handles spaces, quotes, non-ASCII letters, tabs and newlines in names', async () => {
    const repo = makeRepo();
    const names = ['with space.py', `it's "quoted".py`, 'café/naïve.py', 'new\nline.py', 'tab\there.py', '日本/語.py'];
    writeTree(Object.fromEntries(names.map((n, i) => [n, `# ${i}\n`])), repo);
    git(repo, 'add', '-A');
    const snap = await IndexSnapshot.create(repo);
    expect(paths(snap)).toEqual([...names].sort());
    for (const [i, n] of names.entries()) expect(await snap.readText(n)).toBe(`# ${i}\n`);
    expect((await snap.changes()).map((c) => c.path).sort()).toEqual([...names].sort());
    await snap.close();
  });

  it('applies the same skipped folders and ignore globs as the work tree', async () => {
    const repo = makeRepo();
    // Each folder is decided once: a skipped or ignored folder leaves out everything below it, at any
    // depth, while its siblings and the folders above it stay.
    writeTree({
      'a.py': '',
      'venv/lib/x.py': '',
      'node_modules/m/i.js': '',
      'gen/b.py': '',
      'gen/sub/d.py': '',
      'dist/c.py': '',
      'pkg/venv/deep/x.py': '',
      'pkg/ok/e.py': '',
      'pkg/f.py': '',
      'a/b/c/gen.py': '',
    }, repo);
    git(repo, 'add', '-A');
    const staged = await openSnapshot(repo, { staged: true, ignore: ['gen'] });
    const work = await openSnapshot(repo, { ignore: ['gen'] });
    expect(staged.kind).toBe('index');
    expect(work.kind).toBe('worktree');
    expect(paths(staged)).toEqual(['a.py', 'a/b/c/gen.py', 'dist/c.py', 'pkg/f.py', 'pkg/ok/e.py']);
    expect(paths(work)).toEqual(paths(staged));
    await staged.close();
  });

  it('lists a staged symbolic link to a file with the target’s content, and one to a folder as its files', async () => {
    const repo = makeRepo();
    writeTree({ 'real.py': 'r\n', 'pkg/m.py': '' }, repo);
    fs.symlinkSync('real.py', path.join(repo, 'alias.py'));
    fs.symlinkSync('pkg', path.join(repo, 'pkglink'));
    git(repo, 'add', '-A');
    const snap = await IndexSnapshot.create(repo);
    expect(paths(snap)).toEqual(['alias.py', 'pkg/m.py', 'pkglink/m.py', 'real.py']);
    expect(await snap.readText('alias.py')).toBe('r\n');
    expect(snap.problems).toEqual([]);
    await snap.close();
  });

  it('reports a conflicted file and reads its "ours" version', async () => {
    const repo = makeRepo();
    writeTree({ 'c.py': 'base\n' }, repo);
    commitAll(repo);
    git(repo, 'checkout', '-q', '-b', 'other');
    writeTree({ 'c.py': 'theirs\n' }, repo);
    commitAll(repo);
    git(repo, 'checkout', '-q', 'main');
    writeTree({ 'c.py': 'ours\n' }, repo);
    commitAll(repo);
    expect(() => git(repo, 'merge', '-q', 'other')).toThrow();
    const snap = await IndexSnapshot.create(repo);
    expect(paths(snap)).toEqual(['c.py']);
    expect(await snap.readText('c.py')).toBe('ours\n');
    expect(snap.problems).toEqual([
      { path: 'c.py', message: 'file has unresolved merge conflicts (stages 1, 2, 3); its "ours" version is read' },
    ]);
    expect(await snap.changes()).toEqual([{ status: 'U', path: 'c.py' }]);
    await snap.close();
  });

  it('skips submodules', async () => {
    const sub = makeRepo();
    writeTree({ 'lib.py': '' }, sub);
    commitAll(sub);
    const repo = makeRepo();
    writeTree({ 'a.py': '' }, repo);
    git(repo, '-c', 'protocol.file.allow=always', 'submodule', '-q', 'add', sub, 'vendor/sub');
    const snap = await IndexSnapshot.create(repo);
    expect(paths(snap)).toEqual(['.gitmodules']);
    await snap.close();
  });

  it('changes nothing: index and work tree byte-identical, git status unchanged, no index.lock', async () => {
    const repo = makeRepo();
    writeTree({ 'a.py': 'v1\n', 'b.py': 'b\n', 'd.py': 'd\n' }, repo);
    commitAll(repo);
    writeTree({ 'a.py': 'v2\n', 'c.py': 'new\n' }, repo);
    git(repo, 'add', 'a.py', 'c.py');
    writeTree({ 'a.py': 'v3\n', 'b.py': 'b2\n', 'u.py': 'untracked\n' }, repo);
    git(repo, 'rm', '-q', '--cached', 'd.py');
    // Make the index stat-dirty, so a refreshing command would want to rewrite it.
    const future = new Date(Date.now() + 60_000);
    fs.utimesSync(path.join(repo, 'b.py'), future, future);

    const indexFile = path.join(repo, '.git', 'index');
    const before = {
      index: fs.readFileSync(indexFile),
      indexMtime: fs.statSync(indexFile).mtimeMs,
      status: git(repo, 'status', '--porcelain=v1', '-z', '--untracked-files=all'),
      files: Object.fromEntries(['a.py', 'b.py', 'c.py', 'd.py', 'u.py'].map((f) => [f, fs.readFileSync(path.join(repo, f))])),
    };
    // git status itself may refresh the index: take the reference after it.
    before.index = fs.readFileSync(indexFile);
    before.indexMtime = fs.statSync(indexFile).mtimeMs;

    const staged = await openSnapshot(repo, { staged: true });
    for (const f of staged.files()) await staged.read(f.path);
    await (staged as IndexSnapshot).changes();
    await staged.close();
    const work = await openSnapshot(repo);
    for (const f of work.files()) await work.read(f.path);
    await work.close();

    expect(fs.readFileSync(indexFile).equals(before.index)).toBe(true);
    expect(fs.statSync(indexFile).mtimeMs).toBe(before.indexMtime);
    expect(fs.existsSync(path.join(repo, '.git', 'index.lock'))).toBe(false);
    for (const [f, content] of Object.entries(before.files)) expect(fs.readFileSync(path.join(repo, f)).equals(content)).toBe(true);
    expect(git(repo, 'status', '--porcelain=v1', '-z', '--untracked-files=all')).toBe(before.status);
    expect(before.status.split('\0').filter(Boolean).sort()).toEqual(['?? u.py', 'A  c.py', 'D  d.py', 'MM a.py', ' M b.py', '?? d.py'].sort());
  });

  it('reads the index named by GIT_INDEX_FILE, as in a hook of `git commit -a` (a relative path too)', async () => {
    const repo = makeRepo();
    writeTree({ 'a.py': 'v1\n' }, repo);
    commitAll(repo);
    writeTree({ 'a.py': 'v2\n' }, repo);
    const alt = path.join(repo, '.git', 'alt-index');
    fs.copyFileSync(path.join(repo, '.git', 'index'), alt);
    gitWith(repo, { env: { GIT_INDEX_FILE: alt } }, 'add', 'a.py');
    process.env.GIT_INDEX_FILE = path.relative(process.cwd(), alt);
    try {
      const snap = await IndexSnapshot.create(repo);
      expect(await snap.readText('a.py')).toBe('v2\n');
      expect(await snap.changes()).toEqual([{ status: 'M', path: 'a.py' }]);
      await snap.close();
    } finally {
      delete process.env.GIT_INDEX_FILE;
    }
    const normal = await IndexSnapshot.create(repo);
    expect(await normal.readText('a.py')).toBe('v1\n');
    await normal.close();
  });

  it('fails with a clear message outside a repository', async () => {
    const dir = tempDir();
    await expect(IndexSnapshot.create(dir)).rejects.toThrow(`${dir} is not inside a git repository (needed for --staged)`);
    await expect(IndexSnapshot.create(path.join(dir, 'nope'))).rejects.toThrow(`folder ${path.join(dir, 'nope')} does not exist`);
  });
});
