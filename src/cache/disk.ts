// The persistent cache, two levels:
//   - facts: FileFacts of a file by content id, in one pack file (v8 serialisation) per tool build;
//     in --staged mode the id is the git blob id (free from the index), in work-tree mode it is
//     path + size, mtime, ctime and inode (racily fresh files, changed in the last seconds, are never stored);
//   - runs: the whole output of a run (stdout, stderr, exit code) by a key over the tool build,
//     the options and what decides the snapshot's files (every path and id; for the index, git's
//     listing of them): an unchanged tree answers without parsing.
// Where: <git dir>/parity-check/ in a git repository (the git dir verified: isGitDir), else the user's
// cache folder ($XDG_CACHE_HOME or ~/.cache, parity-check/<hash of the checked folder>), or
// $PARITY_CHECK_CACHE_DIR. Never inside a checked folder that is not a git work tree. Writes go to a temporary file renamed into place: a reader never sees a
// partial file, two runs at once never corrupt anything (the last rename wins; a cache may lose entries).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FactsCache } from '../graph/cache.js';
import type { FileFacts, Snapshot, SnapshotEntry } from '../types.js';
import { findGitDir, isGitDir } from '../util/git-dir.js';
import { lazyRequire } from '../util/lazy-require.js';
import { quickHash } from '../util/quick-hash.js';
import { openPack, writePack, type PackFile } from './facts-pack.js';
import { pathMemo, type PathMemo } from './path-memo.js';

const crypto = lazyRequire<typeof import('node:crypto')>('node:crypto');

/** Bump when the shape or meaning of FileFacts changes (extract.ts), to drop old packs. */
export const EXTRACTOR_VERSION = 13;
/** Runs kept in runs/ (oldest removed first). */
const MAX_RUNS = 64;
/** Facts kept in a pack; beyond it, entries not used by this run are dropped. */
const MAX_FACTS = 200_000;
/** A work-tree file modified this recently (ms) may change again within its mtime tick: not stored. */
const RACY_MS = 3_000;

/**
 * Identifies the build of the tool: the version, the extractor version, and the size and mtime
 * of the running bundle (so a rebuilt development copy never reads facts of an older extractor).
 */
export function toolId(version: string): string {
  let build = '';
  try {
    const st = fs.statSync(fileURLToPath(import.meta.url));
    build = `${st.size}-${st.mtimeMs}`;
  } catch {
    build = 'unknown';
  }
  return `${version}+x${EXTRACTOR_VERSION}+${build}`;
}

/** The cache folder for a checked folder (created on first write). */
export function cacheDirFor(base: string, gitDir?: string): string {
  const env = process.env.PARITY_CHECK_CACHE_DIR;
  if (env) return path.resolve(env);
  const git = gitDir ?? (process.env.GIT_DIR ? path.resolve(process.env.GIT_DIR) : findGitDir(base)?.gitDir);
  if (git && isGitDir(git)) {
    const dir = path.join(git, 'parity-check');
    if (!isLink(dir)) return dir;
  }
  return userCacheDir(base);
}

/** The user's own cache folder for a checked folder that has no (trustworthy) git directory. */
export function userCacheDir(base: string): string {
  const xdg = process.env.XDG_CACHE_HOME;
  const root = xdg && path.isAbsolute(xdg) ? xdg : path.join(os.homedir(), '.cache');
  let real = path.resolve(base);
  try {
    real = fs.realpathSync(real);
  } catch {
    // a folder gone since: its name is key enough
  }
  return path.join(root, 'parity-check', hashName(real));
}

