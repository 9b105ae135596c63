// A local child module's input variables (#15 deploy5 item 3, irvi01): `filename = var.zip_file` in
// modules/lambda-func/main.tf, set by `module "lambda" { source = "./modules/lambda-func"; zip_file = … }` in the
// root. Terraform semantics followed:
//   - a child module's `var.X` is the calling block's argument X evaluated in the caller, else the child's
//     `variable "X" { default = … }` (nothing else can set a child's variable);
//   - relative paths are relative to where terraform runs (the root module's folder), `path.module` is the child's
//     folder: the child's paths are resolved from the caller's folder, with `path.module` = the child's folder
//     relative to it;
//   - in the caller (the root), `var.Y` is its `variable "Y"` default only when the folder has no .tfvars file
//     (a tfvars file or `-var` may set it otherwise; --verbose says the default was used);
//   - a caller's `data.archive_file.N.output_path` is that archive's output path (the archive block is the caller's).
// Only a folder that exactly one `module` block calls (by a local `./` or `../` source) is read so; a module called
// twice, from a registry or with unknown source stays as before (`var.*` not known).
import type { DeployFacts, Location } from '../types.js';
import { posix } from 'node:path';
import { dirOf, firstError, getHclParser, joinRel, type SourceContext, type TSNode } from './common.js';
import { evaluate, locOf, readBlocks, unwrap, type Block, type Module } from './terraform-hcl.js';

export interface Caller {
  /** The caller's folder: paths of the child are resolved from it. */
  dir: string;
  mod: Module;
  blocks: Block[];
  archives: Map<string, Block>;
  /** The child's inputs (the Module.inputs to use) and the child's path.module. */
  inputs: NonNullable<Module['inputs']>;
  pathModule: string;
  /** Root variables whose default was used: said in --verbose. */
  defaults: { input: string; loc: Location; why: string }[];
}

interface Parsed {
  path: string;
  blocks: Block[];
}

const cache = new WeakMap<SourceContext, Map<string, Parsed | null>>();

/** The .tf file's blocks (parsed once per run for the caller search; a file with a syntax error is skipped). */
function parsed(ctx: SourceContext, path: string): Parsed | null {
  let m = cache.get(ctx);
  if (!m) cache.set(ctx, (m = new Map()));
  if (m.has(path)) return m.get(path)!;
  const text = ctx.text?.(path);
  let out: Parsed | null = null;
  if (text !== undefined) {
    const root = getHclParser().parse(text).rootNode as TSNode;
    if (!firstError(root)) out = { path, blocks: readBlocks(path, root.namedChildren.find((x) => x.type === 'body')) };
  }
  m.set(path, out);
  return out;
}

const literal = (e: TSNode | undefined): string | undefined => {
  const n = e && unwrap(e);
  return n && /^"[^"$%\\]*"$/.test(n.text) ? n.text.slice(1, -1) : undefined;
};

/** The one caller of the module in `dir`, with the inputs it gives; undefined when none or several call it. */
export function callerOf(childMod: Module, own: Block[], ctx: SourceContext): Caller | undefined {
  const dir = childMod.dir;
  // Only a folder that declares variables is a module anyone passes inputs to.
  if (!own.some((b) => b.type === 'variable')) return undefined;
  const base = dir.split('/').pop() ?? '';
  const hits: { file: string; block: Block }[] = [];
  for (const p of ctx.files()) {
    if (!p.endsWith('.tf') || dirOf(p) === dir) continue;
    const text = ctx.text?.(p);
    if (text === undefined || !text.includes('module') || !text.includes(base)) continue;
    for (const b of parsed(ctx, p)?.blocks ?? []) {
      if (b.type !== 'module') continue;
      const src = literal(b.attrs.get('source'));
      if (!src || !/^\.\.?\//.test(src)) continue;
      if (joinRel(dirOf(p), src.replace(/\/$/, '')) === dir) hits.push({ file: p, block: b });
    }
  }
  if (hits.length !== 1) return undefined;
  const { file, block } = hits[0];
  const cdir = dirOf(file);
  const cblocks = ctx.files().filter((p) => p.endsWith('.tf') && dirOf(p) === cdir).flatMap((p) => parsed(ctx, p)?.blocks ?? []);
  const cmod: Module = { dir: cdir, locals: new Map() };
  for (const b of cblocks) if (b.type === 'locals') for (const [k, e] of b.attrs) cmod.locals.set(k, { file: b.file, expr: e });
  const archives = new Map<string, Block>();
  for (const b of cblocks) if (b.type === 'data' && b.labels[0] === 'archive_file' && b.labels[1]) archives.set(b.labels[1], b);
  const defaults: Caller['defaults'] = [];
  // The root's own variables: their defaults, unless a tfvars file may set them.
  const tfvars = ctx.files().some((p) => dirOf(p) === cdir && /\.tfvars(\.json)?$/.test(p));
  if (!tfvars) {
    cmod.inputs = new Map();
    for (const b of cblocks) {
      const d = b.type === 'variable' && b.labels[0] ? b.attrs.get('default') : undefined;
      if (d) cmod.inputs.set(b.labels[0], { file: b.file, expr: d, mod: cmod });
    }
  }
  const inputs: Caller['inputs'] = new Map();
  for (const b of own) {
    const d = b.type === 'variable' && b.labels[0] ? b.attrs.get('default') : undefined;
    if (d) inputs.set(b.labels[0], { file: b.file, expr: d, mod: childMod });
  }
  for (const [k, e] of block.attrs) {
    if (k === 'source' || k === 'version' || k === 'count' || k === 'for_each' || k === 'providers' || k === 'depends_on') continue;
    const v = evaluate(e, cmod, file, new Set());
    // `data.archive_file.N.output_path` of the caller: that archive's output path, in the caller.
    const arch = v.kind === 'ref' && v.parts[0] === 'data' && v.parts[1] === 'archive_file' && v.parts[3] === 'output_path' ? archives.get(v.parts[2]) : undefined;
    const out = arch?.attrs.get('output_path');
    inputs.set(k, out ? { file: arch!.file, expr: out, mod: cmod } : { file, expr: e, mod: cmod });
    for (const m of e.text.matchAll(/\bvar\.([A-Za-z_][\w-]*)/g)) {
      const dv = cmod.inputs?.get(m[1]);
      if (dv) defaults.push({ input: k, loc: locOf(file, e), why: `module input ${k} = var.${m[1]}, taken at its default ${dv.expr.text} (no .tfvars file in ${cdir || 'the checked folder'}; terraform -var may set another)` });
    }
  }
  return { dir: cdir, mod: cmod, blocks: cblocks, archives, inputs, pathModule: posix.relative(cdir || '.', dir || '.') || '.', defaults };
}

/** Reads the folder as the module its one caller calls: inputs, paths and `path.module` (nothing when no one caller). */
export function asCalled(folder: { dir: string; mod: Module; ctx: SourceContext; caller?: Caller }, blocks: Block[], facts: DeployFacts) {
  const caller = callerOf(folder.mod, blocks, folder.ctx);
  if (!caller) return;
  Object.assign(folder.mod, { inputs: caller.inputs, pathModule: caller.pathModule, dir: caller.dir });
  Object.assign(folder, { dir: caller.dir, caller });
  // A root default used is said only for the inputs a function reads.
  const used = blocks.filter((b) => b.type === 'resource' && b.labels[0] === 'aws_lambda_function').map((b) => b.node.text).join('\n');
  for (const d of caller.defaults) if (new RegExp(`\\bvar\\.${d.input}\\b`).test(used)) (facts.links ??= []).push({ loc: d.loc, message: d.why });
}
