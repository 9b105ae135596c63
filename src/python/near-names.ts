// Spellings one or two edits away (`reqeusts` for `requests`, `apii` for `api`): a top-level import that
// nothing provides may be a typo of a name something does. Optimal string alignment distance (a swap of two
// neighbours is one edit, as typos make them). Short names allow fewer edits: every 3-letter name is two
// edits from hundreds of others.
import { editDistance } from '../util/similar.js';

/** Edits allowed for a name of this length: none below 4 letters, one up to 5, two from 6. */
export const allowedEdits = (name: string): number => (name.length < 4 ? 0 : name.length < 6 ? 1 : 2);

/**
 * The one candidate nearest to `name` within the edits its length allows; undefined when none is, when two
 * tie (ambiguous), or when a candidate differs only in case (a case mismatch, said elsewhere).
 */
export function nearest(name: string, candidates: Iterable<string>): string | undefined {
  const max = allowedEdits(name);
  if (!max) return undefined;
  let best: string | undefined;
  let bestD = Infinity;
  let tie = false;
  for (const c of candidates) {
    if (c === name) continue;
    if (c.toLowerCase() === name.toLowerCase()) return undefined;
    const dist = editDistance(name, c, Math.min(max, allowedEdits(c) || 1));
    if (dist < bestD) [best, bestD, tie] = [c, dist, false];
    else if (dist === bestD && dist !== Infinity && c !== best) tie = true;
  }
  return bestD <= max && !tie ? best : undefined;
}
