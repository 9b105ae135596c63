// Every rule, sorted by code. Adding a rule: one file in this folder, one line here.
import { hnd001 } from './hnd001-handler-not-found.js';
import { hnd002 } from './hnd002-web-app-not-found.js';
import { hnd003 } from './hnd003-chalice-handler-rebound.js';
import { lpk001 } from './lpk001-import-not-packaged.js';
import { lpk002 } from './lpk002-mixed-layouts.js';
import { lpk003 } from './lpk003-flat-copy.js';
import { lpk004 } from './lpk004-static-dir-not-packaged.js';
import { mdl001 } from './mdl001-relationship-target-not-imported.js';
import { mdl002 } from './mdl002-back-populates-missing.js';
import { mod001 } from './mod001-unresolved-module-path.js';
import { mod002 } from './mod002-lazy-module-lacks-attribute.js';
import { mod003 } from './mod003-unresolved-import.js';
import { mod004 } from './mod004-missing-name.js';
import { par001 } from './par001-middleware-missing.js';
import { par002 } from './par002-middleware-differs.js';
import { par003 } from './par003-router-missing.js';
import { par004 } from './par004-model-module-missing.js';
import { par005 } from './par005-hook-missing.js';
import { parse001 } from './parse001-unparsable-file.js';
import type { Rule } from './types.js';
import type { DocumentedCode } from '../types.js';
import { cmp } from '../util/compare.js';
import { FILTER_CODES } from '../filter/docs.js';

export const RULES: readonly Rule[] = [
  hnd001,
  hnd002,
  hnd003,
  lpk001,
  lpk002,
  lpk003,
  lpk004,
  mdl001,
  mdl002,
  mod001,
  mod002,
  mod003,
  mod004,
  par001,
  par002,
  par003,
  par004,
  par005,
  parse001,
].sort((a, b) =>
  cmp(a.code, b.code),
);

export function ruleByCode(code: string): Rule | undefined {
  return RULES.find((r) => r.code === code.toUpperCase());
}

/** Every code a finding can carry, with its docs: the rules, and the filter's SUP001 and SUP002. */
export const DOCUMENTED: readonly DocumentedCode[] = [...RULES, ...FILTER_CODES].sort((a, b) => cmp(a.code, b.code));

export function documentedByCode(code: string): DocumentedCode | undefined {
  return DOCUMENTED.find((r) => r.code === code.toUpperCase());
}
