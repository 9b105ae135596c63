// Resolver.suggest's two searches for the nearest spelling of an unresolved dotted name that
// resolves: re-rooting it into a folder below the root, and dropping its leading segments.
import { normRoot } from './resolve-paths.js';
import { isIdentifier, UNSHADOWABLE } from './importable.js';

/** Linux's PATH_MAX: a dotted name longer than this names a file no import can open, so no suggestion is longer. */
export const MAX_IMPORT_PATH = 4096;

export interface FolderPrefixes {
  prefixes: string[];
  entries: Set<string>;
}

/**
 * Dotted names of folders strictly below the root whose every segment is an identifier, and the
 * `folder/entry` keys (entry: a sub-folder or a file name up to its first dot) below the root.
 */
export function folderPrefixesBelow(root: string, paths: Iterable<string> | undefined): FolderPrefixes {
  const prefixes = new Set<string>();
  const entries = new Set<string>();
  if (paths) {
    const prefix = root === '' ? '' : root + '/';
    for (const p of paths) {
      const f = normRoot(p);
      if (!f.startsWith(prefix)) continue;
      const parts = f.slice(prefix.length).split('/');
      const last = parts[parts.length - 1];
      const dot = last.indexOf('.');
      parts[parts.length - 1] = dot < 0 ? last : last.slice(0, dot);
      for (let i = 1; i < parts.length; i++) entries.add(parts.slice(0, i + 1).join('/'));
      const dirs = parts.slice(0, -1);
      for (let i = 1; i <= dirs.length; i++) {
        const segs = dirs.slice(0, i);
        if (!segs.every(isIdentifier)) break;
        prefixes.add(segs.join('.'));
      }
    }
  }
  return { prefixes: [...prefixes].sort(), entries };
}

/** Every `P.<dotted>` that resolves, for a folder P below the root: each keeps the full name. */
export function reRootings(dotted: string, segs: string[], entries: FolderPrefixes, resolves: (dotted: string) => boolean): Set<string> {
  const found = new Set<string>();
  for (const d of entries.prefixes) {
    // Cheap pre-check: something named like the first segment in that folder.
    if (!entries.entries.has(`${d.replace(/\./g, '/')}/${segs[0]}`)) continue;
    const cand = `${d}.${dotted}`;
    if (resolves(cand)) found.add(cand);
  }
  return found;
}

/** The longest suffix of `dotted` (a leading segment dropped or more) that resolves. */
export function droppedLeading(dotted: string, segs: string[], resolves: (dotted: string) => boolean): string | undefined {
  // Dropping leading segments: the longest suffix wins; one candidate per length, so no ties.
  // Linear in the name's length (a 40 KB name was quadratic, #19 item 10): only suffixes after the
  // last non-identifier segment, not longer than a path Linux can open, whose first segment
  // resolves on its own (resolve's first step: no dotted name resolves without it).
  let from = 1;
  for (let j = segs.length - 1; j >= 1; j--) {
    if (!isIdentifier(segs[j])) {
      from = j + 1;
      break;
    }
  }
  let length = dotted.length;
  for (let i = 0; i < from && i < segs.length; i++) length -= segs[i].length + 1;
  for (let i = from; i < segs.length; length -= segs[i].length + 1, i++) {
    if (length > MAX_IMPORT_PATH || UNSHADOWABLE.has(segs[i]) || !resolves(segs[i])) continue;
    const cand = segs.slice(i).join('.');
    if (resolves(cand)) return cand;
  }
  return undefined;
}
