// The routers a served app serves: its include_router calls (its module's and its set-up
// functions'), and the router maps handed to importlib in what its entry points import eagerly.
import type { Location, RouterIncludeFact } from '../../types.js';
import { plainString } from '../../python/literal.js';
import { at } from '../../util/span.js';
import { modulePathsOf, unknownBorrowedIn } from '../borrowed-paths.js';
import { eagerUnion } from '../closure.js';
import { qualify } from '../symbols.js';
import type { AppGraph, ModuleNode } from '../types.js';
import { argumentsByParameter, asCalled } from './arguments.js';
import { sharedValue } from './held.js';
import { labelOf, type ServedApp, type SetupCall } from './served.js';

export interface RouterRef {
  /** The router's module, resolved under the root. */
  module: string;
  at: Location;
  how: string;
  /** The router's name in its module (`router`, `admin_router`; for a router map, the one attribute its loader reads), when known. */
  attr?: string;
  /** Where it is mounted, compared as a value: `""` for no `prefix=`, a string literal as JSON, a name by what it qualifies to (`=core.config.API_V1`); undefined when not known (a router map, an f-string). */
  prefix?: string;
  /** A router the entry point (or set-up module) defines itself and gives routes (`local = APIRouter()`, included, including none): served only where that very router is included. */
  local?: boolean;
  /** Listed in a router map handed to importlib (loaded lazily), not included by an import. */
  fromMap?: boolean;
  /**
   * Where the include runs among the app's registrations: the line and column in the app's module,
   * or the chain of call lines down to a set-up function's include (SetupCall.path), then its line
   * and column. Compared as a sequence (include-order.ts).
   */
  order?: number[];
  /** The include may not run (under an if, in a set-up function called under one). */
  conditional?: boolean;
  /** It runs only if a test on a set-up call's argument passes, and that argument cannot be read (`me_first (setup_ordered(app, me_first=FLAG))`). */
  argument?: string;
}

/**
 * The module a router expression lives in: `users.router` → `api.v1.users`. Only `<module>.<name>`
 * counts; anything else (`module.router` over a loop variable, a factory call) is not known.
 */
function routerModule(graph: AppGraph, moduleName: string, expr: string): { module: string; attr?: string } | undefined {
  const q = qualify(graph, moduleName, expr);
  const cut = q.lastIndexOf('.');
  if (cut <= 0) return undefined;
  const m = q.slice(0, cut);
  return graph.modules.has(m) || graph.resolver.resolve(m) ? { module: m, attr: routerName(graph, m, q.slice(cut + 1)) } : undefined;
}

/**
 * The router object a module's name stands for, as a name of that module: after `router =
 * users_router` both names are users_router (one object, so never two routers). A name the module
 * binds more than once, by an import, to another module's name or not at all (MOD002's finding) is
 * not followed: undefined, and PAR003 compares that ref by module only.
 */
function routerName(graph: AppGraph, module: string, attr: string): string | undefined {
  const facts = graph.modules.get(module)?.facts;
  if (!facts) return attr;
  const defs = facts.definitions.filter((d) => d.name === attr);
  if (defs.length !== 1 || defs[0].kind !== 'assignment' || defs[0].conditional) return undefined;
  // An alias is followed as everywhere else (symbols.ts qualify); a name of another module is not one of this module's routers.
  const q = qualify(graph, module, attr);
  const name = q.startsWith(`${module}.`) ? q.slice(module.length + 1) : undefined;
  return name !== undefined && !name.includes('.') ? name : undefined;
}

/** include_router's `prefix=` as a value (RouterRef.prefix). */
function prefixOf(graph: AppGraph, moduleName: string, r: RouterIncludeFact): string | undefined {
  if (r.via) return '""'; // routes copied: no prefix is added
  const p = r.args.find((a) => a.name === 'prefix');
  if (!p) return '""';
  const text = plainString(p.value);
  if (text !== undefined) return JSON.stringify(text);
  return p.dotted ? `=${qualify(graph, moduleName, p.dotted)}` : undefined;
}

/** Module paths that load routers: the loader reads `router`, or they sit in a router map. */
function isRouterPath(attributes: string[], container?: string): boolean {
  return attributes.some((a) => a.toLowerCase().includes('router')) || (container ?? '').toLowerCase().includes('router');
}

export interface AppRouters {
  refs: RouterRef[];
  /** Some include_router argument names no module (`include_router(m.router)` in a loop, a factory call): what the app serves is not fully known. */
  unknown: boolean;
  /**
   * Modules whose own routers the app includes (`router = APIRouter()` with its routes, included by
   * the module's own app): another entry point that includes that module's router
   * (`from pkg.server import router`) serves the same one.
   */
  own: string[];
  /** The include_router calls whose router names no module (`expr at file:line`), for --verbose. */
  unknownBy?: string[];
}

