// What a probe found, as findings at repository lines. A frame inside the package maps back to the
// repository file the deploy put there; an import of a module the package does not hold and the
// interpreter does not have is the environment's problem (a requirement not installed where verify
// runs), said as a note, not a code finding.
import type { Finding, Location } from '../types.js';
import { compareLiveApps, type LiveDiff } from './compare.js';
import { OPAQUE_VALUE, type OptLayout } from './deploy-inputs.js';
import { declaredText, type Requirements } from './requirements.js';
import type { ProbeError, ProbeOutcome, ProbeResult } from './probe-runner.js';

export const VERIFY_CODES = {
  importFails: 'VER001',
  handlerMissing: 'VER002',
  modulePathFails: 'VER003',
  mappersFail: 'VER004',
  liveAppsDiffer: 'VER005',
  probeFailed: 'VER006',
  routeFails: 'VER007',
} as const;

export interface VerifyEntry {
  /** The repository file (posix, relative to the checked folder). */
  file: string;
  /** The module Lambda (or uvicorn) imports: `lazy_app`. */
  module: string;
  /** The eager app (uvicorn) or what Lambda runs. */
  role: 'eager' | 'lambda';
  /** The function the deploy names in this module. */
  handler?: string;
}

export interface VerifyTarget {
  app: string;
  /** For messages: `function ApiFunction` or `app root src`. */
  label: string;
  /** The package: each file's place in /var/task and its repository path. */
  files: { dest: string; src: string }[];
  entries: VerifyEntry[];
  /** Module-path strings the Lambda entry points' lazy loaders import, with where they are written. */
  modulePaths: { path: string; attrs: string[]; loc: Location }[];
  /** The function's environment from its deploy definition (for a code folder several functions share: see deployEnv). */
  env?: Record<string, string>;
  /** Variables of `env` the deploy sets to a value not known here, set to a placeholder (deploy-inputs.ts). */
  opaqueEnv?: string[];
  /** The function's layers as Lambda unpacks them under /opt (deploy-inputs.ts). */
  opt?: OptLayout;
  /** The app's requirements files, for saying whether a module the interpreter lacks is declared. */
  requirements?: Requirements;
  /** The lazy router loader (qualified), left out of the live comparison. */
  loaders?: string[];
  /**
   * Top-level names the repository itself has (folders and modules, and the segments of the app
   * root's own path, like `src`): a ModuleNotFoundError for one of them is the code's fault (the
   * incident's `No module named 'src'`), for any other name a dependency the interpreter lacks.
   */
  repoNames: ReadonlySet<string>;
}

export interface EntryRun {
  entry: VerifyEntry;
  outcome: ProbeOutcome;
}

const line1 = (file: string, line = 1): Location => ({ file, line, column: 1, endLine: line, endColumn: 1 });

/** The repository place of the innermost frame inside the package, else `fallback`. */
function placeOf(err: ProbeError, srcOf: (dest: string) => string | undefined, fallback: Location): Location {
  for (let i = err.frames.length - 1; i >= 0; i--) {
    const src = srcOf(err.frames[i].file);
    if (src !== undefined) return { file: src, line: err.frames[i].line, column: 1, endLine: err.frames[i].line, endColumn: 1 };
  }
  return fallback;
}

const errText = (e: ProbeError) => `${e.type}: ${e.message}`;

/** A third-party module the interpreter lacks: its top-level name is neither in the package nor importable. */
function missingDependency(err: ProbeError, own: (top: string) => boolean): string | undefined {
  if (err.type !== 'ModuleNotFoundError' || !err.module) return undefined;
  const top = err.module.split('.')[0];
  return own(top) ? undefined : top;
}

export interface VerifyFindings {
  findings: Finding[];
  /** Environment problems and what could not be run: for stderr, never a code finding. */
  notes: string[];
}

function finding(code: string, loc: Location, message: string, related?: Location[]): Finding {
  return { ruleId: code, severity: 'error', ...loc, message, ...(related?.length ? { related } : {}) };
}

