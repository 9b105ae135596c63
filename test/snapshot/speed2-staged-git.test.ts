// stagedGit starts the three git processes of --staged at once (#20): its answers must be those of the
// one-command readers run one after the other, in the cases lint-staged's git handling names
// (partially staged, renamed, deleted files), before the first commit, from a subfolder, and with a
// user's diff.relative=true.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GitError, gitRepoInfo, lsFilesListing, stagedGit, stagedPaths } from '../../src/snapshot/git.js';
import { IndexSnapshot } from '../../src/snapshot/git-index.js';
import { commitAll, git, makeRepo, tempDir, writeTree } from '../helpers.js';

/** What the one-command readers say, run in turn (diff from the top, as before stagedGit). */
async function oneByOne(cwd: string) {
  const info = await gitRepoInfo(cwd);
  return { info, listing: (await lsFilesListing(cwd)).listing.toString('utf8'), staged: await stagedPaths(info.topLevel) };
}

async function atOnce(cwd: string) {
  const g = stagedGit(cwd);
  const { head, ...info } = await g.info;
  return { head, info, listing: (await g.listing).listing.toString('utf8'), staged: await g.staged };
}

describe('speed2: stagedGit', () => {
  it('speed2: partially staged, renamed and deleted files, from the top and from a subfolder with diff.relative=true', async () => {
    const repo = makeRepo();
    writeTree({ 'app/main.py': 'import a\n', 'app/a.py': 'x = 1\n', 'app/old.py': 'y = 2\n', 'app/gone.py': 'z = 3\n', 'lib/shared.py': 's = 1\n' }, repo);
    commitAll(repo);
    fs.writeFileSync(path.join(repo, 'app/a.py'), 'x = 2\n');
    git(repo, 'add', 'app/a.py');
    fs.writeFileSync(path.join(repo, 'app/a.py'), 'x = 3  # not staged\n'); // partially staged
    git(repo, 'mv', 'app/old.py', 'app/new.py');
    git(repo, 'rm', '-q', 'app/gone.py');
    fs.writeFileSync(path.join(repo, 'lib/shared.py'), 's = 2\n');
    git(repo, 'add', 'lib/shared.py');
    git(repo, 'config', 'diff.relative', 'true');
    for (const cwd of [repo, path.join(repo, 'app')]) {
      const got = await atOnce(cwd);
      expect(got.head).toBe(true);
      expect({ info: got.info, listing: got.listing, staged: got.staged }).toEqual(await oneByOne(cwd));
    }
    // From the subfolder: paths from the top, also those outside it (lib/); the rename is D + A.
    expect((await atOnce(path.join(repo, 'app'))).staged).toEqual([
      { status: 'M', path: 'app/a.py' },
      { status: 'D', path: 'app/gone.py' },
      { status: 'A', path: 'app/new.py' },
      { status: 'D', path: 'app/old.py' },
      { status: 'M', path: 'lib/shared.py' },
    ]);
    // The snapshot reads the staged text of the partially staged file, and its changes are below base.
    const snap = await IndexSnapshot.create(path.join(repo, 'app'));
    expect((await snap.read('a.py'))?.toString()).toBe('x = 2\n');
    expect(snap.files().map((e) => e.path)).toEqual(['a.py', 'main.py', 'new.py']);
    expect(await snap.changes()).toEqual([
      { status: 'M', path: 'a.py' },
      { status: 'D', path: 'gone.py' },
      { status: 'A', path: 'new.py' },
      { status: 'D', path: 'old.py' },
    ]);
    await snap.close();
  });

  it('speed2: before the first commit everything staged is an addition, against the empty tree', async () => {
    const repo = makeRepo();
    writeTree({ 'src/app.py': 'app = 1\n', 'README.md': 'x\n' }, repo);
    git(repo, 'add', '-A');
    const cwd = path.join(repo, 'src');
    const got = await atOnce(cwd);
    expect(got.head).toBe(false);
    expect({ info: got.info, listing: got.listing, staged: got.staged }).toEqual(await oneByOne(cwd));
    expect(got.staged).toEqual([
      { status: 'A', path: 'README.md' },
      { status: 'A', path: 'src/app.py' },
    ]);
  });

  it('speed2: outside a repository every answer is the GitError the readers give', async () => {
    const dir = tempDir();
    const g = stagedGit(dir);
    const error = await g.info.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitError);
    expect((error as GitError).message).toBe(((await gitRepoInfo(dir).catch((e: unknown) => e)) as GitError).message);
    await expect(g.staged).rejects.toBeInstanceOf(GitError);
  });
});
