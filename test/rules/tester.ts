// The rule tester: every rule's cases, in test/rules/<code>.test.ts, run through the real pipeline.
//
// A case is a small repository written as text, one file after another, each under a header line
// `-- path/inside/the/repo --` (txtar, as Go's tools write it). Text before the first header is a
// comment. A file's body is every line up to the next header; every file ends with a newline (an
// empty body is an empty file). A case that needs a config has a `-- parity-check.config.json --`
// like any other file: nothing is added, so a case without one shows what discovery does.
//
//     ruleTester('MOD001', {
//       valid: [{ name: 'plugin-absent', files: String.raw`
//     -- main.py --
//     ...
//     ` }],
//       invalid: [{
//         name: 'src-prefix',
//         files: ...,
//         findings: ['lazy_app.py:7:5  MOD001  error  "src.api" does not resolve ...  [*]'],
//         output: String.raw`
//     -- lazy_app.py --
//     ...(the whole file after --fix)
//     `,
//         python: { run: 'import lazy_app', fails: "No module named 'src'" },
//       }],
//     });
//
// What the tester asserts, for each case:
// - findings: every finding of the check (any rule), no more and no fewer, each as the pretty
//   reporter's header line (`file:line:column  CODE  severity  message`, then `  [*]` when it has a
//   safe fix), followed by ` (related file:line:col-endLine:endCol, ...)` when it points elsewhere
//   too. Order does not matter. A valid case has no finding of the rule (findings of other rules,
//   if any, are listed the same way); an invalid case has at least one.
// - output: the files `--fix` changes, in the same txtar form, each in full after the fix; files
//   not listed must stay as they were (no output: --fix changes nothing).
// - python: snippets run with /usr/bin/python3 -P and PYTHONPATH at the app root (the case folder,
//   or `root` inside it), as Lambda does. `fails: 'text'`: Python must exit non-zero with that text
//   on stderr, and the check must report something. `fails: null`: Python must succeed with an
//   empty stderr, and the check must report no error (a warning may say what is fragile). Without
//   `fails`, the snippet is a probe: it must exit 0 (and print `stdout`, trimmed, when given).
// - snapshot: each invalid case rendered by renderPretty (code frames, related lines) and the
//   unified diff of its fix, in test/rules/__snapshots__/<code>.snap.txt, one section per case.
//
// Cases marked `golden` were the fixture repositories test/fixtures/truth/<code>-<name>/: the
// golden test (test/golden/golden.test.ts) materialises them under that label through goldenCases().
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyFixes } from '../../src/fix/run-fixes.js';
import { renderPretty } from '../../src/reporters/pretty.js';
import { run, type RunResult } from '../../src/run.js';
import type { Finding } from '../../src/types.js';
import { REPO, python, tempDir, writeTree } from '../helpers.js';

export interface PythonCheck {
  /** The snippet (python3 -c). */
  run: string;
  /** Text stderr holds when Python must fail; null when it must succeed; absent for a probe. */
  fails?: string | null;
  /** For a probe: what it prints (trimmed). */
  stdout?: string;
  /** The app root inside the case, when not the case folder itself. */
  root?: string;
  /** Library folders on PYTHONPATH after the root (e.g. sqlalchemy2() from test/helpers.ts). */
  libraries?: string[];
}

export interface ValidCase {
  name: string;
  /** What the case shows, in a sentence. */
  title?: string;
  /** The repository, as txtar text. */
  files: string;
  /** Findings of other rules the case gives (none of this rule's). */
  findings?: string[];
  python?: PythonCheck | PythonCheck[];
  /** Also a fixture repository of the golden test, labelled test/fixtures/truth/<name>. */
  golden?: boolean;
}

export interface InvalidCase extends ValidCase {
  findings: string[];
  /** The files --fix changes, in full after the fix, as txtar text. */
  output?: string;
}

export interface RuleCases {
  valid: ValidCase[];
  invalid: InvalidCase[];
}

const HEADER = /^-- (.+) --$/;

