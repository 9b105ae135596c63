// The web servers a GitHub workflow's steps start (`uvicorn main:app &` before a smoke test, `gunicorn -k
// uvicorn.workers.UvicornWorker app.main:app` in an integration job): issue #15, misses item 3. The job's steps run
// in the shell simulator exactly as workflows.ts runs them (working-directory, defaults.run.working-directory, `cd`,
// env: at every level, $GITHUB_ENV); each command is read with startup-command.ts. What the server imports:
//   - sys.path[0] is the folder it runs in, or its `--app-dir` (uvicorn) / `--chdir` (gunicorn);
//   - then, for `python -m uvicorn`, the folder the command runs in; then the entries of $PYTHONPATH;
//   - then site-packages: a `pip install .` / `pip install -e .` / `poetry install` / `uv sync` of the checkout
//     earlier in the job may put the project's own packages there (not read: `installed` names the command).
// A start whose folder, $PYTHONPATH or app string is not known (`${{ matrix.app }}`) is kept with why: it is named as
// not checked, never judged. A server started inside `docker run`, `docker compose`, `ssh` or by `echo` is not this
// job's process: nothing is read of it.
import { posix } from 'node:path';
import type { Location } from '../types.js';
import type { SeenCommand } from '../shell/index.js';
import type { SourceContext } from './common.js';
import { serverStart, type CmdWord } from './startup-command.js';
import { WORKSPACE, extractWorkflow } from './workflows.js';

/** One server a workflow's job starts, and where it imports the app from (folders relative to the checkout). */
export interface WorkflowStart {
  file: string;
  job: string;
  /** The command as written (its first line). */
  command: string;
  loc: Location;
  server: string;
  app?: { value: string; loc: Location; factory: boolean };
  /** The folder first on sys.path ('' the checkout itself). */
  root?: string;
  /** Further sys.path entries in order (`python -m`'s folder, $PYTHONPATH). */
  searchPath?: string[];
  /** A command earlier in the job that installs the checkout's own project into site-packages. */
  installed?: string;
  /** Why where it imports from is not known: the start is named as not checked. */
  why?: string;
}

/** A start's identity across graphs (its place in the workflow). */
export const startId = (s: WorkflowStart): string => `${s.loc.file}:${s.loc.line}:${s.loc.column}`;

/** Who imports the app, as messages name it: `uvicorn in workflow job smoke (uvicorn main:app --port 8000)`. */
export const library = (s: WorkflowStart): string => `${s.server} in workflow job ${s.job} (${s.command.trim()})`;

const inCheckout = (abs: string): string | undefined =>
  abs === WORKSPACE ? '' : abs.startsWith(WORKSPACE + '/') ? abs.slice(WORKSPACE.length + 1) : undefined;

/** Does this command install the checkout's own project (so its packages may come from site-packages)? */
export function installsProject(c: SeenCommand): boolean {
  const v = c.words.map((w) => w.value ?? '');
  const prog = posix.basename(v[0] ?? '');
  const pipAt = /^pip3?(\.\d+)?$/.test(prog) ? 1 : /^python3?(\.\d+)?$/.test(prog) && v[1] === '-m' && v[2] === 'pip' ? 3 : prog === 'uv' && v[1] === 'pip' ? 2 : -1;
  if (pipAt >= 0) {
    if (v[pipAt] !== 'install') return false;
    const args = v.slice(pipAt + 1);
    // `-e .`, `.`, `./backend`, `.[dev]`, `-e backend`: a local folder (a requirement name has no `/` and is no dot).
    return args.some((a, i) => a === '-e' || a === '--editable' || a.startsWith('--editable=') || (!a.startsWith('-') && args[i - 1] !== '-r' && args[i - 1] !== '-c' && /^(\.|\.\.|\.?\.?\/|[\w.-]*\/)/.test(a)));
  }
  if (['poetry', 'pdm'].includes(prog)) return v[1] === 'install' && !v.includes('--no-root');
  if (prog === 'uv') return v[1] === 'sync' && !v.includes('--no-install-project');
  if (prog === 'pipenv') return v[1] === 'install' && (v.includes('-e') || v.includes('.'));
  if (prog === 'hatch' || prog === 'flit') return v[1] === 'install' || v[1] === 'env';
  return false;
}

/** Where the start imports from: its root and further sys.path entries, or why that is not known. */
function importPath(c: SeenCommand, server: string, python: boolean, path: string | undefined): Pick<WorkflowStart, 'root' | 'searchPath' | 'why'> {
  if (c.cwdWhy) return { why: c.cwdWhy };
  const cwd = inCheckout(c.cwd);
  if (cwd === undefined) return { why: `it runs in ${c.cwd}, outside the checkout` };
  const root = inCheckout(path !== undefined ? posix.resolve(c.cwd, path) : c.cwd);
  if (root === undefined) return { why: `${server} imports from ${path}, outside the checkout` };
  const extra: string[] = python && cwd !== root ? [cwd] : [];
  const pp = c.env('PYTHONPATH');
  if (pp && 'why' in pp) return { why: pp.why.startsWith('$PYTHONPATH') ? pp.why.replace(/^(\$PYTHONPATH is not known)(: \$PYTHONPATH is not known)+/, '$1') : `$PYTHONPATH is not known (${pp.why})` };
  for (const e of pp && 'value' in pp ? pp.value.split(':').filter(Boolean) : []) {
    const rel = inCheckout(posix.resolve(c.cwd, e));
    if (rel === undefined) return { why: `$PYTHONPATH names ${e}, outside the checkout` };
    if (rel !== root && !extra.includes(rel)) extra.push(rel);
  }
  return { root, searchPath: extra };
}

/** The servers the jobs of one workflow file start, in order. */
export function workflowServerStarts(path: string, text: string, ctx: SourceContext): WorkflowStart[] {
  const out: WorkflowStart[] = [];
  const installed = new Map<string, string>();
  extractWorkflow(path, text, ctx, (job, c) => {
    if (installsProject(c)) {
      if (!installed.has(job)) installed.set(job, c.text.split('\n')[0].slice(0, 80));
      return;
    }
    const words: CmdWord[] = c.words;
    const s = serverStart(words, c.loc);
    if (!s) return;
    const command = c.text.split('\n')[0].slice(0, 100);
    const server = s.kind === 'web-app' ? s.server : (words.map((w) => w.value).find((v) => v && /uvicorn|gunicorn|hypercorn/.test(v)) ?? 'server');
    const start: WorkflowStart = { file: path, job, command, loc: c.loc, server: posix.basename(server) };
    const inst = installed.get(job);
    if (inst) start.installed = inst;
    if (s.kind !== 'web-app') {
      out.push({ ...start, why: s.kind === 'unknown' ? s.why : 'the command is not understood' });
      return;
    }
    if (!s.app.known) {
      out.push({ ...start, why: s.app.why });
      return;
    }
    const app = { value: s.app.value, loc: s.app.loc, factory: s.factory === true };
    // hypercorn imports `dir/module:app` from that folder; a plain dotted module from the folder it runs in.
    if (s.server === 'hypercorn' && app.value.includes('/')) {
      out.push({ ...start, app, why: 'hypercorn imports from a folder in the app string: not modelled' });
      return;
    }
    const python = /^python/.test(posix.basename(words.find((w) => w.value !== undefined)?.value ?? '')) || words.some((w) => w.value === '-m');
    out.push({ ...start, app, ...importPath(c, s.server, python, s.path) });
  });
  return out;
}
