import type { Rule, RuleFinding } from './types.js';
import { modulePathTarget } from '../graph/build.js';
import { modulePathsOf } from '../graph/borrowed-paths.js';
import { bindsAnyName } from '../graph/symbols.js';
import { raisedBy, verdictSpan, workflowVerdicts } from './shared/workflow-starts.js';
import type { AppGraph } from '../graph/types.js';
import type { ModulePathFact } from '../types.js';
import { pushTo } from '../util/multimap.js';
import { at } from '../util/span.js';

const app = (attr: string) => `import importlib
from fastapi import FastAPI

app = FastAPI()
ROUTERS = ["api.users"]

def load(path: str):
    module = importlib.import_module(path)
    return getattr(module, "${attr}")

for path in ROUTERS:
    app.include_router(load(path))
`;
const users = 'from fastapi import APIRouter\n\nrouter = APIRouter()\n';

/**
 * What Python prints when the attribute is missing, as the library that reads it words it (each proved
 * in test/rules/mod002-*: logging's resolvers fall back to importing `module.attr`, uvicorn has its own
 * message); anything else reads the attribute plainly.
 */
function raised(mp: ModulePathFact, module: string, attr: string): string {
  const library = mp.library ?? '';
  if (library.startsWith('logging.config.dictConfig')) return `ValueError: Cannot resolve '${mp.value}.${attr}'`;
  if (library.startsWith('logging.config.fileConfig')) return `ModuleNotFoundError: No module named '${mp.value}.${attr}'`;
  // A server's module:app (a Procfile's process, a workflow step): the server's own words.
  if (mp.serverStart) return raisedBy(mp.serverStart, mp.value, attr);
  if (library.startsWith('uvicorn.run')) return raisedBy('uvicorn', mp.value, attr);
  return `AttributeError: module '${module}' has no attribute '${attr}'`;
}

const importedCache = new WeakMap<AppGraph, Set<string>>();

/** Every module of the graph and every package above one (namespace packages included): what imports have made attributes. */
function imported(graph: AppGraph): Set<string> {
  let set = importedCache.get(graph);
  if (!set) {
    set = new Set();
    for (const name of graph.modules.keys()) for (let i = name.indexOf('.'); ; i = name.indexOf('.', i + 1)) {
      set.add(i < 0 ? name : name.slice(0, i));
      if (i < 0) break;
    }
    importedCache.set(graph, set);
  }
  return set;
}

/** Attributes every module has, whatever its source (`module.__name__`, `module.__file__`); `__path__` only packages. */
const MODULE_ATTRIBUTES = new Set(['__name__', '__file__', '__doc__', '__spec__', '__loader__', '__package__', '__dict__', '__cached__', '__builtins__']);
/** What a namespace package (a folder without `__init__.py`) has: no code runs, so these and `__path__` (`__file__` is None). */
const NAMESPACE_ATTRIBUTES = new Set(['__name__', '__file__', '__doc__', '__spec__', '__loader__', '__package__', '__dict__', '__path__']);

/**
 * Module-path strings naming a namespace package: no file, so no module node and no edge of its
 * own. Its attributes are the submodules something has imported, nothing else (proved in
 * test/rules/mod002-names2.test.ts).
 */
