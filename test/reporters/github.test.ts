import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, renderGithub } from '../../src/reporters/github.js';
import type { Finding, NotChecked } from '../../src/types.js';

describe('renderGithub', () => {
  it('writes one workflow command per finding, sorted, warnings as ::warning', () => {
    const findings: Finding[] = [
      { ruleId: 'PAR001', severity: 'warning', file: 'app/main.py', line: 7, column: 1, message: 'GZipMiddleware is missing from lazy_app.py' },
      {
        ruleId: 'MOD001',
        severity: 'error',
        file: 'app/main.py',
        line: 4,
        column: 10,
        endLine: 4,
        endColumn: 15,
        message: 'module path "a.b" does not resolve',
      },
    ];
    expect(renderGithub(findings).split('\n')).toEqual([
      '::error file=app/main.py,line=4,col=10,endLine=4,endColumn=15,title=MOD001::module path "a.b" does not resolve',
      '::warning file=app/main.py,line=7,col=1,title=PAR001::GZipMiddleware is missing from lazy_app.py',
      '',
    ]);
  });

  it('escapes data and properties by the workflow-command rules', () => {
    const f: Finding = {
      ruleId: 'MOD001',
      severity: 'error',
      file: 'odd,dir/a:b%.py',
      line: 1,
      column: 2,
      message: '100% broken:\r\nsee, here',
    };
    expect(renderGithub([f])).toBe(
      '::error file=odd%2Cdir/a%3Ab%25.py,line=1,col=2,title=MOD001::100%25 broken:%0D%0Asee, here\n',
    );
    expect(escapeData('a%b\rc\nd:e,f')).toBe('a%25b%0Dc%0Ad:e,f');
    expect(escapeProperty('a%b\rc\nd:e,f')).toBe('a%25b%0Dc%0Ad%3Ae%2Cf');
  });

  it('lists related locations on extra lines of the message', () => {
    const f: Finding = {
      ruleId: 'PAR005',
      severity: 'error',
      file: 'app/lazy_app.py',
      line: 3,
      column: 1,
      message: 'startup hook missing',
      related: [{ file: 'app/main.py', line: 9, column: 5, endLine: 9, endColumn: 12 }],
    };
    expect(renderGithub([f])).toBe(
      '::error file=app/lazy_app.py,line=3,col=1,title=PAR005::startup hook missing%0A↳ app/main.py:9:5\n',
    );
  });

  it('prints nothing when there is nothing to annotate', () => {
    expect(renderGithub([])).toBe('');
  });
});

describe('GitHub\'s annotation limit', () => {
  const finding = (i: number, severity: 'error' | 'warning'): Finding => ({
    ruleId: severity === 'error' ? 'MOD001' : 'PAR004',
    severity,
    file: `app/m${String(i).padStart(2, '0')}.py`,
    line: 1,
    column: 1,
    message: `finding ${i}`,
  });

  it('annotates 10 errors and 10 warnings, prints the rest as log lines, and says so in one notice', () => {
    const findings = [...Array.from({ length: 13 }, (_, i) => finding(i, 'error')), ...Array.from({ length: 11 }, (_, i) => finding(i, 'warning'))];
    const lines = renderGithub(findings).trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('::error')).length).toBe(10);
    expect(lines.filter((l) => l.startsWith('::warning')).length).toBe(10);
    const plain = lines.filter((l) => !l.startsWith('::'));
    expect(plain).toEqual([
      'app/m10.py:1:1  MOD001  error  finding 10',
      'app/m10.py:1:1  PAR004  warning  finding 10',
      'app/m11.py:1:1  MOD001  error  finding 11',
      'app/m12.py:1:1  MOD001  error  finding 12',
    ]);
    expect(lines.at(-1)).toBe(
      "::notice title=parity-check::4 more findings are in this step's log, not annotated: GitHub shows at most 10 error and 10 warning annotations per step.",
    );
    // Every finding is in the output once.
    for (const f of findings) expect(lines.filter((l) => l.includes(f.file) && l.includes(f.ruleId)).length).toBe(1);
  });

  it('adds no notice at the limit', () => {
    const out = renderGithub(Array.from({ length: 10 }, (_, i) => finding(i, 'error')));
    expect(out.split('\n').filter(Boolean).every((l) => l.startsWith('::error'))).toBe(true);
  });

  const skipped = (i: number): NotChecked => ({
    name: `fn${String(i).padStart(2, '0')}`,
    loc: { file: 'template.yaml', line: i + 1, column: 3, endLine: i + 1, endColumn: 10 },
    why: 'its package is not known (CodeUri is !GetAtt Build.Path)',
  });

  it('names functions not checked as notices, 10 at most with the one that counts the rest', () => {
    expect(renderGithub([], [skipped(0)])).toBe(
      '::notice file=template.yaml,line=1,col=3,title=parity-check%3A fn00 not checked::function fn00 not checked: its package is not known (CodeUri is !GetAtt Build.Path)\n',
    );
    // Ten fit; eleven leave two in the log and one notice saying so.
    expect(renderGithub([], Array.from({ length: 10 }, (_, i) => skipped(i))).split('\n').filter((l) => l.startsWith('::notice')).length).toBe(10);
    const lines = renderGithub([], Array.from({ length: 11 }, (_, i) => skipped(i))).trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('::notice')).length).toBe(10);
    expect(lines.filter((l) => !l.startsWith('::'))).toEqual([
      'template.yaml:10:3  function fn09 not checked: its package is not known (CodeUri is !GetAtt Build.Path)',
      'template.yaml:11:3  function fn10 not checked: its package is not known (CodeUri is !GetAtt Build.Path)',
    ]);
    expect(lines.at(-1)).toBe(
      "::notice title=parity-check::2 more Lambda functions not checked are in this step's log, not annotated: GitHub shows at most 10 notice annotations per step.",
    );
  });

  it('with findings past the limit too, one notice counts both', () => {
    const findings = Array.from({ length: 11 }, (_, i) => finding(i, 'error'));
    const lines = renderGithub(findings, Array.from({ length: 10 }, (_, i) => skipped(i))).trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('::notice')).length).toBe(10);
    expect(lines.at(-1)).toBe(
      "::notice title=parity-check::1 more finding is in this step's log, not annotated: GitHub shows at most 10 error and 10 warning annotations per step. 1 more Lambda function not checked is in this step's log, not annotated: GitHub shows at most 10 notice annotations per step.",
    );
  });
});