// parityGroups and PAR003 both ask for a served app's routers: one reading per ServedApp object.
const memo = new WeakMap<ServedApp, AppRouters>();

export function routersOf(graph: AppGraph, served: ServedApp): AppRouters {
  let r = memo.get(served);
  if (!r) memo.set(served, (r = readRouters(graph, served)));
  return r;
}

function readRouters(graph: AppGraph, served: ServedApp): AppRouters {
  const refs: RouterRef[] = [];
  const own = new Set<string>();
  const unknownBy: string[] = [];
  let unknown = false;
  const notKnown = (where: ModuleNode, r: RouterIncludeFact) => {
    unknown = true;
    unknownBy.push(`include_router(${r.each ? `each of ${r.expr}` : r.expr}) at ${labelOf(graph, where.file)}:${r.line}`);
  };
  // The module's own include_router calls, and those of the set-up functions the app is handed to.
  const sources: { module: ModuleNode; routers: (RouterIncludeFact & { argument?: string })[]; setup?: SetupCall }[] = [
    { module: served.module, routers: served.module.facts.routers.filter((r) => r.app === served.app.variable) },
    ...served.setups.map((s) => ({ module: s.module, routers: asCalled(s, s.fn.routers).map((j) => (j.argument ? { ...j.fact, argument: j.argument } : j.fact)), setup: s })),
  ];
  // outer: the entry point's include of an aggregate router another module builds (through which `r` is reached).
  const include = (where: ModuleNode, r: RouterIncludeFact & { argument?: string }, seen: Set<string>, outer?: Outer, placed?: { order: number[] }) => {
    const order = outer?.order ?? placed?.order ?? [r.line, r.column];
    const argument = outer?.argument ?? (r.conditional ? r.argument : undefined);
    const cond = outer?.conditional || r.conditional ? { conditional: true, ...(argument ? { argument } : {}) } : {};
    if (r.each) {
      // `for r in ROUTERS:` over an imported list: each router it holds, named where it is defined.
      const shared = sharedValue(graph, where.name, r.expr);
      if (!shared || shared.value.dict || shared.value.middleware.length) notKnown(where, r);
      else
        for (const name of shared.value.names) {
          const held = routerModule(graph, shared.owner.name, name);
          if (held) refs.push({ module: held.module, at: at(where.file, r), how: `${name} in ${r.expr}`, attr: held.attr, prefix: prefixOf(graph, where.name, r), order, ...cond });
          else notKnown(where, r);
        }
      return;
    }
    const found = routerModule(graph, where.name, r.expr);
    const module = found?.module;
    const how = r.via ?? `include_router(${r.expr})`;
    if (module === served.module.name || module === where.name) {
      // A router of this module: an aggregate the module builds (`api_router.include_router(
      // users.router)` at module level) serves what it includes; one that includes nothing holds
      // routes of its own (`local = APIRouter()`, `@local.get(...)`): served where it is included.
      if (seen.has(r.expr)) return;
      seen.add(r.expr);
      own.add(module);
      const inner = where.facts.routers.filter((x) => x.app === r.expr);
      if (!inner.length && found && !r.via) {
        const prefix = prefixOf(graph, where.name, r);
        refs.push(outer ? { module, at: outer.at, how: `${outer.how} → ${how}`, attr: found.attr, prefix: joinPrefix(outer.prefix, prefix), local: true, order, ...cond } : { module, at: at(where.file, r), how, attr: found.attr, prefix, local: true, order, ...cond });
      }
      for (const x of inner) include(where, x, seen, outer, { order });
      return;
    }
    const prefix = prefixOf(graph, where.name, r);
    // An aggregate another module builds (`api_router.include_router(users.router)` at its top):
    // the app serves what it includes, compared router by router (a module's aggregate is no router of its own).
    const agg = module && !r.via ? graph.modules.get(module) : undefined;
    const parts = agg?.facts.routers.filter((x) => x.app === found!.attr) ?? [];
    if (agg && parts.length && !seen.has(`${module}.${found!.attr}`)) {
      seen.add(`${module}.${found!.attr}`);
      const via: Outer = { at: outer?.at ?? at(where.file, r), how: outer ? `${outer.how} → ${how}` : how, prefix: joinPrefix(outer?.prefix ?? '""', prefix), order, ...cond };
      for (const x of parts) include(agg, x, seen, via);
      return;
    }
    if (module) refs.push(outer ? { module, at: outer.at, how: `${outer.how} → ${how} in ${labelOf(graph, where.file)}:${r.line}`, attr: found.attr, prefix: joinPrefix(outer.prefix, prefix), order, ...cond } : { module, at: at(where.file, r), how, attr: found.attr, prefix, order, ...cond });
    else if (!isLazyLoad(where, r) && !where.facts.lazyIncludes?.some((s) => s.line === r.line && s.column === r.column)) notKnown(where, r);
  };
  for (const { module: where, routers, setup } of sources)
    for (const r of routers) {
      if (!setup) {
        include(where, r, new Set());
        continue;
      }
      const order = [...setup.path, r.line, r.column];
      const given = givenRouter(setup, r);
      // `def include(app, router): app.include_router(router)` called as `include(app, users.router)`:
      // the router the call names, read where the call is written.
      if (given) include(given.where, given.r, new Set(), undefined, { order });
      else include(where, r, new Set(), undefined, { order });
    }
  // Router maps handed to importlib, anywhere in what the app's entry points import eagerly.
  for (const name of eagerUnion(graph, served.entries.map((e) => e.module))) {
    const node = graph.modules.get(name)!;
    // A router loader whose paths cannot be read here (built at run time, passed from elsewhere).
    if (node.facts.unknownRouterImports?.length || unknownBorrowedIn(graph, name)) unknown = true;
    for (const mp of modulePathsOf(graph, node)) {
      if (!isRouterPath(mp.attributes, mp.container)) continue;
      // An unresolved path (MOD001's finding) still says which router was meant: its suggestion.
      const unresolved = graph.unresolvedModulePaths.find((u) => u.fact === mp);
      const module = unresolved ? unresolved.suggestion : graph.resolver.resolve(mp.value) ? mp.value : undefined;
      const name = mp.attributes.length === 1 && module ? routerName(graph, module, mp.attributes[0]) : undefined;
      const attr = name !== undefined ? { attr: name } : {};
      if (module) refs.push({ module, at: at(mp.inFile ?? node.file, mp), how: `"${mp.value}"`, ...attr, fromMap: true });
    }
  }
  // Handed to a function (`configure(app)`), the app may include routers there too.
  return { refs, unknown: unknown || served.opaque, own: [...own], ...(unknownBy.length ? { unknownBy } : {}) };
}

