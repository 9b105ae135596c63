// Issue 6 through the CLI as a process: suppressions, baseline, --fix, SARIF, GitHub annotations, timing.
import fs from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { CLI, copyTree, git, REPO, runCli, runJson, tempDir, writeTree } from './helpers.js';

const FIXED = path.join(REPO, 'examples', 'fixed');
const LAZY = 'apps/backend-api/src/lazy_app.py';

/** The router-map incident alone: the fixed twin with the `src.` prefix put back (RIS-2026-02-04). */
function routerMapIncident(): string {
  const dir = copyTree(FIXED);
  const file = path.join(dir, LAZY);
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replaceAll(': "api.v1.', ': "src.api.v1.'));
  return dir;
}

function snapshotFiles(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(path.relative(dir, p), fs.readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

describe('--fix', () => {
  it('turns the router-map incident into a clean check, touching only the prefixed strings, and is idempotent', () => {
    const dir = routerMapIncident();
    expect(runJson([dir]).findings.map((f) => f.ruleId)).toEqual(['MOD001', 'MOD001', 'MOD001', 'MOD001']);

    const dry = runCli([dir, '--fix-dry-run']);
    const changed = dry.stdout.split('\n').filter((l) => /^[-+][^-+]/.test(l));
    expect(changed).toEqual([
      '-    "providers": "src.api.v1.providers",',
      '-    "licenses": "src.api.v1.licenses",',
      '-    "documents": "src.api.v1.documents",',
      '-    "cme-activities": "src.api.v1.cme",',
      '+    "providers": "api.v1.providers",',
      '+    "licenses": "api.v1.licenses",',
      '+    "documents": "api.v1.documents",',
      '+    "cme-activities": "api.v1.cme",',
    ]);
    expect(dry.stderr).toContain('--fix would fix 4 problems in 1 file (nothing written)');
    expect(fs.readFileSync(path.join(dir, LAZY), 'utf8')).toContain('"src.api.v1.providers"');

    const mode = fs.statSync(path.join(dir, LAZY)).mode;
    const fixed = runCli([dir, '--fix']);
    expect(fixed.code).toBe(0);
    expect(fixed.stderr).toContain('fixed 4 problems in 1 file');
    // Every byte of every file is now the fixed twin's.
    expect(snapshotFiles(dir)).toEqual(snapshotFiles(FIXED));
    expect(fs.statSync(path.join(dir, LAZY)).mode).toBe(mode);

    const again = runCli([dir, '--fix']);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('nothing to fix automatically');
    expect(snapshotFiles(dir)).toEqual(snapshotFiles(FIXED));
  });

  it('rewrites an import whose module does not resolve under the root when one spelling does (MOD003)', () => {
    const dir = writeTree({
      'parity-check.config.json': JSON.stringify({ apps: [{ name: 'a', root: 'src', entrypoints: ['main.py', 'handler.py'] }] }),
      'src/main.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n',
      'src/handler.py': 'from src.lib.alerts import send  # sent on every event\n\n\ndef lambda_handler(event, context):\n    send(event)\n',
      'src/lib/__init__.py': '',
      'src/lib/alerts.py': 'def send(event):\n    return event\n',
    });
    expect(runJson([dir]).findings.map((f) => f.ruleId)).toEqual(['MOD003']);
    expect(runCli([dir, '--fix']).code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'src/handler.py'), 'utf8')).toBe(
      'from lib.alerts import send  # sent on every event\n\n\ndef lambda_handler(event, context):\n    send(event)\n',
    );
    expect(runJson([dir]).findings).toEqual([]);
  });

  it('copies a missing middleware with its import (PAR001), after the one it follows', () => {
    const dir = copyTree(FIXED);
    const file = path.join(dir, LAZY);
    const original = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(
      file,
      original.replace('from fastapi.middleware.gzip import GZipMiddleware\n', '').replace('app.add_middleware(GZipMiddleware, minimum_size=500)\n', ''),
    );
    expect(runJson([dir]).findings.map((f) => f.ruleId)).toEqual(['PAR001']);
    const r = runCli([dir, '--fix']);
    expect(r.code).toBe(0);
    const after = fs.readFileSync(file, 'utf8');
    expect(after).toContain('from fastapi.middleware.gzip import GZipMiddleware\n');
    expect(after).toContain(')\napp.add_middleware(GZipMiddleware, minimum_size=500)\napp.add_middleware(RequestTimingMiddleware)\n');
    expect(runJson([dir]).findings).toEqual([]);
  });

  it('with --staged, fixes and re-stages a file with no unstaged changes, and leaves one with unstaged changes alone', () => {
    const dir = routerMapIncident();
    git(dir, 'init', '-q');
    git(dir, 'add', '-A');
    const staged = runCli(['--staged', dir, '--fix']);
    expect(staged.code).toBe(0);
    expect(git(dir, 'diff', '--cached', '--name-only')).toContain('lazy_app.py');
    expect(git(dir, 'show', `:${LAZY}`)).toContain('"api.v1.providers"');
    expect(git(dir, 'status', '--porcelain', '--', LAZY).trim()).toBe(`A  ${LAZY}`);

    const dirty = routerMapIncident();
    git(dirty, 'init', '-q');
    git(dirty, 'add', '-A');
    fs.appendFileSync(path.join(dirty, LAZY), '# unstaged edit\n');
    const before = fs.readFileSync(path.join(dirty, LAZY));
    const refused = runCli(['--staged', dirty, '--fix']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`not fixed: ${LAZY}:30 MOD001: ${LAZY} has unstaged changes: stage or stash them, then fix`);
    expect(fs.readFileSync(path.join(dirty, LAZY))).toEqual(before);
  });
});

