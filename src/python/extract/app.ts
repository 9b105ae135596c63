// The app family (queries/python/app.scm): apps, adapters, middleware, routers, hooks, set-up
// functions and hand-offs, read in three passes over one AppState (constructors, then
// registrations, then hand-offs: each pass sees the apps and set-ups the earlier ones found).
import type { MountFact, AdapterFact, AppFact, FactoryCallFact, HandOff, HookFact, ImportedReceiverFact, MiddlewareFact, RouterIncludeFact, SetupFunctionFact } from '../../types.js';
import { nodeSpan as spanOf } from '../../util/span.js';
import { queryWords } from '../queries.js';
import { parameterDefaults } from './app/arguments.js';
import { readConstructors } from './app/constructors.js';
import { readHandOffs } from './app/hand-offs.js';
import { readRegistrations } from './app/registrations.js';
import { newBucket, type AppState, type PlacedHook, type PlacedMiddleware, type Setup } from './app/state.js';
import type { FileIndex } from './file-index.js';
import { field } from './nodes.js';

export interface AppFacts {
  apps: AppFact[];
  mounts?: MountFact[];
  setupFunctions: SetupFunctionFact[];
  middleware: MiddlewareFact[];
  routers: RouterIncludeFact[];
  hooks: HookFact[];
  adapters: AdapterFact[];
  /** The hand-offs of each factory call (by its index in the factory calls given): the caller adds them to the factory-call facts. */
  factoryHandOffs: HandOff[][];
  importedReceivers?: ImportedReceiverFact[];
}

/**
 * Reads the app facts; `factoryCalls` (module-level `X = f(...)`) count as apps for registrations and
 * hand-offs, and `imported` (names module-level from-imports bind) are kept as ImportedReceiverFact.
 */
export function appFacts(idx: FileIndex, factoryCalls: readonly FactoryCallFact[], imported: ReadonlySet<string> = new Set()): AppFacts {
  // Every pattern of app.scm needs one of its words: without them the query cannot match.
  if (!idx.mentions(queryWords('app')))
    return { apps: [], setupFunctions: [], middleware: [], routers: [], hooks: [], adapters: [], factoryHandOffs: factoryCalls.map(() => []) };
  const matches = idx.matches('app');
  const state: AppState = {
    idx,
    apps: [],
    adapters: [],
    module: newBucket(),
    appVars: new Set(),
    factoryVars: new Set(factoryCalls.map((f) => f.variable)),
    setups: new Map(),
    importedHandOffs: new Map(),
  };
  readConstructors(state, matches);
  // A name the module binds itself (an app, a factory call) is no imported app.
  const importedVars = new Set([...imported].filter((n) => !state.appVars.has(n) && !state.factoryVars.has(n)));
  state.importedVars = importedVars;
  readRegistrations(state, matches);
  const factoryHandOffs = readHandOffs(state, factoryCalls);
  const receivers = importedReceivers(state, importedVars);
  return {
    ...(receivers.length ? { importedReceivers: receivers } : {}),
    apps: state.apps,
    setupFunctions: [...state.setups.values()].map(setupFact),
    adapters: state.adapters,
    routers: state.module.routers,
    hooks: ordered(state.module.hooks),
    middleware: orderedMiddleware(state.module.mws),
    ...(state.module.mounts.length ? { mounts: state.module.mounts } : {}),
    factoryHandOffs,
  };
}

/** The imported names registered on at module level or handed on, in the order of importedVars. */
function importedReceivers(state: AppState, names: ReadonlySet<string>): ImportedReceiverFact[] {
  const { mws, routers, hooks } = state.module;
  const used = new Set([...mws.map((m) => m.fact.app), ...routers.map((r) => r.app), ...hooks.map((h) => h.fact.app)]);
  return [...names].filter((n) => used.has(n) || state.importedHandOffs?.get(n)?.length).map((variable) => ({ variable, handedTo: state.importedHandOffs?.get(variable) ?? [] }));
}

/** Middleware in the order it takes effect, numbered. */
const orderedMiddleware = (mws: PlacedMiddleware[]): MiddlewareFact[] =>
  mws.sort((x, y) => x.at - y.at || x.sub - y.sub).map((m, order) => ({ ...m.fact, order }));

const ordered = (hooks: PlacedHook[]): HookFact[] => hooks.sort((x, y) => x.at - y.at).map((h) => h.fact);

function setupFact({ fn, params, appParam, creates, bucket, handedTo, ownRoutes }: Setup): SetupFunctionFact {
  const { positional, defaults } = parameterDefaults(fn);
  return {
    name: field(fn, 'name')?.text ?? '',
    params,
    appParam,
    ...(creates ? { creates } : {}),
    handedTo,
    ...(positional.length ? { positional } : {}),
    ...(Object.keys(defaults).length ? { defaults } : {}),
    middleware: orderedMiddleware(bucket.mws),
    routers: bucket.routers,
    hooks: ordered(bucket.hooks),
    ...(ownRoutes ? { ownRoutes } : {}),
    ...(bucket.mounts.length ? { mounts: bucket.mounts } : {}),
    ...spanOf(field(fn, 'name') ?? fn),
  };
}
