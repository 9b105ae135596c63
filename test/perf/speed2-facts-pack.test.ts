// The indexed facts pack (src/cache/facts-pack.ts, #20): a run reads only the entries it asks for,
// and what it reads is what was stored, also while another run folds a new main file into place,
// from a damaged file, or from a pack of the old layout. And a real commit answered from the pack
// says what a run without any cache says.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPack, PackFile, readPack, writePack, type Pack } from '../../src/cache/facts-pack.js';
import { DiskFactsCache, writeAtomic } from '../../src/cache/disk.js';
import { emptyFacts } from '../../src/graph/facts-store.js';
import type { FileFacts, Snapshot } from '../../src/types.js';
import { generateFiles } from '../../bench/generate.mjs';
import { commitAll, git, makeRepo, runCli, tempDir, writeTree } from '../helpers.js';

const facts = (i: number): FileFacts => ({ ...emptyFacts(), all: [`n${i}`, 'x'.repeat(i % 50)] });
const entries = (from: number, n: number): Pack => new Map(Array.from({ length: n }, (_, i) => [`b:${from + i}`, facts(from + i)]));
const keepAll = (keys: string[]) => keys;

describe('speed2: indexed facts pack', () => {
  it('speed2: reads back every entry as stored, one at a time, and keeps reading its file while a fold replaces it', () => {
    const file = path.join(tempDir(), 'facts-abc.v8');
    expect(writePack(file, entries(0, 400), writeAtomic, keepAll)?.size).toBe(400);
    const reader = PackFile.open(file);
    expect(reader.size).toBe(400);
    for (const i of [0, 1, 199, 399]) expect(reader.get(`b:${i}`)).toEqual(facts(i));
    expect(reader.get('b:400')).toBeUndefined();
    // Another run folds 300 new entries (a cold run) into a new main file meanwhile.
    writePack(file, entries(1000, 300), writeAtomic, keepAll);
    expect(reader.get('b:398')).toEqual(facts(398));
    reader.close();
    expect(reader.get('b:398')).toBeUndefined(); // closed: a miss, never a throw
    const again = readPack(file).pack;
    expect(again.size).toBe(700);
    expect(again.get('b:1299')).toEqual(facts(1299));
  });

  it('speed2: a fold copies entries as bytes, deltas and newer entries win, and keep drops keys', () => {
    const file = path.join(tempDir(), 'facts-abc.v8');
    writePack(file, entries(0, 300), writeAtomic, keepAll);
    const newer: Pack = new Map([['b:5', { ...emptyFacts(), all: ['newer'] }]]);
    writePack(file, newer, writeAtomic, keepAll); // a delta
    const open = openPack(file);
    expect(open.deltaFiles).toHaveLength(1);
    expect(open.deltas.get('b:5')?.all).toEqual(['newer']);
    open.main.close();
    const kept = writePack(file, entries(500, 300), writeAtomic, (keys) => keys.filter((k) => k !== 'b:7'));
    expect(kept?.has('b:7')).toBe(false);
    const { pack, deltas } = readPack(file);
    expect(deltas).toEqual([]);
    expect(pack.get('b:5')?.all).toEqual(['newer']);
    expect(pack.get('b:6')).toEqual(facts(6));
    expect(pack.has('b:7')).toBe(false);
    expect(pack.size).toBe(599);
  });

  it('speed2: a damaged main file or one of the old layout (a whole v8 Map) is an empty pack', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'facts-abc.v8');
    writePack(file, entries(0, 300), writeAtomic, keepAll);
    fs.truncateSync(file, 200);
    expect(PackFile.open(file).size).toBe(0);
    const v8 = await import('node:v8');
    fs.writeFileSync(file, v8.serialize(entries(0, 3)));
    expect(PackFile.open(file).size).toBe(0);
    const cache = new DiskFactsCache(dir, 'tool', { kind: 'index' } as Snapshot);
    expect(cache.get({ path: 'a.py', id: '0' })).toBeUndefined();
    cache.set({ path: 'a.py', id: '0' }, facts(1));
    await cache.flush();
    expect(cache.get({ path: 'a.py', id: '0' })).toEqual(facts(1)); // after flush, from what it stored
  });

  it('speed2: a real commit answered from a warm pack reports what a run without any cache reports', () => {
    // 300 files: a cold run stores them in the main file (more than a delta holds).
    const repo = makeRepo();
    writeTree(generateFiles(300).out, repo);
    commitAll(repo);
    const cache = tempDir('pc-cache-');
    const env = { PARITY_CHECK_CACHE_DIR: cache };
    // The commit before: a comment staged, every file's facts stored by blob id.
    fs.appendFileSync(path.join(repo, 'README.md'), '\n');
    const main = fs.readdirSync(repo, { recursive: true }).map(String).find((n) => n.endsWith('main.py'))!;
    fs.appendFileSync(path.join(repo, main), '\n# before\n');
    git(repo, 'add', '-A');
    expect(runCli(['--staged'], { cwd: repo, env }).code).toBe(0);
    const packs = fs.readdirSync(cache).filter((n) => /^facts-[0-9a-f]+\.v8$/.test(n));
    expect(packs).toHaveLength(1);
    expect(fs.readFileSync(path.join(cache, packs[0])).subarray(0, 4).toString()).toBe('PCF2');
    // The module every router imports loses the name they import: the routers' facts come from the pack.
    const config = fs.readdirSync(repo, { recursive: true }).map(String).find((n) => n.endsWith(path.join('core', 'config.py')))!;
    const text = fs.readFileSync(path.join(repo, config), 'utf8');
    expect(text).toContain('settings = ');
    fs.writeFileSync(path.join(repo, config), text.replace('settings = ', 'renamed = '));
    git(repo, 'add', '-A');
    const warm = runCli(['--staged', '--timing'], { cwd: repo, env });
    expect(warm.stderr).toMatch(/parse and graph \(1 parsed, \d+ cached\)/);
    const cold = runCli(['--staged', '--no-cache'], { cwd: repo, env });
    expect(warm.code).toBe(1);
    expect({ code: warm.code, stdout: warm.stdout }).toEqual({ code: cold.code, stdout: cold.stdout });
  }, 300_000); // three runs over 300 files: minutes on a loaded machine
});
