// Facts about one Python file, extracted with tree-sitter. The returned facts are plain data:
// no tree node outlives extractFacts.
import type Parser from 'tree-sitter';
import type {
  AdapterFact,
  AppFact,
  ArgFact,
  BaseFactoryFact,
  ClassFact,
  DefinitionFact,
  FileFacts,
  Guard,
  HookFact,
  ImportFact,
  ImportedName,
  LoopSource,
  MiddlewareFact,
  ModulePathFact,
  ParseProblem,
  RelationshipFact,
  RouterIncludeFact,
  SetupFunctionFact,
  FactoryCallFact,
  HandOff,
  Span,
  SuppressionFact,
} from '../types.js';
import { parsePython } from './parser.js';

export { decodePython } from './parser.js';
import { pythonMatches, queryWords, type Match, type QueryName } from './queries.js';
import { nodeSpan as spanOf } from '../util/span.js';
import { pushTo } from '../util/multimap.js';

type Node = Parser.SyntaxNode;

interface ImportRecord {
  fact: ImportFact;
  bindings: { name: string; span: Span; at: number }[];
  /** Under any block at module level (definitions' `conditional`). */
  inBlock: boolean;
}

const binding = (name: string, n: Node) => ({ name, span: spanOf(n), at: n.startIndex });


/** Parse `text` and extract every fact. Synchronous; the tree is dropped before returning. */
export function extractFacts(text: string): FileFacts {
  const tree = parsePython(text);
  try {
    return new Extractor(text, tree.rootNode).run();
  } finally {
    // node-tree-sitter frees trees when they are garbage collected; drop our reference.
  }
}

// ---------------------------------------------------------------------------
// Small node helpers

const same = (a: Node | null | undefined, b: Node | null | undefined): boolean => !!a && !!b && a.id === b.id;
const field = (n: Node, name: string): Node | null => n.childForFieldName(name);
// Comments and line continuations are extras: they can sit between any two children.
const named = (n: Node): Node[] => n.namedChildren.filter((c) => c.type !== 'comment' && c.type !== 'line_continuation');
const lastSegment = (dotted: string): string => dotted.slice(dotted.lastIndexOf('.') + 1).trim();
/**
 * A dotted name as Python reads it. Its source text is the name itself unless whitespace, a line
 * continuation or a comment sits between the parts (`a . b`, `a.\\\n b`): only then are the parts joined.
 */
const dottedText = (n: Node): string => {
  const t = n.text;
  if (n.type !== 'dotted_name') return t;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    // space, tab, newline, carriage return, form feed, backslash (a continuation), '#' (a comment)
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 92 || c === 35) return named(n).map((x) => x.text).join('.');
  }
  return t;
};

const SCOPE_TYPES = new Set(['function_definition', 'class_definition', 'lambda']);
const COMPREHENSIONS = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);

function decodeEscape(e: string): string {
  const c = e[1];
  switch (c) {
    case 'n': return '\n';
    case 't': return '\t';
    case 'r': return '\r';
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7':
      return String.fromCharCode(parseInt(e.slice(1), 8));
    case 'x': case 'u': case 'U': {
      const cp = parseInt(e.slice(2), 16);
      return Number.isFinite(cp) ? String.fromCodePoint(cp) : e;
    }
    case '\n': return '';
    case 'a': return '\x07';
    case 'b': return '\b';
    case 'f': return '\f';
    case 'v': return '\v';
    case 'N': return e;
    default: return c ?? '';
  }
}

function stringPrefix(n: Node): string {
  const start = n.firstChild;
  if (!start || start.type !== 'string_start') return '';
  const t = start.text;
  let i = 0;
  while (i < t.length && t[i] !== '"' && t[i] !== "'") i++;
  return t.slice(0, i).toLowerCase();
}

function contentValue(c: Node, raw: boolean): string {
  if (raw || c.namedChildCount === 0) return c.text;
  const t = c.text;
  const base = c.startIndex;
  let out = '';
  let pos = 0;
  for (const e of c.namedChildren) {
    out += t.slice(pos, e.startIndex - base);
    out += e.type === 'escape_sequence' ? decodeEscape(e.text) : e.type === 'escape_interpolation' ? e.text[0] : e.text;
    pos = e.endIndex - base;
  }
  return out + t.slice(pos);
}

/** Value of a plain (non-bytes, no placeholders) string literal node, else undefined. */
export function plainString(n: Node | null | undefined): string | undefined {
  if (!n || n.type !== 'string') return undefined;
  const prefix = stringPrefix(n);
  if (prefix.includes('b')) return undefined;
  const raw = prefix.includes('r');
  let out = '';
  for (const c of n.namedChildren) {
    if (c.type === 'interpolation') return undefined;
    if (c.type === 'string_content') out += contentValue(c, raw);
  }
  return out;
}

/** Value of a string or implicitly concatenated string made of plain literals. */
function stringValue(n: Node | null | undefined): string | undefined {
  if (!n) return undefined;
  if (n.type === 'string') return plainString(n);
  if (n.type === 'concatenated_string') {
    let out = '';
    for (const p of named(n)) {
      const v = plainString(p);
      if (v === undefined) return undefined;
      out += v;
    }
    return out;
  }
  return undefined;
}

function isTypeChecking(cond: Node | null): boolean {
  if (!cond) return false;
  if (cond.type === 'identifier') return cond.text === 'TYPE_CHECKING';
  if (cond.type === 'attribute') return field(cond, 'attribute')?.text === 'TYPE_CHECKING';
  return false;
}

const IMPORT_ERRORS = new Set(['ImportError', 'ModuleNotFoundError', 'Exception', 'BaseException']);
const ATTRIBUTE_ERRORS = new Set(['AttributeError', 'Exception', 'BaseException']);
/** What `from m import missing_name` raises (ImportError; ModuleNotFoundError is only its subclass for a missing module). */
const NAME_ERRORS = new Set(['ImportError', 'Exception', 'BaseException']);

/** Does a try statement have a handler for one of these exception names (or a bare `except`)? */
function catchesAny(tryNode: Node, errors: ReadonlySet<string>): boolean {
  for (const clause of tryNode.namedChildren) {
    if (clause.type !== 'except_clause' && clause.type !== 'except_group_clause') continue;
    const value = field(clause, 'value') ?? named(clause).find((c) => c.type !== 'block') ?? null;
    if (!value) return true; // bare except
    const names: string[] = [];
    const collect = (n: Node): void => {
      if (n.type === 'as_pattern_target') return;
      if (n.type === 'identifier' || n.type === 'attribute') {
        names.push(lastSegment(n.text));
        return;
      }
      for (const c of named(n)) collect(c);
    };
    collect(value);
    if (names.some((x) => errors.has(x))) return true;
  }
  return false;
}

/** Does a with statement suppress one of these exceptions (`with suppress(ImportError):`, `contextlib.suppress(...)`)? */
function suppresses(withNode: Node, errors: ReadonlySet<string>): boolean {
  const clause = named(withNode).find((c) => c.type === 'with_clause');
  for (const item of clause ? named(clause) : []) {
    if (item.type !== 'with_item') continue;
    const value = field(item, 'value');
    const call = value?.type === 'as_pattern' ? named(value)[0] : value;
    if (call?.type !== 'call' || lastSegment(field(call, 'function')?.text ?? '') !== 'suppress') continue;
    if (named(field(call, 'arguments') ?? call).some((a) => errors.has(lastSegment(a.text)))) return true;
  }
  return false;
}

