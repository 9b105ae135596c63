// Spellings one or two edits away (`reqeusts` for `requests`, `apii` for `api`): a top-level import that
// nothing provides may be a typo of a name something does. Optimal string alignment distance (a swap of two
// neighbours is one edit, as typos make them). Short names allow fewer edits: every 3-letter name is two
// edits from hundreds of others.

/** Edit distance with adjacent transpositions, or Infinity once it passes `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return Infinity;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    let best = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      best = Math.min(best, d[i][j]);
    }
    if (best > max) return Infinity;
  }
  return d[a.length][b.length];
}

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
