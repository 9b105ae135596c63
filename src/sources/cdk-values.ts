// The values the CDK readers (cdk-python.ts, cdk-typescript.ts) evaluate expressions to, the same for both
// languages, and the path arithmetic of `path.join(__dirname, ...)` / `os.path.join(os.path.dirname(__file__), ...)`.
// A reader resolves every dotted name through the file's imports, so `lambda_.Code.from_asset` and
// `lambda.Code.fromAsset` both arrive here as `aws_lambda.Code.fromAsset`: the interpreter (cdk-constructs.ts)
// never sees a language.
import type Parser from 'tree-sitter';
import type { Location } from '../types.js';
import { normalizePath } from '../util/posix-path.js';
import { nodeSpan } from '../util/span.js';
import { at } from './common.js';

export type Val =
  /** A string literal or a local constant holding one; as an asset path it is relative to the app's cwd (the cdk.json folder). */
  | { k: 'str'; v: string; loc: Location }
  /** A path made from the file's own place (`__dirname`, `__file__`): relative to the checked folder, or null when it leaves it. */
  | { k: 'path'; v: string | null; loc: Location }
  /** A dotted name, resolved through the imports (`aws_lambda.Runtime.PYTHON_3_12`), or as written when not imported. */
  | { k: 'ref'; name: string; loc: Location }
  /** A call (`new X(...)` too): callee resolved like a ref; keyword arguments / the props object in `kw` (camelCase keys). */
  | { k: 'call'; callee: string; args: Val[]; kw: Map<string, Val>; loc: Location }
  | { k: 'list'; items: Val[]; loc: Location }
  | { k: 'obj'; kw: Map<string, Val>; loc: Location }
  /** A variable bound to a construct of this file (`layer = LayerVersion(self, "Shared", ...)`): its construct id. */
  | { k: 'construct'; id: string; callee: string; loc: Location }
  | { k: 'unknown'; why: string; loc: Location };

export type Unknown = Extract<Val, { k: 'unknown' }>;

export const unknownVal = (why: string, loc: Location): Unknown => ({ k: 'unknown', why, loc });

/** snake_case → camelCase, so Python's keyword arguments and methods read like the TypeScript props they are. */
export function camel(s: string): string {
  return /^[a-z][a-z0-9]*(_[a-z0-9]+)+$/.test(s) ? s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()) : s;
}

/**
 * A module as both languages name it, reduced to one spelling: `aws-cdk-lib/aws-lambda`, `@aws-cdk/aws-lambda` and
 * `aws_cdk.aws_lambda` are `aws_cdk.aws_lambda`; the Python alpha (and v1) construct library is
 * `aws_cdk.aws_lambda_python_alpha`; `node:path` is `path`.
 */
export function normModule(m: string): string {
  let s = m.replace(/^node:/, '');
  if (s === 'aws-cdk-lib') return 'aws_cdk';
  const ts = /^(?:aws-cdk-lib|@aws-cdk)\/(.+)$/.exec(s);
  if (ts) s = `aws_cdk.${ts[1].replace(/-/g, '_')}`;
  return s.replace(/^aws_cdk\.core(?=\.|$)/, 'aws_cdk').replace(/^aws_cdk\.aws_lambda_python(?=\.|$)/, 'aws_cdk.aws_lambda_python_alpha');
}

/** A resolved dotted name without the `aws_cdk.` root: what the interpreter matches (`aws_lambda.Function`). */
export function qualified(parts: string[]): string {
  const name = parts.join('.');
  return name.startsWith('aws_cdk.') ? name.slice('aws_cdk.'.length) : name;
}

/** A file's imports: local name → dotted module path (and member), for resolving names. */
export type Imports = Map<string, string>;

/** `lambda_.Code.from_asset` with `lambda_` → `aws_cdk.aws_lambda`: `aws_lambda.Code.fromAsset`. */
export function resolveName(dotted: string[], imports: Imports): string {
  const head = imports.get(dotted[0]);
  const parts = head ? [...normModule(head).split('.'), ...dotted.slice(1)] : dotted;
  const last = parts.length - 1;
  // Only a method (the last part, after a class) is snake_case in Python and camelCase in TypeScript.
  if (last > 0 && /^[A-Z]/.test(parts[last - 1])) parts[last] = camel(parts[last]);
  return qualified(parts);
}

/** The directory part of a checked-folder path ('' for the folder itself). */
function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}

