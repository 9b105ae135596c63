// Module paths given to import calls (`importlib.import_module(...)`, `__import__(...)`, and
// import_module under another name): each string the argument can be, with what is read from
// the module, and the calls whose modules are unknown but load routers.
import type { BorrowedPathFact, ModulePathFact, Span } from '../../types.js';
import { nodeSpan as spanOf } from '../../util/span.js';
import { queryWords } from '../queries.js';
import { attributesRead } from './attribute-reads.js';
import { borrowedIterable, borrowedSource, type Borrowed } from './borrowed-paths.js';
import { asVariable, type Value } from './containers.js';
import { contextOf, type Context } from './context.js';
import type { FileIndex } from './file-index.js';
import { importModuleNames, includesOf, mappedIncludes, mappedPaths } from './import-callers.js';
import { enclosingFunction, field, named, splitArgs, type Node } from './nodes.js';
import { walkScope } from './scope.js';
import { plainString } from './strings.js';
import { Values } from './values.js';

/** The names importlib and import_module go by in this file (see importlibAliases in imports.ts). */
export interface ImportlibAliases {
  importlib: ReadonlySet<string>;
  importModule: ReadonlySet<string>;
}

export interface ModulePaths {
  modulePaths: ModulePathFact[];
  /** Import calls of unknown modules that load routers (undefined: none). */
  unknownRouterImports?: Span[];
  /** Import calls whose strings come from another module's container (undefined: none). */
  borrowedPaths?: BorrowedPathFact[];
  /** include_router calls of what a read import call loads (undefined: none). */
  lazyIncludes?: Span[];
}

/** How a call names its module: the argument, the `package` of import_module, `__import__`'s level and fromlist. */
interface CallShape {
  arg: Node;
  pkg?: Node;
  pkgName?: string;
  level: number;
  /** `__import__(name)` without a fromlist returns the top-level package: what is read from it is not read from name's module. */
  topLevelOnly: boolean;
}

/** The strings one call gets, and what is read from the module; `arg`: the expression they come from. */
type Group = { values: Value[]; read: { attributes: string[]; optional: string[] }; arg?: Node };

export function modulePaths(idx: FileIndex, aliases: ImportlibAliases): ModulePaths {
  if (!idx.mentions(queryWords('module-paths'))) return { modulePaths: [] };
  const reader = new Reader(idx);
  for (const { captures } of idx.matches('module-paths')) {
    const call = captures.get('call');
    const obj = captures.get('object');
    if (!call) continue;
    if (obj && !aliases.importlib.has(obj.text)) continue;
    reader.call(call, captures.get('function')?.text, captures.get('args') ?? null);
  }
  // import_module under another name (imported so, or bound: `load = importlib.import_module`,
  // `partial(import_module)`), or mapped over paths: the query cannot know the names; follow those calls too.
  const bound = importModuleNames(idx.root, aliases);
  const names = new Set([...aliases.importModule, ...bound]);
  for (const call of idx.allCalls()) {
    const fn = field(call, 'function');
    if (fn?.type === 'identifier' && names.has(fn.text)) reader.call(call, 'import_module', field(call, 'arguments'));
    else {
      const paths = mappedPaths(call, aliases, bound);
      if (paths) reader.mapped(call, paths);
    }
  }
  return {
    modulePaths: reader.facts,
    ...(reader.unknownRouterImports ? { unknownRouterImports: reader.unknownRouterImports } : {}),
    ...(reader.borrowed.length ? { borrowedPaths: reader.borrowed } : {}),
    ...(reader.lazyIncludes.length ? { lazyIncludes: reader.lazyIncludes } : {}),
  };
}

function callShape(fnName: string | undefined, args: Node | null): CallShape | undefined {
  const { positional, keywords } = splitArgs(args);
  const arg = positional[0] ?? keywords.get('name');
  if (!arg) return undefined;
  const pkg = fnName === 'import_module' ? (keywords.get('package') ?? positional[1]) : undefined;
  const pkgName = pkg ? plainString(pkg) : undefined;
  let level = 0;
  let topLevelOnly = false;
  if (fnName === '__import__') {
    // __import__(name, globals, locals, fromlist, level)
    const fromlist = keywords.get('fromlist') ?? positional[3];
    topLevelOnly = !fromlist || fromlist.type === 'none' || ((fromlist.type === 'list' || fromlist.type === 'tuple') && named(fromlist).length === 0);
    const lv = keywords.get('level') ?? positional[4];
    if (lv) {
      if (lv.type !== 'integer' || !/^\d+$/.test(lv.text)) return undefined; // a level we cannot read
      level = Number(lv.text);
    }
  }
  return { arg, ...(pkg ? { pkg } : {}), ...(pkgName !== undefined ? { pkgName } : {}), level, topLevelOnly };
}

