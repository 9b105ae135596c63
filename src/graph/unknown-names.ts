// --verbose lines for `from mod import name` whose names cannot be known statically, so MOD004 does
// not judge them: mod is a sourceless `.pyc` (bytecode only), or it writes its own namespace at run
// time (`sys.modules[__name__] = obj`, `globals()[k] = v`). Said rather than read as all clear; a
// module-level `__getattr__` is a declared way to serve any name and is not listed.
import { importTarget } from './symbols.js';
import { runtimeModules } from './closure.js';
import type { AppGraph } from './types.js';
import { isExtensionFile } from '../python/importable.js';

export function unknownNameLines(graphs: readonly AppGraph[]): string[] {
  const out = new Set<string>();
  for (const graph of graphs) {
    for (const node of runtimeModules(graph)) {
      for (const imp of node.facts.imports) {
        if (imp.kind !== 'from' || imp.guard === 'type-checking' || imp.names.every((n) => n.name === '*')) continue;
        const target = importTarget(graph, node.name, imp);
        if (target === undefined) continue;
        const names = imp.names.filter((n) => n.name !== '*' && !graph.resolver.resolve(`${target}.${n.name}`)).map((n) => n.name);
        if (!names.length) continue;
        const why = reason(graph, target);
        if (why) out.add(`${node.file}:${imp.line}:${imp.column}: from ${target} import ${names.join(', ')}: ${why}, so the names it provides are not known statically and MOD004 does not check this import`);
      }
    }
  }
  return [...out].sort();
}

function reason(graph: AppGraph, target: string): string | undefined {
  const r = graph.resolver.resolve(target);
  if (r && (r.kind === 'module' || r.kind === 'package') && r.file.endsWith('.pyc')) return `${r.file} is sourceless bytecode (no ${target.split('.').pop()}.py beside it)`;
  if (r && r.kind === 'package' && isExtensionFile(r.file)) return `${r.file} is a compiled extension module (Python loads it, not an __init__.py beside it)`;
  const replaced = graph.modules.get(target)?.facts.namesReplaced;
  if (!replaced) return undefined;
  const where = `${graph.modules.get(target)!.file}:${replaced.line}`;
  return replaced.by === 'sys.modules' ? `${target} puts another object in its place (sys.modules[__name__] = … at ${where})` : `${target} writes its names through globals() at ${where}`;
}
