// The other ways a file calls import_module: a name bound to it (`load = importlib.import_module`),
// `functools.partial(importlib.import_module)`, and `map(import_module, PATHS)`. Read from the
// file's assignments and calls; no state.
import type { ImportlibAliases } from './module-paths.js';
import { field, splitArgs, type Node } from './nodes.js';

/** Is `n` import_module itself: `importlib.import_module`, `import_module`, or a name bound to it already? */
function isImportModule(n: Node | null | undefined, aliases: ImportlibAliases, bound: ReadonlySet<string>): boolean {
  if (!n) return false;
  if (n.type === 'identifier') return n.text === 'import_module' || aliases.importModule.has(n.text) || bound.has(n.text);
  if (n.type === 'attribute') {
    const obj = field(n, 'object');
    return field(n, 'attribute')?.text === 'import_module' && obj?.type === 'identifier' && aliases.importlib.has(obj.text);
  }
  return false;
}

/**
 * `partial(import_module)` with nothing more bound (a `package=` other than None changes what a
 * relative name means: that partial is not taken as import_module, so its calls stay unread).
 */
function isPartialOfImportModule(n: Node, aliases: ImportlibAliases, bound: ReadonlySet<string>): boolean {
  if (n.type !== 'call') return false;
  const f = field(n, 'function');
  const name = f?.type === 'identifier' ? f.text : f?.type === 'attribute' ? field(f, 'attribute')?.text : undefined;
  if (name !== 'partial') return false;
  const { positional, keywords, all } = splitArgs(field(n, 'arguments'));
  if (positional.length !== 1 || !isImportModule(positional[0], aliases, bound)) return false;
  const pkg = keywords.get('package');
  return all.length === 1 || (keywords.size === 1 && pkg?.type === 'none');
}

/** The names bound to import_module in the file (`load = importlib.import_module`, `load = partial(import_module)`), to a fixed point. */
export function importModuleNames(root: Node, aliases: ImportlibAliases): Set<string> {
  const bound = new Set<string>();
  const assigns = root.descendantsOfType('assignment');
  for (let changed = true; changed; ) {
    changed = false;
    for (const a of assigns) {
      const left = field(a, 'left');
      const right = field(a, 'right');
      if (left?.type !== 'identifier' || !right || bound.has(left.text)) continue;
      if (isImportModule(right, aliases, bound) || isPartialOfImportModule(right, aliases, bound)) {
        bound.add(left.text);
        changed = true;
      }
    }
  }
  return bound;
}

/** `map(import_module, PATHS)`: the iterable whose every element is imported, else undefined. */
export function mappedPaths(call: Node, aliases: ImportlibAliases, bound: ReadonlySet<string>): Node | undefined {
  const f = field(call, 'function');
  if (f?.type !== 'identifier' || f.text !== 'map') return undefined;
  const { positional, all } = splitArgs(field(call, 'arguments'));
  if (positional.length !== 2 || all.length !== 2 || !isImportModule(positional[0], aliases, bound)) return undefined;
  return positional[1];
}