/** The facts of one file's import calls, in the order the calls are met; a string reaching one call twice is one fact. */
class Reader {
  readonly facts: ModulePathFact[] = [];
  unknownRouterImports: Span[] | undefined;
  readonly borrowed: BorrowedPathFact[] = [];
  readonly lazyIncludes: Span[] = [];
  private readonly seen = new Map<string, ModulePathFact>();
  private readonly values: Values;

  constructor(private readonly idx: FileIndex) {
    this.values = new Values(idx);
  }

  call(call: Node, fnName: string | undefined, args: Node | null): void {
    const shape = callShape(fnName, args);
    if (!shape) return;
    const groups = this.groups(call, shape.arg);
    // In a try that handles ImportError (or under suppress(ImportError)): the code is ready for the module to be missing.
    const ctx = contextOf(call);
    if (groups.every((g) => g.values.length === 0) && !this.borrow(call, shape, ctx, groups)) this.noteUnknown(call, groups);
    else for (const inc of includesOf(this.idx, call)) this.lazyIncludes.push(spanOf(inc));
    for (const { values, read } of groups) {
      const attributes = shape.topLevelOnly ? [] : read.attributes;
      const optional = shape.topLevelOnly ? [] : read.optional;
      for (const v of values) this.add(call, this.fact(v, shape, ctx, attributes, optional), attributes, optional);
    }
  }

  /** `map(import_module, PATHS)`: every element of PATHS is imported; what is read from each is not followed. */
  mapped(call: Node, iterable: Node): void {
    const values = this.values.iterableValues(iterable);
    const none = { attributes: [], optional: [] };
    const shape: CallShape = { arg: iterable, level: 0, topLevelOnly: false };
    const ctx = contextOf(call);
    const source = values.length ? undefined : borrowedIterable(this.idx, iterable);
    if (source) this.borrowed.push({ ...this.borrowedFact(call, source, shape, ctx, none), ...(this.loadsRouters(call, []) ? { loadsRouters: true } : {}) });
    else if (!values.length) this.noteUnknown(call, [{ values, read: none }]);
    // Included in a loop over the modules (`for m in list(map(...)): include_router(m.router)`): what it reads is known.
    const { includes, attributes } = values.length ? mappedIncludes(this.idx, call) : { includes: [], attributes: [] };
    for (const inc of includes) this.lazyIncludes.push(spanOf(inc));
    for (const v of values) this.add(call, this.fact(v, shape, ctx, attributes, []), attributes, []);
  }

  /**
   * A loader function's parameter (`def load(path): return import_module(path)`): each call of the
   * function pairs the paths it passes with what it reads from the result, so `load(p).router` for
   * routers and `load(p).register(app)` for hooks do not mix. Otherwise one group: the argument.
   */
  private groups(call: Node, arg: Node): Group[] {
    const { idx, values } = this;
    const scope = idx.scopeOf(call);
    const binds = arg.type === 'identifier' && scope.type === 'function_definition' ? idx.bindingsIn(scope, arg.text) : [];
    const param = binds.length === 1 && binds[0].kind === 'param' ? binds[0] : undefined;
    const groups: Group[] = param
      ? idx.paramArgs(param).map(({ caller, arg: given }) => {
          const passed = given ?? param.dflt;
          return { values: passed ? values.resolveExpr(passed, 1).map(asVariable) : [], read: attributesRead(idx, call, 0, caller), ...(passed ? { arg: passed } : {}) };
        })
      : [{ values: values.resolveExpr(arg, 0), read: attributesRead(idx, call, 0), arg }];
    // No call in this file: the default is all that is known.
    if (param && param.dflt && groups.length === 0) groups.push({ values: values.resolveExpr(param.dflt, 1).map(asVariable), read: attributesRead(idx, call, 0) });
    return groups;
  }

