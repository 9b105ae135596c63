// Layers of a Terraform folder (#14 point 2): `resource "aws_lambda_layer_version"` (its zip from
// `filename`: an `archive_file` of the folder, whose root is what unpacks under /opt; `s3_bucket`
// or a prebuilt zip: not known), a terraform-aws-modules/lambda module with `create_layer = true`
// (its `source_path` folder zipped, under `prefix_in_zip` when given), and the `layers` of
// `aws_lambda_function` resources and of those modules, linked when an entry is
// `aws_lambda_layer_version.NAME.arn` or `module.NAME.lambda_layer_arn`.
import type { DeployFacts, Known, LayerRef, Location } from '../types.js';
import { isUnder, joinRel, known, relTo, unknown, type SourceLayout } from './common.js';
import { evaluate, headerLoc, locOf, type Block, type Module, type V } from './terraform-hcl.js';

export interface TerraformLayerReader {
  mod: Module;
  dir: string;
  files(): string[];
  /** The layout of a layer version's zip (terraform.ts reads `filename` as it does for functions). */
  layout(b: Block, loc: Location): Known<SourceLayout>;
}

const isLayer = (b: Block) => b.type === 'resource' && b.labels[0] === 'aws_lambda_layer_version' && b.labels[1] !== undefined;

/** Adds the folder's layer versions to `facts` and their references to its functions. */
export function terraformLayers(blocks: Block[], facts: DeployFacts, r: TerraformLayerReader): void {
  for (const b of blocks) {
    if (!isLayer(b)) continue;
    const name = `aws_lambda_layer_version.${b.labels[1]}`;
    const loc = headerLoc(b);
    const content = r.layout(b, loc);
    if (!content.known) facts.unknowns.push({ loc: content.loc ?? loc, what: `${name} content`, why: content.why });
    (facts.layers ??= []).push({ name, source: 'terraform', loc, content });
  }
  for (const b of blocks) {
    if (!isModuleLayer(b, r)) continue;
    const name = `module.${b.labels[0]}`;
    const loc = headerLoc(b);
    const content = moduleLayer(b, r, loc);
    if (!content.known) facts.unknowns.push({ loc: content.loc ?? loc, what: `${name} content`, why: content.why });
    (facts.layers ??= []).push({ name, source: 'terraform', loc, content });
  }
  for (const b of blocks) {
    const expr = b.attrs.get('layers');
    if (!expr || !(b.type === 'module' || (b.type === 'resource' && b.labels[0] === 'aws_lambda_function'))) continue;
    const at = headerLoc(b);
    const fn = facts.functions.find((f) => f.loc.file === at.file && f.loc.line === at.line && f.loc.column === at.column);
    if (!fn) continue;
    const v = evaluate(expr, r.mod, b.file, new Set());
    const items: V[] = v.kind === 'list' ? v.items : [v];
    fn.layers = items.map((item) => layerRef(item, b.file));
  }
}

function layerRef(v: V, file: string): LayerRef {
  const ref: LayerRef = { text: v.kind === 'str' ? v.value : v.node.text, loc: locOf(file, v.node) };
  if (v.kind === 'ref' && v.parts[0] === 'aws_lambda_layer_version' && v.parts[1] !== undefined) ref.layer = `aws_lambda_layer_version.${v.parts[1]}`;
  if (v.kind === 'ref' && v.parts[0] === 'module' && v.parts[2] === 'lambda_layer_arn') ref.layer = `module.${v.parts[1]}`;
  return ref;
}

function isModuleLayer(b: Block, r: TerraformLayerReader): boolean {
  if (b.type !== 'module' || b.attrs.get('create_layer')?.text !== 'true') return false;
  const src = b.attrs.get('source');
  const v = src ? evaluate(src, r.mod, b.file, new Set()) : undefined;
  return v?.kind === 'str' && /terraform-aws-modules\/lambda\/aws|terraform-aws-lambda/.test(v.value);
}

/** Keys of a source_path entry that change nothing of the layer's own Python files (they install pip packages). */
const INSTALLS = new Set(['path', 'prefix_in_zip', 'pip_requirements', 'pip_tmp_dir', 'poetry_install', 'uv_install', 'npm_requirements']);

/** The zip a layer module builds from `source_path` (one folder), dest relative to /opt. */
function moduleLayer(b: Block, r: TerraformLayerReader, loc: Location): Known<SourceLayout> {
  const e = b.attrs.get('source_path');
  if (!e) return unknown('no source_path', loc);
  const sLoc = locOf(b.file, e);
  let v = evaluate(e, r.mod, b.file, new Set());
  if (v.kind === 'list') {
    if (v.items.length !== 1) return unknown(`source_path lists ${v.items.length} sources`, sLoc);
    v = v.items[0];
  }
  let prefix = '';
  if (v.kind === 'obj') {
    const extra = [...v.entries.keys()].filter((k) => !INSTALLS.has(k));
    if (extra.length) return unknown(`source_path uses ${extra.join(', ')}`, sLoc);
    const p = v.entries.get('prefix_in_zip');
    if (p && p.kind !== 'str') return unknown('prefix_in_zip is not a literal', sLoc);
    prefix = p?.kind === 'str' ? p.value.replace(/^\/+|\/+$/g, '') : '';
    const path = v.entries.get('path');
    if (!path) return unknown('source_path without path', sLoc);
    v = path;
  }
  if (v.kind !== 'str') return unknown(v.kind === 'unknown' ? `source_path: ${v.why}` : 'source_path is not a literal path', sLoc);
  const folder = joinRel(r.dir, v.value);
  if (folder === null) return unknown(`source_path ${v.value} leaves the checked folder`, sLoc);
  if (!prefix) return known({ how: 'code-root', codeRoot: folder, unknowns: [] }, sLoc);
  const files = r
    .files()
    .filter((p) => isUnder(p, folder) && p !== folder)
    .map((p) => ({ dest: `${prefix}/${relTo(p, folder)}`, src: p, loc: sLoc }));
  return known({ how: 'simulated', codeRoot: folder, files, unknowns: [] }, sLoc);
}
