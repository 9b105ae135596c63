// The one git wrapper: everything the tool asks git goes through src/snapshot/git*.ts. This file holds
// the readers of one command each (rev-parse, ls-files, diff --cached); git-process.ts runs git and
// maps its failures, git-cat-file.ts reads blobs through one long-lived process. Every command that
// returns paths uses `-z` (NUL separated, no quoting) and `-c core.quotepath=off`.
// Nothing here writes to the index or the work tree.
import { chompLine, GitError, runGit, splitNul } from './git-process.js';

export { GitError, runGit } from './git-process.js';
export { CatFileBatch } from './git-cat-file.js';

/** The id of the empty tree: what the first commit is compared against. */
export const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';
export interface RepoInfo {
  /** Absolute path of the work tree's top folder. */
  topLevel: string;
  /** Absolute path of the git directory (for a linked worktree: .git/worktrees/<name>). */
  gitDir: string;
  /** The path of `cwd` inside the work tree, posix, '' at the top, else ending with '/'. */
  prefix: string;
}

/** Top folder, git directory and prefix of `cwd`, with one git process. */
export async function gitRepoInfo(cwd: string): Promise<RepoInfo> {
  const out = await runGit(cwd, [
    'rev-parse',
    // The git directory as an absolute path; in a linked worktree, that worktree's own git dir.
    '--absolute-git-dir',
    // The absolute path of the top of the work tree (fails in a bare repository).
    '--show-toplevel',
    // The path of cwd relative to the top, with a trailing '/' ('' at the top).
    '--show-prefix',
  ]);
  // One answer a line, in the order asked. (A top-level path containing a newline is not supported.)
  const lines = out.toString('utf8').split('\n');
  return { gitDir: lines[0], topLevel: lines[1], prefix: lines[2] ?? '' };
}

/** Absolute path of the top folder of the work tree holding `cwd`. */
export async function gitTopLevel(cwd: string): Promise<string> {
  // --show-toplevel: absolute path of the work tree's top folder.
  return chompLine((await runGit(cwd, ['rev-parse', '--show-toplevel'])).toString('utf8'));
}

/** Absolute path of the git directory (works in linked worktrees). */
export async function gitDir(cwd: string): Promise<string> {
  // --absolute-git-dir: like --git-dir, but always absolute.
  return chompLine((await runGit(cwd, ['rev-parse', '--absolute-git-dir'])).toString('utf8'));
}

export interface IndexEntry {
  /** Octal file mode as git prints it: 100644, 100755, 120000 (symbolic link). */
  mode: string;
  blob: string;
  /** 0 normally; 1 (base), 2 (ours), 3 (theirs) for a path with unresolved conflicts. */
  stage: number;
  /** Posix path relative to the top of the work tree. */
  path: string;
}

/**
 * The index entries under `cwd` (paths relative to the top of the work tree), and git's own output
 * as it came (what IndexSnapshot's run key hashes). Submodules (mode 160000) are left out; a
 * conflicted path gives one entry per stage.
 */
export async function lsFilesListing(cwd: string): Promise<{ entries: IndexEntry[]; listing: Buffer }> {
  const out = await runGit(cwd, [
    'ls-files',
    // --stage: "<mode> <object> <stage>\t<path>" for every index entry, conflict stages included.
    '--stage',
    // -z: NUL after each record, paths unquoted.
    '-z',
    // --full-name: paths relative to the top of the work tree even when cwd is a subfolder.
    '--full-name',
  ]);
  const entries: IndexEntry[] = [];
  for (const record of splitNul(out)) {
    const tab = record.indexOf('\t');
    if (tab < 0) continue;
    // "<mode> <object> <stage>": the mode has six digits and the stage one (read by position: an
    // index of 30,000 files costs no 90,000 small strings); anything else is split by spaces.
    let mode: string, blob: string, stage: number;
    if (record.charCodeAt(6) === 32 && record.charCodeAt(tab - 2) === 32) {
      mode = record.slice(0, 6);
      blob = record.slice(7, tab - 2);
      stage = record.charCodeAt(tab - 1) - 48;
    } else {
      const parts = record.slice(0, tab).split(' ');
      [mode, blob] = parts;
      stage = Number(parts[2]);
    }
    if (mode === '160000') continue; // a submodule: a commit id, not a file of this repository
    entries.push({ mode, blob, stage, path: record.slice(tab + 1) });
  }
  return { entries, listing: out };
}