/** txtar text → files (posix path → text). */
export function parseFiles(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  let name: string | undefined;
  let lines: string[] = [];
  const flush = () => {
    if (name === undefined) return;
    if (name in out) throw new Error(`file ${name} is given twice`);
    out[name] = lines.length ? lines.join('\n') + '\n' : '';
  };
  for (const line of body.split('\n')) {
    const m = HEADER.exec(line);
    if (m) {
      flush();
      name = m[1];
      lines = [];
    } else if (name !== undefined) lines.push(line);
  }
  flush();
  return out;
}

/** Files → txtar text (the inverse of parseFiles for files that end with a newline). */
export function formatFiles(files: Record<string, string>): string {
  return Object.entries(files)
    .map(([name, text]) => `-- ${name} --\n${text}`)
    .join('');
}

/** A finding as a case states it: the pretty header line, then what else it points at. */
export function findingLine(f: Finding): string {
  const head = `${f.file}:${f.line}:${f.column}  ${f.ruleId}  ${f.severity}  ${f.message}${f.fix?.safe ? '  [*]' : ''}`;
  const related = (f.related ?? []).map((r) => `${r.file}:${r.line}:${r.column}-${r.endLine}:${r.endColumn}`);
  return related.length ? `${head} (related ${related.join(', ')})` : head;
}

function readTree(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of fs.readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) Object.assign(out, readTree(dir, rel));
    else out[rel] = fs.readFileSync(path.join(dir, rel), 'utf8');
  }
  return out;
}

export interface Checked {
  result: RunResult;
  /** Files --fix changed, in full after the fix. */
  fixed: Record<string, string>;
  /** The unified diff of --fix. */
  diff: string;
  /** What each Python snippet did. */
  python: { code: number; stdout: string; stderr: string }[];
}

const pythons = (c: ValidCase): PythonCheck[] => (c.python === undefined ? [] : Array.isArray(c.python) ? c.python : [c.python]);

