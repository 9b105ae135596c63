// The middleware registered on a served app, in registration order, each identified by what its
// class qualifies to (two spellings of one class are one middleware).
import type { ArgFact, LoopSource, MiddlewareFact } from '../../types.js';
import { qualify, shortName } from '../symbols.js';
import type { AppGraph, ModuleNode } from '../types.js';
import { asCalled } from './arguments.js';
import { sharedValue } from './held.js';
import type { ServedApp } from './served.js';

export interface Registration {
  /** Identity: the qualified class (`starlette.middleware.gzip.GZipMiddleware`), or `@name` for a decorator middleware function. */
  id: string;
  /** What people call it: `GZipMiddleware`, `lazy_router_loader (@app.middleware)`. */
  name: string;
  /** Names an `allow` entry may use for it: the class or function name, and the qualified id. */
  aliases: string[];
  fact: MiddlewareFact;
  file: string;
  /** The module registering it (where its names are bound). */
  module: string;
  /**
   * A lazy router loader (a middleware that includes routers from module-path strings on first
   * request): the lazy mechanism itself, which exists only where routers load lazily by design.
   * Not a middleware gap (PAR001); what it loads is compared as routers (PAR003).
   */
  loader?: boolean;
  /**
   * The arguments to compare (PAR002) when they differ from the fact's: a function registered as
   * `BaseHTTPMiddleware` with `dispatch=fn` and one decorated `@app.middleware("http")` compare by
   * their other arguments (Starlette wraps the decorated function in that very class).
   */
  compareArgs?: ArgFact[];
  /** Registered in a factory under a test on a parameter whose value the call passes unreadably: the test and the call (arguments.ts). */
  argument?: string;
}

const BASE_HTTP = 'starlette.middleware.base.BaseHTTPMiddleware';

/**
 * `add_middleware(BaseHTTPMiddleware, dispatch=fn)` and `Middleware(BaseHTTPMiddleware, dispatch=fn)`
 * put in `app.user_middleware` what `@app.middleware("http")` on `fn` does: one middleware,
 * identified like the decorator's by the function's name (`@fn`).
 */
function dispatchOf(graph: AppGraph, module: ModuleNode, m: MiddlewareFact, id: string): { fn: string; rest: ArgFact[]; owner: string } | undefined {
  if (id !== BASE_HTTP) return undefined;
  const d = m.args.find((a) => a.name === 'dispatch') ?? m.args.find((a) => a.name === undefined);
  if (!d?.dotted) return undefined;
  const q = qualify(graph, module.name, d.dotted);
  return { fn: shortName(d.dotted), rest: m.args.filter((a) => a !== d), owner: q.slice(0, Math.max(q.lastIndexOf('.'), 0)) || module.name };
}

