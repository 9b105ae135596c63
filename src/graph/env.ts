// Building the graph of any app: what every graph needs from the whole snapshot (GraphEnv), and the
// graph of an app that is not a deploy package (src/deploy/apps.ts builds those, with this env).
import type { Snapshot } from '../types.js';
import { declaredDependencies, dependencyFileNames } from '../python/deps.js';
import { localTopLevelNames, Resolver } from '../python/resolve.js';
import { servedBy } from './apps.js';
import { buildAppGraph, type AppSpec } from './build.js';
import type { FactsStore } from './facts-store.js';
import type { AppGraph } from './types.js';

export interface GraphEnv {
  snapshot: Snapshot;
  store: FactsStore;
  localTopLevel: Set<string>;
  dependencies: Set<string>;
  paths: string[];
}

/** The texts of these files, read side by side (one pipelined git cat-file with --staged); unreadable ones left out. */
export async function readTexts(snapshot: Snapshot, paths: string[]): Promise<{ path: string; text: string }[]> {
  const texts = await Promise.all(paths.map((p) => snapshot.readText(p)));
  return paths.flatMap((p, i) => (texts[i] === undefined ? [] : [{ path: p, text: texts[i]! }]));
}

/** What every app's graph needs from the whole snapshot: its paths, top-level names and declared dependencies. */
export async function graphEnv(snapshot: Snapshot, store: FactsStore): Promise<GraphEnv> {
  const paths = snapshot.files().map((f) => f.path);
  const depFiles = await readTexts(snapshot, paths.filter(dependencyFileNames));
  return { snapshot, store, localTopLevel: localTopLevelNames(paths), dependencies: declaredDependencies(depFiles), paths };
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
