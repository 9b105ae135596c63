// Tests on a name that decide which of its values reach a use: a loader that rewrites its path
// only when it lacks a prefix (`if not path.startswith("api."): path = f"api.{path}"`, or
// `path if path.startswith("api.") else "api." + path`) imports, for each entry, the one value
// Python computes, not both branches' values.
import { field, named, same, type Node } from './nodes.js';
import { stringValue } from './strings.js';

/** Values of bindings that start before `before` reach the use only when `keep` holds for them. */
export interface Guard {
  before: number;
  keep: (value: string) => boolean;
}

type Test = (value: string) => boolean;

/**
 * A condition on `name` that can be decided for a string: `name.startswith(S)` / `endswith(S)`
 * (S a string or a tuple of strings), `S in name`, `name == S`, `name != S`, and `not` of these.
 */
export function testOf(cond: Node, name: string): Test | undefined {
  if (cond.type === 'parenthesized_expression') return named(cond).length === 1 ? testOf(named(cond)[0], name) : undefined;
  if (cond.type === 'not_operator') {
    const arg = field(cond, 'argument');
    const t = arg ? testOf(arg, name) : undefined;
    return t && ((v) => !t(v));
  }
  if (cond.type === 'call') {
    const f = field(cond, 'function');
    const obj = f?.type === 'attribute' ? field(f, 'object') : null;
    const method = f ? field(f, 'attribute')?.text : undefined;
    if (obj?.type !== 'identifier' || obj.text !== name || (method !== 'startswith' && method !== 'endswith')) return undefined;
    const args = field(cond, 'arguments');
    const arg = args ? named(args) : [];
    if (arg.length !== 1) return undefined;
    const words = arg[0].type === 'tuple' ? named(arg[0]).map(stringValue) : [stringValue(arg[0])];
    if (!words.length || words.some((w) => w === undefined)) return undefined;
    return (v) => words.some((w) => (method === 'startswith' ? v.startsWith(w!) : v.endsWith(w!)));
  }
  if (cond.type === 'comparison_operator') {
    const parts = named(cond);
    const op = cond.children.filter((c) => !c.isNamed).map((c) => c.text).join(' ');
    if (parts.length !== 2) return undefined;
    const [l, r] = parts;
    const isName = (n: Node) => n.type === 'identifier' && n.text === name;
    if ((op === 'in' || op === 'not in') && isName(r)) {
      const w = stringValue(l);
      return w === undefined ? undefined : (v) => v.includes(w) === (op === 'in');
    }
    if (op === '==' || op === '!=') {
      const w = isName(l) ? stringValue(r) : isName(r) ? stringValue(l) : undefined;
      return w === undefined ? undefined : (v) => (v === w) === (op === '==');
    }
  }
  return undefined;
}

/** A block that rebinds `name` at its top level, or leaves the enclosing flow (`continue`, `return`, ...). */
function divertsFrom(block: Node, name: string): boolean {
  return named(block).some((st) => {
    if (['continue_statement', 'break_statement', 'return_statement', 'raise_statement'].includes(st.type)) return true;
    const a = st.type === 'expression_statement' ? st.firstNamedChild : null;
    return a?.type === 'assignment' && field(a, 'left')?.type === 'identifier' && field(a, 'left')!.text === name && field(a, 'right') !== null;
  });
}

/** The guards on `name` at `use`, from the enclosing tests up to `scope` and the earlier `if`s that rebind it. */
export function guardsAt(use: Node, name: string, scope: Node): Guard[] {
  const out: Guard[] = [];
  for (let child = use, p = use.parent; p && !same(child, scope); child = p, p = p.parent) {
    if (p.type === 'if_statement' || p.type === 'conditional_expression') {
      const [a, c, b] = p.type === 'if_statement' ? [field(p, 'consequence'), field(p, 'condition'), null] : named(p);
      const t = c ? testOf(c, name) : undefined;
      const elseOnly = p.type === 'if_statement' && child.type === 'else_clause' && !named(p).some((x) => x.type === 'elif_clause');
      if (t && same(a, child)) out.push({ before: p.startIndex, keep: t });
      else if (t && (same(b, child) || elseOnly)) out.push({ before: p.startIndex, keep: (v) => !t(v) });
    } else if (p.type === 'block' || p.type === 'module') {
      for (const st of named(p)) {
        if (st.startIndex >= child.startIndex) break;
        if (st.type !== 'if_statement' || named(st).some((x) => x.type === 'elif_clause' || x.type === 'else_clause')) continue;
        const c = field(st, 'condition');
        const body = field(st, 'consequence');
        const t = c ? testOf(c, name) : undefined;
        // Values from before it that reach the use skipped its body: the test was false for them.
        if (t && body && divertsFrom(body, name)) out.push({ before: st.startIndex, keep: (v) => !t(v) });
      }
    }
  }
  return out;
}
