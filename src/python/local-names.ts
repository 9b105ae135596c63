// The names a repository could import as its own, wherever the app root is: what lets classify()
// tell an import of the repository's code that does not resolve under this root (`src.x` when the
// root is `src/`) from a missing third-party package.
import { moduleStem } from './importable.js';

/** Folders that hold no app code of the repository (virtualenvs, caches, vendored installs). */
const SKIP_DIRS = new Set(['__pycache__', 'node_modules', 'site-packages', 'dist-packages']);

/**
 * Top-level candidates for `classify`: every module name (`x.py`, `x.pyc`, extension) and the name of
 * every folder holding one (at any depth below it),
 * anywhere in the given paths, skipping hidden folders, `__pycache__`, `node_modules`
 * and installed-package folders (`site-packages`), and names containing a dot.
 */
export function localTopLevelNames(paths: Iterable<string>): Set<string> {
  const out = new Set<string>();
  // Folders are looked at once each (a repository has far fewer folders than files).
  const skipped = new Map<string, boolean>();
  // Sorted paths come folder by folder: the previous file's folder is decided already.
  let lastDir: string | undefined;
  let lastSkip = false;
  for (let raw of paths) {
    if (raw.includes('\\')) raw = raw.replace(/\\/g, '/');
    const slash = raw.lastIndexOf('/');
    // Only files Python can import make their folders local names: a `templates/jinja2/` folder of
    // HTML does not make `import jinja2` a local import.
    const stem = moduleStem(raw.slice(slash + 1));
    if (stem === undefined) continue;
    if (lastDir !== undefined && slash === lastDir.length && raw.startsWith(lastDir)) {
      if (!lastSkip) addStem(out, stem);
      continue;
    }
    const dir = slash < 0 ? '' : raw.slice(0, slash);
    let skip = skipped.get(dir);
    if (skip === undefined) {
      skip = false;
      for (const d of dir.split('/')) {
        if (d === '' || d === '.') continue;
        if (d.startsWith('.') || SKIP_DIRS.has(d)) {
          skip = true;
          break;
        }
        out.add(d);
      }
      skipped.set(dir, skip);
    }
    lastDir = dir;
    lastSkip = skip;
    if (!skip) addStem(out, stem);
  }
  return out;
}

function addStem(out: Set<string>, stem: string): void {
  if (stem !== '__init__' && !stem.includes('.') && stem !== '') out.add(stem);
}

/** Where a dotted name could be the repository's own, beyond its first segment (see localChains). */
export interface LocalChains {
  /** `a/b` for every folder `a` (anywhere) holding a folder or importable module `b`. */
  pairs: Set<string>;
  /** Names of modules (`x.py`, `x.pyc`, extensions) and regular packages (`x/__init__.py`) anywhere. */
  modules: Set<string>;
  /** Every folder and module name in the list. */
  names: Set<string>;
}

const CHAINS = new WeakMap<object, LocalChains>();

/**
 * The folder/child pairs and module names of the repository, once per path list (the run shares one).
 * Folders skipped by localTopLevelNames are skipped here too.
 */
export function localChains(paths: Iterable<string>): LocalChains {
  const hit = CHAINS.get(paths as object);
  if (hit) return hit;
  const out: LocalChains = { pairs: new Set(), modules: new Set(), names: new Set() };
  for (let raw of paths) {
    if (raw.includes('\\')) raw = raw.replace(/\\/g, '/');
    const parts = raw.split('/').filter((p) => p !== '' && p !== '.');
    const stem = moduleStem(parts[parts.length - 1] ?? '');
    if (stem === undefined) continue;
    const dirs = parts.slice(0, -1);
    if (dirs.some((d) => d.startsWith('.') || SKIP_DIRS.has(d))) continue;
    if (stem === '__init__') {
      if (dirs.length) out.modules.add(dirs[dirs.length - 1]);
    } else if (stem !== '' && !stem.includes('.')) out.modules.add(stem);
    const names = stem === '__init__' ? dirs : [...dirs, stem];
    for (const n of names) out.names.add(n);
    for (let i = 1; i < names.length; i++) out.pairs.add(`${names[i - 1]}/${names[i]}`);
  }
  CHAINS.set(paths as object, out);
  return out;
}

/**
 * Would Python take this name, not found under the root, for the repository's own? When its first
 * segment names the root or one of its folders (`src.x` spelled from the repository root, spec 427),
 * or is a module or regular package somewhere in the repository, or when its first two segments exist
 * as a folder and its child somewhere (`a/b/`, `a/b.py`). A folder `a2a/` holding only other
 * folders does not make `a2a.client` the repository's. (A first segment found under the root makes
 * the name the repository's before this is asked: a deleted `src/util.py` under a namespace `src/`.)
 */
export function ownName(dotted: string, root: string, paths: Iterable<string>): boolean {
  const segs = dotted.split('.');
  const top = segs[0];
  if (root !== '' && root.split('/').includes(top)) return true;
  const chains = localChains(paths);
  // A list that does not hold the name (a deploy package's, when the name is the repository's
  // elsewhere) cannot tell: the name stays the repository's, as before.
  if (!chains.names.has(top) || chains.modules.has(top)) return true;
  return segs.length === 1 || chains.pairs.has(`${top}/${segs[1]}`);
}
