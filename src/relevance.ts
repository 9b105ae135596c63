// Which apps a commit can affect (--staged): pure, no I/O. The caller gives the changed paths
// (staged additions, modifications, deletions; a rename as its old and its new path), the apps and
// the files that decide the configuration; this module says which apps to check.
//
// A changed path affects
//   - the app whose root holds it (any file: a new file can make a folder a namespace package), or
//     a folder of one of its functions' layers;
//   - every app when it is a config file (the checked folder's parity-check.config.* or package.json,
//     a file the config extends, the --config file), a dependency declaration (requirements*.txt,
//     pyproject.toml, Pipfile, setup.cfg: they change how imports are classified), a deploy
//     definition (SAM/CloudFormation templates, serverless.*, Terraform, Dockerfiles, CI workflows,
//     shell scripts and Makefiles that build packages);
//   - every app when adding or deleting it changes the set of top-level names found anywhere in
//     the repository (the resolver uses that set to tell a local module from a third-party one).

import { isUnder } from './util/posix-path.js';

export interface ChangedPath {
  /** A added, M modified, D deleted, T type changed, U unmerged (a rename is a D and an A). */
  status: string;
  /** Posix, relative to the checked folder. */
  path: string;
}

export interface RelevanceInput {
  changed: readonly ChangedPath[];
  /** The apps (root posix, relative to the checked folder, '' for the folder itself; `also`: further folders its imports resolve in, a Lambda layer's python/). */
  apps: readonly { name: string; root: string; also?: readonly string[] }[];
  /** Config files inside the checked folder (posix, relative): the one loaded and every file it extends. */
  configFiles?: readonly string[];
  /** Every path of the snapshot after the change (posix, relative): to see whether top-level names change. */
  paths?: readonly string[];
  /** The names function of the resolver (python/resolve.ts localTopLevelNames); injected to stay pure. */
  topLevelNames?: (paths: Iterable<string>) => Set<string>;
  /** `topLevelNames(paths)`, when the caller has it already. */
  topLevelAfter?: ReadonlySet<string>;
  /** What reads which files: a path no reader reads cannot change a finding. */
  readers: FileReaders;
}

/**
 * The readers' own predicates, injected (the deploy sources would pull YAML into the start-up path):
 * python/deps.ts `dependencyFileNames`, and the deploy sources' `matches` (sources/index.ts `isDeployPath`).
 */
export interface FileReaders {
  isDependencyFile: (p: string) => boolean;
  isDeployFile: (p: string) => boolean;
}

export interface Relevance {
  /** Names of the apps to check, in the order given. */
  apps: string[];
  /** The first changed path that affects every app, and why; undefined when none does. */
  global?: { path: string; why: GlobalReason };
}

export type GlobalReason = 'config' | 'dependencies' | 'deploy' | 'top-level-names';

/** Names the loader looks for in the checked folder, and package.json (its "parity-check" key). */
const CONFIG_NAMES = new Set(['parity-check.config.json', 'parity-check.config.yaml', 'parity-check.config.yml', 'package.json']);

/** Why a path affects every app, or undefined. */
export function globalReason(p: string, configFiles: ReadonlySet<string>, readers: FileReaders): GlobalReason | undefined {
  if (configFiles.has(p) || (!p.includes('/') && CONFIG_NAMES.has(p))) return 'config';
  if (readers.isDependencyFile(p)) return 'dependencies';
  if (readers.isDeployFile(p)) return 'deploy';
  return undefined;
}

/** Does adding/deleting these paths change the set of top-level names of the repository? */
export function topLevelNamesChange(
  changed: readonly ChangedPath[],
  pathsAfter: readonly string[],
  names: (paths: Iterable<string>) => Set<string>,
  after: ReadonlySet<string> = names(pathsAfter),
): boolean {
  const added = new Set(changed.filter((c) => c.status === 'A').map((c) => c.path));
  const deleted = changed.filter((c) => c.status === 'D').map((c) => c.path);
  if (!added.size && !deleted.length) return false;
  const present = new Set(pathsAfter);
  const before = names([...pathsAfter.filter((p) => !added.has(p)), ...deleted.filter((p) => !present.has(p))]);
  if (after.size !== before.size) return true;
  for (const n of after) if (!before.has(n)) return true;
  return false;
}

/** The apps a set of changed paths can affect. */
export function selectApps(input: RelevanceInput): Relevance {
  const configFiles = new Set(input.configFiles ?? []);
  for (const c of input.changed) {
    const why = globalReason(c.path, configFiles, input.readers);
    if (why) return { apps: input.apps.map((a) => a.name), global: { path: c.path, why } };
  }
  if (input.paths && input.topLevelNames && topLevelNamesChange(input.changed, input.paths, input.topLevelNames, input.topLevelAfter)) {
    const first = input.changed.find((c) => c.status === 'A' || c.status === 'D');
    return { apps: input.apps.map((a) => a.name), global: { path: first?.path ?? '', why: 'top-level-names' } };
  }
  const apps = input.apps.filter((a) => input.changed.some((c) => isUnder(c.path, a.root) || (a.also ?? []).some((d) => isUnder(c.path, d)))).map((a) => a.name);
  return { apps };
}

/**
 * The changed paths: what git says is staged (deletions and a rename's old path included, which
 * lint-staged and pre-commit never pass), plus the files named on the command line that git does
 * not list (`pre-commit run --files x`: checked as modified). Named files only add to git's list,
 * never hide part of it: a gate must not miss a deletion because the runner did not name it.
 */
export function mergeChanged(named: readonly string[] | undefined, staged: readonly ChangedPath[]): ChangedPath[] {
  const out = new Map<string, ChangedPath>();
  for (const c of staged) if (!out.has(c.path) || c.status === 'A') out.set(c.path, c);
  for (const p of named ?? []) if (!out.has(p)) out.set(p, { status: 'M', path: p });
  return [...out.values()];
}
