// newcomer2 topic (#18): which pre-commit hook init may write without package.json (src/init-precommit.ts).
// A `repo: local` hook runs the `parity-check` a later `git commit` finds on PATH, so only a folder that
// stays on PATH counts: npx's cache (`~/.npm/_npx/<hash>/node_modules/.bin`) and a package's
// `node_modules/.bin` are put there for one command. Real files in temporary folders.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hookSource, parityCheckOnPath, sourceEntry } from '../../src/init-precommit.js';
import { tempDir } from '../helpers.js';

function binIn(dir: string, mode = 0o755): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'parity-check');
  fs.writeFileSync(file, '#!/bin/sh\n', { mode });
  return dir;
}

describe('newcomer2: the parity-check a later commit finds on PATH', () => {
  it('newcomer2-path-transient: npx and node_modules/.bin folders do not count; a prefix bin folder does', () => {
    const root = tempDir('pc-path-');
    const npx = binIn(path.join(root, '.npm', '_npx', '0a1b', 'node_modules', '.bin'));
    const local = binIn(path.join(root, 'proj', 'node_modules', '.bin'));
    const global = binIn(path.join(root, 'prefix', 'bin'));
    expect(parityCheckOnPath([npx, local].join(path.delimiter))).toBeUndefined();
    expect(parityCheckOnPath([npx, local, global].join(path.delimiter))).toBe(path.join(global, 'parity-check'));
  });

  it('newcomer2-path-not-runnable: a file without the execute bit, a folder of that name, a relative PATH entry do not count', () => {
    const root = tempDir('pc-path-');
    const plain = binIn(path.join(root, 'a'), 0o644);
    const dirNamed = path.join(root, 'b');
    fs.mkdirSync(path.join(dirNamed, 'parity-check'), { recursive: true });
    expect(parityCheckOnPath([plain, dirNamed, 'bin', ''].join(path.delimiter))).toBeUndefined();
    expect(parityCheckOnPath(undefined)).toBeUndefined();
  });

  it('newcomer2-source-order: a known repository URL wins; else the PATH install; else none (nothing is written)', () => {
    const global = binIn(path.join(tempDir('pc-path-'), 'bin'));
    expect(hookSource('https://example.invalid/team/parity-check', global)).toEqual({ kind: 'repository', url: 'https://example.invalid/team/parity-check' });
    expect(hookSource(undefined, global)).toEqual({ kind: 'path', command: path.join(global, 'parity-check') });
    expect(hookSource(undefined, '/nonexistent')).toBeUndefined();
    expect(sourceEntry({ kind: 'repository', url: 'https://example.invalid/team/parity-check' }, '  ')).toMatch(/^  - repo: https:\/\/example\.invalid\/team\/parity-check\n    rev: v\d+\.\d+\.\d+\S*\n    hooks:\n      - id: parity-check\n$/);
  });
});
