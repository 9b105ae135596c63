// Facts of a file depend only on its content: cache them by content id (the git blob id in
// --staged mode, which the index gives for free).
import type { FileFacts, SnapshotEntry } from '../types.js';
import type { PathMemo } from '../cache/path-memo.js';

export interface FactsCache {
  /** By the snapshot's entry: its content id, and its path (work-tree ids, stat data, only mean something per path). */
  get(entry: SnapshotEntry): FileFacts | undefined;
  set(entry: SnapshotEntry, facts: FileFacts): void;
  /** Write what was added; safe when two runs share the folder. */
  flush(): Promise<void>;
  /** What depends only on this list of paths, kept beside the facts (src/cache/path-memo.ts). */
  paths?(list: readonly string[]): PathMemo;
}
