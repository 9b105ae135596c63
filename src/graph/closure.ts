// Closures shared by rules: what runs, and what an app (several entry points serving one app object) loads.
import type { AppGraph, ModuleNode } from './types.js';

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
      const first = m?.facts.sysPathChanges?.[0];
      if (m && first) return { file: m.file, line: first.line };
    }
  return undefined;
}
