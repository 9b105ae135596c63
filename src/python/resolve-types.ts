// The resolver's vocabulary, apart from the Resolver itself so that the import graph's types
// (graph/types.ts) can name a Classification without importing resolve.ts back.

export interface FileSet {
  /** Posix path relative to the checked folder: is there a file there? */
  has(path: string): boolean;
  /** Is there a folder (with some file below it)? `hasDir('')` is true. */
  hasDir(path: string): boolean;
  /** Symbolic links not followed (see Snapshot.unfollowedLinks): a name through one is not known. */
  readonly unfollowedLinks?: ReadonlySet<string>;
  /** Modules with a __pycache__ cache (see Snapshot.cachedModules). */
  readonly cachedModules?: ReadonlySet<string>;
}

export type Resolution =
  | { kind: 'module'; file: string }
  | { kind: 'package'; file: string }
  | { kind: 'namespace'; dir: string }
  | { kind: 'extension'; file: string };

/** How an absolute dotted name stands relative to an app root (see Resolver.classify). */
export type Classification = 'local' | 'stdlib' | 'dependency' | 'external' | 'unresolved-local';

export interface ResolverOptions {
  /** Posix, relative to the checked folder; '' is the folder itself. */
  root: string;
  files: FileSet;
  /** Module names, and the names of folders holding Python, anywhere in the repository (see localTopLevelNames). */
  localTopLevel: Set<string>;
  /** Declared dependencies as import names (see declaredDependencies in deps.ts). */
  dependencies: Set<string>;
  /**
   * Optional: every file path of the checked folder. Lets suggest() re-root a name into a folder
   * *below* the root (`api.v1.x` → `src.api.v1.x` when the root is the parent of `src`). Without it,
   * suggest() only drops leading segments.
   */
  paths?: Iterable<string>;
  /**
   * Optional: further sys.path entries after the root, in order (posix, relative to the checked
   * folder): a Lambda layer's `python/lib/python3.X/site-packages` and `python/` folders (/opt/python).
   * A name is found in the first entry holding a module or regular package; namespace portions of
   * every entry merge, as PathFinder does.
   */
  searchPath?: string[];
}
