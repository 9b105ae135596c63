// The spelling a module has on disk when a name differs from it only in case: `app.Models` for
// app/models.py imports on macOS or Windows (case-insensitive file systems) and fails on Lambda's
// Linux, so the name to suggest is the real one.
import { moduleStem } from './importable.js';

const cache = new WeakMap<object, Map<string, Map<string, string>>>();

/** Lower-cased dotted name → dotted names as spelled on disk (every folder and module stem under `root`). */
function spellings(paths: Iterable<string>, root: string): Map<string, string> {
  let byRoot = cache.get(paths);
  if (!byRoot) cache.set(paths, (byRoot = new Map()));
  let map = byRoot.get(root);
  if (map) return map;
  map = new Map();
  const prefix = root === '' ? '' : `${root}/`;
  for (const p of paths) {
    if (!p.startsWith(prefix)) continue;
    const parts = p.slice(prefix.length).split('/');
    const stem = moduleStem(parts[parts.length - 1]);
    if (stem === undefined) parts.pop();
    else parts[parts.length - 1] = stem;
    for (let i = 1; i <= parts.length; i++) {
      const dotted = parts.slice(0, i).join('.');
      const key = dotted.toLowerCase();
      // Two spellings of one name (models.py and Models.py): no single real spelling to name.
      const had = map.get(key);
      map.set(key, had === undefined || had === dotted ? dotted : '');
    }
  }
  byRoot.set(root, map);
  return map;
}

/** The on-disk spelling of `dotted` when it differs only in case, else undefined. */
export function caseSpelling(paths: Iterable<string> | undefined, root: string, dotted: string): string | undefined {
  if (!paths || typeof paths !== 'object') return undefined;
  const real = spellings(paths, root).get(dotted.toLowerCase());
  return real && real !== dotted ? real : undefined;
}
