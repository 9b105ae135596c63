// Posix paths relative to the checked folder, the one spelling every stage uses: `a/b.py`, '' for the
// folder itself, no `./`, no trailing slash, `..` resolved (a leading `..` kept: it leaves the folder).

/** `a\\b/./c/../d/` → `a/b/d`; '' for the folder itself. */
export function normalizePath(p: string): string {
  // The resolver asks about already-normal paths thousands of times a run: answer those without work.
  if (isNormal(p)) return p;
  const parts: string[] = [];
  for (const part of p.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length && parts[parts.length - 1] !== '..') parts.pop();
      else parts.push('..');
      continue;
    }
    parts.push(part);
  }
  return parts.join('/');
}

function isNormal(p: string): boolean {
  if (p.startsWith('/') || p.endsWith('/') || p.includes('\\') || p.includes('//')) return false;
  if (!p.includes('.')) return true;
  return (
    p !== '.' && p !== '..' && !p.startsWith('./') && !p.startsWith('../') && !p.includes('/./') && !p.includes('/../') && !p.endsWith('/.') && !p.endsWith('/..')
  );
}

/** `dir` joined with a relative `p`, normalised. */
export function joinPath(dir: string, p: string): string {
  return normalizePath(dir === '' ? p : p === '' ? dir : `${dir}/${p}`);
}

/** Is `p` the folder `dir` or inside it ('' is the checked folder itself)? */
export function isUnder(p: string, dir: string): boolean {
  return dir === '' || p === dir || p.startsWith(`${dir}/`);
}

/** `p` relative to `dir`, for a `p` under it. */
export function relTo(p: string, dir: string): string {
  if (dir === '') return p;
  return p === dir ? '' : p.slice(dir.length + 1);
}

export function dirOf(p: string): string {
  const slash = p.lastIndexOf('/');
  return slash < 0 ? '' : p.slice(0, slash);
}

export function baseOf(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

/**
 * Every folder above the given posix paths (each one's parent, its parent, …) added to `into`, which
 * starts as {''} and must hold every parent of each folder it holds (what this function keeps true).
 */
export function ancestorDirs(paths: Iterable<string>, into: Set<string> = new Set([''])): Set<string> {
  for (const p of paths) {
    for (let d = dirOf(p); d !== '' && !into.has(d); d = dirOf(d)) into.add(d);
  }
  return into;
}