/** The attributes an expression asks `variable` for (`hasattr(variable, "x")`, `getattr(variable, "x", default)`). */
function probes(expr: Node, variable: string): string[] {
  const calls = expr.type === 'call' ? [expr] : expr.descendantsOfType('call');
  const out: string[] = [];
  for (const c of calls) {
    const fn = field(c, 'function')?.text;
    const args = named(field(c, 'arguments') ?? c);
    if (args[0]?.type !== 'identifier' || args[0].text !== variable) continue;
    if (fn !== 'hasattr' && !(fn === 'getattr' && args.length > 2)) continue;
    const name = stringValue(args[1]);
    if (name !== undefined) out.push(name);
  }
  return out;
}

/** Does a test hold a `not` (then its branches mean the opposite, and are not read as guards)? */
function negated(cond: Node): boolean {
  return cond.type === 'not_operator' || cond.descendantsOfType('not_operator').length > 0;
}

/** Does a condition ask whether a module can be found (`importlib.util.find_spec(...)`)? */
function findsSpec(cond: Node | null): boolean {
  const isCall = (n: Node | null | undefined) => n?.type === 'call' && lastSegment(field(n, 'function')?.text ?? '') === 'find_spec';
  if (!cond) return false;
  // `if find_spec(...):` or `if find_spec(...) is not None:`, the branch where the module exists.
  if (isCall(cond)) return true;
  if (cond.type !== 'comparison_operator') return false;
  const parts = named(cond);
  return parts.length === 2 && isCall(parts[0]) && parts[1].type === 'none' && cond.children.some((c) => c.type === 'is not');
}

/** `if __name__ == "__main__":` (either way round): its block runs when the file is run as a script, never when it is imported. */
function isMainCheck(cond: Node | null): boolean {
  if (cond?.type !== 'comparison_operator') return false;
  const parts = named(cond);
  if (parts.length !== 2 || !cond.children.some((c) => c.type === '==')) return false;
  const texts = parts.map((p) => (p.type === 'identifier' ? p.text : stringValue(p)));
  return texts.includes('__name__') && texts.includes('__main__');
}

interface Context {
  scope: 'module' | 'function' | 'class';
  guard: Guard;
  /** Under a non-TYPE_CHECKING `if` at module level. */
  inIf: boolean;
  /** Under any if/try/with/for/while block at module level (the TYPE_CHECKING branch too). */
  inBlock: boolean;
  /** A handler around it catches what a missing imported name raises (ImportError or broader), not only ModuleNotFoundError. */
  namesGuarded: boolean;
}

function contextOf(node: Node): Context {
  const pairs: [Node, Node][] = [];
  for (let child = node, p = node.parent; p; child = p, p = p.parent) pairs.push([p, child]);
  pairs.reverse();
  const ctx: Context = { scope: 'module', guard: 'none', inIf: false, inBlock: false, namesGuarded: false };
  for (const [parent, ch] of pairs) {
    const atModule = ctx.scope === 'module';
    switch (parent.type) {
      case 'function_definition':
        if (same(field(parent, 'body'), ch)) ctx.scope = 'function';
        break;
      case 'lambda':
        if (same(field(parent, 'body'), ch)) ctx.scope = 'function';
        break;
      case 'class_definition':
        if (same(field(parent, 'body'), ch) && ctx.scope !== 'function') ctx.scope = 'class';
        break;
      case 'if_statement': {
        const tc = isTypeChecking(field(parent, 'condition'));
        if (same(field(parent, 'consequence'), ch)) {
          if (tc) {
            ctx.guard = 'type-checking';
            if (atModule) ctx.inBlock = true;
          } else if (atModule && isMainCheck(field(parent, 'condition'))) {
            if (ctx.guard !== 'type-checking') ctx.guard = 'main';
            ctx.inIf = ctx.inBlock = true;
          } else if (findsSpec(field(parent, 'condition'))) {
            // `if importlib.util.find_spec("plugins.billing") is not None:` the import is optional.
            if (ctx.guard === 'none') ctx.guard = 'optional';
            if (atModule) ctx.inIf = ctx.inBlock = true;
          } else if (atModule) {
            ctx.inIf = ctx.inBlock = true;
          }
        } else if (ch.type === 'elif_clause' || (ch.type === 'else_clause' && !tc)) {
          if (atModule) ctx.inIf = ctx.inBlock = true;
        }
        break;
      }
      case 'try_statement':
        if (ctx.guard === 'none' && same(field(parent, 'body'), ch) && catchesAny(parent, IMPORT_ERRORS)) ctx.guard = 'optional';
        if (same(field(parent, 'body'), ch) && catchesAny(parent, NAME_ERRORS)) ctx.namesGuarded = true;
        if (atModule && ch.type !== 'comment') ctx.inBlock = true;
        break;
      case 'with_statement':
        if (ctx.guard === 'none' && same(field(parent, 'body'), ch) && suppresses(parent, IMPORT_ERRORS)) ctx.guard = 'optional';
        if (same(field(parent, 'body'), ch) && suppresses(parent, NAME_ERRORS)) ctx.namesGuarded = true;
        if (atModule && same(field(parent, 'body'), ch)) ctx.inBlock = true;
        break;
      case 'for_statement':
      case 'while_statement':
        if (atModule && (same(field(parent, 'body'), ch) || ch.type === 'else_clause')) ctx.inBlock = true;
        break;
    }
  }
  return ctx;
}

/** Quick test: is the node inside a def, class or lambda (decorators and defaults included)? */
function insideDefOrClass(node: Node): boolean {
  for (let p = node.parent; p; p = p.parent) if (SCOPE_TYPES.has(p.type)) return true;
  return false;
}

/** The nearest function definition around a node. */
function enclosingFunction(n: Node): Node | undefined {
  for (let p = n.parent; p; p = p.parent) if (p.type === 'function_definition') return p;
  return undefined;
}

/** A function's parameter names, in order (`*args` and `**kwargs` left out). */
function parameterNames(fn: Node): string[] {
  const out: string[] = [];
  for (const p of named(field(fn, 'parameters') ?? fn)) {
    if (p.type === 'identifier') out.push(p.text);
    else if (p.type === 'typed_parameter') {
      const id = named(p).find((c) => c.type === 'identifier');
      if (id) out.push(id.text);
    } else if (p.type === 'default_parameter' || p.type === 'typed_default_parameter') {
      const name = field(p, 'name');
      if (name) out.push(name.text);
    }
  }
  return out;
}

/** The statement node containing an expression (the expression_statement, or the node itself). */
function statementOf(n: Node): Node {
  let s = n;
  while (s.parent && (s.parent.type === 'expression_statement' || s.parent.type === 'assignment')) s = s.parent;
  return s;
}

function argFacts(args: Node[]): ArgFact[] {
  return args.map((a) => {
    const value = a.type === 'keyword_argument' ? field(a, 'value') : a;
    const dotted = value ? dottedName(value) : undefined;
    return {
      ...(a.type === 'keyword_argument' ? { name: field(a, 'name')?.text ?? '' } : {}),
      value: value?.text ?? '',
      names: value ? readNames(value) : [],
      ...(dotted !== undefined ? { dotted } : {}),
    };
  });
}

/** The free names an expression reads: identifiers that are not attribute names or keyword names. */
function readNames(expr: Node): string[] {
  const out = new Set<string>();
  const visit = (n: Node) => {
    if (n.type === 'identifier') {
      const p = n.parent;
      const isAttr = p?.type === 'attribute' && same(field(p, 'attribute'), n);
      const isKeyword = p?.type === 'keyword_argument' && same(field(p, 'name'), n);
      if (!isAttr && !isKeyword) out.add(n.text);
      return;
    }
    for (const c of named(n)) visit(c);
  };
  visit(expr);
  return [...out];
}

