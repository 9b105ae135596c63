// Whether the app's own requirements declare a module the interpreter lacks: a missing third-party
// module is the environment's problem (verify runs where the requirements are installed), but a
// module no requirements file declares will be missing on Lambda too, and the note says which.
import { declaredDependencies, dependencyFileNames, possiblyProvided } from '../python/deps.js';
import { PYTHON_SDK_MODULES } from '../sources/runtime.js';
import { dirOf } from '../util/posix-path.js';

export interface Requirements {
  /** The dependency files read (repository paths). */
  files: string[];
  /** The file that declares this top-level import name, '' when several do together (-r), undefined when none. */
  declares(top: string): string | undefined;
}

/** The folders from `dir` up to the checked folder: `a/b`, `a`, ''. */
function upwards(dir: string): string[] {
  const out = [dir];
  for (let d = dir; d !== ''; ) out.push((d = dirOf(d)));
  return out;
}

/**
 * The requirements of an app: dependency files (requirements*.txt, pyproject.toml, Pipfile,
 * setup.cfg) at its root or a folder above it, and those the package itself holds (a function's
 * code folder with its requirements.txt, as sam build reads it).
 */
export function requirementsOf(root: string, packaged: readonly string[], paths: readonly string[], read: (p: string) => string | undefined): Requirements {
  const dirs = new Set(upwards(root));
  const files = [...new Set([...paths.filter((p) => dependencyFileNames(p) && dirs.has(dirOf(p))), ...packaged.filter(dependencyFileNames)])].sort();
  const texts = files.flatMap((p) => {
    const text = read(p);
    return text === undefined ? [] : [{ path: p, text }];
  });
  const all = declaredDependencies(texts);
  const each = texts.map((t) => ({ path: t.path, names: declaredDependencies([t]) }));
  return {
    files,
    declares(top) {
      const one = each.find((e) => e.names.has(top) || possiblyProvided(e.names).has(top));
      if (one) return one.path;
      return all.has(top) || possiblyProvided(all).has(top) ? '' : undefined;
    },
  };
}

/** What Lambda's managed Python runtimes ship (src/sources/runtime.ts). */
const RUNTIME_PROVIDED = new Set(PYTHON_SDK_MODULES);

/** The note's second half: who declares the module, or that nobody does. */
export function declaredText(top: string, req: Requirements | undefined): string {
  if (!req) return 'run verify where the app\'s requirements are installed';
  if (RUNTIME_PROVIDED.has(top) && req.declares(top) === undefined)
    return "Lambda's Python runtime provides it (the SDK for Python; a container image may not): install it where verify runs";
  if (!req.files.length) return `no requirements file of the app names it (none at its root or above): declare '${top}', or Lambda will lack it too`;
  const by = req.declares(top);
  if (by === undefined) return `${req.files.join(', ')} ${req.files.length === 1 ? 'does' : 'do'} not declare it: Lambda will lack it too unless the build installs it otherwise`;
  return `${by || req.files.join(', ')} declares it: run verify where the app's requirements are installed`;
}
