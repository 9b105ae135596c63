// `parity-check verify`, the part that runs: each target's package written to a temporary folder
// outside the repository, each entry point imported in its own fresh interpreter (one import's
// side effects must not hide another's missing import), the findings mapped back to repository
// lines. The folder is removed afterwards, whatever happened.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { findingsOf, type EntryRun, type VerifyEntry, type VerifyFindings, type VerifyTarget } from './findings.js';
import { runProbe, type ProbeOptions } from './probe-runner.js';

export interface VerifyOptions {
  python: string;
  /** Per entry point. */
  timeoutMs: number;
  /** Reads a repository file (through the snapshot). */
  readFile: (src: string) => Buffer;
  /** --invoke: the first Lambda entry point's probe sends one GET request per router of its lazy map. */
  invoke?: boolean;
}

/** Where the eager apps serve each endpoint: the path a lazily loaded router is most likely served at too. */
function eagerPaths(runs: EntryRun[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { entry, outcome } of runs)
    if (entry.role === 'eager' && outcome.kind === 'result')
      for (const app of outcome.result.apps ?? []) for (const r of app.routes) if (r.endpoint && r.path && (r.methods ?? []).includes('GET') && !(r.endpoint in out)) out[r.endpoint] = r.path;
  return out;
}

export interface TargetReport extends VerifyFindings {
  target: VerifyTarget;
  runs: EntryRun[];
}

/** Writes the files under `dir`; returns their top-level names (modules and packages), for telling own modules from dependencies. */
function writePackage(files: VerifyTarget['files'], dir: string, readFile: (src: string) => Buffer): Set<string> {
  const top = new Set<string>();
  for (const f of files) {
    if (f.dest.startsWith('/') || f.dest.split('/').includes('..')) throw new Error(`verify: ${f.dest} leaves the package`);
    const out = join(dir, ...f.dest.split('/'));
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, readFile(f.src));
    const first = f.dest.split('/')[0];
    top.add(f.dest.includes('/') ? first : first.replace(/\.(py|pyc|so|pyd)$/, ''));
  }
  return top;
}

/** `fn` over `items`, at most as many at once as the machine has cores; results in the order of `items`. */
async function inParallel<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(items.length, Math.max(1, availableParallelism())) }, worker));
  return out;
}

export async function verifyTarget(target: VerifyTarget, opts: VerifyOptions): Promise<TargetReport> {
  const dir = mkdtempSync(join(tmpdir(), 'parity-check-verify-'));
  try {
    const pkg = join(dir, 'task');
    mkdirSync(pkg);
    const own = writePackage(target.files, pkg, opts.readFile);
    // The layers as Lambda unpacks them: /opt/python after /var/task on sys.path.
    const opt = join(dir, 'opt');
    if (target.opt) {
      mkdirSync(opt);
      writePackage(target.opt.files, opt, opts.readFile);
    }
    const extraPaths = target.opt?.paths.map((p) => join(opt, ...p.split('/')));
    const probeOpts: ProbeOptions = { python: opts.python, timeoutMs: opts.timeoutMs, env: target.env, ...(extraPaths?.length ? { extraPaths } : {}) };
    const firstLambda = target.entries.find((e) => e.role === 'lambda');
    const runOne = async (entry: VerifyEntry, before: EntryRun[]): Promise<EntryRun> => {
      const modulePaths = entry === firstLambda ? target.modulePaths.map(({ path, attrs }) => ({ path, attrs })) : [];
      const invoke = opts.invoke && entry === firstLambda && modulePaths.length ? { eagerPaths: eagerPaths(before), timeout: Math.max(0.1, opts.timeoutMs / 1000) } : undefined;
      // The import, then each request (each with the same limit), in one process.
      const timeoutMs = opts.timeoutMs * (invoke ? 2 + 2 * modulePaths.length : 1);
      const request = { module: entry.module, root: pkg, handler: entry.handler, modulePaths, ...(invoke ? { invoke } : {}) };
      const outcome = await runProbe(request, { ...probeOpts, timeoutMs, runtime: entry.role === 'lambda' ? 'lambda' : 'server' });
      // Messages name the package folder (a file path in an ImportError): say /var/task, as Lambda's log would.
      return { entry, outcome: JSON.parse(JSON.stringify(outcome).split(pkg).join('/var/task').split(opt).join('/opt')) as typeof outcome };
    };
    // Each entry point in its own process, side by side (they write nothing, so they cannot meet).
    // With --invoke the eager ones go first: where they serve each endpoint tells where to ask the Lambda app.
    const eager = target.entries.filter((e) => e.role === 'eager');
    const first = opts.invoke ? await inParallel(eager, (e) => runOne(e, [])) : [];
    const rest = await inParallel(opts.invoke ? target.entries.filter((e) => e.role !== 'eager') : target.entries, (e) => runOne(e, first));
    const runs = target.entries.map((e) => [...first, ...rest].find((r) => r.entry === e)!);
    return { target, runs, ...findingsOf(target, runs, own) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
