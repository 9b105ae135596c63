// The import calls whose module paths are not known statically (PythonFacts.unknownRouterImports),
// as --verbose lines: a map built at run time, or imported from a module the value reader does not
// follow, is named rather than read as an empty, all-clear map.
import type { FileFacts } from '../types.js';

export function unknownMapLines(read: ReadonlyMap<string, FileFacts>): string[] {
  const out: string[] = [];
  for (const [file, facts] of read) {
    for (const s of facts.unknownRouterImports ?? [])
      out.push(`${file}:${s.line}:${s.column}: the module paths this import call loads are not known statically (a value computed at run time or held in another module): MOD001 does not check them and PAR003 cannot tell which routers the app serves\n`);
  }
  return out.sort();
}
