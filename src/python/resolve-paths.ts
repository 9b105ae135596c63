// Posix paths relative to the checked folder, as the resolver compares them, and the FileSet over a
// list of them.
import type { FileSet } from './resolve-types.js';
import { ancestorDirs } from '../util/posix-path.js';

export function join(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

export function normRoot(root: string): string {
  let r = root.replace(/\\/g, '/');
  while (r.startsWith('./')) r = r.slice(2);
  if (r === '.') r = '';
  return r.replace(/\/+$/, '');
}

/** A FileSet over a list of file paths (posix, relative to the checked folder); folders are implied by the files. */
export function fileSetOf(paths: Iterable<string>): FileSet {
  const files = new Set<string>();
  for (const raw of paths) {
    const p = normRoot(raw);
    if (p !== '') files.add(p);
  }
  const dirs = ancestorDirs(files);
  return { has: (p) => files.has(p), hasDir: (p) => dirs.has(normRoot(p)) };
}
