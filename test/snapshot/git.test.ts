import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CatFileBatch, GitError, gitDir, gitRepoInfo, gitTopLevel, lsFilesListing, stagedPaths } from '../../src/snapshot/git.js';
import { commitAll, git, gitWith, makeRepo, tempDir, writeTree } from '../helpers.js';

function hashObject(repo: string, content: Buffer): string {
  return gitWith(repo, { input: content }, 'hash-object', '-w', '--stdin').trim();
}

describe('git wrapper', () => {
  it('answers 500 pipelined cat-file requests in order, binary safe, with one process', async () => {
    const repo = makeRepo();
    const contents: Buffer[] = [];
    for (let i = 0; i < 500; i++) {
      // Varied sizes, NULs, newlines and bytes that are not UTF-8; one big blob to span many chunks.
      const size = i === 250 ? 3_000_000 : (i * 37) % 2000;
      const b = Buffer.alloc(size);
      for (let j = 0; j < size; j++) b[j] = (i * 31 + j * 7) & 0xff;
      if (size > 3) b.write('\n\0\n', 0, 'latin1');
      contents.push(b);
    }
    // One git for all 500 blobs (a process each takes minutes on a loaded machine).
    const blobs = writeTree(Object.fromEntries(contents.map((c, i) => [`b${i}`, c])));
    const ids = gitWith(repo, { input: contents.map((_, i) => path.join(blobs, `b${i}`)).join('\n') }, 'hash-object', '-w', '--stdin-paths').trim().split('\n');
    expect(ids).toHaveLength(500);
    const cat = new CatFileBatch(repo);
    const results = await Promise.all(ids.map((id) => cat.read(id)));
    results.forEach((r, i) => expect(r.equals(contents[i])).toBe(true));
    // The same process keeps answering after a burst.
    expect((await cat.read(ids[3])).equals(contents[3])).toBe(true);
    expect((cat as unknown as { child: { pid: number } }).child.pid).toBeGreaterThan(0);
    await cat.close();
    await expect(cat.read(ids[0])).rejects.toThrow(`git cat-file in ${repo} was already closed`);
  });

  it('starts cat-file ahead of the first read when warmed, and reads through that same process', async () => {
    const repo = makeRepo();
    const id = hashObject(repo, Buffer.from('warm\n'));
    const cat = new CatFileBatch(repo);
    const child = () => (cat as unknown as { child?: { pid: number } }).child;
    expect(child()).toBeUndefined();
    cat.warm();
    const pid = child()?.pid;
    expect(pid).toBeGreaterThan(0);
    expect((await cat.read(id)).toString()).toBe('warm\n');
    expect(child()?.pid).toBe(pid);
    await cat.close();
  });

  it('rejects a missing object without disturbing the reads around it', async () => {
    const repo = makeRepo();
    const a = hashObject(repo, Buffer.from('a'));
    const b = hashObject(repo, Buffer.from('b'));
    const missing = '0123456789abcdef0123456789abcdef01234567';
    const cat = new CatFileBatch(repo);
    const [ra, rm, rb] = await Promise.allSettled([cat.read(a), cat.read(missing), cat.read(b)]);
    expect(ra).toEqual({ status: 'fulfilled', value: Buffer.from('a') });
    expect(rm.status).toBe('rejected');
    expect((rm as PromiseRejectedResult).reason).toBeInstanceOf(GitError);
    expect((rm as PromiseRejectedResult).reason.message).toBe(`git cat-file: object ${missing} is missing from the repository at ${repo}`);
    expect(rb).toEqual({ status: 'fulfilled', value: Buffer.from('b') });
    await expect(cat.read('HEAD\nx')).rejects.toThrow('not a git object id: "HEAD\\nx"');
    await cat.close();
  });

  it('reports cat-file outside a repository as a GitError', async () => {
    const dir = tempDir();
    const cat = new CatFileBatch(dir);
    await expect(cat.read('0123456789abcdef0123456789abcdef01234567')).rejects.toThrow(`${dir} is not inside a git repository`);
  });

  it('lists index entries with mode, blob, stage; paths from the top even from a subfolder', async () => {
    const repo = makeRepo();
    writeTree({ 'a.py': 'a', 'sub/b.sh': 'b', 'sub/deep/c.py': 'c' }, repo);
    git(repo, 'add', '-A');
    git(repo, 'update-index', '--chmod=+x', 'sub/b.sh');
    const all = (await lsFilesListing(repo)).entries;
    expect(all.map((e) => [e.mode, e.stage, e.path])).toEqual([
      ['100644', 0, 'a.py'],
      ['100755', 0, 'sub/b.sh'],
      ['100644', 0, 'sub/deep/c.py'],
    ]);
    expect(all[0].blob).toBe(git(repo, 'rev-parse', ':a.py').trim());
    const sub = (await lsFilesListing(path.join(repo, 'sub'))).entries;
    expect(sub.map((e) => e.path)).toEqual(['sub/b.sh', 'sub/deep/c.py']);
  });

  it('lists staged paths with deletions and renames split, before and after the first commit', async () => {
    const repo = makeRepo();
    writeTree({ 'a.py': 'a\n', 'b.py': 'b\n', 'c.py': 'c\n' }, repo);
    git(repo, 'add', 'a.py', 'b.py');
    expect(await stagedPaths(repo)).toEqual([
      { status: 'A', path: 'a.py' },
      { status: 'A', path: 'b.py' },
    ]);
    commitAll(repo);
    git(repo, 'mv', 'a.py', 'renamed.py');
    git(repo, 'rm', '-q', 'b.py');
    writeTree({ 'c.py': 'c2\n' }, repo);
    git(repo, 'add', 'c.py');
    expect(await stagedPaths(repo)).toEqual([
      { status: 'D', path: 'a.py' },
      { status: 'D', path: 'b.py' },
      { status: 'M', path: 'c.py' },
      { status: 'A', path: 'renamed.py' },
    ]);
  });

  it('finds the top folder and git directory, also from a subfolder and a linked worktree', async () => {
    const repo = makeRepo();
    writeTree({ 'x/y/z.py': '' }, repo);
    commitAll(repo);
    expect(await gitTopLevel(path.join(repo, 'x', 'y'))).toBe(repo);
    expect(await gitDir(path.join(repo, 'x'))).toBe(path.join(repo, '.git'));
    expect(await gitRepoInfo(path.join(repo, 'x', 'y'))).toEqual({ topLevel: repo, gitDir: path.join(repo, '.git'), prefix: 'x/y/' });
    const linked = path.join(tempDir(), 'wt');
    git(repo, 'worktree', 'add', '-q', '--detach', linked);
    expect(await gitTopLevel(linked)).toBe(linked);
    expect(await gitDir(path.join(linked, 'x'))).toBe(path.join(repo, '.git', 'worktrees', 'wt'));
  });

  it('throws one-line GitErrors naming the folder', async () => {
    const dir = tempDir();
    const err = await gitTopLevel(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GitError);
    expect((err as GitError).message).toBe(`${dir} is not inside a git repository (needed for --staged)`);
    expect((err as GitError).folder).toBe(dir);

    const bare = tempDir();
    git(bare, 'init', '-q', '--bare');
    await expect(gitTopLevel(bare)).rejects.toThrow(`${bare} is inside a bare repository or a .git folder: there is no work tree to check`);

    const savedPath = process.env.PATH;
    process.env.PATH = path.join(dir, 'no-bin');
    try {
      await expect(gitTopLevel(dir)).rejects.toThrow(`git was not found on PATH (needed to read the repository at ${dir})`);
    } finally {
      process.env.PATH = savedPath;
    }
  });
});
