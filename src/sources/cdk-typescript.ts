// CDK apps in TypeScript: tree-sitter-typescript (loaded on the first CDK TypeScript file, never before) with
// queries/typescript/cdk.scm. A file gives the local files it imports (the app's closure, read by cdk.ts) and its
// construct calls (`new X(...)`) as values (cdk-values.ts).
//
// Evaluated: string literals, template strings whose parts are known, `+` of strings, names declared once in the
// file (`const`, class fields, `this.x = ...`), `__dirname`, `__filename`, `path.join/resolve/dirname` (also
// imported one by one), `process.cwd()`; arrays, objects, `x as T`, `x!`. Anything else is an unknown with why.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Parser from 'tree-sitter';
import type { Location } from '../types.js';
import { packageRoot } from '../python/queries.js';
import { dirOf } from './common.js';
import { bindImports, localCandidates, requireOf, stringText } from './cdk-ts-imports.js';
import { dirnameVal, joinVals, relPath, resolveName, unknownVal, ValueEvaluator, normModule, type Imports, type Val } from './cdk-values.js';
import { CONSTRUCTS } from './cdk-constructs.js';
import { bindParams, enclosingConstructClass, enclosingLocalFunction, localFunction, returnedValue, underInstance, type Bound } from './cdk-wrappers.js';
import type { CdkFile } from './cdk-python.js';
import { newParser, newQuery } from '../tree-sitter/backend.js';

type Node = Parser.SyntaxNode;
type Call = Extract<Val, { k: 'call' }>;

let ts: { parser: Parser; query: Parser.Query } | undefined;

function typescript() {
  if (!ts) {
    ts = { parser: newParser('typescript'), query: newQuery('typescript', readFileSync(join(packageRoot(), 'queries', 'typescript', 'cdk.scm'), 'utf8')) };
  }
  return ts;
}

export function readTypeScriptCdk(path: string, text: string): CdkFile {
  const { parser, query } = typescript();
  const tree = parser.parse(text);
  const imports: Imports = new Map();
  const files: string[] = [];
  const assigns = new Map<string, Node[]>();
  const calls: Node[] = [];
  const functions = new Map<string, Node[]>();
  const localCalls = new Map<string, Node[]>();
  const dir = dirOf(path);
  for (const m of query.matches(tree.rootNode)) {
    const cap = new Map(m.captures.map((c) => [c.name, c.node]));
    const imp = cap.get('import');
    if (imp) {
      const spec = stringText(imp.childForFieldName('source'));
      if (spec === null) continue;
      files.push(...localCandidates(spec, dir));
      bindImports(imp, normModule(spec), imports);
    }
    const name = cap.get('name');
    const spec = name && !cap.has('field') ? requireOf(cap.get('value')!) : null;
    if (name && spec !== null) {
      // `const path = require('path')`: an import.
      files.push(...localCandidates(spec, dir));
      imports.set(name.text, normModule(spec));
    } else if (name) {
      const key = cap.has('field') ? `this.${name.text}` : name.text;
      assigns.set(key, [...(assigns.get(key) ?? []), cap.get('value')!]);
    }
    const call = cap.get('call');
    if (call) calls.push(call);
    const fname = cap.get('fname');
    if (fname) functions.set(fname.text, [...(functions.get(fname.text) ?? []), cap.get('function')!]);
    const lname = cap.get('lname');
    if (lname) localCalls.set(lname.text, [...(localCalls.get(lname.text) ?? []), cap.get('lcall')!]);
  }
  // `new ApiFn(...)` of a local class: the sites a construct class is made at (cdk-wrappers.ts).
  const news = new Map<string, Node[]>();
  for (const c of calls) {
    const k = c.childForFieldName('constructor');
    if (k?.type === 'identifier') news.set(k.text, [...(news.get(k.text) ?? []), c]);
  }
  const ev = new Evaluator(path, imports, assigns, functions);
  return {
    imports: files,
    constructs: () =>
      calls.flatMap((c) => {
        const name = ev.calleeName(c.childForFieldName('constructor')!);
        if (!name || !CONSTRUCTS.has(name)) return [];
        // A construct a local function makes from its parameters (`makeFunction(scope, id, props)`) is made once per
        // call of that function in the file, each with the call's arguments (one level; src/sources/cdk-wrappers.ts).
        const perCall = ev.perCall(c, localCalls) ?? ev.perInstance(c, news);
        if (perCall) return perCall.filter((v) => v.k === 'call');
        const v = ev.eval(c);
        return v.k === 'call' ? [v] : [];
      }),
  };
}

const UNWRAP = new Set(['parenthesized_expression', 'as_expression', 'non_null_expression', 'satisfies_expression', 'type_assertion']);

class Evaluator extends ValueEvaluator {
  /** The local function being followed and its parameters' values (one level: src/sources/cdk-wrappers.ts). */
  private bound: Bound | undefined;

  constructor(
    path: string,
    imports: Imports,
    assigns: Map<string, Node[]>,
    private functions: Map<string, Node[]>,
  ) {
    super(path, imports, assigns, { type: 'member_expression', field: 'property' });
  }

