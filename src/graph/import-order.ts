// The order modules run in when an entry point is imported, to find `from a import X` executed
// while `a` is still running (a circular import): Python then finds in `a` only what `a` bound
// before the import statement it is paused at.
import type { ImportFact, ImportedName } from '../types.js';
import { importTarget } from './symbols.js';
import type { AppGraph, ModuleNode } from './types.js';

export interface CircularImport {
  /** The module running `from target import name`. */
  node: ModuleNode;
  imp: ImportFact;
  name: ImportedName;
  /** The partially initialized module. */
  target: ModuleNode;
  /** The line of target's import statement that started the cycle. */
  pausedAt: number;
}

const cache = new WeakMap<AppGraph, CircularImport[]>();

/** Statements that run with the module, in source order (not TYPE_CHECKING, not `__main__` blocks). */
function runningImports(node: ModuleNode): ImportFact[] {
  return node.facts.imports
    .filter((i) => (i.scope === 'module' || i.runsAtImport) && i.guard !== 'type-checking' && i.guard !== 'main')
    .sort((a, b) => a.line - b.line || a.column - b.column);
}

/**
 * Every `from a import X` that an entry point's import runs while `a` is partially initialized and
 * before `a` bound X, each entry point imported first in a fresh interpreter (as Lambda does). A
 * name that is a submodule, or a module whose names cannot be listed (star import, `__getattr__`),
 * is never reported. A module's own `from . import x` is MOD004's `self` case, not repeated here.
 */
export function circularImports(graph: AppGraph): CircularImport[] {
  let found = cache.get(graph);
  if (found) return found;
  const out: CircularImport[] = [];
  const seen = new Set<string>();
  for (const entry of graph.entrypoints) {
    const state = new Map<string, number | 'done'>(); // running: the line it is paused at
    const run = (node: ModuleNode): void => {
      state.set(node.name, 0);
      for (const imp of runningImports(node)) {
        state.set(node.name, imp.line);
        const target = importTarget(graph, node.name, imp);
        if (target === undefined) continue;
        const parts = target.split('.');
        for (let i = 1; i <= parts.length; i++) start(parts.slice(0, i).join('.'));
        if (imp.kind !== 'from') continue;
        const mod = graph.modules.get(target);
        for (const n of imp.names) {
          if (n.name === '*') continue;
          const sub = `${target}.${n.name}`;
          if (graph.resolver.resolve(sub)) {
            start(sub);
            continue;
          }
          const paused = state.get(target);
          if (!mod || mod === node || typeof paused !== 'number' || !cannotYetBind(mod, n.name, paused)) continue;
          const key = `${node.file}:${n.line}:${n.column}`;
          if (seen.has(key)) continue;
          seen.add(key);
          out.push({ node, imp, name: n, target: mod, pausedAt: paused });
        }
      }
      state.set(node.name, 'done');
    };
    const start = (name: string) => {
      const m = graph.modules.get(name);
      if (m && !state.has(name)) run(m);
    };
    start(entry.module);
  }
  cache.set(graph, out);
  return out;
}

/** `mod`, paused at line `paused`, has bound no `name` so far, and surely could not have. */
function cannotYetBind(mod: ModuleNode, name: string, paused: number): boolean {
  const f = mod.facts;
  if (f.hasModuleGetattr || f.imports.some((i) => i.scope === 'module' && i.line <= paused && i.names.some((n) => n.name === '*'))) return false;
  return !f.definitions.some((d) => d.name === name && !d.deferred && (d.kind === 'global' || d.line <= paused));
}
