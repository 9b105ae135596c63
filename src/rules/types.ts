// A rule is a pure function of the graphs and facts: it never reads files, runs git or touches process.
import type { Config } from '../config/schema.js';
import type { AppGraph } from '../graph/types.js';
import type { Subject } from '../filter/allow.js';
import type { DeployFacts, FileFacts, Finding, Severity } from '../types.js';

/** A small repository for a docs example: files by posix path; the app is `.` with entry points main.py and lazy_app.py unless `config` says otherwise. */
export interface Example {
  files: Record<string, string>;
  config?: Config;
}

export interface RuleDocs {
  /** What it finds, one paragraph. */
  what: string;
  /** Why it breaks production. */
  why: string;
  bad: Example;
  good: Example;
  /** How to fix. */
  fix: string;
}

export interface RuleContext {
  apps: AppGraph[];
  /** Facts of every Python file read in this run, by posix path relative to the checked folder. */
  files: Map<string, FileFacts>;
  deploy: DeployFacts;
  /** What a rule could not compare, for the run's notes (stderr, in every output); deduplicated by the run. */
  notes?: string[];
}

/**
 * A finding as a rule gives it. `subject` says what it is about, for the config's `allow` entries
 * (applied by src/filter/allow.ts, never by the rule); a finding without one is never allowed.
 */
export type RuleFinding = Omit<Finding, 'ruleId' | 'severity'> & { severity?: Severity; subject?: Subject };

export interface Rule {
  /** Stable, never reused: `MOD001`. */
  code: string;
  /** Kebab case, names the bad pattern: `unresolved-module-path`. */
  name: string;
  severity: Severity;
  /** One line for tables. */
  summary: string;
  docs: RuleDocs;
  fixable: boolean;
  check(ctx: RuleContext): RuleFinding[];
}
