// The `for` loops around a use: which loop binds a name, its iterable as a fact, and the elements
// of a literal it runs over. No state.
import type { LoopSource } from '../../types.js';
import { field, named, same, SCOPE_TYPES, type Node } from './nodes.js';

/**
 * The `for` loop around `use` (in its scope) whose target binds `name`: its iterable, and the name's
 * place in the target (0 for a plain name, i for the i-th of a tuple `for cls, options in ...`).
 */
export function enclosingLoop(name: Node, use: Node): { iterable: Node; index: number; plain: boolean } | undefined {
  if (name.type !== 'identifier') return undefined;
  for (let child = use, p = use.parent; p && !SCOPE_TYPES.has(p.type); child = p, p = p.parent) {
    if (p.type !== 'for_statement' || !same(field(p, 'body'), child)) continue;
    const left = field(p, 'left');
    const right = field(p, 'right');
    if (!left || !right) continue;
    if (left.type === 'identifier') {
      if (left.text === name.text) return { iterable: right, index: 0, plain: true };
      continue;
    }
    const index = named(left).findIndex((t) => t.type === 'identifier' && t.text === name.text);
    if (index >= 0) return { iterable: right, index, plain: false };
  }
  return undefined;
}

/** A loop's iterable as a fact: a dict view (`HANDLERS.items()`) is split into the dict and the view. */
export function loopSource(loop: { iterable: Node; index: number }): LoopSource {
  const it = loop.iterable;
  const f = it.type === 'call' ? field(it, 'function') : null;
  const view = f?.type === 'attribute' ? field(f, 'attribute')?.text : undefined;
  if (f && (view === 'items' || view === 'values' || view === 'keys') && named(field(it, 'arguments') ?? it).length === 0)
    return { iterable: field(f, 'object')?.text ?? it.text, view, index: loop.index };
  return { iterable: it.text, index: loop.index };
}

/**
 * The elements a loop variable takes at `use`, when `name` is the target of a `for` loop around
 * it over a list, tuple or set literal: `for r in (users.router, orders.router): ...`.
 */
export function loopElements(name: Node, use: Node): Node[] | undefined {
  const loop = enclosingLoop(name, use);
  return loop?.plain && ['list', 'tuple', 'set'].includes(loop.iterable.type) ? named(loop.iterable) : undefined;
}

