// Issue #19 item 10 (part): a 200 KB dotted module path in a router map was quadratic in the
// resolver's suggestion (every suffix joined and resolved: over 100 s and 560 MB before; killed by
// the harness). The suffix search is now linear: only suffixes whose first segment resolves, none
// longer than a path Linux can open. Held: bounded time and heap (harness.ts), the finding and its
// suggestion as Python decides them, work tree and index unchanged.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { python } from '../helpers.js';
import { exampleApp, hostileCli, hostileRepo, noCrash, SRC, treeHash } from './harness.js';

describe('item 10: a 200 KB dotted module path', () => {
  it('is reported with its suggestion in bounded time; Python agrees on both', () => {
    const files = exampleApp();
    const lazy = `${SRC}/lazy_app.py`;
    const long = `${'src.'.repeat(50_000)}api.v1.providers`;
    files[lazy] = files[lazy].replace('"api.v1.providers"', JSON.stringify(long));
    expect(files[lazy]).toContain(long);
    const dir = hostileRepo(files);
    // The name on stdin: 200 KB is past the kernel's limit for one argument. CPython gives up on the
    // long name with a RecursionError (it imports each parent first): not importable either way.
    const probe = 'import importlib, sys\ntry:\n    importlib.import_module(sys.stdin.read())\n    print("ok")\nexcept (ImportError, RecursionError) as e:\n    print("fails")';
    const root = path.join(dir, SRC);
    expect(python(probe, root, { input: long }).stdout.trim()).toBe('fails');
    expect(python(probe, root, { input: 'api.v1.providers' }).stdout.trim()).toBe('ok');

    const before = treeHash(dir);
    const r = hostileCli(dir, []);
    expect(noCrash(r)).toEqual([]);
    expect(r.code).toBe(1);
    const finding = r.stdout.split('\n').find((l) => l.startsWith(`${lazy}:`) && l.includes('MOD001'));
    expect(finding).toBeDefined();
    expect(finding).toContain('"api.v1.providers"');
    expect(treeHash(dir)).toBe(before);
  });
});

describe('item 10: 400 entry points in one folder', () => {
  it('each app that lacks a middleware is reported once, not once per app that has it, and the cut is named', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 400; i++) {
      const gzip = i % 2 === 1;
      files[`svc/app${i}.py`] =
        'from fastapi import FastAPI\nfrom starlette.middleware.gzip import GZipMiddleware\napp = FastAPI()\n' +
        (gzip ? 'app.add_middleware(GZipMiddleware)\n' : '') +
        `@app.get("/r${i}")\ndef r():\n    return 1\n`;
    }
    const dir = hostileRepo(files);
    // Python: the even apps run without GZip, the odd ones with it.
    const probe = 'import importlib, sys\nfor m in sys.argv[1:]:\n    print(m, [x.cls.__name__ for x in importlib.import_module(m).app.user_middleware])';
    expect(python(probe, path.join(dir, 'svc'), { args: ['app0', 'app1'] }).stdout).toBe("app0 []\napp1 ['GZipMiddleware']\n");

    const before = treeHash(dir);
    const r = hostileCli(dir, []);
    expect(noCrash(r)).toEqual([]);
    expect(r.code).toBe(1);
    const findings = r.stdout.split('\n').filter((l) => /^svc\/app\d+\.py:\d+:\d+ {2}PAR001/.test(l));
    // 200 pairs (one per app without it), where every pair gave 200 × 200 = 40,000 before.
    expect(findings).toHaveLength(200);
    const lacking = new Set(findings.map((l) => /but not in (app\d+)\.py/.exec(l)?.[1]));
    expect(lacking.size).toBe(200);
    expect([...lacking].every((a) => Number(a!.slice(3)) % 2 === 0)).toBe(true);
    expect(r.stderr).toContain('400 entry points compared as one app in svc: past 32, what one lacks is reported once, from the first that has it');
    expect(treeHash(dir)).toBe(before);
  });
});
