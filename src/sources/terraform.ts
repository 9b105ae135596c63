// Terraform (`*.tf`, parsed with tree-sitter-hcl): `resource "aws_lambda_function"`, `data "archive_file"`, and
// `module` blocks using terraform-aws-modules/lambda/aws.
//
// Every .tf file of a folder is one module: the files of a folder are read together (extractGroup), so a function in
// lambda.tf finds the archive_file in archive.tf and `locals` anywhere in the folder.
// Paths: `path.module` and `path.root` are the .tf folder, and relative paths are relative to it — this assumes the
// folder is the root module (where `terraform apply` runs), which is how a deploy folder is laid out; a child module
// called from elsewhere with relative (non `path.module`) paths would resolve against the caller's folder instead.
// `var.*`, other data/resource attributes, function calls other than the few below → unknown with why.
import type { DeployFacts, Known, Location } from '../types.js';
import {
  at,
  dirOf,
  emptyFacts,
  firstError,
  getHclParser,
  isUnder,
  joinRel,
  known,
  relTo,
  unknown,
  type DeploySource,
  type SourceContext,
  type SourceFunction,
  type SourceLayout,
  type TSNode,
} from './common.js';
import picomatch from 'picomatch';
import { nodeSpan } from '../util/span.js';

export const terraformSource: DeploySource = {
  id: 'terraform',
  matches: (path) => path.endsWith('.tf'),
  extract: (path, text, ctx) => extractTerraform([{ path, text }], ctx),
  extractGroup: (files, ctx) => extractTerraform(files, ctx),
  groupKey: (path) => dirOf(path),
};

// ---------------------------------------------------------------------------
// Values

type V =
  | { kind: 'str'; value: string; node: TSNode }
  | { kind: 'list'; items: V[]; node: TSNode }
  | { kind: 'obj'; entries: Map<string, V>; node: TSNode }
  | { kind: 'ref'; parts: string[]; node: TSNode }
  | { kind: 'other'; value: unknown; node: TSNode }
  | { kind: 'unknown'; why: string; node: TSNode };

interface Block {
  file: string;
  node: TSNode;
  type: string;
  labels: string[];
  attrs: Map<string, TSNode>; // attribute name → expression node
  blocks: Block[];
}

interface Module {
  dir: string;
  locals: Map<string, { file: string; expr: TSNode }>;
}

function unwrap(n: TSNode): TSNode {
  // `expression` wraps one node unless it is a traversal (variable_expr get_attr...).
  while (n.type === 'expression' && n.namedChildren.length === 1) n = n.namedChildren[0];
  return n;
}

function templateText(parts: TSNode[], mod: Module, file: string, seen: Set<string>, node: TSNode): V {
  let s = '';
  for (const p of parts) {
    if (p.type === 'quoted_template_start' || p.type === 'quoted_template_end' || p.type === 'heredoc_start' || p.type === 'heredoc_identifier') continue;
    if (p.type === 'template_literal') s += p.text;
    else if (p.type === 'template_interpolation') {
      const e = p.namedChildren.find((c) => c.type === 'expression');
      if (!e) return { kind: 'unknown', why: `${p.text} is not understood`, node };
      const v = evaluate(e, mod, file, seen);
      if (v.kind === 'str') s += v.value;
      else if (v.kind === 'unknown') return { kind: 'unknown', why: v.why, node };
      else return { kind: 'unknown', why: `${p.text} is not a string`, node };
    } else if (p.type === 'template_directive' || p.type === 'template_for' || p.type === 'template_if') {
      return { kind: 'unknown', why: `template directive ${p.text}`, node };
    }
  }
  return { kind: 'str', value: s, node };
}

