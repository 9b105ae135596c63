// Spans and places from the facts that carry them (a fact has more fields than its span), and the lines
// they count.
import type { Location, Span } from '../types.js';

export function spanOf(s: Span): Span {
  return { line: s.line, column: s.column, endLine: s.endLine, endColumn: s.endColumn };
}

/** A place in a file: `file` and the span of `s`. */
export function at(file: string, s: Span): Location {
  return { file, ...spanOf(s) };
}

/**
 * The 1-based span of a tree-sitter node (Python, bash or HCL). node-tree-sitter's columns already
 * count UTF-16 code units, like Span; `endColumn` is exclusive (the column after the last character).
 */
export function nodeSpan(n: { startPosition: { row: number; column: number }; endPosition: { row: number; column: number } }): Span {
  // Each position is a call into the native binding: read each once.
  const start = n.startPosition;
  const end = n.endPosition;
  return { line: start.row + 1, column: start.column + 1, endLine: end.row + 1, endColumn: end.column + 1 };
}

/** Splits source text into lines the way the fact extractors count them (`\n`, `\r\n`), without the BOM. */
export function sourceLines(text: string): string[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return body.split(/\r?\n/);
}
