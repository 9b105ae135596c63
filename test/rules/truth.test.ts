// Cases found by hunting for false alarms and misses, each a small app in test/fixtures/truth/<name>/
// with a case.json: what Python does when it imports the entry point (with PYTHONPATH at the app
// root, as Lambda does) and the findings parity-check must give, no more and no fewer. A case
// where Python works (or finds the two entry points equal) lists no error; one where it fails (or
// finds them different) lists the findings that say why.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/run.js';
import { REPO, python } from '../helpers.js';

interface Case {
  title: string;
  /** Python run with PYTHONPATH at the app root. */
  python: string;
  /** Text Python's stderr holds when it fails (an assertion that the entry points are equal, too); null when it must succeed. */
  fails: string | null;
  /** Every finding, as "CODE file:line", in any order. */
  findings: string[];
  /** The app root, when not the case folder itself. */
  root?: string;
}

const DIR = path.join(REPO, 'test', 'fixtures', 'truth');
const cases = fs.readdirSync(DIR).filter((n) => fs.existsSync(path.join(DIR, n, 'case.json')));

describe('cases checked against real Python', () => {
  it('has cases', () => expect(cases.length).toBeGreaterThan(3));
  for (const name of cases) {
    const spec = JSON.parse(fs.readFileSync(path.join(DIR, name, 'case.json'), 'utf8')) as Case;
    it(`${name}: ${spec.title}`, async () => {
      const dir = path.join(DIR, name);
      const result = await run({ base: dir, staged: false });
      expect(result.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`).sort()).toEqual([...spec.findings].sort());
      const r = python(spec.python, path.join(dir, spec.root ?? '.'));
      if (spec.fails === null) {
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        // Python works: nothing may block the commit (a warning may say what is fragile).
        expect(result.findings.filter((f) => f.severity === 'error').map((f) => `${f.ruleId} ${f.file}:${f.line}`)).toEqual([]);
      } else {
        expect(r.code).not.toBe(0);
        expect(r.stderr).toContain(spec.fails);
        // Python fails (or the two entry points differ): parity-check must say so.
        expect(result.findings.length).toBeGreaterThan(0);
      }
    });
  }
});
