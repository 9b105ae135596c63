// The case format itself (what parseFiles reads is what formatFiles writes), and a case file for every rule.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/index.js';
import { REPO } from '../helpers.js';
import { formatFiles, parseFiles } from './tester.js';

it('every rule has its cases in test/rules/<code>.test.ts', () => {
  const missing = RULES.map((r) => `${r.code.toLowerCase()}.test.ts`).filter((f) => !fs.existsSync(path.join(REPO, 'test', 'rules', f)));
  expect(missing).toEqual([]);
});

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