  /** `construct` evaluated once per call of the local function it sits in, or null when it sits in none that is called. */
  perCall(construct: Node, localCalls: Map<string, Node[]>): Val[] | null {
    const fn = enclosingLocalFunction(construct, this.functions, this.assigns);
    const sites = fn ? localCalls.get(fn.name) ?? [] : [];
    if (!fn || !sites.length || this.bound) return null;
    return sites.map((site) => this.withArgs(fn.node, site, () => this.eval(construct)));
  }

  /** `construct` made in a local class's constructor: once per `new` of the class in the file, named `<id>/<its id>`. */
  perInstance(construct: Node, news: Map<string, Node[]>): Val[] | null {
    const cls = enclosingConstructClass(construct);
    const sites = cls ? news.get(cls.name) ?? [] : [];
    if (!cls || !sites.length || this.bound) return null;
    return sites.map((site) => {
      const v = this.withArgs(cls.node, site, () => this.eval(construct));
      const outer = (site.childForFieldName('arguments')?.namedChildren ?? []).filter((c) => c.type !== 'comment')[1];
      return underInstance(v, outer ? this.eval(outer) : undefined);
    });
  }

  private withArgs(fn: Node, site: Node, run: () => Val): Val {
    const args = (site.childForFieldName('arguments')?.namedChildren ?? []).filter((c) => c.type !== 'comment').map((c) => this.eval(c));
    this.bound = { fn, vals: bindParams(fn, args, this.loc(site)) };
    try {
      return run();
    } finally {
      this.bound = undefined;
    }
  }

  /** A parameter's value while its function is followed, or null. */
  private boundValue(n: Node): Val | null {
    if (!this.bound) return null;
    for (let cur = n.parent; cur; cur = cur.parent) if (cur === this.bound.fn) return this.bound.vals.get(n.text) ?? null;
    return null;
  }

  protected evalNode(n: Node): Val {
    const loc = this.loc(n);
    if (UNWRAP.has(n.type)) return this.eval(n.namedChildren[0]);
    switch (n.type) {
      case 'string': {
        const s = stringText(n);
        return s === null || s.includes('\u0000') ? unknownVal('a string with escapes', loc) : { k: 'str', v: s, loc };
      }
      case 'template_string':
        return this.template(n, loc);
      case 'identifier':
        return this.boundValue(n) ?? shadowed(n, loc) ?? this.name(n.text, loc);
      case 'member_expression':
        return this.member(n, loc);
      case 'call_expression':
      case 'new_expression':
        return this.call(n, loc);
      case 'binary_expression': {
        const l = this.eval(n.childForFieldName('left')!);
        const r = this.eval(n.childForFieldName('right')!);
        if (n.childForFieldName('operator')?.text === '+' && l.k === 'str' && r.k === 'str') return { k: 'str', v: l.v + r.v, loc };
        return l.k === 'unknown' ? l : r.k === 'unknown' ? r : unknownVal(`${n.text} is not a literal`, loc);
      }
      case 'array':
        return { k: 'list', items: n.namedChildren.filter((c) => c.type !== 'comment').map((c) => this.eval(c)), loc };
      case 'object':
        return this.object(n, loc);
      default:
        return unknownVal(`${n.text.length > 40 ? `${n.text.slice(0, 40)}…` : n.text} is not a literal`, loc);
    }
  }

