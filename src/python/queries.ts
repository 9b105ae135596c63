// Tree-sitter queries for Python, loaded from queries/python/*.scm at the package root. The files stay
// separate for reading, but their patterns are compiled into two queries, whatever file they are in: a
// query cursor's walk over the tree costs about as much as parsing the file, whatever the patterns, so
// six walks would cost six parses. Every file is walked with the patterns without a predicate; only a
// file holding a word one of the other patterns needs is walked again with those (see patternsOf):
// in a 300-file app, six files. Each match is handed back under the file its pattern came from.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Parser from 'tree-sitter';
import { newQuery } from '../tree-sitter/backend.js';

export const QUERY_NAMES = ['imports', 'definitions', 'app', 'module-paths', 'models', 'syntax', 'six'] as const;
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

/** One pattern of a query file, with the words it can only match with (see `patternsOf`). */
export interface Pattern {
  /** The pattern's text, with what follows it up to the next pattern (its capture, `@name`). */
  text: string;
  /**
   * The strings of its `#any-of?` predicates, or the literal of a `#match?` whose regular
   * expression is a plain word: the captured node's text is, or holds, one of them, so the file's
   * text does too. Undefined for a pattern without such a predicate: it may match in any file. The
   * binding checks predicates in JavaScript after the walk has found (and handed over the nodes of)
   * every candidate: a call pattern filtered by a method name has a candidate at every method call
   * of the file, nearly always in vain.
   */
  words?: string[];
}

/**
 * The patterns of a query file, in one pass: its top-level parenthesised or bracketed groups (a
 * predicate such as `(#any-of? ...)` sits inside its pattern). Comments (`;` to the end of the
 * line) and strings (with backslash escapes) are skipped. The count is checked against the
 * compiled query's own.
 */
export function patternsOf(source: string): Pattern[] {
  const out: Pattern[] = [];
  let start = -1;
  let words: string[] | undefined;
  let depth = 0;
  const end = (at: number) => {
    if (start >= 0) out.push({ text: source.slice(start, at), ...(words ? { words } : {}) });
  };
  /** The string literal opening at `i`: its value and the index of its closing quote. */
  const literal = (i: number): [string, number] => {
    let value = '';
    for (i++; i < source.length && source[i] !== '"'; i++) value += source[i] === '\\' ? source[++i] : source[i];
    return [value, i];
  };
  /** In a predicate, the kind of words its string arguments are: all of them, a plain-word regular expression, or none. */
  let predicate: 'any-of' | 'match' | undefined;
  let predicateDepth = -1;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === ';') {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (c === '"') {
      const [value, close] = literal(i);
      i = close;
      if (predicate === 'any-of') (words ??= []).push(value);
      else if (predicate === 'match') {
        if (/^[A-Za-z0-9_-]+$/.test(value)) (words ??= []).push(value);
        predicate = undefined; // only the regular expression, the first string, counts
      }
    } else if (c === '(' || c === '[') {
      if (depth === 0) {
        end(i);
        start = i;
        words = undefined;
      }
      depth++;
      if (source.startsWith('(#any-of?', i)) (predicate = 'any-of'), (predicateDepth = depth);
      else if (source.startsWith('(#match?', i)) (predicate = 'match'), (predicateDepth = depth);
    } else if (c === ')' || c === ']') {
      if (depth === predicateDepth) (predicate = undefined), (predicateDepth = -1);
      depth--;
    }
  }
  end(source.length);
  return out;
}

interface Compiled {
  query: Parser.Query;
  /** Pattern index → the file it came from, and its index within that file. */
  owner: { name: QueryName; local: number }[];
}

/** Every word of every gating predicate (see patternsOf): a file holding none of them needs none of those patterns. */
export function gateWords(): readonly string[] {
  return load().words;
}

/**
 * The words one query file's gated patterns need (see patternsOf): the extractor skips its own
 * work for that file's facts when the text holds none, with the same list the walk is gated by.
 */
export function queryWords(name: QueryName): readonly string[] {
  return load().byFile.get(name) ?? [];
}

interface Queries {
  /** The patterns without a gating predicate (see patternsOf): every file is walked with them. */
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
  const sources = new Map<QueryName, string>();
  for (const name of QUERY_NAMES) {
    const source = readFileSync(join(packageRoot(), 'queries', 'python', `${name}.scm`), 'utf8');
    sources.set(name, source);
    patternsOf(source).forEach(({ text, words }, local) => patterns.push({ name, local, text, words }));
  }
  const compile = (chosen: typeof patterns): Compiled => {
    let query: Parser.Query;
    try {
      query = newQuery('python', chosen.map((p) => p.text).join('\n'));
    } catch (e) {
      throw new Error(`parity-check: bad query: ${culprit(sources, (e as Error).message)}`);
    }
    // One predicate list per pattern: the patterns the files were split into must be tree-sitter's own.
    const count = (query as unknown as { predicates: unknown[] }).predicates.length;
    if (count !== chosen.length) throw new Error(`parity-check: bad query: ${culprit(sources, `${count} patterns compiled, ${chosen.length} counted`)}`);
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

/**
 * Which .scm file is wrong, once the query the files were merged into failed: each file is
 * compiled alone (only on this path), and its error, or a pattern count that differs from
 * tree-sitter's, is given with its path. `merged` says what went wrong when no file does alone.
 */
export function culprit(sources: ReadonlyMap<string, string>, merged: string): string {
  for (const [name, source] of sources) {
    const file = `queries/python/${name}.scm`;
    let query: Parser.Query;
    try {
      query = newQuery('python', source);
    } catch (e) {
      const message = (e as Error).message;
      // "Query error of type TSQueryErrorNodeType at position 17": the place, and the word there.
      const at = /at position (\d+)/.exec(message);
      if (!at) return `${file}: ${message}`;
      const offset = Number(at[1]);
      const before = source.slice(0, offset).split('\n');
      const word = /^[^\s()[\]"]*/.exec(source.slice(offset))![0];
      return `${file}:${before.length}:${before[before.length - 1].length + 1}: ${message}${word ? ` (at "${word}")` : ''}`;
    }
    const count = (query as unknown as { predicates: unknown[] }).predicates.length;
    const counted = patternsOf(source).length;
    if (count !== counted) return `${file}: tree-sitter compiles ${count} patterns, parity-check split it into ${counted}`;
  }
  return `queries/python/*.scm: ${merged}`;
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
