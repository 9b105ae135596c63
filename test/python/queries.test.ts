import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Parser from 'tree-sitter';
import { describe, expect, it } from 'vitest';
import { pythonLanguage } from '../../src/python/parser.js';
import { QUERY_NAMES, culprit, gateWords, packageRoot, patternsOf, pythonMatches, type Match } from '../../src/python/queries.js';

const splitPatterns = (source: string) => patternsOf(source).map((p) => p.text);
/** The words of a source holding one pattern. */
const requiredWords = (pattern: string) => {
  const [one, ...more] = patternsOf(pattern);
  expect(more).toEqual([]);
  return one.words;
};
import { REPO } from '../helpers.js';

describe('queries: every .scm file compiled into one query', () => {
  it('counts patterns as tree-sitter does, skipping parentheses in strings and comments', () => {
    const src = '; (not a pattern)\n(call function: (identifier) @f (#match? @f "^(a|b)\\"(")) @c\n[(string) (integer)] @lit\n';
    expect(patternsOf(src)).toHaveLength(2);
    // Per file, against the count of the file compiled alone.
    for (const name of QUERY_NAMES) {
      const source = readFileSync(join(packageRoot(), 'queries', 'python', `${name}.scm`), 'utf8');
      const alone = new Parser.Query(pythonLanguage(), source) as unknown as { predicates: unknown[] };
      expect(patternsOf(source), name).toHaveLength(alone.predicates.length);
    }
  });

  it('hands each match back under its own file, with the pattern index of that file', () => {
    const tree = new Parser();
    tree.setLanguage(pythonLanguage());
    const text = 'import os\nfrom a import b  # parity-check: ignore\nclass C(Base):\n    x = 1\n';
    const m = pythonMatches(tree.parse(text).rootNode, text);
    expect(m.get('imports')!.map((x) => [...x.captures.keys()])).toEqual([['import'], ['from']]);
    expect(m.get('syntax')!.map((x) => x.captures.get('comment')?.text)).toEqual(['# parity-check: ignore']);
    expect(m.get('models')!.map((x) => x.captures.get('name')?.text)).toEqual(['C']);
    // definitions.scm: class (pattern 0) and the assignment inside it (pattern 2)
    expect(m.get('definitions')!.map((x) => x.pattern)).toEqual([0, 2]);
    expect(m.get('app')).toEqual([]);
  });

  it('names the .scm file a bad query comes from', () => {
    const good = '(import_statement) @import\n';
    expect(culprit(new Map([['imports', good], ['app', '; calls\n(call function: (nope) @f) @c\n']]), 'merged')).toBe(
      'queries/python/app.scm:2:18: Query error of type TSQueryErrorNodeType at position 25 (at "nope")',
    );
    // A file tree-sitter reads as more patterns than the split found: a bare anonymous-node pattern is a string to the split.
    expect(culprit(new Map([['imports', good], ['models', '"def" @keyword\n(identifier) @name\n']]), 'merged')).toBe(
      'queries/python/models.scm: tree-sitter compiles 2 patterns, parity-check split it into 1',
    );
    expect(culprit(new Map([['imports', good]]), 'what failed')).toBe('queries/python/*.scm: what failed');
  });

  it('splits a file into its patterns, each with its own capture', () => {
    const src = '; a comment (not a pattern)\n(import_statement) @import\n\n; another\n[(string) (integer)] @lit\n((call) @c (#eq? @c "x"))\n';
    expect(splitPatterns(src).map((p) => p.trim())).toEqual(['(import_statement) @import\n\n; another', '[(string) (integer)] @lit', '((call) @c (#eq? @c "x"))']);
  });

  it('finds the words of #any-of? predicates and plain-word #match? predicates, and none in comments, strings or other predicates', () => {
    expect(requiredWords('(call function: (identifier) @f (#any-of? @f "import_module" "__import__")) @call')).toEqual(['import_module', '__import__']);
    expect(requiredWords('((identifier) @x (#not-any-of? @x "a" "b"))')).toBeUndefined();
    expect(requiredWords('; (#any-of? @x "no")\n((string) @s (#eq? @s "(#any-of? @x \\"no\\")"))')).toBeUndefined();
    expect(requiredWords('(import_statement) @import')).toBeUndefined();
    expect(requiredWords('((comment) @c (#match? @c "parity-check"))')).toEqual(['parity-check']);
    // A regular expression that is not a plain word says nothing about the text.
    expect(requiredWords('((comment) @c (#match? @c "^# (a|b)"))')).toBeUndefined();
    // Every predicate of the shipped queries gates its pattern: a file without any of these words is
    // walked without the patterns that need one.
    expect([...gateWords()].sort()).toEqual(
      ['FastAPI', 'Mangum', 'MovedAttribute', 'MovedModule', 'SQLAlchemy', 'Starlette', '__import__', 'add_event_handler', 'add_exception_handler', 'add_middleware', 'declarative_base', 'exception_handler', 'generate_base', 'import_module', 'include_router', 'middleware', 'mount', 'noqa', 'on_event', 'parity-check', 'routes'].sort(),
    );
    for (const name of QUERY_NAMES) {
      const source = readFileSync(join(packageRoot(), 'queries', 'python', `${name}.scm`), 'utf8');
      for (const pattern of splitPatterns(source)) if (pattern.includes('(#')) expect(requiredWords(pattern), pattern).toBeDefined();
    }
  });

  it('gives the same matches with and without the patterns a file holds no word for', () => {
    // Every Python file of the examples and the test fixtures, walked as it is (only the patterns it
    // can need when it lacks the words) and with every word appended to the text (every pattern).
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(dir, e.name));
        else if (e.name.endsWith('.py')) files.push(join(dir, e.name));
      }
    };
    walk(join(REPO, 'examples'));
    walk(join(REPO, 'test', 'fixtures'));
    const extra = [
      'from fastapi import APIRouter\nrouter = APIRouter()\n\n@router.get("/")\ndef f(session):\n    x = session.query(A).count()\n    return g(x)\n',
      'import importlib\nm = importlib.import_module("a.b")\n',
      'app = fastapi . FastAPI()\napp.add_middleware(GZip)\n',
      'import os  # a comment\n# another\nx = 1\n',
      'import os  # a comment\n# another\nx = 1  # parity-check: ignore[MOD001]\n',
    ];
    const texts = [...files.map((f) => readFileSync(f, 'utf8')), ...extra];
    expect(files.length).toBeGreaterThan(20);
    const parser = new Parser();
    parser.setLanguage(pythonLanguage());
    const plain = (m: Map<string, Match[]>) =>
      [...m].map(([name, list]) => [name, list.map((x) => [x.pattern, [...x.captures].map(([c, n]) => [c, n.startIndex, n.endIndex])])]);
    let gated = 0;
    for (const text of texts) {
      const root = parser.parse(text).rootNode;
      if (!gateWords().some((w) => text.includes(w))) gated++;
      expect(plain(pythonMatches(root, text))).toEqual(plain(pythonMatches(root, `${text}\n${gateWords().join(' ')}`)));
    }
    // Texts with and without the words both occur.
    expect(gated).toBeGreaterThan(5);
    expect(gated).toBeLessThan(texts.length);
  });

  it('leaves out the gated patterns when the text lacks their words', () => {
    // The text is what decides: the same tree, told its text lacks "FastAPI", is walked without the
    // app patterns (which is only right because such a text cannot hold an app).
    const parser = new Parser();
    parser.setLanguage(pythonLanguage());
    const root = parser.parse('app = FastAPI()\n').rootNode;
    expect(pythonMatches(root, 'app = FastAPI()\n').get('app')).toHaveLength(1);
    expect(pythonMatches(root, '').get('app')).toEqual([]);
    // The ungated patterns are walked either way.
    expect(pythonMatches(root, '').get('definitions')).toHaveLength(1);
  });

  it('reads app classes by their last name, however the dotted name is spaced', () => {
    const parser = new Parser();
    parser.setLanguage(pythonLanguage());
    const text = 'import fastapi\napp = fastapi . FastAPI()\nother = fastapi.FastAPIish()\nh = Mangum(app)\n';
    const app = pythonMatches(parser.parse(text).rootNode, text).get('app')!;
    expect(app.map((m) => m.captures.get('variable')?.text)).toEqual(['app', 'h']);
  });
});
