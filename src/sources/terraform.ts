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
import { asWritten, evaluate, headerLoc, locOf, readBlocks, type Block, type Module, type V } from './terraform-hcl.js';
import { imageUriPattern, terraformBuild } from './terraform-image.js';

export const terraformSource: DeploySource = {
  id: 'terraform',
  matches: (path) => path.endsWith('.tf'),
  extract: (path, text, ctx) => extractTerraform([{ path, text }], ctx),
  extractGroup: (files, ctx) => extractTerraform(files, ctx),
  groupKey: (path) => dirOf(path),
};

/** One folder's .tf files read together. */
interface Folder {
  dir: string;
  mod: Module;
  archives: Map<string, Block>;
  ctx: SourceContext;
  /** Every block of the folder (an image_uri names an aws_ecr_repository). */
  blocks?: Block[];
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
  const folder: Folder = { dir, mod, archives, ctx, blocks };

  for (const b of blocks) {
    const fn = b.type === 'resource' && b.labels[0] === 'aws_lambda_function' ? resourceFunction(folder, b) : b.type === 'module' ? moduleFunction(folder, b) : null;
    if (!fn) continue;
    for (const [what, k] of [['handler', fn.handler], ['runtime', fn.runtime], ['layout', fn.layout]] as const) {
      if (k && !k.known) facts.unknowns.push({ loc: k.loc ?? fn.loc, what: `${fn.name} ${what}`, why: k.why });
    }
    facts.functions.push(fn);
  }
  return facts;
}

function str(f: Folder, b: Block, name: string): Known<string> | undefined {
  const e = b.attrs.get(name);
  if (!e) return undefined;
  const v = evaluate(e, f.mod, b.file, new Set());
  const loc = locOf(b.file, e);
  if (v.kind === 'str') return known(v.value, loc);
  if (v.kind === 'unknown') return unknown(v.why, loc);
  if (v.kind === 'ref') return unknown(`${v.parts.join('.')} is not a literal`, loc);
  return unknown(`${e.text} is not a string`, loc);
}

const isImage = (f: Folder, b: Block): boolean => {
  const pt = str(f, b, 'package_type');
  return pt?.known === true && pt.value === 'Image';
};

/** What a function resource and a Lambda module state alike: handler, runtime and function name; the layout is the caller's. */
function baseFunction(f: Folder, b: Block, o: { name: string; image: boolean; handlerWhy: string; layoutWhy: string }): SourceFunction {
  const loc = headerLoc(b);
  const fn: SourceFunction = {
    name: o.name,
    source: 'terraform',
    loc,
    packageType: o.image ? 'image' : 'zip',
    handler: str(f, b, 'handler') ?? unknown(o.handlerWhy, loc),
    layout: unknown(o.layoutWhy, loc),
  };
  const rt = str(f, b, 'runtime');
  if (rt) fn.runtime = rt;
  const fname = str(f, b, 'function_name');
  if (fname) fn.functionName = fname;
  return fn;
}

/** `resource "aws_lambda_function"`: an image, a zip from `filename` (an archive_file or a prebuilt zip), or S3. */
function resourceFunction(f: Folder, b: Block): SourceFunction {
  const image = isImage(f, b) || b.attrs.has('image_uri');
  const fn = baseFunction(f, b, { name: b.labels[1] ?? 'aws_lambda_function', image, handlerWhy: 'no handler attribute', layoutWhy: 'no filename/s3_bucket/image_uri' });
  const fnLoc = fn.loc;
  if (image) {
    const ic = b.blocks.find((x) => x.type === 'image_config');
    const cmd = ic?.attrs.get('command');
    if (cmd) {
      const v = evaluate(cmd, f.mod, b.file, new Set());
      const first = v.kind === 'list' ? v.items[0] : undefined;
      fn.handler =
        first?.kind === 'str'
          ? known(first.value, locOf(b.file, first.node))
          : unknown(v.kind === 'unknown' ? v.why : 'image_config.command[0] is not a literal', locOf(b.file, cmd));
    } else if (!b.attrs.has('handler')) {
      fn.handler = unknown('image function without image_config.command: the handler is the image CMD', fnLoc);
    }
    const uri = str(f, b, 'image_uri');
    fn.layout = unknown(`container image ${uri?.known ? uri.value : '(image_uri not a literal)'}: built elsewhere`, uri?.loc ?? fnLoc);
    const ue = b.attrs.get('image_uri');
    if (ue) imageSource(f, b.file, ue, fn);
  } else if (b.attrs.has('filename')) {
    zipFile(f, b, fn);
  } else if (b.attrs.has('s3_bucket')) {
    fn.layout = unknown('code in S3 (s3_bucket/s3_key)', locOf(b.file, b.attrs.get('s3_bucket')!));
  }
  return fn;
}

/** Where an image function's image comes from: a build Terraform makes (docker_image), or a registry pattern. */
function imageSource(f: Folder, file: string, ue: TSNode, fn: SourceFunction) {
  const built = terraformBuild(ue, f.mod, f.blocks ?? []);
  if (built) {
    fn.dockerfile = built.dockerfile;
    fn.dockerContext = built.context;
    if (built.target) fn.dockerTarget = built.target;
  } else fn.imageUri = imageUriPattern(ue, f.mod, file, f.blocks ?? []);
}

