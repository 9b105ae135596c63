// A list or dict of registrations imported from another module (`from app.api.routers import
// ROUTERS`, `from core.config import MIDDLEWARE`): the module that defines it, and what it holds
// there once that module has run (HeldValueFact). One hop: a value that is itself built from another
// import was not kept by the extractor, and the importing side keeps comparing it by name.
import type { HeldValueFact } from '../../types.js';
import { qualify } from '../symbols.js';
import type { AppGraph, ModuleNode } from '../types.js';

export interface SharedValue {
  /** The module defining the value: its entries are qualified there. */
  owner: ModuleNode;
  value: HeldValueFact;
}

/** The shared value `name` refers to in `module`, when it is imported from a module of the graph that holds one. */
export function sharedValue(graph: AppGraph, module: string, name: string): SharedValue | undefined {
  const q = qualify(graph, module, name);
  const dot = q.lastIndexOf('.');
  if (dot <= 0 || q.slice(0, dot) === module) return undefined;
  const owner = graph.modules.get(q.slice(0, dot));
  const value = owner?.facts.heldValues?.find((v) => v.name === q.slice(dot + 1));
  return owner && value ? { owner, value } : undefined;
}