function evaluate(expr: TSNode, mod: Module, file: string, seen: Set<string>): V {
  const n = unwrap(expr);
  switch (n.type) {
    case 'literal_value': {
      const c = n.namedChildren[0];
      if (c?.type === 'string_lit') return templateText(c.children, mod, file, seen, expr);
      if (c?.type === 'numeric_lit') return { kind: 'str', value: c.text, node: expr };
      if (c?.type === 'bool_lit') return { kind: 'other', value: c.text === 'true', node: expr };
      return { kind: 'other', value: null, node: expr };
    }
    case 'string_lit':
      return templateText(n.children, mod, file, seen, expr);
    case 'template_expr': {
      const q = n.namedChildren[0];
      if (q?.type === 'quoted_template') return templateText(q.children, mod, file, seen, expr);
      return { kind: 'unknown', why: 'heredoc template', node: expr };
    }
    case 'collection_value': {
      const c = n.namedChildren[0];
      if (c?.type === 'tuple') {
        return { kind: 'list', items: c.namedChildren.filter((x) => x.type === 'expression').map((x) => evaluate(x, mod, file, seen)), node: expr };
      }
      if (c?.type === 'object') {
        const entries = new Map<string, V>();
        for (const el of c.namedChildren.filter((x) => x.type === 'object_elem')) {
          const k = el.childForFieldName('key');
          const v = el.childForFieldName('val');
          if (!k || !v) continue;
          const ku = unwrap(k);
          const key = ku.type === 'variable_expr' ? ku.text : (() => { const kv = evaluate(k, mod, file, seen); return kv.kind === 'str' ? kv.value : null; })();
          if (key === null) return { kind: 'unknown', why: `object key ${k.text} is not a literal`, node: expr };
          entries.set(key, evaluate(v, mod, file, seen));
        }
        return { kind: 'obj', entries, node: expr };
      }
      return { kind: 'unknown', why: `${n.text} is not understood`, node: expr };
    }
    case 'expression':
    case 'variable_expr': {
      // Traversal: variable_expr followed by get_attr / index siblings.
      const parts: string[] = [];
      for (const c of n.type === 'variable_expr' ? [n] : n.namedChildren) {
        if (c.type === 'variable_expr') parts.push(c.text);
        else if (c.type === 'get_attr') parts.push(c.text.replace(/^\./, ''));
        else return { kind: 'unknown', why: `${n.text} (indexing/splat) is not a literal`, node: expr };
      }
      const text = parts.join('.');
      if (parts[0] === 'path' && (parts[1] === 'module' || parts[1] === 'root') && parts.length === 2) return { kind: 'str', value: '.', node: expr };
      if (parts[0] === 'path') return { kind: 'unknown', why: `${text} depends on where terraform runs`, node: expr };
      if (parts[0] === 'var') return { kind: 'unknown', why: `${text} is a variable`, node: expr };
      if (parts[0] === 'local' && parts.length === 2) {
        const l = mod.locals.get(parts[1]);
        if (!l) return { kind: 'unknown', why: `${text} is not defined in this folder`, node: expr };
        if (seen.has(parts[1])) return { kind: 'unknown', why: `${text} refers to itself`, node: expr };
        const v = evaluate(l.expr, mod, l.file, new Set([...seen, parts[1]]));
        return v.kind === 'unknown' ? { kind: 'unknown', why: `${text}: ${v.why}`, node: expr } : { ...v, node: expr };
      }
      return { kind: 'ref', parts, node: expr };
    }
    case 'function_call': {
      const name = n.namedChildren[0]?.text;
      return { kind: 'unknown', why: `${name}(...) is a function call`, node: expr };
    }
    default:
      return { kind: 'unknown', why: `${n.text.slice(0, 60)} is not a literal`, node: expr };
  }
}

// ---------------------------------------------------------------------------
// Blocks

function readBlocks(file: string, body: TSNode | null | undefined): Block[] {
  const out: Block[] = [];
  if (!body) return out;
  for (const c of body.namedChildren) {
    if (c.type !== 'block') continue;
    const type = c.namedChildren[0]?.text ?? '';
    const labels: string[] = [];
    for (const l of c.namedChildren.slice(1)) {
      if (l.type === 'string_lit') labels.push(l.namedChildren.filter((x) => x.type === 'template_literal').map((x) => x.text).join(''));
      else if (l.type === 'identifier') labels.push(l.text);
    }
    const inner = c.namedChildren.find((x) => x.type === 'body');
    const attrs = new Map<string, TSNode>();
    for (const a of inner?.namedChildren ?? []) {
      if (a.type !== 'attribute') continue;
      const name = a.namedChildren[0]?.text;
      const expr = a.namedChildren.find((x) => x.type === 'expression');
      if (name && expr) attrs.set(name, expr);
    }
    out.push({ file, node: c, type, labels, attrs, blocks: readBlocks(file, inner) });
  }
  return out;
}

