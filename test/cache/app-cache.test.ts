// #20: the per-app findings cache (src/cache/app-cache.ts, src/check-apps.ts) is never stale. A real
// git repository with two configured apps; each step changes one input, then the check with the
// cache filled must print byte for byte what `--no-cache` prints, in json, pretty and sarif, and
// the verdict that flips is the one /usr/bin/python3 gives with PYTHONPATH at the app's root.
// Files are dated in the past (as the bench does): a file changed in the last 3 s is never stored.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitAll, git, makeRepo, python, runCli, tempDir, writeTree } from '../helpers.js';

const MAIN = 'from fastapi import FastAPI\nfrom fastapi.middleware.gzip import GZipMiddleware\nfrom pkg.helpers import X\n\napp = FastAPI()\napp.add_middleware(GZipMiddleware)\n';
const LAZY = MAIN;
const LAZY_NO_GZIP = 'from fastapi import FastAPI\nfrom pkg.helpers import X\n\napp = FastAPI()\n';
const config = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    apps: [
      { name: 'a', root: 'a', entrypoints: ['main.py', 'lazy_app.py'] },
      { name: 'b', root: 'b', entrypoints: ['main.py'] },
    ],
    ...extra,
  });
const template = (handler: string) =>
  `AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: b/\n      Handler: ${handler}\n      Runtime: python3.12\n`;

let tick = 0;
/** Writes files dated in the past, each write a new mtime (so the work tree's entry id changes). */
function put(dir: string, files: Record<string, string>): void {
  writeTree(files, dir);
  for (const rel of Object.keys(files)) {
    const t = new Date(Date.now() - 3_600_000 + ++tick * 1000);
    fs.utimesSync(path.join(dir, rel), t, t);
  }
}

const FORMATS = ['json', 'pretty', 'sarif'] as const;
/** stdout and stderr of a check (stderr without the --timing report, which differs by nature). */
function check(dir: string, cache: string | undefined, format: string, staged: boolean) {
  const args = [dir, '--format', format, ...(staged ? ['--staged'] : []), ...(cache ? ['--timing'] : ['--no-cache'])];
  const r = runCli(args, { cwd: dir, env: cache ? { PARITY_CHECK_CACHE_DIR: cache, NO_COLOR: '1' } : { NO_COLOR: '1' } });
  const lines = r.stderr.split('\n');
  const at = lines.indexOf('parity-check: where the time went (wall; CPU, user + system)');
  let end = at;
  if (at >= 0) while (end + 1 < lines.length && lines[end + 1].startsWith('  ')) end++;
  const timing = at >= 0 ? lines.slice(at, end + 1).filter((l) => l.includes('app cache')).join('\n') : '';
  const stderr = at >= 0 ? [...lines.slice(0, at), ...lines.slice(end + 1)].join('\n') : r.stderr;
  return { code: r.code, stdout: r.stdout, stderr, timing };
}

/** Every format with the cache and without it: identical; the JSON findings as `RULE file:line`. */
function same(dir: string, cache: string, staged = false): { found: string[]; fromCache: string } {
  let fromCache = '';
  for (const format of FORMATS) {
    const cached = check(dir, cache, format, staged);
    const fresh = check(dir, undefined, format, staged);
    expect({ format, code: cached.code, stdout: cached.stdout, stderr: cached.stderr }).toEqual({ format, code: fresh.code, stdout: fresh.stdout, stderr: fresh.stderr });
    if (format === 'json') fromCache = /(\d+ of \d+ apps from the app cache)/.exec(cached.timing)?.[1] ?? cached.timing;
  }
  const json = check(dir, undefined, 'json', staged);
  const found = (JSON.parse(json.stdout).findings as { ruleId: string; file: string; line: number }[]).map((f) => `${f.ruleId} ${f.file}:${f.line}`);
  return { found, fromCache };
}

