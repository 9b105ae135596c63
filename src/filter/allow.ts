// The config's `allow` entries, applied to every rule's findings in one place (rules never consult them).
// A rule says what a finding is about (RuleFinding.subject: the names an entry's `name` may use, the
// entry points that have the thing, the app); this decides whether an entry declares it intentional:
//   - rule: the finding's rule;
//   - name: one of the subject's names (absent: any);
//   - only: the thing is present in this entry point alone (a finding whose rule does not compare
//     entry points has no `presentIn`, and no `only` entry matches it);
//   - file: the finding is in this file (relative to the checked folder).
// An entry that matches nothing, in a run that checked every app it applies to, is reported (SUP002).
import type { Allow } from '../config/schema.js';
import type { Finding, Subject } from '../types.js';
import { cmp } from '../util/compare.js';
import { normalizePath } from '../util/posix-path.js';

export const UNUSED_ALLOW_RULE = 'SUP002';

export type { Subject };

export interface AllowOptions {
  /** Each checked app's entries, by app name. */
  allow: Map<string, readonly Allow[]>;
  /** Entries of an app this run did not check (--staged left it out): never reported unused. */
  unchecked: ReadonlySet<Allow>;
  /** Rule codes turned off: their entries are not reported unused. `SUP002` turns the report off. */
  disabledCodes: ReadonlySet<string>;
  /** Every rule code that exists: an entry naming another one is reported as unknown. */
  knownCodes: ReadonlySet<string>;
  /** Where the unused-entry warnings point: the config file (line 1: the loader does not keep entries' lines). */
  configFile: string | undefined;
}

export interface AllowResult {
  kept: Finding[];
  /** Findings an entry declared intentional (left out of the output, as they always were). */
  allowed: Finding[];
  /** SUP002 warnings: entries that matched nothing. */
  problems: Finding[];
}

function matches(a: Allow, f: Finding, s: Subject): boolean {
  return (
    a.rule === f.ruleId &&
    (a.name === undefined || s.names.includes(a.name)) &&
    (a.only === undefined || (s.presentIn !== undefined && s.presentIn.length > 0 && s.presentIn.every((p) => p === a.only))) &&
    (a.file === undefined || normalizePath(a.file) === f.file)
  );
}

export function applyAllow(findings: { finding: Finding; subject?: Subject }[], opts: AllowOptions): AllowResult {
  const used = new Set<Allow>();
  const kept: Finding[] = [];
  const allowed: Finding[] = [];
  for (const { finding, subject } of findings) {
    // A finding that names nothing (a file that does not parse) is never declared intentional.
    const hits = subject ? (opts.allow.get(subject.app) ?? []).filter((a) => matches(a, finding, subject)) : [];
    for (const a of hits) used.add(a);
    (hits.length ? allowed : kept).push(finding);
  }
  const problems: Finding[] = [];
  if (!opts.disabledCodes.has(UNUSED_ALLOW_RULE)) {
    // A top-level entry is in every app's list: one warning, naming the apps it was tried on.
    const appsOf = new Map<Allow, string[]>();
    for (const [app, entries] of opts.allow) {
      for (const a of entries) {
        if (used.has(a) || opts.unchecked.has(a) || opts.disabledCodes.has(a.rule)) continue;
        const list = appsOf.get(a) ?? [];
        if (!list.includes(app)) list.push(app);
        appsOf.set(a, list);
      }
    }
    for (const [a, apps] of appsOf) problems.push(unused(a, apps, opts));
  }
  problems.sort((a, b) => cmp(a.message, b.message));
  return { kept, allowed, problems };
}

function unused(a: Allow, apps: string[], opts: AllowOptions): Finding {
  const what = [`rule ${a.rule}`, ...(['name', 'only', 'file'] as const).filter((k) => a[k] !== undefined).map((k) => `${k} "${a[k]}"`)].join(', ');
  const why = opts.knownCodes.has(a.rule) ? `no finding of ${apps.length > 1 ? 'apps' : 'app'} ${apps.map((n) => `"${n}"`).join(', ')} matches it` : `there is no rule ${a.rule}`;
  return { ruleId: UNUSED_ALLOW_RULE, severity: 'warning', file: opts.configFile ?? '', line: 1, column: 1, message: `unused allow entry (${what}): ${why}` };
}
