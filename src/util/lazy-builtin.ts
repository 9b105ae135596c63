// Built-in modules the command line needs only off its warm path: loaded on first use. A commit
// answered from the run cache never spawns git or reads the facts cache, and requiring
// node:child_process and node:v8 up front cost it ~4 ms of its ~25 ms above `node -e 0`.
import { createRequire } from 'node:module';

const load = createRequire(import.meta.url);

export function lazyBuiltin<T>(id: `node:${string}`): () => T {
  let mod: T | undefined;
  return () => (mod ??= load(id) as T);
}
