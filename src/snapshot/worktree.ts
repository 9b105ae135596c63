// The files on disk under the checked folder (the default mode).
import fsSync, { type Dirent } from 'node:fs';
import path from 'node:path';
import { snapshotMessages } from '../messages.js';
import type { SnapshotEntry } from '../types.js';
import { BaseSnapshot, cachedModule, PathFilter, type SnapshotOptions } from './common.js';
import { linkMessage, mayHoldPython, type LinkProblem } from './links.js';
import { gitIgnoredBelow, notIgnored } from './git-ignored.js';
import { normalizePath } from '../util/posix-path.js';
import { cmp } from '../util/compare.js';

export type { SnapshotOptions, SnapshotProblem } from './common.js';

function linkText(abs: string): string {
  try {
    return fsSync.readlinkSync(abs);
  } catch {
    return abs;
  }
}

/**
 * What one file read takes at most (#19 item 9). The largest Python modules seen in real repositories
 * (generated protocol buffers, vendored tables) are a few MB; a 2 GB file or one that grows as it is read
 * is named and not read.
 */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

/** A FIFO, socket or device: what `ls -l` would say. */
function kindOf(s: { isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string {
  return s.isFIFO() ? 'a FIFO' : s.isSocket() ? 'a socket' : s.isCharacterDevice() ? 'a character device' : s.isBlockDevice() ? 'a block device' : 'not a file';
}

/** The work-tree content id of a file from its stat (see WorktreeSnapshot). */
export function statContentId(s: fsSync.Stats): string {
  return `${s.size}-${s.mtimeMs}-${s.ctimeMs}-${s.ino}`;
}

function errorText(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return e.code ? `${e.code}${e.syscall ? ` (${e.syscall})` : ''}` : String(e?.message ?? err);
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
    const filter = new PathFilter(opts.ignore);
    const entries: SnapshotEntry[] = [];
    const problems: { path: string; message: string }[] = [];
    // git answers while the folder is walked; its answer filters the walk's lists after. Measured on
    // the bench's 3,000-file repository at a load average of 17 on 2 cores: the ls-files process
    // takes 100-230 ms, as long as a bare `git rev-parse` there (starting git is the cost; `git
    // check-ignore --stdin` on the same files took 380-720 ms).
    const asking = opts.gitIgnore === false ? undefined : gitIgnoredBelow(root);

    const realRoot = fsSync.realpathSync(root);
    const insideRoot = (real: string) => real === realRoot || real.startsWith(realRoot === '/' ? '/' : realRoot + '/');
    const unfollowed: string[] = [];
    /** A link not followed: named where it really is (not again inside a followed folder); cycles wherever met. */
    const notFollowed = (rel: string, kind: LinkProblem, nested: boolean) => {
      unfollowed.push(rel);
      if (kind === 'cycle' || (!nested && mayHoldPython(rel))) problems.push({ path: rel, message: linkMessage(kind, linkText(path.join(root, rel))) });
    };

    const links = new Map<string, string>();
    const cached: string[] = [];
    /** The modules a __pycache__ folder holds caches of: one readdir, never entered further. */
    const cachesIn = (dir: string, cacheRel: string) => {
      try {
        for (const f of fsSync.readdirSync(path.join(root, cacheRel))) {
          const m = cachedModule(dir, f);
          if (m !== undefined) cached.push(m);
        }
      } catch {
        // an unreadable cache folder says nothing either way
      }
    };

    // Synchronous on purpose: tens of thousands of promise-based stat calls cost more in promises,
    // thread-pool hops and garbage than the system calls themselves (measured: 30,000 files, 0.4 s).
    // `chain`: the real paths of the folders being listed, for the cycle guard (links.ts says the rules).
    const walk = (rel: string, real: string, chain: string[], nested: boolean): void => {
      let dirents: Dirent[];
      try {
        dirents = fsSync.readdirSync(rel ? path.join(root, rel) : root, { withFileTypes: true });
      } catch (err) {
        problems.push({ path: rel, message: snapshotMessages.unreadableFolder(errorText(err)) });
        return;
      }
      for (const d of dirents) {
        const name = d.name;
        const childRel = rel ? `${rel}/${name}` : name;
        if (d.isDirectory()) {
          if (filter.enterDir(childRel, name)) walk(childRel, `${real}/${name}`, [...chain, `${real}/${name}`], nested);
          else if (name === '__pycache__') cachesIn(rel, childRel);
        } else if (!d.isFile() && !d.isSymbolicLink()) {
          // A FIFO would block a read and a device never ends: named, never opened (git cannot hold one).
          if (filter.keepFile(childRel)) problems.push({ path: childRel, message: snapshotMessages.notRegular(kindOf(d)) });
        } else if (d.isFile() || d.isSymbolicLink()) {
          if (name === '.git') continue; // a linked worktree's or submodule's pointer file
          if (d.isSymbolicLink() && filter.keepFile(childRel)) links.set(childRel, linkText(path.join(root, childRel)));
          if (d.isFile() && !filter.keepFile(childRel)) continue;
          let s: fsSync.Stats;
          try {
            s = fsSync.statSync(path.join(root, childRel));
          } catch (err) {
            const code = (err as NodeJS.ErrnoException).code;
            if (d.isSymbolicLink() && (code === 'ENOENT' || code === 'ELOOP')) {
              if (filter.keepFile(childRel)) notFollowed(childRel, 'missing', nested);
            } else problems.push({ path: childRel, message: snapshotMessages.unreadableFile(errorText(err)) });
            continue;
          }
          if (s.isDirectory() && d.isSymbolicLink()) {
            if (!filter.enterDir(childRel, name)) continue;
            const target = fsSync.realpathSync(path.join(root, childRel));
            if (!insideRoot(target)) notFollowed(childRel, 'outside', nested);
            else if (chain.includes(target)) notFollowed(childRel, 'cycle', nested);
            else walk(childRel, target, [...chain, target], true);
          } else if (s.isFile() && filter.keepFile(childRel)) {
            // A link to a file is read only when its real path stays inside the checked folder: a
            // pull request can add `config.py -> /etc/passwd`, and a code frame would print it.
            if (d.isSymbolicLink() && !insideRoot(fsSync.realpathSync(path.join(root, childRel)))) notFollowed(childRel, 'outside', nested);
            else entries.push({ path: childRel, id: statContentId(s), mtimeMs: s.mtimeMs });
          } else if (!s.isFile() && !s.isDirectory() && filter.keepFile(childRel)) {
            // `cme.py -> /dev/zero` is a link out of the checked folder like any other; a FIFO inside it is named.
            if (d.isSymbolicLink() && !insideRoot(fsSync.realpathSync(path.join(root, childRel)))) notFollowed(childRel, 'outside', nested);
            else problems.push({ path: childRel, message: snapshotMessages.notRegular(kindOf(s)) });
          }
        }
      }
    };

    walk('', realRoot, [realRoot], false);
    const asked = await asking;
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
