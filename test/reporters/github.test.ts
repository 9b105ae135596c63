import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, renderGithub } from '../../src/reporters/github.js';
import type { Finding } from '../../src/types.js';

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