export interface StagedChange {
  /** A added, M modified, D deleted, T type changed, U unmerged. A rename is a D and an A. */
  status: string;
  /** Posix path relative to the top of the work tree. */
  path: string;
}

/**
 * What `git commit` would record compared to HEAD: every changed path, deletions included, a rename
 * counted as a deletion of the old path and an addition of the new one. On an unborn branch (the very
 * first commit) everything staged is an addition.
 */
export async function stagedPaths(cwd: string): Promise<StagedChange[]> {
  const hasHead = await runGit(cwd, [
    'rev-parse',
    // --verify --quiet: exit 1 without a message when HEAD names no commit (unborn branch).
    '--verify',
    '--quiet',
    'HEAD^{commit}',
  ]).then(
    () => true,
    (err: unknown) => {
      if (err instanceof GitError && err.exitCode === 1) return false;
      throw err;
    },
  );
  return stagedDiff(cwd, hasHead ? 'HEAD' : EMPTY_TREE);
}

/**
 * What --staged asks git before the pipeline, with every process started at once rather than one
 * after the other (each git start costs 40-200 ms on a loaded machine, and a commit hook's critical
 * path was four of them in a row): the repository's folders with HEAD's commit, the index listing
 * (from `cwd`: only the files below it), and the staged diff against HEAD. The diff is started
 * before HEAD is known to exist; before the first commit it fails, and is run again against the
 * empty tree. Answers are those of gitRepoInfo, lsFilesListing and stagedPaths (test/snapshot/git.test.ts).
 */
export function stagedGit(cwd: string): { info: Promise<RepoInfo & { head: boolean }>; listing: ReturnType<typeof lsFilesListing>; staged: Promise<StagedChange[]> } {
  const info = gitRepoInfoAndHead(cwd);
  const listing = lsFilesListing(cwd);
  const againstHead = stagedDiff(cwd, 'HEAD');
  againstHead.catch(() => {}); // unborn HEAD: replaced below, never an unhandled rejection
  const staged = info.then((i) => (i.head ? againstHead : stagedDiff(cwd, EMPTY_TREE)));
  staged.catch(() => {});
  listing.catch(() => {});
  return { info, listing, staged };
}

/** gitRepoInfo, and whether HEAD names a commit, from one git process. */
async function gitRepoInfoAndHead(cwd: string): Promise<RepoInfo & { head: boolean }> {
  const args = ['rev-parse', '--absolute-git-dir', '--show-toplevel', '--show-prefix', '--verify', '--quiet', 'HEAD^{commit}'];
  // rev-parse answers the folder options before it verifies HEAD: on an unborn branch it prints
  // them and exits 1 (no message); any other failure is the error gitRepoInfo would give.
  const out = await runGit(cwd, args).catch(async (err: unknown) => {
    if (!(err instanceof GitError && err.exitCode === 1)) throw err;
    const folders = await gitRepoInfo(cwd);
    return Buffer.from(`${folders.gitDir}\n${folders.topLevel}\n${folders.prefix}\n`);
  });
  const lines = out.toString('utf8').split('\n');
  return { gitDir: lines[0], topLevel: lines[1], prefix: lines[2] ?? '', head: /^[0-9a-f]{40,64}$/.test(lines[3] ?? '') };
}

/** `git diff --cached` of the index against `against` (HEAD or the empty tree), run in any folder of the work tree. */
async function stagedDiff(cwd: string, against: string): Promise<StagedChange[]> {
  const out = await runGit(cwd, [
    // Paths from the top of the work tree whatever the folder: a user's diff.relative=true would
    // make them relative to cwd (an unknown key to a git older than the setting: ignored).
    '-c',
    'diff.relative=false',
    'diff',
    // --cached: the index against the commit below.
    '--cached',
    // --name-status: "<status>\0<path>\0" records, nothing else.
    '--name-status',
    // -z: NUL separated, paths unquoted.
    '-z',
    // --no-renames: a rename is a deletion plus an addition, so the new path is listed and the old one too.
    '--no-renames',
    // --no-ext-diff / --no-color: ignore user settings that change the output.
    '--no-ext-diff',
    '--no-color',
    // --no-textconv: a textconv driver named by the repository's config is a program; never run it.
    '--no-textconv',
    // Compare against HEAD, or the empty tree before the first commit.
    against,
    // End of revisions: nothing after this is taken as a revision.
    '--',
  ]);
  const parts = splitNul(out);
  const changes: StagedChange[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    changes.push({ status: parts[i].charAt(0), path: parts[i + 1] });
  }
  return changes;
}
