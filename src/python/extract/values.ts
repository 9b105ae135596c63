// Value resolution: the strings an expression can evaluate to in this file (literals, names bound
// to them, containers and their entries, loop variables, f-strings and `+`, a parameter's
// arguments at every call), within a depth and an expansion budget. Per file, like the index.
import { nodeSpan as spanOf } from '../../util/span.js';
import { asVariable, Containers, type Item, type Value } from './containers.js';
import type { FileIndex, ParamBinding } from './file-index.js';
import { COMPREHENSIONS, field, named, same, splitArgs, targetNames, type Node } from './nodes.js';
import { guardsAt } from './guards.js';
import { bindingNode, reaching } from './scope.js';
import { contentValue, plainString, stringPrefix, stringValue } from './strings.js';

const MAX_DEPTH = 8;
const MAX_EXPANSIONS = 256;

export class Values {
  private readonly c: Containers;

  constructor(private readonly idx: FileIndex) {
    this.c = new Containers(idx);
  }

  private resolveName(name: string, use: Node, depth: number): Value[] {
    if (depth > MAX_DEPTH) return [];
    const scope = this.idx.scopeOf(use);
    // comprehension variables
    for (let p = use.parent; p && !same(p, scope); p = p.parent) {
      if (!COMPREHENSIONS.has(p.type)) continue;
      for (const clause of named(p)) {
        if (clause.type !== 'for_in_clause') continue;
        const left = field(clause, 'left');
        const right = field(clause, 'right');
        if (left && right && targetNames(left).some((t) => t.text === name)) return this.resolveTarget(left, name, right, depth + 1);
      }
    }
    const guards = guardsAt(use, name, scope);
    const fromScope = (s: Node): Value[] | undefined => {
      let binds = this.idx.bindingsIn(s, name);
      if (!binds.length) return undefined;
      if (same(s, scope)) binds = reaching(binds, name, use, s);
      const atModule = s.type === 'module';
      const out: Value[] = [];
      for (const b of binds) {
        const from: Value[] = [];
        if (b.kind === 'assign') {
          for (const v of this.resolveExpr(b.right, depth + 1))
            from.push(v.kind === 'literal' ? { ...v, kind: 'variable', ...(atModule ? { container: name } : {}) } : v);
        } else if (b.kind === 'for') from.push(...this.resolveTarget(b.target, name, b.iter, depth + 1));
        else from.push(...this.resolveParam(b, depth + 1));
        // A test of the name between this binding and the use lets only some of its values through.
        const start = same(s, scope) ? (bindingNode(b)?.startIndex ?? -1) : -1;
        const tests = guards.filter((g) => start < g.before);
        out.push(...(tests.length ? from.filter((v) => tests.every((g) => g.keep(v.value))) : from));
      }
      return out;
    };
    if (scope.type !== 'module') {
      const local = fromScope(scope);
      if (local) return local;
    }
    return fromScope(this.idx.root) ?? [];
  }

  private resolveParam(b: ParamBinding, depth: number): Value[] {
    const out: Value[] = [];
    if (b.dflt) for (const v of this.resolveExpr(b.dflt, depth)) out.push(asVariable(v));
    if (depth > MAX_DEPTH) return out;
    for (const { arg } of this.idx.paramArgs(b)) if (arg) for (const v of this.resolveExpr(arg, depth)) out.push(asVariable(v));
    return out;
  }

  private resolveTarget(target: Node, name: string, iter: Node, depth: number): Value[] {
    const items = this.resolveIterable(iter, depth);
    const out: Value[] = [];
    const loop = target.id;
    if (target.type === 'identifier') {
      items.forEach((it, item) => it.single && out.push({ ...it.single, origin: { loop, item } }));
      return out;
    }
    const parts = named(target);
    const idx = parts.findIndex((p) => p.type === 'identifier' && p.text === name);
    if (idx < 0 || idx > 1 || parts.length !== 2) return out;
    items.forEach((it, item) => {
      const v = it.pair?.[idx];
      if (v) out.push({ ...v, origin: { loop, item } });
    });
    return out;
  }

