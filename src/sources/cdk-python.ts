// CDK apps in Python: tree-sitter-python with queries/python/cdk.scm. A file gives the local files it imports (the
// app's closure, read by cdk.ts) and its construct calls as values (cdk-values.ts).
//
// Evaluated: string literals (and `+`), names assigned once in the file (module constants, locals, `self.x`),
// `__file__`, `os.path.join/dirname/abspath/realpath/normpath`, `pathlib.Path(...)`, `.parent`, `/`, `.joinpath`,
// `.resolve()`, `str(...)`, `os.getcwd()`; lists, tuples, dicts, calls with keyword arguments. Anything else is an
// unknown value with why.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Parser from 'tree-sitter';
import { newQuery } from '../tree-sitter/backend.js';
import type { Location } from '../types.js';
import { packageRoot } from '../python/queries.js';
import { parsePython } from '../python/parser.js';
import { dirOf, joinRel } from './common.js';
import { camel, dirnameVal, joinVals, relPath, resolveName, unknownVal, ValueEvaluator, type Imports, type Val } from './cdk-values.js';
import { CONSTRUCTS } from './cdk-constructs.js';
import { loopBindings } from './cdk-python-loops.js';
import { pathCall, shadowed, STR_METHODS } from './cdk-python-names.js';

type Node = Parser.SyntaxNode;
type Call = Extract<Val, { k: 'call' }>;

let query: Parser.Query | undefined;
function cdkQuery(): Parser.Query {
  if (!query) {
    query = newQuery('python', readFileSync(join(packageRoot(), 'queries', 'python', 'cdk.scm'), 'utf8'));
  }
  return query;
}

export interface CdkFile {
  /** Local files this file imports (checked-folder relative candidates; the caller keeps those that exist). */
  imports: string[];
  /** The construct calls, evaluated. */
  constructs(): Call[];
}

/** Reads a Python file of a CDK app. `base` is the folder absolute imports start from (the app script's folder). */
export function readPythonCdk(path: string, text: string, base: string): CdkFile {
  const tree = parsePython(text);
  const imports: Imports = new Map();
  const files: string[] = [];
  const assigns = new Map<string, Node[]>();
  const calls: Node[] = [];
  for (const m of cdkQuery().matches(tree.rootNode)) {
    const cap = new Map(m.captures.map((c) => [c.name, c.node]));
    const imp = cap.get('import');
    if (imp) readImport(imp, path, base, imports, files);
    const name = cap.get('name');
    if (name) assigns.set(name.text, [...(assigns.get(name.text) ?? []), cap.get('value')!]);
    const call = cap.get('call');
    if (call) calls.push(call);
  }
  const ev = new Evaluator(path, imports, assigns);
  const withEnv = (n: Node, env: Map<string, Val>) => ev.withEnv(env, () => ev.eval(n));
  return {
    imports: files,
    constructs: () =>
      calls.flatMap((c) => {
        const name = ev.calleeName(c.childForFieldName('function')!);
        if (!name || !CONSTRUCTS.has(name)) return [];
        // In a loop over literal values: one construct per iteration (cdk-python-loops.ts).
        const envs = loopBindings(c, withEnv, (n) => ev.literalNode(n)) ?? [new Map<string, Val>()];
        return envs.flatMap((env) => {
          const v = withEnv(c, env);
          return v.k === 'call' ? [v] : [];
        });
      }),
  };
}

/** Binds the imported names and lists the local files an import can be (module.py, package/__init__.py). */
function readImport(n: Node, path: string, base: string, imports: Imports, files: string[]) {
  const candidates = (mod: string, from: string) => {
    const rel = mod.split('.').join('/');
    // An absolute import may also be a package of the app's own src/ layout (`pip install -e .` puts src/ on
    // sys.path: mlops-club's infrastructure/src/fastapi_iac); the caller keeps the candidates that exist.
    const roots = from === base ? [from, joinRel(from, 'src')] : [from];
    for (const r of roots) {
      for (const p of [`${rel}.py`, `${rel}/__init__.py`]) {
        const j = r === null ? null : joinRel(r, p);
        if (j !== null) files.push(j);
      }
    }
  };
  if (n.type === 'import_statement') {
    for (const name of n.childrenForFieldName('name')) {
      if (name.type === 'aliased_import') {
        const mod = name.childForFieldName('name')!.text;
        imports.set(name.childForFieldName('alias')!.text, mod);
        candidates(mod, base);
      } else {
        imports.set(name.text.split('.')[0], name.text.split('.')[0]);
        candidates(name.text, base);
      }
    }
    return;
  }
  const modNode = n.childForFieldName('module_name');
  if (!modNode) return;
  let mod = modNode.text;
  let from = base;
  if (modNode.type === 'relative_import') {
    const dots = /^\.+/.exec(mod)![0].length;
    from = dirOf(path);
    for (let i = 1; i < dots; i++) from = dirOf(from);
    mod = mod.slice(dots);
  }
  if (mod) candidates(mod, from);
  for (const name of n.childrenForFieldName('name')) {
    const [orig, alias] = name.type === 'aliased_import' ? [name.childForFieldName('name')!.text, name.childForFieldName('alias')!.text] : [name.text, name.text];
    if (modNode.type !== 'relative_import') imports.set(alias, `${mod}.${orig}`);
    candidates(mod ? `${mod}.${orig}` : orig, from);
  }
}