interface Outer {
  at: Location;
  how: string;
  prefix: string | undefined;
  order: number[];
  conditional?: boolean;
  argument?: string;
}

const DOTTED = /^[A-Za-z_][\w.]*$/;

/**
 * An include in a set-up function of a router it is given (`def include(app, router, prefix=""):
 * app.include_router(router, prefix=prefix)`): the include as the call writes it, in the calling
 * module, at the call (`include(app, users.router, prefix="/users")`). Undefined when the router
 * is not a parameter, or the call does not say what it is.
 */
function givenRouter(setup: SetupCall, r: RouterIncludeFact): { where: ModuleNode; r: RouterIncludeFact } | undefined {
  const head = r.expr.split('.')[0];
  if (!setup.caller || !setup.at || r.each || r.via || head === setup.fn.appParam || !setup.fn.params.includes(head)) return undefined;
  const bound = argumentsByParameter(setup.fn, setup.call?.args ?? []);
  const given = bound?.get(head)?.text;
  if (given === undefined || !DOTTED.test(given)) return undefined;
  // `prefix=prefix`: the value the call gives, or the default; else not known (no dotted name to read).
  const args = r.args.map((a) => {
    if (a.dotted === undefined || !setup.fn.params.includes(a.dotted)) return a;
    const { dotted: _, ...rest } = a;
    const value = bound?.get(a.dotted)?.text ?? setup.fn.defaults?.[a.dotted];
    return value === undefined ? rest : { ...rest, value, names: [], ...(DOTTED.test(value) ? { dotted: value } : {}) };
  });
  const { line, column, endLine, endColumn } = setup.at;
  return { where: setup.caller, r: { ...r, expr: given + r.expr.slice(head.length), args, line, column, endLine, endColumn } };
}

/** The prefix a router is served at through an aggregate mounted at `outer` (RouterIncludeFact prefixes as values). */
function joinPrefix(outer: string | undefined, inner: string | undefined): string | undefined {
  if (outer === '""') return inner;
  if (inner === '""') return outer;
  if (outer?.startsWith('"') && inner?.startsWith('"')) return JSON.stringify(JSON.parse(outer) + JSON.parse(inner));
  return undefined;
}

/** `include_router(_load_module(name))`: a call to a loader of a router map, whose strings are counted already. */
function isLazyLoad(where: ModuleNode, r: RouterIncludeFact): boolean {
  return r.call !== undefined && (where.facts.modulePaths.length > 0 || where.facts.borrowedPaths !== undefined) && where.facts.definitions.some((d) => d.kind === 'function' && d.name === r.call);
}
