// Shared helpers and the extra types the deploy sources add on top of src/types.ts.
import { normalizePath } from '../util/posix-path.js';
import { createRequire } from 'node:module';
import type { DeployFacts, Known, LambdaFunction, Location, PackageLayout } from '../types.js';

/** What a source may ask about the checked folder (posix paths relative to it). */
export interface SourceContext {
  exists(path: string): boolean;
  isDir(path: string): boolean;
  files(): string[];
}

export interface DeploySource {
  id: string;
  matches(path: string): boolean;
  extract(path: string, text: string, ctx: SourceContext): DeployFacts;
  /** Sources whose files form a unit (Terraform: every .tf of a folder is one module) extract them together. */
  extractGroup?(files: { path: string; text: string }[], ctx: SourceContext): DeployFacts;
  /** Key grouping files for extractGroup (the folder for Terraform). */
  groupKey?(path: string): string;
}

/** The layout the sources give (the shared contract: nothing downstream reads more). */
export type SourceLayout = PackageLayout;

/** A LambdaFunction with the links the sources use to join definitions of the same function. */
export interface SourceFunction extends LambdaFunction {
  layout: Known<SourceLayout>;
  /** The deployed function name (`function_name`, `FunctionName`, `--function-name`), when stated. */
  functionName?: Known<string>;
  /** The zip the function is deployed from / the workflow produced (checked-folder relative). */
  artifact?: string;
  /** Image functions: the Dockerfile (checked-folder relative) and its build context folder. */
  dockerfile?: string;
  dockerContext?: string;
  /** Image functions: the stage built (SAM DockerBuildTarget, CDK `target`, `--target`); absent: the last stage. */
  dockerTarget?: string;
  /** Image functions: build args (SAM DockerBuildArgs, `--build-arg`). */
  dockerBuildArgs?: Record<string, string>;
  /** Image functions deployed from a registry (Terraform image_uri): the image as a pattern, `*` for unknown parts. */
  imageUri?: string;
  /** Other definitions merged into this one by collectDeployFacts (the workflow zip step, the Dockerfile). */
  linked?: Location[];
}

export function emptyFacts(): DeployFacts {
  return { functions: [], problems: [], unknowns: [] };
}

export { baseOf, dirOf, isUnder, relTo } from '../util/posix-path.js';

/** A posix path relative to the checked folder, normalised; null when it is absolute or escapes the folder. */
export function normRel(p: string): string | null {
  if (p.startsWith('/')) return null;
  const n = normalizePath(p);
  return n === '..' || n.startsWith('../') ? null : n;
}

export function joinRel(dir: string, p: string): string | null {
  return p.startsWith('/') ? null : normRel(dir === '' ? p : `${dir}/${p}`);
}

import { at } from '../util/span.js';

export { at };

export function known<T>(value: T, loc: Location): Known<T> {
  return { known: true, value, loc };
}

export function unknown<T>(why: string, loc?: Location): Known<T> {
  return loc ? { known: false, why, loc } : { known: false, why };
}

// ---------------------------------------------------------------------------
// Tree-sitter

export { firstError, type TSNode } from '../shell/bash.js';

const require = createRequire(import.meta.url);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type TSParser = any;
let hclParser: TSParser | undefined;

export function getHclParser(): TSParser {
  if (!hclParser) {
    const Parser = require('tree-sitter');
    hclParser = new Parser();
    hclParser.setLanguage(require('@tree-sitter-grammars/tree-sitter-hcl'));
  }
  return hclParser;
}
