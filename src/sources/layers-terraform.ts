// Layers of a Terraform folder (#14 point 2): `resource "aws_lambda_layer_version"` (its zip from
// `filename`: an `archive_file` of the folder, whose root is what unpacks under /opt; `s3_bucket`
// or a prebuilt zip: not known), and the `layers` of `aws_lambda_function` resources and of
// terraform-aws-modules/lambda modules, linked when an entry is `aws_lambda_layer_version.NAME.arn`.
import type { DeployFacts, Known, LayerRef, Location } from '../types.js';
import type { SourceLayout } from './common.js';
import { evaluate, headerLoc, locOf, type Block, type Module, type V } from './terraform-hcl.js';

export interface TerraformLayerReader {
  mod: Module;
  dir: string;
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
  return ref;
}
