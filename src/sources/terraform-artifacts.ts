// The paths Terraform deploys a zip from, as far as they can be known: `filename`, `source_code_hash`'s
// `filebase64sha256(...)`, an `aws_s3_object` / `aws_s3_bucket_object` `source` behind `s3_key`, a module's
// `local_existing_package`. A path with variable parts (`"${path.module}/../dist/lambda-${var.hash}.zip"`) keeps its
// literal parts (a PathPattern) so that a built zip can be matched to it (src/sources/artifacts.ts).
import picomatch from 'picomatch';
import { HOLE, hole, toPattern, type PathPattern } from '../util/path-pattern.js';
import type { CopyStep, Known, Location, PackagedFile } from '../types.js';
import { normalizePath } from '../util/posix-path.js';
import { baseOf, isUnder, joinRel, known, relTo, unknown, type SourceContext, type SourceLayout, type TSNode } from './common.js';
import { evaluate, unescape, unwrap, type Block, type Module, type V } from './terraform-hcl.js';

export type TfPath =
  | { kind: 'path'; value: string }
  | { kind: 'pattern'; pattern: PathPattern; why: string; /** The path with its holes: the same for the same expressions. */ key: string }
  | { kind: 'archive'; name: string }
  | { kind: 'unknown'; why: string };

/** A template's text with a HOLE for each interpolation that is not a literal; null when `n` is not a template. */
function templateWithHoles(n: TSNode, mod: Module, file: string): string | null {
  const u = unwrap(n);
  const q = u.type === 'literal_value' ? u.namedChildren[0] : u.type === 'template_expr' ? u.namedChildren[0] : u;
  if (!q || (q.type !== 'string_lit' && q.type !== 'quoted_template')) return null;
  let s = '';
  for (const p of q.children) {
    if (p.type === 'template_literal') s += unescape(p.text);
    else if (p.type === 'template_interpolation') {
      const e = p.namedChildren.find((c) => c.type === 'expression');
      const v = e ? evaluate(e, mod, file, new Set()) : undefined;
      s += v?.kind === 'str' ? v.value : hole(p.text);
    } else if (p.type === 'template_directive' || p.type === 'template_for' || p.type === 'template_if') return null;
  }
  return s;
}

const HASH_CALLS = new Set(['filebase64sha256', 'filesha256', 'filemd5', 'filebase64sha512', 'filesha1', 'filebase64', 'base64sha256', 'sha256', 'md5']);

/** The path an expression names, relative to the checked folder (`dir` is the .tf folder). */
export function tfPath(expr: TSNode, mod: Module, file: string, dir: string): TfPath {
  const n = unwrap(expr);
  if (n.type === 'function_call') {
    // `filebase64sha256("x.zip")`, `base64sha256(filebase64("x.zip"))`: the file hashed is the artifact.
    const name = n.namedChildren[0]?.text ?? '';
    const arg = n.namedChildren.find((c) => c.type === 'function_arguments')?.namedChildren[0];
    if (!HASH_CALLS.has(name) || !arg) return { kind: 'unknown', why: `${name}(...) is a function call` };
    return tfPath(arg, mod, file, dir);
  }
  const v = evaluate(expr, mod, file, new Set());
  if (v.kind === 'ref' && v.parts[0] === 'data' && v.parts[1] === 'archive_file' && v.parts.length === 4 && /^output_(path|base64sha256|md5|sha|sha256|base64sha512)$/.test(v.parts[3])) {
    return { kind: 'archive', name: v.parts[2] };
  }
  if (v.kind === 'str') {
    const p = joinRel(dir, v.value);
    return p === null ? { kind: 'unknown', why: `${v.value} leaves the checked folder` } : { kind: 'path', value: p };
  }
  const why = v.kind === 'unknown' ? v.why : `${expr.text} is not a literal`;
  const holes = templateWithHoles(expr, mod, file);
  if (holes !== null && holes.includes(HOLE)) {
    // An unknown start (`${var.dir}/x.zip`) may be any folder: the .tf folder is not prefixed to it.
    const p = holes.startsWith(HOLE) ? holes : joinRel(dir, holes);
    const pattern = p === null ? null : toPattern(p, expr.text.replace(/^"|"$/g, ''));
    if (pattern && p !== null) return { kind: 'pattern', pattern, why, key: p };
  }
  return { kind: 'unknown', why };
}

