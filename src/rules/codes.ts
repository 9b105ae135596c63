// The rule codes live in src/types/rules.ts, below the config that enumerates them. This name stays
// for src/run.ts alone, which another change is editing this round: once it imports ../types/rules.js,
// this file goes.
export { RULE_CODES, type RuleCode } from '../types/rules.js';
