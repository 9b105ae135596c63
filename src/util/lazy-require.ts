// Modules the command line needs only off its warm path, loaded on first use. A commit answered from
// the run cache never spawns git, reads the facts cache, hashes or matches ignore globs: requiring
// node:child_process, node:v8, node:crypto and picomatch up front cost it ~10 ms of the ~35 ms it
// spends above `node -e 0`.
import { createRequire } from 'node:module';

const load = createRequire(import.meta.url);

export function lazyRequire<T>(id: string): () => T {
  let mod: T | undefined;
  return () => (mod ??= load(id) as T);
}
