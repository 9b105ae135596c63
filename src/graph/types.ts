// The per-app import graph: what each entry point pulls in, resolved the way Python would under the app root.
import type { Allow } from '../config/schema.js';
import type { FileFacts, Guard, ImportFact, Location, ModulePathFact, Span } from '../types.js';
import type { Resolver } from '../python/resolve.js';
import type { WorkflowStart } from '../sources/workflow-servers.js';
import type { Classification } from '../python/resolve-types.js';
import type { PackagedFunction } from './deployed.js';

export interface ModuleNode {
  /** Absolute dotted name under the app root: `api.v1.users`; an entry point `main.py` is `main`. */
  name: string;
  /** Posix path relative to the checked folder. */
  file: string;
  isPackage: boolean;
  facts: FileFacts;
}

export interface ImportEdge {
  from: string;
  to: string;
  file: string;
  line: number;
  column: number;
  /** Reached through a module-path string (importlib) rather than an import statement. */
  lazy: boolean;
  guard: Guard;
  scope: 'module' | 'function' | 'class';
  /** An import inside a module-level function (ImportFact.inFunction): it runs when a module in the closure calls that function at its top (closure.ts). */
  inFunction?: string;
}

export type { Classification } from '../python/resolve-types.js';

export interface UnresolvedImport {
  /** Module that contains the import. */
  from: string;
  file: string;
  fact: ImportFact;
  /** Absolute dotted target (relative imports made absolute). */
  target: string;
  classification: Classification;
  /** The nearest spelling that does resolve, if any. */
  suggestion?: string;
  /** Folders the module's own sys.path changes added before the import (src/graph/sys-path.ts), searched too. */
  folders?: string[];
  /** Under `<six>.moves`, a name six's importer does not know (src/graph/six-moves.ts): six's file. */
  six?: string;
  /** Python's exception when the files alone do not say it (six's importer). */
  error?: string;
  /** Names close by that would import (six.moves' submodules). */
  near?: string[];
}

export interface UnresolvedModulePath {
  from: string;
  file: string;
  fact: ModulePathFact;
  /** The absolute module the string names (a relative one made absolute); undefined when a relative one cannot be made absolute (see `error`). */
  target?: string;
  /** Python's exception when a relative string cannot be made absolute (no package to be relative to). */
  error?: string;
  classification: Classification;
  suggestion?: string;
}

export interface EntryPoint {
  /** Posix path relative to the checked folder. */
  file: string;
  /** Path relative to the app root, as configured: `lazy_app.py`. */
  label: string;
  module: string;
  /** Only a deploy definition names it (a Lambda function's handler), not discovery nor the config. */
  deployOnly?: boolean;
}

export interface AppGraph {
  name: string;
  /** Posix path of the root relative to the checked folder ('' for the folder itself). */
  root: string;
  /** How the root is called once deployed, for messages: "Lambda's /var/task". */
  rootLabel: string;
  /** The config's `apps` names this app: its entry points are always compared (see parityGroups). */
  configured?: boolean;
  entrypoints: EntryPoint[];
  modules: Map<string, ModuleNode>;
  edges: ImportEdge[];
  unresolvedImports: UnresolvedImport[];
  unresolvedModulePaths: UnresolvedModulePath[];
  resolver: Resolver;
  allow: Allow[];
  /** Modules an entry point imports at run time at module level (not TYPE_CHECKING, not inside functions), itself included. */
  eagerClosure(entryModule: string): Set<string>;
  /** Everything reachable, lazy module-path strings and function-level imports included. */
  fullClosure(entryModule: string): Set<string>;
  /**
   * Classes defined under the root in files no entry point reaches, by name: looked for only for
   * relationship targets that no module of the graph defines (see models.ts, findClassesElsewhere).
   */
  classesElsewhere?: Map<string, { file: string; span: Span }[]>;
  /** Apps of deploy definitions: their Lambda functions and packages. */
  deploy?: DeployedPart;
  /** The files some deployed function's handler module reaches, when every function is checked (src/deploy/lambda-reach.ts); undefined: any file may run on Lambda. */
  lambdaFiles?: Set<string>;
  /** Library files a module reads that could not be read (a fileConfig .ini not in the checked folder): --verbose lines. */
  libraryNotes?: string[];
  /** The servers the checked folder's workflows start (workflow-facts.ts) and those this graph checks (their ids): the rest are named as not checked. */
  workflowStarts?: { all: WorkflowStart[]; attached: string[] };
  /** Module-path strings a module's import calls read from another module's container, by the calling module (see borrowed-paths.ts). */
  borrowedPaths?: Map<string, ModulePathFact[]>;
  /** Import calls whose container of another module could not be read: the calling module, the call, the name as written. */
  unknownBorrowed?: { module: string; at: Location; source: string; loadsRouters?: boolean }[];
}

/** A deployed app's graph: what its deploy definitions add (see deployed.ts). */
export interface DeployedPart {
  functions: PackagedFunction[];
  /** Resolves from the repository root: what a dotted name means in the repository (LPK rules). */
  repo: Resolver;
  /** True for a virtual root (a simulated package). */
  virtual: boolean;
  /**
   * Virtual roots: the unresolved imports and module-path strings whose module the repository has.
   * They are packaging problems (LPK001/LPK003), taken out of `unresolvedImports` and
   * `unresolvedModulePaths` so that MOD001/MOD003 do not report them again with a spelling fix.
   */
  packageMisses: { imports: UnresolvedImport[]; modulePaths: UnresolvedModulePath[] };
}

/** The graph of an app that deploy definitions define. */
export type DeployedGraph = AppGraph & { deploy: DeployedPart };

export function deployedGraphs(apps: readonly AppGraph[]): DeployedGraph[] {
  return apps.filter((g): g is DeployedGraph => g.deploy !== undefined);
}