class Evaluator extends ValueEvaluator {
  /** The loop variables of the iteration being read (cdk-python-loops.ts). */
  private env = new Map<string, Val>();

  constructor(path: string, imports: Imports, assigns: Map<string, Node[]>) {
    super(path, imports, assigns, { type: 'attribute', field: 'attribute' });
  }

  withEnv<T>(env: Map<string, Val>, f: () => T): T {
    const saved = this.env;
    this.env = env;
    try {
      return f();
    } finally {
      this.env = saved;
    }
  }

  /** The literal node a name assigned once stands for (a list, dict or tuple), or the node itself. */
  literalNode(n: Node, depth = 0): Node | null {
    if (n.type === 'parenthesized_expression') return this.literalNode(n.namedChildren[0], depth);
    if (n.type !== 'identifier' && !/^self\.\w+$/.test(n.text)) return n;
    const bound = this.assigns.get(n.text);
    return bound?.length === 1 && depth < 10 ? this.literalNode(bound[0], depth + 1) : null;
  }

  protected evalNode(n: Node): Val {
    const loc = this.loc(n);
    switch (n.type) {
      case 'string':
        return this.string(n, loc);
      case 'concatenated_string': {
        const parts = n.namedChildren.map((c) => this.eval(c));
        return parts.every((p) => p.k === 'str') ? { k: 'str', v: parts.map((p) => (p as { v: string }).v).join(''), loc } : unknownVal('an f-string with values', loc);
      }
      case 'parenthesized_expression':
        return this.eval(n.namedChildren[0]);
      case 'identifier':
        return this.env.get(n.text) ?? shadowed(n, loc) ?? this.name(n.text, loc);
      case 'attribute':
        return this.attribute(n, loc);
      case 'call':
        return this.call(n, loc);
      case 'binary_operator':
        return this.binary(n, loc);
      case 'list':
      case 'tuple':
        return { k: 'list', items: n.namedChildren.filter((c) => c.type !== 'comment').map((c) => this.eval(c)), loc };
      case 'dictionary': {
        const kw = new Map<string, Val>();
        for (const p of n.namedChildren) {
          if (p.type !== 'pair') continue;
          const key = this.eval(p.childForFieldName('key')!);
          if (key.k === 'str') kw.set(camel(key.v), this.eval(p.childForFieldName('value')!));
        }
        return { k: 'obj', kw, loc };
      }
      default:
        return unknownVal(`${n.text.length > 40 ? `${n.text.slice(0, 40)}…` : n.text} is not a literal`, loc);
    }
  }

  private string(n: Node, loc: Location): Val {
    if (n.namedChildren.some((c) => c.type === 'interpolation')) return this.fString(n, loc);
    const prefix = n.namedChildren.find((c) => c.type === 'string_start')?.text ?? '';
    if (/[bB]/.test(prefix)) return unknownVal('a bytes literal', loc);
    const content = n.namedChildren.filter((c) => c.type === 'string_content').map((c) => c.text).join('');
    // Escapes are rare in paths and handler strings; a backslash is not guessed at.
    if (content.includes('\\') && !/[rR]/.test(prefix)) return unknownVal('a string with escapes', loc);
    return { k: 'str', v: content, loc };
  }

