// Facts of each Python file, extracted once per run (and once per content across runs through the
// persistent cache). Reads go through the snapshot only.
import { decodePython, extractFacts } from '../python/extract.js';
import type { FileFacts, Snapshot } from '../types.js';
import type { FactsCache } from './cache.js';

export function emptyFacts(): FileFacts {
  return {
    imports: [],
    definitions: [],
    all: null,
    hasModuleGetattr: false,
    apps: [],
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
  cached = 0;
  private readonly ids: Map<string, string>;

  constructor(
    private readonly snapshot: Snapshot,
    private readonly cache?: FactsCache,
  ) {
    this.ids = new Map(snapshot.files().map((e) => [e.path, e.id]));
  }

  get(file: string): Promise<FileFacts | undefined> {
    let pending = this.byFile.get(file);
    if (!pending) {
      pending = this.load(file);
      this.byFile.set(file, pending);
    }
    return pending;
  }

  private async load(file: string): Promise<FileFacts | undefined> {
    const id = this.ids.get(file);
    if (id === undefined) return undefined;
    const hit = this.cache?.get(id);
    if (hit) {
      this.cached++;
      this.read.set(file, hit);
      return hit;
    }
    const bytes = await this.snapshot.read(file);
    if (bytes === undefined) return undefined;
    const decoded = decodePython(bytes);
    let facts: FileFacts;
    if ('error' in decoded) {
      facts = emptyFacts();
      facts.parseProblems.push({ line: 1, column: 1, endLine: 1, endColumn: 1, message: decoded.error });
    } else {
      facts = extractFacts(decoded.text);
      this.parsed++;
      // The native binding frees trees only when the event loop turns: give it the chance
      // every few files so a large closure does not pile up native memory.
      if (this.parsed % 64 === 0) await new Promise((r) => setImmediate(r));
    }
    this.cache?.set(id, facts);
    this.read.set(file, facts);
    return facts;
  }
}
