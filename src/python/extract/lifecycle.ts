// What runs an app's parts outside its registrations: the functions and classes that include
// routers when they run, in a file that imports modules by string (lazy router loaders), and the
// calls that run an app's startup outside the ASGI lifespan (handlers in front of
// `Mangum(app, lifespan="off")`). Both read the file's call index; neither walks the tree again.
import type { StartupRunFact } from '../../types.js';
import { nodeSpan as spanOf } from '../../util/span.js';
import { contextOf } from './context.js';
import type { FileIndex } from './file-index.js';
import { dottedName, field, named, splitArgs, type Node } from './nodes.js';

export function lifecycle(idx: FileIndex): { routerLoaders?: string[]; startupRuns?: StartupRunFact[] } {
  const loaders = routerLoaders(idx);
  const runs = startupRuns(idx);
  return { ...(loaders.length ? { routerLoaders: loaders } : {}), ...(runs.length ? { startupRuns: runs } : {}) };
}

/** The names of the functions and classes around a node (the innermost first). */
function enclosingDefs(n: Node): string[] {
  const out: string[] = [];
  for (let p = n.parent; p; p = p.parent) {
    if (p.type !== 'function_definition' && p.type !== 'class_definition') continue;
    const name = field(p, 'name')?.text;
    if (name) out.push(name);
  }
  return out;
}

/**
 * Functions and classes whose body includes routers (`x.include_router(...)`), directly or through
 * a function of this file it calls (`_include(name)`), when the file imports modules by string.
 * An include_router outside every def runs at import: not a loader.
 */
function routerLoaders(idx: FileIndex): string[] {
  const includes = idx.callsNamed('include_router').filter((c) => c.attribute);
  if (!includes.length) return [];
  if (!idx.callsNamed('import_module').length && !idx.callsNamed('__import__').length) return [];
  const names = new Set(includes.flatMap((c) => enclosingDefs(c.call)));
  // One level of helpers: what calls a function that includes routers loads them too.
  for (const name of [...names]) for (const { call, attribute } of idx.callsNamed(name)) if (!attribute) for (const d of enclosingDefs(call)) names.add(d);
  return [...names];
}

const RUNNERS = new Set(['run', 'run_until_complete']);
/** Calls that register on an app rather than do start-up work. */
const REGISTRATIONS = new Set(['add_middleware', 'include_router', 'add_exception_handler', 'add_event_handler', 'mount', 'add_api_route', 'add_route']);

/** `<app>.router.startup()` / `.shutdown()` anywhere; a coroutine handed to asyncio.run or run_until_complete; a call statement at module level. */
function startupRuns(idx: FileIndex): StartupRunFact[] {
  const words = ['startup', 'shutdown', 'run_until_complete', 'asyncio', 'Mangum', 'lifespan'];
  if (!idx.mentions(words)) return [];
  const out: StartupRunFact[] = [];
  for (const event of ['startup', 'shutdown'] as const) {
    for (const { call, attribute } of idx.callsNamed(event)) {
      const f = field(call, 'function');
      const owner = attribute && f ? field(f, 'object') : null;
      // `app.router.startup()`: the app is what holds the router.
      if (owner?.type !== 'attribute' || field(owner, 'attribute')?.text !== 'router') continue;
      const app = dottedName(field(owner, 'object')!);
      if (app) out.push({ kind: 'router', target: app, event, ...spanOf(call) });
    }
  }
  for (const runner of RUNNERS) {
    for (const { call } of idx.callsNamed(runner)) {
      // `run` only as asyncio's (`subprocess.run([...])` and `uvicorn.run(app)` start nothing of the app).
      const fn = dottedName(field(call, 'function')!);
      if (runner === 'run' && fn !== 'asyncio.run' && fn !== 'run') continue;
      const inner = splitArgs(field(call, 'arguments')).positional[0];
      const callee = inner?.type === 'call' ? field(inner, 'function') : null;
      const name = callee ? dottedName(callee) : undefined;
      // `asyncio.run(app.router.startup())` is the router kind already.
      if (name && !/\.router\.(?:startup|shutdown)$/.test(name)) out.push({ kind: 'call', target: name, ...spanOf(inner) });
    }
  }
  // Call statements at import time, only where an adapter or a lifespan is in view (a handler
  // module): `connect_db()` next to `Mangum(app, lifespan="off")`.
  if (!idx.mentions(['Mangum', 'lifespan'])) return out;
  for (const st of idx.moduleStatements()) {
    if (st.type !== 'expression_statement') continue;
    const e = named(st)[0];
    const callee = e?.type === 'call' ? field(e, 'function') : null;
    const name = callee ? dottedName(callee) : undefined;
    if (!name || RUNNERS.has(name.slice(name.lastIndexOf('.') + 1)) || REGISTRATIONS.has(name.slice(name.lastIndexOf('.') + 1))) continue;
    const guard = contextOf(st).guard;
    if (guard === 'main' || guard === 'type-checking') continue; // never runs on import
    out.push({ kind: 'call', target: name, ...spanOf(e) });
  }
  return out;
}
