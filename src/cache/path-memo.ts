// What depends only on the tree's list of paths, never on a file's content: which paths a deploy source
// may read (its name patterns and content-sniffing candidates, tested against every path) and the
// top-level names the repository could import (src/python/local-names.ts). About 50 ms at 30,000 files
// on every commit, where a commit that adds or removes no file leaves the list as it was. Kept beside
// the facts pack, one entry (the last list seen), under a SHA-256 of the tool build and every path:
// a collision would be a wrong answer, so no quick hash. A list that differs in one path recomputes.
import fs from 'node:fs';
import path from 'node:path';
import { lazyRequire } from '../util/lazy-require.js';
import { writeAtomic } from './disk.js';

const crypto = lazyRequire<typeof import('node:crypto')>('node:crypto');

export interface PathMemo {
  /** Paths some deploy source may read, of the list (src/sources/read.ts). */
  deployCandidates(compute: () => string[]): string[];
  /** Top-level names the list's Python files make local (localTopLevelNames). */
  topLevelNames(compute: () => Set<string>): Set<string>;
  /** Write what this run computed (nothing when every answer came from the file). */
  flush(): void;
}

interface Stored {
  key: string;
  deployCandidates?: string[];
  topLevelNames?: string[];
}

/** A list of strings, as written: a damaged file is computed again, never believed. */
const strings = (x: unknown): x is string[] => Array.isArray(x) && x.every((v) => typeof v === 'string');

export function pathMemo(dir: string, tool: string, paths: readonly string[]): PathMemo {
  const file = path.join(dir, 'paths-v1.json');
  // NUL cannot be part of a path: joined with it, two different lists never make one text.
  const key = crypto().createHash('sha256').update(`${tool}\0${paths.length}\0${paths.join('\0')}`).digest('hex');
  let stored: Stored | undefined;
  let dirty = false;
  const load = (): Stored => {
    if (stored) return stored;
    try {
      const read = JSON.parse(fs.readFileSync(file, 'utf8')) as Stored;
      if (read && read.key === key) return (stored = read);
    } catch {
      // none yet, or unreadable: computed
    }
    return (stored = { key });
  };
  return {
    deployCandidates(compute) {
      const s = load();
      if (strings(s.deployCandidates)) return s.deployCandidates;
      dirty = true;
      return (s.deployCandidates = compute());
    },
    topLevelNames(compute) {
      const s = load();
      if (strings(s.topLevelNames)) return new Set(s.topLevelNames);
      const names = compute();
      dirty = true;
      s.topLevelNames = [...names];
      return names;
    },
    flush() {
      if (!dirty || !stored) return;
      dirty = false;
      try {
        writeAtomic(file, JSON.stringify(stored));
      } catch {
        // A cache that cannot be written costs speed, never the run.
      }
    },
  };
}
