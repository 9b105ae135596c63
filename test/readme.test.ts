import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rulePages, updateReadme } from '../src/readme.js';
import { RULES } from '../src/rules/index.js';
import { REPO, runCli } from './helpers.js';

describe('README', () => {
  const text = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
  it('has the rule section the rules\' docs generate and the example\'s real output (run node scripts/gen-readme.mjs)', () => {
    const example = runCli(['examples/incident']);
    expect(example.code).toBe(1);
    expect(text).toBe(updateReadme(text, example.stdout));
  });
  it('links every rule to its page, and every page is what the docs generate (run node scripts/gen-readme.mjs)', () => {
    const pages = rulePages();
    for (const rule of RULES) expect(text).toContain(`[${rule.code}](docs/rules/${rule.code}.md)`);
    for (const [rel, page] of pages) expect(fs.readFileSync(path.join(REPO, rel), 'utf8'), rel).toBe(page);
    expect(fs.readdirSync(path.join(REPO, 'docs/rules')).sort()).toEqual([...pages.keys()].map((p) => path.basename(p)).sort());
  });
});
