// What the deploy adds to a verify target besides the package: the function's layers, laid out as
// Lambda unpacks them under /opt, and the literal environment variables the definition sets.
import type { AppGraph } from '../graph/types.js';
import type { PackagedFunction } from '../graph/deployed.js';

/** A layer file's place under /opt (`python/util.py`) and its repository path. */
export interface OptFile {
  dest: string;
  src: string;
}

export interface OptLayout {
  files: OptFile[];
  /** sys.path entries after /var/task, relative to /opt, in Lambda's order: `python/lib/python3.X/site-packages`, then `python`. */
  paths: string[];
}

const isPythonDir = (d: string) => d === 'python' || d.endsWith('/python');

/**
 * The layers on the app's sys.path (the resolver's search path: config `layers` and deploy-read
 * layers whose content the checked folder holds), merged into one /opt as Lambda does: every layer's
 * python/ unpacks into /opt/python, a layer listed later replacing an earlier one's file. The search
 * path lists the last layer first, so it is copied last and wins.
 */
export function optLayout(graph: AppGraph, files: readonly string[]): OptLayout | undefined {
  const search = graph.resolver.searchPath;
  if (!search.length) return undefined;
  const pyDirs = search.filter(isPythonDir);
  const byDest = new Map<string, string>();
  for (const dir of [...pyDirs].reverse())
    for (const f of files) if (f.startsWith(`${dir}/`) && !f.split('/').includes('__pycache__')) byDest.set(`python/${f.slice(dir.length + 1)}`, f);
  const paths: string[] = [];
  for (const d of search) {
    const py = pyDirs.find((p) => d.startsWith(`${p}/`));
    const rel = isPythonDir(d) ? 'python' : py ? `python/${d.slice(py.length + 1)}` : undefined;
    if (rel && !paths.includes(rel)) paths.push(rel);
  }
  // Lambda's order: the site-packages folders before /opt/python itself.
  paths.sort((a, b) => Number(a === 'python') - Number(b === 'python'));
  return { files: [...byDest].map(([dest, src]) => ({ dest, src })), paths };
}

/**
 * What a variable the deploy sets to a value not known here (`!Ref Table`, `${ssm:...}`) gets: set it
 * must be (os.environ["TABLE_NAME"] would raise a KeyError that Lambda never sees), and "1" is read as
 * a string, an int or a flag alike. The note in findings.ts names each one.
 */
export const OPAQUE_VALUE = '1';

export interface DeployEnv {
  env?: Record<string, string>;
  /** The variables set to OPAQUE_VALUE. */
  opaqueEnv?: string[];
}

/**
 * The environment of a package: each function's literal variables, and a placeholder for those it
 * sets to a value not known; for a package several functions share, each variable as the first
 * function that sets it gives it.
 */
export function deployEnv(functions: readonly Pick<PackagedFunction, 'fn'>[]): DeployEnv {
  const env: Record<string, string> = {};
  const opaque: string[] = [];
  for (const { fn } of functions) {
    for (const [k, v] of Object.entries(fn.variables ?? {})) if (!(k in env)) env[k] = v;
    for (const k of fn.opaqueVariables ?? [])
      if (!(k in env)) {
        env[k] = OPAQUE_VALUE;
        opaque.push(k);
      }
  }
  return { ...(Object.keys(env).length ? { env } : {}), ...(opaque.length ? { opaqueEnv: opaque } : {}) };
}