  /** An f-string whose every value is a string (`f"lambdas/{name}"` in a literal loop); a format spec is not read. */
  private fString(n: Node, loc: Location): Val {
    let out = '';
    for (const c of n.namedChildren) {
      if (c.type === 'string_content') {
        if (c.text.includes('\\')) return unknownVal('a string with escapes', loc);
        out += c.text.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
      } else if (c.type === 'interpolation') {
        const parts = c.namedChildren.filter((x) => x.type !== 'comment');
        if (parts.length !== 1) return unknownVal('an f-string with a conversion or format spec', loc);
        const v = this.eval(parts[0]);
        if (v.k !== 'str') return v.k === 'unknown' ? v : unknownVal('an f-string with values', loc);
        out += v.v;
      }
    }
    return { k: 'str', v: out, loc };
  }

  /** A name: `__file__`, a constant assigned once in the file, a construct it is bound to, or an import. */
  private name(text: string, loc: Location): Val {
    if (text === '__file__') return { k: 'path', v: relPath(this.path), loc };
    const bound = this.assigns.get(text);
    if (bound?.length === 1) {
      const value = bound[0];
      if (value.type === 'call') {
        const callee = this.calleeName(value.childForFieldName('function')!);
        if (callee && CONSTRUCTS.has(callee)) {
          const args = value.childForFieldName('arguments')!.namedChildren.filter((c) => c.type !== 'keyword_argument' && c.type !== 'comment');
          const id = args[1] ? this.eval(args[1]) : undefined;
          return { k: 'construct', id: id?.k === 'str' ? id.v : text, callee, loc };
        }
      }
      // The value keeps its own place: the string a message should point at.
      return this.eval(value);
    }
    if (bound && bound.length > 1) return unknownVal(`${text} is assigned ${bound.length} times`, loc);
    if (this.imports.has(text)) return { k: 'ref', name: resolveName([text], this.imports), loc };
    if (text === 'None' || text === 'True' || text === 'False') return unknownVal(`${text} is not a string`, loc);
    return unknownVal(`${text} is not a local constant`, loc);
  }

  private attribute(n: Node, loc: Location): Val {
    const full = n.text;
    if (/^self\.\w+$/.test(full)) return this.name(full, loc);
    const attr = n.childForFieldName('attribute')!.text;
    const name = this.calleeName(n);
    if (name) return { k: 'ref', name, loc };
    const obj = this.eval(n.childForFieldName('object')!);
    if (attr === 'parent' && (obj.k === 'path' || obj.k === 'str')) return dirnameVal(obj, loc);
    return obj.k === 'unknown' ? obj : unknownVal(`${full} is not a local constant`, loc);
  }

  private binary(n: Node, loc: Location): Val {
    const op = n.childForFieldName('operator')!.text;
    const l = this.eval(n.childForFieldName('left')!);
    const r = this.eval(n.childForFieldName('right')!);
    if (op === '/' && l.k === 'path') return joinVals([l, r], loc, 'Path /');
    if (op === '+' && l.k === 'str' && r.k === 'str') return { k: 'str', v: l.v + r.v, loc };
    return l.k === 'unknown' ? l : r.k === 'unknown' ? r : unknownVal(`${n.text} is not a literal`, loc);
  }

  private call(n: Node, loc: Location): Val {
    const fnNode = n.childForFieldName('function')!;
    const argNodes = n.childForFieldName('arguments')?.namedChildren.filter((c) => c.type !== 'comment') ?? [];
    const args: Val[] = [];
    const kw = new Map<string, Val>();
    for (const a of argNodes) {
      if (a.type === 'keyword_argument') kw.set(camel(a.childForFieldName('name')!.text), this.eval(a.childForFieldName('value')!));
      else if (a.type === 'list_splat' || a.type === 'dictionary_splat') continue;
      else args.push(this.eval(a));
    }
    const callee = this.calleeName(fnNode);
    if (callee) {
      const path = pathCall(callee, args, loc);
      if (path) return path;
      return { k: 'call', callee, args, kw, loc };
    }
    if (fnNode.type === 'identifier' && fnNode.text === 'str' && args.length === 1) return args[0];
    if (fnNode.type === 'attribute') {
      const method = fnNode.childForFieldName('attribute')!.text;
      const obj = this.eval(fnNode.childForFieldName('object')!);
      if ((method === 'resolve' || method === 'absolute') && (obj.k === 'path' || obj.k === 'str')) return obj;
      if (method === 'joinpath' && obj.k === 'path') return joinVals([obj, ...args], loc, 'Path.joinpath');
      if (obj.k === 'str' && !args.length && STR_METHODS[method]) return { k: 'str', v: STR_METHODS[method](obj.v), loc };
      if (obj.k === 'unknown') return obj;
    }
    return unknownVal(`${fnNode.text}(...) is not read`, loc);
  }
}