/** `file("...")` of a repository file: the file's path; undefined for anything else. */
export function fileCall(expr: TSNode, mod: Module, file: string, dir: string): string | undefined {
  const n = unwrap(expr);
  if (n.type !== 'function_call' || n.namedChildren[0]?.text !== 'file') return undefined;
  const arg = n.namedChildren.find((c) => c.type === 'function_arguments')?.namedChildren[0];
  const p = arg ? tfPath(arg, mod, file, dir) : undefined;
  return p?.kind === 'path' ? p.value : undefined;
}

/**
 * The `aws_s3_object` / `aws_s3_bucket_object` a function's `s3_key` names (`aws_s3_object.x.key`, or a literal key
 * that one object uploads to), or why there is none.
 */
export function s3Object(b: Block, blocks: Block[], mod: Module): Block | string {
  const key = b.attrs.get('s3_key');
  if (!key) return 'code in S3 (s3_bucket without s3_key)';
  const v = evaluate(key, mod, b.file, new Set());
  const objects = blocks.filter((x) => x.type === 'resource' && (x.labels[0] === 'aws_s3_object' || x.labels[0] === 'aws_s3_bucket_object'));
  if (v.kind === 'ref' && (v.parts[0] === 'aws_s3_object' || v.parts[0] === 'aws_s3_bucket_object') && v.parts.length === 3) {
    return objects.find((o) => o.labels[0] === v.parts[0] && o.labels[1] === v.parts[1]) ?? `${v.parts.join('.')} is not in this folder`;
  }
  if (v.kind === 'str') {
    const same = objects.filter((o) => {
      const k = o.attrs.get('key');
      const kv = k ? evaluate(k, mod, o.file, new Set()) : undefined;
      return kv?.kind === 'str' && kv.value === v.value;
    });
    if (same.length === 1) return same[0];
    return same.length ? `several S3 objects upload ${v.value}` : `code in S3 (s3_key ${v.value}, uploaded outside Terraform)`;
  }
  return `code in S3 (s3_key: ${v.kind === 'unknown' ? v.why : `${key.text} is not a literal`})`;
}

/**
 * archive_file `excludes`: each pattern excludes the file or folder it names (relative to source_dir), a folder's
 * whole contents with it.
 */
export function archiveExcluder(patterns: string[]): (rel: string) => boolean {
  const isM = picomatch(patterns, { dot: true });
  return (rel) => {
    const parts = rel.split('/');
    for (let k = 1; k <= parts.length; k++) {
      const p = parts.slice(0, k).join('/');
      if (isM(p) || patterns.includes(p)) return true;
    }
    return false;
  };
}

// ---------------------------------------------------------------------------
// terraform-aws-modules/lambda/aws `source_path` (its package.py): a path, or a list of paths and objects
// `{ path, prefix_in_zip, patterns, pip_requirements, ... }`. A folder's files land at `prefix_in_zip/<relative path>`,
// a file at `prefix_in_zip/<name>`; `patterns` are Python regular expressions matched whole against that zip path,
// `!` excluding, the last match deciding (none: kept). Dependencies (pip_requirements, poetry_install) are not ours.

const DEPENDENCY_KEYS = new Set(['pip_requirements', 'pip_tmp_dir', 'poetry_install', 'poetry_export_extra_args', 'uv_install', 'uv_export_extra_args', 'npm_requirements', 'npm_package_json', 'npm_tmp_dir', 'runtime']);

