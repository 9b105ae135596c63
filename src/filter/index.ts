// Every filter between the rules and the output, in one place, in this order:
//   1. allow: the config's declared differences (allow.ts), reporting unused entries (SUP002);
//   2. duplicates: one finding per rule, place and message;
//   3. suppressions: `# parity-check: ignore[...]` comments (suppress.ts), reporting unused ones (SUP001);
//   4. the baseline file (baseline.ts), which the CLI applies to a check's result (applyBaselineFile).
// Severity overrides and rules turned off are applied by run.ts as the rules run.
import type { Allow } from '../config/schema.js';
import { baselineMessages } from '../messages.js';
import { sortFindings } from './order.js';
import type { Finding, Snapshot, SuppressionFact } from '../types.js';
import { applyAllow, UNUSED_ALLOW_RULE, type Subject } from './allow.js';
import { filterByBaseline, parseBaseline, pruneBaseline, serializeBaseline } from './baseline.js';
import { applySuppressions } from './suppress.js';

export interface FilterOptions {
  /** Each checked app's allow entries, by app name. */
  allow: Map<string, readonly Allow[]>;
  /** Allow entries of apps the run left out. */
  unchecked: ReadonlySet<Allow>;
  /** Every rule code, and those turned off in config (`SUP002` may be among them). */
  knownCodes: ReadonlySet<string>;
  disabledCodes: ReadonlySet<string>;
  configFile: string | undefined;
  /** Suppression comments of every file read, by file. */
  suppressions: Map<string, SuppressionFact[]>;
  strictSuppressions: boolean;
}

/** The findings to report (sorted, SUP001/SUP002 warnings included) and those a suppression comment silenced. */
export function filterFindings(raw: { finding: Finding; subject?: Subject }[], o: FilterOptions): { findings: Finding[]; suppressed: Finding[] } {
  const allowed = applyAllow(raw, { allow: o.allow, unchecked: o.unchecked, disabledCodes: o.disabledCodes, knownCodes: o.knownCodes, configFile: o.configFile });
  const filtered = applySuppressions(dedupe(allowed.kept), o.suppressions, {
    strict: o.strictSuppressions,
    knownCodes: new Set(o.knownCodes),
    disabledCodes: new Set([...o.disabledCodes].filter((c) => c !== UNUSED_ALLOW_RULE)),
  });
  return { findings: sortFindings([...filtered.kept, ...filtered.problems, ...allowed.problems]), suppressed: filtered.suppressed };
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.ruleId}\0${f.file}\0${f.line}\0${f.column}\0${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A baseline file that cannot be read: like a config error, exit 2 with the file named. */
export class BaselineError extends Error {
  override name = 'BaselineError';
}

/**
 * The findings the baseline file (read through the snapshot) does not know, and what to say on
 * stderr about it; with `prune`, entries of fixed findings are written out of the file.
 */
export async function applyBaselineFile(
  snapshot: Snapshot,
  findings: Finding[],
  sources: Map<string, string>,
  opts: { prune: boolean; write: (file: string, text: string) => Promise<void> },
): Promise<{ findings: Finding[]; stderr: string }> {
  const file = baselineMessages.fileName;
  const text = await snapshot.readText(file);
  if (text === undefined) return { findings, stderr: '' };
  let known;
  try {
    known = parseBaseline(text);
  } catch (e) {
    throw new BaselineError(baselineMessages.invalid(file, (e as Error).message));
  }
  const filtered = filterByBaseline(findings, sources, known);
  let stderr = '';
  if (filtered.baselined.length) stderr += baselineMessages.baselined(filtered.baselined.length, file);
  if (filtered.fixedEntries.length && opts.prune) {
    await opts.write(file, serializeBaseline(pruneBaseline(known, filtered.fixedEntries)));
    stderr += baselineMessages.pruned(filtered.fixedEntries.length, file);
  } else if (filtered.fixedEntries.length) {
    stderr += baselineMessages.fixedEntries(filtered.fixedEntries.length, file);
  }
  return { findings: filtered.fresh, stderr };
}
