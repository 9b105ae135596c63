// Facts about one Python file, extracted with tree-sitter. The returned facts are plain data:
// no tree node outlives extractFacts.
import type {
  AdapterFact,
  AppFact,
  FileFacts,
  HookFact,
  MiddlewareFact,
  ModulePathFact,
  RouterIncludeFact,
  SetupFunctionFact,
  FactoryCallFact,
  HandOff,
  Span,
} from '../types.js';
import { parsePython } from './parser.js';

export { decodePython } from './parser.js';
import { queryWords } from './queries.js';
import { nodeSpan as spanOf } from '../util/span.js';
import { FileIndex } from './extract/file-index.js';
import { attributeErrorHandled, contextOf } from './extract/context.js';
import { enclosingLoop, loopElements, loopSource } from './extract/loops.js';
import {
  argFacts, COMPREHENSIONS, enclosingFunction, field, kwargsText, lastSegment,
  named, parameterNames, same, splitArgs, statementOf, targetNames, type Node,
} from './extract/nodes.js';
import { bindingNode, reaching, walkScope, type Binding } from './extract/scope.js';
import { contentValue, plainString, stringPrefix, stringValue } from './extract/strings.js';

export { plainString } from './extract/strings.js';
export { parseSuppression } from './extract/syntax.js';
import { definitions, dunderAll } from './extract/definitions.js';
import { importlibAliases, imports } from './extract/imports.js';
import { models } from './extract/models.js';
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

interface Value {
  value: string;
  span: Span;
  literal: boolean;
  kind: 'literal' | 'variable' | 'fstring';
  container?: string;
  key?: string;
  /**
   * The loop iteration the value comes from (its target's node id, and the item's index): two
   * placeholders of one f-string bound by one loop take values of one item together
   * (`for name, version in VERSIONS.items(): f"api.{version}.{name}"`), never of two.
   */
  origin?: { loop: number; item: number };
}

/** A literal that reached a name through a binding is the name's value (`kind: 'variable'`). */
const asVariable = (v: Value): Value => (v.kind === 'literal' ? { ...v, kind: 'variable' } : v);

interface Item {
  single?: Value;
  pair?: [Value | undefined, Value | undefined];
}

/** One entry of a container: a dict's key and value, or a sequence's value (string literals only). */
type Entry = { key?: Value; value?: Value };

/** Calls that take the app and register nothing on it: servers, adapters, builtins. */
const NOT_CONFIGURING = new Set(['Mangum', 'run', 'serve', 'TestClient', 'print', 'isinstance', 'id', 'repr', 'str', 'type', 'len', 'getattr', 'hasattr', 'vars', 'dir']);

/** Words one of which every pattern of queries/python/app.scm needs in the source. */

const MAX_DEPTH = 8;
const MAX_EXPANSIONS = 256;

class Extractor {
  private readonly modulePathFacts: ModulePathFact[] = [];
  private unknownRouterImports: Span[] | undefined;
  private importlibAliases = new Set<string>(['importlib']);
  /** `from importlib import import_module as load`: names that call import_module under another name. */
  private importModuleAliases = new Set<string>();
  private factoryCallsCache?: FactoryCallFact[];
  constructor(private readonly idx: FileIndex) {}