function isLink(p: string): boolean {
  try {
    return fs.lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

function hashName(text: string): string {
  return crypto().createHash('sha256').update(text).digest('hex').slice(0, 32);
}

/** Writes `data` to `file` atomically: a temporary file in the same folder, then rename. */
export function writeAtomic(file: string, data: string | Uint8Array | readonly Uint8Array[]): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // A cache folder replaced by a link (runs/ -> /etc) is not written through.
  if (!fs.lstatSync(path.dirname(file)).isDirectory()) throw new Error(`${path.dirname(file)} is not a folder`);
  const tmp = `${file}.${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`;
  try {
    if (typeof data === 'string' || data instanceof Uint8Array) fs.writeFileSync(tmp, data);
    else writeChunks(tmp, data);
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}

/**
 * The chunks one after another, never joined: the facts pack at 30,000 files is ~70 MB of entries,
 * and one Buffer.concat of them raised the run's peak memory by ~200 MiB (mem5, issue 20).
 */
function writeChunks(file: string, chunks: readonly Uint8Array[]): void {
  const fd = fs.openSync(file, 'w', 0o666);
  try {
    for (const chunk of chunks) {
      let at = 0;
      while (at < chunk.length) at += fs.writeSync(fd, chunk, at, chunk.length - at);
    }
  } finally {
    fs.closeSync(fd);
  }
}

function readOrUndefined(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Facts of files by content, in one pack per tool build. */
export class DiskFactsCache implements FactsCache {
  /** The pack as read at the first get: entries of the main file are read one by one (facts-pack.ts). */
  private pack: { main: PackFile; deltas: Map<string, FileFacts> } | undefined;
  private readonly added = new Map<string, FileFacts>();
  /** Entries this run stored (flushed): still answered here, whatever the files on disk became. */
  private readonly stored = new Map<string, FileFacts>();
  private readonly used = new Set<string>();
  private readonly file: string;
  private readonly tool: string;
  private readonly worktree: boolean;
  private readonly now = Date.now();

  constructor(
    readonly dir: string,
    tool: string,
    snapshot: Snapshot,
  ) {
    this.file = path.join(dir, `facts-${hashName(tool)}.v8`);
    this.tool = tool;
    this.worktree = snapshot.kind === 'worktree';
  }

  /** The pack key: a git blob id names one content anywhere; a work-tree id (stat data) only for its path. */
  private key(entry: SnapshotEntry): string {
    return this.worktree ? `w:${entry.path}\0${entry.id}` : `b:${entry.id}`;
  }

  get(entry: SnapshotEntry): FileFacts | undefined {
    const key = this.key(entry);
    this.pack ??= openPack(this.file);
    const hit = this.added.get(key) ?? this.stored.get(key) ?? this.pack.deltas.get(key) ?? this.pack.main.get(key);
    if (hit) this.used.add(key);
    return hit;
  }

  set(entry: SnapshotEntry, facts: FileFacts): void {
    const key = this.key(entry);
    // A work-tree file changed in the last seconds may change again without its size or mtime changing.
    if (this.worktree && (entry.mtimeMs === undefined || this.now - entry.mtimeMs < RACY_MS)) return;
    this.added.set(key, facts);
    this.used.add(key);
  }

  paths(list: readonly string[]): PathMemo {
    return pathMemo(this.dir, this.tool, list);
  }

  async flush(): Promise<void> {
    // The main file stays open while the run reads it; a later get (a --fix re-run) opens it again.
    this.pack?.main.close();
    this.pack = undefined;
    if (!this.added.size) return;
    // A few entries go to a delta file; many are merged with what is on disk now (another run may
    // have written since this one read) into the main pack (facts-pack.ts).
    try {
      writePack(this.file, this.added, writeAtomic, (keys) => (keys.length > MAX_FACTS ? keys.filter((k) => this.used.has(k)) : keys));
    } catch {
      // A cache that cannot be written (read-only folder, full disk) costs speed, never the run.
    }
    for (const [k, v] of this.added) this.stored.set(k, v);
    this.added.clear();
    this.pruneOtherBuilds();
  }

  /** Packs of other builds (every rebuild or upgrade starts a new one): keep the two newest. */
  private pruneOtherBuilds(): void {
    try {
      // A build's files: its main pack and its deltas (facts-pack.ts), aged by the newest of them.
      const builds = new Map<string, { files: string[]; t: number }>();
      const mine = path.basename(this.file);
      for (const n of fs.readdirSync(this.dir)) {
        const m = /^(facts-[0-9a-f]+\.v8)(\..+\.delta)?$/.exec(n);
        if (!m || m[1] === mine) continue;
        const b = builds.get(m[1]) ?? { files: [], t: 0 };
        b.files.push(n);
        b.t = Math.max(b.t, fs.statSync(path.join(this.dir, n)).mtimeMs);
        builds.set(m[1], b);
      }
      const others = [...builds.values()].sort((a, b) => b.t - a.t);
      for (const { files } of others.slice(2)) for (const n of files) fs.rmSync(path.join(this.dir, n), { force: true });
    } catch {
      // another run pruned at the same time: fine
    }
  }
}

export interface StoredRun {
  code: number;
  stdout: string;
  stderr: string;
  /** The full key text, for keys named by a quick hash (see stagedRunKey). */
  proof?: string;
  /**
   * Files the answer read from disk, outside what the key covers (a config's `extends` outside the
   * checked folder, a package in node_modules), with their text (null: absent). The answer holds only
   * while each reads the same: a key cannot name them before the run has read the config.
   */
  inputs?: [file: string, text: string | null][];
  /** The run checked nothing: with -o no report file is written (src/cli/check.ts Answer). */
  noReportFile?: true;
}

/** Whether every input still reads as it did (text compared whole: config files are small). */
function inputsHold(inputs: unknown): boolean {
  if (inputs === undefined) return true;
  if (!Array.isArray(inputs)) return false;
  for (const item of inputs) {
    if (!Array.isArray(item) || typeof item[0] !== 'string') return false;
    let now: string | null;
    try {
      now = new TextDecoder('utf-8').decode(fs.readFileSync(item[0])); // as the config loader decodes it
    } catch {
      now = null;
    }
    if (now !== item[1]) return false;
  }
  return true;
}

/** Whole-run answers by key. */
export class RunCache {
  private readonly runsDir: string;

  constructor(readonly dir: string) {
    this.runsDir = path.join(dir, 'runs');
  }

  /** The answer stored under `key`; with `proof`, only one stored with that very proof. */
  get(key: string, proof?: string): StoredRun | undefined {
    const bytes = readOrUndefined(path.join(this.runsDir, `${key}.json`));
    if (!bytes) return undefined;
    try {
      const value = JSON.parse(bytes.toString('utf8')) as StoredRun;
      if (typeof value.code !== 'number' || typeof value.stdout !== 'string' || typeof value.stderr !== 'string') return undefined;
      if (proof !== undefined && value.proof !== proof) return undefined;
      if (!inputsHold(value.inputs)) return undefined;
      return value;
    } catch {
      return undefined;
    }
  }

  set(key: string, run: StoredRun, proof?: string): void {
    try {
      writeAtomic(path.join(this.runsDir, `${key}.json`), JSON.stringify(proof === undefined ? run : { ...run, proof }));
      this.prune();
    } catch {
      // see DiskFactsCache.flush
    }
  }

  private prune(): void {
    const names = fs.readdirSync(this.runsDir).filter((n) => n.endsWith('.json'));
    if (names.length <= MAX_RUNS) return;
    const aged = names
      .map((n) => {
        try {
          return { n, t: fs.statSync(path.join(this.runsDir, n)).mtimeMs };
        } catch {
          return { n, t: 0 };
        }
      })
      .sort((a, b) => a.t - b.t);
    for (const { n } of aged.slice(0, aged.length - MAX_RUNS)) fs.rmSync(path.join(this.runsDir, n), { force: true });
  }
}

/**
 * The key of a run: the tool build, every option and environment bit that changes the output, and
 * what decides the snapshot's files (its listingKey when it has one, else every path and id).
 * `extra` lists anything else the answer depends on.
 */
export function runKey(tool: string, snapshot: Snapshot, extra: readonly string[]): string {
  const h = crypto().createHash('sha256');
  h.update(`${tool}\n${snapshot.kind}\n${snapshot.base}\n`);
  for (const part of extra) h.update(`${part}\n`);
  h.update('--\n');
  if (snapshot.listingKey) {
    // The index: git's own listing of paths and blob ids decides the files (see IndexSnapshot).
    const { bytes, text } = snapshot.listingKey();
    h.update(`listing\n${text}\n`).update(bytes);
  } else {
    // One update for the whole list: an update per file (30,000 calls into the native hash) cost ~8 ms.
    h.update(snapshot.files().map((e) => `${e.path}\0${e.id}\n`).join(''));
  }
  return h.digest('hex').slice(0, 40);
}

/**
 * The key of a --staged run from the index file and HEAD (see index-key.ts), for the git-free warm
 * path: a file name from a quick hash (no node:crypto on the warm path), and the full text it was
 * made from, which the stored answer must carry (RunCache.get's `proof`).
 */
export function stagedRunKey(tool: string, base: string, extra: readonly string[], indexIdentity: string): { key: string; proof: string } {
  const proof = [tool, 'staged-index', base, ...extra, '--', indexIdentity].join('\n');
  return { key: `staged-${quickHash(proof)}`, proof };
}

/** Size and mtime of a file outside the snapshot that the answer may depend on ('' when absent). */
export function statId(file: string): string {
  try {
    const st = fs.statSync(file);
    return `${file}:${st.size}-${st.mtimeMs}`;
  } catch {
    return `${file}:-`;
  }
}