/** Writes the case to a temp folder, checks it, runs its Python, applies its fixes; removes the folder. */
export async function checkCase(c: ValidCase): Promise<Checked> {
  const files = parseFiles(c.files);
  const dir = writeTree(files, tempDir('pc-case-'));
  try {
    const result = await run({ base: dir, staged: false });
    // Python first: --fix rewrites the files it imports.
    const py = pythons(c).map((p) => python(p.run, path.join(dir, p.root ?? '.'), { libraries: p.libraries }));
    const outcome = await applyFixes(result.findings, { base: dir, staged: false, dryRun: false, sources: result.sources });
    const after = readTree(dir);
    const fixed: Record<string, string> = {};
    for (const [name, text] of Object.entries(after)) if (files[name] !== text) fixed[name] = text;
    return { result, fixed, diff: outcome.diff, python: py };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function assertPython(c: ValidCase, checked: Checked): void {
  pythons(c).forEach((p, i) => {
    const r = checked.python[i];
    if (p.fails === undefined) {
      expect(r, 'the probe runs').toMatchObject({ code: 0 });
      if (p.stdout !== undefined) expect(r.stdout.trim()).toBe(p.stdout);
    } else if (p.fails === null) {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      // Python works: nothing may block the commit.
      expect(checked.result.findings.filter((f) => f.severity === 'error').map(findingLine)).toEqual([]);
    } else {
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain(p.fails);
      // Python fails: parity-check must say so.
      expect(checked.result.findings.length).toBeGreaterThan(0);
    }
  });
}

/** One section of the snapshot: what a reviewer reads for an invalid case. */
function section(c: InvalidCase, checked: Checked): string {
  const head = `## ${c.name}${c.title ? `\n${c.title}` : ''}`;
  const pretty = renderPretty(checked.result.findings, { sources: checked.result.sources, color: false });
  const fix = checked.diff ? `\n--fix:\n${checked.diff}` : '';
  return `${head}\n\n${pretty}${fix}`;
}

/** The snapshot of a rule's invalid cases (of one topic file), written once every case rendered. */
function snapshotFile(code: string, topic?: string): string {
  const base = topic ? `${code.toLowerCase()}-${topic}` : code.toLowerCase();
  return path.join(REPO, 'test', 'rules', '__snapshots__', `${base}.snap.txt`);
}

const registry = new Map<string, RuleCases>();
let collecting = false;

/**
 * Registers a rule's cases as tests (or, for goldenCases, only records them). A rule's cases live
 * in test/rules/<code>.test.ts; a rule with many idioms may split them into topic files,
 * test/rules/<code>-<topic>.test.ts, each calling ruleTester(code, cases, topic) and keeping its
 * own snapshot (<code>-<topic>.snap.txt). Case names must be distinct across a rule's files, since
 * golden fixtures are named <code>-<case>.
 */
export function ruleTester(code: string, cases: RuleCases, topic?: string): void {
  registry.set(topic ? `${code}/${topic}` : code, cases);
  if (collecting) return;
  const names = [...cases.valid, ...cases.invalid].map((c) => c.name);
  const sections = new Map<string, string>();

  describe(topic ? `${code} (${topic})` : code, () => {
    it('has valid and invalid cases with distinct names', () => {
      expect(cases.invalid.length).toBeGreaterThan(0);
      expect(cases.valid.length).toBeGreaterThan(0);
      expect(new Set(names).size).toBe(names.length);
    });

    describe('valid', () => {
      for (const c of cases.valid) {
        it(`${c.name}${c.title ? `: ${c.title}` : ''}`, async () => {
          const checked = await checkCase(c);
          const lines = checked.result.findings.map(findingLine);
          expect(lines.filter((l) => l.split('  ')[1] === code), `no ${code} finding`).toEqual([]);
          expect(lines.sort()).toEqual([...(c.findings ?? [])].sort());
          expect(checked.fixed).toEqual({});
          assertPython(c, checked);
        });
      }
    });

    describe('invalid', () => {
      for (const c of cases.invalid) {
        it(`${c.name}${c.title ? `: ${c.title}` : ''}`, async () => {
          const checked = await checkCase(c);
          const lines = checked.result.findings.map(findingLine);
          expect(lines.some((l) => l.split('  ')[1] === code), `a ${code} finding`).toBe(true);
          expect(lines.sort()).toEqual([...c.findings].sort());
          expect(checked.fixed).toEqual(c.output === undefined ? {} : parseFiles(c.output));
          assertPython(c, checked);
          sections.set(c.name, section(c, checked));
        });
      }
    });

    // Last in the file (vitest runs a file's tests in order): the snapshot needs every section, so
    // a filtered or failed run leaves it alone.
    it('snapshot of every invalid case', async (ctx) => {
      if (sections.size !== cases.invalid.length) ctx.skip();
      const text = cases.invalid.map((c) => sections.get(c.name)).join('\n');
      await expect(`# ${code}: the pretty reporter on each invalid case, then what --fix changes\n\n${text}`).toMatchFileSnapshot(snapshotFile(code, topic));
    });
  });
}

/**
 * The golden test's fixture repositories: every case marked golden, by name, read from the rule
 * files without registering their tests.
 */
export async function goldenCases(codes: readonly string[]): Promise<{ name: string; files: Record<string, string> }[]> {
  collecting = true;
  try {
    const here = path.join(REPO, 'test', 'rules');
    const files = fs.readdirSync(here);
    for (const code of codes) {
      const own = new RegExp(`^${code.toLowerCase()}(-[a-z0-9-]+)?\\.test\\.ts$`);
      for (const f of files.filter((n) => own.test(n)).sort()) await import(`./${f}`);
    }
  } finally {
    collecting = false;
  }
  const out: { name: string; files: Record<string, string> }[] = [];
  for (const [key, cases] of registry) {
    const code = key.split('/')[0];
    for (const c of [...cases.valid, ...cases.invalid]) if (c.golden) out.push({ name: `${code.toLowerCase()}-${c.name}`, files: parseFiles(c.files) });
  }
  const seen = new Set<string>();
  for (const c of out) {
    if (seen.has(c.name)) throw new Error(`golden case ${c.name} is named twice across the rule's test files`);
    seen.add(c.name);
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