function splitArgs(argList: Node | null): { positional: Node[]; keywords: Map<string, Node>; all: Node[] } {
  const all = argList ? named(argList) : [];
  const positional: Node[] = [];
  const keywords = new Map<string, Node>();
  for (const a of all) {
    if (a.type === 'keyword_argument') {
      const k = field(a, 'name')?.text;
      const v = field(a, 'value');
      if (k && v) keywords.set(k, v);
    } else if (a.type !== 'list_splat' && a.type !== 'dictionary_splat') positional.push(a);
  }
  return { positional, keywords, all };
}

function kwargsText(argList: Node | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of splitArgs(argList).keywords) out[k] = v.text;
  return out;
}

/** Identifiers bound by an assignment/for target (`a`, `a, b`, `[a, *b]`); attributes/subscripts bind nothing. */
function targetNames(t: Node): Node[] {
  switch (t.type) {
    case 'identifier':
      return [t];
    case 'pattern_list':
    case 'tuple_pattern':
    case 'list_pattern':
    case 'tuple':
    case 'list':
    case 'expression_list':
    case 'parenthesized_expression':
    case 'list_splat_pattern':
      return named(t).flatMap(targetNames);
    default:
      return [];
  }
}

// ---------------------------------------------------------------------------
// Module-path resolution

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

type Binding =
  | { kind: 'assign'; right: Node }
  | { kind: 'for'; target: Node; iter: Node }
  | { kind: 'param'; fn: Node; index: number; name: string; dflt: Node | null };

/** Where a binding takes effect: the assignment or walrus, or a loop's target (its body runs after it); undefined for a parameter (on entry). */
function bindingNode(b: Binding): Node | undefined {
  if (b.kind === 'assign') return b.right.parent ?? undefined;
  if (b.kind === 'for') return b.target;
  return undefined;
}

const within = (inner: Node, outer: Node) => outer.startIndex <= inner.startIndex && inner.endIndex <= outer.endIndex;

/**
 * The bindings of `name` (all of one scope) that can reach `use` in that scope: a small reaching-
 * definitions test for structured code, so that a name reused for two things in one function is
 * not read as both at each use (`for p in ROUTERS: ... "router"` then `for p in HANDLERS: ...
 * "handler"`; `module = import_module(a); module.router` then `module = import_module(b);
 * module.register()`). A binding does not reach the use when
 * - it comes after the use, with no loop around both; or
 * - a later binding comes on every path to the use: a plain `name = ...` statement earlier in a
 *   block around the use, or the `for` loop binding the name whose body holds the use.
 * Anything else (a binding in an `if`, a `try`, a loop that may not run) may reach it, and counts.
 */
function reaching(binds: Binding[], name: string, use: Node, scope: Node): Binding[] {
  const loops: Node[] = [];
  const killers: Node[] = [];
  for (let child = use, p = use.parent; p; child = p, p = p.parent) {
    if (p.type === 'for_statement' || p.type === 'while_statement') {
      loops.push(p);
      const left = field(p, 'left');
      if (p.type === 'for_statement' && left && same(field(p, 'body'), child) && targetNames(left).some((t) => t.text === name)) killers.push(left);
    } else if (p.type === 'block' || p.type === 'module') {
      for (const st of p.namedChildren) {
        if (st.endIndex > child.startIndex) break;
        const a = st.type === 'expression_statement' ? st.firstNamedChild : null;
        // (`x: int` alone binds nothing: an assignment needs its right side.)
        if (a?.type === 'assignment' && field(a, 'right') && field(a, 'left')?.type === 'identifier' && field(a, 'left')!.text === name) killers.push(a);
      }
    }
    if (same(p, scope)) break;
  }
  return binds.filter((b) => {
    const n = bindingNode(b);
    if (!n) return !killers.length;
    if (n.endIndex > use.startIndex) return loops.some((l) => within(n, l));
    return !killers.some((k) => !same(k, n) && k.startIndex >= n.endIndex);
  });
}

/**
 * The `for` loop around `use` (in its scope) whose target binds `name`: its iterable, and the name's
 * place in the target (0 for a plain name, i for the i-th of a tuple `for cls, options in ...`).
 */
function enclosingLoop(name: Node, use: Node): { iterable: Node; index: number; plain: boolean } | undefined {
  if (name.type !== 'identifier') return undefined;
  for (let child = use, p = use.parent; p && !SCOPE_TYPES.has(p.type); child = p, p = p.parent) {
    if (p.type !== 'for_statement' || !same(field(p, 'body'), child)) continue;
    const left = field(p, 'left');
    const right = field(p, 'right');
    if (!left || !right) continue;
    if (left.type === 'identifier') {
      if (left.text === name.text) return { iterable: right, index: 0, plain: true };
      continue;
    }
    const index = named(left).findIndex((t) => t.type === 'identifier' && t.text === name.text);
    if (index >= 0) return { iterable: right, index, plain: false };
  }
  return undefined;
}

/** A dotted name (`a`, `a.b.c`, however spaced) as text without spaces; undefined for any other expression. */
function dottedName(n: Node): string | undefined {
  if (n.type === 'identifier') return n.text;
  if (n.type !== 'attribute') return undefined;
  const object = field(n, 'object');
  const attr = field(n, 'attribute');
  const head = object ? dottedName(object) : undefined;
  return head && attr ? `${head}.${attr.text}` : undefined;
}

/** A loop's iterable as a fact: a dict view (`HANDLERS.items()`) is split into the dict and the view. */
function loopSource(loop: { iterable: Node; index: number }): LoopSource {
  const it = loop.iterable;
  const f = it.type === 'call' ? field(it, 'function') : null;
  const view = f?.type === 'attribute' ? field(f, 'attribute')?.text : undefined;
  if (f && (view === 'items' || view === 'values' || view === 'keys') && named(field(it, 'arguments') ?? it).length === 0)
    return { iterable: field(f, 'object')?.text ?? it.text, view, index: loop.index };
  return { iterable: it.text, index: loop.index };
}

/**
 * The elements a loop variable takes at `use`, when `name` is the target of a `for` loop around
 * it over a list, tuple or set literal: `for r in (users.router, orders.router): ...`.
 */
function loopElements(name: Node, use: Node): Node[] | undefined {
  const loop = enclosingLoop(name, use);
  return loop?.plain && ['list', 'tuple', 'set'].includes(loop.iterable.type) ? named(loop.iterable) : undefined;
}

/** Calls that take the app and register nothing on it: servers, adapters, builtins. */
const NOT_CONFIGURING = new Set(['Mangum', 'run', 'serve', 'TestClient', 'print', 'isinstance', 'id', 'repr', 'str', 'type', 'len', 'getattr', 'hasattr', 'vars', 'dir']);

/** Words one of which every pattern of queries/python/app.scm needs in the source. */

const MAX_DEPTH = 8;
const MAX_EXPANSIONS = 256;

class Extractor {
  private readonly modulePathFacts: ModulePathFact[] = [];
  private unknownRouterImports: Span[] | undefined;
  private calls: Node[] | undefined;
  private importlibAliases = new Set<string>(['importlib']);
  /** `from importlib import import_module as load`: names that call import_module under another name. */
  private importModuleAliases = new Set<string>();
  private factoryCallsCache?: FactoryCallFact[];
  private allMatches?: Map<QueryName, Match[]>;

  constructor(
    private readonly text: string,
    private readonly root: Node,
  ) {}

