// Modules the command line needs only off its warm path, loaded on first use. A commit answered from
// the run cache never spawns git, reads the facts cache, hashes or matches ignore globs: requiring
// node:child_process, node:v8, node:crypto and picomatch up front cost it ~12 ms (110 against 98 ms
// median, with `node -e 0` at 88 ms).
import { createRequire } from 'node:module';

const load = createRequire(import.meta.url);

export function lazyRequire<T>(id: string): () => T {
  let mod: T | undefined;
  return () => (mod ??= load(id) as T);
}
