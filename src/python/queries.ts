// Tree-sitter queries for Python, loaded from queries/python/*.scm at the package root and compiled once per process.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Parser from 'tree-sitter';
import { pythonLanguage } from './parser.js';

export type QueryName = 'imports' | 'definitions' | 'app' | 'module-paths' | 'models' | 'syntax';

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

const compiled = new Map<QueryName, Parser.Query>();

/** The compiled query `queries/python/<name>.scm`. */
export function pythonQuery(name: QueryName): Parser.Query {
  let q = compiled.get(name);
  if (!q) {
    const file = join(packageRoot(), 'queries', 'python', `${name}.scm`);
    const source = readFileSync(file, 'utf8');
    try {
      q = new Parser.Query(pythonLanguage(), source);
    } catch (e) {
      throw new Error(`parity-check: bad query ${file}: ${(e as Error).message}`);
    }
    compiled.set(name, q);
  }
  return q;
}

/** One match as a map from capture name to node (the last node for a repeated capture). */
export type Captures = Map<string, Parser.SyntaxNode>;

/** All matches of a query under `node`, as capture maps, ordered by the start of their first capture. */
export function matchesOf(name: QueryName, node: Parser.SyntaxNode): { pattern: number; captures: Captures }[] {
  const out = pythonQuery(name)
    .matches(node)
    .map((m) => {
      const captures: Captures = new Map();
      for (const c of m.captures) captures.set(c.name, c.node);
      return { pattern: m.pattern, captures };
    });
  const start = (c: Captures) => Math.min(...[...c.values()].map((n) => n.startIndex));
  return out.sort((a, b) => start(a.captures) - start(b.captures));
}
