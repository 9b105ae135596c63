// What a factory's conditions read, and what its calls pass: `def create_app(enable_gzip=False):
// ... if enable_gzip: app.add_middleware(GZipMiddleware)` called as `create_app(enable_gzip=True)`
// in one entry point and `create_app()` in another registers GZip in one only. This file reads the
// three parts as facts (literals canonical, so the graph compares them as Python would): the tests
// above a registration, a function's positional parameters and literal defaults, a call's arguments.
// No state.
import type { CallArgFact, ConditionTest } from '../../../types.js';
import { dottedName, field, named, same, type Node } from '../nodes.js';
import { plainString } from '../strings.js';

/**
 * A literal as a canonical string: `True`, `False`, `None`, a decimal integer, a plain string as
 * JSON. Anything else (a name, a call, a float) is not read.
 */
export function literalOf(n: Node | null | undefined): string | undefined {
  if (!n) return undefined;
  switch (n.type) {
    case 'true':
      return 'True';
    case 'false':
      return 'False';
    case 'none':
      return 'None';
    case 'integer': {
      const t = n.text.replace(/_/g, '');
      return /^\d+$/.test(t) ? String(BigInt(t)) : undefined;
    }
    case 'unary_operator': {
      const inner = literalOf(field(n, 'argument'));
      return n.children[0]?.type === '-' && inner && /^\d+$/.test(inner) ? (inner === '0' ? '0' : `-${inner}`) : undefined;
    }
    case 'parenthesized_expression':
      return named(n).length === 1 ? literalOf(named(n)[0]) : undefined;
    case 'string': {
      const v = plainString(n);
      return v === undefined ? undefined : JSON.stringify(v);
    }
  }
  return undefined;
}

/** A call's arguments, each with its literal value when it has one. */
export function callArguments(argList: Node | null): CallArgFact[] {
  const out: CallArgFact[] = [];
  for (const a of argList ? named(argList) : []) {
    if (a.type === 'list_splat' || a.type === 'dictionary_splat') out.push({ text: a.text, splat: true });
    else if (a.type === 'keyword_argument') {
      const v = field(a, 'value');
      const literal = literalOf(v);
      out.push({ name: field(a, 'name')?.text, text: v?.text ?? '', ...(literal !== undefined ? { literal } : {}) });
    } else {
      const literal = literalOf(a);
      out.push({ text: a.text, ...(literal !== undefined ? { literal } : {}) });
    }
  }
  return out;
}

/** The parameters positional arguments bind (up to `*` or `*args`), and the literal defaults. */
export function parameterDefaults(fn: Node): { positional: string[]; defaults: Record<string, string> } {
  const positional: string[] = [];
  const defaults: Record<string, string> = {};
  let keywordOnly = false;
  for (const p of named(field(fn, 'parameters') ?? fn)) {
    if (p.type === 'keyword_separator' || p.type === 'list_splat_pattern' || p.type === 'dictionary_splat_pattern') {
      keywordOnly = true;
      continue;
    }
    let name: string | undefined;
    if (p.type === 'identifier') name = p.text;
    else if (p.type === 'typed_parameter') name = named(p).find((c) => c.type === 'identifier')?.text;
    else if (p.type === 'default_parameter' || p.type === 'typed_default_parameter') {
      name = field(p, 'name')?.text;
      const literal = literalOf(field(p, 'value'));
      if (name && literal !== undefined) defaults[name] = literal;
    }
    if (name && !keywordOnly) positional.push(name);
  }
  return { positional, defaults };
}

const OPS = new Set(['==', '!=', 'is', 'is not']);

/** One if-test, read into a ConditionTest when it has one of the shapes the graph evaluates. */
function testOf(cond: Node, negate: boolean): ConditionTest {
  let n = cond;
  while (n.type === 'parenthesized_expression' && named(n).length === 1) n = named(n)[0];
  if (n.type === 'not_operator') {
    const inner = field(n, 'argument');
    if (inner) return { ...testOf(inner, !negate), text: cond.text };
  }
  const name = dottedName(n);
  if (name && n.type === 'identifier') return { text: cond.text, name, negate };
  if (n.type === 'comparison_operator') {
    const operands = named(n);
    const ops = n.children.filter((c) => !c.isNamed).map((c) => c.type);
    const op = ops.length === 1 && OPS.has(ops[0]) ? (ops[0] as ConditionTest['op']) : ops.join(' ') === 'is not' ? 'is not' : undefined;
    if (op && operands.length === 2) {
      const [l, r] = operands;
      const [id, lit] = l.type === 'identifier' ? [l, r] : [r, l];
      const value = literalOf(lit);
      if (id.type === 'identifier' && value !== undefined) return { text: cond.text, name: id.text, op, value, negate };
    }
  }
  return { text: cond.text, negate };
}

/**
 * The tests that pass when `node` runs, read up to `stop` (its function): undefined when a block
 * other than an if/elif/else branch lies between (a try, a loop, a with: not a test of arguments).
 */
export function conditionOf(node: Node, stop: Node): ConditionTest[] | undefined {
  const tests: ConditionTest[] = [];
  for (let child = node, p = node.parent; p && !same(p, stop); child = p, p = p.parent) {
    if (p.type === 'if_statement') {
      const cond = field(p, 'condition');
      if (!cond) return undefined;
      if (same(field(p, 'consequence'), child)) tests.push(testOf(cond, false));
      else if (child.type === 'elif_clause' || child.type === 'else_clause') {
        // Every earlier test failed; an elif's own test passed.
        tests.push(testOf(cond, true));
        for (const c of named(p)) {
          if (same(c, child)) break;
          const ec = c.type === 'elif_clause' ? field(c, 'condition') : null;
          if (ec) tests.push(testOf(ec, true));
        }
        const own = child.type === 'elif_clause' ? field(child, 'condition') : null;
        if (own) tests.push(testOf(own, false));
      }
    } else if (p.type === 'conditional_expression') {
      // `body if cond else other`: the body when the test passes, the other when it fails.
      const [body, cond, other] = named(p);
      if (cond && same(body, child)) tests.push(testOf(cond, false));
      else if (cond && same(other, child)) tests.push(testOf(cond, true));
    } else if (p.type === 'boolean_operator') {
      // `cond and setup(app)` runs it when cond is true; `cond or setup(app)` when it is false.
      const left = field(p, 'left');
      const op = p.children.find((c) => !c.isNamed)?.type;
      if (left && same(field(p, 'right'), child)) {
        if (op === 'and') tests.push(testOf(left, false));
        else if (op === 'or') tests.push(testOf(left, true));
      }
    } else if (p.type === 'elif_clause' || p.type === 'else_clause') {
      if (!same(field(p, 'consequence') ?? field(p, 'body'), child)) return undefined;
    } else if (p.type === 'block' || p.type === 'expression_statement' || p.type === 'decorated_definition') continue;
    else if (['try_statement', 'with_statement', 'for_statement', 'while_statement', 'match_statement'].includes(p.type) || p.type.endsWith('_clause')) return undefined;
  }
  return tests.length ? tests : undefined;
}
