// In-source suppressions: `# parity-check: ignore[MOD001, PAR001]` and bare `# parity-check: ignore`;
// `# parity-check: ignore-file[...]` (or bare) anywhere in a file covers the whole file. A `# noqa:
// MOD001` suppresses nothing (another tool's form) and gets a SUP001 hint with the form to write.
//
// Which line a comment covers:
//  - a trailing comment covers its own line;
//  - a comment alone on its line covers the next line; stacked own-line suppression comments all cover
//    the first line below them that is not itself an own-line suppression.
// A finding is covered when a suppression covers its start line or its end line (a trailing comment after
// the last line of a multi-line statement), or the start line of any of its related locations.
import type { Finding, SuppressionFact } from '../types.js';
import { cmp } from '../util/compare.js';

export const SUPPRESSION_RULE = 'SUP001';

export interface SuppressOptions {
  /** Also flag bare `# parity-check: ignore` comments (they hide every rule on the line). */
  strict: boolean;
  /** Every rule code that exists. A listed code not in it is reported. When absent, codes are not checked. */
  knownCodes?: Set<string>;
  /** Codes turned off in config: a suppression naming them is not reported unused. `SUP001` here turns this rule off. */
  disabledCodes?: Set<string>;
}

export interface SuppressResult {
  kept: Finding[];
  suppressed: Finding[];
  /** SUP001 warnings: unused, unknown-code and (strict) bare suppressions. */
  problems: Finding[];
}

interface Entry {
  file: string;
  fact: SuppressionFact;
  /** The line the comment covers. */
  target: number;
  /** Codes as written, normalised to upper case; null for a bare suppression. */
  codes: string[] | null;
  used: Set<string>;
  usedAny: boolean;
}

const norm = (c: string) => c.trim().toUpperCase();

function targets(file: string, facts: SuppressionFact[]): Entry[] {
  const ownLines = new Set(facts.filter((s) => s.ownLine).map((s) => s.line));
  return facts.map((fact) => {
    let target = fact.line;
    if (fact.ownLine) {
      target = fact.line + 1;
      while (ownLines.has(target)) target++;
    }
    const codes = fact.codes === null ? null : [...new Set(fact.codes.map(norm).filter((c) => c !== ''))];
    return { file, fact, target, codes, used: new Set<string>(), usedAny: false };
  });
}

function problem(e: Entry, message: string): Finding {
  return { ruleId: SUPPRESSION_RULE, severity: 'warning', file: e.file, line: e.fact.line, column: e.fact.column, message };
}

export function applySuppressions(
  findings: Finding[],
  suppressions: Map<string, SuppressionFact[]>,
  opts: SuppressOptions,
): SuppressResult {
  const { lookup, entries, noqa } = indexed(suppressions);
  const kept: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const f of findings) (isSuppressed(f, lookup) ? suppressed : kept).push(f);
  const problems = suppressionProblems(entries, noqa, opts);
  problems.sort((a, b) => cmp(a.file, b.file) || a.line - b.line || a.column - b.column || cmp(a.message, b.message));
  return { kept, suppressed, problems };
}

/** Every suppression's entries, with a lookup of those covering a line of a file; `# noqa` ones apart. */
function indexed(suppressions: Map<string, SuppressionFact[]>): { lookup: (file: string, line: number) => Entry[]; entries: Entry[]; noqa: Entry[] } {
  // file → covered line → entries
  const index = new Map<string, Map<number, Entry[]>>();
  const entries: Entry[] = [];
  const noqa: Entry[] = [];
  for (const [file, facts] of suppressions) {
    const byLine = new Map<number, Entry[]>();
    for (const e of targets(file, facts)) {
      if (e.fact.noqa) {
        noqa.push(e);
        continue;
      }
      // A whole-file suppression is kept under line 0, which every lookup in its file also reads.
      if (e.fact.wholeFile) e.target = 0;
      entries.push(e);
      const list = byLine.get(e.target) ?? [];
      list.push(e);
      byLine.set(e.target, list);
    }
    index.set(file, byLine);
  }

  const lookup = (file: string, line: number): Entry[] => {
    const byLine = index.get(file);
    if (!byLine) return [];
    const whole = byLine.get(0);
    const here = byLine.get(line) ?? [];
    return whole ? [...whole, ...here] : here;
  };
  return { lookup, entries, noqa };
}

/** Does an entry cover the finding (its line, last line or a related line)? Marks the entries that do as used. */
function isSuppressed(f: Finding, lookup: (file: string, line: number) => Entry[]): boolean {
  const code = norm(f.ruleId);
  const places: [string, number][] = [[f.file, f.line]];
  if (f.endLine !== undefined && f.endLine !== f.line) places.push([f.file, f.endLine]);
  for (const r of f.related ?? []) places.push([r.file, r.line]);
  let hit = false;
  const seen = new Set<Entry>();
  for (const [file, line] of places) {
    for (const e of lookup(file, line)) {
      if (seen.has(e)) continue;
      seen.add(e);
      if (e.codes === null || e.codes.includes(code)) {
        hit = true;
        e.usedAny = true;
        if (e.codes !== null) e.used.add(code);
      }
    }
  }
  return hit;
}

/** SUP001's findings, once every finding was matched: `# noqa`, unused, code-less and unknown-code suppressions. */
function suppressionProblems(entries: Entry[], noqa: Entry[], opts: SuppressOptions): Finding[] {
  const problems: Finding[] = [];
  const disabled = new Set([...(opts.disabledCodes ?? [])].map(norm));
  if (!disabled.has(SUPPRESSION_RULE)) {
    const known = opts.knownCodes ? new Set([...opts.knownCodes].map(norm)) : undefined;
    for (const e of noqa) problems.push(problem(e, `"# noqa" is not read by parity-check: write "# parity-check: ignore[${e.codes!.join(', ')}]"`));
    for (const e of entries) {
      const where = e.fact.wholeFile ? 'in this file' : `on line ${e.target}`;
      if (e.codes === null) {
        if (!e.usedAny) problems.push(problem(e, `unused suppression: no finding ${where}`));
        else if (opts.strict)
          problems.push(problem(e, 'suppression without a rule code: write "# parity-check: ignore[CODE]"'));
        continue;
      }
      if (e.codes.length === 0) {
        problems.push(problem(e, 'suppression lists no rule code: write "# parity-check: ignore[CODE]"'));
        continue;
      }
      for (const c of e.codes) {
        if (known && !known.has(c)) problems.push(problem(e, `unknown rule code ${c} in suppression`));
        else if (disabled.has(c) || e.used.has(c)) continue;
        else problems.push(problem(e, `unused suppression: no ${c} finding ${where}`));
      }
    }
  }
  return problems;
}
