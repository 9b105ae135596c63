// Close names for "did you mean" lists, two ways:
// - difflib's ratio: scored like Python's difflib.SequenceMatcher.ratio() (2·M / T over recursive longest
//   matching blocks), so suggestions read like Python's own (a missing name, a rule code, a CLI option);
// - an edit distance, for typos of a whole name (an import's top-level package, a config key): optimal string
//   alignment, where a swap of two neighbours is one edit, as typos make them (`reqeusts`, `rtoo`).
import { cmp } from './compare.js';

function matched(a: string, b: string): number {
  if (!a || !b) return 0;
  let best = 0;
  let ai = 0;
  let bi = 0;
  // Longest common substring by dynamic programming over one row.
  let prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) {
      if (a[i - 1] === b[j - 1]) {
        row[j] = prev[j - 1] + 1;
        if (row[j] > best) {
          best = row[j];
          ai = i - best;
          bi = j - best;
        }
      }
    }
    prev = row;
  }
  if (!best) return 0;
  return best + matched(a.slice(0, ai), b.slice(0, bi)) + matched(a.slice(ai + best), b.slice(bi + best));
}

export function ratio(a: string, b: string): number {
  const total = a.length + b.length;
  return total ? (2 * matched(a, b)) / total : 1;
}

/** Up to `n` candidates scoring at least `cutoff`, best first (difflib.get_close_matches). */
export function closeMatches(word: string, candidates: Iterable<string>, n = 3, cutoff = 0.6): string[] {
  return [...new Set(candidates)]
    .map((c) => [c, ratio(word, c)] as const)
    .filter(([, r]) => r >= cutoff)
    .sort((x, y) => y[1] - x[1] || cmp(x[0], y[0]))
    .slice(0, n)
    .map(([c]) => c);
}

/** `; did you mean "a.b"?` (or `'x' or 'y'` with single quotes, as Python's own hints are written); '' for none. */
export function didYouMean(names: readonly string[], quote: '"' | "'" = '"'): string {
  return names.length ? `; did you mean ${names.map((n) => `${quote}${n}${quote}`).join(' or ')}?` : '';
}

/**
 * Optimal string alignment distance: insertions, deletions, substitutions and swaps of two neighbours, each one
 * edit (a substring is edited once: `ca` → `abc` is 3). Infinity once it passes `max`.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
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
