// Small helpers over tree-sitter nodes, shared by every fact family. No state.
import type Parser from 'tree-sitter';
import type { ArgFact } from '../../types.js';

export type Node = Parser.SyntaxNode;

export const same = (a: Node | null | undefined, b: Node | null | undefined): boolean => !!a && !!b && a.id === b.id;
export const field = (n: Node, name: string): Node | null => n.childForFieldName(name);
// Comments and line continuations are extras: they can sit between any two children.
export const named = (n: Node): Node[] => n.namedChildren.filter((c) => c.type !== 'comment' && c.type !== 'line_continuation');
export const lastSegment = (dotted: string): string => dotted.slice(dotted.lastIndexOf('.') + 1).trim();
export const within = (inner: Node, outer: Node) => outer.startIndex <= inner.startIndex && inner.endIndex <= outer.endIndex;

/**
 * A dotted name as Python reads it. Its source text is the name itself unless whitespace, a line
 * continuation or a comment sits between the parts (`a . b`, `a.\\\n b`): only then are the parts joined.
 */
export const dottedText = (n: Node): string => {
  const t = n.text;
  if (n.type !== 'dotted_name') return t;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    // space, tab, newline, carriage return, form feed, backslash (a continuation), '#' (a comment)
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 92 || c === 35) return named(n).map((x) => x.text).join('.');
  }
  return t;
};

/** A dotted name (`a`, `a.b.c`, however spaced) as text without spaces; undefined for any other expression. */
export function dottedName(n: Node): string | undefined {
  if (n.type === 'identifier') return n.text;
  if (n.type !== 'attribute') return undefined;
  const object = field(n, 'object');
  const attr = field(n, 'attribute');
  const head = object ? dottedName(object) : undefined;
  return head && attr ? `${head}.${attr.text}` : undefined;
}

export const SCOPE_TYPES = new Set(['function_definition', 'class_definition', 'lambda']);
export const COMPREHENSIONS = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);

/** Quick test: is the node inside a def, class or lambda (decorators and defaults included)? */
export function insideDefOrClass(node: Node): boolean {
  for (let p = node.parent; p; p = p.parent) if (SCOPE_TYPES.has(p.type)) return true;
  return false;
}

/** The nearest function definition around a node. */
export function enclosingFunction(n: Node): Node | undefined {
  for (let p = n.parent; p; p = p.parent) if (p.type === 'function_definition') return p;
  return undefined;
}

/** A function's parameter names, in order (`*args` and `**kwargs` left out). */
export function parameterNames(fn: Node): string[] {
  const out: string[] = [];
  for (const p of named(field(fn, 'parameters') ?? fn)) {
    if (p.type === 'identifier') out.push(p.text);
    else if (p.type === 'typed_parameter') {
      const id = named(p).find((c) => c.type === 'identifier');
      if (id) out.push(id.text);
    } else if (p.type === 'default_parameter' || p.type === 'typed_default_parameter') {
      const name = field(p, 'name');
      if (name) out.push(name.text);
    }
  }
  return out;
}

/** The statement node containing an expression (the expression_statement, or the node itself). */
export function statementOf(n: Node): Node {
  let s = n;
  while (s.parent && (s.parent.type === 'expression_statement' || s.parent.type === 'assignment')) s = s.parent;
  return s;
}

export function argFacts(args: Node[]): ArgFact[] {
  return args.map((a) => {
    const value = a.type === 'keyword_argument' ? field(a, 'value') : a;
    const dotted = value ? dottedName(value) : undefined;
    return {
      ...(a.type === 'keyword_argument' ? { name: field(a, 'name')?.text ?? '' } : {}),
      value: value?.text ?? '',
      names: value ? readNames(value) : [],
      ...(dotted !== undefined ? { dotted } : {}),
    };
  });
}

/** The free names an expression reads: identifiers that are not attribute names or keyword names. */
function readNames(expr: Node): string[] {
  const out = new Set<string>();
  const visit = (n: Node) => {
    if (n.type === 'identifier') {
      const p = n.parent;
      const isAttr = p?.type === 'attribute' && same(field(p, 'attribute'), n);
      const isKeyword = p?.type === 'keyword_argument' && same(field(p, 'name'), n);
      if (!isAttr && !isKeyword) out.add(n.text);
      return;
    }
    for (const c of named(n)) visit(c);
  };
  visit(expr);
  return [...out];
}

export function splitArgs(argList: Node | null): { positional: Node[]; keywords: Map<string, Node>; all: Node[] } {
  const all = argList ? named(argList) : [];
  const positional: Node[] = [];
  const keywords = new Map<string, Node>();
  for (const a of all) {
    if (a.type === 'keyword_argument') {
      const k = field(a, 'name')?.text;
      const v = field(a, 'value');
      if (k && v) keywords.set(k, v);
    } else if (a.type !== 'list_splat' && a.type !== 'dictionary_splat') positional.push(a);
  }
  return { positional, keywords, all };
}

export function kwargsText(argList: Node | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of splitArgs(argList).keywords) out[k] = v.text;
  return out;
}

/** Identifiers bound by an assignment/for target (`a`, `a, b`, `[a, *b]`); attributes/subscripts bind nothing. */
export function targetNames(t: Node): Node[] {
  switch (t.type) {
    case 'identifier':
      return [t];
    case 'pattern_list':
    case 'tuple_pattern':
    case 'list_pattern':
    case 'tuple':
    case 'list':
    case 'expression_list':
    case 'parenthesized_expression':
    case 'list_splat_pattern':
      return named(t).flatMap(targetNames);
    default:
      return [];
  }
}
