// The other ways a file calls import_module: a name bound to it (`load = importlib.import_module`),
// `functools.partial(importlib.import_module)`, and `map(import_module, PATHS)`; and the
// include_router calls of what they import. Read from the file's assignments and calls; no state.
import type { FileIndex } from './file-index.js';
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

/** Is `n` the first positional argument of an `x.include_router(...)` call? That call, else undefined. */
function includeOf(n: Node): Node | undefined {
  const args = n.parent;
  const call = args?.type === 'argument_list' ? args.parent : null;
  const f = call?.type === 'call' ? field(call, 'function') : null;
  if (f?.type !== 'attribute' || field(f, 'attribute')?.text !== 'include_router') return undefined;
  return splitArgs(args).positional[0]?.id === n.id ? call! : undefined;
}

/** `getattr(m, "router")` with `m` as its first argument: that getattr call. */
function getattrOf(n: Node): Node | undefined {
  const args = n.parent;
  const call = args?.type === 'argument_list' ? args.parent : null;
  const f = call?.type === 'call' ? field(call, 'function') : null;
  return f?.type === 'identifier' && f.text === 'getattr' && splitArgs(args).positional[0]?.id === n.id ? call! : undefined;
}

/**
 * The include_router calls that include an attribute of what `call` imports: `include_router(
 * import_module(p).router)`, `include_router(getattr(import_module(p), "router"))`, and through a
 * name of the same scope (`m = import_module(p)` then `include_router(m.router)`). Their router is
 * one of the call's module paths, so they do not make the app's routers unknown (PAR003).
 */
export function includesOf(idx: FileIndex, call: Node): Node[] {
  const reads: Node[] = [];
  const p = call.parent;
  if (p?.type === 'attribute' && field(p, 'object')?.id === call.id) reads.push(p);
  const g = getattrOf(call);
  if (g) reads.push(g);
  const left = p?.type === 'assignment' ? field(p, 'left') : null;
  if (left?.type === 'identifier' && field(p!, 'right')?.id === call.id)
    for (const r of idx.scopeIndex(idx.scopeOf(call)).reads.get(left.text) ?? []) reads.push(r);
  return reads.flatMap((r) => includeOf(r) ?? []);
}

/** `list(map(...))`, `tuple(map(...))`, `sorted(map(...))`: the call that wraps `n` as its only argument, else `n`. */
function unwrapped(n: Node): Node {
  const args = n.parent;
  const call = args?.type === 'argument_list' ? args.parent : null;
  const f = call?.type === 'call' ? field(call, 'function') : null;
  return f?.type === 'identifier' && ['list', 'tuple', 'sorted'].includes(f.text) && splitArgs(args).all.length === 1 ? call! : n;
}

/**
 * `for m in list(map(import_module, PATHS)): app.include_router(m.router)`: the include_router calls
 * of the loop body that include an attribute of the loop variable, and the attributes they read.
 * Their router is one of PATHS, so they do not make the app's routers unknown (PAR003).
 */
export function mappedIncludes(idx: FileIndex, mapCall: Node): { includes: Node[]; attributes: string[] } {
  const iter = unwrapped(mapCall);
  const loop = iter.parent;
  const variable = loop?.type === 'for_statement' && field(loop, 'right')?.id === iter.id ? field(loop, 'left') : null;
  const body = loop ? field(loop, 'body') : null;
  if (variable?.type !== 'identifier' || !body) return { includes: [], attributes: [] };
  const includes: Node[] = [];
  const attributes = new Set<string>();
  for (const r of idx.scopeIndex(idx.scopeOf(loop!)).reads.get(variable.text) ?? []) {
    if (r.startIndex < body.startIndex || r.endIndex > body.endIndex) continue;
    // The scope index holds a dotted read (`m.router`) as the attribute node itself.
    const p = r.parent;
    const attr = r.type === 'attribute' ? r : p?.type === 'attribute' && field(p, 'object')?.id === r.id ? p : undefined;
    const inc = attr ? includeOf(attr) : undefined;
    if (attr && inc) {
      includes.push(inc);
      attributes.add(field(attr, 'attribute')!.text);
    }
  }
  return { includes, attributes: [...attributes] };
}
