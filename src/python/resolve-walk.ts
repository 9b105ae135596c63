// The dotted-path walk: one name searched segment by segment over the root and the layers, as
// importlib's PathFinder and FileFinder do (the rules are in resolve.ts's header). Uncached: the
// Resolver caches what it finds.
import type { FileSet, Resolution } from './resolve-types.js';
import { dirOf } from '../util/posix-path.js';
import { join } from './resolve-paths.js';
import { isStdlib, SOURCE_SUFFIXES, SUFFIXES, UNSHADOWABLE } from './importable.js';

/**
 * Folders that hold an extension module, per file list (every app's resolver shares the run's list).
 * Probing two dozen extension suffixes for every name was most of the resolver's cost.
 */
const EXTENSION_DIRS = new WeakMap<object, Set<string>>();
export function extensionDirsOf(paths: Iterable<string> | undefined): Set<string> | undefined {
  if (!paths || typeof paths !== 'object') return undefined;
  let dirs = EXTENSION_DIRS.get(paths);
  if (!dirs) {
    dirs = new Set();
    for (const p of paths) {
      if (!p.endsWith('.so')) continue;
      dirs.add(dirOf(p));
    }
    EXTENSION_DIRS.set(paths, dirs);
  }
  return dirs;
}

export class PathWalk {
  constructor(
    private readonly root: string,
    /** sys.path entries after the root (layers). */
    private readonly searchPath: string[],
    private readonly files: FileSet,
    private readonly dependencies: Set<string>,
    /** Folders holding an extension module; elsewhere only `.py`/`.pyc` need probing. Unknown without `paths`. */
    private readonly extensionDirs: Set<string> | undefined,
  ) {}

  /** What `importlib.util.find_spec(dotted)` finds under the root or a layer; see Resolver.resolve. */
  find(dotted: string): Resolution | undefined {
    if (dotted === '') return undefined;
    const segs = dotted.split('.');
    if (segs.some((s) => s === '' || s.includes('/') || s.includes('\\') || s.includes('\0'))) return undefined;
    if (UNSHADOWABLE.has(segs[0])) return undefined;
    // The parent's __path__: the root and the layers for a top-level name; one folder below a
    // regular package, every portion below a namespace package.
    let dirs = this.searchPath.length ? [this.root, ...this.searchPath] : [this.root];
    let res: Resolution | undefined;
    for (let i = 0; i < segs.length; i++) {
      if (i > 0) {
        // The parent must be a package to have a __path__.
        if (!res || (res.kind !== 'package' && res.kind !== 'namespace')) return undefined;
      }
      const found = this.findOnPath(dirs, segs[i]);
      if (!found) return undefined;
      res = found.res;
      if (i === 0 && res.kind === 'namespace' && (isStdlib(segs[0]) || this.dependencies.has(segs[0]))) {
        // A regular module/package later on sys.path beats a namespace portion.
        return undefined;
      }
      dirs = found.portions;
    }
    return res;
  }

  /** PathFinder over `dirs`: the first module or regular package, else a namespace of every portion. */
  private findOnPath(dirs: string[], name: string): { res: Resolution; portions: string[] } | undefined {
    let ns: Resolution | undefined;
    const portions: string[] = [];
    for (const dir of dirs) {
      const r = this.findIn(dir, name);
      if (!r) continue;
      if (r.kind !== 'namespace') return { res: r, portions: [join(dir, name)] };
      ns ??= r;
      portions.push(r.dir);
    }
    return ns ? { res: ns, portions } : undefined;
  }

  /** One FileFinder.find_spec step in folder `dir` for name `name`. */
  private findIn(dir: string, name: string): Resolution | undefined {
    const base = join(dir, name);
    const isDir = this.files.hasDir(base);
    const suffixesIn = (folder: string) => (this.extensionDirs && !this.extensionDirs.has(folder) ? SOURCE_SUFFIXES : SUFFIXES);
    if (isDir) {
      for (const { suffix } of suffixesIn(base)) {
        const init = `${base}/__init__${suffix}`;
        if (this.files.has(init)) return { kind: 'package', file: init };
      }
    }
    for (const { suffix, ext } of suffixesIn(dir)) {
      const file = base + suffix;
      if (this.files.has(file)) return ext ? { kind: 'extension', file } : { kind: 'module', file };
    }
    if (isDir) return { kind: 'namespace', dir: base };
    return undefined;
  }
}
