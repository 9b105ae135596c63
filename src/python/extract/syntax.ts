// Suppression comments (`# parity-check: ignore[...]`) and syntax problems (ERROR and MISSING nodes).
import type { ParseProblem, SuppressionFact } from '../../types.js';
import { nodeSpan as spanOf } from '../../util/span.js';
import { parsePython } from '../parser.js';
import { queryWords } from '../queries.js';
import type { FileIndex } from './file-index.js';
import type { Node } from './nodes.js';

export function syntax(idx: FileIndex): { suppressions: SuppressionFact[]; problems: ParseProblem[] } {
  const suppressions: SuppressionFact[] = [];
  const problems: ParseProblem[] = [];
  const read = new Set<number>();
  // Comments only matter when they are suppressions; ERROR and MISSING nodes only exist in a tree with errors.
  if (!idx.root.hasError && !idx.mentions(queryWords('syntax'))) return { suppressions, problems };
  for (const { captures } of idx.matches('syntax')) {
    const comment = captures.get('comment');
    if (comment) {
      // Both patterns of syntax.scm may capture one comment: read it once.
      if (read.has(comment.startIndex)) continue;
      read.add(comment.startIndex);
      const parsed = parseSuppression(comment.text);
      const noqa = parsed === undefined ? parseNoqa(comment.text) : undefined;
      if (parsed === undefined && noqa === undefined) continue;
      const lineStart = idx.text.lastIndexOf('\n', comment.startIndex - 1) + 1;
      const before = idx.text.slice(lineStart, comment.startIndex);
      suppressions.push({
        line: comment.startPosition.row + 1,
        column: comment.startPosition.column + 1,
        codes: parsed === undefined ? noqa! : parsed.codes,
        ownLine: before.trim() === '',
        ...(parsed?.wholeFile ? { wholeFile: true } : {}),
        ...(noqa ? { noqa: true } : {}),
      });
      continue;
    }
    const err = captures.get('error');
    if (err) {
      let nested = false;
      for (let p = err.parent; p; p = p.parent) if (p.type === 'ERROR') nested = true;
      if (nested || annotationGap(idx.text, err)) continue;
      const snippet = err.text.split('\n')[0].trim().slice(0, 40);
      problems.push({ message: snippet ? `syntax error near "${snippet}"` : 'syntax error', ...spanOf(err) });
      continue;
    }
    const missing = captures.get('missing');
    if (missing) problems.push({ message: missing.isNamed ? `missing ${missing.type}` : `missing "${missing.type}"`, ...spanOf(missing) });
  }
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return { suppressions, problems };
}

/**
 * An ERROR that is tree-sitter-python's, not Python's: an annotation that starts with a subscript and goes on
 * with `or` / `and` / `if … else` (`def f() -> List[Dict] or Dict:`, `x: List[int] or None = None`). The grammar
 * reads `List[Dict]` as a generic type that no operator may follow; Python takes any expression as an annotation
 * (/usr/bin/python3 compiles and imports such a file). The annotation's text, with the ERROR, is parsed again as a
 * parenthesised expression: only when that parses cleanly is the ERROR dropped (`-> List[Dict] or:` stays one).
 */
function annotationGap(text: string, err: Node): boolean {
  let start: number | undefined;
  let end = err.endIndex;
  const prev = err.previousNamedSibling;
  if (prev?.type === 'type') start = prev.startIndex;
  else if (prev?.type === 'typed_parameter' || prev?.type === 'typed_default_parameter') start = prev.childForFieldName('type')?.startIndex;
  else if (err.firstNamedChild?.type === 'type' && err.nextNamedSibling?.type === 'type') {
    // `-> List[Dict] or A if c else B`: the grammar takes the generic type into the ERROR and the rest as the type.
    start = err.startIndex;
    end = err.nextNamedSibling.endIndex;
  }
  if (start === undefined || end - start > 400) return false;
  const tree = parsePython(`(${text.slice(start, end)})\n`);
  const only = tree.rootNode.namedChildren;
  return !tree.rootNode.hasError && only.length === 1 && only[0].type === 'expression_statement';
}

/**
 * `# parity-check: ignore[A, B]` → codes; `# parity-check: ignore` → null; `ignore-file` (either
 * form) covers the whole file; anything else → undefined.
 */
export function parseSuppression(comment: string): { codes: string[] | null; wholeFile: boolean } | undefined {
  const marker = 'parity-check:';
  const at = comment.indexOf(marker);
  if (at < 0) return undefined;
  let rest = comment.slice(at + marker.length).trimStart();
  if (!rest.startsWith('ignore')) return undefined;
  rest = rest.slice('ignore'.length);
  const wholeFile = rest.startsWith('-file');
  const after = wholeFile ? rest.slice('-file'.length) : rest;
  if (after.startsWith('[')) {
    const close = after.indexOf(']');
    if (close < 0) return undefined;
    const codes = after
      .slice(1, close)
      .split(',')
      .map((c) => c.trim())
      .filter((c) => c !== '');
    return { codes: codes.length ? codes : null, wholeFile };
  }
  if (after === '' || after[0] === ' ' || after[0] === '\t' || after[0] === '#') return { codes: null, wholeFile };
  return undefined;
}

/** Codes of a `# noqa: A, B` comment that look like parity-check's (`MOD001`, `PARSE001`); undefined when none do. */
export function parseNoqa(comment: string): string[] | undefined {
  const m = /#\s*noqa\s*:\s*([A-Za-z0-9_, ]+)/i.exec(comment);
  if (!m) return undefined;
  const codes = m[1]
    .split(/[,\s]+/)
    .map((c) => c.trim().toUpperCase())
    .filter((c) => /^(HND|LPK|MDL|MOD|PAR|PARSE|SUP)\d{3}$/.test(c));
  return codes.length ? codes : undefined;
}
