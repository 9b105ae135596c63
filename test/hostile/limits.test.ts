// Issue #19 item 9 (part): what the config readers take is bounded. A config `extends` target outside
// the checked folder is read only when it is a regular file of at most MAX_CONFIG_BYTES, and only
// inside the repository; a device (/dev/zero reads forever, /dev/stdin blocks) is a config error naming it. Heap and time bounded
// by the harness; the work tree and index stay unchanged.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_CONFIG_BYTES } from '../../src/config/layers.js';
import { exampleApp, hostileCli, hostileRepo, noCrash, treeHash } from './harness.js';

function withExtends(target: string): Record<string, string> {
  const files = exampleApp();
  const config = JSON.parse(files['parity-check.config.json']) as Record<string, unknown>;
  files['parity-check.config.json'] = JSON.stringify({ ...config, extends: target });
  return files;
}

// The checked folder is svc/ of a repository: `../x.json` is read from disk (outside the folder,
// inside the repository), the one place these bounds apply; anything outside the repository is
// refused before it is opened (the leaks suite, test/hostile/leaks.test.ts).
function inService(target: string): Record<string, string> {
  const files = withExtends(target);
  return Object.fromEntries(Object.entries(files).map(([p, t]) => [`svc/${p}`, t]));
}

describe('hostile-b limits', () => {
  for (const device of ['/dev/zero', '/dev/stdin']) {
    it(`"extends": "${device}" is a config error, never opened`, () => {
      const dir = hostileRepo(withExtends(device));
      const before = treeHash(dir);
      const r = hostileCli(dir, []);
      expect(noCrash(r)).toEqual([]);
      expect(r.code).toBe(2);
      // Named with its real path (/dev/stdin is a link into /proc).
      expect(r.stderr).toMatch(new RegExp(`"${device}" is "[^"]+", outside the repository`));
      expect(treeHash(dir)).toBe(before);
    });
  }

  it('an extends that is a FIFO inside the repository is a config error, not a read that blocks', () => {
    const dir = hostileRepo(inService('../pipe.json'));
    execFileSync('mkfifo', [path.join(dir, 'pipe.json')]);
    const r = hostileCli(path.join(dir, 'svc'), []);
    expect(noCrash(r)).toEqual([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('pipe.json is not a regular file');
  });

  it('an extends file over the size limit is named with its size; one under it is read', () => {
    const dir = hostileRepo(inService('../base.json'));
    const base = path.join(dir, 'base.json');
    // A valid JSON object padded with spaces past the limit.
    fs.writeFileSync(base, `{}${' '.repeat(MAX_CONFIG_BYTES)}`);
    const big = hostileCli(path.join(dir, 'svc'), []);
    expect(noCrash(big)).toEqual([]);
    expect(big.code).toBe(2);
    expect(big.stderr).toContain(`reads no config file over ${MAX_CONFIG_BYTES} bytes`);
    fs.writeFileSync(base, '{}');
    const small = hostileCli(path.join(dir, 'svc'), []);
    expect(noCrash(small)).toEqual([]);
    expect(small.stderr).not.toContain('could not be read');
    expect(small.code).not.toBe(2);
  });

  it('calls nested 1,000 deep (f(f(...)), past what Python parses) are read in bounded time: each node asks for its parent once (#19 item 8)', () => {
    // Cubic before: 500 deep took 13 s and 1,000 deep over a minute (the harness's timeout kills it).
    const deep = `x = ${'f('.repeat(1000)}1${')'.repeat(1000)}\n`;
    const files = exampleApp();
    const main = Object.keys(files).find((p) => p.endsWith('/main.py'))!;
    files[main] = `${files[main]}\n\ndef f(v):\n    return v\n\n\n${deep}`;
    const dir = hostileRepo(files);
    const r = hostileCli(dir, []);
    expect(noCrash(r)).toEqual([]);
    expect(r.killed).toBe(false);
    expect([0, 1]).toContain(r.code);
  });
});
