// Second pass of the app family: registrations on an app (`app.add_middleware(...)`,
// `app.include_router(...)`, `add_exception_handler`, `add_event_handler`, and the decorators
// `@app.middleware`, `@app.exception_handler`, `@app.on_event`), at module level on the module's
// apps, or in a module-level function on the app it is given or creates.
import { nodeSpan as spanOf } from '../../../util/span.js';
import type { ConditionTest } from '../../../types.js';
import type { Match } from '../../queries.js';
import { contextOf, type Context } from '../context.js';
import { conditionOf } from './arguments.js';
import { underCondition } from './conditional.js';
import { enclosingLoop, loopElements, loopSource } from '../loops.js';
import { argFacts, dottedName, enclosingFunction, field, lastSegment, named, parameterNames, same, splitArgs, statementOf, type Node } from '../nodes.js';
import { stringValue } from '../strings.js';
import { staticDir } from '../static-dirs.js';
import { setupOf, type AppState, type Bucket } from './state.js';
import type { FileIndex } from '../file-index.js';
import { heldEntries, type Held } from './held.js';

/** Where a registration goes, and where it takes effect. */
interface Target {
  bucket: Bucket;
  /** For a registration in a function called at module level: that call's place. */
  placed?: number;
  conditional: boolean;
  /** In a set-up function under if-branches only: the tests, which the graph may evaluate with a factory call's arguments. */
  when?: ConditionTest[];
}

export function readRegistrations(state: AppState, matches: readonly Match[]): void {
  for (const { captures } of matches) {
    const receiver = captures.get('receiver');
    const method = captures.get('method')?.text;
    const args = captures.get('args') ?? null;
    if (!receiver || !method) continue;
    const call = captures.get('registration');
    const applied = captures.get('applied');
    const decorated = captures.get('decorated') ?? (applied ? statementOf(applied) : undefined);
    const anchor = call ?? applied ?? decorated;
    if (!anchor) continue;
    // `app.routes.extend(...)`, `app.router.routes.append(...)`: only the app's own router, and only these two methods.
    if (captures.get('routes') && (!['extend', 'append'].includes(method) || (captures.get('routerAttr')?.text ?? 'router') !== 'router')) continue;
    const ctx = contextOf(anchor);
    const target = targetOf(state, anchor, receiver.text, method, ctx);
    if (!target) continue;
    const a = splitArgs(args);
    if (call) callRegistration(state.idx, target, receiver.text, method, call, a);
    else if (decorated) {
      const decorator = captures.get('decorator');
      // `app.on_event("startup")(connect)`: the decorator applied as a call registers the function it is given.
      const handler = captures.get('handler');
      const def = applied ? (handler ? moduleDef(state.idx.root, handler.text) : undefined) : captures.get('definition');
      const fnName = applied ? handler && (dottedName(handler) ? handler.text : undefined) : def ? field(def, 'name')?.text : undefined;
      if (decorator && fnName) decoratorRegistration(target.bucket, receiver.text, method, decorated, decorator, fnName, a, ctx, def ?? null);
    }
  }
}

/** At module level, on an app variable; or in a module-level function, on one of its parameters. */
function targetOf(state: AppState, anchor: Node, receiver: string, method: string, ctx: Context): Target | undefined {
  const { idx, appVars, factoryVars, setups } = state;
  if (ctx.scope === 'module') {
    // include_router on another receiver at module level: an aggregate router the module
    // builds (`api_router.include_router(users.router)`), followed when the app includes it.
    if (!appVars.has(receiver) && !factoryVars.has(receiver) && !state.importedVars?.has(receiver) && method !== 'include_router') return undefined;
    return { bucket: state.module, conditional: underCondition(anchor) };
  }
  if (ctx.scope !== 'function') return undefined;
  const fn = enclosingFunction(anchor);
  if (!fn || contextOf(fn).scope !== 'module') return undefined;
  const params = parameterNames(fn);
  const created = setups.get(fn.id)?.creates;
  if (!params.includes(receiver) && created?.variable !== receiver) {
    // `def _setup_middleware(): app.add_middleware(...)` on the module's app, then
    // `_setup_middleware()` at module level: as if written where it is called.
    const caller = appVars.has(receiver) && idx.seesModuleName(fn, receiver) ? idx.moduleLevelCall(fn) : undefined;
    if (!caller) return undefined;
    return { bucket: state.module, placed: statementOf(caller).startIndex, conditional: contextOf(caller).inBlock || underCondition(anchor, fn) };
  }
  const setup = setupOf(state, fn, params, receiver);
  if (setup.appParam !== receiver) return undefined; // registrations on a second parameter: not an app we follow
  const conditional = underCondition(anchor, fn);
  const when = conditional ? conditionOf(anchor, fn) : undefined;
  return { bucket: setup.bucket, conditional, ...(when ? { when } : {}) };
}

