// Terraform (`*.tf`, parsed with tree-sitter-hcl): `resource "aws_lambda_function"`, `data "archive_file"`, and
// `module` blocks using terraform-aws-modules/lambda/aws.
//
// Every .tf file of a folder is one module: the files of a folder are read together (extractGroup), so a function in
// lambda.tf finds the archive_file in archive.tf and `locals` anywhere in the folder.
// Paths: `path.module` and `path.root` are the .tf folder, and relative paths are relative to it (the folder is the
// root module, where `terraform apply` runs), except in a child module one local `module` block calls: its paths
// and `var.*` inputs are the caller's (terraform-modules.ts).
// `var.*`, other data/resource attributes, function calls other than the few below → unknown with why.
// Files: terraform-functions.ts (a function resource or Lambda module), terraform-zip.ts (the zip it is deployed
// from: archive_file, prebuilt, S3), terraform-folder.ts (a folder's blocks, literal attributes), terraform-hcl.ts
// (blocks, expressions), terraform-artifacts.ts (paths), terraform-image.ts, terraform-exec.ts, terraform-modules.ts.
import type { DeployFacts } from '../types.js';
import { dirOf, emptyFacts, firstError, getHclParser, type DeploySource, type SourceContext, type SourceFacts, type TSNode } from './common.js';
import { terraformLayers } from './layers-terraform.js';
import type { Folder } from './terraform-folder.js';
import { moduleFunction, resourceFunction } from './terraform-functions.js';
import { locOf, readBlocks, type Block, type Module } from './terraform-hcl.js';
import { localExecBuilds } from './terraform-exec.js';
import { asCalled } from './terraform-modules.js';
import { layerZip } from './terraform-zip.js';

export const terraformSource: DeploySource = {
  id: 'terraform',
  matches: (path) => path.endsWith('.tf'),
  extract: (path, text, ctx) => extractTerraform([{ path, text }], ctx),
  extractGroup: (files, ctx) => extractTerraform(files, ctx),
  groupKey: (path) => dirOf(path),
};

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
