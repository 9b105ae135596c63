// What both snapshots share: which paths are left out, the sorted file list and its folders.
import type { Snapshot, SnapshotEntry } from '../types.js';
import { cmp } from '../util/compare.js';
import { lazyRequire } from '../util/lazy-require.js';
import { ancestorDirs, normalizePath } from '../util/posix-path.js';

const picomatch = lazyRequire<typeof import('picomatch')>('picomatch');

/** Folder names never entered, at any depth: tool caches, virtual environments, installed packages. */
export const SKIPPED_DIRS: ReadonlySet<string> = new Set([
  '.git',
  'node_modules',
  '__pycache__',
  '.venv',
  'venv',
  '.tox',
  '.mypy_cache',
  '.pytest_cache',
  'site-packages',
]);

/**
 * `pkg/__pycache__/name.cpython-311.pyc` (also `.opt-1.pyc`) → `pkg/name`: the module the cache was
 * compiled from. Python 3 never imports such a file without its source (PEP 3147), so __pycache__ is
 * not listed; a cache left behind only shows that the module was the repository's own.
 */
export function cachedModule(dir: string, file: string): string | undefined {
  if (!file.endsWith('.pyc')) return undefined;
  const stem = file.slice(0, file.indexOf('.'));
  if (!stem || stem === '__init__') return undefined;
  return dir ? `${dir}/${stem}` : stem;
}

export interface SnapshotProblem {
  /** Posix path relative to the snapshot base ('' for the base itself). */
  path: string;
  message: string;
}

export interface SnapshotOptions {
  /** Globs (picomatch, posix, relative to the base) of files and folders left out. */
  ignore?: string[];
  /** Work tree only: leave out what git ignores (default true; no effect outside a git work tree). */
  gitIgnore?: boolean;
}

/**
 * Decides which paths a snapshot lists. A file is left out when one of its folders is a skipped
 * name, or when the file or one of its folders matches an ignore glob (so `build` and `build/**`
 * both leave out everything below build/). Both snapshots use it, so --staged changes nothing but
 * where content comes from.
 */
export class PathFilter {
  private readonly matcher: ((p: string) => boolean) | undefined;

  constructor(ignore: string[] = []) {
    const globs = ignore.filter((g) => g.length > 0);
    this.matcher = globs.length ? picomatch()(globs, { dot: true }) : undefined;
  }

  /** Should the walk enter this folder (posix path relative to the base)? */
  enterDir(dirPath: string, name: string): boolean {
    if (SKIPPED_DIRS.has(name)) return false;
    return !this.matcher?.(dirPath);
  }

  /** Is this file (its folders already accepted) listed? */
  keepFile(filePath: string): boolean {
    return !this.matcher?.(filePath);
  }

  /** For a path whose folders were not walked (index mode): checks every folder of it too. */
  keepPath(filePath: string): boolean {
    const slash = filePath.lastIndexOf('/');
    if (slash >= 0 && !this.keepDir(filePath.slice(0, slash))) return false;
    // A file named like a skipped folder (`.git` in a linked worktree or submodule) is not a source file.
    if (filePath.slice(slash + 1) === '.git') return false;
    return this.keepFile(filePath);
  }

  /** Folders already decided (an index of 30,000 files has a few thousand folders). */
  private readonly dirKept = new Map<string, boolean>();

  /** Would a walk enter this folder and every folder above it? */
  private keepDir(dir: string): boolean {
    let kept = this.dirKept.get(dir);
    if (kept === undefined) {
      const slash = dir.lastIndexOf('/');
      kept = (slash < 0 || this.keepDir(dir.slice(0, slash))) && this.enterDir(dir, dir.slice(slash + 1));
      this.dirKept.set(dir, kept);
    }
    return kept;
  }
}

const decoder = new TextDecoder('utf-8'); // strips a UTF-8 BOM; invalid bytes become U+FFFD

/** The parts of a snapshot that only depend on its file list. */
export abstract class BaseSnapshot implements Snapshot {
  abstract readonly kind: 'worktree' | 'index';
  readonly problems: SnapshotProblem[] = [];
  /** Links not followed (outside the folder, to nothing, cycles): what lies below them is not known. */
  unfollowedLinks: ReadonlySet<string> = new Set();
  /** Every link met while listing: path → target as written (Snapshot.links). */
  links: ReadonlyMap<string, string> = new Map();
  /** Modules with a bytecode cache in a __pycache__ folder (see cachedModule), whether or not their source is listed. */
  cachedModules: ReadonlySet<string> = new Set();
  private readonly entries: SnapshotEntry[];
  private readonly byPath: Map<string, SnapshotEntry>;
  private readonly dirs: Set<string>;

  protected constructor(
    readonly base: string,
    entries: SnapshotEntry[],
  ) {
    // Git lists the index sorted already: sorted input is only checked, not copied and sorted.
    let sorted = true;
    for (let i = 1; i < entries.length && sorted; i++) sorted = entries[i - 1].path < entries[i].path;
    this.entries = sorted ? entries : [...entries].sort((a, b) => cmp(a.path, b.path));
    this.byPath = new Map();
    for (const e of this.entries) this.byPath.set(e.path, e);
    // An empty snapshot has no folder at all, not even the base ('' comes with the first file).
    this.dirs = this.entries.length ? ancestorDirs(this.entries.map((e) => e.path)) : new Set();
  }

  files(): SnapshotEntry[] {
    return this.entries.slice();
  }

  has(path: string): boolean {
    return this.byPath.has(normalizePath(path));
  }

  hasDir(path: string): boolean {
    return this.dirs.has(normalizePath(path));
  }

  /** The entry of a listed file. */
  entry(path: string): SnapshotEntry | undefined {
    return this.byPath.get(normalizePath(path));
  }

  abstract read(path: string): Promise<Buffer | undefined>;

  async readText(path: string): Promise<string | undefined> {
    const content = await this.read(path);
    return content === undefined ? undefined : decoder.decode(content);
  }

  abstract close(): Promise<void>;

  /**
   * The same snapshot without the files the `ignore` globs leave out (for globs only known once the
   * config is read through this snapshot). Reads go through this one; closing either closes both.
   */
  withIgnore(ignore: string[]): BaseSnapshot {
    const filter = new PathFilter(ignore);
    return new FilteredSnapshot(this, this.entries.filter((e) => filter.keepPath(e.path)));
  }
}

class FilteredSnapshot extends BaseSnapshot {
  readonly kind: 'worktree' | 'index';
  override readonly problems: SnapshotProblem[];

  constructor(
    private readonly parent: BaseSnapshot,
    entries: SnapshotEntry[],
  ) {
    super(parent.base, entries);
    this.kind = parent.kind;
    this.problems = parent.problems;
    this.unfollowedLinks = parent.unfollowedLinks;
    this.links = parent.links;
    this.cachedModules = parent.cachedModules;
  }

  read(path: string): Promise<Buffer | undefined> {
    return this.has(path) ? this.parent.read(path) : Promise.resolve(undefined);
  }

  close(): Promise<void> {
    return this.parent.close();
  }
}