function headerLoc(b: Block): Location {
  const first = b.node.namedChildren[0];
  const lastLabel = b.node.namedChildren.filter((x) => x.type === 'string_lit' || x.type === 'identifier').pop() ?? first;
  const s = nodeSpan(first);
  const e = nodeSpan(lastLabel);
  return at(b.file, { line: s.line, column: s.column, endLine: e.endLine, endColumn: e.endColumn });
}

/** An attribute's value as written (quotes of a plain string removed). */
function asWritten(b: Block, name: string): string {
  const t = b.attrs.get(name)?.text ?? '';
  return t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1) : t;
}

function locOf(file: string, n: TSNode): Location {
  return at(file, nodeSpan(n));
}

export function extractTerraform(files: { path: string; text: string }[], ctx: SourceContext): DeployFacts {
  const facts = emptyFacts();
  const parser = getHclParser();
  const blocks: Block[] = [];
  const dir = files.length ? dirOf(files[0].path) : '';
  const mod: Module = { dir, locals: new Map() };
  for (const f of files) {
    const tree = parser.parse(f.text);
    const root = tree.rootNode as TSNode;
    const err = firstError(root);
    if (err) facts.problems.push({ loc: locOf(f.path, err), message: `HCL syntax error near ${JSON.stringify(err.text.slice(0, 40))}` });
    const body = root.namedChildren.find((x) => x.type === 'body');
    const bs = readBlocks(f.path, body);
    blocks.push(...bs);
    for (const b of bs) if (b.type === 'locals') for (const [k, e] of b.attrs) mod.locals.set(k, { file: f.path, expr: e });
  }

  const archives = new Map<string, Block>();
  for (const b of blocks) if (b.type === 'data' && b.labels[0] === 'archive_file' && b.labels[1]) archives.set(b.labels[1], b);

  const str = (b: Block, name: string): Known<string> | undefined => {
    const e = b.attrs.get(name);
    if (!e) return undefined;
    const v = evaluate(e, mod, b.file, new Set());
    const loc = locOf(b.file, e);
    if (v.kind === 'str') return known(v.value, loc);
    if (v.kind === 'unknown') return unknown(v.why, loc);
    if (v.kind === 'ref') return unknown(`${v.parts.join('.')} is not a literal`, loc);
    return unknown(`${e.text} is not a string`, loc);
  };

  const archiveLayout = (a: Block, loc: Location): Known<SourceLayout> => {
    const aLoc = headerLoc(a);
    const type = str(a, 'type');
    if (type?.known && type.value !== 'zip') return unknown(`archive_file type ${type.value}`, type.loc);
    const srcDir = str(a, 'source_dir');
    const srcFile = str(a, 'source_file');
    if (srcDir) {
      if (!srcDir.known) return unknown(`source_dir: ${srcDir.why}`, srcDir.loc);
      const rootDir = joinRel(dir, srcDir.value);
      if (rootDir === null) return unknown(`source_dir ${srcDir.value} leaves the checked folder`, srcDir.loc);
      const ex = a.attrs.get('excludes');
      if (!ex) return known({ how: 'code-root', codeRoot: rootDir, unknowns: [] }, srcDir.loc);
      const ev = evaluate(ex, mod, a.file, new Set());
      const pats = ev.kind === 'list' && ev.items.every((i) => i.kind === 'str') ? ev.items.map((i) => (i as { value: string }).value) : null;
      if (!pats) return unknown(`excludes: ${ev.kind === 'unknown' ? ev.why : 'not a list of literals'}`, locOf(a.file, ex));
      const isEx = picomatch(pats, { dot: true });
      const files = ctx
        .files()
        .filter((f) => isUnder(f, rootDir) && f !== rootDir)
        .map((f) => ({ f, rel: relTo(f, rootDir) }))
        .filter(({ rel }) => !isEx(rel) && !pats.includes(rel))
        .map(({ f, rel }) => ({ dest: rel, src: f, loc: srcDir.loc }));
      return known(
        {
          how: 'simulated',
          codeRoot: rootDir,
          files,
          copies: [{ fromText: asWritten(a, 'source_dir'), from: rootDir, contentsOf: true, to: '', loc: srcDir.loc, command: a.node.text.split('\n')[0] }],
          unknowns: [],
        },
        srcDir.loc,
      );
    }
    if (srcFile) {
      if (!srcFile.known) return unknown(`source_file: ${srcFile.why}`, srcFile.loc);
      const f = joinRel(dir, srcFile.value);
      if (f === null) return unknown(`source_file ${srcFile.value} leaves the checked folder`, srcFile.loc);
      const dest = f.split('/').pop()!;
      return known(
        {
          how: 'simulated',
          files: [{ dest, src: f, loc: srcFile.loc }],
          copies: [{ fromText: asWritten(a, 'source_file'), from: f, contentsOf: false, to: '', loc: srcFile.loc, command: `source_file = ${JSON.stringify(srcFile.value)}` }],
          unknowns: [],
        },
        srcFile.loc,
      );
    }
    if (a.blocks.some((x) => x.type === 'source')) return unknown('archive_file with inline source blocks', aLoc);
    return unknown('archive_file without source_dir/source_file', loc);
  };

  const finish = (fn: SourceFunction) => {
    for (const [what, k] of [['handler', fn.handler], ['runtime', fn.runtime], ['layout', fn.layout]] as const) {
      if (k && !k.known) facts.unknowns.push({ loc: k.loc ?? fn.loc, what: `${fn.name} ${what}`, why: k.why });
    }
    facts.functions.push(fn);
  };

  for (const b of blocks) {
    if (b.type === 'resource' && b.labels[0] === 'aws_lambda_function') {
      const fnLoc = headerLoc(b);
      const name = b.labels[1] ?? 'aws_lambda_function';
      const pt = str(b, 'package_type');
      const image = (pt?.known && pt.value === 'Image') || b.attrs.has('image_uri');
      const fn: SourceFunction = {
        name,
        source: 'terraform',
        loc: fnLoc,
        packageType: image ? 'image' : 'zip',
        handler: str(b, 'handler') ?? unknown('no handler attribute', fnLoc),
        layout: unknown('no filename/s3_bucket/image_uri', fnLoc),
      };
      const rt = str(b, 'runtime');
      if (rt) fn.runtime = rt;
      const fname = str(b, 'function_name');
      if (fname) fn.functionName = fname;
      if (image) {
        const ic = b.blocks.find((x) => x.type === 'image_config');
        const cmd = ic?.attrs.get('command');
        if (cmd) {
          const v = evaluate(cmd, mod, b.file, new Set());
          const first = v.kind === 'list' ? v.items[0] : undefined;
          fn.handler =
            first?.kind === 'str'
              ? known(first.value, locOf(b.file, first.node))
              : unknown(v.kind === 'unknown' ? v.why : 'image_config.command[0] is not a literal', locOf(b.file, cmd));
        } else if (!b.attrs.has('handler')) {
          fn.handler = unknown('image function without image_config.command: the handler is the image CMD', fnLoc);
        }
        const uri = str(b, 'image_uri');
        fn.layout = unknown(`container image ${uri?.known ? uri.value : '(image_uri not a literal)'}: built elsewhere`, uri?.loc ?? fnLoc);
      } else if (b.attrs.has('filename')) {
        const e = b.attrs.get('filename')!;
        const v = evaluate(e, mod, b.file, new Set());
        const loc = locOf(b.file, e);
        if (v.kind === 'ref' && v.parts[0] === 'data' && v.parts[1] === 'archive_file' && v.parts[3] === 'output_path') {
          const a = archives.get(v.parts[2]);
          fn.layout = a ? archiveLayout(a, loc) : unknown(`data.archive_file.${v.parts[2]} is not in this folder`, loc);
          const out = a ? str(a, 'output_path') : undefined;
          if (out?.known) fn.artifact = joinRel(dir, out.value) ?? undefined;
        } else if (v.kind === 'str') {
          const zip = joinRel(dir, v.value);
          const a = [...archives.values()].find((x) => {
            const o = str(x, 'output_path');
            return o?.known && joinRel(dir, o.value) === zip;
          });
          if (zip !== null) fn.artifact = zip;
          fn.layout = a ? archiveLayout(a, loc) : unknown(`a prebuilt zip ${zip ?? v.value}: built outside Terraform`, loc);
        } else {
          fn.layout = unknown(`filename: ${v.kind === 'unknown' ? v.why : `${e.text} is not a literal`}`, loc);
        }
      } else if (b.attrs.has('s3_bucket')) {
        fn.layout = unknown('code in S3 (s3_bucket/s3_key)', locOf(b.file, b.attrs.get('s3_bucket')!));
      }
      finish(fn);
    } else if (b.type === 'module') {
      const src = str(b, 'source');
      if (!src?.known || !/terraform-aws-modules\/lambda\/aws|terraform-aws-lambda/.test(src.value)) continue;
      const fnLoc = headerLoc(b);
      const pt = str(b, 'package_type');
      const image = pt?.known && pt.value === 'Image';
      const fn: SourceFunction = {
        name: b.labels[0] ?? 'module',
        source: 'terraform',
        loc: fnLoc,
        packageType: image ? 'image' : 'zip',
        handler: str(b, 'handler') ?? unknown('no handler argument', fnLoc),
        layout: unknown('no source_path', fnLoc),
      };
      const rt = str(b, 'runtime');
      if (rt) fn.runtime = rt;
      const fname = str(b, 'function_name');
      if (fname) fn.functionName = fname;
      if (image) {
        const cmd = b.attrs.get('image_config_command');
        const v = cmd ? evaluate(cmd, mod, b.file, new Set()) : undefined;
        const first = v?.kind === 'list' ? v.items[0] : undefined;
        fn.handler = first?.kind === 'str' ? known(first.value, locOf(b.file, first.node)) : unknown('image function: the handler is the image CMD', cmd ? locOf(b.file, cmd) : fnLoc);
        fn.layout = unknown('container image: built elsewhere', fnLoc);
      } else {
        const cp = str(b, 'create_package');
        const sp = b.attrs.get('source_path');
        if (cp?.known === false || (cp === undefined && b.attrs.get('create_package')?.text === 'false') || b.attrs.has('local_existing_package') || b.attrs.has('s3_existing_package')) {
          fn.layout = unknown('create_package = false: a prebuilt package', fnLoc);
        } else if (sp) {
          fn.layout = modulePath(evaluate(sp, mod, b.file, new Set()), locOf(b.file, sp), dir, ctx);
        }
      }
      finish(fn);
    }
  }
  return facts;
}

