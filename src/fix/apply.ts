// Applies text edits to one file's text. Positions are 1-based lines and columns, columns in UTF-16 code
// units of the line (what the fact extractors and editors use). The file's BOM and line endings survive:
// in a CRLF file, `\n` in an edit's text is written as `\r\n`.
import { createTwoFilesPatch } from 'diff';
import type { TextEdit } from '../types.js';

export interface ApplyResult {
  text: string;
  /** Edits applied, in file order. */
  applied: TextEdit[];
  /** Edits left out: overlapping an earlier one (in file order), or with an end before their start. */
  skipped: TextEdit[];
}

/** Offsets (into `body`) where each line starts; line n starts at starts[n-1]. */
function lineStarts(body: string): number[] {
  const starts = [0];
  for (let i = 0; i < body.length; i++) if (body.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** Offset of a 1-based line/column, clamped to the line's content (never inside its `\r\n`). */
function offset(body: string, starts: number[], line: number, column: number): number {
  if (line < 1) return 0;
  if (line > starts.length) return body.length;
  const start = starts[line - 1];
  let end = line < starts.length ? starts[line] - 1 : body.length; // at the '\n' (or end of text)
  if (end > start && body.charCodeAt(end - 1) === 13 && line < starts.length) end--; // before '\r\n'
  return Math.min(start + Math.max(column - 1, 0), end);
}

function byOrder(a: TextEdit, b: TextEdit): number {
  const x = a.order ?? '';
  const y = b.order ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

function usesCrlf(body: string): boolean {
  const lf = body.indexOf('\n');
  return lf > 0 && body.charCodeAt(lf - 1) === 13;
}

/** The text an edit replaces (its span clamped as applying it does). */
export function textAt(text: string, edit: TextEdit): string {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const starts = lineStarts(body);
  return body.slice(offset(body, starts, edit.span.line, edit.span.column), offset(body, starts, edit.span.endLine, edit.span.endColumn));
}

export function applyEditsWithReport(text: string, edits: TextEdit[]): ApplyResult {
  const bom = text.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
  const body = bom ? text.slice(1) : text;
  const starts = lineStarts(body);
  const crlf = usesCrlf(body);

  const located = edits.map((edit, i) => ({
    edit,
    i,
    start: offset(body, starts, edit.span.line, edit.span.column),
    end: offset(body, starts, edit.span.endLine, edit.span.endColumn),
  }));
  const skipped: TextEdit[] = [];
  const valid = located.filter((l) => {
    if (l.end < l.start) skipped.push(l.edit);
    return l.end >= l.start;
  });
  // File order; equal positions by their `order`, then the order they were given in (insertions at one point stay in order).
  valid.sort((a, b) => a.start - b.start || a.end - b.end || byOrder(a.edit, b.edit) || a.i - b.i);

  const applied: typeof valid = [];
  let lastEnd = -1;
  for (const l of valid) {
    // Overlap: starts inside a range an applied edit replaces. Edits that only touch (end == start) are fine,
    // and so are several insertions at one point.
    if (l.start < lastEnd) {
      skipped.push(l.edit);
      continue;
    }
    applied.push(l);
    lastEnd = Math.max(lastEnd, l.end);
  }

  let out = '';
  let pos = 0;
  for (const l of applied) {
    const insert = crlf ? l.edit.text.replace(/\r?\n/g, '\r\n') : l.edit.text;
    out += body.slice(pos, l.start) + insert;
    pos = l.end;
  }
  out += body.slice(pos);
  return { text: bom + out, applied: applied.map((l) => l.edit), skipped };
}

/** The text with the edits applied; overlapping edits after the first are left out (see applyEditsWithReport). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  return applyEditsWithReport(text, edits).text;
}

/** A git-style unified diff (`--- a/file`, `+++ b/file`, 3 lines of context); '' when nothing changed. */
export function unifiedDiff(file: string, before: string, after: string): string {
  if (before === after) return '';
  const patch = createTwoFilesPatch(`a/${file}`, `b/${file}`, before, after, undefined, undefined, { context: 3 });
  // jsdiff starts with a line of '=' signs that git and patch do not use.
  return patch.replace(/^=+\n/, '');
}