function callRegistration(idx: FileIndex, { bucket, placed, conditional, when: tests }: Target, app: string, method: string, call: Node, a: ReturnType<typeof splitArgs>): void {
  const stmt = statementOf(call);
  const when = tests ? { when: tests } : {};
  const first = a.positional[0];
  const rest = argFacts(a.all.filter((x) => !same(x, first)));
  if (method === 'add_middleware' && first) {
    // A class from a loop: each element of a literal list, or else the loop itself, compared by its iterable.
    const elements = loopElements(first, call);
    const loop = elements ? undefined : enclosingLoop(first, call);
    // A `*BASE` element registers each class of BASE, as a loop over BASE does (and, like it, may register none).
    (elements ?? [first]).forEach((cls, k) => {
      const splat = cls.type === 'list_splat' ? named(cls)[0] : undefined;
      const each = splat ? { iterable: splat.text, index: 0 } : loop ? loopSource(loop) : undefined;
      bucket.mws.push({
        at: placed ?? stmt.startIndex,
        sub: (placed === undefined ? 0 : stmt.startIndex) + k,
        fact: { app, className: (splat ?? cls).text, kind: 'add_middleware', ...(each ? { loop: each } : {}), ...(elements ? { element: true } : {}), args: rest, conditional: conditional || !!splat, ...(splat ? {} : when), statement: spanOf(stmt), statementText: stmt.text, ...spanOf(call) },
      });
    });
  } else if ((method === 'extend' || method === 'append') && first) {
    routesCopy(bucket, app, call, first, conditional);
  } else if (method === 'include_router' && first) {
    // `for r in (users.router, orders.router): app.include_router(r)`: each element is included;
    // `for r in ROUTERS:` each element of the list the name holds, or of the list it imports.
    const elements = loopElements(first, call);
    const held = elements ? undefined : heldLoop(idx, first, call);
    const loop = elements || held ? undefined : enclosingLoop(first, call);
    if (loop) {
      // A loop whose values cannot be read here (`for r in build_routers():`, `for prefix, r in ROUTES:`):
      // compared by its iterable, which the graph reads only when imported, else names as not known.
      bucket.routers.push({ app, expr: loop.iterable.text, args: rest, conditional, ...when, each: true, ...spanOf(call) });
      return;
    }
    for (const expr of elements ?? held?.entries ?? [first]) {
      const callee = expr.type === 'call' ? field(expr, 'function')?.text : undefined;
      bucket.routers.push({ app, expr: expr.text, ...(callee ? { call: callee } : {}), args: rest, conditional, ...when, ...spanOf(call) });
    }
    for (const name of held?.imported ?? []) bucket.routers.push({ app, expr: name, args: rest, conditional, ...when, each: true, ...spanOf(call) });
  } else if (method === 'mount') {
    // `mount(path, app=None, name=None)`: Starlette's signature.
    const pathNode = first ?? a.keywords.get('path');
    const target = a.positional[1] ?? a.keywords.get('app');
    if (!target) return;
    const callee = target.type === 'call' ? field(target, 'function')?.text : undefined;
    const path = pathNode ? stringValue(pathNode) : undefined;
    const files = target.type === 'call' && callee && /(^|\.)StaticFiles$/.test(callee) ? staticDir(idx, target) : undefined;
    bucket.mounts.push({ app, path: path ?? null, target: target.text, ...(callee ? { call: callee } : {}), ...mountParams(call, pathNode, target), conditional, ...when, ...spanOf(call), ...(files ? { staticDir: files } : {}) });
  } else if (method === 'add_exception_handler' && first) {
    const loop = enclosingLoop(first, call);
    bucket.hooks.push({
      at: placed ?? call.startIndex,
      fact: { app, kind: 'exception_handler', key: first.text, via: 'add_exception_handler', conditional, ...when, ...(loop ? { loop: loopSource(loop) } : {}), ...spanOf(call) },
    });
  } else if (method === 'add_event_handler') {
    const ev = stringValue(first);
    const fn = a.positional[1] ?? a.keywords.get('func');
    if ((ev === 'startup' || ev === 'shutdown') && fn)
      bucket.hooks.push({ at: placed ?? call.startIndex, fact: { app, kind: ev, key: fn.text, via: 'add_event_handler', conditional, ...when, ...spanOf(call) } });
  }
}

/**
 * `app.router.routes.extend(users.router.routes)` serves the routes of `users.router` as
 * include_router would (without a prefix); `extend(sub_app.routes)` those of another app.
 * Anything else copied (a Route built here, `append(route)`) names no module: counted as a router
 * the check cannot place, so the app is not judged as lacking one.
 */
