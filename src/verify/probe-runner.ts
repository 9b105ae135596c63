// Runs probe/probe.py (standard library only) in a fresh child process: one entry point, the package
// folder as working directory and as the only project path, Lambda's environment variables, and a
// timeout that kills the probe's whole process group (an app that forks or hangs at import cannot
// outlive it). This is the only place parity-check runs a repository's code; check mode never calls it.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../python/queries.js';

export interface ProbeRequest {
  /** The module Lambda imports: `lazy_app`, `handler`, `api.main`. */
  module: string;
  /** The package folder (/var/task): absolute. */
  root: string;
  /** The function the deploy names (`handler` of `handler.handler`): its existence is checked. */
  handler?: string;
  /** Module-path strings the lazy loader imports on first request, with the attributes it reads. */
  modulePaths?: { path: string; attrs: string[] }[];
  /**
   * --invoke: after the module paths, one GET request per router they give, through the module's
   * app. `eagerPaths`: where the eager app serves each endpoint (the loader's prefix is usually the
   * same); `timeout`: seconds per request.
   */
  invoke?: { eagerPaths: Record<string, string>; timeout: number };
}

/** One router's request under --invoke. `file`/`line`: the endpoint function, relative to the package. */
export interface InvokedRouter {
  module: string;
  endpoint?: string;
  file?: string;
  line?: number;
  /** Why no request was sent (no GET route, not served where it was looked for). */
  skipped?: string;
  path?: string;
  /** The response's status; null when the app sent none. */
  status?: number | null;
  timedOut?: boolean;
  error?: ProbeError;
}

/** Where a failure happened, inside the package: relative to the package folder. */
export interface ProbeFrame {
  file: string;
  line: number;
  function: string;
}

export interface ProbeError {
  /** Qualified: `ModuleNotFoundError`, `sqlalchemy.exc.InvalidRequestError`. */
  type: string;
  message: string;
  /** Frames inside the package, innermost last. */
  frames: ProbeFrame[];
  /** ImportError.name: the module that could not be imported. */
  module?: string;
}

export interface ProbeMiddleware {
  class: string;
  args: string[];
  kwargs: Record<string, string>;
}

export interface ProbeRoute {
  /** `APIRoute`, `Route`, `Mount`, `WebSocketRoute`. */
  kind: string;
  path: string | null;
  methods?: string[];
  /** Qualified: `api.v1.users.list_users`. */
  endpoint?: string;
}

export interface ProbeApp {
  /** The module attribute that holds it: `app`. */
  name: string;
  class: string;
  middleware: ProbeMiddleware[];
  routes: ProbeRoute[];
  exceptionHandlers: { key: string | number; handler: string }[];
  startup: string[];
  shutdown: string[];
}

export interface ProbeResult {
  probe: number;
  python: string;
  module: string;
  import: { ok: true } | { ok: false; error: ProbeError };
  apps?: ProbeApp[];
  handler?: { name: string; exists: boolean; callable: boolean };
  /** null when the app did not import SQLAlchemy's ORM. */
  mappers?: { ok: true } | { ok: false; error: ProbeError } | null;
  /** Each module-path string, imported in the same process after the entry point; `routes` of the routers it read. */
  modulePaths: ({ path: string; ok: true; routes?: ProbeRoute[] } | { path: string; ok: false; error?: ProbeError; missingAttrs?: string[]; routes?: ProbeRoute[] })[];
  /** --invoke: the requests sent, or why none could be. */
  invoke?: { skipped?: string; routers?: InvokedRouter[] };
}

export type ProbeOutcome =
  | { kind: 'result'; result: ProbeResult; stderr: string; ms: number }
  | { kind: 'timeout'; ms: number; stderr: string }
  /** The probe died or printed no result (a segfault, os._exit at import, an interpreter that cannot start). */
  | { kind: 'crashed'; code: number | null; signal: string | null; stderr: string; ms: number };

export interface ProbeOptions {
  python: string;
  timeoutMs: number;
  /** The function's literal environment from its deploy definition, on top of Lambda's own. */
  env?: Record<string, string>;
  /** Absolute sys.path entries after the package folder: the layers' /opt/python (and its site-packages). */
  extraPaths?: string[];
  functionName?: string;
  /**
   * What runs the entry point: Lambda (its variables: AWS_LAMBDA_FUNCTION_NAME, LAMBDA_TASK_ROOT…)
   * or the eager app's server (uvicorn on a developer's machine: none of them). Lambda by default.
   */
  runtime?: 'lambda' | 'server';
}

export function probePath(): string {
  return join(packageRoot(), 'probe', 'probe.py');
}

/**
 * Lambda's environment for a Python function: only what the runtime sets, never the developer's
 * shell (a PYTHONPATH or VIRTUAL_ENV there would make imports work that fail on Lambda). PATH stays,
 * so that the interpreter's own helpers start.
 */
export function lambdaEnv(root: string, opts: Pick<ProbeOptions, 'env' | 'functionName' | 'runtime' | 'extraPaths'>): Record<string, string> {
  const base = {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    LANG: 'C.UTF-8',
    TZ: ':UTC',
    PYTHONPATH: [root, ...(opts.extraPaths ?? [])].join(':'),
    PYTHONDONTWRITEBYTECODE: '1',
    PYTHONUNBUFFERED: '1',
  };
  if (opts.runtime === 'server') return base;
  return {
    ...base,
    LAMBDA_TASK_ROOT: root,
    LAMBDA_RUNTIME_DIR: root,
    AWS_EXECUTION_ENV: 'AWS_Lambda_python',
    AWS_LAMBDA_FUNCTION_NAME: opts.functionName ?? 'parity-check-verify',
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '128',
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    ...opts.env,
  };
}

/** What stderr is kept of a probe: enough for the last traceback, never a whole log. */
const STDERR_LIMIT = 64 * 1024;

export function runProbe(request: ProbeRequest, opts: ProbeOptions): Promise<ProbeOutcome> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const child = spawn(opts.python, [probePath(), JSON.stringify(request)], {
      cwd: request.root,
      env: lambdaEnv(request.root, opts),
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so the timeout kills whatever the app started too.
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let settled = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr = (stderr + d).slice(-STDERR_LIMIT);
    });
    const killGroup = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, opts.timeoutMs);
    const done = (outcome: ProbeOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      killGroup(); // children the app left running at exit
      resolve(outcome);
    };
    child.on('error', (err) => done({ kind: 'crashed', code: null, signal: null, stderr: err.message, ms: performance.now() - t0 }));
    child.on('close', (code, signal) => {
      const ms = performance.now() - t0;
      if (timedOut) return done({ kind: 'timeout', ms, stderr });
      const line = stdout.trimEnd().split('\n').pop() ?? '';
      try {
        const result = JSON.parse(line) as ProbeResult;
        if (typeof result.probe === 'number') return done({ kind: 'result', result, stderr, ms });
      } catch {
        // no result line: a crash
      }
      done({ kind: 'crashed', code, signal, stderr, ms });
    });
  });
}
