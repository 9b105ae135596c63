// What one app's graph read, for the per-app findings cache (app-cache.ts): a view of the run's
// snapshot and facts store per app that notes every path it asks about. The path list as a whole is
// in the key (app-cache.ts `globalKey`), so what exists is covered; what a file holds is covered by
// the entry id of every path noted here (a path looked up and absent is noted too: id '').
import type { FactsStore } from '../graph/facts-store.js';
import type { GraphEnv } from '../graph/env.js';
import type { Snapshot } from '../types.js';

export interface Recorded {
  env: GraphEnv;
  /** Files whose facts the graph asked for (FactsStore.get): what PARSE001, suppressions and the file count see. */
  gets: Set<string>;
  /** Every path asked about: gets, peeks, snapshot reads and entries. */
  paths: Set<string>;
}

export function recordingEnv(env: GraphEnv): Recorded {
  const gets = new Set<string>();
  const paths = new Set<string>();
  const base = env.snapshot;
  const snapshot: Snapshot = {
    get kind() {
      return base.kind;
    },
    get base() {
      return base.base;
    },
    get problems() {
      return base.problems;
    },
    get unfollowedLinks() {
      return base.unfollowedLinks;
    },
    get links() {
      return base.links;
    },
    get cachedModules() {
      return base.cachedModules;
    },
    files: () => base.files(),
    entry: (p) => {
      paths.add(p);
      return base.entry(p);
    },
    has: (p) => base.has(p),
    hasDir: (p) => base.hasDir(p),
    read: (p) => {
      paths.add(p);
      return base.read(p);
    },
    readText: (p) => {
      paths.add(p);
      return base.readText(p);
    },
    close: () => Promise.resolve(),
  };
  const store = env.store;
  // The run's one store (its facts, its worker pool), seen through an object that notes the paths.
  const view = Object.create(store, {
    get: {
      value: (file: string, bytes?: Buffer) => {
        gets.add(file);
        paths.add(file);
        return store.get(file, bytes);
      },
    },
    peek: {
      value: (file: string, bytes?: Buffer) => {
        paths.add(file);
        return store.peek(file, bytes);
      },
    },
  }) as FactsStore;
  return { env: { ...env, snapshot, store: view }, gets, paths };
}
