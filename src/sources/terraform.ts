// Terraform (`*.tf`, parsed with tree-sitter-hcl): `resource "aws_lambda_function"`, `data "archive_file"`, and
// `module` blocks using terraform-aws-modules/lambda/aws.
//
// Every .tf file of a folder is one module: the files of a folder are read together (extractGroup), so a function in
// lambda.tf finds the archive_file in archive.tf and `locals` anywhere in the folder.
// Paths: `path.module` and `path.root` are the .tf folder, and relative paths are relative to it (the folder is the
// root module, where `terraform apply` runs), except in a child module one local `module` block calls: its paths
// and `var.*` inputs are the caller's (terraform-modules.ts).
// `var.*`, other data/resource attributes, function calls other than the few below → unknown with why.
import type { DeployFacts, Known, Location, PackagedFile } from '../types.js';
import { entryPointStart, deployVariables, startupEnvironment } from './startup-command.js';
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
  type SourceFacts,
  type SourceFunction,
  type SourceLayout,
  type TSNode,
} from './common.js';
import { terraformLayers } from './layers-terraform.js';
import { asWritten, evaluate, headerLoc, locOf, readBlocks, type Block, type Module } from './terraform-hcl.js';
import { archiveExcluder, fileCall, moduleSourcePath, s3Object, tfPath, type TfPath } from './terraform-artifacts.js';
import { imageUriPattern, terraformBuild } from './terraform-image.js';
import { localExecBuilds } from './terraform-exec.js';
import { asCalled, type Caller } from './terraform-modules.js';

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
  /** Every block of the folder (an image_uri names an aws_ecr_repository). */
  blocks: Block[];
  archives: Map<string, Block>;
  ctx: SourceContext;
  /** The module block calling this folder, when this folder is a child module (terraform-modules.ts). */
  caller?: Caller;
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
  const folder: Folder = { dir, mod, blocks, archives, ctx };
  // A child module one `module` block calls: its inputs and paths are the caller's (terraform-modules.ts).
  asCalled(folder, blocks, facts);

  for (const b of blocks) {
    const fn = b.type === 'resource' && b.labels[0] === 'aws_lambda_function' ? resourceFunction(folder, b) : b.type === 'module' ? moduleFunction(folder, b) : null;
    if (!fn) continue;
    for (const [what, k] of [['handler', fn.handler], ['runtime', fn.runtime], ['layout', fn.layout]] as const) {
      if (k && !k.known) facts.unknowns.push({ loc: k.loc ?? fn.loc, what: `${fn.name} ${what}`, why: k.why });
    }
    facts.functions.push(fn);
  }
  terraformLayers(blocks, facts, { mod, dir: folder.dir, files: () => ctx.files(), layout: (b, loc) => layerZip(folder, b, loc) });
  // local-exec builds (terraform-exec.ts): builds.ts links each to the function zipping the folder it builds.
  const exec = localExecBuilds(blocks, mod, ctx);
  if (exec.builds.length) ((facts as SourceFacts).builds ??= []).push(...exec.builds);
  facts.unknowns.push(...exec.unknowns);
  return facts;
}

