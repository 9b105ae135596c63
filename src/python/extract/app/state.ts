// What the passes of the app family build together: the module's apps and adapters, where
// registrations go (the module's own lists, or a set-up function's), and the set-up functions.
// One AppState per file, made by appFacts and passed to each pass in turn.
import type { AdapterFact, AppFact, HandOff, HookFact, MiddlewareFact, MountFact, RouterIncludeFact } from '../../../types.js';
import type { FileIndex } from '../file-index.js';
import type { Node } from '../nodes.js';

/** A middleware before it gets its order: `at` is where it takes effect, `sub` orders those of one statement. */
export type PlacedMiddleware = { at: number; sub: number; fact: Omit<MiddlewareFact, 'order'> };
export type PlacedHook = { at: number; fact: HookFact };

/** Where registrations go: the module's own lists, or a set-up function's (factories included). */
export interface Bucket {
  mws: PlacedMiddleware[];
  routers: RouterIncludeFact[];
  hooks: PlacedHook[];
  mounts: MountFact[];
}

/** A module-level function that configures an app: one it is given (appParam) or one it creates. */
export interface Setup {
  fn: Node;
  params: string[];
  appParam: string;
  creates?: AppFact;
  bucket: Bucket;
  handedTo: HandOff[];
  /** Declares routes or mounts on the app itself (`@app.get(...)`, `app.mount(...)`), which are not read. */
  ownRoutes?: boolean;
}

export interface AppState {
  readonly idx: FileIndex;
  readonly apps: AppFact[];
  readonly adapters: AdapterFact[];
  readonly module: Bucket;
  /** Variables bound to an app at module level. */
  readonly appVars: Set<string>;
  /** Variables bound to a factory call at module level (`app = create_app()`). */
  readonly factoryVars: ReadonlySet<string>;
  /** By function node id, in the order they are found (the order of setupFunctions). */
  readonly setups: Map<number, Setup>;
  /**
   * Names a module-level `from x import name` binds (and nothing here binds again): registrations
   * on them at module level, and module-level call statements handing them on, are kept, for the
   * graph to count when the name is an app of another module (ImportedReceiverFact).
   */
  importedVars?: ReadonlySet<string>;
  /** The hand-offs of each of importedVars, filled by the third pass. */
  readonly importedHandOffs?: Map<string, HandOff[]>;
}

export const newBucket = (): Bucket => ({ mws: [], routers: [], hooks: [], mounts: [] });

/** The set-up of a function, made on first use with `appParam` as its app. */
export function setupOf(state: AppState, fn: Node, params: string[], appParam: string): Setup {
  let setup = state.setups.get(fn.id);
  if (!setup) {
    setup = { fn, params, appParam, bucket: newBucket(), handedTo: [] };
    state.setups.set(fn.id, setup);
  }
  return setup;
}
