// What the rules stage hands on and how a code is documented, shared with the stages around it:
// - every finding code there is, as data: the config schema (and its JSON Schema) enumerates them, and
//   `--select`/`--ignore` check against them. A test keeps this list equal to the rules in
//   src/rules/index.ts plus the filter's own codes (SUP001, SUP002);
// - a code's documentation (`parity-check explain`, the README, SARIF's rule help), written by the
//   rules, the filter's codes and verify's;
// - what a finding is about (Subject), which a rule sets and the filter's `allow` reads.
import type { Severity } from './core.js';

export const RULE_CODES = [
  'HND001',
  'HND002',
  'HND003',
  'LPK001',
  'LPK002',
  'LPK003',
  'LPK004',
  'MDL001',
  'MDL002',
  'MOD001',
  'MOD002',
  'MOD003',
  'MOD004',
  'PAR001',
  'PAR002',
  'PAR003',
  'PAR004',
  'PAR005',
  'PARSE001',
  'SUP001',
  'SUP002',
] as const;

export type RuleCode = (typeof RULE_CODES)[number];

/**
 * A small repository for a docs example: files by posix path; the app is `.` with entry points main.py and
 * lazy_app.py unless `config` says otherwise. `C` is the config's type (src/config/schema.ts's Config, as
 * src/rules/types.ts fills it in); the stages that only show an example read its files.
 */
export interface Example<C = unknown> {
  files: Record<string, string>;
  config?: C;
}

export interface RuleDocs<C = unknown> {
  /** What it finds, one paragraph. */
  what: string;
  /** Why it breaks production. */
  why: string;
  bad: Example<C>;
  good: Example<C>;
  /** How to fix. */
  fix: string;
}

/** A code as it is documented: a rule without its check, the filter's SUP codes, verify's VER codes. */
export interface DocumentedCode<C = unknown> {
  /** Stable, never reused: `MOD001`. */
  code: string;
  /** Kebab case, names the bad pattern: `unresolved-module-path`. */
  name: string;
  severity: Severity;
  /** One line for tables. */
  summary: string;
  docs: RuleDocs<C>;
  fixable: boolean;
}

/** What a finding is about, for `allow`: set by the rule (src/filter/allow.ts applies the entries). */
export interface Subject {
  /** The app (AppGraph.name) whose allow entries apply. */
  app: string;
  /** What an entry's `name` may say: the rule's documented name for the thing, and its aliases. */
  names: string[];
  /** Rules comparing entry points: the entry points (labels) that have the thing. */
  presentIn?: string[];
}