  private resolveIterable(iter: Node, depth: number): Item[] {
    if (depth > MAX_DEPTH) return [];
    if (iter.type === 'parenthesized_expression') return named(iter).flatMap((c) => this.resolveIterable(c, depth));
    if (['list', 'tuple', 'set'].includes(iter.type))
      return named(iter).flatMap((e) => this.resolveExpr(e, depth + 1).map((v) => ({ single: asVariable(v) })));
    if (iter.type === 'dictionary') return this.c.literalEntries(iter, undefined).flatMap((e) => (e.key ? [{ single: e.key }] : []));
    if (iter.type === 'identifier') {
      const out: Item[] = [];
      for (const c of this.c.containers(iter.text, iter)) {
        for (const e of c.entries) {
          const v = c.dict ? e.key : e.value;
          if (v) out.push({ single: v });
        }
      }
      return out;
    }
    if (iter.type === 'call') {
      const f = field(iter, 'function');
      const { positional } = splitArgs(field(iter, 'arguments'));
      if (f?.type === 'identifier' && ['sorted', 'list', 'tuple', 'set', 'reversed', 'frozenset'].includes(f.text) && positional[0])
        return this.resolveIterable(positional[0], depth + 1);
      if (f?.type === 'identifier' && f.text === 'enumerate' && positional[0])
        return this.resolveIterable(positional[0], depth + 1).flatMap((it) => (it.single ? [{ pair: [undefined, it.single] as [undefined, Value] }] : []));
      if (f?.type === 'attribute') {
        const obj = field(f, 'object');
        const method = field(f, 'attribute')?.text;
        if (obj?.type !== 'identifier' || !method) return [];
        const out: Item[] = [];
        for (const c of this.c.containers(obj.text, obj)) {
          if (!c.dict) continue;
          for (const e of c.entries) {
            if (method === 'items') out.push({ pair: [e.key, e.value] });
            else if (method === 'values' && e.value) out.push({ single: e.value });
            else if (method === 'keys' && e.key) out.push({ single: e.key });
          }
        }
        return out;
      }
    }
    return [];
  }

  /** Values from a container subscript / `.get`: `M[k]`, `M["k"]`, `M.get(k)`. */
  private containerValues(obj: Node, keyNode: Node | undefined): Value[] {
    if (obj.type !== 'identifier') return [];
    const wanted = stringValue(keyNode);
    const index = keyNode?.type === 'integer' ? Number(keyNode.text) : undefined;
    const out: Value[] = [];
    for (const c of this.c.containers(obj.text, obj)) {
      c.entries.forEach((e, i) => {
        if (!e.value) return;
        if (c.dict && wanted !== undefined && e.key?.value !== wanted) return;
        if (!c.dict && index !== undefined && i !== index) return;
        out.push(e.value);
      });
    }
    return out;
  }

  private product(node: Node, parts: Value[][]): Value[] {
    let acc: { value: string; from: Value[] }[] = [{ value: '', from: [] }];
    // Values of two iterations of one loop never meet (see Value.origin).
    const fits = (from: Value[], o: Value) => !o.origin || from.every((f) => !f.origin || f.origin.loop !== o.origin!.loop || f.origin.item === o.origin!.item);
    for (const options of parts) {
      if (!options.length) return [];
      const next: { value: string; from: Value[] }[] = [];
      for (const a of acc) for (const o of options) if (fits(a.from, o)) next.push({ value: a.value + o.value, from: o.kind === 'literal' && !o.origin ? a.from : [...a.from, o] });
      if (next.length > MAX_EXPANSIONS) return [];
      acc = next;
    }
    return acc.map((a) => {
      const src = a.from.find((f) => f.container !== undefined) ?? a.from[0];
      return {
        value: a.value,
        span: spanOf(node),
        literal: false,
        kind: a.from.length ? 'fstring' : 'literal',
        ...(src?.container !== undefined ? { container: src.container } : {}),
        ...(src?.key !== undefined ? { key: src.key } : {}),
      };
    });
  }

