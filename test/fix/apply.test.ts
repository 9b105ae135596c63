import { describe, expect, it } from 'vitest';
import { applyEdits, applyEditsWithReport, unifiedDiff } from '../../src/fix/apply.js';
import type { TextEdit } from '../../src/types.js';

const edit = (line: number, column: number, endLine: number, endColumn: number, text: string): TextEdit => ({
  file: 'f.py',
  span: { line, column, endLine, endColumn },
  text,
});

describe('applyEdits', () => {
  it('replaces a span on one line', () => {
    expect(applyEdits('x = load("a.b")\n', [edit(1, 10, 1, 15, '"app.b"')])).toBe('x = load("app.b")\n');
  });

  it('applies several edits given in any order, including an insertion and a multi-line deletion', () => {
    const text = 'import a\nimport b\nimport c\nx = a.f()\n';
    const out = applyEdits(text, [
      edit(4, 5, 4, 6, 'alpha'),
      edit(1, 1, 1, 1, 'import z\n'),
      edit(2, 1, 3, 1, ''),
    ]);
    expect(out).toBe('import z\nimport a\nimport c\nx = alpha.f()\n');
  });

  it('keeps CRLF line endings, also in inserted text', () => {
    const text = 'a = 1\r\nb = 2\r\n';
    expect(applyEdits(text, [edit(1, 6, 1, 6, '\nc = 3'), edit(2, 5, 2, 6, '20')])).toBe('a = 1\r\nc = 3\r\nb = 20\r\n');
    // A column past the end of a CRLF line stops before the \r\n.
    expect(applyEdits(text, [edit(1, 99, 1, 99, '  # x')])).toBe('a = 1  # x\r\nb = 2\r\n');
  });

  it('keeps a BOM, with columns counted after it', () => {
    const text = '\ufeffimport a\n';
    expect(applyEdits(text, [edit(1, 8, 1, 9, 'b')])).toBe('\ufeffimport b\n');
    expect(applyEdits(text, [edit(1, 1, 1, 1, '# hi\n')])).toBe('\ufeff# hi\nimport a\n');
  });

  it('counts columns in UTF-16 code units (astral characters take two)', () => {
    const text = 's = "é🐍" + bad\n';
    expect(applyEdits(text, [edit(1, 13, 1, 16, 'good')])).toBe('s = "é🐍" + good\n');
    expect(applyEdits(text, [edit(1, 7, 1, 9, '🦎')])).toBe('s = "é🦎" + bad\n');
  });

  it('skips an edit overlapping an earlier one and says which', () => {
    const a = edit(1, 1, 1, 6, 'AAAAA');
    const overlapping = edit(1, 4, 1, 8, 'B');
    const touching = edit(1, 6, 1, 7, 'C');
    const r = applyEditsWithReport('0123456789\n', [overlapping, touching, a]);
    expect(r.text).toBe('AAAAAC6789\n');
    expect(r.applied).toEqual([a, touching]);
    expect(r.skipped).toEqual([overlapping]);
    // Two replacements of the same range conflict; the first given wins.
    const r2 = applyEditsWithReport('abc\n', [edit(1, 1, 1, 2, 'X'), edit(1, 1, 1, 2, 'Y')]);
    expect(r2.text).toBe('Xbc\n');
    expect(r2.skipped).toEqual([edit(1, 1, 1, 2, 'Y')]);
  });

  it('keeps several insertions at one point in the order given', () => {
    const r = applyEditsWithReport('x\n', [edit(1, 1, 1, 1, 'a'), edit(1, 1, 1, 1, 'b')]);
    expect(r.text).toBe('abx\n');
    expect(r.skipped).toEqual([]);
  });

  it('skips an edit whose end is before its start, and clamps spans past the end of the file', () => {
    const backwards = edit(2, 1, 1, 1, 'x');
    const r = applyEditsWithReport('a\nb', [backwards, edit(2, 2, 9, 1, '!')]);
    expect(r.text).toBe('a\nb!');
    expect(r.skipped).toEqual([backwards]);
  });

  it('returns the text unchanged when there are no edits', () => {
    expect(applyEdits('\ufeffa\r\n', [])).toBe('\ufeffa\r\n');
  });
});

describe('unifiedDiff', () => {
  it('is a git-style patch with a/ and b/ prefixes', () => {
    const before = 'import a\nx = load("a.b")\ny = 1\n';
    const after = applyEdits(before, [edit(2, 10, 2, 15, '"app.b"')]);
    expect(unifiedDiff('app/main.py', before, after)).toBe(
      [
        '--- a/app/main.py',
        '+++ b/app/main.py',
        '@@ -1,3 +1,3 @@',
        ' import a',
        '-x = load("a.b")',
        '+x = load("app.b")',
        ' y = 1',
        '',
      ].join('\n'),
    );
  });

  it('is empty when nothing changed', () => {
    expect(unifiedDiff('a.py', 'x\n', 'x\n')).toBe('');
  });
});
