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
