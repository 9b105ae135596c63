// The app classes are named in src/python/app-classes.ts and, for the query, in
// queries/python/app.scm's @appClass predicate: the two lists must agree.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADAPTER_CLASSES, APP_CLASSES, APP_QUERY_CLASSES, NOT_FACTORY_CALLEES, ROUTER_CLASSES } from '../../src/python/app-classes.js';
import { extractFacts } from '../../src/python/extract.js';
import { packageRoot } from '../../src/python/queries.js';

/** The strings of every `(#any-of? @appClass "A" "B" ...)` predicate of app.scm. */
function appClassPredicates(scm: string): string[][] {
  const out: string[][] = [];
  for (const m of scm.matchAll(/\(#any-of\?\s+@appClass((?:\s+"[^"]*")+)\s*\)/g)) out.push([...m[1].matchAll(/"([^"]*)"/g)].map((x) => x[1]));
  return out;
}

describe('app classes', () => {
  it('app.scm matches exactly the app classes and adapters of app-classes.ts', () => {
    const scm = readFileSync(join(packageRoot(), 'queries', 'python', 'app.scm'), 'utf8');
    const predicates = appClassPredicates(scm);
    expect(predicates.length).toBeGreaterThan(0);
    for (const names of predicates) expect([...names].sort()).toEqual([...APP_QUERY_CLASSES].sort());
  });

  it('factory calls leave out apps, adapters and routers', () => {
    expect([...NOT_FACTORY_CALLEES].sort()).toEqual([...APP_CLASSES, ...ADAPTER_CLASSES, ...ROUTER_CLASSES].sort());
    const names = [...APP_CLASSES, ...ADAPTER_CLASSES, ...ROUTER_CLASSES];
    const source = [...names.map((n, i) => `v${i} = lib.${n}()`), 'app = create_app()', ''].join('\n');
    expect(extractFacts(source).factoryCalls.map((f) => f.variable)).toEqual(['app']);
  });
});
