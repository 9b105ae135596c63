// Zero-config: a folder holding two or more Python files that each create a FastAPI/Starlette app
// at module level is an app (root = that folder, entry points = those files). An app made by a
// factory counts too (`app = create_app()`, the factory defined in another module): such a file is
// a candidate when it calls, at module level, a function of that name that some file defines as an
// app factory, and the caller confirms it with the app's real import graph (`servesFactoryApp`).
import type { AppSpec } from './graph/build.js';
import type { FactsStore } from './graph/facts-store.js';
import { APP_CLASSES } from './python/app-classes.js';
import { shortName } from './graph/symbols.js';
import type { Snapshot } from './types.js';
import { cmp } from './util/compare.js';
import { singleLambdaApp } from './discover-single.js';

const FACTORIES = APP_CLASSES;

export interface DiscoverOptions {
  /** Does `entry` (a file name in `root`) serve an app made by a factory, once its imports are followed? */
  servesFactoryApp?: (root: string, entry: string) => Promise<boolean>;
  /** Also a folder's only app file when an adapter serves it (src/discover-single.ts). */
  singleLambdaApps?: boolean;
}

export async function discoverApps(snapshot: Snapshot, store: FactsStore, opts: DiscoverOptions = {}): Promise<AppSpec[]> {
  const byFolder = new Map<string, string[]>();
  const add = (path: string) => {
    const [folder, file] = split(path);
    const list = byFolder.get(folder) ?? [];
    list.push(file);
    byFolder.set(folder, list);
  };
  // Names of functions that create and return an app, and the files that do not create one. Those
  // are read again only when some file defines a factory: holding their bytes until then would
  // keep every Python file of a large repository in memory.
  const factoryNames = new Set<string>();
  const others: string[] = [];
  for (const { path } of snapshot.files()) {
    if (!path.endsWith('.py')) continue;
    // A cheap text pre-filter keeps discovery from parsing every file of a large repository;
    // tree-sitter then decides (a comment or string mentioning FastAPI( creates no app).
    const bytes = await snapshot.read(path);
    if (bytes === undefined) continue;
    if (!FACTORIES.some((f) => bytes.includes(`${f}(`))) {
      if (opts.servesFactoryApp) others.push(path);
      continue;
    }
    const facts = await store.get(path, bytes);
    for (const fn of facts?.setupFunctions ?? []) if (fn.creates) factoryNames.add(fn.name);
    if (facts?.apps.length) add(path);
  }
  if (factoryNames.size && opts.servesFactoryApp) {
    const calls = [...factoryNames].map((n) => `${n}(`);
    for (const path of others) {
      const bytes = await snapshot.read(path);
      if (bytes === undefined || !calls.some((c) => bytes.includes(c))) continue;
      const facts = await store.get(path, bytes);
      if (!facts?.factoryCalls.some((c) => factoryNames.has(shortName(c.callee)))) continue;
      if (await opts.servesFactoryApp(...split(path))) add(path);
    }
  }

  const specs: AppSpec[] = [];
  for (const [folder, found] of [...byFolder].sort(([a], [b]) => cmp(a, b))) {
    // A file whose app another file of the folder mounts is a sub-application, served through that mount.
    const mounted = await mountedFiles(folder, found, store);
    const files = found.filter((f) => !mounted.has(f));
    if (files.length < 2) {
      const single = opts.singleLambdaApps && (await singleLambdaApp(folder ? `${folder}/${files[0]}` : files[0], store, (p) => snapshot.has(p)));
      if (single) specs.push(single);
      continue;
    }
    files.sort(entryOrder);
    // A Lambda handler beside the apps (handler.py wrapping lazy_app with Mangum) is an entry point too.
    for (const candidate of ['handler.py', 'lambda_handler.py', 'lambda_function.py']) {
      const p = folder ? `${folder}/${candidate}` : candidate;
      if (!files.includes(candidate) && snapshot.has(p)) {
        const facts = await store.get(p);
        if (facts?.adapters.length) files.push(candidate);
      }
    }
    specs.push({ name: folder || '.', root: folder, entrypoints: files });
  }
  return specs;
}

/**
 * The files of a folder whose app another file of the folder mounts at module level (`from .admin import admin`,
 * `app.mount("/admin", admin)`): a sub-application is served through the app that mounts it (its middleware,
 * handlers and lifespan), not a second entry point of the same app, so it is never compared as one.
 */
async function mountedFiles(folder: string, files: string[], store: FactsStore): Promise<Set<string>> {
  const out = new Set<string>();
  if (files.length < 2) return out;
  const facts = new Map<string, Awaited<ReturnType<FactsStore['get']>>>();
  for (const f of files) facts.set(f, await store.get(folder ? `${folder}/${f}` : f));
  for (const f of files) {
    const ff = facts.get(f);
    for (const m of ff?.mounts ?? []) {
      if (m.call) continue;
      for (const imp of ff!.imports) {
        if (imp.kind !== 'from' || imp.level > 1 || !imp.module) continue;
        const n = imp.names.find((x) => (x.alias ?? x.name) === m.target);
        if (!n) continue;
        const stem = imp.module.slice(imp.module.lastIndexOf('.') + 1);
        const file = `${stem}.py`;
        if (file !== f && files.includes(file) && facts.get(file)?.apps.some((a) => a.variable === n.name)) out.add(file);
      }
    }
  }
  return out;
}

/** A path's folder ('' at the top) and file name. */
function split(path: string): [string, string] {
  const slash = path.lastIndexOf('/');
  return [slash < 0 ? '' : path.slice(0, slash), path.slice(slash + 1)];
}

/** main.py first: it is the reference the other entry points are compared against. */
function entryOrder(a: string, b: string): number {
  const rank = (f: string) => (f === 'main.py' ? 0 : f === 'app.py' ? 1 : 2);
  return rank(a) - rank(b) || cmp(a, b);
}
