// Tree-sitter queries for Python, loaded from queries/python/*.scm at the package root. The files stay
// separate for reading, but they are compiled into ONE query, run once per file: a query cursor's walk
// over the tree costs about as much as parsing the file, whatever the patterns, so six walks cost six
// parses. Each match is handed back under the file its pattern came from.
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
 * How many patterns a query file holds: its top-level parenthesised or bracketed groups (a predicate
 * such as `(#match? ...)` sits inside its pattern). Comments (`;` to the end of the line) and strings
 * (with backslash escapes) are skipped. Checked against the compiled query's own count.
 */
export function countPatterns(source: string): number {
  let depth = 0;
  let count = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === ';') {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (c === '"') {
      for (i++; i < source.length && source[i] !== '"'; i++) if (source[i] === '\\') i++;
    } else if (c === '(' || c === '[') {
      if (depth === 0) count++;
      depth++;
    } else if (c === ')' || c === ']') depth--;
  }
  return count;
}

interface Compiled {
  query: Parser.Query;
  /** Pattern index → the file it came from, and its index within that file. */
  owner: { name: QueryName; local: number }[];
}

let compiled: Compiled | undefined;

function compile(): Compiled {
  if (compiled) return compiled;
  const owner: Compiled['owner'] = [];
  const sources: string[] = [];
  for (const name of QUERY_NAMES) {
    const file = join(packageRoot(), 'queries', 'python', `${name}.scm`);
    const source = readFileSync(file, 'utf8');
    sources.push(source);
    const count = countPatterns(source);
    for (let local = 0; local < count; local++) owner.push({ name, local });
  }
  let query: Parser.Query;
  try {
    query = new Parser.Query(pythonLanguage(), sources.join('\n'));
  } catch (e) {
    throw new Error(`parity-check: bad query in queries/python/*.scm: ${(e as Error).message}`);
  }
  // One predicate list per pattern: the count the files were split by must be tree-sitter's own.
  const patterns = (query as unknown as { predicates: unknown[] }).predicates.length;
  if (patterns !== owner.length) throw new Error(`parity-check: queries/python/*.scm hold ${patterns} patterns, counted ${owner.length}`);
  return (compiled = { query, owner });
}

/** One match as a map from capture name to node (the last node for a repeated capture). */
export type Captures = Map<string, Parser.SyntaxNode>;
export type Match = { pattern: number; captures: Captures };

/**
 * Every match of every query under `node`, in one walk, grouped by query file; each group ordered by
 * the start of its first capture. `pattern` counts within the match's own file.
 */
export function pythonMatches(node: Parser.SyntaxNode): Map<QueryName, Match[]> {
  const { query, owner } = compile();
  const found = new Map<QueryName, { start: number; match: Match }[]>(QUERY_NAMES.map((n) => [n, []]));
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
  return new Map([...found].map(([name, list]) => [name, list.sort((a, b) => a.start - b.start).map((x) => x.match)]));
}