interface Claim {
  path: string;
  prefix: string;
  patterns: { exclude: boolean; re: RegExp }[];
}

function claimOf(v: V, dir: string): Claim | string | null {
  let path: V | undefined = v;
  let prefix = '';
  const patterns: Claim['patterns'] = [];
  if (v.kind === 'obj') {
    const extra = [...v.entries.keys()].filter((k) => k !== 'path' && k !== 'prefix_in_zip' && k !== 'patterns' && !DEPENDENCY_KEYS.has(k));
    if (extra.length) return `source_path object uses ${extra.join(', ')}`;
    path = v.entries.get('path');
    if (!path) return null; // dependencies only
    const pre = v.entries.get('prefix_in_zip');
    if (pre && pre.kind !== 'str') return 'prefix_in_zip is not a literal';
    prefix = pre ? pre.value : '';
    const pats = v.entries.get('patterns');
    if (pats) {
      const lines = pats.kind === 'list' ? pats.items : pats.kind === 'str' ? pats.value.split('\n').map((value) => ({ kind: 'str', value }) as V) : null;
      if (!lines || lines.some((l) => l.kind !== 'str')) return 'patterns are not literals';
      for (const l of lines as { value: string }[]) {
        const t = l.value.trim();
        if (!t || t.startsWith('#')) continue;
        const exclude = t.startsWith('!');
        try {
          patterns.push({ exclude, re: new RegExp(`^(?:${exclude ? t.slice(1) : t})$`) });
        } catch {
          return `pattern ${t} is not a regular expression parity-check reads`;
        }
      }
    }
  }
  if (path.kind === 'unknown') return `source_path: ${path.why}`;
  if (path.kind !== 'str') return 'source_path is not a literal path';
  const root = joinRel(dir, path.value);
  if (root === null) return `source_path ${path.value} leaves the checked folder`;
  return { path: root, prefix: normalizePath(prefix), patterns };
}

export function moduleSourcePath(v: V, loc: Location, dir: string, ctx: SourceContext): Known<SourceLayout> {
  const claims: Claim[] = [];
  for (const item of v.kind === 'list' ? v.items : [v]) {
    const c = claimOf(item, dir);
    if (typeof c === 'string') return unknown(c, loc);
    if (c) claims.push(c);
  }
  if (!claims.length) return unknown('source_path names no path', loc);
  const only = claims.length === 1 ? claims[0] : undefined;
  if (only && !only.prefix && !only.patterns.length && !(ctx.exists(only.path) && !ctx.isDir(only.path))) {
    return known({ how: 'code-root', codeRoot: only.path, unknowns: [] }, loc);
  }
  const files = new Map<string, PackagedFile>();
  const copies: CopyStep[] = [];
  const command = `source_path = ${JSON.stringify(claims.map((c) => c.path))}`;
  for (const c of claims) {
    const keep = (dest: string) => c.patterns.reduce((k, p) => (p.re.test(dest) ? !p.exclude : k), true);
    const join = (rel: string) => (c.prefix ? `${c.prefix}/${rel}` : rel);
    if (ctx.exists(c.path) && !ctx.isDir(c.path)) {
      const dest = join(baseOf(c.path));
      if (keep(dest)) files.set(dest, { dest, src: c.path, loc });
      copies.push({ fromText: c.path, from: c.path, contentsOf: false, to: c.prefix, loc, command });
      continue;
    }
    for (const p of ctx.files()) {
      if (!isUnder(p, c.path) || p === c.path) continue;
      const dest = join(relTo(p, c.path));
      if (keep(dest)) files.set(dest, { dest, src: p, loc });
    }
    copies.push({ fromText: c.path, from: c.path, contentsOf: true, to: c.prefix, loc, command });
  }
  return known({ how: 'simulated', files: [...files.values()].sort((a, b) => (a.dest < b.dest ? -1 : a.dest > b.dest ? 1 : 0)), copies, unknowns: [] }, loc);
}
