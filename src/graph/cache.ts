// Facts of a file depend only on its content: cache them by content id (the git blob id in
// --staged mode, which the index gives for free).
import type { FileFacts } from '../types.js';

export interface FactsCache {
  /** `id` is the snapshot's content id; `file` its path (work-tree ids, size and mtime, only mean something per path). */
  get(id: string, file: string): FileFacts | undefined;
  set(id: string, file: string, facts: FileFacts): void;
  /** Write what was added; safe when two runs share the folder. */
  flush(): Promise<void>;
}
