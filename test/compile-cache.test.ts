// The built CLI loads its pipeline (dist/pipeline.cjs) through V8's code cache, kept in the temporary
// folder like Node 22's compile cache. These runs use the built package and a private TMPDIR.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, runCli, tempDir } from './helpers.js';

const EXAMPLE = path.join(REPO, 'examples', 'incident');

function checkWith(tmp: string, extra: Record<string, string | undefined> = {}) {
  const r = runCli([EXAMPLE, '--format', 'json', '--timing', '--no-cache'], { env: { TMPDIR: tmp, ...extra } });
  const load = /load the pipeline \(([^)]*)\)/.exec(r.stderr)?.[1];
  return { code: r.code, stdout: r.stdout, load };
}

const cacheFiles = (tmp: string) => {
  const dir = path.join(tmp, `parity-check-compile-cache-${process.getuid?.() ?? 'user'}`);
  return fs.existsSync(dir) ? fs.readdirSync(dir).map((f) => path.join(dir, f)) : [];
};

describe('compile cache of the pipeline', () => {
  it('is written after the first run, used by the next, and the findings are the same', () => {
    const tmp = tempDir('pc-cc-');
    const first = checkWith(tmp);
    expect(first.code).toBe(1);
    expect(first.load).toBe('compile cache none: written after the run');
    const [file] = cacheFiles(tmp);
    expect(file).toMatch(new RegExp(`${process.version}-${process.arch}-\\d+-\\d+\\.bin$`));
    const written = fs.statSync(file);
    expect(written.size).toBeGreaterThan(10_000);

    const second = checkWith(tmp);
    expect(second.load).toBe('compile cache used');
    expect(second.stdout).toBe(first.stdout);
    expect(second.code).toBe(first.code);
    // Used, not written again.
    expect(fs.statSync(file).mtimeMs).toBe(written.mtimeMs);
  });

  it('refuses damaged data (V8 checks it), runs as without it and writes it again', () => {
    const tmp = tempDir('pc-cc-');
    const first = checkWith(tmp);
    const [file] = cacheFiles(tmp);
    const bytes = fs.readFileSync(file);
    bytes.fill(7, 0, 64);
    fs.writeFileSync(file, bytes);
    const damaged = checkWith(tmp);
    expect(damaged.load).toBe('compile cache refused: written after the run');
    expect(damaged.stdout).toBe(first.stdout);
    expect(checkWith(tmp).load).toBe('compile cache used');
  });

  it('is off with NODE_DISABLE_COMPILE_CACHE, as Node 22\'s is, and a temporary folder that cannot be written costs nothing but speed', () => {
    const tmp = tempDir('pc-cc-');
    const off = checkWith(tmp, { NODE_DISABLE_COMPILE_CACHE: '1' });
    expect(off.load).toBe('compile cache off');
    expect(cacheFiles(tmp)).toEqual([]);

    const missing = path.join(tmp, 'no', 'such', 'folder');
    fs.writeFileSync(path.join(tmp, 'no'), 'a file where the folder would go');
    const unwritable = checkWith(missing);
    expect(unwritable.code).toBe(off.code);
    expect(unwritable.stdout).toBe(off.stdout);
    expect(unwritable.load).toBe('compile cache unavailable');
  });

  it('when it writes, removes files of other builds not written for two weeks', () => {
    const tmp = tempDir('pc-cc-');
    const dir = path.join(tmp, `parity-check-compile-cache-${process.getuid?.() ?? 'user'}`);
    fs.mkdirSync(dir, { mode: 0o700 });
    const stale = path.join(dir, 'v0.0.0-x64-1-1.bin');
    const recent = path.join(dir, 'v0.0.0-x64-2-2.bin');
    fs.writeFileSync(stale, 'old');
    fs.writeFileSync(recent, 'new');
    const month = new Date(Date.now() - 30 * 24 * 3600 * 1000);
    fs.utimesSync(stale, month, month);
    expect(checkWith(tmp).load).toBe('compile cache none: written after the run');
    expect(fs.existsSync(stale)).toBe(false);
    expect(fs.existsSync(recent)).toBe(true);
  });

  it('never reads a folder that another user could have written to', () => {
    const tmp = tempDir('pc-cc-');
    checkWith(tmp);
    const [file] = cacheFiles(tmp);
    fs.chmodSync(path.dirname(file), 0o777);
    const open = checkWith(tmp);
    expect(open.load).toBe('compile cache unavailable');
    fs.chmodSync(path.dirname(file), 0o700);
    expect(checkWith(tmp).load).toBe('compile cache used');
  });
});
