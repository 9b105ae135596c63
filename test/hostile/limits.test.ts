// Issue #19 item 9 (part): what the config readers take is bounded. A config `extends` target outside
// the checked folder is read only when it is a regular file of at most MAX_CONFIG_BYTES; a device
// (/dev/zero reads forever, /dev/stdin blocks) is a config error naming it. Heap and time bounded
// by the harness; the work tree and index stay unchanged.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_CONFIG_BYTES } from '../../src/config/layers.js';
import { exampleApp, hostileCli, hostileRepo, noCrash, treeState } from './harness-b.js';

function withExtends(target: string): Record<string, string> {
  const files = exampleApp();
  const config = JSON.parse(files['parity-check.config.json']) as Record<string, unknown>;
  files['parity-check.config.json'] = JSON.stringify({ ...config, extends: target });
  return files;
}

describe('hostile-b limits', () => {
  for (const device of ['/dev/zero', '/dev/stdin']) {
    it(`"extends": "${device}" is a config error, not a read without end`, () => {
      const dir = hostileRepo(withExtends(device));
      const before = treeState(dir);
      const r = hostileCli(dir, []);
      expect(noCrash(r)).toEqual([]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`config file ${device} could not be read: ${device} is not a regular file`);
      expect(treeState(dir)).toBe(before);
    });
  }

  it('an extends file over the size limit is named with its size; one under it is read', () => {
    const dir = hostileRepo(withExtends('../base.json'));
    const base = path.join(dir, '..', 'base.json');
    // A valid JSON object padded with spaces past the limit.
    fs.writeFileSync(base, `{}${' '.repeat(MAX_CONFIG_BYTES)}`);
    try {
      const big = hostileCli(dir, []);
      expect(noCrash(big)).toEqual([]);
      expect(big.code).toBe(2);
      expect(big.stderr).toContain(`reads no config file over ${MAX_CONFIG_BYTES} bytes`);
      fs.writeFileSync(base, '{}');
      const small = hostileCli(dir, []);
      expect(noCrash(small)).toEqual([]);
      expect(small.stderr).not.toContain('could not be read');
    } finally {
      fs.rmSync(base, { force: true });
    }
  });
});
