// The human reporter: one greppable header line per finding, a code frame under it, a summary at the end.
// Pure: colour, sources and extra summary items come in as parameters. The text is identical with colour
// on and off once the ANSI codes are stripped, so what a user greps for is what the test compares.
import type { Finding, Location, NotChecked, Severity } from '../types.js';
import { compareFindings } from '../filter/order.js';
import { notCheckedMessages } from '../messages.js';
import { sourceLines } from '../util/span.js';
import { notCheckedCount, notCheckedHeader, sortNotChecked } from './not-checked.js';

export interface PrettyOptions {
  /** Source text by file (posix, relative), as the snapshot read it. Files missing here get no code frame. */
  sources: Map<string, string>;
  color: boolean;
  /** Extra items for the summary's parentheses, e.g. `["2 apps", "14 files"]` or `["3 suppressed"]`. */
  summaryExtra?: string[];
  /** Lambda functions that could not be checked: listed after the findings and counted in the summary. */
  notChecked?: NotChecked[];
  /** No app was found: the summary must not read as a pass. */
  nothingChecked?: boolean;
  /** What applies the fixes in this set-up, for the `[*]` hint (default `--fix`; a hook's run: `parity-check --staged --fix`). */
  fixCommand?: string;
}

/** Display columns a tab advances to (tab stops every TAB_WIDTH columns). */
export const TAB_WIDTH = 4;
/** Source text wider than this (in display columns) is cut, keeping the flagged span in view. */
export const MAX_LINE_WIDTH = 120;
/** Display columns of context kept left of the span when a long line is cut on the left. */
const LEFT_CONTEXT = 24;
const CONTEXT_ABOVE = 2;

const ESC = '\u001b[';
const codes = {
  bold: ['1', '22'],
  dim: ['2', '22'],
  red: ['31', '39'],
  yellow: ['33', '39'],
  cyan: ['36', '39'],
  green: ['32', '39'],
} as const;
type Style = keyof typeof codes;

function paint(on: boolean, text: string, ...styles: Style[]): string {
  if (!on || text === '' || styles.length === 0) return text;
  const open = styles.map((s) => `${ESC}${codes[s][0]}m`).join('');
  const close = styles
    .slice()
    .reverse()
    .map((s) => `${ESC}${codes[s][1]}m`)
    .join('');
  return open + text + close;
}

const severityStyle: Record<Severity, Style> = { error: 'red', warning: 'yellow' };


/**
 * Control characters (other than tab) would move the cursor or colour the terminal, bidi controls
 * reorder what is shown: show them as U+FFFD (one cell, so carets stay under their text).
 */
function sanitize(s: string): string {
  return s.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g, '\ufffd');
}

/** One terminal cell group: a code point (or a space of an expanded tab) and the cells it takes. */
interface Glyph {
  text: string;
  width: number;
}

/**
 * Terminal width of a code point: 0 for combining marks and zero-width joiners/selectors, 2 for East Asian
 * wide/fullwidth characters and emoji, 1 otherwise. An approximation of wcwidth, good for source code.
 */
