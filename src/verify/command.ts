// `parity-check verify`: the static check, then each app's entry points imported in real Python
// under the package the deploy builds, and the two held side by side. Runs the repository's code,
// in child processes only (src/verify/probe-runner.ts); check mode never comes here.
import { run } from '../run.js';
import { openSnapshot } from '../snapshot/index.js';
import type { Finding } from '../types.js';
import type { VerifyTarget } from './findings.js';
import { dependencyFileNames } from '../python/deps.js';
import { requirementsOf } from './requirements.js';
import { repositoryNames, targetsOf } from './targets.js';
import { verifyTarget, type TargetReport } from './verify.js';

export interface VerifyCommandOptions {
  base: string;
  python: string;
  timeoutMs: number;
  configPath?: string;
  /** Only the apps or functions with this name. */
  only?: string;
  /** --invoke: one GET request per lazily loaded router, after the import (VER007). */
  invoke?: boolean;
}

/** How a static finding fared at runtime. */
export interface StaticVerdict {
  finding: Finding;
  verdict: 'confirmed' | 'not-confirmed' | 'not-run';
  /** not-run because the app has no Lambda entry point at all (no adapter, no deployed handler): nothing to compare with. */
  noLambdaEntry?: boolean;
}

export interface VerifyResult {
  reports: TargetReport[];
  findings: Finding[];
  notes: string[];
  staticFindings: StaticVerdict[];
  /** Runtime findings no static finding explains: what the static check missed. */
  runtimeOnly: Finding[];
  /** Text of the files the findings point at, for code frames. */
  sources: Map<string, string>;
}

/** Which runtime findings can confirm a static rule (same app): by place where both have one, else by kind. */
const CONFIRMS: Record<string, { codes: string[]; samePlace: boolean }> = {
  MOD001: { codes: ['VER003'], samePlace: true },
  MOD002: { codes: ['VER003'], samePlace: true },
  MOD003: { codes: ['VER001'], samePlace: true },
  MOD004: { codes: ['VER001'], samePlace: true },
  MDL001: { codes: ['VER004'], samePlace: false },
  MDL002: { codes: ['VER004'], samePlace: false },
  PAR004: { codes: ['VER004'], samePlace: false },
  PAR001: { codes: ['VER005'], samePlace: false },
  PAR002: { codes: ['VER005'], samePlace: false },
  PAR003: { codes: ['VER005'], samePlace: false },
  PAR005: { codes: ['VER005'], samePlace: false },
  HND001: { codes: ['VER001', 'VER002'], samePlace: false },
  LPK001: { codes: ['VER001', 'VER003'], samePlace: false },
  LPK002: { codes: ['VER001', 'VER003'], samePlace: false },
  LPK003: { codes: ['VER001', 'VER003'], samePlace: false },
};

/** Rules whose runtime check needs a Lambda entry point that imports (the live app, the mappers, the handler). */
const NEEDS_IMPORT = new Set(['MDL001', 'MDL002', 'PAR001', 'PAR002', 'PAR003', 'PAR004', 'PAR005', 'HND001']);

function sideBySide(staticFindings: Finding[], runtime: Finding[], imported: (f: Finding) => boolean | undefined): Pick<VerifyResult, 'staticFindings' | 'runtimeOnly'> {
  const explained = new Set<Finding>();
  const verdicts = staticFindings.map((finding): StaticVerdict => {
    const rule = CONFIRMS[finding.ruleId];
    const ok = imported(finding);
    if (!rule || ok === undefined || (NEEDS_IMPORT.has(finding.ruleId) && !ok)) return { finding, verdict: 'not-run' };
    const hits = runtime.filter((r) => rule.codes.includes(r.ruleId) && (!rule.samePlace || (r.file === finding.file && r.line === finding.line)));
    for (const h of hits) explained.add(h);
    // Python not hitting it is evidence only when Python got through: with no Lambda entry point
    // imported (an earlier line raised, or a third-party package is missing here), it may never have
    // reached the finding's line.
    return { finding, verdict: hits.length ? 'confirmed' : ok ? 'not-confirmed' : 'not-run' };
  });
  return { staticFindings: verdicts, runtimeOnly: runtime.filter((r) => !explained.has(r)) };
}

export async function runVerify(opts: VerifyCommandOptions): Promise<VerifyResult> {
  const snapshot = await openSnapshot(opts.base, { staged: false });
  try {
    const checked = await run({ base: opts.base, staged: false, configPath: opts.configPath, snapshot });
    const files = snapshot.files().map((e) => e.path);
    const names = repositoryNames(files);
    const depTexts = new Map<string, string | undefined>();
    for (const p of files.filter(dependencyFileNames)) depTexts.set(p, await snapshot.readText(p));
    const targets: VerifyTarget[] = checked.apps
      .flatMap((g) => targetsOf(g, files, names).map((t) => ({ ...t, requirements: requirementsOf(g.root, t.files.map((f) => f.src), files, (p) => depTexts.get(p)) })))
      .filter((t) => !opts.only || t.app === opts.only || t.label === `function ${opts.only}`);
    const reports: TargetReport[] = [];
    const texts = new Map<string, Buffer>();
    for (const t of targets) for (const f of [...t.files, ...(t.opt?.files ?? [])]) if (!texts.has(f.src)) texts.set(f.src, (await snapshot.read(f.src)) ?? Buffer.alloc(0));
    for (const target of targets) reports.push(await verifyTarget(target, { python: opts.python, timeoutMs: opts.timeoutMs, invoke: opts.invoke, readFile: (src) => texts.get(src) ?? Buffer.alloc(0) }));
    const findings = reports.flatMap((r) => r.findings);
    const notes = [...new Set(reports.flatMap((r) => r.notes))];
    // Per app: did some Lambda entry point import (its live app and the mappers were seen), or none;
    // undefined when the app was not run. (handler.py may fail on a dependency only the deploy has.)
    const importedByApp = new Map<string, boolean>();
    for (const r of reports) {
      const ok = r.runs.some((x) => x.entry.role === 'lambda' && x.outcome.kind === 'result' && x.outcome.result.import.ok);
      importedByApp.set(r.target.app, (importedByApp.get(r.target.app) ?? false) || ok);
    }
    // The app the rule named (a finding in a workflow or template is about the app it deploys), else by place.
    const appOf = (f: Finding) => checked.appOf.get(f) ?? checked.apps.find((g) => g.root === '' || f.file === g.root || f.file.startsWith(`${g.root}/`))?.name;
    const staticOnes = checked.findings.filter((f) => {
      const app = appOf(f);
      return app !== undefined && importedByApp.has(app);
    });
    const sources = new Map<string, string>();
    for (const f of findings)
      for (const file of [f.file, ...(f.related ?? []).map((x) => x.file)]) {
        const text = sources.has(file) ? undefined : await snapshot.readText(file);
        if (text !== undefined) sources.set(file, text);
      }
    const withLambda = new Set(reports.filter((r) => r.runs.some((x) => x.entry.role === 'lambda')).map((r) => r.target.app));
    const side = sideBySide(staticOnes, findings, (f) => importedByApp.get(appOf(f) ?? ''));
    for (const v of side.staticFindings) if (v.verdict === 'not-run' && !withLambda.has(appOf(v.finding) ?? '')) v.noLambdaEntry = true;
    return { reports, findings, notes, sources, ...side };
  } finally {
    await snapshot.close();
  }
}
