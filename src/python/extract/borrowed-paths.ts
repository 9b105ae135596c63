// Where an import call's argument comes from when no value of it is known in this file: a
// container this file does not bind (imported: `from routes_config import ROUTER_MODULES`, or read
// off a module: `routes_config.ROUTER_MODULES`), and which part of it reaches the call. The graph
// then reads the container in the module the name qualifies to (BorrowedPathFact). No state.
import type { BorrowedPathFact } from '../../types.js';
import type { FileIndex } from './file-index.js';
import { COMPREHENSIONS, field, named, same, splitArgs, targetNames, type Node } from './nodes.js';
import { reaching } from './scope.js';
import { nodeSpan } from '../../util/span.js';
import { contentValue, stringPrefix, stringValue } from './strings.js';

export type Borrowed = Pick<BorrowedPathFact, 'source' | 'view' | 'key' | 'template'>;

const MAX_DEPTH = 6;
const WRAPPERS = new Set(['sorted', 'list', 'tuple', 'set', 'reversed', 'frozenset']);

/** A name no scope of this file binds (not a def, class, assignment, loop or parameter): imported, or a builtin (the graph tells). */
function foreign(idx: FileIndex, n: Node): boolean {
  if (n.type === 'attribute') {
    const obj = field(n, 'object');
    return obj?.type === 'identifier' && foreign(idx, obj);
  }
  if (n.type !== 'identifier') return false;
  const scope = idx.scopeOf(n);
  if (scope.type !== 'module' && idx.bindingsIn(scope, n.text).length) return false;
  if (idx.bindingsIn(idx.root, n.text).length) return false;
  return !named(idx.root).some((st) => {
    const d = st.type === 'decorated_definition' ? field(st, 'definition') : st;
    return (d?.type === 'function_definition' || d?.type === 'class_definition') && field(d, 'name')?.text === n.text;
  });
}

/** The container an iterable runs over, and what iterating it gives; `index` is the place of the loop variable in a two-name target. */
function fromIterable(idx: FileIndex, iter: Node, index: number | undefined, depth: number): Borrowed | undefined {
  if (depth > MAX_DEPTH) return undefined;
  if (iter.type === 'call') {
    const f = field(iter, 'function');
    const { positional, all } = splitArgs(field(iter, 'arguments'));
    if (f?.type === 'identifier' && WRAPPERS.has(f.text) && all.length === 1 && positional[0]) return fromIterable(idx, positional[0], index, depth + 1);
    const method = f?.type === 'attribute' ? field(f, 'attribute')?.text : undefined;
    const obj = f?.type === 'attribute' ? field(f, 'object') : null;
    if (!obj || all.length || !foreign(idx, obj)) return undefined;
    if (method === 'items' && index !== undefined) return { source: obj.text, view: index === 0 ? 'keys' : 'values' };
    if ((method === 'values' || method === 'keys') && index === undefined) return { source: obj.text, view: method };
    return undefined;
  }
  if (index === undefined && foreign(idx, iter)) return { source: iter.text, view: 'iter' };
  return undefined;
}

/** The container an iterable of paths runs over (`map(import_module, ROUTER_MODULES.values())`). */
export const borrowedIterable = (idx: FileIndex, iter: Node): Borrowed | undefined => fromIterable(idx, iter, undefined, 0);

/** A loop or comprehension target binding `name`: its iterable's source. */
function fromTarget(idx: FileIndex, target: Node, name: string, iter: Node, depth: number): Borrowed | undefined {
  if (target.type === 'identifier') return fromIterable(idx, iter, undefined, depth + 1);
  const parts = named(target);
  const i = parts.findIndex((p) => p.type === 'identifier' && p.text === name);
  return parts.length === 2 && i >= 0 ? fromIterable(idx, iter, i, depth + 1) : undefined;
}

/** `f"{app}.router"`, `"api." + name`: one element of a borrowed container between literal texts. */
function templated(idx: FileIndex, node: Node, depth: number): Borrowed | undefined {
  let pieces: (string | Node)[];
  if (node.type === 'string') {
    if (/[bB]/.test(stringPrefix(node))) return undefined;
    const raw = stringPrefix(node).includes('r');
    pieces = [];
    for (const c of node.namedChildren) {
      if (c.type === 'string_content') pieces.push(contentValue(c, raw));
      else if (c.type === 'interpolation') {
        const e = field(c, 'expression');
        if (!e || field(c, 'format_specifier') || field(c, 'type_conversion')) return undefined;
        pieces.push(e);
      }
    }
  } else {
    const l = field(node, 'left');
    const r = field(node, 'right');
    if (field(node, 'operator')?.text !== '+' || !l || !r) return undefined;
    pieces = [l, r].map((p) => stringValue(p) ?? p);
  }
  const holes = pieces.filter((p): p is Node => typeof p !== 'string');
  if (holes.length !== 1) return undefined;
  const inner = borrowedSource(idx, holes[0], depth + 1);
  if (!inner || inner.template) return undefined;
  const at = pieces.indexOf(holes[0]);
  const text = (ps: (string | Node)[]) => ps.map((p) => p as string).join('');
  return { ...inner, template: { before: text(pieces.slice(0, at)), after: text(pieces.slice(at + 1)), ...nodeSpan(node) } };
}

/** The source of an import call's argument, when it is a container of another module; else undefined. */
export function borrowedSource(idx: FileIndex, arg: Node, depth = 0): Borrowed | undefined {
  if (depth > MAX_DEPTH) return undefined;
  if (arg.type === 'subscript' || arg.type === 'call') {
    const f = arg.type === 'call' ? field(arg, 'function') : null;
    const obj = arg.type === 'subscript' ? field(arg, 'value') : f?.type === 'attribute' && field(f, 'attribute')?.text === 'get' ? field(f, 'object') : null;
    if (!obj || !foreign(idx, obj)) return undefined;
    const keyNode = arg.type === 'subscript' ? field(arg, 'subscript') : splitArgs(field(arg, 'arguments')).positional[0];
    // `M.get(k, default)`: the default is a second source, not read here.
    if (arg.type === 'call' && splitArgs(field(arg, 'arguments')).all.length !== 1) return undefined;
    const key = stringValue(keyNode);
    return { source: obj.text, view: 'item', ...(key !== undefined ? { key } : {}) };
  }
  if (arg.type === 'string' || arg.type === 'binary_operator') return templated(idx, arg, depth);
  if (arg.type !== 'identifier') return undefined;
  const name = arg.text;
  const scope = idx.scopeOf(arg);
  for (let p = arg.parent; p && !same(p, scope); p = p.parent) {
    if (!COMPREHENSIONS.has(p.type)) continue;
    for (const clause of named(p)) {
      const left = clause.type === 'for_in_clause' ? field(clause, 'left') : null;
      const right = clause.type === 'for_in_clause' ? field(clause, 'right') : null;
      if (left && right && targetNames(left).some((t) => t.text === name)) return fromTarget(idx, left, name, right, depth);
    }
  }
  const local = scope.type !== 'module' ? idx.bindingsIn(scope, name) : [];
  const binds = local.length ? reaching(local, name, arg, scope) : reaching(idx.bindingsIn(idx.root, name), name, arg, idx.root);
  // One binding only: two (a second map, a computed path) would need both read.
  if (binds.length !== 1) return undefined;
  const b = binds[0];
  if (b.kind === 'for') return fromTarget(idx, b.target, name, b.iter, depth);
  if (b.kind === 'assign') return borrowedSource(idx, b.right, depth + 1);
  return undefined;
}
