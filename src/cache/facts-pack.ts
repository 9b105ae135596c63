// The facts pack on disk: one main file (`facts-H.v8`) and small delta files (`facts-H.v8.ID.delta`)
// beside it. A commit adds the facts of a file or two: writing them alone costs a few milliseconds,
// where rewriting the whole pack (30,000 files' facts, ~10 MB of v8 serialisation) cost ~200 ms on
// the real-commit path (#20). Deltas are folded into the main file once there are MAX_DELTAS of them
// or a run adds many entries. Every write is a rename of a whole file; a delta is removed only after
// the main file holding its entries is in place, so a reader never sees less than was stored before
// (a reader racing a fold may miss a delta's entries: a cache miss, never a wrong answer — keys are
// content ids, so any entry found is right).
import fs from 'node:fs';
import path from 'node:path';
import type { FileFacts } from '../types.js';
import { lazyRequire } from '../util/lazy-require.js';

const v8 = lazyRequire<typeof import('node:v8')>('node:v8');

export type Pack = Map<string, FileFacts>;

/** Delta files kept beside the main pack before they are folded into it. */
const MAX_DELTAS = 16;
/** A run adding more entries than this writes the main pack (a cold run), not a delta. */
const DELTA_ENTRIES = 256;

function readOne(file: string): Pack {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return new Map();
  }
  try {
    const value: unknown = v8().deserialize(bytes);
    return value instanceof Map ? (value as Pack) : new Map();
  } catch {
    return new Map(); // damaged (cannot happen with rename, but a cache never fails a run)
  }
}

/** The delta files of a pack, oldest first by name (names start with a time). */
function deltasOf(file: string): string[] {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.`;
  try {
    return fs
      .readdirSync(dir)
      .filter((n) => n.startsWith(prefix) && n.endsWith('.delta'))
      .sort()
      .map((n) => path.join(dir, n));
  } catch {
    return [];
  }
}

/** The main pack with every delta over it. */
export function readPack(file: string): { pack: Pack; deltas: string[] } {
  const pack = readOne(file);
  const deltas = deltasOf(file);
  for (const d of deltas) for (const [k, v] of readOne(d)) pack.set(k, v);
  return { pack, deltas };
}

/**
 * Stores `added`: as one more delta when it is small and few deltas exist, else folded with what is
 * on disk now into the main pack (`keep` cuts that down when it grows too large). Gives the pack as
 * this run now knows it.
 */
export function writePack(
  file: string,
  added: Pack,
  write: (file: string, data: Uint8Array) => void,
  keep: (merged: Pack) => Pack,
): Pack | undefined {
  const existing = deltasOf(file);
  if (added.size <= DELTA_ENTRIES && existing.length < MAX_DELTAS) {
    const id = `${Date.now().toString(36).padStart(9, '0')}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    write(`${file}.${id}.delta`, v8().serialize(added));
    return undefined;
  }
  const { pack: merged, deltas } = readPack(file);
  for (const [k, v] of added) merged.set(k, v);
  const out = keep(merged);
  write(file, v8().serialize(out));
  for (const d of deltas) fs.rmSync(d, { force: true });
  return out;
}