const OK_SOURCE_KEYS = new Set(['path', 'pip_requirements', 'pip_tmp_dir', 'poetry_install', 'npm_requirements']);

function modulePath(v: V, loc: Location, dir: string, ctx: SourceContext): Known<SourceLayout> {
  let p: V | undefined = v;
  if (v.kind === 'list') {
    if (v.items.length !== 1) return unknown(`source_path lists ${v.items.length} sources`, loc);
    p = v.items[0];
  }
  if (p.kind === 'obj') {
    const extra = [...p.entries.keys()].filter((k) => !OK_SOURCE_KEYS.has(k));
    if (extra.length) return unknown(`source_path object uses ${extra.join(', ')}`, loc);
    const path = p.entries.get('path');
    if (!path) return unknown('source_path object without path', loc);
    p = path;
  }
  if (p.kind === 'unknown') return unknown(`source_path: ${p.why}`, loc);
  if (p.kind !== 'str') return unknown('source_path is not a literal path', loc);
  const root = joinRel(dir, p.value);
  if (root === null) return unknown(`source_path ${p.value} leaves the checked folder`, loc);
  if (ctx.exists(root) && !ctx.isDir(root)) {
    const dest = root.split('/').pop()!;
    return known({ how: 'simulated', files: [{ dest, src: root, loc }], copies: [{ fromText: p.value, from: root, contentsOf: false, to: '', loc, command: `source_path = ${JSON.stringify(p.value)}` }], unknowns: [] }, loc);
  }
  return known({ how: 'code-root', codeRoot: root, unknowns: [] }, loc);
}
