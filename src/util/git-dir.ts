// Where the git directory is, found without running git: a `.git` folder, or a linked worktree's
// (or submodule's) `.git` file saying `gitdir: <path>`. GIT_DIR and friends are the caller's business.
import fs from 'node:fs';
import path from 'node:path';

/** The folder holding `.git` at or above `from`, with the git directory it names; undefined outside a repository or for a `.git` file git would refuse. */
export function findGitDir(from: string): { topLevel: string; gitDir: string } | undefined {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const dotGit = path.join(dir, '.git');
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(dotGit);
    } catch {
      st = undefined;
    }
    if (st?.isDirectory()) return { topLevel: dir, gitDir: dotGit };
    if (st?.isFile()) {
      let text = '';
      try {
        text = fs.readFileSync(dotGit, 'utf8').trim();
      } catch {
        return undefined;
      }
      // git stops at a `.git` file too, and fails on one it cannot read ("invalid gitfile format").
      if (!text.startsWith('gitdir:')) return undefined;
      return { topLevel: dir, gitDir: path.resolve(dir, text.slice('gitdir:'.length).trim()) };
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}
