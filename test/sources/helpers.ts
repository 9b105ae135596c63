import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contextFromPaths, type SourceContext } from '../../src/sources/index.js';

export const FIXTURES = process.env.PC_FIXTURES ?? fileURLToPath(new URL('../fixtures/deploy/', import.meta.url));

function walk(dir: string, root: string, out: string[]) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, root, out);
    else out.push(relative(root, p).split(sep).join('/'));
  }
}

export interface Fixture {
  root: string;
  paths: string[];
  files: { path: string; text: string }[];
  ctx: SourceContext;
  text(path: string): string;
  read(path: string): Buffer;
}

export function loadFixture(name: string): Fixture {
  const root = join(FIXTURES, name);
  const paths: string[] = [];
  walk(root, root, paths);
  paths.sort();
  const read = (p: string) => readFileSync(join(root, ...p.split('/')));
  return {
    root,
    paths,
    files: paths.map((p) => ({ path: p, text: read(p).toString('utf8') })),
    ctx: contextFromPaths(paths),
    text: (p) => read(p).toString('utf8'),
    read,
  };
}
