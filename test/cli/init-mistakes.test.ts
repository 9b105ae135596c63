// newcomer2 topic (#18 point 12): a user's mistake with `init` is one line and exit 2, not an
// "internal error ... run with --debug" (which stays for real bugs), and nothing is written.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir, writeTree } from '../helpers.js';

describe('newcomer2: init on what a user got wrong', () => {
  it('newcomer2-init-missing-folder: a folder that does not exist, and a file given as the folder', () => {
    const missing = path.join(tempDir('pc-init-'), 'no-such-folder');
    const r = runCli(['init', missing]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`parity-check: ${missing} is not a folder\n`);
    expect(fs.existsSync(missing)).toBe(false);
    const file = path.join(writeTree({ 'notes.txt': 'x\n' }), 'notes.txt');
    const f = runCli(['init', file]);
    expect(f.code).toBe(2);
    expect(f.stderr).toBe(`parity-check: ${file} is not a folder\n`);
  });

  it('newcomer2-init-broken-package-json: a package.json that is not JSON is named, left as it is, nothing else written', () => {
    const dir = writeTree({ 'package.json': '{"name": "app",\n' });
    const r = runCli(['init', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`parity-check: ${path.join(dir, 'package.json')} is not valid JSON; fix it and run parity-check init again\n`);
    expect(r.stderr).not.toContain('internal error');
    expect(fs.readdirSync(dir)).toEqual(['package.json']);
    expect(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).toBe('{"name": "app",\n');
  });
});
