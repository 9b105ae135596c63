// Building strings from parts: the product of each part's values (f-strings, `+`), and the shapes
// beyond them: `"fmt".format(...)`, `"fmt" % args`,
// `sep.join([...])`. Each turns into a list of parts (constants and resolved placeholders) that
// product combines, so loop pairing (Value.origin) holds for them as for f-strings. A shape
// that cannot be read exactly (a format spec, a conversion, a `%d`, a starred argument) gives
// undefined: the value is unknown, never a guess. No state.
import { nodeSpan as spanOf } from '../../util/span.js';
import { originsOf, type Entry, type Value } from './containers.js';
import { field, named, splitArgs, type Node } from './nodes.js';
import { testOf } from './guards.js';
import { plainString, stringValue } from './strings.js';

export const MAX_EXPANSIONS = 256;

/** Values of two iterations of one loop never meet (see Value.origin). */
export function compatible(from: Value[], o: Value): boolean {
  const mine = originsOf(o);
  return !mine.length || from.every((f) => originsOf(f).every((fo) => mine.every((m) => fo.loop !== m.loop || fo.item === m.item)));
}

/** Every concatenation of one option per part, within MAX_EXPANSIONS (more: unknown); values of one loop iteration together. */
export function product(node: Node, parts: Value[][]): Value[] {
  let acc: { value: string; from: Value[] }[] = [{ value: '', from: [] }];
  for (const options of parts) {
    if (!options.length) return [];
    const next: { value: string; from: Value[] }[] = [];
    for (const a of acc) for (const o of options) if (compatible(a.from, o)) next.push({ value: a.value + o.value, from: o.kind === 'literal' && !originsOf(o).length ? a.from : [...a.from, o] });
    if (next.length > MAX_EXPANSIONS) return [];
    acc = next;
  }
  return acc.map((a) => {
    const src = a.from.find((f) => f.container !== undefined) ?? a.from[0];
    const origins = a.from.flatMap(originsOf);
    return {
      ...(origins.length ? { origins } : {}),
      value: a.value,
      span: spanOf(node),
      literal: false,
      kind: a.from.length ? 'fstring' : 'literal',
      ...(src?.container !== undefined ? { container: src.container } : {}),
      ...(src?.key !== undefined ? { key: src.key } : {}),
    };
  });
}

/** A part: a constant text, or an expression whose values are placed there. */
export type Part = { text: string } | { expr: Node };

/** `"api.{}.{name}".format(v, name=n)`: the parts, or undefined when a placeholder cannot be read. */
export function formatParts(fmt: string, args: Node | null): Part[] | undefined {
  const { positional, keywords, all } = splitArgs(args);
  if (all.some((a) => a.type === 'list_splat' || a.type === 'dictionary_splat')) return undefined;
  const parts: Part[] = [];
  let auto = 0;
  let text = '';
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i];
    if ((c === '{' || c === '}') && fmt[i + 1] === c) {
      text += c;
      i++;
      continue;
    }
    if (c === '}') return undefined;
    if (c !== '{') {
      text += c;
      continue;
    }
    const end = fmt.indexOf('}', i);
    if (end < 0) return undefined;
    const inner = fmt.slice(i + 1, end);
    if (/[:!.[]/.test(inner)) return undefined;
    const arg = inner === '' ? positional[auto++] : /^\d+$/.test(inner) ? positional[Number(inner)] : keywords.get(inner);
    if (!arg) return undefined;
    if (text) parts.push({ text });
    text = '';
    parts.push({ expr: arg });
    i = end;
  }
  if (text) parts.push({ text });
  return parts;
}

/** `"api.%(v)s.%(name)s" % {"v": v, "name": n}`: a dict literal with string keys; only `%(key)s` and `%%`. */
function percentKeyParts(fmt: string, right: Node): Part[] | undefined {
  const byKey = new Map<string, Node>();
  for (const p of named(right)) {
    const k = p.type === 'pair' ? stringValue(field(p, 'key')) : undefined;
    const v = p.type === 'pair' ? field(p, 'value') : null;
    if (k === undefined || !v) return undefined; // a `**splat` or a key we cannot read
    byKey.set(k, v);
  }
  const parts: Part[] = [];
  let text = '';
  for (let i = 0; i < fmt.length; i++) {
    if (fmt[i] !== '%') {
      text += fmt[i];
      continue;
    }
    if (fmt[i + 1] === '%') {
      text += '%';
      i++;
      continue;
    }
    const close = fmt.indexOf(')s', i);
    const arg = fmt[i + 1] === '(' && close > 0 ? byKey.get(fmt.slice(i + 2, close)) : undefined;
    if (!arg) return undefined;
    if (text) parts.push({ text });
    text = '';
    parts.push({ expr: arg });
    i = close + 1;
  }
  if (text) parts.push({ text });
  return parts;
}

