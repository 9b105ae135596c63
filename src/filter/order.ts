// The one order every filter step and reporter uses: file, line, column, rule code, then message. It stands
// in the filter, the first stage that sorts findings; the reporters after it import it.
// Plain code-unit comparison (not localeCompare) so the order is the same on every machine.
import type { Finding } from '../types.js';
import { cmp } from '../util/compare.js';

export function compareFindings(a: Finding, b: Finding): number {
  return (
    cmp(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    cmp(a.ruleId, b.ruleId) ||
    cmp(a.message, b.message)
  );
}

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return findings.slice().sort(compareFindings);
}
