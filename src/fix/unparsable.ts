// A fix is offered only for files Python can import: a file with a syntax error (or one that could not
// be decoded) is never edited by --fix (run-fixes.ts refuses it: tree-sitter's error recovery can put
// the edit in the wrong place), so its findings must not say `[*]` either, nor count as fixable.
import type { FileFacts, Finding } from '../types.js';
import { fixRefusals } from '../messages.js';

/** The findings with the fix removed from each whose edits touch a file that did not parse. */
export function withoutFixesOnUnparsable<T extends { finding: Finding }>(raw: T[], files: ReadonlyMap<string, FileFacts>): T[] {
  return raw.map((r) => {
    const fix = r.finding.fix;
    const broken = fix?.edits.find((e) => (files.get(e.file)?.parseProblems.length ?? 0) > 0);
    if (!broken) return r;
    const { fix: _dropped, ...finding } = r.finding;
    return { ...r, finding: { ...finding, fixWithheld: fixRefusals.unparsable(broken.file) } };
  });
}
