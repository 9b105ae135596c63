// Facts of each Python file, extracted once per run (and once per content across runs through the
// persistent cache). Reads go through the snapshot only.
import { ExtractPool } from '../python/extract-pool.js';
import { decodePython, extractFacts } from '../python/extract.js';
import { refusedUtf8 } from '../python/refused.js';

/**
 * Files parsed in-process before a run starts the worker pool: a commit hook's check of a 300-file
 * app stays below it. Started at 256, the pool cost such a check ~60 ms (484 against 420 ms median)
 * for a handful of files; on this two-core machine two threads extract only ~1.1–1.4× as fast as
 * one, so the pool pays off only in large repositories (30,000 files: 13 s, against 15.5 s without),
 * and starting it at 256, 1,000 or 2,000 files measured alike there and at 3,000 files.
 */
export const POOL_AFTER = 1000;
import type { FileFacts, Snapshot } from '../types.js';
import type { FactsCache } from './cache.js';

export function emptyFacts(): FileFacts {
  return {
    imports: [],
    definitions: [],
    all: null,
    hasModuleGetattr: false,
    apps: [],
    setupFunctions: [],
    factoryCalls: [],
    middleware: [],
    routers: [],
    hooks: [],
    adapters: [],
    modulePaths: [],
    classes: [],
    baseFactories: [],
    suppressions: [],
    parseProblems: [],
  };
}

export class FactsStore {
  private readonly byFile = new Map<string, Promise<FileFacts | undefined>>();
  /** Every file whose facts were asked for, with its facts: what PARSE001 and suppressions look at. */
  readonly read = new Map<string, FileFacts>();
  parsed = 0;
  private pool?: ExtractPool;
  /** Off for tests that need the in-process path only; the pool also needs the built worker script. */
  usePool = true;
  cached = 0;
  /** Of `parsed`, how many the worker pool extracted. */
  inWorkers = 0;

  constructor(
    private readonly snapshot: Snapshot,
    private readonly cache?: FactsCache,
  ) {}

  /** Ends the worker pool, if one was started. */
  async close(): Promise<void> {
    await this.pool?.close();
    this.pool = undefined;
  }

  /** Facts of a file; `bytes` when the caller has read it already (discovery's pre-filter), so it is not read twice. */
  get(file: string, bytes?: Buffer): Promise<FileFacts | undefined> {
    let pending = this.byFile.get(file);
    if (!pending) {
      pending = (this.peeked.get(file) ?? this.load(file, bytes)).then((facts) => {
        if (facts) this.read.set(file, facts);
        return facts;
      });
      this.byFile.set(file, pending);
    }
    return pending;
  }

  /** Files only peeked at so far: parsed once, whoever asks next. */
  private readonly peeked = new Map<string, Promise<FileFacts | undefined>>();

  /**
   * Facts of a file that belongs to no app, looked at for a message only (MDL001's "defined in X"):
   * parsed and cached like any other, but not added to `read`, so nothing is reported about it.
   */
  peek(file: string, bytes?: Buffer): Promise<FileFacts | undefined> {
    let pending = this.byFile.get(file) ?? this.peeked.get(file);
    if (!pending) {
      pending = this.load(file, bytes);
      this.peeked.set(file, pending);
    }
    return pending;
  }

  private async load(file: string, given?: Buffer): Promise<FileFacts | undefined> {
    const entry = this.snapshot.entry(file);
    if (entry === undefined) return undefined;
    const hit = this.cache?.get(entry);
    if (hit) {
      this.cached++;
      return hit;
    }
    let bytes: Buffer | undefined = given;
    try {
      bytes ??= await this.snapshot.read(file);
    } catch (error) {
      // Reported with the path (PARSE001), and the run goes on: get() never rejects, so reads can be
      // started early and awaited later.
      return unreadableFacts((error as Error).message);
    }
    // Listed but not readable now (EACCES, removed since the walk): named like an undecodable file,
    // so the module stays in the graph and every rule asking for its facts gets them (empty).
    if (bytes === undefined) return unreadableFacts(this.snapshot.problems?.find((p) => p.path === file)?.message.replace(/^file could not be read: /, ""));
    const decoded = decodePython(bytes);
    let facts: FileFacts;
    if ('error' in decoded) {
      facts = emptyFacts();
      facts.parseProblems.push({ line: 1, column: 1, endLine: 1, endColumn: 1, message: decoded.error, unread: true, ...(decoded.error.startsWith('cannot decode as UTF-8') && refusedUtf8(bytes) ? { undecodable: true as const } : {}) });
    } else {
      this.parsed++;
      // Past POOL_AFTER files in one run, extraction moves to worker threads (see extract-pool.ts).
      if (this.parsed === POOL_AFTER && this.usePool) this.pool = ExtractPool.create();
      if (this.pool) {
        this.inWorkers++;
        facts = await this.pool.extract(decoded.text);
      } else facts = extractFacts(decoded.text);
      // The native binding frees trees only when the event loop turns: give it the chance
      // every few files so a large closure does not pile up native memory.
      if (this.parsed % 64 === 0) await new Promise((r) => setImmediate(r));
    }
    this.cache?.set(entry, facts);
    return facts;
  }
}

function unreadableFacts(why: string | undefined): FileFacts {
  const facts = emptyFacts();
  facts.parseProblems.push({ line: 1, column: 1, endLine: 1, endColumn: 1, message: `cannot read the file${why ? `: ${why}` : ''}`, unread: true });
  return facts;
}
