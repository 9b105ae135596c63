// Relative imports (`from ..x import y`) made absolute, as importlib does before any search.

/**
 * A relative import made absolute, like `importlib.util.resolve_name('.' * level + module, __package__)`
 * where `__package__` is the module itself for a package and its parent otherwise.
 * Undefined for "attempted relative import beyond top-level package" and "with no known parent package".
 */
export function absolutize(fromModule: string, fromIsPackage: boolean, level: number, module: string): string | undefined {
  if (level <= 0) return module === '' ? undefined : module;
  let pkg: string;
  if (fromIsPackage) pkg = fromModule;
  else {
    const dot = fromModule.lastIndexOf('.');
    pkg = dot < 0 ? '' : fromModule.slice(0, dot);
  }
  if (pkg === '') return undefined;
  const bits = pkg.split('.');
  if (bits.length < level) return undefined;
  const base = bits.slice(0, bits.length - (level - 1)).join('.');
  return module === '' ? base : `${base}.${module}`;
}
