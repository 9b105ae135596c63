import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { updateReadme } from '../src/readme.js';
import { RULES } from '../src/rules/index.js';
import { REPO, runCli } from './helpers.js';

describe('README', () => {
  const text = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
  it('has the rule section the rules\' docs generate and the example\'s real output (run node scripts/gen-readme.mjs)', () => {
    const example = runCli(['examples/incident']);
    expect(example.code).toBe(1);
    expect(text).toBe(updateReadme(text, example.stdout));
  });
  it('documents every rule', () => {
    for (const rule of RULES) expect(text).toContain(`### ${rule.code}`);
  });
});