  /** Matches of one query file (every file is matched in one or two walks of the tree, on first use: see queries.ts). */
  private matches(name: QueryName): Match[] {
    this.allMatches ??= pythonMatches(this.root, this.text);
    return this.allMatches.get(name)!;
  }

  /** Does the source text contain any of these words? A cheap test that skips the extractor's own work for facts no pattern can give. */
  private mentions(words: readonly string[]): boolean {
    return words.some((w) => this.text.includes(w));
  }

  run(): FileFacts {
    const imports = this.imports();
    for (const { fact } of imports) {
      if (fact.kind !== 'from' || fact.module !== 'importlib' || fact.level !== 0) continue;
      for (const n of fact.names) if (n.name === 'import_module' && n.alias) this.importModuleAliases.add(n.alias);
    }
    const { definitions, hasModuleGetattr } = this.definitions(imports);
    const app = this.appFacts();
    const models = this.models();
    const syntax = this.syntax();
    return {
      imports: imports.map((i) => i.fact),
      definitions,
      all: this.dunderAll(),
      hasModuleGetattr,
      apps: app.apps,
      setupFunctions: app.setupFunctions,
      factoryCalls: this.factoryCallFacts(),
      middleware: app.middleware,
      routers: app.routers,
      hooks: app.hooks,
      adapters: app.adapters,
      modulePaths: this.modulePaths(),
      ...(this.unknownRouterImports ? { unknownRouterImports: this.unknownRouterImports } : {}),
      ...this.sysPathChanges(),
      classes: models.classes,
      baseFactories: models.baseFactories,
      suppressions: syntax.suppressions,
      parseProblems: syntax.problems,
    };
  }

  // ----- imports ----------------------------------------------------------

  private imports(): ImportRecord[] {
    const out: ImportRecord[] = [];
    for (const { captures } of this.matches('imports')) {
      const stmt = captures.get('import') ?? captures.get('from') ?? captures.get('future');
      if (!stmt) continue;
      const ctx = contextOf(stmt);
      // In a module-level function the module itself calls at its top (`def _register_models(): import
      // models.cme` then `_register_models()`), the import runs when the module is imported.
      const fn = ctx.scope === 'function' ? enclosingFunction(stmt) : undefined;
      const runsAtImport = fn !== undefined && contextOf(fn).scope === 'module' && this.moduleLevelCall(fn) !== undefined;
      const base = {
        ...spanOf(stmt),
        guard: ctx.guard,
        scope: ctx.scope,
        conditional: ctx.inIf,
        ...(runsAtImport ? { runsAtImport: true } : {}),
        ...(ctx.guard === 'optional' && !ctx.namesGuarded ? { missingNameRaises: true } : {}),
      };
      if (stmt.type === 'import_statement') {
        for (const child of stmt.namedChildren) {
          let dotted: Node | null = null;
          let alias: Node | null = null;
          if (child.type === 'dotted_name') dotted = child;
          else if (child.type === 'aliased_import') {
            dotted = field(child, 'name');
            alias = field(child, 'alias');
          }
          if (!dotted) continue;
          const module = dottedText(dotted);
          if (module === 'importlib' && alias) this.importlibAliases.add(alias.text);
          const first = dotted.namedChildren[0] ?? dotted;
          out.push({
            fact: { ...base, kind: 'import', module, level: 0, moduleSpan: spanOf(dotted), ...(alias ? { alias: alias.text } : {}), names: [] },
            bindings: [alias ? binding(alias.text, alias) : binding(first.text, first)],
            inBlock: ctx.inBlock,
          });
        }
      } else if (stmt.type === 'import_from_statement' || stmt.type === 'future_import_statement') {
        let module = '__future__';
        let level = 0;
        let moduleSpan: Span = spanOf(stmt);
        const moduleNode = field(stmt, 'module_name');
        if (moduleNode) {
          moduleSpan = spanOf(moduleNode);
          if (moduleNode.type === 'relative_import') {
            const prefix = moduleNode.namedChildren.find((c) => c.type === 'import_prefix');
            level = prefix ? [...prefix.text].filter((ch) => ch === '.').length : 0;
            const d = moduleNode.namedChildren.find((c) => c.type === 'dotted_name');
            module = d ? dottedText(d) : '';
          } else module = dottedText(moduleNode);
        } else {
          for (let i = 0; i < stmt.childCount; i++) {
            const c = stmt.child(i);
            if (c && c.type === '__future__') moduleSpan = spanOf(c);
          }
        }
        const names: ImportedName[] = [];
        const bindings: ImportRecord['bindings'] = [];
        // The imported names are the statement's `name` fields (`from __future__` too); `*` is the one child that is not.
        const nameNodes = stmt.childrenForFieldName('name');
        if (!nameNodes.length) {
          const star = named(stmt).find((c) => c.type === 'wildcard_import');
          if (star) names.push({ name: '*', ...spanOf(star) });
        }
        for (const c of nameNodes) {
          if (c.type === 'dotted_name') {
            const name = dottedText(c);
            const span = spanOf(c);
            names.push({ name, ...span });
            bindings.push({ name, span, at: c.startIndex });
          } else if (c.type === 'aliased_import') {
            const n = field(c, 'name');
            const a = field(c, 'alias');
            if (!n) continue;
            const name = dottedText(n);
            names.push({ name, ...(a ? { alias: a.text } : {}), ...spanOf(c) });
            bindings.push(a ? binding(a.text, a) : binding(name, n));
          }
        }
        out.push({
          fact: { ...base, kind: 'from', module, level, moduleSpan, names },
          bindings: stmt.type === 'future_import_statement' ? [] : bindings,
          inBlock: ctx.inBlock,
        });
      }
    }
    return out;
  }

  // ----- definitions ------------------------------------------------------

  private definitions(imports: ImportRecord[]): {
    definitions: DefinitionFact[];
    hasModuleGetattr: boolean;
  } {
    const defs: { at: number; fact: DefinitionFact }[] = [];
    let hasModuleGetattr = false;
    for (const { captures } of this.matches('definitions')) {
      const cls = captures.get('class');
      const fn = captures.get('function');
      const glob = captures.get('global');
      const stmt = cls ?? fn ?? glob ?? captures.get('assignment') ?? captures.get('augmented') ?? captures.get('walrus') ?? captures.get('for') ?? captures.get('with');
      if (!stmt) continue;
      if (!glob && !cls && !fn && insideDefOrClass(stmt)) continue;
      const ctx = contextOf(stmt);
      if (glob) {
        const name = captures.get('name');
        if (ctx.scope === 'function' && name)
          defs.push({ at: name.startIndex, fact: { name: name.text, kind: 'global', conditional: false, ...spanOf(name) } });
        continue;
      }
      if (ctx.scope !== 'module') continue;
      const conditional = ctx.inBlock;
      if (cls || fn) {
        const name = captures.get('name');
        if (!name) continue;
        const fact: DefinitionFact = { name: name.text, kind: cls ? 'class' : 'function', conditional, ...spanOf(name) };
        if (cls) fact.bases = splitArgs(field(cls, 'superclasses')).positional.map((b) => b.text);
        if (fn && name.text === '__getattr__') hasModuleGetattr = true;
        defs.push({ at: name.startIndex, fact });
        continue;
      }
      let target = captures.get('target');
      if (target?.type === 'as_pattern_target') target = named(target)[0];
      if (!target) continue;
      // `CompressionMiddleware = GZipMiddleware`, `Model = db.Model`: an alias of another name.
      const right = stmt.type === 'assignment' && target.type === 'identifier' ? field(stmt, 'right') : null;
      const alias = right ? dottedName(right) : undefined;
      for (const id of targetNames(target))
        defs.push({ at: id.startIndex, fact: { name: id.text, kind: 'assignment', ...(alias ? { alias } : {}), conditional, ...spanOf(id) } });
    }
    for (const imp of imports) {
      // An import only type checkers read, or one that runs only as a script, binds nothing on import.
      if (imp.fact.scope !== 'module' || imp.fact.guard === 'type-checking' || imp.fact.guard === 'main') continue;
      for (const b of imp.bindings)
        defs.push({ at: b.at, fact: { name: b.name, kind: 'import', conditional: imp.inBlock, ...b.span } });
    }
    defs.sort((a, b) => a.at - b.at);
    // `__getattr__ = _lazy_attr` or `from ._lazy import __getattr__` serve attributes as a `def` does.
    if (defs.some((d) => d.fact.name === '__getattr__' && d.fact.kind !== 'global')) hasModuleGetattr = true;
    // Names written into the module's namespace at run time (`globals().update(DEFAULTS)`,
    // `globals()[name] = value`) cannot be listed: the module may provide any name, as with __getattr__.
    if (!hasModuleGetattr && this.text.includes('globals()'))
      for (const st of this.moduleStatements()) {
        if (st.type !== 'expression_statement') continue;
        const e = st.firstNamedChild;
        const target = e?.type === 'call' ? field(e, 'function') : e?.type === 'assignment' ? field(e, 'left') : null;
        const object = target?.type === 'attribute' || target?.type === 'subscript' ? field(target, target.type === 'attribute' ? 'object' : 'value') : null;
        if (object?.type === 'call' && field(object, 'function')?.text === 'globals' && named(field(object, 'arguments') ?? object).length === 0) hasModuleGetattr = true;
      }
    return { definitions: defs.map((d) => d.fact), hasModuleGetattr };
  }

