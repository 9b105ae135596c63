// The import calls whose module paths are not known statically (PythonFacts.unknownRouterImports),
// as --verbose lines: a map built at run time, or imported from a module the value reader does not
// follow, is named rather than read as an empty, all-clear map.
import type { FileFacts } from '../types.js';
import type { AppGraph } from './types.js';

export function unknownMapLines(read: ReadonlyMap<string, FileFacts>): string[] {
  const out: string[] = [];
  for (const [file, facts] of read) {
    for (const s of facts.unknownRouterImports ?? [])
      out.push(`${file}:${s.line}:${s.column}: the module paths this import call loads are not known statically (a value computed at run time or held in another module): MOD001 does not check them and PAR003 cannot tell which routers the app serves\n`);
  }
  return out.sort();
}

/** Import calls that read a container of another module which could not be read there (not a literal, not local, a name it does not bind). */
export function unknownBorrowedLines(apps: readonly AppGraph[]): string[] {
  const out = new Set<string>();
  for (const graph of apps)
    for (const u of graph.unknownBorrowed ?? [])
      out.add(`${u.at.file}:${u.at.line}:${u.at.column}: the module paths this import call loads come from ${u.source}, which is not a container of module paths readable in the module it comes from (built at run time, or not a local module): MOD001 does not check them${u.loadsRouters ? ' and PAR003 cannot tell which routers the app serves' : ''}\n`);
  return [...out].sort();
}