/** `filename = data.archive_file.x.output_path`, or a path that an archive_file writes, or a prebuilt zip. */
function zipFile(f: Folder, b: Block, fn: SourceFunction) {
  const { dir, archives } = f;
  const e = b.attrs.get('filename')!;
  const v = evaluate(e, f.mod, b.file, new Set());
  const loc = locOf(b.file, e);
  if (v.kind === 'ref' && v.parts[0] === 'data' && v.parts[1] === 'archive_file' && v.parts[3] === 'output_path') {
    const a = archives.get(v.parts[2]);
    fn.layout = a ? archiveLayout(f, a, loc) : unknown(`data.archive_file.${v.parts[2]} is not in this folder`, loc);
    const out = a ? str(f, a, 'output_path') : undefined;
    if (out?.known) fn.artifact = joinRel(dir, out.value) ?? undefined;
  } else if (v.kind === 'str') {
    const zip = joinRel(dir, v.value);
    const a = [...archives.values()].find((x) => {
      const o = str(f, x, 'output_path');
      return o?.known && joinRel(dir, o.value) === zip;
    });
    if (zip !== null) fn.artifact = zip;
    fn.layout = a ? archiveLayout(f, a, loc) : unknown(`a prebuilt zip ${zip ?? v.value}: built outside Terraform`, loc);
  } else {
    fn.layout = unknown(`filename: ${v.kind === 'unknown' ? v.why : `${e.text} is not a literal`}`, loc);
  }
}

function archiveLayout(f: Folder, a: Block, loc: Location): Known<SourceLayout> {
  const { dir } = f;
  const type = str(f, a, 'type');
  if (type?.known && type.value !== 'zip') return unknown(`archive_file type ${type.value}`, type.loc);
  const srcDir = str(f, a, 'source_dir');
  const srcFile = str(f, a, 'source_file');
  if (srcDir) {
    if (!srcDir.known) return unknown(`source_dir: ${srcDir.why}`, srcDir.loc);
    const rootDir = joinRel(dir, srcDir.value);
    if (rootDir === null) return unknown(`source_dir ${srcDir.value} leaves the checked folder`, srcDir.loc);
    const ex = a.attrs.get('excludes');
    if (!ex) return known({ how: 'code-root', codeRoot: rootDir, unknowns: [] }, srcDir.loc);
    const ev = evaluate(ex, f.mod, a.file, new Set());
    const pats = ev.kind === 'list' && ev.items.every((i) => i.kind === 'str') ? ev.items.map((i) => (i as { value: string }).value) : null;
    if (!pats) return unknown(`excludes: ${ev.kind === 'unknown' ? ev.why : 'not a list of literals'}`, locOf(a.file, ex));
    const isEx = picomatch(pats, { dot: true });
    const files = f.ctx
      .files()
      .filter((p) => isUnder(p, rootDir) && p !== rootDir)
      .map((p) => ({ p, rel: relTo(p, rootDir) }))
      .filter(({ rel }) => !isEx(rel) && !pats.includes(rel))
      .map(({ p, rel }) => ({ dest: rel, src: p, loc: srcDir.loc }));
    const copy = { fromText: asWritten(a, 'source_dir'), from: rootDir, contentsOf: true, to: '', loc: srcDir.loc, command: a.node.text.split('\n')[0] };
    return known({ how: 'simulated', codeRoot: rootDir, files, copies: [copy], unknowns: [] }, srcDir.loc);
  }
  if (srcFile) {
    if (!srcFile.known) return unknown(`source_file: ${srcFile.why}`, srcFile.loc);
    const p = joinRel(dir, srcFile.value);
    if (p === null) return unknown(`source_file ${srcFile.value} leaves the checked folder`, srcFile.loc);
    const dest = p.split('/').pop()!;
    const copy = { fromText: asWritten(a, 'source_file'), from: p, contentsOf: false, to: '', loc: srcFile.loc, command: `source_file = ${JSON.stringify(srcFile.value)}` };
    return known({ how: 'simulated', files: [{ dest, src: p, loc: srcFile.loc }], copies: [copy], unknowns: [] }, srcFile.loc);
  }
  if (a.blocks.some((x) => x.type === 'source')) return unknown('archive_file with inline source blocks', headerLoc(a));
  return unknown('archive_file without source_dir/source_file', loc);
}

/** `module` using terraform-aws-modules/lambda/aws (other modules: null). */
function moduleFunction(f: Folder, b: Block): SourceFunction | null {
  const src = str(f, b, 'source');
  if (!src?.known || !/terraform-aws-modules\/lambda\/aws|terraform-aws-lambda/.test(src.value)) return null;
  const image = isImage(f, b);
  const fn = baseFunction(f, b, { name: b.labels[0] ?? 'module', image, handlerWhy: 'no handler argument', layoutWhy: 'no source_path' });
  const fnLoc = fn.loc;
  if (image) {
    const cmd = b.attrs.get('image_config_command');
    const v = cmd ? evaluate(cmd, f.mod, b.file, new Set()) : undefined;
    const first = v?.kind === 'list' ? v.items[0] : undefined;
    fn.handler = first?.kind === 'str' ? known(first.value, locOf(b.file, first.node)) : unknown('image function: the handler is the image CMD', cmd ? locOf(b.file, cmd) : fnLoc);
    fn.layout = unknown('container image: built elsewhere', fnLoc);
    const ue = b.attrs.get('image_uri');
    if (ue) imageSource(f, b.file, ue, fn);
  } else {
    const cp = str(f, b, 'create_package');
    const sp = b.attrs.get('source_path');
    if (cp?.known === false || (cp === undefined && b.attrs.get('create_package')?.text === 'false') || b.attrs.has('local_existing_package') || b.attrs.has('s3_existing_package')) {
      fn.layout = unknown('create_package = false: a prebuilt package', fnLoc);
    } else if (sp) {
      fn.layout = modulePath(evaluate(sp, f.mod, b.file, new Set()), locOf(b.file, sp), f.dir, f.ctx);
    }
  }
  return fn;
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
