// Import calls whose strings sit in another module's container (BorrowedPathFact): the name is
// qualified through the graph's imports (`from routes_config import ROUTER_MODULES`, `import
// routes_config` + `routes_config.ROUTER_MODULES`, re-exports in `__init__.py`, `M = other.M`), and
// the container is read where it is bound (ExportedMapFact). Each string becomes a ModulePathFact of
// the calling module placed in the container's file, so MOD001, MOD002 and PAR003 read it like a
// local map's. A name that leads to no readable container keeps the call unknown, and named.
import type { BorrowedPathFact, ExportedString, ModulePathFact } from '../types.js';
import { at } from '../util/span.js';
import { qualify } from './symbols.js';
import type { AppGraph, ModuleNode } from './types.js';

/** The strings `bp` loads, placed where the container writes them; undefined when the container cannot be read. */
export function lentPaths(graph: AppGraph, node: ModuleNode, bp: BorrowedPathFact): ModulePathFact[] | undefined {
  const q = qualify(graph, node.name, bp.source);
  const cut = q.lastIndexOf('.');
  const owner = cut > 0 ? graph.modules.get(q.slice(0, cut)) : undefined;
  if (!owner || owner === node) return undefined;
  const map = owner.facts.exportedMaps?.find((m) => m.name === q.slice(cut + 1));
  if (!map) return undefined;
  const pick = (e: { key?: ExportedString; value?: ExportedString }): ExportedString | undefined => {
    if (bp.view === 'keys' || (bp.view === 'iter' && map.dict)) return e.key;
    if (bp.view === 'item' && map.dict && bp.key !== undefined && e.key?.value !== bp.key) return undefined;
    return e.value;
  };
  // `.values()`/`.keys()` of a list is an AttributeError, not a map: unknown.
  if ((bp.view === 'values' || bp.view === 'keys') && !map.dict) return undefined;
  const out: ModulePathFact[] = [];
  for (const e of map.entries) {
    const s = pick(e);
    if (!s) continue;
    const t = bp.template;
    out.push({
      value: t ? t.before + s.value + t.after : s.value,
      via: t ? 'fstring' : s.kind,
      ...(s.container !== undefined ? { container: s.container } : {}),
      ...(s.key !== undefined ? { key: s.key } : {}),
      attributes: bp.attributes,
      ...(bp.optionalAttributes ? { optionalAttributes: bp.optionalAttributes } : {}),
      ...(bp.atModuleLevel ? { atModuleLevel: true } : {}),
      ...(bp.guarded ? { guarded: true } : {}),
      ...(bp.packageArg !== undefined ? { packageArg: bp.packageArg } : {}),
      ...(bp.packageName !== undefined ? { packageName: bp.packageName } : {}),
      // A built string is reported where it is built (in the calling module), with no fix.
      ...(t ? { literal: false, line: t.line, column: t.column, endLine: t.endLine, endColumn: t.endColumn } : { literal: s.literal, line: s.line, column: s.column, endLine: s.endLine, endColumn: s.endColumn, inFile: owner.file }),
    });
  }
  return out;
}

/** Record what `node`'s borrowed calls load (lent, also returned) or that they stay unknown. */
export function lend(graph: AppGraph, node: ModuleNode): ModulePathFact[] {
  const lent: ModulePathFact[] = [];
  for (const bp of node.facts.borrowedPaths ?? []) {
    const got = lentPaths(graph, node, bp);
    if (got) lent.push(...got);
    else (graph.unknownBorrowed ??= []).push({ module: node.name, at: at(node.file, bp), source: bp.source, ...(bp.loadsRouters ? { loadsRouters: true } : {}) });
  }
  if (lent.length) (graph.borrowedPaths ??= new Map()).set(node.name, lent);
  return lent;
}

const combined = new WeakMap<ModuleNode, ModulePathFact[]>();

/** A module's module-path strings: its own and those its calls load from another module's container. */
export function modulePathsOf(graph: AppGraph, node: ModuleNode): ModulePathFact[] {
  const lent = graph.borrowedPaths?.get(node.name);
  if (!lent) return node.facts.modulePaths;
  let all = combined.get(node);
  if (!all) combined.set(node, (all = [...node.facts.modulePaths, ...lent]));
  return all;
}

/** Calls of `module` whose borrowed container could not be read (PAR003 then cannot tell what the app serves). */
export function unknownBorrowedIn(graph: AppGraph, module: string): boolean {
  return graph.unknownBorrowed?.some((u) => u.module === module && u.loadsRouters) ?? false;
}
