// What code reads from the module an import call returns: `m.router`, `getattr(m, "router")`, and
// through a loader function's return, what its callers read. Which reads may fail (a handler of
// AttributeError, a hasattr test, a default) is told apart from reads that must succeed.
import { attributeErrorHandled } from './context.js';
import type { FileIndex } from './file-index.js';
import { field, named, same, type Node } from './nodes.js';
import { bindingNode, reaching, walkScope } from './scope.js';
import { stringValue } from './strings.js';

/** Attribute names read from the module an import call returns (`getattr(m, "router")`, `m.router`). */
export function attributesRead(idx: FileIndex, call: Node, depth: number, only?: Node): { attributes: string[]; optional: string[] } {
  const out: string[] = [];
  /** Reads the code is ready to see fail: under a handler of AttributeError, or with a default. */
  const guarded = new Set<string>();
  /** Reads that must succeed. */
  const needed = new Set<string>();
  let variable: string | undefined;
  const add = (s: string | undefined, read: Node, optional = false) => {
    if (s === undefined) return;
    if (!out.includes(s)) out.push(s);
    (optional || attributeErrorHandled(read, variable, s) ? guarded : needed).add(s);
  };
  /** `getattr(m, "x")` reads x; `getattr(m, "x", None)` has a default and is ready for m to lack it. */
  const getattrRead = (g: Node, args: Node[]) => {
    if (args.length >= 2) add(stringValue(args[1]), g, args.length > 2);
  };
  const fromCaller = (c: Node) => {
    if (only && !same(c, only)) return;
    const r = attributesRead(idx, c, depth + 1);
    for (const a of r.attributes) {
      if (!out.includes(a)) out.push(a);
      (r.optional.includes(a) ? guarded : needed).add(a);
    }
  };
  let expr = call;
  while (expr.parent?.type === 'parenthesized_expression') expr = expr.parent;
  const parent = expr.parent;
  if (!parent) return { attributes: out, optional: [] };
  if (parent.type === 'attribute' && same(field(parent, 'object'), expr)) add(field(parent, 'attribute')?.text, parent);
  if (parent.type === 'argument_list') {
    const g = parent.parent;
    const args = named(parent);
    if (g?.type === 'call' && field(g, 'function')?.text === 'getattr' && same(args[0], expr)) getattrRead(g, args);
  }
  const bound = boundTo(parent, expr);
  const { container, binding } = bound;
  variable = bound.variable;
  if (variable) {
    const scope = idx.scopeOf(call);
    // Only the reads this assignment reaches: `module` may be bound again to another import.
    const binds = idx.bindingsIn(scope, variable);
    const reaches = (use: Node) => binds.length < 2 || reaching(binds, variable, use, scope).some((b) => same(bindingNode(b), binding));
    for (const n of idx.scopeIndex(scope).reads.get(variable) ?? []) {
      if (n.type === 'attribute') {
        const obj = field(n, 'object')!;
        if (reaches(obj)) add(field(n, 'attribute')?.text, n);
        continue;
      }
      const fn = field(n, 'function')?.text;
      const args = named(field(n, 'arguments') ?? n);
      if (!reaches(args[0])) continue;
      if (fn === 'getattr') getattrRead(n, args);
    }
    // `return module` from a loader function: look at what its callers read.
    if (depth === 0) {
      const fn = scope.type === 'function_definition' ? scope : null;
      const fnName = fn ? field(fn, 'name')?.text : undefined;
      let returns = false;
      if (fn) walkScope(fn, (n) => {
        if (n.type === 'return_statement' && named(n)[0]?.type === 'identifier' && named(n)[0].text === variable) returns = true;
      });
      if (returns && fnName) for (const { call: c } of idx.callsNamed(fnName)) fromCaller(c);
    }
  }
  if (depth === 0) for (const c of returnedBy(idx, call, parent, container, variable)) fromCaller(c);
  return { attributes: out, optional: out.filter((a) => guarded.has(a) && !needed.has(a)) };
}

/**
 * What the import call's value is bound to: `variable` (`m = import_module(p)`, `(m := ...)`, the outer
 * name of `m = _cache[p] = ...`), `container` (`_cache[p] = import_module(p)`: the dict the module is
 * kept in, whose `return _cache[p]` returns it), and the assignment that binds `variable`.
 */
function boundTo(parent: Node, expr: Node): { variable?: string; container?: string; binding: Node } {
  let variable: string | undefined;
  let container: string | undefined;
  let binding: Node = parent;
  if ((parent.type === 'assignment' && same(field(parent, 'right'), expr)) || parent.type === 'named_expression') {
    const left = field(parent, parent.type === 'assignment' ? 'left' : 'name');
    if (left?.type === 'identifier') variable = left.text;
    const value = left?.type === 'subscript' ? field(left, 'value') : null;
    if (value?.type === 'identifier') container = value.text;
    // `module = _cache[p] = import_module(p)`: the outer name holds the module too.
    const outer = parent.parent;
    if (!variable && outer?.type === 'assignment' && same(field(outer, 'right'), parent) && field(outer, 'left')?.type === 'identifier') {
      variable = field(outer, 'left')!.text;
      binding = outer;
    }
  }
  return { variable, container, binding };
}

/** The calls of the loader function that returns the module unnamed: through a cache by key, or directly. */
function returnedBy(idx: FileIndex, call: Node, parent: Node, container: string | undefined, variable: string | undefined): Node[] {
  if (container && !variable) {
    // A cache by key returns what was put in it: `return _cache[p]` is `return import_module(p)`.
    const fn = idx.scopeOf(call);
    const fnName = fn.type === 'function_definition' ? field(fn, 'name')?.text : undefined;
    let returns = false;
    if (fnName) walkScope(fn, (n) => {
      const r = n.type === 'return_statement' ? named(n)[0] : undefined;
      if (r?.type === 'subscript' && field(r, 'value')?.text === container) returns = true;
    });
    return returns && fnName ? idx.callsNamed(fnName).map(({ call: c }) => c) : [];
  }
  if (parent.type === 'return_statement') {
    const fn = idx.scopeOf(call);
    const fnName = fn.type === 'function_definition' ? field(fn, 'name')?.text : undefined;
    return fnName ? idx.callsNamed(fnName).map(({ call: c }) => c) : [];
  }
  return [];
}