/** `"api.%s.%s" % (v, name)`: only `%s` and `%%`; the right side a tuple or one value (a dict literal: see percentKeyParts). */
export function percentParts(fmt: string, right: Node): Part[] | undefined {
  const args = right.type === 'tuple' ? named(right) : [right];
  if (right.type === 'dictionary') return percentKeyParts(fmt, right);
  const parts: Part[] = [];
  let text = '';
  let next = 0;
  for (let i = 0; i < fmt.length; i++) {
    if (fmt[i] !== '%') {
      text += fmt[i];
      continue;
    }
    const k = fmt[++i];
    if (k === '%') text += '%';
    else if (k === 's' && args[next]) {
      if (text) parts.push({ text });
      text = '';
      parts.push({ expr: args[next++] });
    } else return undefined;
  }
  if (next !== args.length) return undefined;
  if (text) parts.push({ text });
  return parts;
}

/** `".".join(["api", version, name])`: the separator between the elements of a list or tuple literal. */
export function joinParts(sep: string, args: Node | null): Part[] | undefined {
  const { positional } = splitArgs(args);
  const seq = positional[0];
  if (!seq || positional.length !== 1 || !['list', 'tuple'].includes(seq.type)) return undefined;
  const items = named(seq);
  if (items.some((e) => e.type === 'list_splat')) return undefined;
  const parts: Part[] = [];
  items.forEach((e, i) => {
    if (i > 0 && sep) parts.push({ text: sep });
    parts.push({ expr: e });
  });
  return parts;
}

/** A constant text as a value (a part of a built string; its place is the whole expression's). */
export function constant(value: string): Value {
  return { value, span: { line: 0, column: 0, endLine: 0, endColumn: 0 }, literal: true, kind: 'literal' };
}

/**
 * `sep.join(PARTS)`, PARTS a name bound to one literal list or tuple of strings (with what later
 * statements add): the joined text; undefined when an element is not a string literal.
 */
export function joinNameParts(sep: string, args: Node | null, containers: (n: Node) => { node: Node; dict: boolean; entries: Entry[] }[]): Part[] | undefined {
  const { positional, all } = splitArgs(args);
  const seq = positional[0];
  if (all.length !== 1 || seq?.type !== 'identifier') return undefined;
  const bound = containers(seq);
  if (bound.length !== 1 || bound[0].dict || bound[0].node.type === 'set') return undefined;
  const texts = bound[0].entries.map((e) => e.value?.value);
  if (!texts.length || texts.some((t) => t === undefined)) return undefined;
  return [{ text: texts.join(sep) }];
}

/**
 * A comprehension's `if` filter on its loop variable `name` that can be decided for a string:
 * testOf's tests, `name in ("a", "b")` / `not in` a literal of strings, and `and`/`or` of these.
 * Undefined when it cannot be decided (the comprehension's items are then unknown).
 */
export function filterTest(cond: Node, name: string): ((value: string) => boolean) | undefined {
  if (cond.type === 'boolean_operator') {
    const l = field(cond, 'left');
    const r = field(cond, 'right');
    const op = field(cond, 'operator')?.text;
    const a = l ? filterTest(l, name) : undefined;
    const b = r ? filterTest(r, name) : undefined;
    if (!a || !b) return undefined;
    return op === 'and' ? (v) => a(v) && b(v) : (v) => a(v) || b(v);
  }
  if (cond.type === 'comparison_operator') {
    const [l, r, more] = named(cond);
    const op = cond.children.filter((c) => !c.isNamed).map((c) => c.text).join(' ');
    if (!more && l?.type === 'identifier' && l.text === name && (op === 'in' || op === 'not in') && r && ['tuple', 'list', 'set'].includes(r.type)) {
      const words = named(r).map(stringValue);
      if (words.some((w) => w === undefined)) return undefined;
      return (v) => words.includes(v) === (op === 'in');
    }
  }
  return testOf(cond, name);
}

/**
 * The decided `if` filters of a comprehension, by the loop variable each tests (a plain-name
 * target of one of its `for`s); undefined when some filter cannot be decided for any of them.
 */
export function comprehensionFilters(node: Node): Map<string, ((value: string) => boolean)[]> | undefined {
  const out = new Map<string, ((value: string) => boolean)[]>();
  const vars = named(node).flatMap((c) => {
    const left = c.type === 'for_in_clause' ? field(c, 'left') : null;
    return left?.type === 'identifier' ? [left.text] : [];
  });
  for (const clause of named(node)) {
    if (clause.type !== 'if_clause') continue;
    const cond = named(clause)[0];
    const found = cond ? vars.flatMap((v) => {
      const t = filterTest(cond, v);
      return t ? [[v, t] as const] : [];
    }) : [];
    if (found.length !== 1) return undefined;
    const [v, t] = found[0];
    out.set(v, [...(out.get(v) ?? []), t]);
  }
  return out;
}

/** The format string of `"...".format` / `sep.join` when the call's object is a plain string literal. */
export function stringMethod(call: Node): { text: string; method: string } | undefined {
  const f = field(call, 'function');
  if (f?.type !== 'attribute') return undefined;
  const text = plainString(field(f, 'object'));
  const method = field(f, 'attribute')?.text;
  return text !== undefined && method ? { text, method } : undefined;
}

/** `path.removeprefix("src.")`, `removesuffix`, `replace(a, b)` with literal arguments: applied to each value of `path` (`resolve` gives them). */
export function rewriteMethod(f: Node, call: Node, resolve: (n: Node) => Value[]): Value[] {
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
  return op ? resolve(obj).map((v) => ({ ...v, value: op(v.value), literal: false })) : [];
}