  private template(n: Node, loc: Location): Val {
    const parts: Val[] = [];
    for (const c of n.namedChildren) {
      if (c.type === 'string_fragment') parts.push({ k: 'str', v: c.text, loc });
      else if (c.type === 'template_substitution') parts.push(this.eval(c.namedChildren[0]));
      else if (c.type === 'escape_sequence') return unknownVal('a template with escapes', loc);
    }
    const bad = parts.find((p) => p.k !== 'str' && !(p.k === 'path' && p === parts[0]));
    if (bad) return bad.k === 'unknown' ? bad : unknownVal('a template with a value that is not a string', loc);
    const text = parts.map((p) => (p.k === 'str' ? p.v : '')).join('');
    const first = parts[0];
    if (first?.k === 'path') return first.v === null ? first : { k: 'path', v: relPath(`${first.v}${text}`.replace(/^\//, '')), loc };
    return { k: 'str', v: text, loc };
  }

  private object(n: Node, loc: Location): Val {
    const kw = new Map<string, Val>();
    for (const p of n.namedChildren) {
      if (p.type === 'pair') {
        const k = p.childForFieldName('key')!;
        const key = k.type === 'string' ? stringText(k) : k.text;
        if (key !== null) kw.set(key, this.eval(p.childForFieldName('value')!));
      } else if (p.type === 'shorthand_property_identifier') kw.set(p.text, this.boundValue(p) ?? shadowed(p, this.loc(p)) ?? this.name(p.text, this.loc(p)));
    }
    return { k: 'obj', kw, loc };
  }

  /** A name: `__dirname`, `__filename`, a constant declared once, a construct it is bound to, or an import. */
  private name(text: string, loc: Location): Val {
    if (text === '__dirname') return { k: 'path', v: relPath(dirOf(this.path)), loc };
    if (text === '__filename') return { k: 'path', v: relPath(this.path), loc };
    const bound = this.assigns.get(text);
    if (bound?.length === 1) {
      let value = bound[0];
      while (UNWRAP.has(value.type)) value = value.namedChildren[0];
      if (value.type === 'new_expression') {
        const callee = this.calleeName(value.childForFieldName('constructor')!);
        if (callee && CONSTRUCTS.has(callee)) {
          const id = value.childForFieldName('arguments')?.namedChildren[1];
          const v = id ? this.eval(id) : undefined;
          return { k: 'construct', id: v?.k === 'str' ? v.v : text, callee, loc };
        }
      }
      return this.eval(value);
    }
    if (bound && bound.length > 1) return unknownVal(`${text} is assigned ${bound.length} times`, loc);
    if (this.imports.has(text)) return { k: 'ref', name: resolveName([text], this.imports), loc };
    return unknownVal(`${text} is not a local constant`, loc);
  }

  private member(n: Node, loc: Location): Val {
    const obj = n.childForFieldName('object')!;
    if (obj.type === 'this') return this.name(`this.${n.childForFieldName('property')!.text}`, loc);
    // `props.dir` of a parameter bound to an object literal while its function is followed.
    const held = obj.type === 'identifier' ? this.boundValue(obj) : null;
    if (held) {
      const prop = n.childForFieldName('property')!.text;
      if (held.k === 'obj') return held.kw.get(prop) ?? unknownVal(`${n.text} is not given at this call`, loc);
      if (held.k === 'unknown') return held;
    }
    const name = this.calleeName(n);
    if (name) return { k: 'ref', name, loc };
    if (/^process\.env\./.test(n.text)) return unknownVal(`${n.text} is an environment variable`, loc);
    return unknownVal(`${n.text} is not a local constant`, loc);
  }

  private call(n: Node, loc: Location): Val {
    const fnNode = n.childForFieldName(n.type === 'new_expression' ? 'constructor' : 'function')!;
    const args = (n.childForFieldName('arguments')?.namedChildren ?? []).filter((c) => c.type !== 'comment').map((c) => this.eval(c));
    const callee = this.calleeName(fnNode);
    if (!callee) {
      if (fnNode.text === 'process.cwd') return { k: 'str', v: '', loc };
      // A local function returning a value (`bundledPythonCode('list')` → Code.fromAsset(path.join(..., directory))).
      const local = fnNode.type === 'identifier' ? localFunction(fnNode.text, this.functions, this.assigns) : null;
      if (local) {
        if (this.bound) return unknownVal(`${fnNode.text}(...) is called inside another local function: one level is followed`, loc);
        const ret = returnedValue(local);
        if ('why' in ret) return unknownVal(`${fnNode.text}(...): ${ret.why}`, loc);
        return this.withArgs(local, n, () => this.eval(ret.node));
      }
      return unknownVal(`${fnNode.text}(...) is not read`, loc);
    }
    switch (callee) {
      case 'path.join':
        return joinVals(args, loc, 'path.join');
      case 'path.resolve':
        // Parts before the last absolute one do not count: with __dirname first, the result is that path.
        return joinVals(args, loc, 'path.resolve');
      case 'path.dirname':
        return args[0] ? dirnameVal(args[0], loc) : unknownVal('path.dirname() without an argument', loc);
      default:
        return { k: 'call', callee, args, kw: new Map(), loc } satisfies Call;
    }
  }
}

const FUNCTIONS = new Set(['function_declaration', 'function_expression', 'arrow_function', 'method_definition', 'generator_function_declaration']);

/**
 * A name that a parameter or a loop variable of an enclosing function binds (`constructor(scope, id, props)`,
 * `for (const name of names)`): what the caller passes, never a constant of the same name elsewhere in the file.
 */
function shadowed(n: Node, loc: Location): Val | null {
  const name = n.text;
  for (let cur = n.parent; cur; cur = cur.parent) {
    if (FUNCTIONS.has(cur.type)) {
      const params = cur.childForFieldName('parameters') ?? cur.childForFieldName('parameter');
      if (params && boundBy(params, name)) return unknownVal(`${name} is a parameter`, loc);
    }
    if ((cur.type === 'for_in_statement' || cur.type === 'for_statement') && boundBy(cur.childForFieldName('left') ?? cur.childForFieldName('initializer'), name)) {
      return unknownVal(`${name} is a loop variable`, loc);
    }
  }
  return null;
}

/** Does a parameter list / binding pattern bind `name` (types and default values aside)? */
function boundBy(target: Node | null, name: string): boolean {
  if (!target) return false;
  if (target.type === 'identifier' || target.type === 'shorthand_property_identifier_pattern') return target.text === name;
  if (target.type === 'type_annotation') return false;
  const kids = target.type === 'required_parameter' || target.type === 'optional_parameter' ? [target.childForFieldName('pattern')] : target.namedChildren;
  return kids.some((c) => c !== null && c.type !== 'type_annotation' && boundBy(c, name));
}
