// WorktreeSnapshot's walk: every file below the checked folder, read once, by the rules of the
// comment on WorktreeSnapshot (worktree.ts). What git ignores is filtered after, by the caller.
import fsSync, { type Dirent } from 'node:fs';
import path from 'node:path';
import { snapshotMessages } from '../messages.js';
import type { SnapshotEntry } from '../types.js';
import { cachedModule, type PathFilter } from './common.js';
import { linkMessage, mayHoldPython, type LinkProblem } from './links.js';

export function linkText(abs: string): string {
  try {
    return fsSync.readlinkSync(abs);
  } catch {
    return abs;
  }
}

/** A FIFO, socket or device: what `ls -l` would say. */
export function kindOf(s: { isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string {
  return s.isFIFO() ? 'a FIFO' : s.isSocket() ? 'a socket' : s.isCharacterDevice() ? 'a character device' : s.isBlockDevice() ? 'a block device' : 'not a file';
}

/** The work-tree content id of a file from its stat (see WorktreeSnapshot). */
export function statContentId(s: fsSync.Stats): string {
  return `${s.size}-${s.mtimeMs}-${s.ctimeMs}-${s.ino}`;
}

export function errorText(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return e.code ? `${e.code}${e.syscall ? ` (${e.syscall})` : ''}` : String(e?.message ?? err);
}

/** What the walk found, before git's answer drops what it ignores. */
export interface WalkFound {
  readonly entries: SnapshotEntry[];
  readonly problems: { path: string; message: string }[];
  /** Links not followed (see Snapshot.unfollowedLinks). */
  readonly unfollowed: string[];
  /** Every symbolic link kept, with its text. */
  readonly links: Map<string, string>;
  /** Modules with a __pycache__ cache (see Snapshot.cachedModules). */
  readonly cached: string[];
}

/** Walks `root` (absolute) once, entering what `filter` lets in. */
export function walkTree(root: string, filter: PathFilter): WalkFound {
  const walk = new TreeWalk(root, filter);
  walk.folder('', walk.realRoot, [walk.realRoot], false);
  return walk;
}

class TreeWalk implements WalkFound {
  readonly entries: SnapshotEntry[] = [];
  readonly problems: { path: string; message: string }[] = [];
  readonly unfollowed: string[] = [];
  readonly links = new Map<string, string>();
  readonly cached: string[] = [];
  readonly realRoot: string;

  constructor(
    private readonly root: string,
    private readonly filter: PathFilter,
  ) {
    this.realRoot = fsSync.realpathSync(root);
  }

  private insideRoot(real: string): boolean {
    const realRoot = this.realRoot;
    return real === realRoot || real.startsWith(realRoot === '/' ? '/' : realRoot + '/');
  }

  /** A link not followed: named where it really is (not again inside a followed folder); cycles wherever met. */
  private notFollowed(rel: string, kind: LinkProblem, nested: boolean): void {
    this.unfollowed.push(rel);
    if (kind === 'cycle' || (!nested && mayHoldPython(rel))) this.problems.push({ path: rel, message: linkMessage(kind, linkText(path.join(this.root, rel))) });
  }

  /** The modules a __pycache__ folder holds caches of: one readdir, never entered further. */
  private cachesIn(dir: string, cacheRel: string): void {
    try {
      for (const f of fsSync.readdirSync(path.join(this.root, cacheRel))) {
        const m = cachedModule(dir, f);
        if (m !== undefined) this.cached.push(m);
      }
    } catch {
      // an unreadable cache folder says nothing either way
    }
  }

  // Synchronous on purpose: tens of thousands of promise-based stat calls cost more in promises,
  // thread-pool hops and garbage than the system calls themselves (measured: 30,000 files, 0.4 s).
  // `chain`: the real paths of the folders being listed, for the cycle guard (links.ts says the rules).
  folder(rel: string, real: string, chain: string[], nested: boolean): void {
    const { root, filter } = this;
    let dirents: Dirent[];
    try {
      dirents = fsSync.readdirSync(rel ? path.join(root, rel) : root, { withFileTypes: true });
    } catch (err) {
      this.problems.push({ path: rel, message: snapshotMessages.unreadableFolder(errorText(err)) });
      return;
    }
    for (const d of dirents) {
      const name = d.name;
      const childRel = rel ? `${rel}/${name}` : name;
      if (d.isDirectory()) {
        if (filter.enterDir(childRel, name)) this.folder(childRel, `${real}/${name}`, [...chain, `${real}/${name}`], nested);
        else if (name === '__pycache__') this.cachesIn(rel, childRel);
      } else if (!d.isFile() && !d.isSymbolicLink()) {
        // A FIFO would block a read and a device never ends: named, never opened (git cannot hold one).
        if (filter.keepFile(childRel)) this.problems.push({ path: childRel, message: snapshotMessages.notRegular(kindOf(d)) });
      } else if (d.isFile() || d.isSymbolicLink()) {
        if (name === '.git') continue; // a linked worktree's or submodule's pointer file
        this.fileOrLink(d, childRel, chain, nested);
      }
    }
  }

  /** A file, or a symbolic link to anything, at `childRel`. */
  private fileOrLink(d: Dirent, childRel: string, chain: string[], nested: boolean): void {
    const { root, filter } = this;
    if (d.isSymbolicLink() && filter.keepFile(childRel)) this.links.set(childRel, linkText(path.join(root, childRel)));
    if (d.isFile() && !filter.keepFile(childRel)) return;
    let s: fsSync.Stats;
    try {
      s = fsSync.statSync(path.join(root, childRel));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (d.isSymbolicLink() && (code === 'ENOENT' || code === 'ELOOP')) {
        if (filter.keepFile(childRel)) this.notFollowed(childRel, 'missing', nested);
      } else this.problems.push({ path: childRel, message: snapshotMessages.unreadableFile(errorText(err)) });
      return;
    }
    if (s.isDirectory() && d.isSymbolicLink()) {
      if (!filter.enterDir(childRel, d.name)) return;
      const target = fsSync.realpathSync(path.join(root, childRel));
      if (!this.insideRoot(target)) this.notFollowed(childRel, 'outside', nested);
      else if (chain.includes(target)) this.notFollowed(childRel, 'cycle', nested);
      else this.folder(childRel, target, [...chain, target], true);
    } else if (s.isFile() && filter.keepFile(childRel)) {
      // A link to a file is read only when its real path stays inside the checked folder: a
      // pull request can add `config.py -> /etc/passwd`, and a code frame would print it.
      if (d.isSymbolicLink() && !this.insideRoot(fsSync.realpathSync(path.join(root, childRel)))) this.notFollowed(childRel, 'outside', nested);
      else this.entries.push({ path: childRel, id: statContentId(s), mtimeMs: s.mtimeMs });
    } else if (!s.isFile() && !s.isDirectory() && filter.keepFile(childRel)) {
      // `cme.py -> /dev/zero` is a link out of the checked folder like any other; a FIFO inside it is named.
      if (d.isSymbolicLink() && !this.insideRoot(fsSync.realpathSync(path.join(root, childRel)))) this.notFollowed(childRel, 'outside', nested);
      else this.problems.push({ path: childRel, message: snapshotMessages.notRegular(kindOf(s)) });
    }
  }
}