describe('suppressions', () => {
  const files = (suppression: (line: string) => string) => ({
    'main.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n',
    'lazy_app.py': `import importlib\n\nfrom fastapi import FastAPI\n\napp = FastAPI()\n\n${suppression('MAP = {"a": "src.routes"}')}\n\n\ndef load(name):\n    return importlib.import_module(MAP[name])\n`,
    'routes.py': 'x = 1\n',
    'src/README.md': '',
  });
  const config = JSON.stringify({ apps: [{ name: 'a', root: '.', entrypoints: ['main.py', 'lazy_app.py'] }] });
  const check = (tree: Record<string, string>, extra: string[] = []) => runJson([writeTree({ ...tree, 'parity-check.config.json': config }), ...extra]);

  it('on the line, on the line above, several codes, bare', () => {
    expect(check(files((l) => l)).findings.map((f) => f.ruleId)).toEqual(['MOD001']);
    expect(check(files((l) => `${l}  # parity-check: ignore[MOD001]`)).findings).toEqual([]);
    expect(check(files((l) => `# parity-check: ignore[MOD001]\n${l}`)).findings).toEqual([]);
    // Several codes: MOD001 is suppressed; PAR001, listed but with no finding there, is an unused suppression.
    expect(check(files((l) => `${l}  # parity-check: ignore[PAR001, MOD001]`)).findings.map((f) => [f.ruleId, f.message])).toEqual([
      ['SUP001', 'unused suppression: no PAR001 finding on line 7'],
    ]);
    expect(check(files((l) => `${l}  # parity-check: ignore`)).findings).toEqual([]);
  });

  it('reports an unused suppression (SUP001), and a bare one under --strict-suppressions', () => {
    const unused = check(files((l) => `${l.replace('src.routes', 'routes')}  # parity-check: ignore[MOD001]`));
    expect(unused.findings.map((f) => [f.ruleId, f.severity, f.line])).toEqual([['SUP001', 'warning', 7]]);
    expect(unused.code).toBe(0);
    const bare = check(files((l) => `${l}  # parity-check: ignore`), ['--strict-suppressions']);
    expect(bare.findings.map((f) => f.ruleId)).toEqual(['SUP001']);
  });
});

describe('baseline', () => {
  it('writes a stable baseline, then reports only new findings, counts fixed entries and prunes them', () => {
    const dir = copyTree(path.join(REPO, 'examples', 'incident'));
    const written = runCli(['baseline', dir]);
    expect(written.code).toBe(0);
    expect(written.stderr).toContain('wrote parity-check-baseline.json with 7 findings');
    const text = fs.readFileSync(path.join(dir, 'parity-check-baseline.json'), 'utf8');
    const entries = JSON.parse(text).entries as { rule: string; file: string }[];
    expect(entries.map((e) => e.rule).sort()).toEqual(['MDL001', 'MOD001', 'MOD001', 'MOD001', 'MOD001', 'MOD004', 'PAR001']);
    // Sorted and stable: writing it again gives the same bytes.
    runCli(['baseline', dir]);
    expect(fs.readFileSync(path.join(dir, 'parity-check-baseline.json'), 'utf8')).toBe(text);

    const clean = runJson([dir]);
    expect(clean.code).toBe(0);
    expect(clean.findings).toEqual([]);
    expect(clean.stderr).toContain('7 findings known in parity-check-baseline.json not shown');

    // Lines added above the baselined ones do not resurrect them; a new bug is reported alone.
    const lazy = path.join(dir, LAZY);
    const text2 = fs.readFileSync(lazy, 'utf8').replace('_loaded: set = set()', '_loaded: set = set()\n_EXTRA = importlib.import_module("src.api.v1.extra")').replace('"""Lambda', '# a new comment\n"""Lambda');
    fs.writeFileSync(lazy, text2);
    const fresh = runJson([dir]);
    expect(fresh.code).toBe(1);
    expect(fresh.findings.map((f) => [f.ruleId, f.message.split('"')[1]])).toEqual([['MOD001', 'src.api.v1.extra']]);

    // Fix one baselined problem: the entry is reported as fixed, and --prune-baseline drops it.
    fs.writeFileSync(lazy, text2.replace('"src.api.v1.providers"', '"api.v1.providers"'));
    const counted = runCli([dir]);
    expect(counted.stderr).toContain('1 parity-check-baseline.json entry is fixed and can be dropped: run with --prune-baseline');
    const pruned = runCli([dir, '--prune-baseline']);
    expect(pruned.stderr).toContain('dropped 1 fixed entry from parity-check-baseline.json');
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'parity-check-baseline.json'), 'utf8')).entries).toHaveLength(6);
  });
});

