// Issue #19's --staged size bound: the work tree reads at most MAX_FILE_BYTES from one file; the
// index path read any blob whole (a 20 MiB staged module was held, decoded and parsed). The size is
// in `git cat-file --batch`'s header, before the body: a blob over the bound is named with its size
// as the work tree names a file, its body dropped as it streams, and the rest is checked. Generated
// at test time; the run's peak memory is measured around the child (/usr/bin/time), the heap bound
// is the harness's; the work tree and index stay unchanged.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from '../../src/snapshot/worktree.js';
import { git, python } from '../helpers.js';
import { exampleApp, hostileCli, hostileRepo, noCrash, SRC, treeHash } from './harness.js';

const MODULE = `${SRC}/api/v1/cme.py`;
const BIG = 20 * 1024 * 1024;
/** Valid Python (a comment line of 1 KiB): Python imports a module padded with it, it is only large. */
const PAD = `# ${'x'.repeat(1021)}\n`;

/** The CLI under /usr/bin/time: its result and the child's peak resident memory in MB. */
function measured(dir: string, args: string[]): { run: ReturnType<typeof hostileCli>; peakMb: number } {
  const run = hostileCli(dir, args, { shell: `/usr/bin/time -f 'peak-rss-kb=%M' $PC` });
  const kb = /peak-rss-kb=(\d+)/.exec(run.stderr)?.[1];
  expect(kb, `peak memory measured (${run.stderr.slice(0, 300)})`).toBeDefined();
  return { run, peakMb: Number(kb) / 1024 };
}

describe('--staged: a staged blob over the size bound', () => {
  it('a 20 MiB staged module is named with its size and not read, the rest is checked, memory stays bounded; its small twin is read', () => {
    const dir = hostileRepo(exampleApp());
    const file = path.join(dir, MODULE);
    const original = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, original + PAD.repeat(BIG / PAD.length));
    const size = fs.statSync(file).size;
    expect(size).toBeGreaterThan(MAX_FILE_BYTES);
    expect(python('import api.v1.cme; print(hasattr(api.v1.cme, "router"))', path.join(dir, SRC)).stdout.trim()).toBe('True');
    git(dir, 'add', '-A');
    const before = treeHash(dir);

    const { run: r, peakMb } = measured(dir, ['--staged']);
    expect(noCrash(r)).toEqual([]);
    expect(r.stdout).toContain(`${MODULE}:1:1  PARSE001  warning  cannot read the file: file is ${size} bytes, over the ${MAX_FILE_BYTES} bytes parity-check reads from one file: not read`);
    expect(r.stdout).toMatch(/1 app, \d+ files checked/);
    // Held whole, the blob would be there a few times over (bytes, text, tree); the check alone is ~100 MB.
    expect(peakMb).toBeLessThan(250);
    expect(treeHash(dir)).toBe(before);

    fs.writeFileSync(file, original);
    git(dir, 'add', '-A');
    const small = hostileCli(dir, ['--staged']);
    expect(noCrash(small)).toEqual([]);
    expect(small.stdout).not.toContain('PARSE001');
    expect(small.code).toBe(0);
  });

  it('reads after an oversized blob in the same git process still get their own content', () => {
    // Two large modules: the dropped bodies must not shift the answers that follow in the stream.
    const dir = hostileRepo(exampleApp());
    const large = [MODULE, `${SRC}/api/v1/licenses.py`];
    for (const m of large) fs.appendFileSync(path.join(dir, m), PAD.repeat(BIG / PAD.length));
    git(dir, 'add', '-A');
    const r = hostileCli(dir, ['--staged']);
    expect(noCrash(r)).toEqual([]);
    const parse = r.stdout.split('\n').filter((l) => /^\S+:\d+:\d+ {2}PARSE001 /.test(l));
    expect(parse.map((l) => l.split(':')[0]).sort()).toEqual([...large].sort());
    expect(r.stdout).toMatch(/1 app, \d+ files checked/);
  });
});
