// Write a package layout into a folder, as the deploy would put it in /var/task (used by ground-truth tests).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { PackageLayout } from '../types.js';
import { isUnder, relTo } from './common.js';

/**
 * Writes every packaged file of `layout` under `outDir` and returns the written package paths (sorted).
 * `simulated` layouts write `layout.files`; `code-root` layouts need `files` (checked-folder paths), from which the
 * files below `codeRoot` are written. Files are read with `readFile(src)` (src relative to the checked folder).
 */
export function materialize(layout: PackageLayout, readFile: (src: string) => Buffer, outDir: string, files?: string[]): string[] {
  const entries: { dest: string; src: string }[] = [];
  if (layout.how === 'simulated' && layout.files) {
    entries.push(...layout.files.map((f) => ({ dest: f.dest, src: f.src })));
  } else if (layout.how === 'code-root' && layout.codeRoot !== undefined) {
    if (!files) throw new Error('materialize: a code-root layout needs the list of files');
    const root = layout.codeRoot;
    for (const f of files) if (isUnder(f, root) && f !== root) entries.push({ dest: relTo(f, root), src: f });
  }
  const written: string[] = [];
  for (const e of entries) {
    if (e.dest.startsWith('/') || e.dest.split('/').includes('..')) throw new Error(`materialize: ${e.dest} leaves the package`);
    const out = join(outDir, ...e.dest.split('/'));
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, readFile(e.src));
    written.push(e.dest);
  }
  return written.sort();
}
