// Which function bodies run while the module is imported, and which names a module-level `del`
// unbinds: what a module has bound once its import is over.
import { contextOf } from './context.js';
import type { FileIndex } from './file-index.js';
import { field, named, type Node } from './nodes.js';

/** How many calls deep a set-up function may be called from the module's top (`_setup()` → `_paths()`). */
const MAX_DEPTH = 3;

const cache = new WeakMap<FileIndex, Map<string, boolean>>();

/**
 * Does the body of `fn` (a module-level `def`, or a def nested in one) run while the module is
 * imported: is it called, by its name, from the module's top (not under `if __name__ ==
 * "__main__":` or TYPE_CHECKING), or from a function that is? A function only defined, or
 * called only from elsewhere, has not run when the import ends.
 */
export function runsAtImport(idx: FileIndex, fn: Node): boolean {
  const name = field(fn, 'name')?.text;
  if (!name) return false;
  let memo = cache.get(idx);
  if (!memo) cache.set(idx, (memo = new Map()));
  const known = memo.get(name);
  if (known !== undefined) return known;
  const result = calledAtImport(idx, name, 0, new Set());
  memo.set(name, result);
  return result;
}

function calledAtImport(idx: FileIndex, name: string, depth: number, seen: Set<string>): boolean {
  if (depth > MAX_DEPTH || seen.has(name)) return false;
  seen.add(name);
  for (const { call, attribute } of idx.callsNamed(name)) {
    if (attribute) continue;
    const scope = idx.scopeOf(call);
    if (scope.type === 'module') {
      const guard = contextOf(call).guard;
      if (guard !== 'main' && guard !== 'type-checking') return true;
      continue;
    }
    if (scope.type !== 'function_definition') continue;
    const caller = field(scope, 'name')?.text;
    if (caller && calledAtImport(idx, caller, depth + 1, seen)) return true;
  }
  return false;
}

/** The function whose body holds `node`, if any. */
export function enclosingFunction(node: Node): Node | undefined {
  for (let p = node.parent; p; p = p.parent) if (p.type === 'function_definition') return p;
  return undefined;
}

/**
 * Names an unconditional module-level `del` unbinds, with where it stands (`del _helper` after
 * use: `from mod import _helper` then fails). A `del` under an `if` or `try` may not run: not listed.
 */
export function deletedAtTop(idx: FileIndex): { name: string; at: number }[] {
  if (!idx.text.includes('del ')) return [];
  const out: { name: string; at: number }[] = [];
  for (const st of named(idx.root)) {
    if (st.type !== 'delete_statement') continue;
    const stack = named(st);
    while (stack.length) {
      const t = stack.pop()!;
      if (t.type === 'identifier') out.push({ name: t.text, at: st.startIndex });
      else if (['expression_list', 'list', 'tuple', 'parenthesized_expression'].includes(t.type)) stack.push(...named(t));
    }
  }
  return out;
}
