// What the PAR rules share to compare the served apps of one graph: what one has and another lacks
// (gaps), and how a message names the place of a registration (placeOf).
import { labelOf, type ServedApp } from '../../graph/registrations/served.js';
import type { AppGraph } from '../../graph/types.js';

/** Where a registration is, for messages: `main.py:23`, or `core/setup.py:5 (set up for main.py)` in a set-up function. */
export function placeOf(graph: AppGraph, served: ServedApp, file: string, line: number): string {
  return file === served.module.file ? `${served.label}:${line}` : `${labelOf(graph, file)}:${line} (set up for ${served.label})`;
}

/** Served apps in one group beyond which gaps are reported from the first holder only, not every pair. */
export const MAX_PAIRWISE_APPS = 32;

/**
 * What one served app has and another lacks, compared by `key`: once per (thing, app that has it, app
 * that lacks it), at the thing's first occurrence. An opaque app is never said to lack anything.
 */
export function gaps<T>(apps: ServedApp[], items: T[][], key: (t: T) => string): { item: T; i: number; j: number; presentIn: string[] }[] {
  const keys = items.map((list) => new Set(list.map(key)));
  const out: { item: T; i: number; j: number; presentIn: string[] }[] = [];
  // Past MAX_PAIRWISE_APPS (400 entry points in one folder gave 159,601 findings), a thing one app
  // lacks is reported once, from the first app that has it: linear in the apps (run.ts names the cut).
  const firstHolder = apps.length > MAX_PAIRWISE_APPS ? new Set<string>() : undefined;
  items.forEach((list, i) => {
    const seen = new Set<string>();
    for (const item of list) {
      const k = key(item);
      if (seen.has(k) || firstHolder?.has(k)) continue;
      seen.add(k);
      firstHolder?.add(k);
      const presentIn = apps.filter((_, j) => keys[j].has(k)).map((a) => a.label);
      apps.forEach((app, j) => {
        if (j !== i && !app.opaque && !keys[j].has(k)) out.push({ item, i, j, presentIn });
      });
    }
  });
  return out;
}
