// What a start command runs (#14 point 3): an image's ENTRYPOINT + CMD, or the line of a wrapper script (`run.sh`
// behind the Lambda Web Adapter) that starts the server. Pure: words in, a start-up out. Shell text is read with
// src/shell (tree-sitter-bash), never with regular expressions over the script.
import type { Known, Location, Startup } from '../types.js';
import { commandsIn, evalWord, getBashParser, type Lookup } from '../shell/index.js';
import type { TSNode } from '../shell/bash.js';
import { known, unknown } from './common.js';

/** One word of a command: its value, or why it is not known. */
export interface CmdWord {
  value?: string;
  why?: string;
  loc: Location;
}

/**
 * What a command starts. `ric-handler`: Python's runtime client loads this handler (`python -m awslambdaric h`, the
 * Lambda base image's entrypoint); `not-python`: another language's program; `exec-script`: a program of the
 * package the caller may read (`./run.sh`); the rest are Startup values.
 */
export type CommandStart =
  | Startup
  | { kind: 'ric-handler'; handler: Known<string> }
  | { kind: 'not-python'; what: string; loc: Location }
  | { kind: 'exec-script'; path: string; loc: Location };

/**
 * The environment a function keeps in its facts: only a wrapper's (`AWS_LAMBDA_EXEC_WRAPPER` set), whose script
 * reads it; the other functions' variables matter to no check and would only grow the facts.
 */
export function startupEnvironment(env: Record<string, Known<string>> | undefined): Record<string, Known<string>> | undefined {
  return env && 'AWS_LAMBDA_EXEC_WRAPPER' in env ? env : undefined;
}

/**
 * A definition's environment as verify gives it to the probe: the variables with a literal value, and
 * the names of those set to a value not written literally (set on Lambda, to something not known here).
 */
export function deployVariables(env: Record<string, Known<string>> | undefined): { variables?: Record<string, string>; opaqueVariables?: string[] } {
  const variables: Record<string, string> = {};
  const opaque: string[] = [];
  for (const [k, v] of Object.entries(env ?? {})) {
    if (v.known) variables[k] = v.value;
    else opaque.push(k);
  }
  return { ...(Object.keys(variables).length ? { variables } : {}), ...(opaque.length ? { opaqueVariables: opaque.sort() } : {}) };
}

const RUNNERS = new Set(['uv', 'poetry', 'pipenv', 'pdm', 'rye', 'hatch']);
const WRAPPERS = new Set(['opentelemetry-instrument', 'ddtrace-run', 'newrelic-admin', 'dumb-init', 'tini']);
const SERVERS = new Set(['uvicorn', 'gunicorn', 'hypercorn']);
const OTHER_PROGRAMS = /^(node|nodejs|java|dotnet|ruby|php|bun|deno|npm|npx|yarn|pnpm)$/;
const PYTHON = /^python(\d+(\.\d+)?)?$/;
// `module:attr`, `module:factory()` (gunicorn calls it): what the servers import.
const APP_STRING = /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*:[A-Za-z_]\w*(\(.*\))?$/;
// Options that move the import root away from the working directory: not modelled.
const MOVES_ROOT = /^(--app-dir|--chdir|--pythonpath|--root-path-dir)(=|$)/;

const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);

/** How a caller reads a server's folder options: `dirs` takes `--app-dir DIR` / `--chdir DIR` as the start-up's `path`. */
export interface StartOptions {
  dirs?: boolean;
}

// Programs that run the rest of the command as it is: `nohup uvicorn … &`, `timeout 10 uvicorn …`.
const PASS_THROUGH = new Set(['nohup', 'setsid', 'time']);
// timeout's own options that take a value (coreutils): -s SIGNAL, -k DURATION.
const TIMEOUT_VALUE = /^(-s|-k|--signal|--kill-after)$/;

