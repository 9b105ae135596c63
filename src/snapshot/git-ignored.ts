// What git ignores below the checked folder, asked of git itself (one process per run): .gitignore
// files at every level, .git/info/exclude and core.excludesFile, with git's own rules (a tracked
// file is never ignored, a negated pattern cannot re-include a file below an ignored folder).
// The work-tree snapshot leaves these paths out, so a full check reads what a clone, the hook and
// CI read. Outside a git work tree nothing is asked and nothing is left out.
import fs from 'node:fs';
import path from 'node:path';
import { gitMessages } from '../messages.js';
import { findGitDir } from '../util/git-dir.js';
import { runGit, splitNul } from './git-process.js';

export interface GitIgnored {
  /** Ignored files, posix, relative to the checked folder. */
  files: ReadonlySet<string>;
  /** Ignored folders (everything below is untracked and ignored), relative to the checked folder, no trailing '/'. */
  dirs: ReadonlySet<string>;
}

export type GitIgnoredResult =
  | { kind: 'none' } // not in a git work tree
  | { kind: 'self' } // the checked folder is itself ignored: it was named, so it is read as it is
  | { kind: 'ignored'; ignored: GitIgnored }
  | { kind: 'failed'; detail: string };

/** The ignored paths below `root` (an existing folder). */
export async function gitIgnoredBelow(root: string): Promise<GitIgnoredResult> {
  const found = findGitDir(root);
  if (!found) return { kind: 'none' };
  let top: string, real: string;
  try {
    top = fs.realpathSync(found.topLevel);
    real = fs.realpathSync(root);
  } catch (err) {
    return { kind: 'failed', detail: String((err as Error).message) };
  }
  const rel = path.relative(top, real).split(path.sep).join('/');
  // Inside the git directory itself (checking .git/...): git sees no work tree there.
  if (rel === '.git' || rel.startsWith('.git/')) return { kind: 'none' };
  let out: Buffer;
  try {
    // Run at the top of the work tree for the checked folder's top-level folder, not in the folder
    // itself: git fails ("directory entry not superset of prefix") when asked from, or for a path two
    // levels, inside an ignored folder; this way an ignored folder above the checked one shows.
    out = await runGit(top, [
      'ls-files',
      // --others --ignored --exclude-standard: untracked files that .gitignore (every level),
      // .git/info/exclude or core.excludesFile ignore. Tracked files are never listed (git's rule).
      '--others',
      '--ignored',
      '--exclude-standard',
      // --directory: a folder whose untracked content is all ignored is one "dir/" record, so a
      // build folder of thousands of files costs one line.
      '--directory',
      // -z: NUL separated, paths unquoted; relative to cwd (the top) without --full-name too.
      '-z',
      '--',
      // :(literal): the folder's name is not a glob, whatever characters it holds.
      ...(rel ? [`:(literal)${rel.split('/')[0]}/`] : []),
    ]);
  } catch (err) {
    // A `.git` that git does not take for a repository (or a bare one): git sees no work tree here.
    const message = String((err as Error).message);
    if (message === gitMessages.notARepository(top) || message === gitMessages.noWorkTree(top)) return { kind: 'none' };
    return { kind: 'failed', detail: message };
  }
  const prefix = rel ? `${rel}/` : '';
  const files = new Set<string>();
  const dirs = new Set<string>();
  for (const record of splitNul(out)) {
    if (record.endsWith('/')) {
      // A folder at or above the checked one: all of it is ignored.
      if (prefix.startsWith(record)) return { kind: 'self' };
      if (record.startsWith(prefix)) dirs.add(record.slice(prefix.length, -1));
    } else if (record.startsWith(prefix)) files.add(record.slice(prefix.length));
  }
  return { kind: 'ignored', ignored: { files, dirs } };
}

/** Is a path (posix, relative to the checked folder) outside what git ignores? Folders are looked up once each. */
export function notIgnored(ignored: GitIgnored): (rel: string) => boolean {
  if (ignored.files.size === 0 && ignored.dirs.size === 0) return () => true;
  const dirKept = new Map<string, boolean>();
  const keepDir = (dir: string): boolean => {
    let kept = dirKept.get(dir);
    if (kept === undefined) {
      const slash = dir.lastIndexOf('/');
      kept = !ignored.dirs.has(dir) && (slash < 0 || keepDir(dir.slice(0, slash)));
      dirKept.set(dir, kept);
    }
    return kept;
  };
  return (rel) => {
    if (ignored.files.has(rel) || ignored.dirs.has(rel)) return false;
    const slash = rel.lastIndexOf('/');
    return slash < 0 || keepDir(rel.slice(0, slash));
  };
}
