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

/**
 * Is `dir` really a git directory (a folder holding HEAD, and objects/ or, for a linked worktree, a
 * commondir file)? GIT_DIR, a `.git` file's `gitdir:` and git's own answer are all taken only when it
 * is, so a hostile environment or repository cannot make the cache write into /etc.
 */
export function isGitDir(dir: string): boolean {
  const kind = (p: string): 'file' | 'dir' | undefined => {
    try {
      const st = fs.lstatSync(p);
      return st.isFile() ? 'file' : st.isDirectory() ? 'dir' : undefined;
    } catch {
      return undefined;
    }
  };
  return kind(dir) === 'dir' && kind(path.join(dir, 'HEAD')) === 'file' && (kind(path.join(dir, 'objects')) === 'dir' || kind(path.join(dir, 'commondir')) === 'file');
}