/** The words after the programs that only run the rest (env, uv run, ddtrace-run, nohup, timeout 10). */
function withoutPrefixes(words: CmdWord[]): CmdWord[] {
  let w = words;
  if (w[0]?.value === 'exec') w = w.slice(1);
  for (let again = true; again; ) {
    again = false;
    const p = w[0]?.value !== undefined ? base(w[0].value) : undefined;
    if (p && PASS_THROUGH.has(p)) {
      w = w.slice(1);
      again = true;
    } else if (p === 'timeout') {
      w = w.slice(1);
      while (w.length && w[0].value?.startsWith('-')) w = w.slice(TIMEOUT_VALUE.test(w[0].value) ? 2 : 1);
      w = w.slice(1); // the duration
      again = true;
    } else if (p === 'env') {
      w = w.slice(1);
      while (w.length && (w[0].value?.includes('=') || w[0].value?.startsWith('-'))) w = w.slice(1);
      again = true;
    } else if (p && RUNNERS.has(p) && w[1]?.value === 'run') {
      // `uv run uvicorn …`, `poetry run gunicorn …`: the environment manager runs the program (its options skipped).
      w = w.slice(2);
      while (w.length && w[0].value?.startsWith('-')) w = w.slice(1);
      again = true;
    } else if (p && WRAPPERS.has(p)) {
      w = w.slice(1); // opentelemetry-instrument, ddtrace-run: they exec the rest
      again = true;
    }
  }
  return w;
}

/**
 * A command that starts a web server (`uvicorn`, `gunicorn`, `hypercorn`, `python -m uvicorn`, after the programs
 * that only run the rest): what it starts, read with `dirs` (a folder option is the start-up's `path`); null when the
 * command starts no server (echo, pip, docker run, ssh …).
 */
export function serverStart(words: CmdWord[], whole: Location): CommandStart | null {
  const w = withoutPrefixes(words);
  const prog = w[0]?.value !== undefined ? base(w[0].value) : undefined;
  if (prog === undefined) return null;
  if (SERVERS.has(prog)) return serverArgs(prog, w.slice(1), whole, { dirs: true });
  if (!PYTHON.test(prog)) return null;
  const m = w.findIndex((x) => x.value === '-m');
  const mod = m > 0 ? w[m + 1]?.value : undefined;
  return mod !== undefined && SERVERS.has(mod) ? pythonStart(w.slice(1), whole, { dirs: true }) : null;
}

/** The start-up of a command given as words (exec form, or one shell command's words). */
export function commandStart(words: CmdWord[], whole: Location, opts: StartOptions = {}): CommandStart {
  const w = withoutPrefixes(words);
  const first = w[0];
  if (!first) return { kind: 'unknown', why: 'the command is empty', loc: whole };
  if (first.value === undefined) return { kind: 'unknown', why: `the program is not known (${first.why})`, loc: first.loc };
  const prog = base(first.value);
  if (SERVERS.has(prog)) return serverArgs(prog, w.slice(1), whole, opts);
  if (PYTHON.test(prog)) return pythonStart(w.slice(1), whole, opts);
  if (prog === 'sh' || prog === 'bash') {
    const c = w.findIndex((x) => x.value === '-c');
    const script = c > 0 ? w[c + 1] : undefined;
    if (script?.value !== undefined) return scriptStart(script.value, () => script.loc, new Map());
    return { kind: 'unknown', why: `${w.map((x) => x.value ?? '?').join(' ')} runs a script that is not read`, loc: whole };
  }
  if (prog === 'lambda-entrypoint.sh' || prog === 'aws-lambda-rie') {
    const h = w[1];
    if (!h) return { kind: 'unknown', why: 'the Lambda entrypoint without a handler', loc: whole };
    return { kind: 'ric-handler', handler: h.value !== undefined ? known(h.value, h.loc) : unknown(h.why ?? 'not known', h.loc) };
  }
  if (OTHER_PROGRAMS.test(prog)) return { kind: 'not-python', what: prog, loc: first.loc };
  if (first.value.startsWith('./') || first.value.startsWith('/') || /\.sh$/.test(first.value)) return { kind: 'exec-script', path: first.value, loc: first.loc };
  return { kind: 'unknown', why: `it runs ${first.value}, which parity-check does not read`, loc: first.loc };
}

