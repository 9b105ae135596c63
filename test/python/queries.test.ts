import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Parser from 'tree-sitter';
import { describe, expect, it } from 'vitest';
import { pythonLanguage } from '../../src/python/parser.js';
import { QUERY_NAMES, countPatterns, packageRoot, pythonMatches } from '../../src/python/queries.js';

describe('queries: every .scm file compiled into one query', () => {
  it('counts patterns as tree-sitter does, skipping parentheses in strings and comments', () => {
    const src = '; (not a pattern)\n(call function: (identifier) @f (#match? @f "^(a|b)\\"(")) @c\n[(string) (integer)] @lit\n';
    expect(countPatterns(src)).toBe(2);
    // Per file, against the count of the file compiled alone.
    for (const name of QUERY_NAMES) {
      const source = readFileSync(join(packageRoot(), 'queries', 'python', `${name}.scm`), 'utf8');
      const alone = new Parser.Query(pythonLanguage(), source) as unknown as { predicates: unknown[] };
      expect(countPatterns(source), name).toBe(alone.predicates.length);
    }
  });

  it('hands each match back under its own file, with the pattern index of that file', () => {
    const tree = new Parser();
    tree.setLanguage(pythonLanguage());
    const root = tree.parse('import os\nfrom a import b  # parity-check: ignore\nclass C(Base):\n    x = 1\n').rootNode;
    const m = pythonMatches(root);
    expect(m.get('imports')!.map((x) => [...x.captures.keys()])).toEqual([['import'], ['from']]);
    expect(m.get('syntax')!.map((x) => x.captures.get('comment')?.text)).toEqual(['# parity-check: ignore']);
    expect(m.get('models')!.map((x) => x.captures.get('name')?.text)).toEqual(['C']);
    // definitions.scm: class (pattern 0) and the assignment inside it (pattern 2)
    expect(m.get('definitions')!.map((x) => x.pattern)).toEqual([0, 2]);
    expect(m.get('app')).toEqual([]);
  });
});
