// The case format itself: what parseFiles reads is what formatFiles writes.
import { describe, expect, it } from 'vitest';
import { formatFiles, parseFiles } from './tester.js';

describe('the case format', () => {
  it('reads headers, bodies, empty files and blank last lines; text before the first header is a comment', () => {
    const text = 'a comment\n-- main.py --\nimport x\n\n-- pkg/__init__.py --\n-- pkg/mod.py --\nx = 1\n\n\n';
    expect(parseFiles(text)).toEqual({ 'main.py': 'import x\n\n', 'pkg/__init__.py': '', 'pkg/mod.py': 'x = 1\n\n\n' });
  });
  it('round-trips files that end with a newline', () => {
    const files = { 'main.py': 'import x\n', 'pkg/__init__.py': '', 'b.txt': 'a\n\nb\n' };
    expect(parseFiles(formatFiles(files))).toEqual(files);
    expect(parseFiles('\n' + formatFiles(files))).toEqual(files);
  });
  it('refuses a file given twice', () => {
    expect(() => parseFiles('-- a.py --\n-- a.py --\n')).toThrow('a.py is given twice');
  });
});
