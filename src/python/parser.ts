// Decoding Python source bytes and the per-process tree-sitter parser.
import type Parser from 'tree-sitter';
import { language, newParser } from '../tree-sitter/backend.js';

let parser: Parser | undefined;

/** The tree-sitter Python language object. */
export function pythonLanguage(): Parser.Language {
  return language('python');
}

/** One Parser per process, set to Python. */
export function pythonParser(): Parser {
  if (!parser) {
    parser = newParser('python');
  }
  return parser;
}

/** Parse source text. Positions of the tree are in UTF-16 code units of the JS string. */
export function parsePython(text: string): Parser.Tree {
  return pythonParser().parse(text);
}

/**
 * Offset of the first byte that is not valid UTF-8 (the start of the bad sequence), or -1.
 * Rejects overlong forms, surrogates and code points above U+10FFFF like a strict decoder.
 */
export function firstInvalidUtf8(bytes: Uint8Array, start = 0): number {
  let i = start;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      const min = k === 1 ? lo : 0x80;
      const max = k === 1 ? hi : 0xbf;
      if (c === undefined || c < min || c > max) return i;
    }
    i += need + 1;
  }
  return -1;
}

function isEncodingChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 46 || c === 95;
}

/** Read a PEP 263 coding cookie from one line (as latin-1 text), or undefined. */
function cookieOf(line: string): string | undefined {
  let i = 0;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t' || line[i] === '\f')) i++;
  if (line[i] !== '#') return undefined;
  let at = line.indexOf('coding', i);
  while (at >= 0) {
    const sep = line[at + 6];
    if (sep === ':' || sep === '=') {
      let j = at + 7;
      while (line[j] === ' ' || line[j] === '\t') j++;
      let k = j;
      while (k < line.length && isEncodingChar(line.charCodeAt(k))) k++;
      if (k > j) return line.slice(j, k);
    }
    at = line.indexOf('coding', at + 6);
  }
  return undefined;
}

/** Whether a line (latin-1 text) is blank or only a comment: PEP 263 looks at line 2 only then. */
function blankOrComment(line: string): boolean {
  const t = line.trim();
  return t === '' || t.startsWith('#');
}

function normaliseEncoding(name: string): string {
  const e = name.toLowerCase().replace(/_/g, '-');
  if (e === 'utf-8' || e === 'utf8' || e.startsWith('utf-8-')) return 'utf-8';
  if (e === 'latin-1' || e === 'latin1' || e === 'l1' || e.startsWith('latin-1-') || e === 'iso-8859-1' || e === 'iso8859-1' || e.startsWith('iso-8859-1-')) return 'latin-1';
  if (e === 'cp1252' || e === 'windows-1252') return 'cp1252';
  if (e === 'ascii' || e === 'us-ascii') return 'ascii';
  return e;
}

function decodeUtf8(bytes: Buffer, start: number): { text: string } | { error: string } {
  const bad = firstInvalidUtf8(bytes, start);
  if (bad >= 0) {
    return { error: `cannot decode as UTF-8: invalid byte 0x${bytes[bad].toString(16).padStart(2, '0')} at offset ${bad}` };
  }
  return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(start)) };
}

// Node's TextDecoder('windows-1252') decodes 0x80-0x9f as latin-1, so cp1252 is mapped here (0 = undefined in cp1252).
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

function decodeCp1252(bytes: Buffer): { text: string } | { error: string } {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b >= 0x80 && b <= 0x9f) {
      const cp = CP1252_HIGH[b - 0x80];
      if (!cp) return { error: `cannot decode as cp1252: invalid byte 0x${b.toString(16)} at offset ${i}` };
      out += String.fromCharCode(cp);
    } else out += String.fromCharCode(b);
  }
  return { text: out };
}

/**
 * Decode Python source: UTF-8 (a BOM is stripped), or the encoding named by a PEP 263 coding cookie
 * on line 1 or 2 (utf-8, latin-1/iso-8859-1, cp1252, ascii; other labels TextDecoder knows).
 */
export function decodePython(bytes: Buffer): { text: string } | { error: string } {
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (hasBom) return decodeUtf8(bytes, 3);
  // The cookie can only be on the first two lines; read them as latin-1 (every byte maps to one char).
  const nl1 = bytes.indexOf(0x0a);
  const line1 = bytes.subarray(0, nl1 < 0 ? bytes.length : nl1).toString('latin1');
  let cookie = cookieOf(line1);
  if (cookie === undefined && nl1 >= 0 && blankOrComment(line1)) {
    const nl2 = bytes.indexOf(0x0a, nl1 + 1);
    cookie = cookieOf(bytes.subarray(nl1 + 1, nl2 < 0 ? bytes.length : nl2).toString('latin1'));
  }
  if (cookie === undefined) return decodeUtf8(bytes, 0);
  const enc = normaliseEncoding(cookie);
  if (enc === 'utf-8') return decodeUtf8(bytes, 0);
  if (enc === 'latin-1') return { text: bytes.toString('latin1') };
  if (enc === 'ascii') {
    const bad = bytes.findIndex((b) => b > 0x7f);
    if (bad >= 0) return { error: `cannot decode as ascii: invalid byte 0x${bytes[bad].toString(16)} at offset ${bad}` };
    return { text: bytes.toString('latin1') };
  }
  if (enc === 'cp1252') return decodeCp1252(bytes);
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(enc, { fatal: true });
  } catch {
    return { error: `unknown source encoding "${cookie}" in coding cookie` };
  }
  try {
    return { text: decoder.decode(bytes) };
  } catch {
    return { error: `cannot decode as ${cookie}` };
  }
}
