// CDK Python constructs made in a loop over literal values (`for name in ["a", "b"]:`, `for k, v in {...}.items()`,
// a list assigned once in the file): the construct is read once per iteration, the loop variables bound to that
// iteration's values (nested loops: every combination, at most MAX_ITERATIONS). A loop over anything else leaves
// the variable unknown ("is a loop variable"), as before: the function is named as not checked.
import type Parser from 'tree-sitter';
import { unknownVal, type Val } from './cdk-values.js';

type Node = Parser.SyntaxNode;

export const MAX_ITERATIONS = 50;

/** What the loop's iterable gives, item by item, or null when it is not a literal list, tuple or dict. */
function items(right: Node, ev: (n: Node) => Val, raw: (n: Node) => Node | null): Val[] | null {
  // `d.items()`, `d.keys()`, `d.values()` of a dict literal (or a name bound to one).
  if (right.type === 'call') {
    const fn = right.childForFieldName('function');
    const args = right.childForFieldName('arguments')?.namedChildren ?? [];
    if (fn?.type !== 'attribute' || args.length) return null;
    const method = fn.childForFieldName('attribute')!.text;
    const dict = raw(fn.childForFieldName('object')!);
    if (dict?.type !== 'dictionary' || !['items', 'keys', 'values'].includes(method)) return null;
    return pairs(dict, ev)?.map(([k, v]) => (method === 'keys' ? k : method === 'values' ? v : { k: 'list', items: [k, v], loc: k.loc })) ?? null;
  }
  const node = raw(right);
  if (!node) return null;
  if (node.type === 'dictionary') return pairs(node, ev)?.map(([k]) => k) ?? null;
  if (node.type === 'list' || node.type === 'tuple') return node.namedChildren.filter((c) => c.type !== 'comment').map(ev);
  return null;
}

function pairs(dict: Node, ev: (n: Node) => Val): [Val, Val][] | null {
  const out: [Val, Val][] = [];
  for (const p of dict.namedChildren) {
    if (p.type === 'comment') continue;
    if (p.type !== 'pair') return null; // `**other`
    out.push([ev(p.childForFieldName('key')!), ev(p.childForFieldName('value')!)]);
  }
  return out;
}

/** Binds a loop target (`name`, `a, b`, `(a, b)`) to one item. */
function bind(target: Node, item: Val, out: Map<string, Val>): boolean {
  if (target.type === 'identifier') {
    out.set(target.text, item);
    return true;
  }
  if (target.type === 'pattern_list' || target.type === 'tuple_pattern' || target.type === 'tuple' || target.type === 'list_pattern') {
    const names = target.namedChildren;
    if (item.k !== 'list' || item.items.length !== names.length) {
      for (const n of names) if (n.type === 'identifier') out.set(n.text, unknownVal(`${n.text} is a loop variable unpacked from ${item.k === 'unknown' ? item.why : 'a value of another shape'}`, item.loc));
      return true;
    }
    return names.every((n, i) => bind(n, item.items[i], out));
  }
  return false;
}

/**
 * The bindings a construct call at `call` is made with: one map per iteration of the literal loops around it (inside
 * its function), [new Map()] when there is none, and null when a loop around it is not over literal values (or the
 * loops make more than MAX_ITERATIONS constructs).
 */
export function loopBindings(call: Node, ev: (n: Node, env: Map<string, Val>) => Val, raw: (n: Node) => Node | null): Map<string, Val>[] | null {
  const loops: Node[] = [];
  for (let cur = call.parent; cur && cur.type !== 'function_definition' && cur.type !== 'class_definition'; cur = cur.parent) {
    // Only the loop's body runs once per item; a call in its iterable runs once.
    if (cur.type === 'for_statement' && cur.childForFieldName('body')?.startIndex !== undefined && call.startIndex >= cur.childForFieldName('body')!.startIndex) loops.unshift(cur);
  }
  let envs: Map<string, Val>[] = [new Map()];
  for (const loop of loops) {
    const next: Map<string, Val>[] = [];
    for (const env of envs) {
      const list = items(loop.childForFieldName('right')!, (n) => ev(n, env), raw);
      if (!list) return null;
      for (const item of list) {
        const e = new Map(env);
        if (!bind(loop.childForFieldName('left')!, item, e)) return null;
        next.push(e);
      }
    }
    if (next.length > MAX_ITERATIONS) return null;
    envs = next;
  }
  return envs;
}
