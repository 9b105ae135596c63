// What verify runs, from what the static check already knows: for each app, the package (the app
// root's files, or each deployed function's simulated layout), the entry points with their role
// (an entry point serving its app through an adapter such as Mangum, or naming a deploy's handler,
// is what Lambda runs; the others are the eager app), the module-path strings the Lambda side's
// lazy loaders import, and the deploy's handler.
import { modulePathsOf as pathsOf } from '../graph/borrowed-paths.js';
import type { AppGraph, EntryPoint } from '../graph/types.js';
import { middlewareOf } from '../graph/registrations/middleware.js';
import { servedApps } from '../graph/registrations/served.js';
import { isUnder, relTo } from '../util/posix-path.js';
import { deployEnv, optLayout } from './deploy-inputs.js';
import type { VerifyEntry, VerifyTarget } from './findings.js';

/** Every name a top-level import could mean in this repository: each folder and each module stem, anywhere. */
export function repositoryNames(files: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const f of files) {
    const parts = f.split('/');
    for (let i = 0; i < parts.length - 1; i++) names.add(parts[i]);
    const last = parts[parts.length - 1];
    const dot = last.indexOf('.');
    if (dot > 0) names.add(last.slice(0, dot));
  }
  return names;
}

function roleOf(graph: AppGraph): (e: EntryPoint) => VerifyEntry['role'] {
  const lambda = new Set<string>();
  for (const served of servedApps(graph)) if (served.adapters.length) for (const e of served.entries) lambda.add(e.file);
  for (const fn of graph.deploy?.functions ?? []) if (fn.entryModule) for (const e of graph.entrypoints) if (e.module === fn.entryModule) lambda.add(e.file);
  return (e) => (lambda.has(e.file) ? 'lambda' : 'eager');
}

/** The module-path strings the Lambda entry points reach, once each, with the attributes the loader must find. */
function modulePathsOf(graph: AppGraph, entries: VerifyEntry[], moduleOf: Map<string, string>): VerifyTarget['modulePaths'] {
  const seen = new Set<string>();
  const out: VerifyTarget['modulePaths'] = [];
  for (const e of entries) {
    if (e.role !== 'lambda') continue;
    for (const name of graph.fullClosure(moduleOf.get(e.file)!)) {
      const node = graph.modules.get(name);
      for (const mp of node ? pathsOf(graph, node) : []) {
        // An optional plugin the code is ready to miss, or a relative string, is not a path to import as it is.
        // A string under `if __name__ == "__main__":` runs only when an image starts the file as a script.
        if (mp.guarded || mp.mainBlock || mp.value.startsWith('.') || seen.has(mp.value)) continue;
        seen.add(mp.value);
        const optional = new Set(mp.optionalAttributes ?? []);
        out.push({ path: mp.value, attrs: mp.attributes.filter((a) => !optional.has(a)), loc: { file: mp.inFile ?? node!.file, line: mp.line, column: mp.column, endLine: mp.endLine, endColumn: mp.endColumn } });
      }
    }
  }
  return out;
}

/**
 * The lazy router loaders: those the static check recognises on an app a Lambda entry point serves
 * (middlewareOf's `loader`), and those the config declares (an allow entry of PAR001 for a Lambda entry point).
 */
function loadersOf(graph: AppGraph, entries: VerifyEntry[]): string[] {
  const lambda = new Set(entries.filter((e) => e.role === 'lambda').map((e) => e.file));
  const out: string[] = [];
  for (const served of servedApps(graph)) {
    if (!served.entries.some((e) => lambda.has(e.file))) continue;
    for (const reg of middlewareOf(graph, served)) if (reg.loader) out.push(reg.fact.kind === 'decorator' ? `${reg.module}.${reg.fact.className}` : reg.id);
  }
  for (const a of graph.allow) {
    if (a.rule !== 'PAR001' || !a.name) continue;
    for (const e of entries) if (e.role === 'lambda' && (a.only === undefined || graph.entrypoints.some((x) => x.file === e.file && x.label === a.only))) out.push(`${e.module}.${a.name}`);
  }
  return out;
}

/**
 * The targets of one app. An app with deployed functions gets one target per function whose
 * package is simulated (its files are listed) and one for its root otherwise; an app without
 * deploy definitions is verified as its root folder, which is what Lambda's /var/task holds when
 * the root is the deployed folder.
 */
export function targetsOf(graph: AppGraph, files: readonly string[], repoNames: ReadonlySet<string>): VerifyTarget[] {
  const role = roleOf(graph);
  const moduleOf = new Map(graph.entrypoints.map((e) => [e.file, e.module]));
  const handlers = new Map<string, string>();
  for (const fn of graph.deploy?.functions ?? []) if (fn.handler && fn.entryModule) handlers.set(fn.entryModule, fn.handler.func);
  const entries: VerifyEntry[] = graph.entrypoints.map((e) => ({
    file: e.file,
    module: e.module,
    role: role(e),
    ...(handlers.has(e.module) ? { handler: handlers.get(e.module) } : {}),
  }));
  // Eager entry points first: their live app is compared with the Lambda one's.
  entries.sort((a, b) => (a.role === b.role ? 0 : a.role === 'eager' ? -1 : 1));
  const opt = optLayout(graph, files);
  const common = { app: graph.name, entries, modulePaths: modulePathsOf(graph, entries, moduleOf), loaders: loadersOf(graph, entries), repoNames, ...(opt ? { opt } : {}) };
  const simulated = (graph.deploy?.functions ?? []).filter((f) => f.layout.how === 'simulated' && f.layout.files?.length);
  if (graph.deploy?.virtual && simulated.length)
    return simulated.map((f) => ({
      ...common,
      label: `function ${f.fn.name}`,
      files: f.layout.files!.map((p) => ({ dest: p.dest, src: p.src })),
      ...deployEnv([f]),
    }));
  const own = files.filter((f) => isUnder(f, graph.root) && f !== graph.root && !f.split('/').includes('__pycache__'));
  return [{ ...common, label: `app root ${graph.root || '.'}`, files: own.map((src) => ({ dest: relTo(src, graph.root), src })), ...deployEnv(graph.deploy?.functions ?? []) }];
}