  /** Statements at module level, including those nested in if/try/with/for/while blocks (not in defs/classes). */
  private *moduleStatements(block: Node = this.root): Generator<Node> {
    for (const s of named(block)) {
      if (SCOPE_TYPES.has(s.type) || s.type === 'decorated_definition') {
        yield s;
        continue;
      }
      yield s;
      for (const c of named(s)) {
        if (c.type === 'block') yield* this.moduleStatements(c);
        else if (['else_clause', 'elif_clause', 'except_clause', 'except_group_clause', 'finally_clause'].includes(c.type)) {
          for (const b of named(c)) if (b.type === 'block') yield* this.moduleStatements(b);
        }
      }
    }
  }

  private dunderAll(): string[] | null {
    if (!this.mentions(['__all__'])) return null;
    let all: string[] | null = null;
    let broken = false;
    const literalList = (n: Node | null): string[] | undefined => {
      if (!n || (n.type !== 'list' && n.type !== 'tuple')) return undefined;
      const out: string[] = [];
      for (const e of named(n)) {
        const v = stringValue(e);
        if (v === undefined) return undefined;
        out.push(v);
      }
      return out;
    };
    for (const s of this.moduleStatements()) {
      if (s.type !== 'expression_statement') continue;
      const e = s.namedChildren[0];
      if (!e) continue;
      if (e.type === 'assignment' && field(e, 'left')?.text === '__all__') {
        const v = literalList(field(e, 'right'));
        if (v) {
          all = v;
          broken = false;
        } else broken = true;
      } else if (e.type === 'augmented_assignment' && field(e, 'left')?.text === '__all__') {
        const v = literalList(field(e, 'right'));
        if (v && all) all = [...all, ...v];
        else broken = true;
      } else if (e.type === 'call') {
        const fn = field(e, 'function');
        if (fn?.type !== 'attribute' || field(fn, 'object')?.text !== '__all__') continue;
        const method = field(fn, 'attribute')?.text;
        const { positional } = splitArgs(field(e, 'arguments'));
        if (method === 'extend') {
          const v = literalList(positional[0] ?? null);
          if (v && all) all = [...all, ...v];
          else broken = true;
        } else if (method === 'append') {
          const v = stringValue(positional[0]);
          if (v !== undefined && all) all = [...all, v];
          else broken = true;
        }
      }
    }
    return broken ? null : all;
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
    if (!this.mentions(queryWords('app'))) return { apps, setupFunctions: [], middleware: [], routers, hooks: [], adapters };
    const matches = this.matches('app');
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
          const caller = appVars.has(receiver.text) && this.seesModuleName(fn, receiver.text) ? this.moduleLevelCall(fn) : undefined;
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
    for (const call of this.allCalls()) {
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

  private allCalls(): Node[] {
    return (this.calls ??= this.root.descendantsOfType('call'));
  }

  private callIndex?: Map<string, { call: Node; attribute: boolean }[]>;

  /** The calls of a function by its name: `name(...)` and `x.name(...)` (one pass over the file's calls, on first use). */
  private callsNamed(name: string): { call: Node; attribute: boolean }[] {
    if (!this.callIndex) {
      this.callIndex = new Map();
      for (const call of this.allCalls()) {
        const f = field(call, 'function');
        const key = f?.type === 'identifier' ? f.text : f?.type === 'attribute' ? field(f, 'attribute')?.text : undefined;
        if (key === undefined) continue;
        pushTo(this.callIndex, key, { call, attribute: f!.type === 'attribute' });
      }
    }
    return this.callIndex.get(name) ?? [];
  }

  /** Module-level `X = f(...)` whose callee is not an app class or an adapter (computed once). */
  private factoryCallFacts(): FactoryCallFact[] {
    if (this.factoryCallsCache) return this.factoryCallsCache;
    const out: FactoryCallFact[] = [];
    for (const stmt of named(this.root)) {
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
    if (!this.mentions(queryWords('module-paths'))) return [];
    const seen = new Map<string, ModulePathFact>();
    for (const { captures } of this.matches('module-paths')) {
      const call = captures.get('call');
      const obj = captures.get('object');
      if (!call) continue;
      if (obj && !this.importlibAliases.has(obj.text)) continue;
      this.modulePathCall(call, captures.get('function')?.text, captures.get('args') ?? null, seen);
    }
    // import_module imported under another name: the query cannot know the name; follow those calls too.
    if (this.importModuleAliases.size) {
      for (const call of this.allCalls()) {
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
    const scope = this.scopeOf(call);
    const binds = arg.type === 'identifier' && scope.type === 'function_definition' ? this.bindingsIn(scope, arg.text) : [];
    const param = binds.length === 1 && binds[0].kind === 'param' ? binds[0] : undefined;
    const groups: { values: Value[]; read: { attributes: string[]; optional: string[] } }[] = param
      ? this.paramArgs(param).map(({ caller, arg: given }) => {
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
      if (!loadsRouters && fn) this.walkScope(fn, (n) => {
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
      (optional || this.attributeErrorHandled(read, variable, s) ? guarded : needed).add(s);
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
      const scope = this.scopeOf(call);
      // Only the reads this assignment reaches: `module` may be bound again to another import.
      const binds = this.bindingsIn(scope, variable);
      const reaches = (use: Node) => binds.length < 2 || reaching(binds, variable, use, scope).some((b) => same(bindingNode(b), parent));
      for (const n of this.scopeIndex(scope).reads.get(variable) ?? []) {
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
        if (fn) this.walkScope(fn, (n) => {
          if (n.type === 'return_statement' && named(n)[0]?.type === 'identifier' && named(n)[0].text === variable) returns = true;
        });
        if (returns && fnName) for (const { call: c } of this.callsNamed(fnName)) fromCaller(c);
      }
    } else if (parent.type === 'return_statement' && depth === 0) {
      const fn = this.scopeOf(call);
      const fnName = fn.type === 'function_definition' ? field(fn, 'name')?.text : undefined;
      if (fnName) for (const { call: c } of this.callsNamed(fnName)) fromCaller(c);
    }
    return { attributes: out, optional: out.filter((a) => guarded.has(a) && !needed.has(a)) };
  }

  /** Is a read in the body of a `try` (in its own scope) that handles AttributeError, Exception or everything, or of a `with suppress(AttributeError)`? */
  private attributeErrorHandled(read: Node, variable?: string, attr?: string): boolean {
    for (let child = read, p = read.parent; p; child = p, p = p.parent) {
      if (SCOPE_TYPES.has(p.type)) return false;
      if (p.type === 'try_statement' && same(field(p, 'body'), child) && catchesAny(p, ATTRIBUTE_ERRORS)) return true;
      if (p.type === 'with_statement' && same(field(p, 'body'), child) && suppresses(p, ATTRIBUTE_ERRORS)) return true;
      if (variable === undefined || attr === undefined) continue;
      // A test that probes the module: `if hasattr(module, "router"): module.router` reads only
      // what it found; `if hasattr(module, "get_router"): ... else: module.router` and
      // `getattr(module, "router", None) or module.build_router()` read another attribute only
      // when the first is missing. Any other test guards nothing.
      let cond: Node | null = null;
      let branch: 'then' | 'else' | undefined;
      if (p.type === 'if_statement') {
        cond = field(p, 'condition');
        branch = same(field(p, 'consequence'), child) ? 'then' : child.type === 'else_clause' || child.type === 'elif_clause' ? 'else' : undefined;
      } else if (p.type === 'conditional_expression') {
        const [a, c, b] = named(p);
        cond = c ?? null;
        branch = same(a, child) ? 'then' : same(b, child) ? 'else' : undefined;
      } else if (p.type === 'boolean_operator' && field(p, 'operator')?.text === 'or' && same(field(p, 'right'), child)) {
        cond = field(p, 'left');
        branch = 'else';
      }
      if (!cond || !branch) continue;
      const probed = probes(cond, variable);
      if (branch === 'then' && probed.includes(attr) && !negated(cond)) return true;
      if (branch === 'else' && probed.some((x) => x !== attr) && !negated(cond)) return true;
    }
    return false;
  }


  /** The function (or lambda, or class body) whose local scope `node` is in, or the module. */
  private scopeOf(node: Node): Node {
    for (let child = node, p = node.parent; p; child = p, p = p.parent) {
      if ((p.type === 'function_definition' || p.type === 'lambda' || p.type === 'class_definition') && same(field(p, 'body'), child)) return p;
    }
    return this.root;
  }

  /** Visit nodes of a scope without descending into nested functions, classes or lambdas. */
  private walkScope(scope: Node, visit: (n: Node) => void): void {
    const start = scope.type === 'module' ? scope : field(scope, 'body');
    if (!start) return;
    const stack: Node[] = [start];
    let first = true;
    while (stack.length) {
      const n = stack.pop() as Node;
      if (first) first = false; // the scope's own node (or body) is not visited
      else visit(n);
      // One call for all children (not one per child); a string's start, content and end hold
      // nothing bound or called, only its interpolations do.
      const children = n.namedChildren;
      const isString = n.type === 'string';
      for (let i = children.length - 1; i >= 0; i--) {
        const c = children[i];
        if (isString && c.type !== 'interpolation') continue;
        if (SCOPE_TYPES.has(c.type)) {
          // a nested def's decorators/defaults are in this scope, its body is not
          for (const sub of named(c)) if (sub.type === 'decorator') stack.push(sub);
          const params = field(c, 'parameters');
          if (params) stack.push(params);
          if (c.type === 'class_definition') {
            const sup = field(c, 'superclasses');
            if (sup) stack.push(sup);
          }
          continue;
        }
        stack.push(c);
      }
    }
  }

  private readonly scopeIndexes = new Map<number, { bindings: Map<string, Binding[]>; reads: Map<string, Node[]> }>();

  /** Every binding of a scope by name, built once per scope (see scopeIndex). */
  private scopeBindings(scope: Node): Map<string, Binding[]> {
    return this.scopeIndex(scope).bindings;
  }

  /**
   * A scope's bindings, and the places it reads attributes of a name (`name.attr`: the attribute
   * node; `getattr(name, ...)`, `hasattr(name, ...)`: the call), by name, from one walk of the scope
   * on first use. A loader file with hundreds of `mN = import_module(...)` asks for each of them.
   */
  private scopeIndex(scope: Node): { bindings: Map<string, Binding[]>; reads: Map<string, Node[]> } {
    let index = this.scopeIndexes.get(scope.id);
    if (index) return index;
    const bindings = new Map<string, Binding[]>();
    const reads = new Map<string, Node[]>();
    this.walkScope(scope, (n) => {
      if (n.type === 'assignment') {
        const left = field(n, 'left');
        const right = field(n, 'right');
        if (left?.type === 'identifier' && right) pushTo(bindings, left.text, { kind: 'assign', right });
      } else if (n.type === 'named_expression') {
        const left = field(n, 'name');
        const value = field(n, 'value');
        if (left && value) pushTo(bindings, left.text, { kind: 'assign', right: value });
      } else if (n.type === 'for_statement') {
        const left = field(n, 'left');
        const right = field(n, 'right');
        if (left && right) for (const t of targetNames(left)) pushTo(bindings, t.text, { kind: 'for', target: left, iter: right });
      } else if (n.type === 'attribute') {
        const obj = field(n, 'object');
        if (obj?.type === 'identifier') pushTo(reads, obj.text, n);
      } else if (n.type === 'call') {
        const fn = field(n, 'function')?.text;
        if (fn !== 'getattr' && fn !== 'hasattr') return;
        const first = named(field(n, 'arguments') ?? n)[0];
        if (first?.type === 'identifier') pushTo(reads, first.text, n);
      }
    });
    this.scopeIndexes.set(scope.id, (index = { bindings, reads }));
    return index;
  }


  private bindingsIn(scope: Node, name: string): Binding[] {
    const out: Binding[] = [...(this.scopeBindings(scope).get(name) ?? [])];
    if (scope.type === 'function_definition') {
      const params = field(scope, 'parameters');
      let index = 0;
      for (const p of params ? named(params) : []) {
        let id: Node | null = null;
        let dflt: Node | null = null;
        if (p.type === 'identifier') id = p;
        else if (p.type === 'typed_parameter') id = named(p).find((c) => c.type === 'identifier') ?? null;
        else if (p.type === 'default_parameter' || p.type === 'typed_default_parameter') {
          id = field(p, 'name');
          dflt = field(p, 'value');
        } else if (p.type === 'list_splat_pattern' || p.type === 'dictionary_splat_pattern' || p.type === 'keyword_separator') {
          index = -1000;
          continue;
        }
        if (id?.text === name) out.push({ kind: 'param', fn: scope, index, name, dflt });
        index++;
      }
    }
    return out;
  }

  private resolveName(name: string, use: Node, depth: number): Value[] {
    if (depth > MAX_DEPTH) return [];
    const scope = this.scopeOf(use);
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
      let binds = this.bindingsIn(s, name);
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
    return fromScope(this.root) ?? [];
  }

  private resolveParam(b: Extract<Binding, { kind: 'param' }>, depth: number): Value[] {
    const out: Value[] = [];
    if (b.dflt) for (const v of this.resolveExpr(b.dflt, depth)) out.push(asVariable(v));
    if (depth > MAX_DEPTH) return out;
    for (const { arg } of this.paramArgs(b)) if (arg) for (const v of this.resolveExpr(arg, depth)) out.push(asVariable(v));
    return out;
  }


  /** Every call of a parameter's function in this file, with the argument it passes for that parameter (undefined: none, the default applies). */
  private readonly paramArgsCache = new Map<string, { caller: Node; arg: Node | undefined }[]>();

  private paramArgs(b: Extract<Binding, { kind: 'param' }>): { caller: Node; arg: Node | undefined }[] {
    const key = `${b.fn.id}:${b.name}`;
    const cached = this.paramArgsCache.get(key);
    if (cached) return cached;
    const out: { caller: Node; arg: Node | undefined }[] = [];
    this.paramArgsCache.set(key, out);
    const fnName = field(b.fn, 'name')?.text;
    if (!fnName) return out;
    const params = field(b.fn, 'parameters');
    const first = params ? named(params)[0] : undefined;
    const isMethod = this.scopeOf(b.fn).type === 'class_definition' && (first?.text === 'self' || first?.text === 'cls');
    for (const { call: c, attribute } of this.callsNamed(fnName)) {
      let index = b.index;
      if (!attribute) {
        if (isMethod) continue;
      } else if (isMethod) index--;
      else continue;
      const { positional, keywords } = splitArgs(field(c, 'arguments'));
      out.push({ caller: c, arg: keywords.get(b.name) ?? (index >= 0 ? positional[index] : undefined) });
    }
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
    const scope = this.scopeOf(use);
    const find = (s: Node) =>
      this.live(this.bindingsIn(s, name), name, use, s)
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
    return find(this.root).map((node) => withEntries(node, true, this.root));
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
    this.walkScope(scope, visit);
    if (scope.type === 'module') {
      // Functions, methods and class bodies where the name is the module's container.
      for (const fn of this.root.descendantsOfType(['function_definition', 'lambda', 'class_definition'])) {
        if (this.seesModuleName(fn, name)) this.walkScope(fn, visit);
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
    if (same(this.scopeOf(use), scope)) return reaching(binds, name, use, scope);
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

  /** Module-level statements that change the import path: `sys.path.insert(0, ...)`, `.append`, `.extend`, `sys.path[:0] = ...`, `site.addsitedir(...)`. */
  private sysPathChanges(): { sysPathChanges?: Span[] } {
    if (!this.text.includes('sys.path') && !this.text.includes('addsitedir')) return {};
    const out: Span[] = [];
    for (const st of this.moduleStatements()) {
      if (st.type !== 'expression_statement') continue;
      const guard = contextOf(st).guard;
      if (guard === 'main' || guard === 'type-checking') continue; // never runs on import
      const e = st.firstNamedChild;
      const isSysPath = (n: Node | null | undefined) =>
        n?.type === 'attribute' && field(n, 'object')?.type === 'identifier' && field(n, 'object')!.text === 'sys' && field(n, 'attribute')?.text === 'path';
      let changes = false;
      if (e?.type === 'call') {
        const f = field(e, 'function');
        const method = f?.type === 'attribute' ? field(f, 'attribute')?.text : f?.text;
        changes = (f?.type === 'attribute' && isSysPath(field(f, 'object')) && ['insert', 'append', 'extend'].includes(method ?? '')) || method === 'addsitedir';
      } else if (e?.type === 'assignment' || e?.type === 'augmented_assignment') {
        const left = field(e, 'left');
        changes = isSysPath(left) || (left?.type === 'subscript' && isSysPath(field(left, 'value')));
      }
      if (changes) out.push(spanOf(st));
    }
    return out.length ? { sysPathChanges: out } : {};
  }

  /** The first call of a module-level function made at module level (`_setup()`), if any. */
  private readonly moduleLevelCalls = new Map<number, Node | null>();

  private moduleLevelCall(fn: Node): Node | undefined {
    const known = this.moduleLevelCalls.get(fn.id);
    if (known !== undefined) return known ?? undefined;
    let found: Node | null = null;
    const name = field(fn, 'name')?.text;
    for (const { call: c, attribute } of name ? this.callsNamed(name) : []) {
      if (attribute || c.startIndex < fn.endIndex) continue;
      const ctx = contextOf(c);
      // Under `if __name__ == "__main__":` (or TYPE_CHECKING) the call never runs on import.
      if (ctx.scope === 'module' && ctx.guard !== 'main' && ctx.guard !== 'type-checking') {
        found = c;
        break;
      }
    }
    this.moduleLevelCalls.set(fn.id, found);
    return found ?? undefined;
  }

  /**
   * Does `name` in this scope mean the module's binding? Not when the scope binds it itself (with
   * `global`, it rebinds the module's: not followed), nor when a function around it does and the
   * scope does not declare it `global` (a closure's name is the enclosing function's). Class bodies
   * around a function are not its scope.
   */
  private seesModuleName(scope: Node, name: string): boolean {
    if (this.bindingsIn(scope, name).length) return false;
    if (this.declaresGlobal(scope, name)) return true;
    for (let p = scope.parent; p; p = p.parent) {
      if (p.type !== 'function_definition' && p.type !== 'lambda') continue;
      if (this.bindingsIn(p, name).length) return this.declaresGlobal(p, name);
      if (this.declaresGlobal(p, name)) return true;
    }
    return true;
  }

  private declaresGlobal(scope: Node, name: string): boolean {
    if (!this.text.includes('global')) return false;
    let found = false;
    this.walkScope(scope, (n) => {
      if (!found && n.type === 'global_statement') found = named(n).some((id) => id.text === name);
    });
    return found;
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

  // ----- SQLAlchemy ----------------------------------------------------------

  private models(): { classes: ClassFact[]; baseFactories: BaseFactoryFact[] } {
    const classes: ClassFact[] = [];
    const baseFactories: BaseFactoryFact[] = [];
    if (!this.mentions(['class', ...queryWords('models')])) return { classes, baseFactories };
    for (const { captures } of this.matches('models')) {
      const cls = captures.get('class');
      if (cls) {
        const name = captures.get('name');
        const body = captures.get('body');
        if (!name || !body || contextOf(cls).scope !== 'module') continue;
        classes.push(this.classFact(cls, name, body));
        // `@as_declarative()` makes the class itself a declarative base (the old FastAPI project template's `Base`).
        const decorated = cls.parent?.type === 'decorated_definition' ? cls.parent : null;
        for (const d of decorated ? named(decorated).filter((c) => c.type === 'decorator') : []) {
          const e = named(d)[0];
          const callee = e?.type === 'call' ? field(e, 'function') : e;
          if (callee && lastSegment(dottedName(callee) ?? '') === 'as_declarative') baseFactories.push({ variable: name.text, factory: 'declarative_base', ...spanOf(cls) });
        }
        continue;
      }
      const assign = captures.get('factory');
      const variable = captures.get('variable');
      const callee = captures.get('callee');
      if (!assign || !variable || !callee || contextOf(assign).scope !== 'module') continue;
      const last = captures.get('factoryName')!.text;
      const factory = last === 'declarative_base' ? 'declarative_base' : last === 'generate_base' ? 'generate_base' : 'flask_sqlalchemy';
      baseFactories.push({ variable: variable.text, factory, ...spanOf(assign) });
    }
    return { classes, baseFactories };
  }

  private classFact(cls: Node, name: Node, body: Node): ClassFact {
    const fact: ClassFact = {
      name: name.text,
      bases: splitArgs(field(cls, 'superclasses')).positional.map((b) => b.text),
      relationships: [],
      abstract: false,
      ...spanOf(name),
    };
    for (const stmt of named(body)) {
      if (stmt.type !== 'expression_statement') continue;
      const a = stmt.namedChildren[0];
      if (a?.type !== 'assignment') continue;
      const left = field(a, 'left');
      const right = field(a, 'right');
      if (left?.type !== 'identifier' || !right) continue;
      if (left.text === '__tablename__') {
        const v = stringValue(right);
        if (v !== undefined) fact.tablename = v;
      } else if (left.text === '__abstract__') {
        fact.abstract = right.type === 'true';
      } else if (right.type === 'call' && lastSegment(field(right, 'function')?.text ?? '') === 'relationship') {
        const rel = this.relationship(left.text, right, field(a, 'type'));
        if (rel) fact.relationships.push(rel);
      }
    }
    return fact;
  }

  private relationship(attribute: string, call: Node, annotation: Node | null): RelationshipFact | undefined {
    const { positional, keywords } = splitArgs(field(call, 'arguments'));
    let targetNode: Node | undefined = positional[0] ?? keywords.get('argument');
    let target: string | undefined;
    let targetIsString = false;
    if (targetNode) {
      if (targetNode.type === 'lambda') return undefined;
      const s = stringValue(targetNode);
      if (s !== undefined) {
        target = s;
        targetIsString = true;
      } else if (targetNode.type === 'identifier' || targetNode.type === 'attribute') target = targetNode.text;
      else return undefined;
    } else if (annotation) {
      const found = targetFromAnnotation(annotation);
      if (!found) return undefined;
      ({ target, targetIsString } = found);
      targetNode = found.node;
    }
    if (target === undefined || !targetNode) return undefined;
    const text = (n: Node | undefined): string | undefined => {
      if (!n) return undefined;
      const s = stringValue(n);
      if (s !== undefined) return s;
      if (n.type === 'call' && lastSegment(field(n, 'function')?.text ?? '') === 'backref') {
        const v = stringValue(splitArgs(field(n, 'arguments')).positional[0]);
        if (v !== undefined) return v;
      }
      return n.text;
    };
    const backPopulates = text(keywords.get('back_populates'));
    const backref = text(keywords.get('backref'));
    return {
      target,
      targetIsString,
      attribute,
      ...(backPopulates !== undefined ? { backPopulates } : {}),
      ...(backref !== undefined ? { backref } : {}),
      ...spanOf(targetNode),
    };
  }

  // ----- comments and syntax problems ----------------------------------------

  private syntax(): { suppressions: SuppressionFact[]; problems: ParseProblem[] } {
    const suppressions: SuppressionFact[] = [];
    const problems: ParseProblem[] = [];
    // Comments only matter when they are suppressions; ERROR and MISSING nodes only exist in a tree with errors.
    if (!this.root.hasError && !this.mentions(queryWords('syntax'))) return { suppressions, problems };
    for (const { captures } of this.matches('syntax')) {
      const comment = captures.get('comment');
      if (comment) {
        const codes = parseSuppression(comment.text);
        if (codes === undefined) continue;
        const lineStart = this.text.lastIndexOf('\n', comment.startIndex - 1) + 1;
        const before = this.text.slice(lineStart, comment.startIndex);
        suppressions.push({
          line: comment.startPosition.row + 1,
          column: comment.startPosition.column + 1,
          codes,
          ownLine: before.trim() === '',
        });
        continue;
      }
      const err = captures.get('error');
      if (err) {
        let nested = false;
        for (let p = err.parent; p; p = p.parent) if (p.type === 'ERROR') nested = true;
        if (nested) continue;
        const snippet = err.text.split('\n')[0].trim().slice(0, 40);
        problems.push({ message: snippet ? `syntax error near "${snippet}"` : 'syntax error', ...spanOf(err) });
        continue;
      }
      const missing = captures.get('missing');
      if (missing) problems.push({ message: missing.isNamed ? `missing ${missing.type}` : `missing "${missing.type}"`, ...spanOf(missing) });
    }
    problems.sort((a, b) => a.line - b.line || a.column - b.column);
    return { suppressions, problems };
  }
}

/** `# parity-check: ignore[A, B]` → codes; `# parity-check: ignore` → null; anything else → undefined. */
export function parseSuppression(comment: string): string[] | null | undefined {
  const marker = 'parity-check:';
  const at = comment.indexOf(marker);
  if (at < 0) return undefined;
  const rest = comment.slice(at + marker.length).trimStart();
  if (!rest.startsWith('ignore')) return undefined;
  const after = rest.slice('ignore'.length);
  if (after.startsWith('[')) {
    const close = after.indexOf(']');
    if (close < 0) return undefined;
    const codes = after
      .slice(1, close)
      .split(',')
      .map((c) => c.trim())
      .filter((c) => c !== '');
    return codes.length ? codes : null;
  }
  if (after === '' || after[0] === ' ' || after[0] === '\t' || after[0] === '#') return null;
  return undefined;
}

const WRAPPERS = new Set([
  'Mapped', 'WriteOnlyMapped', 'DynamicMapped', 'List', 'list', 'Set', 'set', 'FrozenSet', 'frozenset',
  'Optional', 'Sequence', 'Collection', 'Iterable', 'MutableSequence', 'MutableSet', 'Tuple', 'tuple',
]);

/** The relationship target in a `Mapped[...]` annotation. */
function targetFromAnnotation(n: Node): { target: string; targetIsString: boolean; node: Node } | undefined {
  switch (n.type) {
    case 'type': {
      const c = named(n)[0];
      return c ? targetFromAnnotation(c) : undefined;
    }
    case 'generic_type': {
      const [head, params] = named(n);
      if (!head || !params || !WRAPPERS.has(lastSegment(head.text))) return undefined;
      const first = named(params)[0];
      return first ? targetFromAnnotation(first) : undefined;
    }
    case 'subscript': {
      const head = field(n, 'value');
      const sub = field(n, 'subscript');
      if (!head || !sub || !WRAPPERS.has(lastSegment(head.text))) return undefined;
      return targetFromAnnotation(sub);
    }
    case 'binary_operator': {
      // `T | None`
      const l = field(n, 'left');
      const r = field(n, 'right');
      const pick = l && l.type !== 'none' ? l : r;
      return pick && pick.type !== 'none' ? targetFromAnnotation(pick) : undefined;
    }
    case 'union_type': {
      for (const c of named(n)) {
        if (c.text === 'None') continue;
        const t = targetFromAnnotation(c);
        if (t) return t;
      }
      return undefined;
    }
    case 'string': {
      const v = plainString(n);
      if (v === undefined) return undefined;
      const t = stringTarget(v);
      return t ? { target: t, targetIsString: true, node: n } : undefined;
    }
    case 'identifier':
    case 'attribute':
      return n.text === 'None' ? undefined : { target: n.text, targetIsString: false, node: n };
    default:
      return undefined;
  }
}

/** Target class inside a string annotation: `"T"`, `"T | None"`, `"Optional[T]"`, `"List[T]"`. */
function stringTarget(s: string): string | undefined {
  let t = s.trim();
  for (;;) {
    const open = t.indexOf('[');
    if (open > 0 && t.endsWith(']') && WRAPPERS.has(lastSegment(t.slice(0, open)))) t = t.slice(open + 1, -1).trim();
    else break;
  }
  const unquote = (p: string): string => {
    const q = p[0];
    return (q === '"' || q === "'") && p.endsWith(q) && p.length >= 2 ? p.slice(1, -1) : p;
  };
  const parts = t
    .split('|')
    .map((p) => unquote(p.trim()))
    .filter((p) => p !== '' && p !== 'None');
  return parts.length === 1 ? parts[0] : undefined;
}