function namespaceFindings(graph: AppGraph, seen: Set<string>): RuleFinding[] {
  const out: RuleFinding[] = [];
  for (const from of graph.modules.values()) {
    for (const mp of from.facts.modulePaths) {
      if (mp.attributes.length === 0) continue;
      const target = modulePathTarget(graph.resolver, from, mp);
      if (typeof target !== 'string') continue;
      const res = graph.resolver.resolve(target);
      if (res?.kind !== 'namespace') continue;
      for (const attr of mp.attributes) {
        if (mp.optionalAttributes?.includes(attr) || NAMESPACE_ATTRIBUTES.has(attr) || imported(graph).has(`${target}.${attr}`)) continue;
        const key = `${from.file}:${mp.line}:${mp.column}:${attr}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({
          ...at(from.file, mp),
          message: `"${mp.value}" resolves to ${res.dir}/, a namespace package (no __init__.py) whose only attributes are submodules already imported, and none is "${attr}" that ${mp.library ?? 'the loader'} reads: AttributeError: module '${target}' has no attribute '${attr}'`,
          subject: { app: graph.name, names: [attr, mp.value] },
        });
      }
    }
  }
  return out;
}

export const mod002: Rule = {
  code: 'MOD002',
  name: 'lazy-module-lacks-attribute',
  severity: 'error',
  summary: 'A lazily loaded module resolves but defines no top-level name the loader reads.',
  fixable: false,
  docs: {
    what:
      'A module named by a module-path string resolves, but does not define at its top level the attribute the loader reads from it (`getattr(module, "router")`, `module.router`): no class, function, assignment or import binds that name, and the module has no `__getattr__` or star import that could provide it. A read the loader is ready to see fail is not counted: `getattr(module, "router", None)`, a read under `hasattr(module, "router")`, or one in a `try` that handles `AttributeError`. A GitHub workflow step that starts `uvicorn app.main:application` (or gunicorn, hypercorn) from a folder where `app/main.py` defines only `app` is reported the same way, with the server\'s own message (uvicorn: `Attribute "application" not found in module "app.main"`).',
    why:
      'The import succeeds and the failure moves one line later, to the first request in production: `AttributeError: module \'api.users\' has no attribute \'router\'`. Renaming `router` to `users_router` in one file is enough.',
    bad: { files: { 'main.py': app('router'), 'api/__init__.py': '', 'api/users.py': users.replace('router =', 'users_router =') } },
    good: { files: { 'main.py': app('router'), 'api/__init__.py': '', 'api/users.py': users } },
    fix: 'Define the attribute the loader reads in the module (`router = APIRouter()`), or change the name the loader reads.',
  },
  check(ctx) {
    const findings: RuleFinding[] = [];
    const seen = new Set<string>();
    // A lazy edge is placed at its module-path string: the strings of a module by place, built once
    // per module (a loader with a 235-entry map has 235 strings and about 700 lazy edges).
    const byPlace = new Map<ModulePathFact[], Map<string, ModulePathFact[]>>();
    // (A string of a map imported from another module is placed in that module's file: see ModulePathFact.inFile.)
    const stringsAt = (list: ModulePathFact[], own: string, file: string, line: number, column: number): ModulePathFact[] => {
      let index = byPlace.get(list);
      if (!index) {
        index = new Map();
        for (const mp of list) pushTo(index, `${mp.inFile ?? own}:${mp.line}:${mp.column}`, mp);
        byPlace.set(list, index);
      }
      return index.get(`${file}:${line}:${column}`) ?? [];
    };
    for (const graph of ctx.apps) {
      for (const edge of graph.edges) {
        if (!edge.lazy) continue;
        const from = graph.modules.get(edge.from);
        const target = graph.modules.get(edge.to);
        if (!from || !target) continue;
        const facts = target.facts;
        // A star import or a module __getattr__ may provide anything: decided once per edge, not per attribute.
        if (bindsAnyName(facts)) continue;
        // Not read (too large, undecodable, nested past Python's limit): what it defines is not known, PARSE001 names it.
        if (facts.parseProblems.some((p) => p.unread)) continue;
        for (const mp of stringsAt(modulePathsOf(graph, from), from.file, edge.file, edge.line, edge.column)) {
          // The string's own module, not the packages above it (also edges of this string).
          if (modulePathTarget(graph.resolver, from, mp) !== edge.to) continue;
          for (const attr of mp.attributes) {
            if (mp.optionalAttributes?.includes(attr)) continue;
            const defined =
              MODULE_ATTRIBUTES.has(attr) ||
              (attr === '__path__' && target.isPackage) ||
              facts.definitions.some((d) => d.name === attr) ||
              // A submodule is an attribute of its package once something imports it, not before (a
              // namespace package in between has no file, so no module of its own: its submodules count).
              imported(graph).has(`${target.name}.${attr}`) ||
              // pydantic's ImportString imports `pkg.mod` as a module before it reads `mod` from `pkg`.
              (mp.attributeMayBeSubmodule === true && graph.resolver.resolve(`${target.name}.${attr}`) !== undefined);
            if (defined) continue;
            const key = `${mp.inFile ?? from.file}:${mp.line}:${mp.column}:${attr}`;
            if (seen.has(key)) continue;
            seen.add(key);
            findings.push({
              ...at(mp.inFile ?? from.file, mp),
              message: `"${mp.value}" resolves to ${target.file}, which defines no top-level "${attr}" that ${mp.library ?? 'the loader'} reads: ${raised(mp, target.name, attr)}`,
              related: [{ file: target.file, line: 1, column: 1, endLine: 1, endColumn: 1 }],
              subject: { app: graph.name, names: [attr, mp.value] },
            });
          }
        }
      }
      findings.push(...namespaceFindings(graph, seen));
    }
    for (const v of workflowVerdicts(ctx.apps, ctx.files, ctx.appRoots).verdicts) {
      if (v.code !== 'MOD002') continue;
      findings.push({ ...verdictSpan(v), message: v.message, related: [{ file: v.related!, line: 1, column: 1, endLine: 1, endColumn: 1 }], subject: { app: v.graph.name, names: [v.start.app!.value] } });
    }
    return findings;
  },
};