  run(): FileFacts {
    const records = imports(this.idx);
    const aliases = importlibAliases(records);
    this.importlibAliases = aliases.importlib;
    this.importModuleAliases = aliases.importModule;
    const defs = definitions(this.idx, records);
    const app = this.appFacts();
    const model = models(this.idx);
    const syn = syntax(this.idx);
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
      modulePaths: this.modulePaths(),
      ...(this.unknownRouterImports ? { unknownRouterImports: this.unknownRouterImports } : {}),
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

  private modulePaths(): ModulePathFact[] {
    if (!this.idx.mentions(queryWords('module-paths'))) return [];
    const seen = new Map<string, ModulePathFact>();
    for (const { captures } of this.idx.matches('module-paths')) {
      const call = captures.get('call');
      const obj = captures.get('object');
      if (!call) continue;
      if (obj && !this.importlibAliases.has(obj.text)) continue;
      this.modulePathCall(call, captures.get('function')?.text, captures.get('args') ?? null, seen);
    }
    // import_module imported under another name: the query cannot know the name; follow those calls too.
    if (this.importModuleAliases.size) {
      for (const call of this.idx.allCalls()) {
        const fn = field(call, 'function');
        if (fn?.type === 'identifier' && this.importModuleAliases.has(fn.text)) this.modulePathCall(call, 'import_module', field(call, 'arguments'), seen);
      }
    }
    return this.modulePathFacts;
  }

  private modulePathCall(call: Node, fnName: string | undefined, args: Node | null, seen: Map<string, ModulePathFact>): void {
    const { positional, keywords } = splitArgs(args);
    const arg = positional[0] ?? keywords.get('name');
    if (!arg) return;
    const pkg = fnName === 'import_module' ? (keywords.get('package') ?? positional[1]) : undefined;
    const pkgName = pkg ? plainString(pkg) : undefined;
    let level = 0;
    let topLevelOnly = false;
    if (fnName === '__import__') {
      // __import__(name, globals, locals, fromlist, level): without a fromlist it returns the
      // top-level package, so what is read from it is not read from `name`'s module.
      const fromlist = keywords.get('fromlist') ?? positional[3];
      topLevelOnly = !fromlist || ((fromlist.type === 'list' || fromlist.type === 'tuple') && named(fromlist).length === 0);
      const lv = keywords.get('level') ?? positional[4];
      if (lv) {
        if (lv.type !== 'integer' || !/^\d+$/.test(lv.text)) return; // a level we cannot read
        level = Number(lv.text);
      }
    }
    // In a try that handles ImportError (or under suppress(ImportError)): the code is ready for the module to be missing.
    const ctx = contextOf(call);
    const guarded = ctx.guard === 'optional';
    // A loader function's parameter (`def load(path): return import_module(path)`): each call of the
    // function pairs the paths it passes with what it reads from the result, so `load(p).router` for
    // routers and `load(p).register(app)` for hooks do not mix.
    const scope = this.idx.scopeOf(call);
    const binds = arg.type === 'identifier' && scope.type === 'function_definition' ? this.idx.bindingsIn(scope, arg.text) : [];
    const param = binds.length === 1 && binds[0].kind === 'param' ? binds[0] : undefined;
    const groups: { values: Value[]; read: { attributes: string[]; optional: string[] } }[] = param
      ? this.idx.paramArgs(param).map(({ caller, arg: given }) => {
          const passed = given ?? param.dflt;
          return { values: passed ? this.resolveExpr(passed, 1).map(asVariable) : [], read: this.attributesRead(call, 0, caller) };
        })
      : [{ values: this.resolveExpr(arg, 0), read: this.attributesRead(call, 0) }];
    // No call in this file: the default is all that is known.
    if (param && param.dflt && groups.length === 0) groups.push({ values: this.resolveExpr(param.dflt, 1).map(asVariable), read: this.attributesRead(call, 0) });
    if (groups.every((g) => g.values.length === 0)) {
      // Nothing known of what is imported: remember it when it loads routers (PAR003 then cannot tell what the app serves).
      const fn = enclosingFunction(call);
      const routerish = (t: string) => t.toLowerCase().includes('router');
      let loadsRouters = groups.some((g) => g.read.attributes.some(routerish)) || (fn !== undefined && routerish(field(fn, 'name')?.text ?? ''));
      if (!loadsRouters && fn) walkScope(fn, (n) => {
        if (!loadsRouters && n.type === 'identifier' && routerish(n.text)) loadsRouters = true;
      });
      if (loadsRouters) (this.unknownRouterImports ??= []).push(spanOf(call));
    }
    for (const { values, read } of groups) {
      const attributes = topLevelOnly ? [] : read.attributes;
      const optional = topLevelOnly ? [] : read.optional;
      for (const v of values) {
        const fact: ModulePathFact = {
          value: level > 0 ? `${'.'.repeat(level)}${v.value}` : v.value,
          via: v.kind === 'literal' ? 'call' : v.kind,
          ...(v.container !== undefined ? { container: v.container } : {}),
          ...(v.key !== undefined ? { key: v.key } : {}),
          attributes,
          ...(optional.length ? { optionalAttributes: optional } : {}),
          ...(pkg ? { packageArg: pkg.text } : {}),
          ...(pkgName !== undefined ? { packageName: pkgName } : {}),
          ...(level > 0 ? { dunderImport: true } : {}),
          ...(guarded ? { guarded: true } : {}),
          ...(ctx.scope === 'module' && ctx.guard !== 'main' && ctx.guard !== 'type-checking' ? { atModuleLevel: true } : {}),
          literal: v.literal && level === 0,
          ...v.span,
        };
        const id = JSON.stringify([fact.value, fact.via, fact.key, fact.line, fact.column, call.startIndex]);
        const earlier = seen.get(id);
        if (earlier) {
          // The same string reaches the call twice (two callers pass it): it needs what either reads.
          const needed = new Set([...earlier.attributes.filter((x) => !earlier.optionalAttributes?.includes(x)), ...attributes.filter((x) => !optional.includes(x))]);
          earlier.attributes = [...earlier.attributes, ...attributes.filter((x) => !earlier.attributes.includes(x))];
          const merged = earlier.attributes.filter((x) => !needed.has(x));
          if (merged.length) earlier.optionalAttributes = merged;
          else delete earlier.optionalAttributes;
          continue;
        }
        seen.set(id, fact);
        this.modulePathFacts.push(fact);
      }
    }
  }

  /** Attribute names read from the module an import call returns (`getattr(m, "router")`, `m.router`). */
  private attributesRead(call: Node, depth: number, only?: Node): { attributes: string[]; optional: string[] } {
    const out: string[] = [];
    /** Reads the code is ready to see fail: under a handler of AttributeError, or with a default. */
    const guarded = new Set<string>();
    /** Reads that must succeed. */
    const needed = new Set<string>();
    let variable: string | undefined;
    const add = (s: string | undefined, read: Node, optional = false) => {
      if (s === undefined) return;
      if (!out.includes(s)) out.push(s);
      (optional || attributeErrorHandled(read, variable, s) ? guarded : needed).add(s);
    };
    /** `getattr(m, "x")` reads x; `getattr(m, "x", None)` has a default and is ready for m to lack it. */
    const getattrRead = (g: Node, args: Node[]) => {
      if (args.length >= 2) add(stringValue(args[1]), g, args.length > 2);
    };
    const fromCaller = (c: Node) => {
      if (only && !same(c, only)) return;
      const r = this.attributesRead(c, depth + 1);
      for (const a of r.attributes) {
        if (!out.includes(a)) out.push(a);
        (r.optional.includes(a) ? guarded : needed).add(a);
      }
    };
    let expr = call;
    while (expr.parent?.type === 'parenthesized_expression') expr = expr.parent;
    const parent = expr.parent;
    if (!parent) return { attributes: out, optional: [] };
    if (parent.type === 'attribute' && same(field(parent, 'object'), expr)) add(field(parent, 'attribute')?.text, parent);
    if (parent.type === 'argument_list') {
      const g = parent.parent;
      const args = named(parent);
      if (g?.type === 'call' && field(g, 'function')?.text === 'getattr' && same(args[0], expr)) getattrRead(g, args);
    }
    if ((parent.type === 'assignment' && same(field(parent, 'right'), expr)) || parent.type === 'named_expression') {
      const left = field(parent, parent.type === 'assignment' ? 'left' : 'name');
      if (left?.type === 'identifier') variable = left.text;
    }
    if (variable) {
      const scope = this.idx.scopeOf(call);
      // Only the reads this assignment reaches: `module` may be bound again to another import.
      const binds = this.idx.bindingsIn(scope, variable);
      const reaches = (use: Node) => binds.length < 2 || reaching(binds, variable, use, scope).some((b) => same(bindingNode(b), parent));
      for (const n of this.idx.scopeIndex(scope).reads.get(variable) ?? []) {
        if (n.type === 'attribute') {
          const obj = field(n, 'object')!;
          if (reaches(obj)) add(field(n, 'attribute')?.text, n);
          continue;
        }
        const fn = field(n, 'function')?.text;
        const args = named(field(n, 'arguments') ?? n);
        if (!reaches(args[0])) continue;
        if (fn === 'getattr') getattrRead(n, args);
      }
      // `return module` from a loader function: look at what its callers read.
      if (depth === 0) {
        const fn = scope.type === 'function_definition' ? scope : null;
        const fnName = fn ? field(fn, 'name')?.text : undefined;
        let returns = false;
        if (fn) walkScope(fn, (n) => {
          if (n.type === 'return_statement' && named(n)[0]?.type === 'identifier' && named(n)[0].text === variable) returns = true;
        });
        if (returns && fnName) for (const { call: c } of this.idx.callsNamed(fnName)) fromCaller(c);
      }
    } else if (parent.type === 'return_statement' && depth === 0) {
      const fn = this.idx.scopeOf(call);
      const fnName = fn.type === 'function_definition' ? field(fn, 'name')?.text : undefined;
      if (fnName) for (const { call: c } of this.idx.callsNamed(fnName)) fromCaller(c);
    }
    return { attributes: out, optional: out.filter((a) => guarded.has(a) && !needed.has(a)) };
  }

  private resolveName(name: string, use: Node, depth: number): Value[] {
    if (depth > MAX_DEPTH) return [];
    const scope = this.idx.scopeOf(use);
    // comprehension variables
    for (let p = use.parent; p && !same(p, scope); p = p.parent) {
      if (!COMPREHENSIONS.has(p.type)) continue;
      for (const clause of named(p)) {
        if (clause.type !== 'for_in_clause') continue;
        const left = field(clause, 'left');
        const right = field(clause, 'right');
        if (left && right && targetNames(left).some((t) => t.text === name)) return this.resolveTarget(left, name, right, depth + 1);
      }
    }
    const fromScope = (s: Node): Value[] | undefined => {
      let binds = this.idx.bindingsIn(s, name);
      if (!binds.length) return undefined;
      if (same(s, scope)) binds = reaching(binds, name, use, s);
      const atModule = s.type === 'module';
      const out: Value[] = [];
      for (const b of binds) {
        if (b.kind === 'assign') {
          for (const v of this.resolveExpr(b.right, depth + 1))
            out.push(v.kind === 'literal' ? { ...v, kind: 'variable', ...(atModule ? { container: name } : {}) } : v);
        } else if (b.kind === 'for') out.push(...this.resolveTarget(b.target, name, b.iter, depth + 1));
        else out.push(...this.resolveParam(b, depth + 1));
      }
      return out;
    };
    if (scope.type !== 'module') {
      const local = fromScope(scope);
      if (local) return local;
    }
    return fromScope(this.idx.root) ?? [];
  }

  private resolveParam(b: Extract<Binding, { kind: 'param' }>, depth: number): Value[] {
    const out: Value[] = [];
    if (b.dflt) for (const v of this.resolveExpr(b.dflt, depth)) out.push(asVariable(v));
    if (depth > MAX_DEPTH) return out;
    for (const { arg } of this.idx.paramArgs(b)) if (arg) for (const v of this.resolveExpr(arg, depth)) out.push(asVariable(v));
    return out;
  }


  private resolveTarget(target: Node, name: string, iter: Node, depth: number): Value[] {
    const items = this.resolveIterable(iter, depth);
    const out: Value[] = [];
    const loop = target.id;
    if (target.type === 'identifier') {
      items.forEach((it, item) => it.single && out.push({ ...it.single, origin: { loop, item } }));
      return out;
    }
    const parts = named(target);
    const idx = parts.findIndex((p) => p.type === 'identifier' && p.text === name);
    if (idx < 0 || idx > 1 || parts.length !== 2) return out;
    items.forEach((it, item) => {
      const v = it.pair?.[idx];
      if (v) out.push({ ...v, origin: { loop, item } });
    });
    return out;
  }

  /**
   * The containers (dict, list, tuple, set) a name is bound to where it is used, with their entries:
   * those of the literal, then those added by later statements (`MAP["k"] = "v"`, `MAP.update({...})`,
   * `NAMES.append("v")`, `NAMES += [...]`), in source order.
   */
  private containers(name: string, use: Node): { node: Node; moduleLevel: boolean; dict: boolean; entries: Entry[] }[] {
    const scope = this.idx.scopeOf(use);
    const find = (s: Node) =>
      this.live(this.idx.bindingsIn(s, name), name, use, s)
        .filter((b): b is Extract<Binding, { kind: 'assign' }> => b.kind === 'assign')
        .map((b) => b.right)
        .filter((r) => ['dictionary', 'list', 'tuple', 'set'].includes(r.type));
    const withEntries = (node: Node, moduleLevel: boolean, s: Node) => {
      const label = moduleLevel ? name : undefined;
      const dict = node.type === 'dictionary';
      return { node, moduleLevel, dict, entries: [...this.literalEntries(node, label), ...this.mutations(name, s, dict, label)] };
    };
    if (scope.type !== 'module') {
      const local = find(scope);
      if (local.length) return local.map((node) => withEntries(node, false, scope));
    }
    return find(this.idx.root).map((node) => withEntries(node, true, this.idx.root));
  }

  /** A string literal as an entry's key or value (anything else is not followed). */
  private entryValue(n: Node | null | undefined, container: string | undefined, key?: string): Value | undefined {
    const v = stringValue(n);
    if (v === undefined || !n) return undefined;
    return { value: v, span: spanOf(n), literal: n.type === 'string', kind: 'variable', ...(container !== undefined ? { container } : {}), ...(key !== undefined ? { key } : {}) };
  }

  /**
   * Entries a container bound in `scope` gets from statements: in that scope, and for a module-level
   * container also in functions that do not bind the name themselves (they change the global one).
   */
  private mutations(name: string, scope: Node, dict: boolean, container: string | undefined): Entry[] {
    const cacheKey = `${name}:${scope.id}:${dict}:${container ?? ''}`;
    const cached = this.mutationCache.get(cacheKey);
    if (cached) return cached;
    const found = this.findMutations(name, scope, dict, container);
    this.mutationCache.set(cacheKey, found);
    return found;
  }

  private readonly mutationCache = new Map<string, Entry[]>();

  private findMutations(name: string, scope: Node, dict: boolean, container: string | undefined): Entry[] {
    const out: { at: number; entries: Entry[] }[] = [];
    const isName = (n: Node | null | undefined) => n?.type === 'identifier' && n.text === name;
    // A literal added whole (`update({...})`, `extend([...])`, `+= [...]`): its entries, when it is the container's kind.
    const pairsOf = (d: Node): Entry[] => (d.type === 'dictionary' ? this.literalEntries(d, container) : []);
    const itemsOf = (l: Node): Entry[] => (['list', 'tuple', 'set'].includes(l.type) ? this.literalEntries(l, container) : []);
    const visit = (n: Node) => {
      if (n.type === 'assignment') {
        const left = field(n, 'left');
        if (dict && left?.type === 'subscript' && isName(field(left, 'value'))) {
          const keyNode = field(left, 'subscript');
          const k = stringValue(keyNode);
          out.push({ at: n.startIndex, entries: [{ key: this.entryValue(keyNode, container, k), value: this.entryValue(field(n, 'right'), container, k) }] });
        }
      } else if (n.type === 'augmented_assignment') {
        const right = field(n, 'right');
        const op = field(n, 'operator')?.text;
        if (isName(field(n, 'left')) && right) {
          if (dict && op === '|=') out.push({ at: n.startIndex, entries: pairsOf(right) });
          else if (!dict && (op === '+=' || op === '|=')) out.push({ at: n.startIndex, entries: itemsOf(right) });
        }
      } else if (n.type === 'call') {
        const fn = field(n, 'function');
        if (fn?.type !== 'attribute' || !isName(field(fn, 'object'))) return;
        const method = field(fn, 'attribute')?.text;
        const { positional, keywords } = splitArgs(field(n, 'arguments'));
        const entries: Entry[] = [];
        if (dict && method === 'update') {
          if (positional[0]) entries.push(...pairsOf(positional[0]));
          // `update(audit="api.audit")`: the key is the keyword's name, placed at its value.
          for (const [k, v] of keywords)
            entries.push({
              key: { value: k, span: spanOf(v), literal: false, kind: 'variable', ...(container !== undefined ? { container } : {}), key: k },
              value: this.entryValue(v, container, k),
            });
        } else if (dict && method === 'setdefault' && positional[0]) {
          const k = stringValue(positional[0]);
          entries.push({ key: this.entryValue(positional[0], container, k), value: this.entryValue(positional[1], container, k) });
        } else if (!dict && (method === 'append' || method === 'add') && positional[0]) entries.push({ value: this.entryValue(positional[0], container) });
        else if (!dict && method === 'insert' && positional[1]) entries.push({ value: this.entryValue(positional[1], container) });
        else if (!dict && method === 'extend' && positional[0]) entries.push(...itemsOf(positional[0]));
        if (entries.length) out.push({ at: n.startIndex, entries });
      }
    };
    walkScope(scope, visit);
    if (scope.type === 'module') {
      // Functions, methods and class bodies where the name is the module's container.
      for (const fn of this.idx.root.descendantsOfType(['function_definition', 'lambda', 'class_definition'])) {
        if (this.idx.seesModuleName(fn, name)) walkScope(fn, visit);
      }
    }
    return out.sort((a, b) => a.at - b.at).flatMap((o) => o.entries);
  }

  /**
   * The bindings of `name` in `scope` that `use` can see: those that reach it when both are in the
   * scope; for a module name used in a function (which runs once the module is loaded), those from
   * the last plain `name = ...` statement at the module's top on (`MAP = {...}` then `MAP = {k: f(v)
   * for ...}`: only the second, which is not a literal).
   */
  private live(binds: Binding[], name: string, use: Node, scope: Node): Binding[] {
    if (binds.length < 2) return binds;
    if (same(this.idx.scopeOf(use), scope)) return reaching(binds, name, use, scope);
    if (scope.type !== 'module') return binds;
    let last = -1;
    for (const st of named(scope)) {
      const a = st.type === 'expression_statement' ? st.firstNamedChild : null;
      if (a?.type === 'assignment' && field(a, 'right') && field(a, 'left')?.type === 'identifier' && field(a, 'left')!.text === name) last = a.startIndex;
    }
    return binds.filter((b) => {
      const n = bindingNode(b);
      return !n || n.startIndex >= last;
    });
  }

  private readonly entryCache = new Map<string, Entry[]>();

  private literalEntries(node: Node, container: string | undefined): Entry[] {
    const cacheKey = `${node.id}:${container ?? ''}`;
    let cached = this.entryCache.get(cacheKey);
    if (!cached) this.entryCache.set(cacheKey, (cached = this.computeEntries(node, container)));
    return cached;
  }

  private computeEntries(node: Node, container: string | undefined): Entry[] {
    if (node.type === 'dictionary') {
      return named(node)
        .filter((p) => p.type === 'pair')
        .map((p) => {
          const k = stringValue(field(p, 'key'));
          return { key: this.entryValue(field(p, 'key'), container, k), value: this.entryValue(field(p, 'value'), container, k) };
        });
    }
    return named(node).map((e) => ({ value: this.entryValue(e, container) }));
  }

  private resolveIterable(iter: Node, depth: number): Item[] {
    if (depth > MAX_DEPTH) return [];
    if (iter.type === 'parenthesized_expression') return named(iter).flatMap((c) => this.resolveIterable(c, depth));
    if (['list', 'tuple', 'set'].includes(iter.type))
      return named(iter).flatMap((e) => this.resolveExpr(e, depth + 1).map((v) => ({ single: asVariable(v) })));
    if (iter.type === 'dictionary') return this.literalEntries(iter, undefined).flatMap((e) => (e.key ? [{ single: e.key }] : []));
    if (iter.type === 'identifier') {
      const out: Item[] = [];
      for (const c of this.containers(iter.text, iter)) {
        for (const e of c.entries) {
          const v = c.dict ? e.key : e.value;
          if (v) out.push({ single: v });
        }
      }
      return out;
    }
    if (iter.type === 'call') {
      const f = field(iter, 'function');
      const { positional } = splitArgs(field(iter, 'arguments'));
      if (f?.type === 'identifier' && ['sorted', 'list', 'tuple', 'set', 'reversed', 'frozenset'].includes(f.text) && positional[0])
        return this.resolveIterable(positional[0], depth + 1);
      if (f?.type === 'identifier' && f.text === 'enumerate' && positional[0])
        return this.resolveIterable(positional[0], depth + 1).flatMap((it) => (it.single ? [{ pair: [undefined, it.single] as [undefined, Value] }] : []));
      if (f?.type === 'attribute') {
        const obj = field(f, 'object');
        const method = field(f, 'attribute')?.text;
        if (obj?.type !== 'identifier' || !method) return [];
        const out: Item[] = [];
        for (const c of this.containers(obj.text, obj)) {
          if (!c.dict) continue;
          for (const e of c.entries) {
            if (method === 'items') out.push({ pair: [e.key, e.value] });
            else if (method === 'values' && e.value) out.push({ single: e.value });
            else if (method === 'keys' && e.key) out.push({ single: e.key });
          }
        }
        return out;
      }
    }
    return [];
  }

  /** Values from a container subscript / `.get`: `M[k]`, `M["k"]`, `M.get(k)`. */
  private containerValues(obj: Node, keyNode: Node | undefined): Value[] {
    if (obj.type !== 'identifier') return [];
    const wanted = stringValue(keyNode);
    const index = keyNode?.type === 'integer' ? Number(keyNode.text) : undefined;
    const out: Value[] = [];
    for (const c of this.containers(obj.text, obj)) {
      c.entries.forEach((e, i) => {
        if (!e.value) return;
        if (c.dict && wanted !== undefined && e.key?.value !== wanted) return;
        if (!c.dict && index !== undefined && i !== index) return;
        out.push(e.value);
      });
    }
    return out;
  }

  private product(node: Node, parts: Value[][]): Value[] {
    let acc: { value: string; from: Value[] }[] = [{ value: '', from: [] }];
    // Values of two iterations of one loop never meet (see Value.origin).
    const fits = (from: Value[], o: Value) => !o.origin || from.every((f) => !f.origin || f.origin.loop !== o.origin!.loop || f.origin.item === o.origin!.item);
    for (const options of parts) {
      if (!options.length) return [];
      const next: { value: string; from: Value[] }[] = [];
      for (const a of acc) for (const o of options) if (fits(a.from, o)) next.push({ value: a.value + o.value, from: o.kind === 'literal' && !o.origin ? a.from : [...a.from, o] });
      if (next.length > MAX_EXPANSIONS) return [];
      acc = next;
    }
    return acc.map((a) => {
      const src = a.from.find((f) => f.container !== undefined) ?? a.from[0];
      return {
        value: a.value,
        span: spanOf(node),
        literal: false,
        kind: a.from.length ? 'fstring' : 'literal',
        ...(src?.container !== undefined ? { container: src.container } : {}),
        ...(src?.key !== undefined ? { key: src.key } : {}),
      };
    });
  }

  private constant(value: string): Value {
    return { value, span: { line: 0, column: 0, endLine: 0, endColumn: 0 }, literal: true, kind: 'literal' };
  }

  private resolveExpr(node: Node, depth: number): Value[] {
    if (depth > MAX_DEPTH) return [];
    switch (node.type) {
      case 'string': {
        const v = plainString(node);
        if (v !== undefined) return [{ value: v, span: spanOf(node), literal: true, kind: 'literal' }];
        if (stringPrefix(node).includes('b')) return [];
        const raw = stringPrefix(node).includes('r');
        const parts: Value[][] = [];
        for (const c of node.namedChildren) {
          if (c.type === 'string_content') parts.push([this.constant(contentValue(c, raw))]);
          else if (c.type === 'interpolation') {
            if (field(c, 'format_specifier')) return [];
            const e = field(c, 'expression');
            if (!e) return [];
            parts.push(this.resolveExpr(e, depth + 1));
          }
        }
        return this.product(node, parts);
      }
      case 'concatenated_string': {
        const v = stringValue(node);
        if (v !== undefined) return [{ value: v, span: spanOf(node), literal: false, kind: 'literal' }];
        return this.product(node, named(node).map((p) => this.resolveExpr(p, depth + 1).map((x) => (x.kind === 'literal' ? this.constant(x.value) : x))));
      }
      case 'binary_operator': {
        const op = field(node, 'operator')?.text;
        const l = field(node, 'left');
        const r = field(node, 'right');
        if (op !== '+' || !l || !r) return [];
        const parts = [l, r].map((p) => this.resolveExpr(p, depth + 1).map((x) => (x.kind === 'literal' ? this.constant(x.value) : x)));
        const out = this.product(node, parts);
        return out.map((v) => (v.kind === 'literal' ? { ...v, literal: false } : v));
      }
      case 'parenthesized_expression':
        return named(node).flatMap((c) => this.resolveExpr(c, depth + 1));
      case 'conditional_expression': {
        const [a, , b] = named(node);
        return [...(a ? this.resolveExpr(a, depth + 1) : []), ...(b ? this.resolveExpr(b, depth + 1) : [])];
      }
      case 'identifier':
        return this.resolveName(node.text, node, depth + 1);
      case 'subscript': {
        const obj = field(node, 'value');
        const key = field(node, 'subscript') ?? undefined;
        return obj ? this.containerValues(obj, key) : [];
      }
      case 'call': {
        const f = field(node, 'function');
        if (f?.type === 'attribute' && field(f, 'attribute')?.text === 'get') {
          const obj = field(f, 'object');
          const { positional } = splitArgs(field(node, 'arguments'));
          const out = obj ? this.containerValues(obj, positional[0]) : [];
          if (positional[1]) out.push(...this.resolveExpr(positional[1], depth + 1).map(asVariable));
          return out;
        }
        return [];
      }
      default:
        return [];
    }
  }


}
