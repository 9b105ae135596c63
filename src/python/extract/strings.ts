// String literals as Python reads them: prefixes, escapes, implicit concatenation. No state.
import { named, type Node } from './nodes.js';

function decodeEscape(e: string): string {
  const c = e[1];
  switch (c) {
    case 'n': return '\n';
    case 't': return '\t';
    case 'r': return '\r';
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7':
      return String.fromCharCode(parseInt(e.slice(1), 8));
    case 'x': case 'u': case 'U': {
      const cp = parseInt(e.slice(2), 16);
      return Number.isFinite(cp) ? String.fromCodePoint(cp) : e;
    }
    case '\n': return '';
    case 'a': return '\x07';
    case 'b': return '\b';
    case 'f': return '\f';
    case 'v': return '\v';
    case 'N': return e;
    default: return c ?? '';
  }
}

export function stringPrefix(n: Node): string {
  const start = n.firstChild;
  if (!start || start.type !== 'string_start') return '';
  const t = start.text;
  let i = 0;
  while (i < t.length && t[i] !== '"' && t[i] !== "'") i++;
  return t.slice(0, i).toLowerCase();
}

export function contentValue(c: Node, raw: boolean): string {
  if (raw || c.namedChildCount === 0) return c.text;
  const t = c.text;
  const base = c.startIndex;
  let out = '';
  let pos = 0;
  for (const e of c.namedChildren) {
    out += t.slice(pos, e.startIndex - base);
    out += e.type === 'escape_sequence' ? decodeEscape(e.text) : e.type === 'escape_interpolation' ? e.text[0] : e.text;
    pos = e.endIndex - base;
  }
  return out + t.slice(pos);
}

/** Value of a plain (non-bytes, no placeholders) string literal node, else undefined. */
export function plainString(n: Node | null | undefined): string | undefined {
  if (!n || n.type !== 'string') return undefined;
  const prefix = stringPrefix(n);
  if (prefix.includes('b')) return undefined;
  const raw = prefix.includes('r');
  let out = '';
  for (const c of n.namedChildren) {
    if (c.type === 'interpolation') return undefined;
    if (c.type === 'string_content') out += contentValue(c, raw);
  }
  return out;
}

/** Value of a string or implicitly concatenated string made of plain literals. */
export function stringValue(n: Node | null | undefined): string | undefined {
  if (!n) return undefined;
  if (n.type === 'string') return plainString(n);
  if (n.type === 'concatenated_string') {
    let out = '';
    for (const p of named(n)) {
      const v = plainString(p);
      if (v === undefined) return undefined;
      out += v;
    }
    return out;
  }
  return undefined;
}
