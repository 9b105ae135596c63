// Tree-sitter queries for Python, loaded from queries/python/*.scm at the package root. The files stay
// separate for reading, but their patterns are compiled into two queries, whatever file they are in: a
// query cursor's walk over the tree costs about as much as parsing the file, whatever the patterns, so
// six walks would cost six parses. Every file is walked with the patterns without a predicate; only a
// file holding a word one of the other patterns needs is walked again with those (see requiredWords):
// in a 300-file app, six files. Each match is handed back under the file its pattern came from.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Parser from 'tree-sitter';
import { pythonLanguage } from './parser.js';

export const QUERY_NAMES = ['imports', 'definitions', 'app', 'module-paths', 'models', 'syntax'] as const;
export type QueryName = (typeof QUERY_NAMES)[number];

let root: string | undefined;

/** The folder of the package.json named "parity-check", walking up from this module (works from src/ and dist/). */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pj = join(dir, 'package.json');
    if (existsSync(pj)) {
      try {
        const name = (JSON.parse(readFileSync(pj, 'utf8')) as { name?: unknown }).name;
        if (name === 'parity-check') return (root = dir);
      } catch {
        // not a readable package.json: keep walking
      }
    }
    const up = dirname(dir);
    if (up === dir) throw new Error('parity-check: cannot find the package root (package.json named "parity-check") to load queries');
    dir = up;
  }
}

/**
 * The patterns of a query file: its top-level parenthesised or bracketed groups (a predicate such as
 * `(#any-of? ...)` sits inside its pattern), each with what follows it up to the next one (its
 * capture, `@name`). Comments (`;` to the end of the line) and strings (with backslash escapes) are
 * skipped. The count is checked against the compiled query's own.
 */
export function splitPatterns(source: string): string[] {
  const starts: number[] = [];
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === ';') {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (c === '"') {
      for (i++; i < source.length && source[i] !== '"'; i++) if (source[i] === '\\') i++;
    } else if (c === '(' || c === '[') {
      if (depth === 0) starts.push(i);
      depth++;
    } else if (c === ')' || c === ']') depth--;
  }
  return starts.map((start, k) => source.slice(start, starts[k + 1] ?? source.length));
}

export function countPatterns(source: string): number {
  return splitPatterns(source).length;
}

/**
 * The words a pattern can only match with: the strings of its `#any-of?` predicates, or the literal
 * of a `#match?` whose regular expression is a plain word (the captured node's text is, or holds, one
 * of them, so the file's text does too). Undefined for a pattern without such a predicate: it may
 * match in any file. The binding checks predicates in JavaScript after the walk has found (and
 * handed over the nodes of) every candidate: a call pattern filtered by a method name has a
 * candidate at every method call of the file, nearly always in vain.
 */
export function requiredWords(pattern: string): string[] | undefined {
  let words: string[] | undefined;
  /** A string literal starting at `i` (the opening quote): its value and the index of its closing quote. */
  const literal = (i: number): [string, number] => {
    let value = '';
    for (i++; i < pattern.length && pattern[i] !== '"'; i++) value += pattern[i] === '\\' ? pattern[++i] : pattern[i];
    return [value, i];
  };
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === ';') {
      while (i < pattern.length && pattern[i] !== '\n') i++;
    } else if (pattern[i] === '"') {
      i = literal(i)[1];
    } else if (pattern.startsWith('(#any-of?', i)) {
      words ??= [];
      for (i += 9; i < pattern.length && pattern[i] !== ')'; i++) {
        if (pattern[i] !== '"') continue;
        const [value, end] = literal(i);
        words.push(value);
        i = end;
      }
    } else if (pattern.startsWith('(#match?', i)) {
      const quote = pattern.indexOf('"', i);
      if (quote < 0) continue;
      const [value, end] = literal(quote);
      if (/^[A-Za-z0-9_-]+$/.test(value)) (words ??= []).push(value);
      i = end;
    }
  }
  return words;
}

interface Compiled {
  query: Parser.Query;
  /** Pattern index → the file it came from, and its index within that file. */
  owner: { name: QueryName; local: number }[];
}

