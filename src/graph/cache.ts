// Facts of a file depend only on its content: cache them by content id (the git blob id in
// --staged mode, which the index gives for free).
import type { FileFacts } from '../types.js';

export interface FactsCache {
  get(id: string): FileFacts | undefined;
  set(id: string, facts: FileFacts): void;
  /** Write what was added; safe when two runs share the folder. */
  flush(): Promise<void>;
}
