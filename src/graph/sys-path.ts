// Folders a module adds to sys.path from its own `__file__` (facts.sysPathFolders), placed in the
// package: `sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))` in
// common/framework/flask.py adds common/. Imports the module runs after the change, and the modules
// they import, are resolved with those folders searched after the root (build.ts).
// A folder outside the package root is not on Lambda (/var/task's parent holds none of the package).
// Searched after the root, not before: a name under both resolves to the root's (a known difference
// from `insert(0, ...)`, which matters only for a name both folders hold).
import type { Resolver } from '../python/resolve.js';
import type { FileFacts } from '../types.js';
import { dirOf, isUnder, joinPath } from '../util/posix-path.js';

/** The folders `facts`' changes above `line` add, relative to the checked folder, inside the resolver's root. */
export function foldersAddedBefore(resolver: Resolver, file: string, facts: FileFacts, line: number): string[] {
  const out: string[] = [];
  for (const c of facts.sysPathFolders ?? []) {
    if (c.line >= line) continue;
    for (const f of c.folders) {
      const dir = joinPath(dirOf(file), f);
      if (dir !== '..' && !dir.startsWith('../') && isUnder(dir, resolver.root) && dir !== resolver.root) out.push(dir);
    }
  }
  return out;
}

const EXTENDED = new WeakMap<Resolver, Map<string, Resolver>>();

/** The resolver that also searches `folders` (one per distinct set, so its cache is shared). */
export function resolverWith(base: Resolver, folders: readonly string[]): Resolver {
  const extra = [...new Set(folders)].filter((f) => !base.searchPath.includes(f));
  if (!extra.length) return base;
  let byKey = EXTENDED.get(base);
  if (!byKey) EXTENDED.set(base, (byKey = new Map()));
  const key = extra.join('\0');
  let r = byKey.get(key);
  if (!r) byKey.set(key, (r = base.withSearchPath(extra)));
  return r;
}
