// The graph and rule stages of the pipeline, app by app, with the per-app findings cache
// (src/cache/app-cache.ts): an app whose every input reads as when its entry was written brings its
// findings, notes, suppression comments and file list from there, and its graph is not built.
//
// What reads more than one app, and how the result stays what one pass over every graph gives:
//   - the deploy graphs (spec.deploy) are never cached: LPK001-LPK003 and HND001-HND003 read only
//     them, and which files Lambda reaches (markLambdaReach, read by the PAR rules of every graph) is
//     computed from them first, then is part of every other app's key;
//   - LPK001-LPK003 and PARSE001 run once over the graphs built (PARSE001 over every file read);
//     an app that read a file with parse problems is not stored, so a cached app adds none;
//   - MOD002 reports a module-path place once over all apps (its `seen`): kept here, first app first;
//   - the findings are put in the order of one rule at a time over every app, as run.ts did.
import { appKey, globalKey, type AppCache, type AppEntry, type AppFinding } from './cache/app-cache.js';
import { recordingEnv, type Recorded } from './cache/app-inputs.js';
import type { Config } from './config/schema.js';
import { buildDeployedGraph } from './deploy/apps.js';
import { markLambdaReach } from './deploy/lambda-reach.js';
import type { Subject } from './filter/allow.js';
import type { AppSpec } from './graph/build.js';
import { buildGraph, buildGraphs, type GraphEnv } from './graph/env.js';
import type { AppGraph } from './graph/types.js';
import type { RuleCode } from './types/rules.js';
import { RULES } from './rules/index.js';
import { pairwiseCuts } from './rules/shared/pairwise-note.js';
import type { AppRoot, Rule } from './rules/types.js';
import type { DeployFacts, Finding, SuppressionFact } from './types.js';

/** Rules that compare apps with each other: run once over every graph built (see above). */
const ACROSS_APPS = new Set(['LPK001', 'LPK002', 'LPK003', 'PARSE001']);

export interface AppsOptions {
  specs: AppSpec[];
  env: GraphEnv;
  config: Config;
  deploy: DeployFacts;
  /** Functions of the deploy definitions not checked (markLambdaReach). */
  notCheckedFunctions: number;
  appCache?: AppCache;
  /** The severity the config sets for a code; undefined: the rule's own. */
  severityOf: (code: string) => Finding['severity'] | undefined;
  onBuilt?: (built: number) => void;
  /** Time and CPU now (ms), for the per-rule timing lines. */
  clock: () => { ms: number; cpu?: number };
  /** Called once every graph is built, before the rules run (the run's "parse and graph" phase ends). */
  afterGraphs?: () => Promise<void>;
}

export interface AppsResult {
  /** The graphs built in this run, in the order of the specs (an app from the cache has none). */
  graphs: AppGraph[];
  /** Every rule's findings, one rule at a time over every app. */
  raw: { finding: Finding; subject?: Subject }[];
  /** Pairwise-cut notes, then the rules' notes (deduplicated). */
  notes: string[];
  /** Suppression comments of every file read, by file. */
  suppressions: Map<string, SuppressionFact[]>;
  /** Files read for their facts, over every app. */
  files: number;
  fromCache: number;
  /** Per rule: wall and CPU time spent in it over every app. */
  ruleTimes: { what: string; ms: number; cpu?: number }[];
}

