// `parity-check verify`, the part that runs: each target's package written to a temporary folder
// outside the repository, each entry point imported in its own fresh interpreter (one import's
// side effects must not hide another's missing import), the findings mapped back to repository
// lines. The folder is removed afterwards, whatever happened.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { findingsOf, type EntryRun, type VerifyFindings, type VerifyTarget } from './findings.js';
import { runProbe, type ProbeOptions } from './probe-runner.js';

export interface VerifyOptions {
  python: string;
  /** Per entry point. */
  timeoutMs: number;
  /** Reads a repository file (through the snapshot). */
  readFile: (src: string) => Buffer;
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
    const runs: EntryRun[] = [];
    for (const entry of target.entries) {
      const modulePaths = entry === firstLambda ? target.modulePaths.map(({ path, attrs }) => ({ path, attrs })) : [];
      const outcome = await runProbe({ module: entry.module, root: pkg, handler: entry.handler, modulePaths }, { ...probeOpts, runtime: entry.role === 'lambda' ? 'lambda' : 'server' });
      // Messages name the package folder (a file path in an ImportError): say /var/task, as Lambda's log would.
      runs.push({ entry, outcome: JSON.parse(JSON.stringify(outcome).split(pkg).join('/var/task').split(opt).join('/opt')) as typeof outcome });
    }
    return { target, runs, ...findingsOf(target, runs, own) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
