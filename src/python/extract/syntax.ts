// Suppression comments (`# parity-check: ignore[...]`) and syntax problems (ERROR and MISSING nodes).
import type { ParseProblem, SuppressionFact } from '../../types.js';
import { nodeSpan as spanOf } from '../../util/span.js';
import { queryWords } from '../queries.js';
import type { FileIndex } from './file-index.js';

export function syntax(idx: FileIndex): { suppressions: SuppressionFact[]; problems: ParseProblem[] } {
  const suppressions: SuppressionFact[] = [];
  const problems: ParseProblem[] = [];
  // Comments only matter when they are suppressions; ERROR and MISSING nodes only exist in a tree with errors.
  if (!idx.root.hasError && !idx.mentions(queryWords('syntax'))) return { suppressions, problems };
  for (const { captures } of idx.matches('syntax')) {
    const comment = captures.get('comment');
    if (comment) {
      const codes = parseSuppression(comment.text);
      if (codes === undefined) continue;
      const lineStart = idx.text.lastIndexOf('\n', comment.startIndex - 1) + 1;
      const before = idx.text.slice(lineStart, comment.startIndex);
      suppressions.push({
        line: comment.startPosition.row + 1,
        column: comment.startPosition.column + 1,
        codes,
        ownLine: before.trim() === '',
      });
      continue;
    }
    const err = captures.get('error');
    if (err) {
      let nested = false;
      for (let p = err.parent; p; p = p.parent) if (p.type === 'ERROR') nested = true;
      if (nested) continue;
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

/** `# parity-check: ignore[A, B]` → codes; `# parity-check: ignore` → null; anything else → undefined. */
export function parseSuppression(comment: string): string[] | null | undefined {
  const marker = 'parity-check:';
  const at = comment.indexOf(marker);
  if (at < 0) return undefined;
  const rest = comment.slice(at + marker.length).trimStart();
  if (!rest.startsWith('ignore')) return undefined;
  const after = rest.slice('ignore'.length);
  if (after.startsWith('[')) {
    const close = after.indexOf(']');
    if (close < 0) return undefined;
    const codes = after
      .slice(1, close)
      .split(',')
      .map((c) => c.trim())
      .filter((c) => c !== '');
    return codes.length ? codes : null;
  }
  if (after === '' || after[0] === ' ' || after[0] === '\t' || after[0] === '#') return null;
  return undefined;
}