/** The decorator's own argument (`"http"`, the only type Starlette accepts) says nothing to compare. */
const decoratorArgs = (m: MiddlewareFact): ArgFact[] => m.args.filter((a, k) => !(k === 0 && a.name === undefined && /^["']http["']$/.test(a.value)));

/**
 * A loop's iterable (`MIDDLEWARE`, `HANDLERS.items()`) as an identity: an imported table by what its
 * name is bound to (one table imported by two entry points is one), a table each entry point defines
 * itself by its name.
 */
export function loopTable(graph: AppGraph, module: string, loop: LoopSource): string {
  const q = qualify(graph, module, loop.iterable);
  return `each[${loop.index}] of ${q === `${module}.${loop.iterable}` ? loop.iterable : q}${loop.view ? `.${loop.view}()` : ''}`;
}

/** A loop's iterable as written: `MIDDLEWARE`, `HANDLERS.items()`. */
export function loopText(loop: LoopSource): string {
  return `${loop.iterable}${loop.view ? `.${loop.view}()` : ''}`;
}

/** Middleware registered on a served app, in registration order, identified by class identity. */
export function middlewareOf(graph: AppGraph, served: ServedApp): Registration[] {
  const toRegistration = (m: MiddlewareFact, module: ModuleNode): Registration => {
    if (m.loop) {
      // Each class of a loop's iterable: the same list (by what its name qualifies to) is the same middleware.
      const id = loopTable(graph, module.name, m.loop);
      const name = `${m.className} (each of ${loopText(m.loop)})`;
      return { id, name, aliases: [name, id, m.loop.iterable], fact: m, file: module.file, module: module.name };
    }
    const base = { fact: m, file: module.file, module: module.name };
    if (m.kind !== 'decorator') {
      const id = qualify(graph, module.name, m.className);
      const dispatch = dispatchOf(graph, module, m, id);
      if (dispatch) {
        const name = `${dispatch.fn} (BaseHTTPMiddleware dispatch)`;
        const loader = graph.modules.get(dispatch.owner)?.facts.routerLoaders?.includes(dispatch.fn) ?? false;
        return { ...base, id: `@${dispatch.fn}`, name, aliases: [name, dispatch.fn, id], compareArgs: dispatch.rest, ...(loader ? { loader } : {}) };
      }
      const loader = isRouterLoader(graph, module, m, id);
      return { ...base, id: entryOwnClass(graph, id) ?? id, name: shortName(id), aliases: [shortName(id), id, shortName(m.className)], ...(loader ? { loader } : {}) };
    }
    const id = `@${m.className}`;
    const name = `${m.className} (@${m.app}.middleware)`;
    const loader = isRouterLoader(graph, module, m, id);
    return { ...base, id, name, aliases: [name, id, m.className], compareArgs: decoratorArgs(m), ...(loader ? { loader } : {}) };
  };
  // `FastAPI(middleware=MIDDLEWARE)` with MIDDLEWARE imported: the classes the shared list holds,
  // qualified where it is defined and placed where it is passed. Unread there: compared by its name.
  const registrations = (m: MiddlewareFact, module: ModuleNode): Registration[] => {
    const shared = m.loop && m.kind === 'constructor' ? sharedValue(graph, module.name, m.loop.iterable) : undefined;
    if (!shared || shared.value.dict || shared.value.names.length || !shared.value.middleware.length) return [toRegistration(m, module)];
    const { loop: _, ...plain } = m;
    return shared.value.middleware.map((e) => ({ ...toRegistration({ ...plain, className: e.className, args: e.args }, shared.owner), file: module.file }));
  };
  // In registration order: the module's own, with a set-up function's coming in at its call, and a
  // function it calls in turn at that call inside it (compared line by line down the chain of calls).
  const placed = [
    ...served.module.facts.middleware.filter((m) => m.app === served.app.variable).flatMap((m) => registrations(m, served.module).map((reg) => ({ at: [m.statement.line], sub: m.order, reg }))),
    ...served.setups.flatMap((s) =>
      asCalled(s, s.fn.middleware).flatMap(({ fact: m, argument }) =>
        registrations(m, s.module).map((reg) => ({ at: [...s.path, m.statement.line], sub: m.order, reg: { ...reg, ...(argument ? { argument } : {}) } })),
      ),
    ),
  ];
  return placed.sort((a, b) => comparePaths(a.at, b.at) || a.sub - b.sub).map((p) => p.reg);
}

/**
 * A decorator middleware whose function includes routers, in a file that imports modules by
 * string; or a middleware class (a BaseHTTPMiddleware subclass) of such a file whose methods do.
 */
function isRouterLoader(graph: AppGraph, module: ModuleNode, m: MiddlewareFact, id: string): boolean {
  if (m.kind === 'decorator' && module.facts.routerLoaders?.includes(m.className)) return true;
  // `from app.lazy import lazy_router_loader; app.middleware("http")(lazy_router_loader)`: the
  // function is read where it is defined (the module it qualifies to).
  if (m.kind === 'decorator') id = qualify(graph, module.name, m.function ?? m.className);
  const dot = id.lastIndexOf('.');
  const owner = dot > 0 ? graph.modules.get(id.slice(0, dot)) : undefined;
  return owner?.facts.routerLoaders?.includes(id.slice(dot + 1)) ?? false;
}

/**
 * A class an entry point module defines itself (`class AppMiddleware(BaseHTTPMiddleware)` in main.py and again in
 * lazy_app.py, copied): each entry point registering its own is the same middleware in each, so it is identified by
 * its name (`entry point class AppMiddleware`), as a decorator middleware function is. Another entry point importing
 * it from the first (`from main import AppMiddleware`) qualifies to the same. Undefined for any other class.
 */
function entryOwnClass(graph: AppGraph, id: string): string | undefined {
  const dot = id.lastIndexOf('.');
  if (dot < 0) return undefined;
  const owner = id.slice(0, dot);
  const name = id.slice(dot + 1);
  if (!graph.entrypoints.some((e) => e.module === owner)) return undefined;
  const defined = graph.modules.get(owner)?.facts.definitions.some((d) => d.kind === 'class' && d.name === name);
  return defined ? `entry point class ${name}` : undefined;
}

/** Lexicographic order of call chains; a chain before its own extensions. */
function comparePaths(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}