/** `python [options] (-m module | file.py) args`. */
function pythonStart(args: CmdWord[], whole: Location, opts: StartOptions = {}): CommandStart {
  let k = 0;
  while (k < args.length && args[k].value?.startsWith('-') && args[k].value !== '-m' && args[k].value !== '-c') {
    // -X opt and -W arg take a value.
    k += args[k].value === '-X' || args[k].value === '-W' ? 2 : 1;
  }
  const a = args[k];
  if (!a) return { kind: 'unknown', why: 'python without a module or script', loc: whole };
  if (a.value === '-c') return { kind: 'unknown', why: 'python -c runs inline code', loc: a.loc };
  if (a.value === '-m') {
    const m = args[k + 1];
    if (m?.value === undefined) return { kind: 'unknown', why: `python -m: the module is not known${m?.why ? ` (${m.why})` : ''}`, loc: m?.loc ?? a.loc };
    if (SERVERS.has(m.value)) return serverArgs(m.value, args.slice(k + 2), whole, opts);
    if (m.value === 'debugpy') return debugpyStart(args.slice(k + 2), m, whole);
    if (m.value === 'awslambdaric') {
      const h = args[k + 2];
      if (!h) return { kind: 'unknown', why: 'python -m awslambdaric: the handler is the CMD, not stated', loc: m.loc };
      return { kind: 'ric-handler', handler: h.value !== undefined ? known(h.value, h.loc) : unknown(h.why ?? 'not known', h.loc) };
    }
    return { kind: 'script', module: known(m.value, m.loc), loc: whole };
  }
  if (a.value === undefined) return { kind: 'unknown', why: `python's script is not known (${a.why})`, loc: a.loc };
  return { kind: 'script', file: known(a.value.replace(/^\.\//, ''), a.loc), loc: whole };
}

// debugpy's own options (debugpy/server/cli.py): these take a value; --wait-for-client and --log-to-stderr do not.
const DEBUGPY_VALUE = /^--(listen|connect|log-to|configure-.+)$/;

/**
 * `python -m debugpy [--listen HOST:PORT …] (-m module | file | -c code) args`: debugpy is an installed dependency
 * (never a module of the package), and what it runs is what the start-up is; `--pid` attaches to another process.
 */
function debugpyStart(args: CmdWord[], m: CmdWord, whole: Location): CommandStart {
  let k = 0;
  while (k < args.length && args[k].value?.startsWith('--')) {
    const v = args[k].value!;
    if (v === '--pid') return { kind: 'unknown', why: 'python -m debugpy --pid attaches to another process', loc: args[k].loc };
    k += DEBUGPY_VALUE.test(v) && !v.includes('=') ? 2 : 1;
  }
  if (k >= args.length) return { kind: 'unknown', why: 'python -m debugpy names nothing to run', loc: m.loc };
  return pythonStart(args.slice(k), whole);
}

// Options whose value may look like `module:attr` (`-b localhost:8000`, `--header server:x`, `-e K=a:b`): not the app.
const VALUE_OPTIONS = /^(-b|--bind|-e|--env|--header|-c|--config|--log-config|--env-file|-k|--worker-class|--forwarded-allow-ips)$/;

/** uvicorn / gunicorn / hypercorn: the one `module:app` argument, and whether it is a factory. */
function serverArgs(server: string, args: CmdWord[], whole: Location, opts: StartOptions): CommandStart {
  const apps = args.filter((a, i) => a.value !== undefined && !a.value.startsWith('-') && APP_STRING.test(a.value) && !VALUE_OPTIONS.test(args[i - 1]?.value ?? ''));
  const moved = args.findIndex((a) => a.value !== undefined && MOVES_ROOT.test(a.value));
  let path: string | undefined;
  if (moved >= 0) {
    const a = args[moved];
    const v = a.value!.includes('=') ? a.value!.slice(a.value!.indexOf('=') + 1) : args[moved + 1]?.value;
    const dir = opts.dirs && /^(--app-dir|--chdir)(=|$)/.test(a.value!) && args.filter((x) => x.value !== undefined && MOVES_ROOT.test(x.value)).length === 1;
    if (dir && v !== undefined) path = v;
    else if (v !== '.' && v !== '/var/task' && v !== './') return { kind: 'unknown', why: `${server} ${a.value} imports from another folder: not modelled`, loc: a.loc };
  }
  const factory = args.some((a) => a.value === '--factory');
  if (apps.length === 1) {
    const a = apps[0];
    const call = a.value!.endsWith(')');
    const app = known(call ? a.value!.slice(0, a.value!.indexOf('(')) : a.value!, a.loc);
    return { kind: 'web-app', app, server, loc: whole, factory: factory || call, ...(path !== undefined ? { path } : {}) };
  }
  if (apps.length > 1) return { kind: 'unknown', why: `${server} names ${apps.map((a) => a.value).join(' and ')}`, loc: whole };
  const dark = args.find((a) => a.value === undefined);
  if (dark) return { kind: 'unknown', why: `${server}'s app is not known (${dark.why})`, loc: dark.loc };
  return { kind: 'unknown', why: `${server} names no module:app (a config file may)`, loc: whole };
}

/** The lines of `cd` that leave the task root before the start make it unknown. */
const ROOTS = new Set(['/var/task', '/var/task/', '.']);

/**
 * A shell script's start-up: the command it `exec`s, else the last command that starts Python or a server.
 * `locate` maps offsets of `text` to the caller's file; `env` holds what the script's environment is known to be.
 */
export function scriptStart(text: string, locate: (start: number, end: number) => Location, env: Map<string, string>): CommandStart {
  const root = getBashParser().parse(text).rootNode as TSNode;
  const lookup = (name: string): Lookup => {
    const v = env.get(name) ?? (name === 'LAMBDA_TASK_ROOT' ? '/var/task' : undefined);
    return v !== undefined ? { value: v } : { why: `$${name} is set at run time` };
  };
  const wenv = { lookup, standIns: [], home: '/root' };
  let chosen: { start: CommandStart; exec: boolean } | undefined;
  for (const c of commandsIn(root)) {
    const words: CmdWord[] = [];
    for (const n of c.namedChildren) {
      if (n.type === 'variable_assignment' || n.type === 'file_redirect' || n.type === 'herestring_redirect') continue;
      const r = evalWord(n.type === 'command_name' ? (n.namedChildren[0] ?? n) : n, wenv);
      const loc = locate(n.startIndex, n.endIndex);
      words.push('why' in r ? { why: r.why, loc } : { value: r.value, loc });
    }
    // tree-sitter-bash 0.25 splits `PATH=$PATH:$LAMBDA_TASK_ROOT/bin exec …` after `:$` (it reads
    // `LAMBDA_TASK_ROOT/bin` as the command name): an `exec` word starts the command wherever it is.
    const e = words.findIndex((x) => x.value === 'exec');
    if (e > 0) words.splice(0, e);
    const prog = words[0]?.value;
    if (prog === 'cd') {
      const to = words[1]?.value;
      if (to === undefined || !ROOTS.has(to)) return { kind: 'unknown', why: `the script changes folder (${c.text.slice(0, 60)}) before it starts`, loc: locate(c.startIndex, c.endIndex) };
      continue;
    }
    const start = commandStart(words, locate(c.startIndex, c.endIndex));
    const exec = prog === 'exec';
    if (start.kind === 'unknown' && !exec) continue; // echo, pip install, export …: not the start
    chosen = { start, exec };
    if (exec) break; // exec replaces the shell: nothing after it runs
  }
  if (chosen) return chosen.start;
  return { kind: 'unknown', why: 'the script starts nothing parity-check reads (no exec, uvicorn, gunicorn or python line)', loc: locate(0, Math.min(text.length, 1)) };
}

/**
 * A deploy definition's own EntryPoint + Command for an image (SAM/CloudFormation `ImageConfig.EntryPoint`,
 * Terraform `image_config.entry_point`): they replace the image's ENTRYPOINT and CMD, so they decide the start-up.
 */
export function entryPointStart(entryPoint: CmdWord[], command: CmdWord[], loc: Location): { startup?: Startup; handler?: Known<string>; runtime?: Known<string> } {
  const s = commandStart([...entryPoint, ...command], loc);
  switch (s.kind) {
    case 'ric-handler':
      return { handler: s.handler };
    case 'web-app':
    case 'script':
      return { startup: s, handler: unknown('the image starts a web server or a script, not a handler', s.loc) };
    case 'not-python':
      return { runtime: known(s.what, s.loc), startup: { kind: 'unknown', why: `it starts ${s.what}`, loc: s.loc } };
    case 'exec-script':
      return { startup: { kind: 'unknown', why: `EntryPoint runs ${s.path}`, loc: s.loc } };
    default:
      return { startup: s.kind === 'unknown' ? s : { kind: 'unknown', why: 'the EntryPoint is not understood', loc } };
  }
}
