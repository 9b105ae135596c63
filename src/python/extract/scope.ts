// Bindings of a name in a scope, and which of them reach a use: the small data-flow engine under
// value resolution and attribute reads. No state (the per-file index memoises what it builds).
import { field, named, same, SCOPE_TYPES, targetNames, within, type Node } from './nodes.js';

export type Binding =
  | { kind: 'assign'; right: Node }
  | { kind: 'for'; target: Node; iter: Node }
  | { kind: 'param'; fn: Node; index: number; name: string; dflt: Node | null };

/** Where a binding takes effect: the assignment or walrus, or a loop's target (its body runs after it); undefined for a parameter (on entry). */
export function bindingNode(b: Binding): Node | undefined {
  if (b.kind === 'assign') return b.right.parent ?? undefined;
  if (b.kind === 'for') return b.target;
  return undefined;
}

/**
 * The bindings of `name` (all of one scope) that can reach `use` in that scope: a small reaching-
 * definitions test for structured code, so that a name reused for two things in one function is
 * not read as both at each use (`for p in ROUTERS: ... "router"` then `for p in HANDLERS: ...
 * "handler"`; `module = import_module(a); module.router` then `module = import_module(b);
 * module.register()`). A binding does not reach the use when
 * - it comes after the use, with no loop around both; or
 * - a later binding comes on every path to the use: a plain `name = ...` statement earlier in a
 *   block around the use, or the `for` loop binding the name whose body holds the use.
 * Anything else (a binding in an `if`, a `try`, a loop that may not run) may reach it, and counts.
 */
export function reaching(binds: Binding[], name: string, use: Node, scope: Node): Binding[] {
  const loops: Node[] = [];
  const killers: Node[] = [];
  for (let child = use, p = use.parent; p; child = p, p = p.parent) {
    if (p.type === 'for_statement' || p.type === 'while_statement') {
      loops.push(p);
      const left = field(p, 'left');
      if (p.type === 'for_statement' && left && same(field(p, 'body'), child) && targetNames(left).some((t) => t.text === name)) killers.push(left);
    } else if (p.type === 'block' || p.type === 'module') {
      for (const st of p.namedChildren) {
        if (st.endIndex > child.startIndex) break;
        const a = st.type === 'expression_statement' ? st.firstNamedChild : null;
        // (`x: int` alone binds nothing: an assignment needs its right side.)
        if (a?.type === 'assignment' && field(a, 'right') && field(a, 'left')?.type === 'identifier' && field(a, 'left')!.text === name) killers.push(a);
      }
    }
    if (same(p, scope)) break;
  }
  return binds.filter((b) => {
    const n = bindingNode(b);
    if (!n) return !killers.length;
    // Carried round a loop, unless the loop is a `for` that rebinds the name at each iteration's start.
    if (n.endIndex > use.startIndex) return loops.some((l) => within(n, l) && !(l.type === 'for_statement' && killers.some((k) => same(k, field(l, 'left')))));
    return !killers.some((k) => !same(k, n) && k.startIndex >= n.endIndex);
  });
}

/** The module-level bindings of `name` an importer sees: from the last plain `name = ...` statement at the module's top on. */
export function finalBindings(root: Node, binds: Binding[], name: string): Binding[] {
  let last = -1;
  for (const st of named(root)) {
    const a = st.type === 'expression_statement' ? st.firstNamedChild : null;
    if (a?.type === 'assignment' && field(a, 'right') && field(a, 'left')?.type === 'identifier' && field(a, 'left')!.text === name) last = a.startIndex;
  }
  return binds.filter((b) => (bindingNode(b)?.startIndex ?? -1) >= last);
}

/** Visit nodes of a scope without descending into nested functions, classes or lambdas. */
export function walkScope(scope: Node, visit: (n: Node) => void): void {
  const start = scope.type === 'module' ? scope : field(scope, 'body');
  if (!start) return;
  const stack: Node[] = [start];
  let first = true;
  while (stack.length) {
    const n = stack.pop() as Node;
    if (first) first = false; // the scope's own node (or body) is not visited
    else visit(n);
    // One call for all children (not one per child); a string's start, content and end hold
    // nothing bound or called, only its interpolations do.
    const children = n.namedChildren;
    const isString = n.type === 'string';
    for (let i = children.length - 1; i >= 0; i--) {
      const c = children[i];
      if (isString && c.type !== 'interpolation') continue;
      if (SCOPE_TYPES.has(c.type)) {
        // a nested def's decorators/defaults are in this scope, its body is not
        for (const sub of named(c)) if (sub.type === 'decorator') stack.push(sub);
        const params = field(c, 'parameters');
        if (params) stack.push(params);
        if (c.type === 'class_definition') {
          const sup = field(c, 'superclasses');
          if (sup) stack.push(sup);
        }
        continue;
      }
      stack.push(c);
    }
  }
}