export async function checkApps(o: AppsOptions): Promise<AppsResult> {
  const { specs, env, appCache } = o;
  const store = env.store;
  const recorded = new Map<AppSpec, Recorded>();
  const envOf = (spec: AppSpec): GraphEnv => recorded.get(spec)?.env ?? env;
  let built = 0;
  const buildAll = (list: AppSpec[]) => {
    if (appCache) for (const s of list) if (!s.deploy) recorded.set(s, recordingEnv(env));
    return buildGraphs(
      list,
      env,
      (spec) => (spec.deploy ? buildDeployedGraph({ ...spec, deploy: spec.deploy }, envOf(spec)) : buildGraph(spec, envOf(spec))),
      () => o.onBuilt?.(++built),
      envOf,
    );
  };

  // The deploy graphs first: which files Lambda reaches is an input of every other app.
  const graphOf = new Map<AppSpec, AppGraph>();
  const deployed = specs.filter((s) => s.deploy);
  (await buildAll(deployed)).forEach((g, i) => graphOf.set(deployed[i], g));
  markLambdaReach([...graphOf.values()], o.notCheckedFunctions);
  const lambdaFiles = [...graphOf.values()][0]?.lambdaFiles;

  // Every app by its import root, for the rules that look past their own app (RuleContext.appRoots); a deploy
  // app's graph is built already, and another app's root is its spec's.
  const appRoots: AppRoot[] = specs.map((s) => {
    const g = graphOf.get(s);
    return { name: s.name, root: g?.root ?? s.root, virtual: g?.deploy?.virtual ?? false };
  });

  const entries = new Map<AppSpec, AppEntry>();
  const keys = new Map<AppSpec, string>();
  if (appCache) {
    const global = globalKey(appCache.tool, env.snapshot, { config: o.config, paths: env.paths, dependencies: env.dependencies, lambdaFiles, appRoots });
    for (const s of specs) {
      if (s.deploy) continue;
      const key = appKey(global, s);
      if (key === undefined) continue;
      keys.set(s, key);
      const hit = appCache.get(key);
      if (hit) entries.set(s, hit);
    }
  }
  const rest = specs.filter((s) => !s.deploy && !entries.has(s));
  (await buildAll(rest)).forEach((g, i) => graphOf.set(rest[i], g));
  const graphs = specs.flatMap((s) => graphOf.get(s) ?? []);
  if (lambdaFiles) for (const g of graphs) g.lambdaFiles = lambdaFiles;
  await o.afterGraphs?.();

  // The rules: each app's own, then those across apps over every graph built.
  const enabled = RULES.filter((r) => o.config.rules?.[r.code as RuleCode] !== 'off');
  const times = new Map<string, { ms: number; cpu?: number }>(enabled.map((r) => [r.code, { ms: 0, cpu: 0 }]));
  const run = (rule: Rule, apps: AppGraph[]): { found: AppFinding[]; notes: string[] } => {
    const start = o.clock();
    const notes: string[] = [];
    const severity = o.severityOf(rule.code) ?? rule.severity;
    const found: AppFinding[] = [];
    for (const { subject, ...f } of rule.check({ apps, files: store.read, deploy: o.deploy, notes, appRoots })) {
      found.push({ rule: rule.code, finding: { ruleId: rule.code, ...f, severity: f.severity ?? severity }, ...(subject ? { subject } : {}) });
    }
    const end = o.clock();
    const t = times.get(rule.code)!;
    t.ms += end.ms - start.ms;
    t.cpu = end.cpu !== undefined && start.cpu !== undefined ? t.cpu! + end.cpu - start.cpu : undefined;
    return { found, notes };
  };
  const perApp = new Map<AppSpec, Pick<AppEntry, 'findings' | 'notes' | 'cuts'>>();
  for (const s of specs) {
    const cached = entries.get(s);
    if (cached) {
      perApp.set(s, cached);
      continue;
    }
    const g = graphOf.get(s)!;
    const findings: AppFinding[] = [];
    const notes: [string, string][] = [];
    for (const rule of enabled) {
      if (ACROSS_APPS.has(rule.code)) continue;
      const r = run(rule, [g]);
      findings.push(...r.found);
      for (const n of r.notes) notes.push([rule.code, n]);
    }
    perApp.set(s, { findings, notes, cuts: pairwiseCuts([g]) });
  }
  const across = new Map<string, { found: AppFinding[]; notes: string[] }>();
  for (const rule of enabled) if (ACROSS_APPS.has(rule.code)) across.set(rule.code, run(rule, graphs));

  // One rule at a time over every app, as a single pass makes them.
  const raw: { finding: Finding; subject?: Subject }[] = [];
  const ruleNotes: string[] = [];
  const placeSeen = new Set<string>();
  for (const rule of enabled) {
    const block = across.get(rule.code);
    if (block) {
      raw.push(...block.found);
      ruleNotes.push(...block.notes);
      continue;
    }
    for (const s of specs) {
      const a = perApp.get(s)!;
      for (const f of a.findings) {
        if (f.rule !== rule.code) continue;
        if (rule.code === 'MOD002') {
          // MOD002's `seen`: a place and attribute reported for one app is not reported for the next.
          const place = `${f.finding.file}:${f.finding.line}:${f.finding.column}:${f.subject?.names[0]}`;
          if (placeSeen.has(place)) continue;
          placeSeen.add(place);
        }
        raw.push(f.subject ? { finding: f.finding, subject: f.subject } : { finding: f.finding });
      }
      for (const [code, n] of a.notes) if (code === rule.code) ruleNotes.push(n);
    }
  }

  const suppressions = new Map([...store.read].map(([file, facts]) => [file, facts.suppressions]));
  const files = new Set(store.read.keys());
  for (const e of entries.values()) {
    for (const f of e.read) files.add(f);
    for (const [file, list] of e.suppressions) if (!suppressions.has(file)) suppressions.set(file, list);
  }
  if (appCache) for (const s of rest) storeEntry(appCache, keys.get(s), recorded.get(s), perApp.get(s)!, env);

  return {
    graphs,
    raw,
    notes: [...specs.flatMap((s) => perApp.get(s)!.cuts), ...new Set(ruleNotes)],
    suppressions,
    files: files.size,
    fromCache: entries.size,
    ruleTimes: enabled.map((r) => ({ what: `rule ${r.code}`, ...times.get(r.code)! })),
  };
}

/** Keeps what an app built in this run gave, unless something of it reaches past the app (see the top). */
function storeEntry(cache: AppCache, key: string | undefined, rec: Recorded | undefined, out: Pick<AppEntry, 'findings' | 'notes' | 'cuts'>, env: GraphEnv): void {
  if (key === undefined || !rec) return;
  const read = [...rec.gets].filter((f) => env.store.read.has(f)).sort();
  if (read.some((f) => env.store.read.get(f)!.parseProblems.length)) return;
  // withoutFixesOnUnparsable looks at the files a fix edits: only this app's own.
  const own = new Set(read);
  if (out.findings.some((f) => f.finding.fix?.edits.some((e) => !own.has(e.file)))) return;
  const suppressions: [string, SuppressionFact[]][] = [];
  for (const f of read) {
    const list = env.store.read.get(f)!.suppressions;
    if (list.length) suppressions.push([f, list]);
  }
  cache.set({ key, inputs: cache.idsOf(rec.paths), read, suppressions, ...out });
}
