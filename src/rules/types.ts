// A rule is a pure function of the graphs and facts: it never reads files, runs git or touches process.
import type { Config } from '../config/schema.js';
import type { AppGraph } from '../graph/types.js';
import type { DeployFacts, DocumentedCode, Example as AnyExample, FileFacts, Finding, RuleDocs as AnyRuleDocs, Severity, Subject } from '../types.js';

/** A docs example of a rule (src/types/rules.ts), its config checked as the config's type. */
export type Example = AnyExample<Config>;
export type RuleDocs = AnyRuleDocs<Config>;

export interface RuleContext {
  apps: AppGraph[];
  /** Facts of every Python file read in this run, by posix path relative to the checked folder. */
  files: Map<string, FileFacts>;
  deploy: DeployFacts;
  /** What a rule could not compare, for the run's notes (stderr, in every output); deduplicated by the run. */
  notes?: string[];
  /**
   * Every app of the run in the specs' order, `apps` holding only some of them (src/check-apps.ts runs
   * most rules app by app, and an app from the app cache has no graph): what a rule that looks past its
   * own app needs to know of the others (shared/workflow-starts.ts). Absent: `apps` is every app.
   */
  appRoots?: AppRoot[];
}

/** An app of the run, by name and import root; `virtual`: a simulated package's (a zip's, an image's) files. */
export interface AppRoot {
  name: string;
  root: string;
  virtual: boolean;
}

/**
 * A finding as a rule gives it. `subject` says what it is about, for the config's `allow` entries
 * (applied by src/filter/allow.ts, never by the rule); a finding without one is never allowed.
 */
export type RuleFinding = Omit<Finding, 'ruleId' | 'severity'> & { severity?: Severity; subject?: Subject };

/** A documented code (src/types/rules.ts) with its check. */
export interface Rule extends DocumentedCode<Config> {
  check(ctx: RuleContext): RuleFinding[];
}
