// The snapshot: the only thing that reads files or runs git.

export interface SnapshotEntry {
  /** Posix path relative to the repository/checked-folder base of the snapshot. */
  path: string;
  /** A content id: the git blob id in index mode; size, mtime, ctime and inode in work-tree mode. Cache key. */
  id: string;
  /** Work tree only: when the file was last modified (ms), for the racy-change checks of the caches. */
  mtimeMs?: number;
}

export interface Snapshot {
  readonly kind: 'worktree' | 'index';
  /** Absolute path of the folder every path is relative to (the checked folder). */
  readonly base: string;
  /** Every file, sorted by path. */
  files(): SnapshotEntry[];
  /** The entry of a listed file (posix, relative), else undefined. */
  entry(path: string): SnapshotEntry | undefined;
  has(path: string): boolean;
  /**
   * Paths the snapshot could not list as they are (unreadable folders, unmerged files, links
   * outside it), said as notes. Asked by shape, never by class: the command line's bundle makes the
   * snapshot and the pipeline's bundle reads it, each with its own copy of the classes.
   */
  readonly problems?: readonly { path: string; message: string }[];
  /**
   * Paths of symbolic links not followed (outside the checked folder, to nothing, cycles; each also
   * a problem): what Python finds below them is not known, so imports through them are not judged.
   */
  readonly unfollowedLinks?: ReadonlySet<string>;
  /**
   * Every symbolic link met while listing (posix path → target as written), followed or not: a build step that
   * keeps links (`cp -r`, `rsync -a`, `zip -y`) copies the link, not what it shows (src/shell/links.ts).
   */
  readonly links?: ReadonlyMap<string, string>;
  /** Modules (`pkg/name`) with a bytecode cache in a __pycache__ folder: the repository's own, even with the source gone. */
  readonly cachedModules?: ReadonlySet<string>;
  /** What decides files() in fewer bytes than the list itself, for the run key (the index: git's listing). */
  listingKey?(): { bytes: Buffer; text: string };
  /** The same snapshot without what these ignore globs leave out (the config's, known once it is read). */
  withIgnore?(ignore: string[]): Snapshot;
  /** True when some file lies below this folder (posix, relative; '' is the base). */
  hasDir(path: string): boolean;
  read(path: string): Promise<Buffer | undefined>;
  readText(path: string): Promise<string | undefined>;
  close(): Promise<void>;
}
