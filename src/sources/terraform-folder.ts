// One folder's .tf files read together (src/sources/terraform.ts), and the literal values its blocks state.
import type { Known } from '../types.js';
import { known, unknown, type SourceContext } from './common.js';
import { evaluate, locOf, type Block, type Module } from './terraform-hcl.js';
import type { Caller } from './terraform-modules.js';

/** One folder's .tf files read together. */
export interface Folder {
  dir: string;
  mod: Module;
  /** Every block of the folder (an image_uri names an aws_ecr_repository). */
  blocks: Block[];
  archives: Map<string, Block>;
  ctx: SourceContext;
  /** The module block calling this folder, when this folder is a child module (terraform-modules.ts). */
  caller?: Caller;
}

/** A block's attribute as a string: its value, or why it is not known. */
export function str(f: Folder, b: Block, name: string): Known<string> | undefined {
  const e = b.attrs.get(name);
  if (!e) return undefined;
  const v = evaluate(e, f.mod, b.file, new Set());
  const loc = locOf(b.file, e);
  if (v.kind === 'str') return known(v.value, loc);
  if (v.kind === 'unknown') return unknown(v.why, loc);
  if (v.kind === 'ref') return unknown(`${v.parts.join('.')} is not a literal`, loc);
  return unknown(`${e.text} is not a string`, loc);
}

export const isImage = (f: Folder, b: Block): boolean => {
  const pt = str(f, b, 'package_type');
  return pt?.known === true && pt.value === 'Image';
};