/** A layer version's zip as a layout (dest relative to /opt): an archive_file of this folder, else why not. */
function layerZip(f: Folder, b: Block, loc: Location): Known<SourceLayout> {
  const e = b.attrs.get('filename');
  if (!e) return unknown(b.attrs.has('s3_bucket') ? 'the layer zip is in S3 (s3_bucket/s3_key)' : 'no filename', loc);
  const probe: SourceFunction = { name: '', source: 'terraform', loc, packageType: 'zip', handler: unknown('', loc), layout: unknown('', loc) };
  zipFile(f, b, probe);
  return probe.layout;
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
  // `environment { variables = {…} }` on the resource, `environment_variables = {…}` on the module.
  const vars = b.type === 'module' ? b.attrs.get('environment_variables') : b.blocks.find((x) => x.type === 'environment')?.attrs.get('variables');
  const env = vars && evaluate(vars, f.mod, b.file, new Set());
  if (env?.kind === 'obj') {
    const vs: Record<string, Known<string>> = {};
    for (const [k, v] of env.entries) {
      vs[k] = v.kind === 'str' ? known(v.value, locOf(b.file, v.node)) : unknown(v.kind === 'unknown' ? v.why : `${v.node.text} is not a literal`, locOf(b.file, v.node));
    }
    fn.environment = startupEnvironment(vs);
    if (!fn.environment) delete fn.environment;
    Object.assign(fn, deployVariables(vs));
  }
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
    const ep = ic?.attrs.get('entry_point');
    if (ep) {
      const words = (e: TSNode | undefined) => {
        const v = e ? evaluate(e, f.mod, b.file, new Set()) : undefined;
        if (!v) return [];
        if (v.kind !== 'list') return [{ why: v.kind === 'unknown' ? v.why : `${e!.text} is not a list`, loc: locOf(b.file, e!) }];
        return v.items.map((x) => (x.kind === 'str' ? { value: x.value, loc: locOf(b.file, x.node) } : { why: `${x.node.text} is not a literal`, loc: locOf(b.file, x.node) }));
      };
      const s = entryPointStart(words(ep), words(cmd), locOf(b.file, ep));
      if (s.handler) fn.handler = s.handler;
      if (s.startup) fn.startup = s.startup;
      if (s.runtime) fn.runtime = s.runtime;
    }
    const uri = str(f, b, 'image_uri');
    fn.layout = unknown(`container image ${uri?.known ? uri.value : '(image_uri not a literal)'}: built elsewhere`, uri?.loc ?? fnLoc);
    const ue = b.attrs.get('image_uri');
    if (ue) imageSource(f, b.file, ue, fn);
  } else if (b.attrs.has('filename')) {
    zipFile(f, b, fn);
  } else if (b.attrs.has('s3_bucket')) {
    s3Zip(f, b, fn);
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

/**
 * The zip a function is deployed from: `filename`, else the file `source_code_hash` hashes; an archive_file (named,
 * or by its output_path) gives the layout, any other zip is an artifact some builder may make.
 */
function zipFile(f: Folder, b: Block, fn: SourceFunction) {
  const e = b.attrs.get('filename')!;
  const loc = locOf(b.file, e);
  let p = tfPath(e, f.mod, b.file, f.dir);
  const hash = b.attrs.get('source_code_hash');
  if (p.kind === 'unknown' && hash) {
    const h = tfPath(hash, f.mod, b.file, f.dir);
    if (h.kind !== 'unknown') p = h;
  }
  zipFrom(f, p, loc, fn, 'filename');
}

function zipFrom(f: Folder, p: TfPath, loc: Location, fn: SourceFunction, what: string) {
  const { dir, archives } = f;
  if (p.kind === 'archive') {
    const a = archives.get(p.name);
    fn.layout = a ? archiveLayout(f, a, loc, fn) : unknown(`data.archive_file.${p.name} is not in this folder`, loc);
    const out = a ? str(f, a, 'output_path') : undefined;
    if (out?.known) fn.artifact = joinRel(dir, out.value) ?? undefined;
  } else if (p.kind === 'path') {
    const a = [...archives.values()].find((x) => {
      const o = str(f, x, 'output_path');
      return o?.known && joinRel(dir, o.value) === p.value;
    });
    // The caller's archive_file, passed in as `data.archive_file.N.output_path`: read in the caller's folder.
    const c = f.caller;
    const cf: Folder | undefined = !a && c ? { dir: c.dir, mod: c.mod, blocks: c.blocks, archives: c.archives, ctx: f.ctx } : undefined;
    const written = (x: Block) => { const o = str(cf!, x, 'output_path'); return o?.known ? joinRel(cf!.dir, o.value) : null; };
    const ca = cf && [...cf.archives.values()].find((x) => written(x) === p.value);
    fn.artifact = p.value;
    fn.layout = a ? archiveLayout(f, a, loc, fn) : ca ? archiveLayout(cf, ca, loc, fn) : unknown(`a prebuilt zip ${p.value}: built outside Terraform`, loc);
  } else if (p.kind === 'pattern') {
    // The archive_file that writes the same expression (`"../files/${var.name}"` in both) writes this zip.
    const a = [...archives.values()].find((x) => {
      const o = x.attrs.get('output_path');
      const op = o ? tfPath(o, f.mod, x.file, dir) : undefined;
      return op?.kind === 'pattern' && op.key === p.key;
    });
    fn.artifactPattern = p.pattern;
    fn.layout = a ? archiveLayout(f, a, loc, fn) : unknown(`${what}: ${p.why}`, loc);
  } else {
    fn.layout = unknown(`${what}: ${p.why}`, loc);
  }
}

/** `s3_bucket` + `s3_key`: the zip an `aws_s3_object` uploads (its `source`), or code put in S3 elsewhere. */
function s3Zip(f: Folder, b: Block, fn: SourceFunction) {
  const loc = locOf(b.file, b.attrs.get('s3_key') ?? b.attrs.get('s3_bucket')!);
  const o = s3Object(b, f.blocks, f.mod);
  const src = typeof o === 'string' ? undefined : o.attrs.get('source');
  if (typeof o === 'string' || !src) {
    fn.layout = unknown(typeof o === 'string' ? o : `${o.labels.join('.')} has no source`, loc);
    return;
  }
  zipFrom(f, tfPath(src, f.mod, o.file, f.dir), locOf(o.file, src), fn, `${o.labels.join('.')}.source`);
}

/** What an archive_file zips; a `source_dir` is also the function's packageDir (a build step may create it). */
function archiveLayout(f: Folder, a: Block, loc: Location, fn: SourceFunction): Known<SourceLayout> {
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
    fn.packageDir = { dir: rootDir, loc: srcDir.loc };
    if (!ex) return known({ how: 'code-root', codeRoot: rootDir, unknowns: [] }, srcDir.loc);
    const ev = evaluate(ex, f.mod, a.file, new Set());
    const pats = ev.kind === 'list' && ev.items.every((i) => i.kind === 'str') ? ev.items.map((i) => (i as { value: string }).value) : null;
    if (!pats) {
      fn.packageDir = undefined;
      return unknown(`excludes: ${ev.kind === 'unknown' ? ev.why : 'not a list of literals'}`, locOf(a.file, ex));
    }
    fn.packageDir.excludes = pats;
    const isEx = archiveExcluder(pats);
    const files = f.ctx
      .files()
      .filter((p) => isUnder(p, rootDir) && p !== rootDir)
      .map((p) => ({ p, rel: relTo(p, rootDir) }))
      .filter(({ rel }) => !isEx(rel))
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
  const blocks = a.blocks.filter((x) => x.type === 'source');
  if (blocks.length) return sourceBlocks(f, blocks, headerLoc(a));
  return unknown('archive_file without source_dir/source_file', loc);
}

/** `module` using terraform-aws-modules/lambda/aws (other modules: null). */
function moduleFunction(f: Folder, b: Block): SourceFunction | null {
  const src = str(f, b, 'source');
  if (!src?.known || !/terraform-aws-modules\/lambda\/aws|terraform-aws-lambda/.test(src.value)) return null;
  // `create_layer = true` makes the module build a layer and no function (layers-terraform.ts reads it).
  if (b.attrs.get('create_layer')?.text === 'true') return null;
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
    const local = b.attrs.get('local_existing_package');
    if (local) {
      // A prebuilt zip: some builder may make it (matched like `filename`).
      zipFrom(f, tfPath(local, f.mod, b.file, f.dir), locOf(b.file, local), fn, 'local_existing_package');
    } else if (cp?.known === false || (cp === undefined && b.attrs.get('create_package')?.text === 'false') || b.attrs.has('s3_existing_package')) {
      fn.layout = unknown('create_package = false: a prebuilt package', fnLoc);
    } else if (sp) {
      fn.layout = moduleSourcePath(evaluate(sp, f.mod, b.file, new Set()), locOf(b.file, sp), f.dir, f.ctx);
    }
  }
  return fn;
}

