// The yaml package parses and composes by recursion, so a sequence nested 10,000 deep overflows its
// stack (#19 item 7) and the whole deploy file was dropped. Before parsing, one linear pass over the
// text estimates each place's nesting (block indentation, compact `- - -` entries, flow brackets) and
// blanks what lies deeper than MAX_YAML_DEPTH: the value below that level is replaced by spaces
// (newlines kept, so every line and column of the rest is unchanged) and parses as null. The shallow
// keys of the file (a function's Handler beside a deep `custom:`) are then read as written, and every
// cut is named with its place.
//
// The estimate is deliberately simple (it is not a YAML parser and decides nothing about values): it
// must only never call a real file deep. It skips comments, quoted strings on one line and block
// scalars' text; real deploy files are a few dozen levels deep, far from the limit.

/** Deeper than this is not read: far beyond any real deploy file, far below the yaml package's stack. */
export const MAX_YAML_DEPTH = 256;

export interface YamlCut {
  /** 1-based line and column of the first blanked character. */
  line: number;
  column: number;
}

interface Scan {
  chars: string[];
  cuts: YamlCut[];
}

/** `text` with every region nested deeper than MAX_YAML_DEPTH blanked, and where each cut begins. */
export function boundYamlDepth(text: string, max = MAX_YAML_DEPTH): { text: string; cuts: YamlCut[] } {
  // Cheap exit for the common file: fewer structure characters than the limit cannot be that deep.
  if (!mayBeDeep(text, max)) return { text, cuts: [] };
  const lines = text.split('\n');
  const starts: number[] = [];
  let off = 0;
  for (const l of lines) {
    starts.push(off);
    off += l.length + 1;
  }
  // One entry per UTF-16 unit, so the offsets of `starts` index it.
  const scan: Scan = { chars: text.split(''), cuts: [] };
  const indents: number[] = [];
  let flow = 0;
  let blankUntilIndent = -1;
  let scalarIndent = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].endsWith('\r') ? lines[i].slice(0, -1) : lines[i];
    const indent = line.length - line.trimStart().length;
    const blank = line.trim() === '' || line.trimStart().startsWith('#');
    if (blankUntilIndent >= 0) {
      if (blank || indent > blankUntilIndent) {
        // A whole line blanked becomes a comment: the yaml package reads a long run of blank
        // lines' spaces as part of the next implicit key.
        blankRange(scan, starts[i], starts[i] + line.length);
        if (line.length) scan.chars[starts[i]] = '#';
        continue;
      }
      blankUntilIndent = -1;
    }
    if (scalarIndent >= 0) {
      if (blank || indent > scalarIndent) continue;
      scalarIndent = -1;
    }
    if (blank) continue;
    let col = indent;
    if (flow === 0) {
      while (indents.length && indents[indents.length - 1] >= indent) indents.pop();
      // Each compact entry indicator (`- - x`) opens one more level at its column.
      for (;;) {
        if (indents.length >= max) {
          scan.cuts.push({ line: i + 1, column: col + 1 });
          blankRange(scan, starts[i] + col, starts[i] + line.length);
          blankUntilIndent = indents[indents.length - 1];
          break;
        }
        indents.push(col);
        if (line[col] === '-' && (col + 1 === line.length || line[col + 1] === ' ')) {
          col += 1;
          while (line[col] === ' ') col++;
          if (col >= line.length) break;
          continue;
        }
        break;
      }
      if (blankUntilIndent >= 0) continue;
    }
    let from = col;
    for (;;) {
      const r = scanFlow(scan, lines[i], from, flow, indents.length, max, i + 1);
      flow = r.flow;
      if (r.blockScalar && flow === 0) scalarIndent = indent;
      if (!r.closeAfter) break;
      // A flow collection cut open: blank on until its brackets close, then read on after them.
      const end = closeFlow(scan, lines, starts, i, r.closeAfter.col);
      i = end.line;
      if (i >= lines.length) break;
      from = end.col + 1;
    }
  }
  return scan.cuts.length ? { text: scan.chars.join(''), cuts: scan.cuts } : { text, cuts: [] };
}

function mayBeDeep(text: string, max: number): boolean {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // '[', '{', '-', ' ' (indentation): any deep structure is made of these.
    if (c === 91 || c === 123 || c === 45) n++;
    if (n > max) return true;
  }
  return new RegExp(`\n {${max}}`).test(text);
}

function blankRange(scan: Scan, from: number, to: number): void {
  for (let k = from; k < to; k++) if (scan.chars[k] !== '\n' && scan.chars[k] !== '\r') scan.chars[k] = ' ';
}

/**
 * Brackets on one line from `col`: returns the flow depth after it, whether a block scalar starts
 * (`key: |`), and where a bracket went past the limit (then the caller blanks to its close).
 */
function scanFlow(
  scan: Scan,
  line: string,
  col: number,
  flowIn: number,
  block: number,
  max: number,
  lineNo: number,
): { flow: number; blockScalar: boolean; closeAfter?: { col: number } } {
  let flow = flowIn;
  let valueStart = flowIn === 0;
  for (let c = col; c < line.length; c++) {
    const ch = line[c];
    if (ch === '#' && (c === 0 || line[c - 1] === ' ')) break;
    if (ch === '"' || ch === "'") {
      c = endOfQuote(line, c);
      valueStart = false;
      continue;
    }
    if (ch === ' ') continue;
    if ((ch === '[' || ch === '{') && (flow > 0 || valueStart)) {
      if (block + flow + 1 > max) {
        scan.cuts.push({ line: lineNo, column: c + 1 });
        return { flow, blockScalar: false, closeAfter: { col: c } };
      }
      flow++;
      continue;
    }
    if ((ch === ']' || ch === '}') && flow > 0) {
      flow--;
      continue;
    }
    if (flow === 0 && (ch === '|' || ch === '>') && valueStart) return { flow, blockScalar: true };
    // A value starts after `key: ` or `- ` in block context, and after `,` `:` in flow context.
    valueStart = ch === ':' || ch === ',' || (ch === '-' && flow === 0) ? line[c + 1] === undefined || line[c + 1] === ' ' || flow > 0 : false;
  }
  return { flow, blockScalar: false };
}

function endOfQuote(line: string, at: number): number {
  const q = line[at];
  for (let c = at + 1; c < line.length; c++) {
    if (q === '"' && line[c] === '\\') c++;
    else if (line[c] === q) {
      if (q === "'" && line[c + 1] === "'") c++;
      else return c;
    }
  }
  return line.length;
}

/** Blanks from the bracket at (line, col) through its matching close; returns the close's place. */
function closeFlow(scan: Scan, lines: string[], starts: number[], line: number, col: number): { line: number; col: number } {
  let depth = 0;
  for (let i = line; i < lines.length; i++) {
    const text = lines[i];
    for (let c = i === line ? col : 0; c < text.length; c++) {
      const ch = text[c];
      if (ch === '"' || ch === "'") {
        const e = endOfQuote(text, c);
        blankRange(scan, starts[i] + c, starts[i] + e + 1);
        c = e;
        continue;
      }
      if (ch !== '\r') scan.chars[starts[i] + c] = ' ';
      if (ch === '[' || ch === '{') depth++;
      else if ((ch === ']' || ch === '}') && --depth === 0) return { line: i, col: c };
    }
  }
  return { line: lines.length, col: 0 };
}
