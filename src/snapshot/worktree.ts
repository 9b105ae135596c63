// The files on disk under the checked folder (the default mode).
import fsSync from 'node:fs';
import path from 'node:path';
import { snapshotMessages } from '../messages.js';
import type { SnapshotEntry } from '../types.js';
import { BaseSnapshot, PathFilter, type SnapshotOptions } from './common.js';
import { gitIgnoredBelow, notIgnored, type GitIgnoredResult } from './git-ignored.js';
import { errorText, kindOf, walkTree, type WalkFound } from './worktree-walk.js';
import { normalizePath } from '../util/posix-path.js';
import { cmp } from '../util/compare.js';

export type { SnapshotOptions, SnapshotProblem } from './common.js';
export { statContentId } from './worktree-walk.js';

/**
 * What one file read takes at most (#19 item 9). The largest Python modules seen in real repositories
 * (generated protocol buffers, vendored tables) are a few MB; a 2 GB file or one that grows as it is read
 * is named and not read.
 */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

/** The checked folder, absolute; a PathError when it is not a folder that can be listed. */
function checkedFolder(base: string): string {
  const root = path.resolve(base);
  let isDir = false;
  let why = '';
  try {
    isDir = fsSync.statSync(root).isDirectory();
    if (isDir) fsSync.accessSync(root, fsSync.constants.R_OK | fsSync.constants.X_OK);
  } catch (err) {
    // missing, unreadable, or below a file (ENOTDIR): said below
    why = ` (${errorText(err)})`;
    isDir = false;
  }
  // A user's mistake, not a bug: the CLI prints a PathError in one line, without "internal error".
  if (!isDir) throw Object.assign(new Error(snapshotMessages.notAFolder(root) + why), { name: 'PathError' });
  return root;
}

/**
 * Every file below `base`, walked once. Skipped folders (see SKIPPED_DIRS), ignored globs and what
 * git ignores (git-ignored.ts: what a clone, the hook and CI see; tracked files always stay) are
 * never entered. A symbolic link to a file is listed with the target's content, a link to a folder
 * inside the checked folder as that folder's files at the link path (Python and `zip -r` follow it);
 * a link (to a file or a folder) whose real path is outside it, to nothing, or round a cycle is named
 * and not followed (links.ts): nothing outside the checked folder is ever read.
 * `id` is git's stat data: size, mtime, ctime and inode. An edit that puts size and mtime back
 * (`touch -d`, `cp -p`, an editor keeping times, fs.utimesSync) still moves ctime, which no user call
 * can set; a file replaced by rename gets a new inode. What is left is an edit within one kernel
 * clock tick of the previous change and of the run in between, with mtime set back (#19 item 12).
 */
export class WorktreeSnapshot extends BaseSnapshot {
  readonly kind = 'worktree' as const;

  private constructor(base: string, entries: SnapshotEntry[]) {
    super(base, entries);
  }

  static async create(base: string, opts: SnapshotOptions = {}): Promise<WorktreeSnapshot> {
    const root = checkedFolder(base);
    const filter = new PathFilter(opts.ignore);
    // git answers while the folder is walked; its answer filters the walk's lists after. Measured on
    // the bench's 3,000-file repository at a load average of 17 on 2 cores: the ls-files process
    // takes 100-230 ms, as long as a bare `git rev-parse` there (starting git is the cost; `git
    // check-ignore --stdin` on the same files took 380-720 ms).
    const asking = opts.gitIgnore === false ? undefined : gitIgnoredBelow(root);
    const found = walkTree(root, filter);
    return WorktreeSnapshot.notIgnoredOf(root, found, await asking);
  }

  /** The snapshot of what the walk found, less what git ignores (tracked files always stay). */
  private static notIgnoredOf(root: string, found: WalkFound, asked: GitIgnoredResult | undefined): WorktreeSnapshot {
    const { entries, problems, unfollowed, links, cached } = found;
    if (asked?.kind === 'failed') problems.push({ path: '', message: snapshotMessages.gitIgnoreFailed(asked.detail) });
    const kept = asked?.kind === 'ignored' ? notIgnored(asked.ignored) : () => true;
    const snap = new WorktreeSnapshot(root, entries.filter((e) => kept(e.path)));
    snap.problems.push(...problems.filter((p) => kept(p.path)).sort((a, b) => cmp(a.path, b.path)));
    snap.unfollowedLinks = new Set(unfollowed.filter(kept));
    snap.links = new Map([...links].filter(([p]) => kept(p)));
    snap.cachedModules = new Set(cached.filter(kept));
    return snap;
  }

  async read(p: string): Promise<Buffer | undefined> {
    const entry = this.entry(p);
    if (!entry) return undefined;
    try {
      // Synchronous: one system call sequence instead of four thread-pool hops per file; parsing runs
      // in worker threads on large checks, and they are fed faster this way.
      return readCapped(path.join(this.base, entry.path), (m) => this.problems.push({ path: normalizePath(p), message: m }));
    } catch (err) {
      // Deleted or made unreadable since the walk.
      this.problems.push({ path: normalizePath(p), message: snapshotMessages.unreadableFile(errorText(err)) });
      return undefined;
    }
  }

  async close(): Promise<void> {}
}

/**
 * A regular file of at most MAX_FILE_BYTES, else undefined with the reason said. Opened without blocking (a
 * file replaced by a FIFO since the walk) and read to at most one byte past the limit (a file that grows).
 */
function readCapped(abs: string, say: (message: string) => void): Buffer | undefined {
  const fd = fsSync.openSync(abs, fsSync.constants.O_RDONLY | fsSync.constants.O_NONBLOCK);
  try {
    const s = fsSync.fstatSync(fd);
    if (!s.isFile()) return void say(snapshotMessages.notRegular(kindOf(s)));
    if (s.size > MAX_FILE_BYTES) return void say(snapshotMessages.tooLarge(s.size, MAX_FILE_BYTES));
    const buf = Buffer.allocUnsafe(Math.min(s.size, MAX_FILE_BYTES) + 1);
    let n = 0;
    for (let got = -1; got !== 0 && n < buf.length; n += got) got = fsSync.readSync(fd, buf, n, buf.length - n, n);
    if (n > MAX_FILE_BYTES) return void say(snapshotMessages.tooLarge(n, MAX_FILE_BYTES));
    return buf.subarray(0, n);
  } finally {
    fsSync.closeSync(fd);
  }
}