  private constant(value: string): Value {
    return { value, span: { line: 0, column: 0, endLine: 0, endColumn: 0 }, literal: true, kind: 'literal' };
  }

  /** `path.removeprefix("src.")`, `removesuffix`, `replace(a, b)` with literal arguments: applied to each value of `path`. */
  private stringMethod(f: Node, call: Node, depth: number): Value[] {
    const obj = field(f, 'object');
    const method = field(f, 'attribute')?.text;
    const args = splitArgs(field(call, 'arguments')).positional.map(stringValue);
    if (!obj || args.some((a) => a === undefined)) return [];
    const [a, b] = args as string[];
    const op =
      method === 'removeprefix' && args.length === 1 ? (v: string) => (v.startsWith(a) ? v.slice(a.length) : v)
      : method === 'removesuffix' && args.length === 1 ? (v: string) => (a && v.endsWith(a) ? v.slice(0, -a.length) : v)
      : method === 'replace' && args.length === 2 ? (v: string) => v.split(a).join(b)
      : undefined;
    return op ? this.resolveExpr(obj, depth + 1).map((v) => ({ ...v, value: op(v.value), literal: false })) : [];
  }

  resolveExpr(node: Node, depth: number): Value[] {
    if (depth > MAX_DEPTH) return [];
    switch (node.type) {
      case 'string': {
        const v = plainString(node);
        if (v !== undefined) return [{ value: v, span: spanOf(node), literal: true, kind: 'literal' }];
        if (stringPrefix(node).includes('b')) return [];
        const raw = stringPrefix(node).includes('r');
        const parts: Value[][] = [];
        for (const c of node.namedChildren) {
          if (c.type === 'string_content') parts.push([this.constant(contentValue(c, raw))]);
          else if (c.type === 'interpolation') {
            if (field(c, 'format_specifier')) return [];
            const e = field(c, 'expression');
            if (!e) return [];
            parts.push(this.resolveExpr(e, depth + 1));
          }
        }
        return this.product(node, parts);
      }
      case 'concatenated_string': {
        const v = stringValue(node);
        if (v !== undefined) return [{ value: v, span: spanOf(node), literal: false, kind: 'literal' }];
        return this.product(node, named(node).map((p) => this.resolveExpr(p, depth + 1).map((x) => (x.kind === 'literal' ? this.constant(x.value) : x))));
      }
      case 'binary_operator': {
        const op = field(node, 'operator')?.text;
        const l = field(node, 'left');
        const r = field(node, 'right');
        if (op !== '+' || !l || !r) return [];
        const parts = [l, r].map((p) => this.resolveExpr(p, depth + 1).map((x) => (x.kind === 'literal' ? this.constant(x.value) : x)));
        const out = this.product(node, parts);
        return out.map((v) => (v.kind === 'literal' ? { ...v, literal: false } : v));
      }
      case 'parenthesized_expression':
        return named(node).flatMap((c) => this.resolveExpr(c, depth + 1));
      case 'conditional_expression': {
        const [a, , b] = named(node);
        return [...(a ? this.resolveExpr(a, depth + 1) : []), ...(b ? this.resolveExpr(b, depth + 1) : [])];
      }
      case 'identifier':
        return this.resolveName(node.text, node, depth + 1);
      case 'subscript': {
        const obj = field(node, 'value');
        const key = field(node, 'subscript') ?? undefined;
        return obj ? this.containerValues(obj, key) : [];
      }
      case 'call': {
        const f = field(node, 'function');
        if (f?.type === 'attribute' && field(f, 'attribute')?.text === 'get') {
          const obj = field(f, 'object');
          const { positional } = splitArgs(field(node, 'arguments'));
          const out = obj ? this.containerValues(obj, positional[0]) : [];
          if (positional[1]) out.push(...this.resolveExpr(positional[1], depth + 1).map(asVariable));
          return out;
        }
        return f?.type === 'attribute' ? this.stringMethod(f, node, depth) : [];
      }
      default:
        return [];
    }
  }
}