describe('reporters', () => {
  it('--format sarif is valid SARIF 2.1.0 (the official schema), with rules, locations and fixes', () => {
    const r = runCli([path.join(REPO, 'examples', 'incident'), '--format', 'sarif']);
    expect(r.code).toBe(1);
    const sarif = JSON.parse(r.stdout);
    const schema = JSON.parse(fs.readFileSync(path.join(REPO, 'test', 'fixtures', 'sarif-schema-2.1.0.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
    const validate = ajv.compile(schema);
    expect(validate.errors ?? null).toBeNull();
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const run = sarif.runs[0];
    expect(run.results).toHaveLength(7);
    expect(run.results.filter((x: { fixes?: unknown[] }) => x.fixes?.length)).toHaveLength(5);
    expect(run.tool.driver.rules.map((x: { id: string }) => x.id)).toContain('MOD001');
    expect(run.results[2].locations[0].physicalLocation.region).toMatchObject({ startLine: 27, startColumn: 18 });
  });

  it('--format github prints workflow commands, and is chosen by itself on GitHub Actions', () => {
    const dir = routerMapIncident();
    const lines = runCli([dir, '--format', 'github']).stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe(
      `::error file=${LAZY},line=30,col=18,endLine=30,endColumn=40,title=MOD001::"src.api.v1.providers" (_ROUTER_MAP["providers"]) does not resolve under apps/backend-api/src (Lambda's /var/task): importlib.import_module raises ModuleNotFoundError: No module named 'src'; did you mean "api.v1.providers"?`,
    );
    const auto = runCli([dir], { env: { GITHUB_ACTIONS: 'true' } });
    expect(auto.stdout.trim().split('\n')).toEqual(lines);
  });

  it('shows a progress line on a terminal when a full check takes more than a second', () => {
    const dir = tempDir();
    execFileSync(process.execPath, [path.join(REPO, 'bench', 'generate.mjs'), dir, '3000'], { stdio: 'ignore' });
    // `script` gives the process a real terminal (util-linux, on every Debian machine).
    const cmd = `${process.execPath} ${CLI} --no-cache ${dir}`;
    const out = execFileSync('script', ['-qec', cmd, '/dev/null'], { encoding: 'utf8', stdio: 'pipe', env: { ...process.env, PARITY_CHECK_CACHE_DIR: tempDir() } });
    expect(out).toMatch(/parity-check: \d+ apps?, \d+ files parsed…/);
    // Without a terminal there is none.
    expect(runCli([dir, '--no-cache']).stderr).not.toContain('files parsed');
  });

  it('--timing says where the time went', () => {
    const r = runCli([FIXED, '--timing']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('where the time went');
    for (const phase of ['snapshot', 'config', 'parse and graph', 'rule MOD001', 'rule PAR001']) expect(r.stderr).toContain(phase);
    // #20 item 3: the lines account for the whole process up to the report, in wall and in CPU time.
    const lines = r.stderr.split('\n').flatMap((l) => {
      const m = /^ {2}(.*?)\s+(\d+\.\d) ms\s+(-?\d+\.\d) ms CPU$/.exec(l);
      return m ? [{ what: m[1], wall: Number(m[2]), cpu: Number(m[3]) }] : [];
    });
    const total = lines.find((l) => l.what.startsWith('total'))!;
    const parts = lines.filter((l) => l !== total);
    expect(parts.length).toBeGreaterThan(10);
    expect(Math.abs(parts.reduce((n, l) => n + l.wall, 0) - total.wall)).toBeLessThan(0.05 * parts.length + 0.1);
    expect(Math.abs(parts.reduce((n, l) => n + l.cpu, 0) - total.cpu)).toBeLessThan(0.05 * parts.length + 0.1);
    // CPU time of a process is never far past its wall time times the threads it ran on (two cores here, four at most).
    expect(total.cpu).toBeGreaterThan(0);
    expect(total.cpu).toBeLessThan(4 * total.wall + 50);
  });
});
