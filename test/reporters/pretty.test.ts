import { describe, expect, it } from 'vitest';
import { renderPretty } from '../../src/reporters/pretty.js';
import type { Finding } from '../../src/types.js';

const MAIN = ['import os', '', 'from app import routers', 'x = load("a.b")  # load it', 'y = 2', ''].join('\n');
const LAZY = 'from app.main import app\n';

const mod001: Finding = {
  ruleId: 'MOD001',
  severity: 'error',
  file: 'app/main.py',
  line: 4,
  column: 10,
  endLine: 4,
  endColumn: 15,
  message: 'module path "a.b" does not resolve',
  related: [{ file: 'app/lazy.py', line: 1, column: 1, endLine: 1, endColumn: 25 }],
};
const par001: Finding = {
  ruleId: 'PAR001',
  severity: 'warning',
  file: 'app/lazy.py',
  line: 1,
  column: 6,
  message: 'GZipMiddleware is missing',
};

const sources = new Map([
  ['app/main.py', MAIN],
  ['app/lazy.py', LAZY],
]);

const strip = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');

describe('renderPretty', () => {
  it('prints header, code frame, related locations and summary, sorted by file (colour off)', () => {
    const out = renderPretty([mod001, par001], { sources, color: false });
    expect(out).toBe(
      [
        'app/lazy.py:1:6  PAR001  warning  GZipMiddleware is missing',
        '  > 1 | from app.main import app',
        '      |      ^',
        '',
        'app/main.py:4:10  MOD001  error  module path "a.b" does not resolve',
        '    2 |',
        '    3 | from app import routers',
        '  > 4 | x = load("a.b")  # load it',
        '      |          ^^^^^',
        '  ↳ app/lazy.py:1:1  from app.main import app',
        '',
        '✖ 1 error, 1 warning (2 files)',
        '',
      ].join('\n'),
    );
  });

  it('uses ANSI colours only when asked, and the same text otherwise', () => {
    const plain = renderPretty([mod001, par001], { sources, color: false });
    const coloured = renderPretty([mod001, par001], { sources, color: true });
    expect(plain).not.toContain('\u001b[');
    expect(coloured).toContain('\u001b[');
    expect(strip(coloured)).toBe(plain);
  });

  it('colours exactly: bold location, red error code, yellow warning code, dim gutter', () => {
    const out = renderPretty([par001], { sources, color: true });
    expect(out).toBe(
      [
        '\u001b[1mapp/lazy.py:1:6\u001b[22m  \u001b[33m\u001b[1mPAR001\u001b[22m\u001b[39m  \u001b[33mwarning\u001b[39m  GZipMiddleware is missing',
        '  \u001b[33m\u001b[1m>\u001b[22m\u001b[39m \u001b[2m1\u001b[22m \u001b[2m|\u001b[22m from app.main import app',
        '      \u001b[2m|\u001b[22m      \u001b[33m\u001b[1m^\u001b[22m\u001b[39m',
        '',
        '\u001b[33m\u001b[1m✖\u001b[22m\u001b[39m \u001b[1m1 warning\u001b[22m (1 file)',
        '',
      ].join('\n'),
    );
    const err = renderPretty([{ ...mod001, related: undefined }], { sources, color: true });
    expect(err.split('\n')[0]).toBe(
      '\u001b[1mapp/main.py:4:10\u001b[22m  \u001b[31m\u001b[1mMOD001\u001b[22m\u001b[39m  \u001b[31merror\u001b[39m  module path "a.b" does not resolve',
    );
  });

  it('reports a clean run with the caller’s extra counts', () => {
    expect(renderPretty([], { sources, color: false, summaryExtra: ['2 apps', '14 files'] })).toBe(
      '✔ No problems found (2 apps, 14 files)\n',
    );
    expect(renderPretty([], { sources, color: false })).toBe('✔ No problems found\n');
    expect(renderPretty([], { sources, color: true })).toBe('\u001b[32m✔\u001b[39m No problems found\n');
  });

  it('pluralises, counts files, appends extras and the fixable count', () => {
    const fixable: Finding = {
      ...par001,
      line: 1,
      column: 1,
      fix: { safe: true, description: 'add it', edits: [] },
    };
    const out = renderPretty([par001, fixable, { ...par001, file: 'b.py' }], {
      sources: new Map(),
      color: false,
      summaryExtra: ['3 suppressed'],
    });
    expect(out).toBe(
      [
        'app/lazy.py:1:1  PAR001  warning  GZipMiddleware is missing  [*]',
        '',
        'app/lazy.py:1:6  PAR001  warning  GZipMiddleware is missing',
        '',
        'b.py:1:6  PAR001  warning  GZipMiddleware is missing',
        '',
        '✖ 3 warnings (2 files, 3 suppressed)',
        '  [*] 1 fixable with --fix',
        '',
      ].join('\n'),
    );
  });

  it('sorts by file, line, column, then code', () => {
    const mk = (file: string, line: number, column: number, ruleId: string): Finding => ({
      ruleId,
      severity: 'error',
      file,
      line,
      column,
      message: 'm',
    });
    const out = renderPretty([mk('b.py', 1, 1, 'A1'), mk('a.py', 2, 1, 'A1'), mk('a.py', 1, 5, 'B1'), mk('a.py', 1, 5, 'A1'), mk('a.py', 1, 2, 'Z9')], {
      sources: new Map(),
      color: false,
    });
    const headers = out.split('\n').filter((l) => l.includes('  error  '));
    expect(headers).toEqual([
      'a.py:1:2  Z9  error  m',
      'a.py:1:5  A1  error  m',
      'a.py:1:5  B1  error  m',
      'a.py:2:1  A1  error  m',
      'b.py:1:1  A1  error  m',
    ]);
  });

  it('expands tabs to 4-column stops and keeps carets under the span', () => {
    const src = 'def f():\n\tif x:\n\t\treturn load("m")\n';
    const f: Finding = { ruleId: 'MOD001', severity: 'error', file: 't.py', line: 3, column: 15, endLine: 3, endColumn: 18, message: 'm' };
    const out = renderPretty([f], { sources: new Map([['t.py', src]]), color: false });
    expect(out.split('\n').slice(1, 5)).toEqual([
      '    1 | def f():',
      '    2 |     if x:',
      '  > 3 |         return load("m")',
      '      |                     ^^^',
    ]);
    expect(out).not.toContain('\t');
  });

  it('counts columns in UTF-16 units and aligns carets by terminal cells (emoji are two wide)', () => {
    const src = 's = "é🐍" + bad\n';
    // UTF-16: s(1) space(2) =(3) space(4) "(5) é(6) 🐍(7,8) "(9) space(10) +(11) space(12) b(13);
    // on screen the snake takes two cells, so `b` is in cell 13 (0-based 12).
    const f: Finding = { ruleId: 'X001', severity: 'warning', file: 'u.py', line: 1, column: 13, endLine: 1, endColumn: 16, message: 'm' };
    const out = renderPretty([f], { sources: new Map([['u.py', src]]), color: false });
    expect(out.split('\n').slice(1, 3)).toEqual(['  > 1 | s = "é🐍" + bad', '      |             ^^^']);
  });

  it('puts one caret when the span ends on another line or has no end', () => {
    const f: Finding = { ruleId: 'X001', severity: 'error', file: 'app/main.py', line: 3, column: 6, endLine: 5, endColumn: 2, message: 'm' };
    const out = renderPretty([f], { sources, color: false });
    expect(out.split('\n').slice(1, 5)).toEqual([
      '    1 | import os',
      '    2 |',
      '  > 3 | from app import routers',
      '      |      ^',
    ]);
  });

  it('widens the gutter to the largest line number and shows fewer context lines at the top', () => {
    const src = Array.from({ length: 12 }, (_, i) => `line${i + 1}`).join('\n');
    const at = (line: number): Finding => ({ ruleId: 'X001', severity: 'error', file: 'n.py', line, column: 1, endLine: line, endColumn: 5, message: 'm' });
    const out10 = renderPretty([at(10)], { sources: new Map([['n.py', src]]), color: false });
    expect(out10.split('\n').slice(1, 5)).toEqual(['     8 | line8', '     9 | line9', '  > 10 | line10', '       | ^^^^']);
    const out1 = renderPretty([at(1)], { sources: new Map([['n.py', src]]), color: false });
    expect(out1.split('\n').slice(1, 3)).toEqual(['  > 1 | line1', '      | ^^^^']);
  });

  it('cuts long lines, keeping the span in view with an ellipsis on each cut side', () => {
    const src = 'x = ' + 'a'.repeat(200) + ' + bad + ' + 'b'.repeat(300) + '\n';
    const f: Finding = { ruleId: 'X001', severity: 'error', file: 'l.py', line: 1, column: 208, endLine: 1, endColumn: 211, message: 'm' };
    const out = renderPretty([f], { sources: new Map([['l.py', src]]), color: false });
    const [, code, carets] = out.split('\n');
    const shown = code.slice('  > 1 | '.length);
    expect(Array.from(shown)).toHaveLength(120);
    expect(shown.startsWith('…' + 'a'.repeat(21) + ' + bad + b')).toBe(true);
    expect(shown.endsWith('b…')).toBe(true);
    expect(carets).toBe('      | ' + ' '.repeat(25) + '^^^');
    // A long line whose span is near the start is only cut on the right.
    const g: Finding = { ...f, column: 1, endColumn: 2 };
    const [, code2, carets2] = renderPretty([g], { sources: new Map([['l.py', src]]), color: false }).split('\n');
    expect(code2).toBe('  > 1 | x = ' + 'a'.repeat(115) + '…');
    expect(carets2).toBe('      | ^');
  });

  it('prints no frame when the source is unknown or the line is out of range', () => {
    const f: Finding = { ...par001, line: 40 };
    const out = renderPretty([f], { sources, color: false });
    expect(out).toBe('app/lazy.py:40:6  PAR001  warning  GZipMiddleware is missing\n\n✖ 1 warning (1 file)\n');
  });

  it('neutralises control characters from the source and handles CRLF and BOM', () => {
    const src = '\ufeffa = 1\r\nb = "\u001b[31m"\r\n';
    const f: Finding = { ruleId: 'X001', severity: 'error', file: 'c.py', line: 2, column: 1, endLine: 2, endColumn: 2, message: 'm' };
    const out = renderPretty([f], { sources: new Map([['c.py', src]]), color: false });
    expect(out.split('\n').slice(1, 4)).toEqual(['    1 | a = 1', '  > 2 | b = "\ufffd[31m"', '      | ^']);
  });

  it('never leaves trailing whitespace', () => {
    const src = 'a = 1   \n\n   \nb = 2\t\n';
    const f: Finding = { ruleId: 'X001', severity: 'error', file: 'w.py', line: 4, column: 1, message: 'trailing  ' };
    for (const color of [false, true]) {
      const out = renderPretty([f], { sources: new Map([['w.py', src]]), color });
      for (const line of strip(out).split('\n')) expect(line).toBe(line.trimEnd());
    }
  });

  it('lists functions not checked after the findings and counts them in the summary', () => {
    const notChecked = [
      { name: 'B', loc: { file: 't.yaml', line: 9, column: 3, endLine: 9, endColumn: 4 }, why: 'its handler is not known (!Sub with parameters)', fix: 'state it' },
      { name: 'A', loc: { file: 't.yaml', line: 2, column: 3, endLine: 2, endColumn: 4 }, why: 'its package is not known (built elsewhere)' },
    ];
    expect(renderPretty([], { sources, color: false, notChecked, summaryExtra: ['1 app'] })).toBe(
      [
        't.yaml:2:3  function A not checked: its package is not known (built elsewhere)',
        '',
        't.yaml:9:3  function B not checked: its handler is not known (!Sub with parameters)',
        '    state it',
        '',
        '✔ No problems found in what was checked; 2 Lambda functions not checked (1 app)',
        '',
      ].join('\n'),
    );
    expect(renderPretty([par001], { sources, color: false, notChecked: notChecked.slice(0, 1) }).trimEnd().split('\n').at(-1)).toBe(
      '✖ 1 warning; 1 Lambda function not checked (1 file)',
    );
    const coloured = renderPretty([], { sources, color: true, notChecked });
    expect(strip(coloured)).toBe(renderPretty([], { sources, color: false, notChecked }));
  });
});
