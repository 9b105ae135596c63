// What the PAR rules share to compare the served apps of one graph: what one has and another lacks
// (gaps), and how a message names the place of a registration (placeOf).
import { labelOf, type ServedApp } from '../../graph/registrations/served.js';
import type { AppGraph } from '../../graph/types.js';

/** Where a registration is, for messages: `main.py:23`, or `core/setup.py:5 (set up for main.py)` in a set-up function. */
export function placeOf(graph: AppGraph, served: ServedApp, file: string, line: number): string {
  return file === served.module.file ? `${served.label}:${line}` : `${labelOf(graph, file)}:${line} (set up for ${served.label})`;
}

/**
 * What one served app has and another lacks, compared by `key`: once per (thing, app that has it, app
 * that lacks it), at the thing's first occurrence. An opaque app is never said to lack anything.
 */
export function gaps<T>(apps: ServedApp[], items: T[][], key: (t: T) => string): { item: T; i: number; j: number; presentIn: string[] }[] {
  const keys = items.map((list) => new Set(list.map(key)));
  const out: { item: T; i: number; j: number; presentIn: string[] }[] = [];
  items.forEach((list, i) => {
    const seen = new Set<string>();
    for (const item of list) {
      const k = key(item);
      if (seen.has(k)) continue;
      seen.add(k);
      const presentIn = apps.filter((_, j) => keys[j].has(k)).map((a) => a.label);
      apps.forEach((app, j) => {
        if (j !== i && !app.opaque && !keys[j].has(k)) out.push({ item, i, j, presentIn });
      });
    }
  });
  return out;
}