function repo(): { dir: string; cache: string } {
  const dir = makeRepo();
  put(dir, {
    'parity-check.config.json': config(),
    'a/main.py': MAIN,
    'a/lazy_app.py': LAZY,
    'a/pkg/__init__.py': '',
    'a/pkg/helpers.py': 'X = 1\n',
    'a/pkg/v2/__init__.py': '',
    'b/main.py': 'from fastapi import FastAPI\nimport helpers\n\napp = FastAPI()\n\n\ndef handler(event, context):\n    return {}\n',
    'tools/helpers.py': 'Y = 1\n',
  });
  commitAll(dir);
  return { dir, cache: tempDir('pc-appcache-') };
}

describe('per-app findings cache: never stale', () => {
  it('work tree: a module of the closure, a file where a probe was absent, a deleted file, the twin entry point, config, requirements, a deploy file', () => {
    const { dir, cache } = repo();
    const a = path.join(dir, 'a');
    const b = path.join(dir, 'b');
    // b imports helpers, which is the repository's own (tools/helpers.py) and not under b/.
    expect(python('import main', b).stderr).toContain("No module named 'helpers'");
    const first = same(dir, cache);
    expect(first.found).toEqual(['MOD003 b/main.py:2']);
    // Nothing changed: both apps come from the cache, the output is the same.
    expect(same(dir, cache).fromCache).toBe('2 of 2 apps from the app cache');

    // 1. A module of a's closure edited: X gone. Python: ImportError; only a is built again.
    put(dir, { 'a/pkg/helpers.py': 'Z = 1\n' });
    expect(python('import main', a).stderr).toContain("cannot import name 'X' from 'pkg.helpers'");
    let r = same(dir, cache);
    expect(r.found).toEqual(['MOD004 a/lazy_app.py:3', 'MOD004 a/main.py:3', 'MOD003 b/main.py:2']);
    expect(r.fromCache).toBe('1 of 2 apps from the app cache');
    put(dir, { 'a/pkg/helpers.py': 'X = 1\n' });
    expect(same(dir, cache).found).toEqual(['MOD003 b/main.py:2']);

    // 2. The twin entry point changed alone: lazy_app.py loses GZip, main.py keeps it (PAR001).
    put(dir, { 'a/lazy_app.py': LAZY_NO_GZIP });
    const mw = python('import main, lazy_app; print([m.cls.__name__ for m in main.app.user_middleware], [m.cls.__name__ for m in lazy_app.app.user_middleware])', a);
    expect(mw.stdout.trim()).toBe("['GZipMiddleware'] []");
    r = same(dir, cache);
    expect(r.found.filter((f) => f.startsWith('PAR001'))).toHaveLength(1);
    put(dir, { 'a/lazy_app.py': LAZY });
    expect(same(dir, cache).found).toEqual(['MOD003 b/main.py:2']);

    // 3. A probe that was absent: `from pkg.v2 import users` before and after pkg/v2/users.py exists.
    put(dir, { 'a/main.py': MAIN.replace('from pkg.helpers import X\n', 'from pkg.helpers import X\nfrom pkg.v2 import users\n') });
    expect(python('import main', a).stderr).toContain("cannot import name 'users' from 'pkg.v2'");
    expect(same(dir, cache).found).toContain('MOD004 a/main.py:4');
    put(dir, { 'a/pkg/v2/users.py': 'router = None\n' });
    expect(python('import main', a).code).toBe(0);
    expect(same(dir, cache).found).toEqual(['MOD003 b/main.py:2']);
    // 4. The same file deleted: the import fails again.
    fs.rmSync(path.join(a, 'pkg/v2/users.py'));
    expect(python('import main', a).code).toBe(1);
    expect(same(dir, cache).found).toContain('MOD004 a/main.py:4');
    put(dir, { 'a/main.py': MAIN });

    // 5. The config: the finding allowed, then its rule at warning, then off (b's import of helpers).
    expect(same(dir, cache).found).toEqual(['MOD003 b/main.py:2']);
    put(dir, { 'parity-check.config.json': config({ allow: [{ rule: 'MOD003', name: 'helpers', reason: 'installed by the layer' }] }) });
    expect(same(dir, cache).found).toEqual([]);
    put(dir, { 'parity-check.config.json': config({ rules: { MOD003: 'warn' } }) });
    const warned = JSON.parse(check(dir, undefined, 'json', false).stdout).findings as { severity: string }[];
    expect(warned.map((f) => f.severity)).toEqual(['warning']);
    same(dir, cache);
    put(dir, { 'parity-check.config.json': config({ rules: { MOD003: 'off' } }) });
    expect(same(dir, cache).found).toEqual([]);
    put(dir, { 'parity-check.config.json': config() });
    expect(same(dir, cache).found).toEqual(['MOD003 b/main.py:2']);

    // 6. requirements.txt declares helpers (installed into the package): not the local module; then it declares something else.
    put(dir, { 'requirements.txt': 'helpers==1.0\n' });
    expect(same(dir, cache).found).toEqual([]);
    put(dir, { 'requirements.txt': 'other==1.0\n' });
    expect(same(dir, cache).found).toEqual(['MOD003 b/main.py:2']);

    // 7. A deploy file: a SAM function for b whose handler b/main.py does not define, then its fixed twin.
    put(dir, { 'template.yaml': template('main.handlr') });
    expect(python('import main; main.handlr', b).code).toBe(1);
    expect(same(dir, cache).found).toContain('HND001 template.yaml:8');
    put(dir, { 'template.yaml': template('main.handler') });
    expect(same(dir, cache).found.filter((f) => f.startsWith('HND001'))).toEqual([]);
  }, 240_000);

  it('--staged: the index, not the work tree, decides; a damaged entry is computed again', () => {
    const { dir, cache } = repo();
    const a = path.join(dir, 'a');
    // The index gets the broken helpers (X gone); the work tree keeps X.
    put(dir, { 'a/pkg/helpers.py': 'Z = 1\n' });
    git(dir, 'add', 'a/pkg/helpers.py');
    put(dir, { 'a/pkg/helpers.py': 'X = 1\n' });
    expect(same(dir, cache, true).found).toEqual(['MOD004 a/lazy_app.py:3', 'MOD004 a/main.py:3']);
    expect(same(dir, cache, true).fromCache).toMatch(/^\d+ of \d+ apps from the app cache$/);
    expect(same(dir, cache).found).toEqual(['MOD003 b/main.py:2']);
    // A fix staged (not HEAD's text, so the commit still changes a): the staged check follows it.
    put(dir, { 'a/pkg/helpers.py': 'X = 2\n' });
    git(dir, 'add', 'a/pkg/helpers.py');
    expect(python('import main', a).code).toBe(0);
    expect(same(dir, cache, true).found).toEqual([]);

    // Every stored entry damaged (cut short, or not an entry at all): recomputed, no crash, same output.
    const apps = path.join(cache, 'apps');
    const names = fs.readdirSync(apps);
    expect(names.length).toBeGreaterThan(0);
    names.forEach((n, i) => fs.writeFileSync(path.join(apps, n), i % 2 ? fs.readFileSync(path.join(apps, n)).subarray(0, 9) : 'not v8'));
    const r = same(dir, cache);
    expect(r.found).toEqual(['MOD003 b/main.py:2']);
    expect(same(dir, cache).fromCache).toBe('2 of 2 apps from the app cache');
  }, 240_000);
  it("MOD002 says a place once over every app, the first app's, whichever of them comes from the cache", () => {
    const dir = makeRepo();
    const loader = 'import importlib\nfrom fastapi import FastAPI\n\napp = FastAPI()\nROUTERS = ["api.users"]\n\n\ndef load(path: str):\n    module = importlib.import_module(path)\n    return getattr(module, "router")\n\n\nfor path in ROUTERS:\n    app.include_router(load(path))\n';
    const twoApps = (allowA: boolean) =>
      JSON.stringify({
        apps: [
          { name: 'a', root: '.', entrypoints: ['main.py'], ...(allowA ? { allow: [{ rule: 'MOD002', name: 'router', reason: 'the test' }] } : {}) },
          { name: 'b', root: '.', entrypoints: ['other.py'] },
        ],
      });
    put(dir, {
      'parity-check.config.json': twoApps(false),
      'loader.py': loader,
      'main.py': 'from loader import app\n',
      'other.py': 'from loader import app\n',
      'api/__init__.py': '',
      'api/users.py': 'from fastapi import APIRouter\n\nusers_router = APIRouter()\n',
    });
    commitAll(dir);
    const cache = tempDir('pc-appcache-');
    expect(python('import main', dir).stderr).toContain("module 'api.users' has no attribute 'router'");
    expect(same(dir, cache).found).toEqual(['MOD002 loader.py:5']);
    // Allowed for a, the app that reports the place: not reported (b's is the same place, said once).
    put(dir, { 'parity-check.config.json': twoApps(true) });
    expect(same(dir, cache).found).toEqual([]);
    // Only b changes: a comes from the cache, b is built; still once, a's.
    put(dir, { 'other.py': 'from loader import app\n\nX = 1\n' });
    const r = same(dir, cache);
    expect(r.found).toEqual([]);
    expect(r.fromCache).toBe('1 of 2 apps from the app cache');
  }, 120_000);
  it('a workflow that starts a server: a change to the workflow alone flips MOD001/MOD002 of the app it imports (attached to an app root, or judged from a folder no app has)', () => {
    const { dir, cache } = repo();
    const a = path.join(dir, 'a');
    const workflow = (steps: string) => `name: smoke\non: push\njobs:\n  smoke:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n${steps}`;
    // Attached: the step runs in a/, which is app a's root. uvicorn imports main:app from there.
    const inA = (target: string) => `      - run: timeout 10 uvicorn ${target} --port 8000\n        working-directory: a\n`;
    // Not attached: from the top of the checkout (no app's root), uvicorn imports a.main:app.
    const atTop = (target: string) => `      - run: timeout 10 uvicorn ${target} --port 8000\n`;
    const uvicorn = (target: string, cwd: string) => python(`from uvicorn.importer import import_from_string\nimport_from_string(${JSON.stringify(target)})`, cwd);
    // Each start is judged by one app of the two (checked app by app): none is named as not checked by the other.
    const noNote = () => expect(check(dir, undefined, 'pretty', false).stderr).not.toContain('workflow job smoke');

    put(dir, { '.github/workflows/smoke.yml': workflow(inA('pkg.helpers:X')) });
    expect(uvicorn('pkg.helpers:X', a).code).toBe(0);
    expect(same(dir, cache).found).toEqual(['MOD003 b/main.py:2']);
    expect(same(dir, cache).fromCache).toBe('2 of 2 apps from the app cache');
    put(dir, { '.github/workflows/smoke.yml': workflow(inA('pkg.helper:X')) });
    expect(uvicorn('pkg.helper:X', a).stderr).toContain('Could not import module "pkg.helper"');
    expect(same(dir, cache).found).toEqual(['MOD001 .github/workflows/smoke.yml:8', 'MOD003 b/main.py:2']);
    noNote();
    put(dir, { '.github/workflows/smoke.yml': workflow(inA('pkg.helpers:Y')) });
    expect(uvicorn('pkg.helpers:Y', a).stderr).toContain('Attribute "Y" not found in module "pkg.helpers"');
    expect(same(dir, cache).found).toEqual(['MOD002 .github/workflows/smoke.yml:8', 'MOD003 b/main.py:2']);
    noNote();

    put(dir, { '.github/workflows/smoke.yml': workflow(atTop('a.pkg.helpers:X')) });
    expect(uvicorn('a.pkg.helpers:X', dir).code).toBe(0);
    expect(same(dir, cache).found).toEqual(['MOD003 b/main.py:2']);
    put(dir, { '.github/workflows/smoke.yml': workflow(atTop('a.pkg.helper:X')) });
    expect(uvicorn('a.pkg.helper:X', dir).stderr).toContain('Could not import module "a.pkg.helper"');
    expect(same(dir, cache).found).toEqual(['MOD001 .github/workflows/smoke.yml:8', 'MOD003 b/main.py:2']);
    noNote();
  }, 240_000);
});
