// Shared helpers and the extra types the deploy sources add on top of src/types.ts.
import { normalizePath } from '../util/posix-path.js';
import type { PathPattern } from '../util/path-pattern.js';
import type { CopyStep, DeployFacts, Known, LambdaFunction, Location, PackageLayout, PackagedFile } from '../types.js';

/** What a source may ask about the checked folder (posix paths relative to it). */
export interface SourceContext {
  exists(path: string): boolean;
  isDir(path: string): boolean;
  files(): string[];
  /** The symbolic links among them and above them (path → target as written), when the snapshot knows them. */
  links?(): ReadonlyMap<string, string>;
  /** The text of a file readDeploy read (a deploy file, or one a source `wants`; builders follow calls into scripts, Makefiles, package.json), when the caller has it. */
  text?(path: string): string | undefined;
  /** What a builder ran (`script:build.sh`, `make:Makefile:package`): recorded by builder-calls.ts, read by scripts.ts. */
  called?: Set<string>;
}

export interface DeploySource {
  id: string;
  matches(path: string): boolean;
  extract(path: string, text: string, ctx: SourceContext): DeployFacts;
  /** Sources whose files form a unit (Terraform: every .tf of a folder is one module) extract them together. */
  extractGroup?(files: { path: string; text: string }[], ctx: SourceContext): DeployFacts;
  /** Key grouping files for extractGroup (the folder for Terraform). */
  groupKey?(path: string): string;
  /**
   * Files that are deploy definitions by content, not by name (a SAM template called sam/api.yaml): `candidate`
   * says which paths are worth reading (cheap, by name), `accepts` whether the text is one of this source's files.
   */
  sniff?: { candidate(path: string): boolean; accepts(text: string): boolean };
  /**
   * Other files this source reads with one it matches (a CDK app's script and the stacks it imports): readDeploy
   * reads them too, and asks again of each (that is how a closure of imports grows); extract finds them in `ctx.text`.
   */
  wants?(path: string, text: string, ctx: SourceContext): string[];
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
  /**
   * CDK `Code.fromDockerBuild`: the Dockerfile of an image built only to copy its /asset folder out. That
   * image is no function of its own: collectDeployFacts drops the Dockerfile's entry.
   */
  dockerBuild?: string;
  /** Other definitions merged into this one by collectDeployFacts (the workflow zip step, the Dockerfile). */
  linked?: Location[];
  /**
   * The artifact path when parts of it are not known (`dist/lambda-${HASH}.zip`, `lambda-${var.hash}.zip`): as written,
   * and its literal parts between the unknown ones, checked-folder relative (src/sources/artifacts.ts matches them).
   */
  artifactPattern?: PathPattern;
  /** The folder the IaC tool zips itself (archive_file source_dir, a module's source_path), with its excludes. */
  packageDir?: { dir: string; loc: Location; excludes?: string[] };
  /** A prebuilt archive the definition names that no artifact link is made for (SAM CodeUri: x.zip), for messages. */
  archive?: string;
}


/**
 * What a builder (a workflow job, a script) leaves in the tree it ran over: the files its steps placed and the
 * checked files they removed. The folder an IaC definition zips (archive_file source_dir, CodeUri) is read from it
 * when a step builds that folder (src/sources/builds.ts).
 */
export interface BuildTree {
  /** What ran (`.github/workflows/deploy.yml job deploy`), and where. */
  label: string;
  loc: Location;
  /** Files the steps placed: `dest` is the checked-folder path where each lands, `src` the checked file it copies. */
  placed: PackagedFile[];
  /** Checked files the steps removed or moved away. */
  removed: string[];
  /** The copy steps, `to` relative to the checked folder. */
  copies: CopyStep[];
  /** What could not be simulated (every folder built afterwards is only partly known). */
  unknowns: { loc: Location; why: string }[];
  /** The tree at a `serverless deploy` run in this folder (deploy-snapshot.ts): only folders under it are its packages. */
  deployDir?: string;
}

/** DeployFacts as the sources hand them to collectDeployFacts: with the trees their builders leave. */
export interface SourceFacts extends DeployFacts {
  builds?: BuildTree[];
}

export function emptyFacts(): DeployFacts {
  return { functions: [], problems: [], unknowns: [] };
}

export { baseOf, dirOf, isUnder, relTo } from '../util/posix-path.js';
export type { PathPattern } from '../util/path-pattern.js';

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
import { newParser } from '../tree-sitter/backend.js';


// eslint-disable-next-line @typescript-eslint/no-explicit-any
type TSParser = any;
let hclParser: TSParser | undefined;

export function getHclParser(): TSParser {
  if (!hclParser) {
    hclParser = newParser('hcl');
  }
  return hclParser;
}
