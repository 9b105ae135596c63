// The facts pack on disk: one main file (`facts-H.v8`) and small delta files (`facts-H.v8.ID.delta`)
// beside it. A commit adds the facts of a file or two: writing them alone costs a few milliseconds,
// where rewriting the whole pack (30,000 files' facts, ~10 MB of v8 serialisation) cost ~200 ms on
// the real-commit path (#20). Deltas are folded into the main file once there are MAX_DELTAS of them
// or a run adds many entries. Every write is a rename of a whole file; a delta is removed only after
// the main file holding its entries is in place, so a reader never sees less than was stored before
// (a reader racing a fold may miss a delta's entries: a cache miss, never a wrong answer — keys are
// content ids, so any entry found is right).
//
// The main file is indexed, so a run reads only the entries it asks for: a commit of one 300-file
// app in a 3,000-file repository needs a tenth of the pack, and deserialising all of it cost ~300 ms
// there (7.4 MB; ~74 MB at 30,000 files). Layout: MAGIC, the header's length (u32 LE), the header
// (v8: [keys, ends], entry i is body[ends[i-1] .. ends[i]]), then the body, each entry its own v8
// serialisation. A reader keeps the file open and reads an entry where the header says, so a fold
// renaming a new main file into place meanwhile changes nothing it reads. Deltas are whole v8 Maps.
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
const MAGIC = Buffer.from('PCF2');

/** The main file, opened: entries deserialised one by one, when asked for. */
export class PackFile {
  private constructor(
    private fd: number | undefined,
    /** Key → [start, end) in the file. */
    private readonly spans: Map<string, [number, number]>,
  ) {}

  static open(file: string): PackFile {
    let fd: number | undefined;
    try {
      fd = fs.openSync(file, 'r');
      const head = Buffer.alloc(8);
      if (fs.readSync(fd, head, 0, 8, 0) !== 8 || !head.subarray(0, 4).equals(MAGIC)) throw new Error('not a pack');
      const header = Buffer.alloc(head.readUInt32LE(4));
      if (fs.readSync(fd, header, 0, header.length, 8) !== header.length) throw new Error('short header');
      const [keys, ends] = v8().deserialize(header) as [string[], Float64Array];
      const spans = new Map<string, [number, number]>();
      const body = 8 + header.length;
      for (let i = 0; i < keys.length; i++) spans.set(keys[i], [body + (i ? ends[i - 1] : 0), body + ends[i]]);
      return new PackFile(fd, spans);
    } catch {
      // absent, damaged or of another layout: an empty pack (a cache never fails a run)
      if (fd !== undefined) fs.closeSync(fd);
      return new PackFile(undefined, new Map());
    }
  }

  get size(): number {
    return this.spans.size;
  }

  keys(): IterableIterator<string> {
    return this.spans.keys();
  }

  /** The entry's serialised bytes, or undefined. */
  raw(key: string): Buffer | undefined {
    const span = this.spans.get(key);
    if (!span || this.fd === undefined) return undefined;
    const bytes = Buffer.alloc(span[1] - span[0]);
    try {
      return fs.readSync(this.fd, bytes, 0, bytes.length, span[0]) === bytes.length ? bytes : undefined;
    } catch {
      return undefined;
    }
  }

  get(key: string): FileFacts | undefined {
    const bytes = this.raw(key);
    if (!bytes) return undefined;
    try {
      return v8().deserialize(bytes) as FileFacts;
    } catch {
      return undefined;
    }
  }

  close(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }
}

/** The main file's bytes for entries already serialised one by one. */
/** The main pack file as its chunks, in order (written one after another, never joined: see writeAtomic). */
function mainFile(entries: Map<string, Uint8Array>): Uint8Array[] {
  const keys = [...entries.keys()];
  const ends = new Float64Array(keys.length);
  let at = 0;
  keys.forEach((k, i) => (ends[i] = at += entries.get(k)!.length));
  const header = v8().serialize([keys, ends]);
  const len = Buffer.alloc(4);
  len.writeUInt32LE(header.length);
  return [MAGIC, len, header, ...entries.values()];
}

function readDelta(file: string): Pack {
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

/** The pack to read from: the main file, opened, and every delta over it, read whole (they are small). */
export function openPack(file: string): { main: PackFile; deltas: Pack; deltaFiles: string[] } {
  const main = PackFile.open(file);
  const deltaFiles = deltasOf(file);
  const deltas: Pack = new Map();
  for (const d of deltaFiles) for (const [k, v] of readDelta(d)) deltas.set(k, v);
  return { main, deltas, deltaFiles };
}

/** The main pack with every delta over it, every entry deserialised. */
export function readPack(file: string): { pack: Pack; deltas: string[] } {
  const { main, deltas, deltaFiles } = openPack(file);
  const pack: Pack = new Map();
  for (const k of main.keys()) {
    const v = main.get(k);
    if (v) pack.set(k, v);
  }
  main.close();
  for (const [k, v] of deltas) pack.set(k, v);
  return { pack, deltas: deltaFiles };
}

/**
 * Stores `added`: as one more delta when it is small and few deltas exist, else folded with what is
 * on disk now into the main pack (`keep` names the keys to keep when it grows too large; entries
 * of the main file are copied as bytes, never deserialised). Gives the keys the main pack now holds
 * when it was written.
 */
export function writePack(file: string, added: Pack, write: (file: string, data: Uint8Array | readonly Uint8Array[]) => void, keep: (keys: string[]) => string[]): Set<string> | undefined {
  const existing = deltasOf(file);
  if (added.size <= DELTA_ENTRIES && existing.length < MAX_DELTAS) {
    const id = `${Date.now().toString(36).padStart(9, '0')}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    write(`${file}.${id}.delta`, v8().serialize(added));
    return undefined;
  }
  const { main, deltas, deltaFiles } = openPack(file);
  const merged = new Map<string, Uint8Array | FileFacts>();
  for (const k of main.keys()) merged.set(k, main.raw(k) ?? Buffer.alloc(0));
  for (const [k, v] of deltas) merged.set(k, v);
  for (const [k, v] of added) merged.set(k, v);
  main.close();
  const out = new Map<string, Uint8Array>();
  for (const k of keep([...merged.keys()])) {
    const v = merged.get(k)!;
    const bytes = v instanceof Uint8Array ? v : v8().serialize(v);
    if (bytes.length) out.set(k, bytes); // an entry unreadable in the old file is dropped: a miss
  }
  write(file, mainFile(out));
  for (const d of deltaFiles) fs.rmSync(d, { force: true });
  return new Set(out.keys());
}
