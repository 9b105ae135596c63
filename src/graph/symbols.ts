// What a name written in a module refers to, as a fully qualified name, following imports and
// re-exports through local modules. Two spellings of one class qualify to the same string:
// `from fastapi.middleware.gzip import GZipMiddleware as GZ` and
// `import starlette.middleware.gzip` + `starlette.middleware.gzip.GZipMiddleware`.
import type { DefinitionFact, FileFacts, ImportFact } from '../types.js';
import type { AppGraph } from './types.js';

/**
 * Public re-exports that are the very same object (checked against real Python in
 * test/graph/symbols.test.ts: `a is b` for every pair).
 */
export const REEXPORTS: Readonly<Record<string, string>> = {
  'fastapi.middleware.Middleware': 'starlette.middleware.Middleware',
  'fastapi.middleware.gzip.GZipMiddleware': 'starlette.middleware.gzip.GZipMiddleware',
  'fastapi.middleware.cors.CORSMiddleware': 'starlette.middleware.cors.CORSMiddleware',
  'fastapi.middleware.trustedhost.TrustedHostMiddleware': 'starlette.middleware.trustedhost.TrustedHostMiddleware',
  'fastapi.middleware.httpsredirect.HTTPSRedirectMiddleware':
    'starlette.middleware.httpsredirect.HTTPSRedirectMiddleware',
  'fastapi.middleware.wsgi.WSGIMiddleware': 'starlette.middleware.wsgi.WSGIMiddleware',
  'fastapi.applications.FastAPI': 'fastapi.FastAPI',
  'fastapi.routing.APIRouter': 'fastapi.APIRouter',
  // fastapi.HTTPException is fastapi.exceptions.HTTPException (a subclass of Starlette's, not the same class).
  'fastapi.exceptions.HTTPException': 'fastapi.HTTPException',
};

export function canonical(qualified: string): string {
  return REEXPORTS[qualified] ?? qualified;
}

/** The absolute module an import statement names, or undefined for a relative import that cannot be made absolute. */
export function importTarget(graph: AppGraph, fromModule: string, fact: ImportFact): string | undefined {
  if (fact.level === 0) return fact.module;
  const node = graph.modules.get(fromModule);
  return graph.resolver.absolutize(fromModule, node?.isPackage ?? false, fact.level, fact.module);
}

/**
 * Qualify `expr` (a dotted name as written, e.g. `GZipMiddleware`, `gzip.GZipMiddleware`)
 * in the namespace of `moduleName`. Unknown names come back as `moduleName.expr` when the
 * module defines them, else unchanged (builtins, names from star imports).
 */
export function qualify(graph: AppGraph, moduleName: string, expr: string, depth = 0): string {
  const dot = expr.indexOf('.');
  const head = dot < 0 ? expr : expr.slice(0, dot);
  const rest = dot < 0 ? '' : expr.slice(dot);
  const node = graph.modules.get(moduleName);
  if (!node || depth > 12) return canonical(expr);

  // The last binding at module level wins, as in Python; definitions in the module itself too. Only
  // the statements that bind `head` are looked at (an entry point importing 200 routers asks 200 times).
  const { imports, definitions } = bindingsOf(node.facts);
  let found: string | undefined;
  let foundLine = -1;
  for (const imp of imports.get(head) ?? []) {
    if (imp.line < foundLine) continue;
    const target = importTarget(graph, moduleName, imp);
    if (target === undefined) continue;
    if (imp.kind === 'import') {
      if (imp.alias === head) {
        found = target + rest;
        foundLine = imp.line;
      } else if (!imp.alias && target.split('.')[0] === head) {
        // `import a.b` binds `a`; `a.b.C` is then spelled out in full.
        found = expr;
        foundLine = imp.line;
      }
      continue;
    }
    for (const n of imp.names) {
      if (n.name === '*') continue;
      if ((n.alias ?? n.name) !== head) continue;
      const sub = `${target}.${n.name}`;
      // `from pkg import mod` binds a submodule when pkg has it; otherwise the name pkg defines.
      if (graph.modules.has(sub) || graph.resolver.resolve(sub)) {
        found = rest ? qualifyIn(graph, sub, rest.slice(1), depth) : sub;
      } else if (graph.modules.has(target)) {
        found = qualify(graph, target, n.name + rest, depth + 1);
      } else {
        found = canonical(sub + rest);
      }
      foundLine = imp.line;
    }
  }
  let alias: string | undefined;
  for (const def of definitions.get(head) ?? []) {
    if (def.line < foundLine) continue;
    found = `${moduleName}.${expr}`;
    foundLine = def.line;
    alias = def.alias;
  }
  // `CompressionMiddleware = GZipMiddleware`: what the other name is bound to. Not `config =
  // config.settings`, whose right side means an earlier binding of the same name.
  if (alias !== undefined && found === `${moduleName}.${expr}` && alias.split('.')[0] !== head) found = qualify(graph, moduleName, alias + rest, depth + 1);
  if (found !== undefined) return canonical(found);
  return canonical(expr);
}

interface Bindings {
  /** Module-level imports by the name they bind, in source order. */
  imports: Map<string, ImportFact[]>;
  /** The module's own definitions (not imports) by name, in source order. */
  definitions: Map<string, DefinitionFact[]>;
}

const bindingsCache = new WeakMap<FileFacts, Bindings>();

/** Which statements of a module bind which name (computed once per file's facts). */
function bindingsOf(facts: FileFacts): Bindings {
  let b = bindingsCache.get(facts);
  if (b) return b;
  b = { imports: new Map(), definitions: new Map() };
  const add = <T>(map: Map<string, T[]>, key: string, value: T) => {
    const list = map.get(key);
    if (!list) map.set(key, [value]);
    else if (list[list.length - 1] !== value) list.push(value);
  };
  for (const imp of facts.imports) {
    if (imp.scope !== 'module') continue;
    // `import a.b` binds `a` (always absolute: `import .a` is not Python); `import a.b as c` binds `c`.
    if (imp.kind === 'import') add(b.imports, imp.alias ?? imp.module.split('.')[0], imp);
    else for (const n of imp.names) if (n.name !== '*') add(b.imports, n.alias ?? n.name, imp);
  }
  for (const def of facts.definitions) if (def.kind !== 'import') add(b.definitions, def.name, def);
  bindingsCache.set(facts, b);
  return b;
}

function qualifyIn(graph: AppGraph, moduleName: string, expr: string, depth: number): string {
  return graph.modules.has(moduleName) ? qualify(graph, moduleName, expr, depth + 1) : canonical(`${moduleName}.${expr}`);
}

/** The last segment of a dotted name: what a person calls the class. */
export function shortName(qualified: string): string {
  const i = qualified.lastIndexOf('.');
  return i < 0 ? qualified : qualified.slice(i + 1);
}

/** Does the module bind `name` at its top level (def, class, assignment, import), or might it (star import, __getattr__)? */
export function bindsName(facts: FileFacts, name: string): boolean {
  return facts.definitions.some((d) => d.name === name) || bindsAnyName(facts);
}

/** A module `__getattr__` or a module-level star import: the module may bind any name at all. */
export function bindsAnyName(facts: FileFacts): boolean {
  return facts.hasModuleGetattr || facts.imports.some((i) => i.scope === 'module' && i.names.some((n) => n.name === '*'));
}
