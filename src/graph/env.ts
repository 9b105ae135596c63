// Building the graphs of the apps: what every graph needs from the whole snapshot (GraphEnv), the
// graph of an app that is not a deploy package (src/deploy/apps.ts builds those, with this env), and
// the graph stage of the pipeline (buildGraphs).
import type { Snapshot } from '../types.js';
import type { PathMemo } from '../cache/path-memo.js';
import { declaredDependencies, dependencyFileNames } from '../python/deps.js';
import { localTopLevelNames, Resolver } from '../python/resolve.js';
import { servedBy } from './registrations/served.js';
import { buildAppGraph, type AppSpec } from './build.js';
import type { FactsStore } from './facts-store.js';
import { findClassesElsewhere } from './models.js';
import type { AppGraph } from './types.js';

export interface GraphEnv {
  snapshot: Snapshot;
  store: FactsStore;
  localTopLevel: Set<string>;
  dependencies: Set<string>;
  paths: string[];
  /** What depends only on `paths`, kept from an earlier run with the same list (src/cache/path-memo.ts). */
  memo?: PathMemo;
}

/** The texts of these files, read side by side (one pipelined git cat-file with --staged); unreadable ones left out. */
export async function readTexts(snapshot: Snapshot, paths: string[]): Promise<{ path: string; text: string }[]> {
  const texts = await Promise.all(paths.map((p) => snapshot.readText(p)));
  return paths.flatMap((p, i) => (texts[i] === undefined ? [] : [{ path: p, text: texts[i]! }]));
}

/** What every app's graph needs from the whole snapshot: its paths, top-level names and declared dependencies. */
export async function graphEnv(snapshot: Snapshot, store: FactsStore, memoOf?: (paths: string[]) => PathMemo | undefined): Promise<GraphEnv> {
  const paths = snapshot.files().map((f) => f.path);
  const memo = memoOf?.(paths);
  const depPaths = () => paths.filter(dependencyFileNames);
  const depFiles = await readTexts(snapshot, memo ? memo.strings('dependencyFiles', depPaths) : depPaths());
  const topLevel = () => [...localTopLevelNames(paths)];
  const localTopLevel = memo ? new Set(memo.strings('topLevelNames', topLevel)) : localTopLevelNames(paths);
  return { snapshot, store, localTopLevel, dependencies: declaredDependencies(depFiles), paths, ...(memo ? { memo } : {}) };
}

/** A resolver of the env's snapshot from `root`. */
export function rootResolver(env: GraphEnv, root: string): Resolver {
  return new Resolver({ root, files: env.snapshot, localTopLevel: env.localTopLevel, dependencies: env.dependencies, paths: env.paths });
}

/** The graph of an app whose root is a folder of the snapshot. */
export function buildGraph(spec: AppSpec, env: GraphEnv): Promise<AppGraph> {
  return buildAppGraph(spec, env.snapshot, rootResolver(env, spec.root), env.store);
}

/** For discovery: does an entry point serve an app made by a factory (`app = create_app()`), read as a configured app would be? */
export function servesFactoryApp(env: GraphEnv): (root: string, entry: string) => Promise<boolean> {
  return async (root, entry) => {
    const graph = await buildGraph({ name: root || '.', root, entrypoints: [entry] }, env);
    return Boolean(servedBy(graph, graph.entrypoints[0])?.factory);
  };
}

/** Apps whose graphs are built at the same time. */
const APPS_AT_ONCE = 4;

/**
 * Every app's graph, in the order of `specs`, each made by `build`; then, for MDL001, where else under
 * its root the relationship targets no module of the graph defines are (AppGraph.classesElsewhere).
 * A few apps are built side by side: one app's graph is a few levels deep, and while its last level
 * is parsed the worker threads would otherwise wait for the next app's entry points. More at once
 * only holds more files in memory.
 */
export async function buildGraphs(
  specs: AppSpec[],
  env: GraphEnv,
  build: (spec: AppSpec) => Promise<AppGraph>,
  onBuilt?: (built: number) => void,
  /** The env an app's graph reads through (src/cache/app-inputs.ts notes what each app reads); default `env`. */
  envOf?: (spec: AppSpec) => GraphEnv,
): Promise<AppGraph[]> {
  const apps: AppGraph[] = new Array(specs.length);
  let next = 0;
  let built = 0;
  const builder = async () => {
    while (next < specs.length) {
      const i = next++;
      apps[i] = await build(specs[i]);
      onBuilt?.(++built);
    }
  };
  await Promise.all(Array.from({ length: Math.min(APPS_AT_ONCE, specs.length) }, builder));
  for (const [i, graph] of apps.entries()) {
    const e = envOf?.(specs[i]) ?? env;
    await findClassesElsewhere(graph, e.snapshot, e.store);
  }
  return apps;
}