/**
 * archive_file `source { content = file("x.py"), filename = "handler.py" }` blocks: each is one file of the zip. A
 * `content` that is not a file of the repository (inline text, templatefile) leaves the package partly known.
 */
function sourceBlocks(f: Folder, blocks: Block[], loc: Location): Known<SourceLayout> {
  const files: PackagedFile[] = [];
  const unknowns: { loc: Location; why: string }[] = [];
  for (const b of blocks) {
    const name = str(f, b, 'filename');
    const content = b.attrs.get('content');
    const at = headerLoc(b);
    const src = content ? fileCall(content, f.mod, b.file, f.dir) : undefined;
    if (!name?.known || !content || !src) {
      unknowns.push({ loc: content ? locOf(b.file, content) : at, why: !name?.known ? 'source filename is not a literal' : 'source content is not file("...") of a repository file' });
      continue;
    }
    const dest = joinRel('', name.value);
    if (dest === null) unknowns.push({ loc: name.loc, why: `source filename ${name.value} leaves the package` });
    else files.push({ dest, src, loc: name.loc });
  }
  const copies = files.map((x) => ({ fromText: x.src, from: x.src, contentsOf: false, to: dirOf(x.dest), loc: x.loc, command: `source { filename = ${JSON.stringify(x.dest)} }` }));
  return known({ how: 'simulated', files, copies, unknowns }, loc);
}
