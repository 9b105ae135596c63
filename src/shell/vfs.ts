// The virtual file tree a script runs over: absolute posix paths, the checked folder's files mounted at `root`.
// Each file remembers which checked file it is a copy of and the command that put it where it is.
// Symbolic links are kept in `links` (path → target as written); what a link shows (a folder's files at the
// link path, a file's content) is in `files` too, as a program reading through the link sees it, so commands
// that follow links (zip -r, cp -L, Python) need nothing else; commands that keep links read `links` (links.ts).
// The tree is bounded (#19 item 9): at most MAX_TREE_FILES entries more than were mounted, and paths of at most MAX_PATH_BYTES (Linux's
// PATH_MAX: a longer path fails with ENAMETOOLONG). What a limit cut is counted in `dropped` for the command
// that caused it to name.
import { posix } from 'node:path';
import type { Location } from '../types.js';

/** Files and folders a script may add to the mounted tree (a loop doubling it stops here, named). */
export const MAX_TREE_FILES = 100_000;
/** Linux's PATH_MAX: the kernel refuses a longer path. */
export const MAX_PATH_BYTES = 4096;

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
  /** Symbolic links: absolute path → target as written (relative to the link's folder, or absolute). */
  links = new Map<string, string>();
  /**
   * Targets (as written) of mounted links that name a place outside `root` from where they were checked out: the
   * repository means something outside it, so a copy of such a link that shows nothing is not known (links.ts).
   */
  escaping = new Set<string>();
  /** Files a limit kept out of the tree since the last takeDropped(). */
  private dropped = 0;
  /** Entries (files and folders) the tree may hold: what was mounted, and MAX_TREE_FILES more. */
  private limit = Infinity;

  /** `files` (relative to the checked folder) mounted at the absolute folder `root`; `links` likewise (path → target). */
  constructor(
    readonly root: string,
    files: Iterable<string>,
    links?: Iterable<[string, string]>,
  ) {
    this.addDir(root);
    for (const f of files) this.setFile(`${root}/${f}`, { src: f, loc: null });
    for (const [p, t] of links ?? []) {
      const at = `${root}/${p}`;
      this.links.set(at, t);
      const abs = posix.resolve(posix.dirname(at), t);
      if (abs !== root && !abs.startsWith(root + '/')) this.escaping.add(t);
    }
    this.limit = this.files.size + this.dirs.size + MAX_TREE_FILES;
  }

  /** A copy to run another script on (cheaper than mounting the files again). */
  clone(): VFS {
    const c = new VFS(this.root, []);
    c.files = new Map(this.files);
    c.dirs = new Set(this.dirs);
    c.links = new Map(this.links);
    c.escaping = this.escaping;
    c.limit = this.limit;
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

  /** Puts a file in the tree; false (counted in `dropped`) when a limit keeps it out. */
  setFile(p: string, v: VFile): boolean {
    if (p.length > MAX_PATH_BYTES || (this.full() && !this.files.has(p))) {
      this.dropped++;
      return false;
    }
    this.dirs.delete(p);
    this.files.set(p, v);
    this.addDir(posix.dirname(p));
    return true;
  }

  /** At the entry limit (files and folders together: a copy makes both). */
  full(): boolean {
    return this.files.size + this.dirs.size >= this.limit;
  }

  /** How many files the limits kept out since the last call (the command that copied says so). */
  takeDropped(): number {
    const n = this.dropped;
    this.dropped = 0;
    return n;
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
    const out: [string, VFile][] = [];
    for (const e of this.files) if (e[0].startsWith(pre)) out.push(e);
    return out;
  }

  dirsUnder(dir: string): string[] {
    const pre = dir === '/' ? '/' : dir + '/';
    const out: string[] = [];
    for (const p of this.dirs) if (p.startsWith(pre)) out.push(p);
    return out;
  }

  /** Links at or below a path. */
  linksUnder(dir: string): [string, string][] {
    const pre = dir === '/' ? '/' : dir + '/';
    return [...this.links].filter(([p]) => p === dir || p.startsWith(pre));
  }

  remove(p: string) {
    this.files.delete(p);
    this.links.delete(p);
    if (this.dirs.has(p)) {
      for (const [f] of this.under(p)) this.files.delete(f);
      for (const d of this.dirsUnder(p)) this.dirs.delete(d);
      for (const [l] of this.linksUnder(p)) this.links.delete(l);
      this.dirs.delete(p);
    }
  }

  /** Copy folder `from`'s contents into `to` (created), following links; `exclude` sees paths relative to `from`. */
  copyContents(from: string, to: string, loc: Location, exclude?: (rel: string, isDir: boolean) => boolean) {
    this.addDir(to);
    // String slices, not posix.relative/join: a copy in a loop runs this up to MAX_TREE_FILES times per turn.
    const cut = from === '/' ? 1 : from.length + 1;
    const base = to === '/' ? '/' : to + '/';
    for (const d of this.dirsUnder(from)) {
      const rel = d.slice(cut);
      if (exclude?.(rel, true)) continue;
      const at = base + rel;
      if (at.length > MAX_PATH_BYTES || (this.full() && !this.dirs.has(at))) this.dropped++;
      else this.addDir(at);
    }
    const all = this.under(from);
    for (let k = 0; k < all.length; k++) {
      // Past the limit the rest of the copy is cut (counted, not looked at: each lookup costs a string hash).
      if (this.full()) {
        this.dropped += all.length - k;
        break;
      }
      const [f, v] = all[k];
      const rel = f.slice(cut);
      if (exclude?.(rel, false)) continue;
      this.setFile(base + rel, { src: v.src, loc });
    }
  }
}
