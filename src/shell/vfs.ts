// The virtual file tree a script runs over: absolute posix paths, the checked folder's files mounted at `root`.
// Each file remembers which checked file it is a copy of and the command that put it where it is.
import { posix } from 'node:path';
import type { Location } from '../types.js';

export interface VFile {
  /** Checked-folder relative source; null for files the script produced (a zip). */
  src: string | null;
  /** The command that placed it; null for a checked file still where it was checked out. */
  loc: Location | null;
}

export class VFS {
  files = new Map<string, VFile>();
  /** Every folder, with all its parents ('/' included). */
  dirs = new Set<string>(['/']);

  /** `files` (relative to the checked folder) mounted at the absolute folder `root`. */
  constructor(
    readonly root: string,
    files: Iterable<string>,
  ) {
    this.addDir(root);
    for (const f of files) this.setFile(`${root}/${f}`, { src: f, loc: null });
  }

  /** A copy to run another script on (cheaper than mounting the files again). */
  clone(): VFS {
    const c = new VFS(this.root, []);
    c.files = new Map(this.files);
    c.dirs = new Set(this.dirs);
    return c;
  }

  /** An absolute path as the checked folder spells it when it is inside `root`; as is otherwise. */
  checked(abs: string): string {
    if (abs === this.root) return '';
    if (abs.startsWith(this.root + '/')) return abs.slice(this.root.length + 1);
    return abs;
  }

  addDir(p: string) {
    while (!this.dirs.has(p)) {
      this.dirs.add(p);
      p = posix.dirname(p);
    }
  }

  setFile(p: string, v: VFile) {
    this.dirs.delete(p);
    this.files.set(p, v);
    this.addDir(posix.dirname(p));
  }

  isDir(p: string) {
    return this.dirs.has(p);
  }

  exists(p: string) {
    return this.dirs.has(p) || this.files.has(p);
  }

  /** Files below a folder. */
  under(dir: string): [string, VFile][] {
    const pre = dir === '/' ? '/' : dir + '/';
    return [...this.files].filter(([p]) => p.startsWith(pre));
  }

  dirsUnder(dir: string): string[] {
    const pre = dir === '/' ? '/' : dir + '/';
    return [...this.dirs].filter((p) => p.startsWith(pre));
  }

  remove(p: string) {
    this.files.delete(p);
    if (this.dirs.has(p)) {
      for (const [f] of this.under(p)) this.files.delete(f);
      for (const d of this.dirsUnder(p)) this.dirs.delete(d);
      this.dirs.delete(p);
    }
  }

  /** Copy folder `from`'s contents into `to` (created); `exclude` sees paths relative to `from`. */
  copyContents(from: string, to: string, loc: Location, exclude?: (rel: string, isDir: boolean) => boolean) {
    this.addDir(to);
    for (const d of this.dirsUnder(from)) {
      const rel = posix.relative(from, d);
      if (exclude?.(rel, true)) continue;
      this.addDir(posix.join(to, rel));
    }
    for (const [f, v] of this.under(from)) {
      const rel = posix.relative(from, f);
      if (exclude?.(rel, false)) continue;
      this.setFile(posix.join(to, rel), { src: v.src, loc });
    }
  }
}
