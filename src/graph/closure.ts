// Closures shared by rules: what runs, and what an app (several entry points serving one app object) loads.
import { qualify } from './symbols.js';
import type { AppGraph, ImportEdge, ModuleNode } from './types.js';

const runs = (e: ImportEdge): boolean => e.guard !== 'type-checking' && e.guard !== 'main';

/** Callees a module calls at its top: `app = create_app()`, `configure(app)` on its apps and factory results. */
function topCalls(node: ModuleNode): string[] {
  const f = node.facts;
  return [
    ...f.factoryCalls.flatMap((c) => [c.callee, ...c.handedTo.map((h) => h.callee)]),
    ...f.apps.flatMap((a) => a.handedTo.map((h) => h.callee)),
    // `from app.core import app; setup_routes(app)`: an imported app handed on (ImportedReceiverFact).
    ...(f.importedReceivers ?? []).flatMap((r) => r.handedTo.map((h) => h.callee)),
  ];
}

/**
 * What importing `entry` loads: module-level imports, and the imports inside a module-level function
 * that a module of the closure calls at its top (`app = create_app()` runs `def create_app(): from app
 * import models` in another module), and in what that function hands the app on to. The within-module
 * case (a module calling its own function) is already an edge of scope `module` (runsAtImport).
 */
export function eagerWithCalls(graph: AppGraph, outgoing: ReadonlyMap<string, ImportEdge[]>, entry: string): Set<string> {
  const out = new Set<string>([entry]);
  const todo = [entry];
  const called = new Set<string>();
  // Called functions by their module, for the module's visit.
  const byOwner = new Map<string, string[]>();
  const add = (m: string) => {
    if (!out.has(m)) {
      out.add(m);
      todo.push(m);
    }
  };
  // A function's own imports, and the set-up functions it calls in turn, once both it and its module are known.
  const enter = (owner: string, fn: string) => {
    for (const e of outgoing.get(owner) ?? []) if (e.scope === 'function' && e.inFunction === fn && runs(e)) add(e.to);
    const setup = graph.modules.get(owner)?.facts.setupFunctions.find((s) => s.name === fn);
    for (const h of setup?.handedTo ?? []) call(qualify(graph, owner, h.callee));
  };
  const call = (q: string) => {
    if (called.has(q)) return;
    called.add(q);
    const dot = q.lastIndexOf('.');
    if (dot <= 0) return;
    const [owner, fn] = [q.slice(0, dot), q.slice(dot + 1)];
    const fns = byOwner.get(owner);
    if (fns) fns.push(fn);
    else byOwner.set(owner, [fn]);
    if (out.has(owner)) enter(owner, fn);
  };
  while (todo.length) {
    const m = todo.pop()!;
    for (const e of outgoing.get(m) ?? []) if (e.scope === 'module' && runs(e)) add(e.to);
    for (const fn of byOwner.get(m) ?? []) enter(m, fn);
    for (const q of qualifiedTopCalls(graph, m)) call(q);
  }
  return out;
}

// Per graph: the callees of each module's top, qualified. The closure of every router of an app
// (PAR003) visits the same shared modules again, and the graph does not change once built.
const topCallsOf = new WeakMap<AppGraph, Map<string, string[]>>();

function qualifiedTopCalls(graph: AppGraph, m: string): string[] {
  let byModule = topCallsOf.get(graph);
  if (!byModule) topCallsOf.set(graph, (byModule = new Map()));
  let out = byModule.get(m);
  if (!out) {
    const node = graph.modules.get(m);
    out = node ? topCalls(node).map((callee) => qualify(graph, m, callee)) : [];
    byModule.set(m, out);
  }
  return out;
}

/** Modules that run at some point from some entry point (TYPE_CHECKING-only modules never do). */
export function runtimeModules(graph: AppGraph): ModuleNode[] {
  const names = new Set<string>();
  for (const e of graph.entrypoints) for (const m of graph.fullClosure(e.module)) names.add(m);
  return [...names].map((n) => graph.modules.get(n)).filter((m): m is ModuleNode => m !== undefined);
}

/** Union of the eager closures of several entry points. */
export function eagerUnion(graph: AppGraph, entryModules: string[]): Set<string> {
  const out = new Set<string>();
  for (const e of entryModules) for (const m of graph.eagerClosure(e)) out.add(m);
  return out;
}

/**
 * Where a module an entry point imports changes the import path at its top level
 * (`sys.path.insert(0, "vendor")`, not under `if __name__ == "__main__":`), if one does: what Python
 * can import is then more than the app root, and an import that does not resolve under the root
 * may still work (see sysPathExplains in rules/import-errors.ts).
 */
export function sysPathChange(graph: AppGraph): { file: string; line: number } | undefined {
  for (const e of graph.entrypoints)
    for (const name of graph.eagerClosure(e.module)) {
      const m = graph.modules.get(name);
      // A change whose folders are known (computed from __file__) was followed by the walk (sys-path.ts): no unknown.
      const first = m?.facts.sysPathChanges?.find((c) => !m.facts.sysPathFolders?.some((k) => k.change === c.line));
      if (m && first) return { file: m.file, line: first.line };
    }
  return undefined;
}

// Per graph, built on first use: the graph does not change once built (see build.ts's memo).
const reverseEdges = new WeakMap<AppGraph, Map<string, string[]>>();
const reaching = new WeakMap<AppGraph, Map<string, Set<string>>>();

/**
 * The modules whose full closure (graph.fullClosure: every edge that runs, lazy and function-level
 * ones included) holds `name`, `name` itself included: one walk back from `name` instead of a full
 * closure of every module asked about (PAR004 asks about each lazily loaded module of an app).
 */
export function modulesReaching(graph: AppGraph, name: string): ReadonlySet<string> {
  let byName = reaching.get(graph);
  if (!byName) reaching.set(graph, (byName = new Map()));
  let out = byName.get(name);
  if (out) return out;
  let back = reverseEdges.get(graph);
  if (!back) {
    back = new Map();
    for (const e of graph.edges) {
      if (!runs(e)) continue;
      const list = back.get(e.to);
      if (list) list.push(e.from);
      else back.set(e.to, [e.from]);
    }
    reverseEdges.set(graph, back);
  }
  out = new Set([name]);
  const todo = [name];
  while (todo.length) {
    for (const from of back.get(todo.pop()!) ?? []) {
      if (!out.has(from)) {
        out.add(from);
        todo.push(from);
      }
    }
  }
  byName.set(name, out);
  return out;
}
