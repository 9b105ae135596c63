// Facts about one Python file, extracted with tree-sitter. The returned facts are plain data:
// no tree node outlives extractFacts.
import type {
  AdapterFact,
  AppFact,
  FileFacts,
  HookFact,
  MiddlewareFact,
  RouterIncludeFact,
  SetupFunctionFact,
  FactoryCallFact,
  HandOff,
} from '../types.js';
import { parsePython } from './parser.js';

export { decodePython } from './parser.js';
import { queryWords } from './queries.js';
import { nodeSpan as spanOf } from '../util/span.js';
import { FileIndex } from './extract/file-index.js';
import { contextOf } from './extract/context.js';
import { enclosingLoop, loopElements, loopSource } from './extract/loops.js';
import {
  argFacts, enclosingFunction, field, kwargsText, lastSegment,
  named, parameterNames, same, splitArgs, statementOf, type Node,
} from './extract/nodes.js';
import { stringValue } from './extract/strings.js';

export { plainString } from './extract/strings.js';
export { parseSuppression } from './extract/syntax.js';
import { definitions, dunderAll } from './extract/definitions.js';
import { importlibAliases, imports } from './extract/imports.js';
import { models } from './extract/models.js';
import { modulePaths } from './extract/module-paths.js';
import { sysPathChanges } from './extract/sys-path.js';
import { syntax } from './extract/syntax.js';

/** Parse `text` and extract every fact. Synchronous; the tree is dropped before returning. */
export function extractFacts(text: string): FileFacts {
  const tree = parsePython(text);
  try {
    return new Extractor(new FileIndex(text, tree.rootNode)).run();
  } finally {
    // node-tree-sitter frees trees when they are garbage collected; drop our reference.
  }
}

/** Calls that take the app and register nothing on it: servers, adapters, builtins. */
const NOT_CONFIGURING = new Set(['Mangum', 'run', 'serve', 'TestClient', 'print', 'isinstance', 'id', 'repr', 'str', 'type', 'len', 'getattr', 'hasattr', 'vars', 'dir']);


class Extractor {
  private factoryCallsCache?: FactoryCallFact[];
  constructor(private readonly idx: FileIndex) {}

  run(): FileFacts {
    const records = imports(this.idx);
    const aliases = importlibAliases(records);
    const defs = definitions(this.idx, records);
    const app = this.appFacts();
    const model = models(this.idx);
    const syn = syntax(this.idx);
    const paths = modulePaths(this.idx, aliases);
    return {
      imports: records.map((i) => i.fact),
      definitions: defs.definitions,
      all: dunderAll(this.idx),
      hasModuleGetattr: defs.hasModuleGetattr,
      apps: app.apps,
      setupFunctions: app.setupFunctions,
      factoryCalls: this.factoryCallFacts(),
      middleware: app.middleware,
      routers: app.routers,
      hooks: app.hooks,
      adapters: app.adapters,
      modulePaths: paths.modulePaths,
      ...(paths.unknownRouterImports ? { unknownRouterImports: paths.unknownRouterImports } : {}),
      ...sysPathChanges(this.idx),
      classes: model.classes,
      baseFactories: model.baseFactories,
      suppressions: syn.suppressions,
      parseProblems: syn.problems,
    };
  }

  // ----- apps, middleware, routers, hooks, adapters -----------------------

