// A package as Lambda sees it: a Snapshot whose files are the package's paths (relative to
// /var/task), each read through the real snapshot at the repository path it was copied from.
// buildAppGraph and Resolver run unchanged over it; graph paths are mapped back with srcOf().
import { FactsStore } from '../graph/facts-store.js';
import type { FileFacts, Snapshot, SnapshotEntry } from '../types.js';
import { cmp } from '../util/compare.js';
import { ancestorDirs } from '../util/posix-path.js';

export class LayoutSnapshot implements Snapshot {
  readonly kind: Snapshot['kind'];
  readonly base: string;
  private readonly entries: SnapshotEntry[];
  private readonly byPath = new Map<string, SnapshotEntry>();
  private readonly src = new Map<string, string>();
  /** Every folder of the package, '' included. */
  private readonly dirs: Set<string>;

  /** Package paths of kept links whose target is not known (LayoutUnknown.link): imports through them are not judged. */
  readonly unfollowedLinks: ReadonlySet<string>;

  /** `files`: package path (dest) → repository path (src); files the real snapshot lacks are left out. */
  constructor(
    private readonly real: Snapshot,
    files: readonly { dest: string; src: string }[],
    links: readonly string[] = [],
  ) {
    this.unfollowedLinks = new Set(links);
    this.kind = real.kind;
    this.base = real.base;
    for (const f of files) {
      if (f.dest === '' || !real.entry(f.src)) continue;
      this.src.set(f.dest, f.src); // a later copy to the same place wins, as it does on disk
    }
    this.entries = [...this.src].map(([path, s]) => ({ path, id: real.entry(s)!.id })).sort((a, b) => cmp(a.path, b.path));
    for (const e of this.entries) this.byPath.set(e.path, e);
    this.dirs = ancestorDirs(this.entries.map((e) => e.path));
  }

  /** The repository path a package path was copied from. */
  srcOf(dest: string): string | undefined {
    return this.src.get(dest);
  }

  files(): SnapshotEntry[] {
    return this.entries.slice();
  }

  entry(path: string): SnapshotEntry | undefined {
    return this.byPath.get(path);
  }

  has(path: string): boolean {
    return this.src.has(path);
  }

  hasDir(path: string): boolean {
    return this.dirs.has(path.replace(/\/+$/, ''));
  }

  read(path: string): Promise<Buffer | undefined> {
    const s = this.src.get(path);
    return s === undefined ? Promise.resolve(undefined) : this.real.read(s);
  }

  async readText(path: string): Promise<string | undefined> {
    const s = this.src.get(path);
    return s === undefined ? undefined : this.real.readText(s);
  }

  /** The real snapshot is not ours to close. */
  async close(): Promise<void> {}
}

/**
 * A FactsStore over a LayoutSnapshot that asks the run's store for the repository file: each file
 * is parsed once per run whatever package it lands in, and its facts (suppressions, parse
 * problems) are recorded under its repository path.
 */
export class LayoutFactsStore extends FactsStore {
  constructor(
    private readonly layout: LayoutSnapshot,
    private readonly main: FactsStore,
  ) {
    super(layout);
  }

  override get(file: string): Promise<FileFacts | undefined> {
    const src = this.layout.srcOf(file);
    return src === undefined ? Promise.resolve(undefined) : this.main.get(src);
  }
}