export function cellWidth(cp: number): number {
  if (
    (cp >= 0x0300 && cp <= 0x036f) ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    (cp >= 0x1ab0 && cp <= 0x1aff) ||
    (cp >= 0x20d0 && cp <= 0x20ff) ||
    (cp >= 0xe0100 && cp <= 0xe01ef)
  ) {
    return 0;
  }
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x1fa70 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

interface Layout {
  glyphs: Glyph[];
  /** Display column (0-based) where each UTF-16 unit starts; the last entry is the line's width. */
  cols: number[];
  width: number;
}

/** Expands tabs (stops every TAB_WIDTH cells) and maps UTF-16 columns to display columns. */
function layout(line: string): Layout {
  const glyphs: Glyph[] = [];
  const cols: number[] = [];
  let w = 0;
  for (let i = 0; i < line.length; ) {
    const cp = line.codePointAt(i)!;
    const units = cp > 0xffff ? 2 : 1;
    for (let k = 0; k < units; k++) cols.push(w);
    if (cp === 0x09) {
      const n = TAB_WIDTH - (w % TAB_WIDTH);
      for (let k = 0; k < n; k++) glyphs.push({ text: ' ', width: 1 });
      w += n;
    } else {
      const width = cellWidth(cp);
      glyphs.push({ text: String.fromCodePoint(cp), width });
      w += width;
    }
    i += units;
  }
  cols.push(w);
  return { glyphs, cols, width: w };
}

/** Display column (0-based) of a 1-based UTF-16 column, clamped to the line. */
function displayCol(cols: number[], column: number): number {
  const i = Math.min(Math.max(column - 1, 0), cols.length - 1);
  return cols[i];
}

/** The cells [from, from + width) of a line; a wide glyph cut in half becomes a space. */
function cells(l: Layout, from: number, width: number): string {
  let out = '';
  let col = 0;
  for (const g of l.glyphs) {
    const end = col + g.width;
    if (col >= from && end <= from + width) out += g.text;
    else if (end > from && col < from + width && g.width > 0) out += ' '.repeat(Math.min(end, from + width) - Math.max(col, from));
    col = end;
    if (col >= from + width) break;
  }
  return out;
}

/** The visible part of a line for a frame scrolled to `from`, with `…` where it was cut. */
function cutLine(l: Layout, from: number): string {
  const left = from > 0 && l.width > 0;
  let avail = MAX_LINE_WIDTH - (from > 0 ? 1 : 0);
  const right = l.width - from > avail;
  if (right) avail -= 1;
  return (left ? '…' : '') + cells(l, from, avail) + (right ? '…' : '');
}

function codeFrame(f: Finding, source: string, color: boolean): string[] | undefined {
  const all = sourceLines(source);
  if (f.line < 1 || f.line > all.length) return undefined;
  const first = Math.max(1, f.line - CONTEXT_ABOVE);
  const gutterWidth = String(f.line).length;

  const target = layout(sanitize(all[f.line - 1]));
  const start = displayCol(target.cols, f.column);
  let carets = 1;
  if (f.endLine === f.line && f.endColumn !== undefined && f.endColumn > f.column) {
    carets = Math.max(1, displayCol(target.cols, f.endColumn) - start);
  }

  // One horizontal scroll for every line of the frame, so the carets stay under their text.
  let from = 0;
  if (start + Math.min(carets, MAX_LINE_WIDTH - LEFT_CONTEXT) > MAX_LINE_WIDTH - 1) {
    from = Math.max(0, start - LEFT_CONTEXT);
  }

  const lines: string[] = [];
  const bar = paint(color, '|', 'dim');
  for (let n = first; n <= f.line; n++) {
    const l = n === f.line ? target : layout(sanitize(all[n - 1]));
    const marker = n === f.line ? paint(color, '>', severityStyle[f.severity], 'bold') : ' ';
    const num = paint(color, String(n).padStart(gutterWidth), 'dim');
    const shown = cutLine(l, from);
    lines.push(`  ${marker} ${num} ${bar}${shown === '' ? '' : ' ' + shown}`);
  }
  const offset = start - from + (from > 0 ? 1 : 0);
  const visibleEnd = MAX_LINE_WIDTH; // cells after the gutter
  const caretCount = Math.max(1, Math.min(carets, visibleEnd - offset));
  const caretText = paint(color, '^'.repeat(caretCount), severityStyle[f.severity], 'bold');
  lines.push(`    ${' '.repeat(gutterWidth)} ${bar} ${' '.repeat(offset)}${caretText}`);
  return lines;
}

function relatedLine(loc: Location, sources: Map<string, string>, color: boolean): string {
  const where = `${sanitize(loc.file)}:${loc.line}:${loc.column}`;
  const src = sources.get(loc.file);
  let note = '';
  if (src !== undefined) {
    const all = sourceLines(src);
    if (loc.line >= 1 && loc.line <= all.length) {
      const l = layout(sanitize(all[loc.line - 1]).trim());
      note = l.width > 80 ? cells(l, 0, 79) + '…' : l.glyphs.map((g) => g.text).join('');
    }
  }
  const arrow = paint(color, '↳', 'cyan');
  return `  ${arrow} ${paint(color, where, 'bold')}${note === '' ? '' : '  ' + paint(color, note, 'dim')}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Removes trailing spaces and tabs of every line, including those sitting before a closing ANSI code. */
function trimLines(text: string): string {
  return text.replace(/[ \t]+((?:\u001b\[[0-9;]*m)*)$/gm, '$1');
}

export function renderPretty(findings: Finding[], opts: PrettyOptions): string {
  const { sources, color } = opts;
  const sorted = findings.slice().sort(compareFindings);
  const blocks: string[] = [];
  for (const f of sorted) {
    const style = severityStyle[f.severity];
    const where = paint(color, `${sanitize(f.file)}:${f.line}:${f.column}`, 'bold');
    const code = paint(color, f.ruleId, style, 'bold');
    const sev = paint(color, f.severity, style);
    const fixable = f.fix?.safe ? `  ${paint(color, '[*]', 'cyan')}` : '';
    const message = sanitizeMessage(f.message);
    const out = [`${where}  ${code}  ${sev}  ${message}${fixable}`];
    const src = sources.get(f.file);
    const frame = src === undefined ? undefined : codeFrame(f, src, color);
    if (frame) out.push(...frame);
    for (const r of f.related ?? []) out.push(relatedLine(r, sources, color));
    blocks.push(out.join('\n'));
  }

  const skipped = sortNotChecked(opts.notChecked ?? []);
  for (const n of skipped) {
    const where = paint(color, `${sanitize(n.loc.file)}:${n.loc.line}:${n.loc.column}`, 'bold');
    const lines = [`${where}  ${paint(color, sanitizeMessage(notCheckedHeader(n)), 'yellow')}`];
    if (n.fix) lines.push(`    ${sanitizeMessage(n.fix)}`);
    blocks.push(lines.join('\n'));
  }
  // "No problems found" never stands alone when functions were left out: the count follows it.
  const notCounted = skipped.length ? paint(color, notCheckedCount(skipped), 'yellow') : '';
  const extra = opts.summaryExtra ?? [];
  let summary: string;
  if (sorted.length === 0 && opts.nothingChecked) {
    summary = `${paint(color, '✖', 'red')} Nothing checked: no app found${extra.length > 0 ? ` (${extra.join(', ')})` : ''}`;
  } else if (sorted.length === 0) {
    const tail = extra.length > 0 ? ` (${extra.join(', ')})` : '';
    summary = `${paint(color, '✔', 'green')} ${notCounted ? notCheckedMessages.noProblems(notCounted) : 'No problems found'}${tail}`;
  } else {
    const errors = sorted.filter((f) => f.severity === 'error').length;
    const warnings = sorted.length - errors;
    const files = new Set(sorted.map((f) => f.file)).size;
    const counts = [errors > 0 ? plural(errors, 'error') : '', warnings > 0 ? plural(warnings, 'warning') : '']
      .filter((s) => s !== '')
      .join(', ');
    const mark = paint(color, '✖', errors > 0 ? 'red' : 'yellow', 'bold');
    summary = `${mark} ${paint(color, counts, 'bold')}${notCounted ? `; ${notCounted}` : ''} (${[plural(files, 'file'), ...extra].join(', ')})`;
    const fixable = sorted.filter((f) => f.fix?.safe).length;
    if (fixable > 0) {
      summary += `\n  ${paint(color, '[*]', 'cyan')} ${fixable} fixable with ${opts.fixCommand ?? '--fix'}`;
    }
  }
  blocks.push(summary);
  return trimLines(blocks.join('\n\n')) + '\n';
}

/** Messages are single-line in the header; line breaks a rule put in become indented continuation lines. */
function sanitizeMessage(message: string): string {
  return message
    .split(/\r?\n/)
    .map((l) => sanitize(l))
    .join('\n    ');
}