/** Every word of every gating predicate (see requiredWords): a file holding none of them needs none of those patterns. */
export function gateWords(): readonly string[] {
  return load().words;
}

/**
 * The words one query file's gated patterns need (see requiredWords): the extractor skips its own
 * work for that file's facts when the text holds none, with the same list the walk is gated by.
 */
export function queryWords(name: QueryName): readonly string[] {
  return load().byFile.get(name) ?? [];
}

interface Queries {
  /** The patterns without a gating predicate (see requiredWords): every file is walked with them. */
  core: () => Compiled;
  /** The patterns with one: a file is walked with them too when it holds one of `words`. */
  gated: () => Compiled;
  /** Every word of every gating predicate. */
  words: string[];
  /** The words of each query file's gating predicates. */
  byFile: Map<QueryName, string[]>;
}

let queries: Queries | undefined;

function load(): Queries {
  if (queries) return queries;
  const patterns: { name: QueryName; local: number; text: string; words?: string[] }[] = [];
  for (const name of QUERY_NAMES) {
    const file = join(packageRoot(), 'queries', 'python', `${name}.scm`);
    splitPatterns(readFileSync(file, 'utf8')).forEach((text, local) => patterns.push({ name, local, text, words: requiredWords(text) }));
  }
  const compile = (chosen: typeof patterns): Compiled => {
    let query: Parser.Query;
    try {
      query = new Parser.Query(pythonLanguage(), chosen.map((p) => p.text).join('\n'));
    } catch (e) {
      throw new Error(`parity-check: bad query in queries/python/*.scm: ${(e as Error).message}`);
    }
    // One predicate list per pattern: the patterns the files were split into must be tree-sitter's own.
    const count = (query as unknown as { predicates: unknown[] }).predicates.length;
    if (count !== chosen.length) throw new Error(`parity-check: queries/python/*.scm hold ${count} patterns, counted ${chosen.length}`);
    return { query, owner: chosen.map(({ name, local }) => ({ name, local })) };
  };
  // Each compiled on first use: a commit hook's check of a few files may need only one of them.
  let core: Compiled | undefined;
  let gated: Compiled | undefined;
  return (queries = {
    core: () => (core ??= compile(patterns.filter((p) => p.words === undefined))),
    gated: () => (gated ??= compile(patterns.filter((p) => p.words !== undefined))),
    words: [...new Set(patterns.flatMap((p) => p.words ?? []))],
    byFile: new Map(QUERY_NAMES.map((n) => [n, [...new Set(patterns.filter((p) => p.name === n).flatMap((p) => p.words ?? []))]])),
  });
}

/** One match as a map from capture name to node (the last node for a repeated capture). */
export type Captures = Map<string, Parser.SyntaxNode>;
export type Match = { pattern: number; captures: Captures };

/**
 * Every match of every query under `node`, grouped by query file; each group ordered by the start of
 * its first capture. `pattern` counts within the match's own file. `text` is the source the tree was
 * parsed from: a second walk, for the patterns with a gating predicate, is taken only when it holds
 * one of their words (a router module then skips every call-shaped candidate and every comment).
 */
export function pythonMatches(node: Parser.SyntaxNode, text: string): Map<QueryName, Match[]> {
  const q = load();
  const walks = q.words.some((w) => text.includes(w)) ? [q.core(), q.gated()] : [q.core()];
  const found = new Map<QueryName, { start: number; match: Match }[]>(QUERY_NAMES.map((n) => [n, []]));
  for (const { query, owner } of walks) {
    for (const m of query.matches(node)) {
      const { name, local } = owner[m.pattern];
      const captures: Captures = new Map();
      let start = Infinity;
      for (const c of m.captures) {
        captures.set(c.name, c.node);
        start = Math.min(start, c.node.startIndex);
      }
      found.get(name)!.push({ start, match: { pattern: local, captures } });
    }
  }
  return new Map([...found].map(([name, list]) => [name, list.sort((a, b) => a.start - b.start).map((x) => x.match)]));
}
