// Every finding code there is, as data with no imports: the config schema (and its JSON Schema)
// enumerates them, and `--select`/`--ignore` check against them. A test keeps this list equal to
// the rules in index.ts plus the filter's own codes (SUP001, SUP002).
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