  private appFacts(): {
    apps: AppFact[];
    setupFunctions: SetupFunctionFact[];
    middleware: MiddlewareFact[];
    routers: RouterIncludeFact[];
    hooks: HookFact[];
    adapters: AdapterFact[];
  } {
    const apps: AppFact[] = [];
    const adapters: AdapterFact[] = [];
    const routers: RouterIncludeFact[] = [];
    const hooks: { at: number; fact: HookFact }[] = [];
    const mws: { at: number; sub: number; fact: Omit<MiddlewareFact, 'order'> }[] = [];
    // Every pattern of app.scm needs one of its words: without them the query cannot match.
    if (!this.idx.mentions(queryWords('app'))) return { apps, setupFunctions: [], middleware: [], routers, hooks: [], adapters };
    const matches = this.idx.matches('app');
    const appVars = new Set<string>();
    // `app = create_app()` at module level: registrations and hand-offs on it count too (the graph decides whether it is an app).
    const factoryVars = new Set(this.factoryCallFacts().map((f) => f.variable));
    // Where registrations go: the module's own lists, or a set-up function's (factories included).
    type Bucket = { mws: typeof mws; routers: RouterIncludeFact[]; hooks: typeof hooks };
    const moduleBucket: Bucket = { mws, routers, hooks };
    const setups = new Map<number, { fn: Node; params: string[]; appParam: string; creates?: AppFact; bucket: Bucket; handedTo: HandOff[] }>();

    for (const { captures } of matches) {
      const assign = captures.get('factory');
      const variable = captures.get('variable');
      const callee = captures.get('callee');
      const args = captures.get('args') ?? null;
      if (!assign || !variable || !callee) continue;
      const ctx = contextOf(assign);
      const factory = captures.get('appClass')!.text;
      let bucket = moduleBucket;
      if (ctx.scope === 'function') {
        // An app factory: `def create_app(): app = FastAPI(...)` in a module-level function.
        const fn = enclosingFunction(assign);
        if (factory === 'Mangum' || !fn || contextOf(fn).scope !== 'module' || setups.has(fn.id)) continue;
        const created: AppFact = { variable: variable.text, factory: callee.text, kwargs: kwargsText(args), handedTo: [], ...spanOf(assign) };
        const setup = { fn, params: parameterNames(fn), appParam: variable.text, creates: created, bucket: { mws: [], routers: [], hooks: [] }, handedTo: [] };
        setups.set(fn.id, setup);
        bucket = setup.bucket;
      } else if (ctx.scope !== 'module') continue;
      if (factory === 'Mangum') {
        const target = splitArgs(args).positional[0];
        adapters.push({ variable: variable.text, factory: callee.text, ...(target ? { target: target.text } : {}), kwargs: kwargsText(args), ...spanOf(assign) });
        continue;
      }
      if (bucket === moduleBucket) {
        appVars.add(variable.text);
        apps.push({ variable: variable.text, factory: callee.text, kwargs: kwargsText(args), handedTo: [], ...spanOf(assign) });
      }
      const stmt = statementOf(assign);
      const { keywords } = splitArgs(args);
      const mwList = keywords.get('middleware');
      if (mwList && (mwList.type === 'list' || mwList.type === 'tuple')) {
        named(mwList).forEach((el, i) => {
          if (el.type !== 'call' || lastSegment(field(el, 'function')?.text ?? '') !== 'Middleware') return;
          const a = splitArgs(field(el, 'arguments'));
          const cls = a.positional[0];
          if (!cls) return;
          bucket.mws.push({
            at: stmt.startIndex,
            sub: i,
            fact: { app: variable.text, className: cls.text, kind: 'constructor', args: argFacts(a.all.filter((x) => !same(x, cls))), conditional: ctx.inBlock, statement: spanOf(stmt), statementText: stmt.text, ...spanOf(el) },
          });
        });
      }
      const hook = (n: Node, kind: HookFact['kind'], key: string) =>
        bucket.hooks.push({ at: n.startIndex, fact: { app: variable.text, kind, key, via: 'constructor', conditional: ctx.inBlock, ...spanOf(n) } });
      const lifespan = keywords.get('lifespan');
      if (lifespan && lifespan.type !== 'none') hook(lifespan, 'lifespan', lifespan.text);
      for (const [kw, kind] of [['on_startup', 'startup'], ['on_shutdown', 'shutdown']] as const) {
        const list = keywords.get(kw);
        if (list && (list.type === 'list' || list.type === 'tuple')) for (const el of named(list)) hook(el, kind, el.text);
      }
      const handlers = keywords.get('exception_handlers');
      if (handlers?.type === 'dictionary')
        for (const pair of named(handlers)) {
          const k = field(pair, 'key');
          if (pair.type === 'pair' && k) hook(pair, 'exception_handler', k.text);
        }
    }

    for (const { captures } of matches) {
      const receiver = captures.get('receiver');
      const method = captures.get('method')?.text;
      const args = captures.get('args') ?? null;
      if (!receiver || !method) continue;
      const call = captures.get('registration');
      const decorated = captures.get('decorated');
      const anchor = call ?? decorated;
      if (!anchor) continue;
      const ctx = contextOf(anchor);
      // At module level, on an app variable; or in a module-level function, on one of its parameters.
      let bucket: Bucket;
      /** Where a registration in a function called at module level takes effect: that call's place. */
      let placed: number | undefined;
      let conditional = ctx.inBlock;
      if (ctx.scope === 'module') {
        // include_router on another receiver at module level: an aggregate router the module
        // builds (`api_router.include_router(users.router)`), followed when the app includes it.
        if (!appVars.has(receiver.text) && !factoryVars.has(receiver.text) && method !== 'include_router') continue;
        bucket = moduleBucket;
      } else if (ctx.scope === 'function') {
        const fn = enclosingFunction(anchor);
        if (!fn || contextOf(fn).scope !== 'module') continue;
        const params = parameterNames(fn);
        const created = setups.get(fn.id)?.creates;
        if (!params.includes(receiver.text) && created?.variable !== receiver.text) {
          // `def _setup_middleware(): app.add_middleware(...)` on the module's app, then
          // `_setup_middleware()` at module level: as if written where it is called.
          const caller = appVars.has(receiver.text) && this.idx.seesModuleName(fn, receiver.text) ? this.idx.moduleLevelCall(fn) : undefined;
          if (!caller) continue;
          bucket = moduleBucket;
          placed = statementOf(caller).startIndex;
          conditional = contextOf(caller).inBlock;
        } else {
          let setup = setups.get(fn.id);
          if (!setup) {
            setup = { fn, params, appParam: receiver.text, bucket: { mws: [], routers: [], hooks: [] }, handedTo: [] };
            setups.set(fn.id, setup);
          }
          if (setup.appParam !== receiver.text) continue; // registrations on a second parameter: not an app we follow
          bucket = setup.bucket;
        }
      } else continue;
      const app = receiver.text;
      const a = splitArgs(args);
      if (call) {
        const stmt = statementOf(call);
        const first = a.positional[0];
        const rest = argFacts(a.all.filter((x) => !same(x, first)));
        if (method === 'add_middleware' && first) {
          // A class from a loop: each element of a literal list, or else the loop itself, compared by its iterable.
          const elements = loopElements(first, call);
          const loop = elements ? undefined : enclosingLoop(first, call);
          (elements ?? [first]).forEach((cls, k) =>
            bucket.mws.push({
              at: placed ?? stmt.startIndex,
              sub: (placed === undefined ? 0 : stmt.startIndex) + k,
              fact: { app, className: cls.text, kind: 'add_middleware', ...(loop ? { loop: loopSource(loop) } : {}), args: rest, conditional, statement: spanOf(stmt), statementText: stmt.text, ...spanOf(call) },
            }),
          );
        } else if (method === 'include_router' && first) {
          // `for r in (users.router, orders.router): app.include_router(r)`: each element is included.
          for (const expr of loopElements(first, call) ?? [first]) {
            const callee = expr.type === 'call' ? field(expr, 'function')?.text : undefined;
            bucket.routers.push({ app, expr: expr.text, ...(callee ? { call: callee } : {}), args: rest, conditional, ...spanOf(call) });
          }
        } else if (method === 'add_exception_handler' && first) {
          const loop = enclosingLoop(first, call);
          bucket.hooks.push({
            at: placed ?? call.startIndex,
            fact: { app, kind: 'exception_handler', key: first.text, via: 'add_exception_handler', conditional, ...(loop ? { loop: loopSource(loop) } : {}), ...spanOf(call) },
          });
        } else if (method === 'add_event_handler') {
          const ev = stringValue(first);
          const fn = a.positional[1] ?? a.keywords.get('func');
          if ((ev === 'startup' || ev === 'shutdown') && fn)
            bucket.hooks.push({ at: placed ?? call.startIndex, fact: { app, kind: ev, key: fn.text, via: 'add_event_handler', conditional, ...spanOf(call) } });
        }
      } else if (decorated) {
        const decorator = captures.get('decorator');
        const def = captures.get('definition');
        const fnName = def ? field(def, 'name')?.text : undefined;
        if (!decorator || !fnName) continue;
        if (method === 'middleware') {
          bucket.mws.push({ at: decorated.startIndex, sub: 0, fact: { app, className: fnName, kind: 'decorator', args: argFacts(a.all), conditional: ctx.inBlock, statement: spanOf(decorated), statementText: decorated.text, ...spanOf(decorator) } });
        } else if (method === 'exception_handler' && a.positional[0]) {
          bucket.hooks.push({ at: decorator.startIndex, fact: { app, kind: 'exception_handler', key: a.positional[0].text, via: 'decorator', conditional: ctx.inBlock, ...spanOf(decorator) } });
        } else if (method === 'on_event') {
          const ev = stringValue(a.positional[0]);
          if (ev === 'startup' || ev === 'shutdown')
            bucket.hooks.push({ at: decorator.startIndex, fact: { app, kind: ev, key: fnName, via: 'on_event', conditional: ctx.inBlock, ...spanOf(decorator) } });
        }
      }
    }
    mws.sort((x, y) => x.at - y.at || x.sub - y.sub);
    hooks.sort((x, y) => x.at - y.at);
    // Hand-offs: a call that gives an app to another function (`configure(app)`), at module level for
    // the module's apps, or inside a module-level function for that function's app (its parameter, or
    // the app a factory creates). The function called may register more (see the graph).
    const receivers = new Set([...appVars, ...factoryVars]);
    for (const call of this.idx.allCalls()) {
      const fn = field(call, 'function');
      const fnText = fn?.text ?? '';
      if (!fn || NOT_CONFIGURING.has(lastSegment(fnText))) continue;
      const ctx = contextOf(call);
      let listFor: (name: string) => HandOff[] | undefined;
      let own: (name: string) => boolean;
      if (ctx.scope === 'module') {
        own = (name) => receivers.has(name);
        listFor = (name) => (apps.find((x) => x.variable === name) ?? this.factoryCallFacts().find((x) => x.variable === name))?.handedTo;
      } else if (ctx.scope === 'function') {
        const encl = enclosingFunction(call);
        if (!encl || contextOf(encl).scope !== 'module') continue;
        const params = parameterNames(encl);
        own = (name) => setups.get(encl.id)?.appParam === name || (!setups.has(encl.id) && params.includes(name));
        listFor = (name) => {
          let setup = setups.get(encl.id);
          if (!setup && params.includes(name)) {
            setup = { fn: encl, params, appParam: name, bucket: { mws: [], routers: [], hooks: [] }, handedTo: [] };
            setups.set(encl.id, setup);
          }
          return setup?.appParam === name ? setup.handedTo : undefined;
        };
      } else continue;
      // `app.add_middleware(...)` is a registration, not a hand-off.
      if (fn.type === 'attribute' && own(field(fn, 'object')?.text ?? '')) continue;
      let position = 0;
      for (const a of splitArgs(field(call, 'arguments')).all) {
        const keyword = a.type === 'keyword_argument' ? field(a, 'name')?.text : undefined;
        const value = a.type === 'keyword_argument' ? field(a, 'value') : a;
        const arg = keyword ?? position;
        if (a.type !== 'keyword_argument') position++;
        if (value?.type !== 'identifier' || !own(value.text)) continue;
        listFor(value.text)?.push({ callee: fnText, arg, line: call.startPosition.row + 1 });
      }
    }

    const setupFunctions: SetupFunctionFact[] = [...setups.values()].map(({ fn, params, appParam, creates, bucket, handedTo }) => ({
      name: field(fn, 'name')?.text ?? '',
      params,
      appParam,
      ...(creates ? { creates } : {}),
      handedTo,
      middleware: bucket.mws.sort((x, y) => x.at - y.at || x.sub - y.sub).map((m, order) => ({ ...m.fact, order })),
      routers: bucket.routers,
      hooks: bucket.hooks.sort((x, y) => x.at - y.at).map((h) => h.fact),
      ...spanOf(field(fn, 'name') ?? fn),
    }));
    return {
      apps,
      setupFunctions,
      adapters,
      routers,
      hooks: hooks.map((h) => h.fact),
      middleware: mws.map((m, order) => ({ ...m.fact, order })),
    };
  }

  // ----- module paths ------------------------------------------------------

  /** Module-level `X = f(...)` whose callee is not an app class or an adapter (computed once). */
  private factoryCallFacts(): FactoryCallFact[] {
    if (this.factoryCallsCache) return this.factoryCallsCache;
    const out: FactoryCallFact[] = [];
    for (const stmt of named(this.idx.root)) {
      const assign = stmt.type === 'expression_statement' ? named(stmt)[0] : undefined;
      if (assign?.type !== 'assignment') continue;
      const left = field(assign, 'left');
      const right = field(assign, 'right');
      if (left?.type !== 'identifier' || right?.type !== 'call') continue;
      const callee = field(right, 'function');
      if (!callee || (callee.type !== 'identifier' && callee.type !== 'attribute')) continue;
      // App classes are read as apps, adapters as adapters; routers are never apps.
      if (['FastAPI', 'Starlette', 'Mangum', 'APIRouter', 'Router'].includes(lastSegment(callee.text))) continue;
      out.push({ variable: left.text, callee: callee.text, handedTo: [], ...spanOf(assign) });
    }
    return (this.factoryCallsCache = out);
  }

}
