// Issue #19 items 5, 6, 7, 11: hostile repositories that crashed the check or hid an app. Every
// repository is generated here; each case is reproduced, then held: exit code, no stack trace,
// bounded heap and time (harness.ts), work tree and index unchanged.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { git, python } from '../helpers.js';
import { exampleApp, hostileCli, hostileRepo, noCrash, SRC, treeHash } from './harness.js';

/** Every folder and file readable and writable by anyone: the check runs as another user. */
function openToAll(dir: string): void {
  execFileSync('chmod', ['-R', 'a+rwX', dir]);
}

describe('hostile-b crashes', () => {
  it('item 5: an imported module nobody can read is named, and the rest is checked', () => {
    // Its own folder under /tmp: every folder above the repository must be enterable by the other
    // user, and the test run's temp folder (TMPDIR) is private.
    const outer = fs.mkdtempSync('/tmp/pc-hostile-b-');
    onTestFinished(() => fs.rmSync(outer, { recursive: true, force: true }));
    const dir = path.join(outer, 'repo');
    fs.mkdirSync(dir);
    hostileRepo(exampleApp(), dir);
    openToAll(outer);
    const file = path.join(dir, SRC, 'api/v1/cme.py');
    fs.chmodSync(file, 0o000);
    const before = treeHash(dir);
    // uid 65534 (nobody): the permission bits hold even when the tests run as root.
    const r = hostileCli(dir, [], { asUser: 65534 });
    expect(noCrash(r)).toEqual([]);
    expect(r.stdout).toContain(`${SRC}/api/v1/cme.py:1:1  PARSE001  warning  cannot read the file: EACCES`);
    // The rest is checked: the summary counts the app and its files.
    expect(r.stdout).toMatch(/1 app, \d+ files checked/);
    // What the unread module defines is not known: no rule judges it (MOD002 said "defines no
    // top-level router", which Python contradicts), only PARSE001's warning names it.
    expect(r.stdout).not.toContain('MOD002');
    expect(r.code).toBe(0);
    expect(treeHash(dir)).toBe(before);
  });

  it('item 16: a folder the user cannot enter is named as such, not as an internal error', () => {
    const outer = fs.mkdtempSync('/tmp/pc-hostile-b-');
    onTestFinished(() => fs.rmSync(outer, { recursive: true, force: true }));
    fs.chmodSync(outer, 0o700); // not enterable by uid 65534
    const r = hostileCli('/', [outer], { asUser: 65534 });
    expect(noCrash(r)).toEqual([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(outer);
  });

  it('item 6: output into a pipe closed early ends quietly with the findings exit code', () => {
    const files: Record<string, string> = { ...exampleApp() };
    // Hundreds of KB of findings: more than a pipe buffer holds, so writes meet the closed end.
    const config = JSON.parse(files['parity-check.config.json']) as { apps: { entrypoints: string[] }[] };
    const broken = 'from fastapi import FastAPI\nfrom missing_pkg import thing\n\napp = FastAPI()\n';
    for (let i = 0; i < 300; i++) {
      files[`${SRC}/entry_${i}.py`] = broken;
      config.apps[0].entrypoints.push(`entry_${i}.py`);
    }
    files['parity-check.config.json'] = JSON.stringify(config);
    const dir = hostileRepo(files);
    const full = hostileCli(dir, []);
    expect(full.stdout.length).toBeGreaterThan(200_000);
    // `exec 0<&-`: the reader closes its end without reading a byte.
    const r = hostileCli(dir, [], { shell: '$PC | (exec 0<&-; sleep 0.2); exit ${PIPESTATUS[0]}' });
    expect(noCrash(r)).toEqual([]);
    expect(r.stderr).not.toMatch(/EPIPE/);
    expect(r.code).toBe(full.code);
    expect(full.code).toBe(1);
  });

  it('item 7: a deeply nested invalid JSON config is a config error with a place, not a stack overflow', () => {
    const files = exampleApp();
    files['parity-check.config.json'] = `{"apps": ${'['.repeat(20_000)}${']'.repeat(19_999)}`;
    const dir = hostileRepo(files);
    const r = hostileCli(dir, []);
    expect(noCrash(r)).toEqual([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('parity-check.config.json: invalid JSON at line 1, column 1009: nested deeper than 1000 levels');
  });

  it('item 7: a 10,000-line RUN continuation is read, and the wrong CMD handler in it is reported', () => {
    const run = ['RUN echo start \\', ...Array.from({ length: 10_000 }, (_, i) => `  && echo step${i} \\`), '  && echo done'];
    const line = 3 + run.length;
    // fn.py defines `handler`, not `handle` (Python agrees, below).
    const fn = { 'fn/fn.py': 'def handler(event, context):\n    return {"ok": True}\n' };
    const image = (handler: string) =>
      ['FROM public.ecr.aws/lambda/python:3.12', 'COPY fn/ ${LAMBDA_TASK_ROOT}/', ...run, `CMD ["${handler}"]`, ''].join('\n');
    const broken = hostileRepo({ ...fn, Dockerfile: image('fn.handle') });
    const fixed = hostileRepo({ ...fn, Dockerfile: image('fn.handler') });
    const probe = 'import importlib, sys\nm, _, f = sys.argv[1].rpartition(".")\nprint(hasattr(importlib.import_module(m), f))';
    // The image's /var/task is fn/ as COPY copies it.
    expect(python(probe, path.join(broken, 'fn'), { args: ['fn.handle'] }).stdout.trim()).toBe('False');
    expect(python(probe, path.join(fixed, 'fn'), { args: ['fn.handler'] }).stdout.trim()).toBe('True');

    const before = treeHash(broken);
    const b = hostileCli(broken, []);
    expect(noCrash(b)).toEqual([]);
    expect(b.stderr).not.toMatch(/source failed|call stack/);
    expect(b.stdout).toContain(`Dockerfile:${line}:6  HND001  error  handler "fn.handle" of Dockerfile`);
    expect(b.code).toBe(1);
    expect(treeHash(broken)).toBe(before);

    const f = hostileCli(fixed, []);
    expect(noCrash(f)).toEqual([]);
    expect(f.stderr).not.toMatch(/source failed|call stack/);
    expect(f.stdout).not.toContain('HND001');
  });

  describe('item 11: an entry point Python cannot decode', () => {
    // A latin-1 byte in a string of the example's own main.py: Python 3.11 skips bad bytes in a
    // comment, not in code. The twin declares its encoding.
    const main = exampleApp()[`${SRC}/main.py`];
    const cafe = Buffer.concat([Buffer.from('CAFE = "caf'), Buffer.from([0xe9]), Buffer.from('"\n')]);
    const undecodable = Buffer.concat([cafe, Buffer.from(main)]);
    const cookie = Buffer.concat([Buffer.from('# -*- coding: latin-1 -*-\n'), cafe, Buffer.from(main)]);
    const inComment = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\n'), Buffer.from(main)]);
    const files = (m: Buffer) => ({ ...exampleApp(), [`${SRC}/main.py`]: m });

    it('Python refuses the broken file and imports its twin with a coding cookie', () => {
      const broken = hostileRepo(files(undecodable));
      const fixed = hostileRepo(files(cookie));
      const r = python('import main', path.join(broken, SRC));
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/SyntaxError: .*utf-8/i);
      expect(python('import main; print(type(main.app).__name__)', path.join(fixed, SRC)).stdout.trim()).toBe('FastAPI');
    });

    it('a bad byte inside a comment: Python imports the file, so it stays a warning', () => {
      const dir = hostileRepo(files(inComment));
      expect(python('import main; print(type(main.app).__name__)', path.join(dir, SRC)).stdout.trim()).toBe('FastAPI');
      const r = hostileCli(dir, []);
      expect(noCrash(r)).toEqual([]);
      expect(r.stdout).toContain(`${SRC}/main.py:1:1  PARSE001  warning  cannot decode as UTF-8`);
      expect(r.stdout).not.toMatch(/PARSE001  error/);
    });

    it('is an error on the entry point, and the app is still checked (check mode and --staged)', () => {
      // Committed as it was, then the broken bytes staged: what a commit hook sees.
      const dir = hostileRepo(exampleApp());
      fs.writeFileSync(path.join(dir, SRC, 'main.py'), undecodable);
      git(dir, 'add', '-A');
      const before = treeHash(dir);
      for (const args of [[], ['--staged']]) {
        const r = hostileCli(dir, args);
        expect(noCrash(r)).toEqual([]);
        expect(r.stdout).toContain(`${SRC}/main.py:1:1  PARSE001  error  cannot decode as UTF-8: invalid byte 0xe9 at offset 11`);
        expect(r.stdout).toContain('this entry point cannot be imported (Python raises SyntaxError on "import main")');
        expect(r.stdout).toMatch(/1 app, \d+ files checked/);
        expect(r.code).toBe(1);
      }
      expect(treeHash(dir)).toBe(before);
    });

    it('the twin with a coding cookie passes', () => {
      const dir = hostileRepo(files(cookie));
      const r = hostileCli(dir, []);
      expect(noCrash(r)).toEqual([]);
      expect(r.stdout).not.toContain('PARSE001');
      expect(r.code).toBe(0);
    });
  });
});
