// Spans and places from the facts that carry them (a fact has more fields than its span).
import type { Location, Span } from '../types.js';

export function spanOf(s: Span): Span {
  return { line: s.line, column: s.column, endLine: s.endLine, endColumn: s.endColumn };
}

/** A place in a file: `file` and the span of `s`. */
export function at(file: string, s: Span): Location {
  return { file, ...spanOf(s) };
}
