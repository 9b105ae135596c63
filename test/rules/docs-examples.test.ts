import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/index.js';
import { check, codes } from './check.js';

describe.each(RULES.map((r) => [r.code, r] as const))('%s docs examples', (code, rule) => {
  it('the bad example fires the rule', async () => {
    const { findings } = await check(rule.docs.bad.files, rule.docs.bad.config);
    expect(codes(findings)).toContain(code);
  });
  it('the good example gives no finding at all', async () => {
    const { findings } = await check(rule.docs.good.files, rule.docs.good.config);
    expect(findings).toEqual([]);
  });
});
