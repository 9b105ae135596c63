// Value resolution: the strings an expression can evaluate to in this file (literals, names bound
// to them, containers and their entries, loop variables, f-strings and `+`, a parameter's
// arguments at every call), within a depth and an expansion budget. Per file, like the index.
import { nodeSpan as spanOf } from '../../util/span.js';
import { classAttrLiteral } from './class-attrs.js';
import { asVariable, Containers, type Entry, type Item, type Value } from './containers.js';
import type { FileIndex, ParamBinding } from './file-index.js';
import { COMPREHENSIONS, field, named, same, splitArgs, targetNames, type Node } from './nodes.js';
import { guardsAt } from './guards.js';
import { bindingNode, finalBindings, reaching, type Binding } from './scope.js';
import { contentValue, plainString, stringPrefix, stringValue } from './strings.js';
import { comprehensionFilters, compatible, constant, formatParts, joinParts, joinNameParts, MAX_EXPANSIONS, percentParts, product, rewriteMethod, stringMethod, type Part } from './value-shapes.js';

const MAX_DEPTH = 8;

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
        if (!left || !right || !targetNames(left).some((t) => t.text === name)) continue;
        // `if` filters on the variable let only some values through; one that cannot be decided: unknown.
        const tests = comprehensionFilters(p);
        return tests ? this.resolveTarget(left, name, right, depth + 1).filter((v) => (tests.get(name) ?? []).every((t) => t(v.value))) : [];
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
    if (idx < 0) return out;
    items.forEach((it, item) => {
      const v = it.tuple ? (it.tuple.length === parts.length ? it.tuple[idx] : undefined) : parts.length === 2 ? it.pair?.[idx] : undefined;
      if (v) out.push({ ...v, origin: { loop, item } });
    });
    return out;
  }

  private resolveIterable(iter: Node, depth: number): Item[] {
    if (depth > MAX_DEPTH) return [];
    if (iter.type === 'parenthesized_expression') return named(iter).flatMap((c) => this.resolveIterable(c, depth));
    if (['list', 'tuple', 'set'].includes(iter.type))
      return named(iter).flatMap((e) => this.elementItems(e, depth + 1) ?? this.resolveExpr(e, depth + 1).map((v) => ({ single: asVariable(v) })));
    if (COMPREHENSIONS.has(iter.type)) return this.comprehensionItems(iter, depth + 1);
    const held = classAttrLiteral(this.idx.root, iter);
    if (held) return this.resolveIterable(held, depth + 1);
    if (iter.type === 'dictionary') return this.c.literalEntries(iter, undefined).flatMap((e) => (e.key ? [{ single: e.key }] : []));
    if (iter.type === 'identifier') {
      const out: Item[] = [];
      for (const c of this.c.containers(iter.text, iter)) {
        if (!c.dict) for (const e of named(c.node)) out.push(...(this.elementItems(e, depth + 1) ?? []));
        for (const e of c.entries) {
          const v = c.dict ? e.key : e.value;
          if (v) out.push({ single: v });
        }
      }
      if (!out.length) for (const it of this.boundItems(iter, depth + 1)) out.push(it.pair ? { single: it.pair[0] } : it);
      return out;
    }
    if (iter.type === 'call') {
      const f = field(iter, 'function');
      const { positional } = splitArgs(field(iter, 'arguments'));
      // A wrapper changes no value: it spends no depth (its argument is a smaller node, so this ends), and
      // `sorted(PATHS)` reads as far as `PATHS` does (a comprehension-bound name ran out of depth here).
      if (f?.type === 'identifier' && ['sorted', 'list', 'tuple', 'set', 'reversed', 'frozenset'].includes(f.text) && positional[0])
        return this.resolveIterable(positional[0], depth);
      if (f?.type === 'identifier' && f.text === 'enumerate' && positional[0])
        return this.resolveIterable(positional[0], depth + 1).flatMap((it) => (it.single ? [{ pair: [undefined, it.single] as [undefined, Value] }] : []));
      if (f?.type === 'attribute') {
        const obj = field(f, 'object');
        const method = field(f, 'attribute')?.text;
        const held = obj ? classAttrLiteral(this.idx.root, obj) : undefined;
        if (held?.type === 'dictionary' && method === 'items') return this.c.literalEntries(held, obj!.text).map((e) => ({ pair: [e.key, e.value] }));
        if (held?.type === 'dictionary' && (method === 'keys' || method === 'values'))
          return this.c.literalEntries(held, obj!.text).flatMap((e) => ((method === 'keys' ? e.key : e.value) ? [{ single: (method === 'keys' ? e.key : e.value)! }] : []));
        if (obj?.type !== 'identifier' || !method) return [];
        const out: Item[] = [];
        const bound = this.c.containers(obj.text, obj);
        if (!bound.length && ['items', 'values', 'keys'].includes(method))
          for (const it of this.boundItems(obj, depth + 1)) {
            if (!it.pair) continue;
            out.push(method === 'items' ? { pair: it.pair } : { single: it.pair[method === 'keys' ? 0 : 1] });
          }
        for (const c of bound) {
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
  private containerValues(obj: Node, keyNode: Node | undefined, depth: number): Value[] {
    const wanted = stringValue(keyNode);
    const held = classAttrLiteral(this.idx.root, obj);
    if (held?.type === 'dictionary') return this.c.literalEntries(held, obj.text).flatMap((e) => (e.value && (wanted === undefined || e.key?.value === wanted) ? [e.value] : []));
    if (obj.type !== 'identifier') return [];
    const index = keyNode?.type === 'integer' ? Number(keyNode.text) : undefined;
    const out: Value[] = [];
    const bound = this.c.containers(obj.text, obj);
    if (!bound.length) return this.derivedValues(obj, keyNode, wanted, depth);
    for (const c of bound) {
      c.entries.forEach((e, i) => {
        if (!e.value) return;
        if (c.dict && wanted !== undefined && e.key?.value !== wanted) return;
        if (!c.dict && index !== undefined && i !== index) return;
        out.push(e.value);
      });
    }
    return out;
  }

  /** Built-string parts as values: constants, and each placeholder's values (loop pairing kept by product). */
  private partsValues(node: Node, parts: Part[], depth: number): Value[] {
    const options = parts.map((p) => ('text' in p ? [constant(p.text)] : this.resolveExpr(p.expr, depth + 1).map((x) => (x.kind === 'literal' ? constant(x.value) : x))));
    return product(node, options).map((v) => ({ ...v, literal: false }));
  }

  /** A tuple/list element of a sequence as one item of several values, a dict element by its node; else undefined. */
  private elementItems(e: Node, depth: number): Item[] | undefined {
    if (e.type === 'dictionary') return [{ dict: e }];
    if (e.type !== 'tuple' && e.type !== 'list') return undefined;
    const tuple = named(e).map((x) => {
      const vs = this.resolveExpr(x, depth + 1);
      return vs.length === 1 ? asVariable(vs[0]) : undefined;
    });
    return [{ tuple }];
  }

  /**
   * The items a comprehension yields: a dict comprehension's key and value of one iteration together.
   * A filter (`if ...`) is applied to its variable's values when it can be decided (comprehensionFilters);
   * one that cannot may drop any item: the items are then unknown (none), not all of them.
   */
  private comprehensionItems(node: Node, depth: number): Item[] {
    if (depth > MAX_DEPTH || !comprehensionFilters(node)) return [];
    const body = field(node, 'body');
    if (!body) return [];
    if (body.type === 'pair') {
      const k = field(body, 'key');
      const v = field(body, 'value');
      const keys = k ? this.resolveExpr(k, depth + 1) : [];
      const vals = v ? this.resolveExpr(v, depth + 1) : [];
      const out: Item[] = [];
      for (const key of keys) for (const val of vals) if (compatible([key], val)) out.push({ pair: [asVariable(key), asVariable(val)] });
      return out.length > MAX_EXPANSIONS ? [] : out;
    }
    if (body.type === 'tuple' || body.type === 'list' || body.type === 'dictionary') return [];
    return this.resolveExpr(body, depth + 1).map((v) => ({ single: asVariable(v) }));
  }

  /** The items of a name bound to what is not a literal container: a comprehension, `dict(zip(keys, values))`, `dict(pairs)`. */
  private boundItems(use: Node, depth: number, given?: Binding[]): Item[] {
    if (depth > MAX_DEPTH || (use.type !== 'identifier' && !given)) return [];
    const scope = this.idx.scopeOf(use);
    const fromScope = (s: Node) => {
      let binds = this.idx.bindingsIn(s, use.text);
      if (same(s, scope)) binds = reaching(binds, use.text, use, s);
      return binds;
    };
    const local = given ?? (scope.type !== 'module' ? fromScope(scope) : []);
    const out: Item[] = [];
    for (const b of local.length ? local : fromScope(this.idx.root)) {
      if (b.kind !== 'assign') continue;
      const r = b.right;
      if (COMPREHENSIONS.has(r.type)) out.push(...this.comprehensionItems(r, depth + 1));
      else if (r.type === 'call' && field(r, 'function')?.type === 'identifier' && field(r, 'function')!.text === 'dict') {
        const { positional, keywords } = splitArgs(field(r, 'arguments'));
        if (positional[0]) out.push(...this.dictArgItems(positional[0], depth + 1));
        // `dict(users="api.users")`: each keyword is a key, placed at its value.
        for (const [k, v] of keywords)
          for (const val of this.resolveExpr(v, depth + 1)) out.push({ pair: [{ ...val, value: k, literal: false, kind: 'variable', key: k }, { ...asVariable(val), key: k }] });
      }
    }
    return out;
  }

  /** `dict(zip(keys, values))` pairs by position (lists of one length only); `dict([(k, v), ...])` pairs each tuple. */
  private dictArgItems(arg: Node, depth: number): Item[] {
    const f = arg.type === 'call' ? field(arg, 'function') : null;
    if (f?.type === 'identifier' && f.text === 'zip') {
      const [a, b, more] = splitArgs(field(arg, 'arguments')).positional;
      if (!a || !b || more) return [];
      const ks = this.resolveIterable(a, depth + 1);
      const vs = this.resolveIterable(b, depth + 1);
      if (ks.length !== vs.length || [...ks, ...vs].some((x) => !x.single)) return [];
      return ks.map((k, i) => ({ pair: [k.single, vs[i].single] }));
    }
    return this.resolveIterable(arg, depth + 1).flatMap((it) => (it.tuple?.length === 2 ? [{ pair: [it.tuple[0], it.tuple[1]] as Item['pair'] }] : []));
  }

  /** `M[k]` where M is not a literal: a derived map's values, or a loop variable over dicts or tuples (`for r in ROUTERS: r["module"]`). */
  private derivedValues(obj: Node, keyNode: Node | undefined, wanted: string | undefined, depth: number): Value[] {
    const out: Value[] = [];
    for (const it of this.boundItems(obj, depth + 1)) if (it.pair?.[1] && (wanted === undefined || it.pair[0]?.value === wanted)) out.push(it.pair[1]);
    if (out.length) return out;
    const index = keyNode?.type === 'integer' ? Number(keyNode.text) : undefined;
    for (const b of this.idx.bindingsIn(this.idx.scopeOf(obj), obj.text)) {
      if (b.kind !== 'for' || b.target.type !== 'identifier') continue;
      this.resolveIterable(b.iter, depth + 1).forEach((it, item) => {
        const origin = { loop: b.target.id, item };
        if (it.dict && wanted !== undefined) {
          const e = this.c.literalEntries(it.dict, undefined).find((x) => x.key?.value === wanted);
          if (e?.value) out.push({ ...e.value, origin });
        } else if (it.tuple && index !== undefined && it.tuple[index]) out.push({ ...it.tuple[index]!, origin });
      });
    }
    return out;
  }

  /** The entries of the module-level container `name` once the module has run: a literal's with what later statements add, else a derived map's (a comprehension, `dict(zip(...))`). */
  entriesOf(name: string): { dict: boolean; entries: Entry[] } | undefined {
    const binds = finalBindings(this.idx.root, this.idx.bindingsIn(this.idx.root, name), name);
    const literals = binds.flatMap((b) => (b.kind === 'assign' && ['dictionary', 'list', 'tuple', 'set'].includes(b.right.type) ? [b.right] : []));
    if (literals.length) {
      const dict = literals[0].type === 'dictionary';
      if (literals.length !== binds.length || literals.some((l) => (l.type === 'dictionary') !== dict)) return undefined;
      return { dict, entries: literals.flatMap((l) => this.c.moduleEntries(l, name)) };
    }
    const items = this.boundItems(this.idx.root, 0, binds);
    const dict = items.some((it) => it.pair);
    const entries = items.flatMap((it): Entry[] => (dict ? (it.pair ? [{ key: it.pair[0], value: it.pair[1] }] : []) : it.single ? [{ value: it.single }] : []));
    return entries.length ? { dict, entries } : undefined;
  }

  /** The strings an iterable yields (`map(import_module, PATHS)`). */
  iterableValues(node: Node): Value[] {
    return this.resolveIterable(node, 0).flatMap((it) => (it.single ? [asVariable(it.single)] : []));
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
          if (c.type === 'string_content') parts.push([constant(contentValue(c, raw))]);
          else if (c.type === 'interpolation') {
            if (field(c, 'format_specifier')) return [];
            const e = field(c, 'expression');
            if (!e) return [];
            parts.push(this.resolveExpr(e, depth + 1));
          }
        }
        return product(node, parts);
      }
      case 'concatenated_string': {
        const v = stringValue(node);
        if (v !== undefined) return [{ value: v, span: spanOf(node), literal: false, kind: 'literal' }];
        return product(node, named(node).map((p) => this.resolveExpr(p, depth + 1).map((x) => (x.kind === 'literal' ? constant(x.value) : x))));
      }
      case 'binary_operator': {
        const op = field(node, 'operator')?.text;
        const l = field(node, 'left');
        const r = field(node, 'right');
        if (op === '%' && l && r) {
          const fmt = plainString(l);
          const parts = fmt !== undefined ? percentParts(fmt, r) : undefined;
          return parts ? this.partsValues(node, parts, depth) : [];
        }
        if (op !== '+' || !l || !r) return [];
        const parts = [l, r].map((p) => this.resolveExpr(p, depth + 1).map((x) => (x.kind === 'literal' ? constant(x.value) : x)));
        const out = product(node, parts);
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
        return obj ? this.containerValues(obj, key, depth + 1) : [];
      }
      case 'call': {
        const f = field(node, 'function');
        if (f?.type === 'attribute' && field(f, 'attribute')?.text === 'get') {
          const obj = field(f, 'object');
          const { positional } = splitArgs(field(node, 'arguments'));
          const out = obj ? this.containerValues(obj, positional[0], depth + 1) : [];
          if (positional[1]) out.push(...this.resolveExpr(positional[1], depth + 1).map(asVariable));
          return out;
        }
        const sm = stringMethod(node);
        const args = field(node, 'arguments');
        const parts = sm?.method === 'format' ? formatParts(sm.text, args) : sm?.method === 'join' ? (joinParts(sm.text, args) ?? joinNameParts(sm.text, args, (n) => this.c.containers(n.text, n))) : undefined;
        if (parts) return this.partsValues(node, parts, depth);
        return f?.type === 'attribute' ? rewriteMethod(f, node, (o) => this.resolveExpr(o, depth + 1)) : [];
      }
      default:
        return [];
    }
  }
}
