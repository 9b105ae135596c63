// The files on disk under the checked folder (the default mode).
import fsSync, { type Dirent } from 'node:fs';
import path from 'node:path';
import { snapshotMessages } from '../messages.js';
import type { SnapshotEntry } from '../types.js';
import { BaseSnapshot, PathFilter, type SnapshotOptions } from './common.js';
import { normalizePath } from '../util/posix-path.js';
import { cmp } from '../util/compare.js';

export type { SnapshotOptions, SnapshotProblem } from './common.js';

function errorText(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return e.code ? `${e.code}${e.syscall ? ` (${e.syscall})` : ''}` : String(e?.message ?? err);
}

/**
 * Every file below `base`, walked once. Skipped folders (see SKIPPED_DIRS) and ignored globs are
 * never entered; symbolic links to files are listed, symbolic links to folders are not followed.
 * `id` is `${size}-${mtimeMs}`: cheap, and changes when the content does in practice.
 */
export class WorktreeSnapshot extends BaseSnapshot {
  readonly kind = 'worktree' as const;

  private constructor(base: string, entries: SnapshotEntry[]) {
    super(base, entries);
  }

  static async create(base: string, opts: SnapshotOptions = {}): Promise<WorktreeSnapshot> {
    const root = path.resolve(base);
    let isDir = false;
    try {
      isDir = fsSync.statSync(root).isDirectory();
    } catch {
      // missing, unreadable, or below a file (ENOTDIR): said below
    }
    if (!isDir) throw new Error(snapshotMessages.notAFolder(root));
    const filter = new PathFilter(opts.ignore);
    const entries: SnapshotEntry[] = [];
    const problems: { path: string; message: string }[] = [];

    // Synchronous on purpose: tens of thousands of promise-based stat calls cost more in promises,
    // thread-pool hops and garbage than the system calls themselves (measured: 30,000 files, 0.4 s).
    const walk = (rel: string): void => {
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
          if (filter.enterDir(childRel, name)) walk(childRel);
        } else if (d.isFile() || d.isSymbolicLink()) {
          if (name === '.git') continue; // a linked worktree's or submodule's pointer file
          if (!filter.keepFile(childRel)) continue;
          try {
            const s = fsSync.statSync(path.join(root, childRel));
            // A link to a folder is not followed; a link to a file is listed with the target's content.
            if (s.isFile()) entries.push({ path: childRel, id: `${s.size}-${s.mtimeMs}`, mtimeMs: s.mtimeMs });
          } catch (err) {
            // A dangling symbolic link is no file; anything else is worth saying.
            if (!(d.isSymbolicLink() && (err as NodeJS.ErrnoException).code === 'ENOENT')) {
              problems.push({ path: childRel, message: snapshotMessages.unreadableFile(errorText(err)) });
            }
          }
        }
      }
    };

    walk('');
    const snap = new WorktreeSnapshot(root, entries);
    snap.problems.push(...problems.sort((a, b) => cmp(a.path, b.path)));
    return snap;
  }

  async read(p: string): Promise<Buffer | undefined> {
    const entry = this.entry(p);
    if (!entry) return undefined;
    try {
      // Synchronous: one system call sequence instead of four thread-pool hops per file; parsing runs
      // in worker threads on large checks, and they are fed faster this way.
      return fsSync.readFileSync(path.join(this.base, entry.path));
    } catch (err) {
      // Deleted or made unreadable since the walk.
      this.problems.push({ path: normalizePath(p), message: snapshotMessages.unreadableFile(errorText(err)) });
      return undefined;
    }
  }

  async close(): Promise<void> {}
}
