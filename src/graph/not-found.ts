// Python's wording when a module does not resolve, for every rule and fact that quotes it.
import type { Resolver } from '../python/resolve.js';

/**
 * `No module named 'a.b'` as Python words it: the first level of `dotted` that does not resolve, or
 * `'a' is not a package` when a plain module (or extension) would have to hold a submodule.
 */
export function noModuleNamed(resolver: Resolver, dotted: string): string {
  const segs = dotted.split('.');
  for (let i = 1; i <= segs.length; i++) {
    const prefix = segs.slice(0, i).join('.');
    const r = resolver.resolve(prefix);
    if (!r) return `No module named '${prefix}'`;
    if ((r.kind === 'module' || r.kind === 'extension') && i < segs.length)
      return `No module named '${segs.slice(0, i + 1).join('.')}'; '${prefix}' is not a package`;
  }
  return `No module named '${dotted}'`;
}
