import { readFileSync, readdirSync, statSync, symlinkSync, writeFileSync, chmodSync, lstatSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/fix/write.js';
import { tempDir } from '../helpers.js';

let dir: string;
beforeEach(() => {
  dir = tempDir('pc-write-');
});

describe('writeFileAtomic', () => {
  it('replaces the content and keeps the original mode', async () => {
    const file = path.join(dir, 'run.py');
    writeFileSync(file, 'old\n');
    chmodSync(file, 0o750);
    await writeFileAtomic(file, 'new\r\n');
    expect(readFileSync(file, 'utf8')).toBe('new\r\n');
    expect(statSync(file).mode & 0o7777).toBe(0o750);
    expect(readdirSync(dir)).toEqual(['run.py']); // no temp file left behind
  });

  it('keeps an unusual mode exactly, despite the umask', async () => {
    const file = path.join(dir, 'shared.py');
    writeFileSync(file, 'x');
    chmodSync(file, 0o666);
    await writeFileAtomic(file, Buffer.from([0xef, 0xbb, 0xbf, 0x61]));
    expect(statSync(file).mode & 0o7777).toBe(0o666);
    expect(readFileSync(file)).toEqual(Buffer.from([0xef, 0xbb, 0xbf, 0x61]));
  });

  it('creates a file that did not exist', async () => {
    const file = path.join(dir, 'new.py');
    await writeFileAtomic(file, 'hello');
    expect(readFileSync(file, 'utf8')).toBe('hello');
  });

  it('writes through a symlink to its target, keeping the link', async () => {
    const target = path.join(dir, 'real.py');
    const link = path.join(dir, 'link.py');
    writeFileSync(target, 'old');
    chmodSync(target, 0o640);
    symlinkSync(target, link);
    await writeFileAtomic(link, 'new');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(statSync(target).mode & 0o7777).toBe(0o640);
  });

  it('fails cleanly, leaving no temp file, when the folder does not exist', async () => {
    await expect(writeFileAtomic(path.join(dir, 'missing', 'x.py'), 'x')).rejects.toThrow(/ENOENT/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
