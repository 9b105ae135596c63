// The facts pack with delta files (src/cache/facts-pack.ts): small writes go beside the pack, many
// are folded into it, and a reader always sees every entry written. Also --timing's lines add up.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPack, writePack, type Pack } from '../../src/cache/facts-pack.js';
import { writeAtomic } from '../../src/cache/disk.js';
import { emptyFacts } from '../../src/graph/facts-store.js';
import { REPO, runCli, tempDir } from '../helpers.js';

const entries = (from: number, n: number): Pack => new Map(Array.from({ length: n }, (_, i) => [`b:${from + i}`, { ...emptyFacts(), all: [`n${from + i}`] }]));
const keepAll = (keys: string[]) => keys;

describe('speed-facts-pack', () => {
  it('writes a few entries as a delta, folds past 16 deltas or 256 entries, and loses none', () => {
    const file = path.join(tempDir(), 'facts-abc.v8');
    for (let i = 0; i < 16; i++) expect(writePack(file, entries(i * 2, 2), writeAtomic, keepAll)).toBeUndefined();
    expect(fs.existsSync(file)).toBe(false);
    expect(readPack(file).deltas).toHaveLength(16);
    expect(readPack(file).pack.size).toBe(32);
    // The 17th write folds them all into the main pack.
    const folded = writePack(file, entries(100, 1), writeAtomic, keepAll);
    expect(folded?.size).toBe(33);
    expect(readPack(file).deltas).toEqual([]);
    expect(readPack(file).pack.get('b:5')?.all).toEqual(['n5']);
    // A cold run's many entries go to the main pack at once.
    expect(writePack(file, entries(1000, 300), writeAtomic, keepAll)?.size).toBe(333);
    writePack(file, entries(5, 1), writeAtomic, keepAll); // a newer entry for a key in the pack
    expect(readPack(file).pack.size).toBe(333);
  });

  it('--timing accounts for the whole process: its lines add up to the total', () => {
    const dir = tempDir();
    fs.cpSync(path.join(REPO, 'examples', 'incident'), dir, { recursive: true });
    const { stderr } = runCli([dir, '--timing', '--no-cache']);
    const lines = [...stderr.matchAll(/^ {2}(.+?)\s+(-?\d+\.\d) ms\s+(-?\d+\.\d) ms CPU$/gm)].map((m) => [m[1], Number(m[2]), Number(m[3])] as const);
    const total = lines.find(([what]) => what.startsWith('total'));
    expect(total, stderr).toBeDefined();
    expect(lines.map(([w]) => w)).toEqual(expect.arrayContaining(['node start-up, command line, git', 'filter, baseline, report', 'between the phases']));
    const sum = lines.filter(([what]) => !what.startsWith('total')).reduce((n, [, ms]) => n + ms, 0);
    // Each line is rounded to 0.1 ms.
    expect(Math.abs(sum - total![1])).toBeLessThan(0.05 * lines.length + 0.1);
    // And in CPU time (user + system), the second column.
    const cpu = lines.filter(([what]) => !what.startsWith('total')).reduce((n, [, , c]) => n + c, 0);
    expect(Math.abs(cpu - total![2])).toBeLessThan(0.05 * lines.length + 0.1);
  });
});