  /**
   * No string known here: the groups whose argument comes from a container this file does not bind
   * become BorrowedPathFacts (the graph reads the container where it is defined). False when some
   * group's argument does not: the call stays unknown.
   */
  private borrow(call: Node, shape: CallShape, ctx: Context, groups: Group[]): boolean {
    // `__import__` (a level, a top-level package returned) keeps to its own strings.
    if (!groups.length || shape.level > 0 || shape.topLevelOnly) return false;
    const sources = groups.map((g) => (g.arg ? borrowedSource(this.idx, g.arg) : undefined));
    if (sources.some((s) => !s)) return false;
    const routers = this.loadsRouters(call, groups);
    groups.forEach((g, i) => this.borrowed.push({ ...this.borrowedFact(call, sources[i]!, shape, ctx, g.read), ...(routers ? { loadsRouters: true } : {}) }));
    return true;
  }

  private borrowedFact(call: Node, b: Borrowed, shape: CallShape, ctx: Context, read: Group['read']): BorrowedPathFact {
    const { pkg, pkgName } = shape;
    return {
      ...b,
      attributes: read.attributes,
      ...(read.optional.length ? { optionalAttributes: read.optional } : {}),
      ...(ctx.scope === 'module' && ctx.guard !== 'main' && ctx.guard !== 'type-checking' ? { atModuleLevel: true } : {}),
      ...(ctx.guard === 'optional' ? { guarded: true } : {}),
      ...(pkg ? { packageArg: pkg.text } : {}),
      ...(pkgName !== undefined ? { packageName: pkgName } : {}),
      ...spanOf(call),
    };
  }

  /** Nothing known of what is imported: remember it when it loads routers (PAR003 then cannot tell what the app serves). */
  private noteUnknown(call: Node, groups: Group[]): void {
    if (this.loadsRouters(call, groups)) (this.unknownRouterImports ??= []).push(spanOf(call));
  }

  /** Does the call load routers: a `router` attribute read, or a function that names a router around it? */
  private loadsRouters(call: Node, groups: Group[]): boolean {
    const fn = enclosingFunction(call);
    const routerish = (t: string) => t.toLowerCase().includes('router');
    let loadsRouters = groups.some((g) => g.read.attributes.some(routerish)) || (fn !== undefined && routerish(field(fn, 'name')?.text ?? ''));
    if (!loadsRouters && fn) walkScope(fn, (n) => {
      if (!loadsRouters && n.type === 'identifier' && routerish(n.text)) loadsRouters = true;
    });
    return loadsRouters;
  }

  private fact(v: Value, shape: CallShape, ctx: Context, attributes: string[], optional: string[]): ModulePathFact {
    const { level, pkg, pkgName } = shape;
    return {
      value: level > 0 ? `${'.'.repeat(level)}${v.value}` : v.value,
      via: v.kind === 'literal' ? 'call' : v.kind,
      ...(v.container !== undefined ? { container: v.container } : {}),
      ...(v.key !== undefined ? { key: v.key } : {}),
      attributes,
      ...(optional.length ? { optionalAttributes: optional } : {}),
      ...(pkg ? { packageArg: pkg.text } : {}),
      ...(pkgName !== undefined ? { packageName: pkgName } : {}),
      ...(level > 0 ? { dunderImport: true } : {}),
      ...(ctx.guard === 'optional' ? { guarded: true } : {}),
      ...(ctx.scope === 'module' && ctx.guard !== 'main' && ctx.guard !== 'type-checking' ? { atModuleLevel: true } : {}),
      literal: v.literal && level === 0,
      ...v.span,
    };
  }

  private add(call: Node, fact: ModulePathFact, attributes: string[], optional: string[]): void {
    const id = JSON.stringify([fact.value, fact.via, fact.key, fact.line, fact.column, call.startIndex]);
    const earlier = this.seen.get(id);
    if (!earlier) {
      this.seen.set(id, fact);
      this.facts.push(fact);
      return;
    }
    // The same string reaches the call twice (two callers pass it): it needs what either reads.
    const needed = new Set([...earlier.attributes.filter((x) => !earlier.optionalAttributes?.includes(x)), ...attributes.filter((x) => !optional.includes(x))]);
    earlier.attributes = [...earlier.attributes, ...attributes.filter((x) => !earlier.attributes.includes(x))];
    const merged = earlier.attributes.filter((x) => !needed.has(x));
    if (merged.length) earlier.optionalAttributes = merged;
    else delete earlier.optionalAttributes;
  }
}
