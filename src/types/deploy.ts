import type { Location } from './core.js';

// Deploy facts: what SAM, serverless, Terraform, Dockerfiles and CI workflows say gets deployed.
// A value the file does not state as a literal is `unknown`, with the reason, never guessed.

export type Known<T> = { known: true; value: T; loc: Location } | { known: false; why: string; loc?: Location };

/** One file of the package as the deploy step builds it: where it lands in /var/task, and where it came from. */
export interface PackagedFile {
  /** Posix path inside the package (relative to /var/task). */
  dest: string;
  /** Posix path relative to the checked folder. */
  src: string;
  /** The command or property that put it there. */
  loc: Location;
}

export interface PackageLayout {
  /** How the layout is known: a code folder copied whole (SAM CodeUri, archive_file source_dir) or a simulated build. */
  how: 'code-root' | 'simulated';
  /** For `code-root`: the folder (relative to the checked folder, '' for the folder itself) that becomes /var/task. */
  codeRoot?: string;
  /** For `simulated`: every file the build puts in the package. */
  files?: PackagedFile[];
  /** For `simulated`: the copy commands, for messages and LPK003 (`cp -r src/lambdas/ingestion/* dest/`). */
  copies?: CopyStep[];
  /** Steps that could not be simulated (a variable that cannot be known, an unsupported command). */
  unknowns: { loc: Location; why: string }[];
}

export interface CopyStep {
  /** Source as written, and resolved (relative to the checked folder). */
  fromText: string;
  from: string;
  /** Whether the source was the *contents* of a folder (`dir/*`, `dir/.`) or the folder itself. */
  contentsOf: boolean;
  /** Destination inside the package (posix, relative to the package root; '' for the root). */
  to: string;
  loc: Location;
  /** The whole command text, for messages. */
  command: string;
}

export interface LambdaFunction {
  /** Logical id / function key / resource name. */
  name: string;
  source: 'sam' | 'cloudformation' | 'serverless' | 'terraform' | 'dockerfile' | 'workflow';
  /** Where the function is defined. */
  loc: Location;
  packageType: 'zip' | 'image';
  /** `module.function` as Lambda reads it (`handler.lambda_handler`, `src/handlers/users.handler`). */
  handler: Known<string>;
  runtime?: Known<string>;
  layout: Known<PackageLayout>;
}

export interface DeployFacts {
  functions: LambdaFunction[];
  /** Files that could not be read as their format (bad YAML, bad HCL): reported, and the run goes on. */
  problems: { loc: Location; message: string }[];
  /** Values that were not literals, for --verbose. */
  unknowns: { loc: Location; what: string; why: string }[];
}