/** `path.join` / `os.path.join` / `Path / x` over values: a path when the first part is one, else a string. */
export function joinVals(parts: Val[], loc: Location, what: string): Val {
  if (!parts.length) return unknownVal(`${what}() without arguments`, loc);
  const bad = parts.find((p) => p.k !== 'str' && p.k !== 'path');
  if (bad) return bad.k === 'unknown' ? bad : unknownVal(`${what}() of a value that is not a string`, loc);
  const vals = parts as Extract<Val, { k: 'str' | 'path' }>[];
  // An absolute part restarts the path, as both languages do: then nothing of the checked folder is known.
  let start = 0;
  for (let i = 0; i < vals.length; i++) if (vals[i].k === 'str' && (vals[i].v as string).startsWith('/')) start = i;
  if (start > 0 || (vals[0].k === 'str' && (vals[0].v as string).startsWith('/'))) return unknownVal(`${what}() of an absolute path`, loc);
  const first = vals[0];
  if (first.k === 'path' && first.v === null) return first;
  const text = vals.map((v) => v.v as string).filter((s) => s !== '').join('/');
  if (first.k === 'str') return { k: 'str', v: text, loc };
  return { k: 'path', v: relPath(text), loc };
}

/** A checked-folder relative path, normalised; null when it climbs out of the folder. */
export function relPath(p: string): string | null {
  const n = normalizePath(p === '' ? '.' : p);
  if (n === '..' || n.startsWith('../')) return null;
  return n === '.' ? '' : n;
}

/** `os.path.dirname(x)` / `Path(x).parent`. */
export function dirnameVal(v: Val, loc: Location): Val {
  if (v.k === 'path') return v.v === null ? v : { k: 'path', v: dirname(v.v), loc };
  if (v.k === 'str') return { k: 'str', v: dirname(v.v), loc };
  return v.k === 'unknown' ? v : unknownVal('dirname() of a value that is not a path', loc);
}

/** `Runtime.PYTHON_3_12` → `python3.12`, `NODEJS_20_X` → `nodejs20.x`, `PROVIDED_AL2023` → `provided.al2023`. */
export function runtimeName(constant: string): string | undefined {
  if (constant === 'FROM_IMAGE') return undefined;
  const m = /^([A-Z]+)_(.+)$/.exec(constant);
  if (!m) return undefined;
  const family = m[1].toLowerCase();
  const rest = m[2].toLowerCase();
  // NODEJS_LATEST, PYTHON_LATEST…: the newest of the family when the app is synthesized, a version not known here.
  if (rest === 'latest') return family;
  if (family === 'provided') return rest === 'al2' || rest === 'al2023' ? `provided.${rest}` : undefined;
  if (family === 'nodejs') return `nodejs${rest.replace(/_x$/, '.x').replace(/_/g, '.')}`;
  if (family === 'go') return `go${rest.replace(/_/g, '.')}`;
  return `${family}${rest.replace(/_/g, '.')}`;
}

type Node = Parser.SyntaxNode;

/**
 * What both readers' evaluators share: locations, dotted callee names resolved through the imports, and a depth
 * guard around the language's own `evalNode`. `access` names the grammar's attribute access (`attribute` /
 * `attribute` in Python, `member_expression` / `property` in TypeScript).
 */
export abstract class ValueEvaluator {
  private depth = 0;
  constructor(
    protected path: string,
    protected imports: Imports,
    protected assigns: Map<string, Node[]>,
    private access: { type: string; field: string },
  ) {}

  loc(n: Node): Location {
    return at(this.path, nodeSpan(n));
  }

  /** A dotted name (`lambda_.Code.from_asset`) resolved through the imports, or null when it is not one. */
  calleeName(n: Node): string | null {
    const parts: string[] = [];
    let cur: Node | null = n;
    while (cur && cur.type === this.access.type) {
      parts.unshift(cur.childForFieldName(this.access.field)!.text);
      cur = cur.childForFieldName('object');
    }
    if (!cur || cur.type !== 'identifier') return null;
    parts.unshift(cur.text);
    return this.imports.has(parts[0]) ? resolveName(parts, this.imports) : null;
  }

  eval(n: Node): Val {
    if (this.depth > 40) return unknownVal('too deeply nested', this.loc(n));
    this.depth++;
    try {
      return this.evalNode(n);
    } finally {
      this.depth--;
    }
  }

  protected abstract evalNode(n: Node): Val;
}