/** The findings of one target's probe runs. `packaged` holds the package's top-level names (modules and packages). */
export function findingsOf(target: VerifyTarget, runs: EntryRun[], packaged: ReadonlySet<string>): VerifyFindings {
  const ownTop = (top: string) => packaged.has(top) || target.repoNames.has(top);
  const bySrc = new Map(target.files.map((f) => [f.dest, f.src]));
  const srcOf = (dest: string) => bySrc.get(dest);
  const findings: Finding[] = [];
  const notes: string[] = [];
  if (target.opaqueEnv?.length)
    notes.push(`${target.label}: ${target.opaqueEnv.join(', ')} set to "${OPAQUE_VALUE}": the deploy sets ${target.opaqueEnv.length === 1 ? 'it' : 'them'} to a value not known here; a finding that depends on the value may not happen on Lambda`);
  const results = new Map<VerifyEntry, ProbeResult>();
  for (const { entry, outcome } of runs) {
    const at = line1(entry.file);
    if (outcome.kind === 'timeout') {
      findings.push(finding(VERIFY_CODES.probeFailed, at, `importing ${entry.module} did not finish in ${Math.round(outcome.ms)} ms (${target.label}); Lambda's init phase would time out the same way or the import waits for a network`));
      continue;
    }
    if (outcome.kind === 'crashed') {
      const tail = outcome.stderr.trim().split('\n').slice(-1)[0] ?? '';
      findings.push(finding(VERIFY_CODES.probeFailed, at, `importing ${entry.module} ended the interpreter (exit ${outcome.code ?? outcome.signal}) before it could report (${target.label})${tail ? `: ${tail}` : ''}`));
      continue;
    }
    const r = outcome.result;
    results.set(entry, r);
    if (!r.import.ok) {
      const dep = missingDependency(r.import.error, ownTop);
      if (dep) notes.push(`${entry.file}: '${dep}' is not installed for the interpreter verify runs (${r.import.error.message}); ${declaredText(dep, target.requirements)}`);
      else findings.push(finding(VERIFY_CODES.importFails, placeOf(r.import.error, srcOf, at), `import ${entry.module} raises ${errText(r.import.error)} (real Python ${r.python}, ${target.label})`));
      continue;
    }
    if (entry.handler && r.handler && !(r.handler.exists && r.handler.callable))
      findings.push(finding(VERIFY_CODES.handlerMissing, at, r.handler.exists ? `${entry.module}.${entry.handler} is not callable: Lambda cannot call the handler (${target.label})` : `module ${entry.module} has no attribute ${entry.handler}: Runtime.HandlerNotFound (${target.label})`));
    if (r.mappers && !r.mappers.ok)
      findings.push(finding(VERIFY_CODES.mappersFail, at, `after import ${entry.module}, SQLAlchemy's configure_mappers() raises ${errText(r.mappers.error)}: the first query fails (${target.label})`));
  }
  // Module-path strings are imported by the first Lambda entry point's probe (see verify.ts).
  const lambdaRun = runs.find((x) => x.entry.role === 'lambda');
  const lambdaResult = lambdaRun ? results.get(lambdaRun.entry) : undefined;
  if (lambdaResult)
    target.modulePaths.forEach((mp, i) => {
      const got = lambdaResult.modulePaths[i];
      if (!got || got.ok) return;
      const loc = mp.loc;
      if (got.error) {
        const dep = missingDependency(got.error, ownTop);
        if (dep) return void notes.push(`${loc.file}:${loc.line}: '${dep}' is not installed for the interpreter verify runs (${got.error.message}); ${declaredText(dep, target.requirements)}`);
        const inner = placeOf(got.error, srcOf, loc);
        findings.push(finding(VERIFY_CODES.modulePathFails, loc, `importlib.import_module("${mp.path}") raises ${errText(got.error)} on the first request (${target.label})`, inner === loc ? undefined : [inner]));
      } else if (got.missingAttrs?.length)
        findings.push(finding(VERIFY_CODES.modulePathFails, loc, `module ${mp.path} has no attribute ${got.missingAttrs.map((a) => `'${a}'`).join(', ')}: the loader's read raises AttributeError on the first request (${target.label})`));
    });
  findings.push(...liveDiffFindings(target, runs, results, lambdaResult));
  if (lambdaResult?.invoke) {
    const inv = invokeFindings(target, lambdaResult.invoke, srcOf);
    findings.push(...inv.findings);
    notes.push(...inv.notes);
  }
  return { findings, notes };
}

function liveDiffFindings(target: VerifyTarget, runs: EntryRun[], results: Map<VerifyEntry, ProbeResult>, lambdaResult: ProbeResult | undefined): Finding[] {
  const eagerRun = runs.find((x) => x.entry.role === 'eager' && results.get(x.entry)?.apps?.length);
  // The Lambda app: the first Lambda entry point that defines one (handler.py usually only imports it).
  const lambdaApp = runs.find((x) => x.entry.role === 'lambda' && results.get(x.entry)?.apps?.length);
  if (!eagerRun || !lambdaApp || !lambdaResult) return [];
  const eager = results.get(eagerRun.entry)!.apps![0];
  const lam = results.get(lambdaApp.entry)!.apps![0];
  const lazyRoutes = lambdaResult.modulePaths.flatMap((m) => m.routes ?? []);
  const diffs: LiveDiff[] = compareLiveApps(eager, lam, { lazyRoutes, loaders: target.loaders, modules: { eager: eagerRun.entry.module, lambda: lambdaApp.entry.module } });
  return diffs.map((d) =>
    finding(VERIFY_CODES.liveAppsDiffer, line1(d.side === 'eager-only' ? lambdaApp.entry.file : eagerRun.entry.file), `live apps differ (${d.kind}): ${d.detail} — ${eagerRun.entry.file} against ${lambdaApp.entry.file} (${target.label})`),
  );
}

/** --invoke: a 5xx, an exception out of the app, no response or no answer in time, at the route's function. */
function invokeFindings(target: VerifyTarget, invoke: NonNullable<ProbeResult['invoke']>, srcOf: (dest: string) => string | undefined): VerifyFindings {
  const findings: Finding[] = [];
  const notes: string[] = [];
  if (invoke.skipped) notes.push(`--invoke sent no request (${target.label}): ${invoke.skipped}`);
  for (const r of invoke.routers ?? []) {
    const mp = target.modulePaths.find((m) => m.path === r.module);
    const src = r.file !== undefined ? srcOf(r.file) : undefined;
    const at: Location | undefined = src && r.line ? line1(src, r.line) : mp?.loc;
    if (r.skipped || !at) {
      notes.push(`--invoke: ${r.module} not requested (${target.label}): ${r.skipped ?? 'its route is outside the package'}`);
      continue;
    }
    const get = `GET ${r.path} (${r.endpoint})`;
    const why = r.timedOut
      ? 'did not answer within the timeout (--timeout, per request)'
      : r.error
        ? `raises ${errText(r.error)}${r.status ? ` (the client gets ${r.status})` : ''}`
        : r.status === null || r.status === undefined
          ? 'sent no response'
          : r.status >= 500
            ? `answers ${r.status}`
            : undefined;
    if (!why) continue;
    const inner = r.error ? placeOf(r.error, srcOf, at) : at;
    findings.push(finding(VERIFY_CODES.routeFails, at, `${get} ${why} on the Lambda app, once ${r.module} is loaded (${target.label})`, inner === at ? undefined : [inner]));
  }
  return { findings, notes };
}
