// Building strings from parts: the product of each part's values (f-strings, `+`), and the shapes
// beyond them: `"fmt".format(...)`, `"fmt" % args`,
// `sep.join([...])`. Each turns into a list of parts (constants and resolved placeholders) that
// product combines, so loop pairing (Value.origin) holds for them as for f-strings. A shape
// that cannot be read exactly (a format spec, a conversion, a `%d`, a starred argument) gives
// undefined: the value is unknown, never a guess. No state.
import { nodeSpan as spanOf } from '../../util/span.js';
import { originsOf, type Value } from './containers.js';
import { field, named, splitArgs, type Node } from './nodes.js';
import { plainString } from './strings.js';

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

/** `"api.%s.%s" % (v, name)`: only `%s` and `%%`; the right side a tuple or one value. */
export function percentParts(fmt: string, right: Node): Part[] | undefined {
  const args = right.type === 'tuple' ? named(right) : [right];
  if (right.type === 'dictionary') return undefined;
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

/** The format string of `"...".format` / `sep.join` when the call's object is a plain string literal. */
export function stringMethod(call: Node): { text: string; method: string } | undefined {
  const f = field(call, 'function');
  if (f?.type !== 'attribute') return undefined;
  const text = plainString(field(f, 'object'));
  const method = field(f, 'attribute')?.text;
  return text !== undefined && method ? { text, method } : undefined;
}
