// What depends only on the tree's list of paths, never on a file's content: which paths a deploy source
// may read (its name patterns and content-sniffing candidates, tested against every path), which are
// dependency files (requirements.txt, pyproject.toml...) and the top-level names the repository could
// import (src/python/local-names.ts). About 65 ms at 30,000 files on every commit, where a commit that
// adds or removes no file leaves the list as it was. Kept beside the facts pack, one entry (the last
// list seen), under a SHA-256 of the tool build and every path: a collision would be a wrong answer, so
// no quick hash. A list that differs in one path computes everything again.
import fs from 'node:fs';
import path from 'node:path';
import { lazyRequire } from '../util/lazy-require.js';
import { writeAtomic } from './disk.js';

const crypto = lazyRequire<typeof import('node:crypto')>('node:crypto');

/** What is kept: each a list of strings computed from the paths alone. */
export type PathFact = 'deployCandidates' | 'dependencyFiles' | 'topLevelNames';

export interface PathMemo {
  /** The answer for this list of paths: kept from an earlier run, or `compute()` (then kept). */
  strings(what: PathFact, compute: () => string[]): string[];
  /** Write what this run computed (nothing when every answer came from the file). */
  flush(): void;
}

type Stored = { key: string } & Partial<Record<PathFact, string[]>>;

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
    strings(what, compute) {
      const s = load();
      const kept = s[what];
      if (strings(kept)) return kept;
      dirty = true;
      return (s[what] = compute());
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
