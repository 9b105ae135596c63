// Golden output: what the extractor, the deploy sources and the whole check give today, kept as
// files beside this test so that any change of behaviour shows as a diff. A restructuring keeps
// them byte-identical; a commit that changes behaviour on purpose updates them
// (`npx vitest run test/golden -u`) and says why in its message.
//
// - facts.txt: the FileFacts of every .py under examples/ and test/fixtures/ (and the golden cases), one line per file,
//   JSON as extractFacts returns it (key order and omitted fields included);
// - facts-bench.txt: a hash of the FileFacts of each file of the bench generator's 300-file app;
// - deploy.txt: the DeployFacts of every fixture repository and example;
// - findings.txt: the findings (suppressed ones too), notes and --verbose lines of a full check
//   of every fixture repository and example.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateFiles } from '../../bench/generate.mjs';
import { extractFacts } from '../../src/python/extract.js';
import { run } from '../../src/run.js';
import { collectDeployFacts, contextFromPaths } from '../../src/sources/index.js';
import { findingToJson } from '../../src/reporters/json.js';
import { RULES } from '../../src/rules/index.js';
import { REPO, tempDir, writeTree } from '../helpers.js';
import { goldenCases } from '../rules/tester.js';

const GOLDEN = path.join(REPO, 'test', 'golden', '__golden__');
const posix = (p: string) => p.split(path.sep).join('/');

function walk(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) walk(abs, out);
    else if (e.isFile()) out.push(abs);
  }
  return out;
}

// The rule tester's golden cases were the folders test/fixtures/truth/<name>/: each is written
// to <CASES>/test/fixtures/truth/<name>/ for this file's tests, so its label stays what it was.
let CASES = '';
const TRUTH = () => path.join(CASES, 'test', 'fixtures', 'truth');
beforeAll(async () => {
  CASES = tempDir('pc-golden-');
  for (const c of await goldenCases(RULES.map((r) => r.code))) writeTree(c.files, path.join(TRUTH(), c.name));
});
afterAll(() => fs.rmSync(CASES, { recursive: true, force: true }));

/** Every fixture repository: a folder a test checks as a whole. */
function repositories(): string[] {
  const out = [path.join(REPO, 'examples', 'incident'), path.join(REPO, 'examples', 'fixed')];
  for (const dir of [path.join(REPO, 'test', 'fixtures', 'deploy'), path.join(REPO, 'test', 'fixtures', 'deploy-apps'), TRUTH()]) {
    for (const name of fs.readdirSync(dir).sort()) if (fs.statSync(path.join(dir, name)).isDirectory()) out.push(path.join(dir, name));
  }
  return out;
}

const rel = (abs: string) => posix(abs.startsWith(CASES + path.sep) ? path.relative(CASES, abs) : path.relative(REPO, abs));

describe('golden output', () => {
  it('facts of every Python file under examples/ and test/fixtures/', async () => {
    // test/fixtures/truth sorts last in test/fixtures: its files come after the others, as before.
    const files = [...walk(path.join(REPO, 'examples')), ...walk(path.join(REPO, 'test', 'fixtures')), ...walk(TRUTH())].filter((f) => f.endsWith('.py'));
    expect(files.length).toBeGreaterThan(300);
    const lines = files.map((f) => `${rel(f)}\t${JSON.stringify(extractFacts(fs.readFileSync(f, 'utf8')))}`);
    await expect(lines.join('\n') + '\n').toMatchFileSnapshot(path.join(GOLDEN, 'facts.txt'));
  });

  it("facts of the bench generator's 300-file app", async () => {
    const { out } = generateFiles(300);
    const py = Object.keys(out).filter((f) => f.endsWith('.py')).sort();
    expect(py.length).toBe(300);
    const lines = py.map((f) => `${f}\t${createHash('sha256').update(JSON.stringify(extractFacts(out[f]))).digest('hex').slice(0, 16)}`);
    await expect(lines.join('\n') + '\n').toMatchFileSnapshot(path.join(GOLDEN, 'facts-bench.txt'));
  });

  it('deploy facts of every fixture repository and example', async () => {
    const blocks: string[] = [];
    for (const dir of repositories()) {
      const paths = walk(dir).map((f) => posix(path.relative(dir, f)));
      const files = paths.map((p) => ({ path: p, text: fs.readFileSync(path.join(dir, p), 'utf8') }));
      const facts = collectDeployFacts(files, contextFromPaths(paths));
      blocks.push(`## ${rel(dir)}\n${JSON.stringify(facts, null, 1)}`);
    }
    await expect(blocks.join('\n') + '\n').toMatchFileSnapshot(path.join(GOLDEN, 'deploy.txt'));
  });

  it('findings of a full check of every fixture repository and example', async () => {
    const blocks: string[] = [];
    for (const dir of repositories()) {
      const r = await run({ base: dir, staged: false });
      const o = {
        findings: r.findings.map(findingToJson),
        suppressed: r.suppressed.map(findingToJson),
        notes: r.notes,
        verbose: r.verbose,
        apps: r.apps.map((a) => `${a.name} ${a.root} ${a.entrypoints.map((e) => e.file).join(',')}`),
        discovered: r.discovered.map((a) => a.name),
      };
      blocks.push(`## ${rel(dir)}\n${JSON.stringify(o, null, 1)}`);
    }
    await expect(blocks.join('\n') + '\n').toMatchFileSnapshot(path.join(GOLDEN, 'findings.txt'));
  });
});
