import { describe, expect, it } from 'vitest';
import { applySuppressions } from '../../src/filter/suppress.js';
import type { Finding, SuppressionFact } from '../../src/types.js';

const finding = (ruleId: string, file: string, line: number, extra: Partial<Finding> = {}): Finding => ({
  ruleId,
  severity: 'error',
  file,
  line,
  column: 1,
  message: `${ruleId} at ${line}`,
  ...extra,
});
const trailing = (line: number, codes: string[] | null, column = 30): SuppressionFact => ({ line, column, codes, ownLine: false });
const above = (line: number, codes: string[] | null): SuppressionFact => ({ line, column: 1, codes, ownLine: true });
const known = new Set(['MOD001', 'MOD002', 'PAR001', 'PAR002', 'SUP001']);
const run = (findings: Finding[], sups: Record<string, SuppressionFact[]>, opts: Partial<Parameters<typeof applySuppressions>[2]> = {}) =>
  applySuppressions(findings, new Map(Object.entries(sups)), { strict: false, knownCodes: known, ...opts });
const messages = (fs: Finding[]) => fs.map((f) => `${f.ruleId} ${f.file}:${f.line}:${f.column} ${f.severity} ${f.message}`);

describe('applySuppressions', () => {
  it('a trailing comment suppresses its own line only', () => {
    const a = finding('MOD001', 'm.py', 12);
    const b = finding('MOD001', 'm.py', 13);
    const r = run([a, b], { 'm.py': [trailing(12, ['MOD001'])] });
    expect(r.suppressed).toEqual([a]);
    expect(r.kept).toEqual([b]);
    expect(r.problems).toEqual([]);
  });

  it('a comment alone on its line suppresses the next line, not its own', () => {
    const onComment = finding('MOD001', 'm.py', 11);
    const below = finding('MOD001', 'm.py', 12);
    const r = run([onComment, below], { 'm.py': [above(11, ['MOD001'])] });
    expect(r.suppressed).toEqual([below]);
    expect(r.kept).toEqual([onComment]);
    expect(r.problems).toEqual([]);
  });

  it('stacked own-line comments all apply to the first code line below them', () => {
    const a = finding('MOD001', 'm.py', 12);
    const b = finding('PAR001', 'm.py', 12);
    const r = run([a, b], { 'm.py': [above(10, ['MOD001']), above(11, ['PAR001'])] });
    expect(r.suppressed).toEqual([a, b]);
    expect(r.problems).toEqual([]);
  });

  it('several codes, comma-separated, in any case and spacing', () => {
    const a = finding('MOD001', 'm.py', 5);
    const b = finding('PAR001', 'm.py', 5);
    const c = finding('PAR002', 'm.py', 5);
    const r = run([a, b, c], { 'm.py': [trailing(5, ['MOD001', ' par001 '])] });
    expect(r.suppressed).toEqual([a, b]);
    expect(r.kept).toEqual([c]);
    expect(r.problems).toEqual([]);
  });

  it('a bare suppression hides every code on its line', () => {
    const a = finding('MOD001', 'm.py', 5);
    const b = finding('PAR001', 'm.py', 5);
    const other = finding('PAR001', 'other.py', 5);
    const r = run([a, b, other], { 'm.py': [trailing(5, null)] });
    expect(r.suppressed).toEqual([a, b]);
    expect(r.kept).toEqual([other]);
    expect(r.problems).toEqual([]);
  });

  it('a suppression at a related location counts', () => {
    const f = finding('PAR001', 'app/main.py', 8, {
      related: [{ file: 'app/lazy_app.py', line: 3, column: 1, endLine: 3, endColumn: 20 }],
    });
    const r = run([f], { 'app/lazy_app.py': [trailing(3, ['PAR001'])] });
    expect(r.suppressed).toEqual([f]);
    expect(r.problems).toEqual([]);
  });

  it('a trailing comment on the last line of a multi-line finding counts', () => {
    const f = finding('MOD001', 'm.py', 4, { endLine: 6, endColumn: 2 });
    const r = run([f], { 'm.py': [trailing(6, ['MOD001'])] });
    expect(r.suppressed).toEqual([f]);
    const middle = run([f], { 'm.py': [trailing(5, ['MOD001'])] });
    expect(middle.kept).toEqual([f]);
  });

  it('reports unused suppressions, naming the line they cover', () => {
    const f = finding('MOD001', 'm.py', 12);
    const r = run([f], {
      'm.py': [trailing(12, ['MOD001', 'PAR001'], 40), above(20, ['MOD002']), trailing(30, null, 9)],
    });
    expect(r.suppressed).toEqual([f]);
    expect(messages(r.problems)).toEqual([
      'SUP001 m.py:12:40 warning unused suppression: no PAR001 finding on line 12',
      'SUP001 m.py:20:1 warning unused suppression: no MOD002 finding on line 21',
      'SUP001 m.py:30:9 warning unused suppression: no finding on line 30',
    ]);
  });

  it('strict mode flags bare suppressions that are used', () => {
    const f = finding('MOD001', 'm.py', 5);
    const sups = { 'm.py': [trailing(5, null, 12)] };
    expect(run([f], sups).problems).toEqual([]);
    const r = run([f], sups, { strict: true });
    expect(r.suppressed).toEqual([f]);
    expect(messages(r.problems)).toEqual([
      'SUP001 m.py:5:12 warning suppression without a rule code: write "# parity-check: ignore[CODE]"',
    ]);
  });

  it('an unknown code is reported, and does not suppress anything it does not name', () => {
    const f = finding('MOD001', 'm.py', 5);
    const r = run([f], { 'm.py': [trailing(5, ['MOD999'], 20)] });
    expect(r.kept).toEqual([f]);
    expect(messages(r.problems)).toEqual(['SUP001 m.py:5:20 warning unknown rule code MOD999 in suppression']);
  });

  it('without knownCodes, codes are not checked for existence, only for use', () => {
    const r = applySuppressions([], new Map([['m.py', [trailing(5, ['MOD999'])]]]), { strict: false });
    expect(messages(r.problems)).toEqual(['SUP001 m.py:5:30 warning unused suppression: no MOD999 finding on line 5']);
  });

  it('a suppression for a rule disabled in config is not reported unused', () => {
    const r = run([], { 'm.py': [trailing(5, ['PAR002', 'MOD001'])] }, { disabledCodes: new Set(['PAR002']) });
    expect(messages(r.problems)).toEqual(['SUP001 m.py:5:30 warning unused suppression: no MOD001 finding on line 5']);
  });

  it('disabling SUP001 turns all suppression problems off', () => {
    const r = run([], { 'm.py': [trailing(5, ['MOD001']), trailing(6, null)] }, { strict: true, disabledCodes: new Set(['SUP001']) });
    expect(r.problems).toEqual([]);
  });

  it('an empty code list is a problem of its own', () => {
    const r = run([], { 'm.py': [trailing(5, [])] });
    expect(messages(r.problems)).toEqual([
      'SUP001 m.py:5:30 warning suppression lists no rule code: write "# parity-check: ignore[CODE]"',
    ]);
  });

  it('keeps findings in their input order and sorts problems by file and line', () => {
    const a = finding('MOD001', 'b.py', 9);
    const b = finding('MOD001', 'a.py', 1);
    const r = run([a, b], { 'z.py': [trailing(1, ['MOD001'])], 'a.py': [trailing(3, ['MOD001'])] });
    expect(r.kept).toEqual([a, b]);
    expect(r.problems.map((p) => p.file)).toEqual(['a.py', 'z.py']);
  });
});
