// One run's choice of rules, as ruff's --select/--ignore: comma-separated codes or code prefixes
// (`MOD`, `PAR00`, `MOD001`), `ALL` for every rule. A finding is kept when a selector matches it
// (all, without --select) and no ignore does, the longer match winning when both match (ruff's
// precedence: `--select MOD --ignore MOD004` drops MOD004, `--select MOD004 --ignore MOD` keeps it).
// A selector that matches no known code is a usage error, with the closest codes.
import { closeMatches } from '../util/similar.js';
import type { Finding } from '../types.js';

export interface Selection {
  select?: string[];
  ignore?: string[];
}

export class SelectorError extends Error {
  constructor(
    readonly selector: string,
    readonly suggestions: string[],
  ) {
    super(`unknown rule code or prefix ${JSON.stringify(selector)}`);
    this.name = 'SelectorError';
  }
}

/** `MOD001, par` → ['MOD001', 'PAR']; empty entries dropped. */
export function parseSelectors(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  return text
    .split(',')
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
}

/** Throws SelectorError for a selector no known code starts with. */
export function checkSelectors(selection: Selection, codes: readonly string[]): void {
  for (const s of [...(selection.select ?? []), ...(selection.ignore ?? [])]) {
    if (s === 'ALL' || codes.some((c) => c.startsWith(s))) continue;
    throw new SelectorError(s, closeMatches(s, codes, 3, 0.5));
  }
}

function longestMatch(code: string, selectors: readonly string[]): number {
  let best = -1;
  for (const s of selectors) if (s === 'ALL' ? best < 0 : code.startsWith(s) && s.length > best) best = s === 'ALL' ? 0 : s.length;
  return best;
}

export function applySelection(findings: readonly Finding[], selection: Selection): Finding[] {
  const { select, ignore } = selection;
  if (!select && !ignore) return [...findings];
  return findings.filter((f) => {
    const sel = select ? longestMatch(f.ruleId, select) : 0;
    if (sel < 0) return false;
    const ign = ignore ? longestMatch(f.ruleId, ignore) : -1;
    return ign < 0 || sel > ign;
  });
}
