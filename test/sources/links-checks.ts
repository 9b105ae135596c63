// What the links topic files share (links.test.ts, links2-workflow.test.ts, links2-docker.test.ts): a workflow
// whose steps build app.zip and deploy it as the function api, and the check's verdict held against Python's.
import { expect } from 'vitest';
import type { CliResult } from '../helpers.js';

export const DEPLOY = 'aws lambda create-function --function-name api --runtime python3.12 --handler handler.handler --role arn:aws:iam::1:role/r --zip-file fileb://app.zip';

/** A push workflow: checkout, the build step, the deploy step. */
export function workflow(build: string): string {
  return ['on: push', 'jobs:', '  deploy:', '    runs-on: ubuntu-latest', '    steps:', '      - uses: actions/checkout@v4', `      - run: ${build}`, `      - run: ${DEPLOY}`, ''].join('\n');
}

/**
 * The check agrees with Python's verdict on the built package: where it imports, no problem and exit 0; where it
 * does not, the finding and exit 1, said with the link (`said`), and the package stays known (HND001 and the LPK
 * rules still apply).
 */
export function expectVerdict(r: CliResult, c: { works: boolean; finding?: RegExp; said?: RegExp }) {
  if (c.works) {
    expect(r.stdout).toMatch(/No problems found/);
    expect(r.code).toBe(0);
    return;
  }
  if (!c.finding || !c.said) throw new Error('a case where Python fails names the finding and what is said');
  expect(r.stdout).toMatch(c.finding);
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(c.said);
  expect(r.stdout + r.stderr).not.toMatch(/only partly known/);
}