function routesCopy(bucket: Bucket, app: string, call: Node, first: Node, conditional: boolean): void {
  const source = first.type === 'attribute' && field(first, 'attribute')?.text === 'routes' ? field(first, 'object') : null;
  const expr = source && dottedName(source) ? source.text : first.text;
  bucket.routers.push({ app, expr, args: [], conditional, via: `${field(call, 'function')?.text ?? 'routes.extend'}(${first.text})`, ...spanOf(call) });
}

/**
 * In a function, what of a mount its parameters give (`def mount_static(app, path, directory):
 * app.mount(path, StaticFiles(directory=directory))`): the path's parameter, and the parameters the
 * target reads, which the graph binds to one call's arguments.
 */
function mountParams(call: Node, pathNode: Node | undefined, target: Node): { pathParam?: string; targetParams?: string[] } {
  const fn = enclosingFunction(call);
  if (!fn) return {};
  const params = parameterNames(fn);
  const pathParam = pathNode?.type === 'identifier' && params.includes(pathNode.text) ? pathNode.text : undefined;
  const ids = target.type === 'identifier' ? [target] : target.descendantsOfType('identifier');
  // A keyword's name (`directory=`) and an attribute's name are not reads of a parameter.
  const reads = ids.filter((n) => {
    const p = n.parent;
    return !(p?.type === 'keyword_argument' && same(field(p, 'name'), n)) && !(p?.type === 'attribute' && same(field(p, 'attribute'), n));
  });
  const targetParams = [...new Set(reads.map((n) => n.text).filter((t) => params.includes(t)))];
  return { ...(pathParam ? { pathParam } : {}), ...(targetParams.length ? { targetParams } : {}) };
}

/** A decorator registration takes effect where it is written (`conditional` is its own, even in a function called at module level). */
function decoratorRegistration(bucket: Bucket, app: string, method: string, decorated: Node, decorator: Node, fnName: string, a: ReturnType<typeof splitArgs>, ctx: Context, def: Node | null): void {
  if (method === 'middleware') {
    // Identified by the function's own name (`@add_timing`), as Starlette's wrapper does not tell the module.
    bucket.mws.push({ at: decorated.startIndex, sub: 0, fact: { app, className: lastSegment(fnName), ...(fnName.includes('.') ? { function: fnName } : {}), kind: 'decorator', args: argFacts(a.all), conditional: ctx.inBlock, statement: spanOf(decorated), statementText: decorated.text, ...spanOf(decorator) } });
  } else if (method === 'exception_handler' && a.positional[0]) {
    bucket.hooks.push({ at: decorator.startIndex, fact: { app, kind: 'exception_handler', key: a.positional[0].text, via: 'decorator', conditional: ctx.inBlock, ...spanOf(decorator) } });
  } else if (method === 'on_event') {
    const ev = stringValue(a.positional[0]);
    if (ev === 'startup' || ev === 'shutdown') {
      const calls = bodyCalls(def);
      bucket.hooks.push({ at: decorator.startIndex, fact: { app, kind: ev, key: fnName, via: 'on_event', conditional: ctx.inBlock, ...spanOf(decorator), ...(calls.length ? { calls } : {}) } });
    }
  }
}

/** The callees of the call statements (awaited or not) at the top of a hook function's body. */
function bodyCalls(def: Node | null): string[] {
  const body = def?.type === 'function_definition' ? field(def, 'body') : null;
  const out: string[] = [];
  for (const st of body ? named(body) : []) {
    if (st.type !== 'expression_statement') continue;
    let e = named(st)[0];
    if (e?.type === 'await') e = named(e)[0];
    const callee = e?.type === 'call' ? field(e, 'function') : null;
    const name = callee ? dottedName(callee) : undefined;
    if (name) out.push(name);
  }
  return out;
}

/** The module-level `def name` (decorated or not), for the body of a hook registered by name. */
function moduleDef(root: Node, name: string): Node | undefined {
  for (const st of named(root)) {
    const def = st.type === 'decorated_definition' ? field(st, 'definition') : st;
    if (def?.type === 'function_definition' && field(def, 'name')?.text === name) return def;
  }
  return undefined;
}

/** A plain loop variable over a name (`for r in ROUTERS:`): what the name holds there, if all of it can be read. */
function heldLoop(idx: FileIndex, name: Node, use: Node): Held | undefined {
  const loop = enclosingLoop(name, use);
  if (!loop?.plain || loop.iterable.type !== 'identifier') return undefined;
  const held = heldEntries(idx, loop.iterable, loop.iterable.parent!, false);
  return held.unread === undefined ? held : undefined;
}
