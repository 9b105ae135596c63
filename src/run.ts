// The pipeline, and nothing else: its stages, in this order, are drawn once in README.md ("How it
// works"). It never touches `process`: cli.ts owns argv, stdout, stderr and the exit code.
import { unreadLibraryLines } from './graph/library-files.js';
import { unknownBorrowedLines, unknownMapLines } from './graph/unknown-maps.js';
import { configRoot } from './config/app-root.js';
import type { Allow, AppConfig, Config } from './config/schema.js';
import { loadConfig, type LoadedConfig } from './config/load.js';
import { unstagedConfigHints } from './config/unstaged.js';
import { discoverApps } from './discover.js';
import type { AppSpec } from './graph/build.js';
import { normalizePath } from './util/posix-path.js';
import { readDeploy, withDeployApps } from './deploy/specs.js';
import { dropPackagedRepeats } from './deploy/reroot.js';
import { notCheckedOfChange } from './deploy/not-checked.js';
import { graphEnv, servesFactoryApp, type GraphEnv } from './graph/env.js';
import type { AppCache } from './cache/app-cache.js';
import { checkApps } from './check-apps.js';
import type { FactsCache } from './graph/cache.js';
import { FactsStore } from './graph/facts-store.js';
import type { AppGraph } from './graph/types.js';
import { dependencyFileNames } from './python/deps.js';
import { localTopLevelNames } from './python/resolve.js';
import { RULES } from './rules/index.js';
import type { Rule } from './rules/types.js';
import { openSnapshot } from './snapshot/index.js';
import type { Finding, NotChecked, Snapshot } from './types.js';
import { RULE_CODES, type RuleCode } from './types/rules.js';
import { filterFindings } from './filter/index.js';
import { selectApps, type ChangedPath, type Relevance } from './relevance.js';
import { isDeployPath } from './sources/index.js';
import { opaqueAppLines } from './graph/registrations/opaque.js';
import { separateAppLines } from './graph/registrations/groups.js';
import { unknownNameLines } from './graph/unknown-names.js';
import { withoutFixesOnUnparsable } from './fix/unparsable.js';

export interface RunOptions {
  /**
   * The folder the user named, relative to base, when base is where the config above it lies
   * (config discovery upward): only the apps whose root overlaps it are checked.
   */
  scope?: string;
  /** The checked folder (absolute). */
  base: string;
  staged: boolean;
  configPath?: string;
  strictSuppressions?: boolean;
  cache?: (snapshot: Snapshot, config: Config) => FactsCache | undefined;
  /** The per-app findings cache (src/cache/app-cache.ts); left out by --verbose and --fix, which read every graph. */
  appCache?: (snapshot: Snapshot) => AppCache | undefined;
  /** Called after each app's graph is built: apps done, files parsed so far (for a progress line). */
  onProgress?: (apps: number, parsed: number) => void;
  /** --timing: the process's CPU time so far in ms (user + system), read at each phase's end. */
  cpuClock?: () => number;
  /** Supplies the snapshot (tests, or the CLI when it already opened one). */
  snapshot?: Snapshot;
  /**
   * --staged: the paths the commit changes (relative to base). Only the apps they can affect are
   * checked (see relevance.ts); none affected gives an empty result with `relevance.apps` empty.
   */
  changed?: readonly ChangedPath[];
}

export interface RunResult {
  findings: Finding[];
  suppressed: Finding[];
  /** The graphs built in this run: an app whose findings came from the app cache has none here. */
  apps: AppGraph[];
  /** How many apps the run checked (built or from the app cache). */
  appsChecked: number;
  /** Apps found without configuration, for a note on stderr. */
  discovered: AppSpec[];
  /** The config file the run read (undefined: none, the apps were discovered). */
  configFile?: string;
  /** Messages for stderr that are not findings (unreadable folders, say). */
  notes: string[];
  /** Lines for --verbose: deploy values that are not known, functions not checked (src/deploy). */
  verbose: string[];
  /** Lambda functions that could not be checked (src/deploy): every format names them. */
  notChecked: NotChecked[];
  /** Text of every file a finding points at, read through the snapshot: for code frames and fixes. */
  sources: Map<string, string>;
  stats: { files: number; parsed: number; cached: number };
  rules: readonly Rule[];
  /** With `changed`: which apps the change can affect (the others were not checked). */
  relevance?: Relevance;
  /** Config files read from disk, not through the snapshot, with their text (null: absent): a stored answer holds only while they read the same. */
  diskInputs?: [file: string, text: string | null][];
  /** When run() started and ended (performance.now()), so --timing can account for the whole process. */
  span?: { start: number; end: number; cpuStart?: number; cpuEnd?: number };
  /** Where the time went (--timing): phases, then one entry per rule. */
  timings: { what: string; ms: number; cpu?: number }[];
  /** The app a rule said a finding is about (its subject), wherever the finding is placed (a deploy file, say). */
  appOf: WeakMap<Finding, string>;
}

/** The severity the config sets for a code (`warn` is `warning`); undefined: the rule's own. */
function severityOf(config: Config, code: string): Finding['severity'] | undefined {
  const s = config.rules?.[code as RuleCode];
  return s === undefined || s === 'off' ? undefined : s === 'warn' ? 'warning' : s;
}

export async function run(opts: RunOptions): Promise<RunResult> {
  const timings: { what: string; ms: number; cpu?: number }[] = [];
  let last = performance.now();
  const start = last;
  const clock = opts.cpuClock;
  const cpuStart = clock?.();
  let lastCpu = cpuStart;
  const mark = (what: string) => {
    const now = performance.now();
    const cpu = clock?.();
    timings.push(cpu !== undefined && lastCpu !== undefined ? { what, ms: now - last, cpu: cpu - lastCpu } : { what, ms: now - last });
    last = now;
    lastCpu = cpu;
  };
  // A phase timed on its own (each rule over every app): the next mark starts after it.
  const add = (t: { what: string; ms: number; cpu?: number }) => {
    timings.push(t.cpu !== undefined && lastCpu !== undefined ? t : { what: t.what, ms: t.ms });
    last += t.ms;
    if (lastCpu !== undefined && t.cpu !== undefined) lastCpu += t.cpu;
  };
  const opened = opts.snapshot ?? (await openSnapshot(opts.base, { staged: opts.staged }));
  mark('snapshot');
  try {
    const loaded = await loadConfig(opened, { configPath: opts.configPath });
    mark('config');
    const config = loaded.config;
    // Ignore globs are only known once the config is read through the snapshot.
    const snapshot = config.ignore?.length && opened.withIgnore ? opened.withIgnore(config.ignore) : opened;
    const notes: string[] = (opened.problems ?? []).map((p) => `${p.path}: ${p.message}`);
    if (opened.kind === 'index') notes.push(...(await unstagedConfigHints(opened, loaded.files)));
    const factsCache = opts.cache?.(snapshot, config);
    const store = new FactsStore(snapshot, factsCache);

    const env = await graphEnv(snapshot, store, (paths) => factsCache?.paths?.(paths));
    const { specs, discovered, deployed, relevance, unchecked, notChecked } = await appsToCheck(opts, loaded, env);
    notes.push(...deployed.facts.problems.map((p) => `${p.loc.file}:${p.loc.line}:${p.loc.column}: ${p.message}`));
    mark('apps, dependencies, deploy files');
    const appCache = opts.appCache?.(snapshot);
    const stage = await checkApps({
      specs,
      env,
      config,
      deploy: deployed.facts,
      notCheckedFunctions: deployed.notChecked.length,
      ...(appCache ? { appCache } : {}),
      severityOf: (code) => severityOf(config, code),
      onBuilt: (built) => opts.onProgress?.(built, store.parsed),
      clock: () => ({ ms: performance.now(), cpu: clock?.() }),
      afterGraphs: async () => {
        await store.close();
        mark(`parse and graph (${store.parsed} parsed${store.inWorkers ? `, ${store.inWorkers} in worker threads` : ''}, ${store.cached} cached)`);
        // Its lookups are timed in the line above; this one says how many answered.
        if (appCache) add({ what: `${appCache.hits} of ${appCache.asked} apps from the app cache`, ms: 0, cpu: 0 });
      },
    });
    const apps = stage.graphs;
    for (const t of stage.ruleTimes) add(t);
    notes.push(...stage.notes);
    const raw = withoutFixesOnUnparsable(stage.raw, store.read);
    await factsCache?.flush();
    env.memo?.flush();
    appCache?.flush();
    mark('facts cache written');
    const appOf = new WeakMap<Finding, string>();
    for (const r of raw) if (r.subject?.app !== undefined) appOf.set(r.finding, r.subject.app);
    const { findings, suppressed } = filterFindings(dropPackagedRepeats(raw, specs), {
      allow: allowByAppName(specs),
      unchecked,
      knownCodes: new Set(RULES.map((r) => r.code)),
      disabledCodes: new Set(RULE_CODES.filter((c) => config.rules?.[c] === 'off')),
      configFile: loaded.file,
      suppressions: stage.suppressions,
      strictSuppressions: opts.strictSuppressions ?? false,
    });
    // The filter's own findings (SUP001, SUP002) take the config's severity like any rule's.
    for (const f of findings) f.severity = (f.ruleId.startsWith('SUP') ? severityOf(config, f.ruleId) : undefined) ?? f.severity;

    findings.push(...(deployed.configFindings ?? []));
    const sources = await sourcesOf(findings, snapshot);
    mark('suppressions, sources of findings');
    // Only --verbose prints these: made when read (a second of CPU over 295 apps at 30,000 files).
    let verbose: string[] | undefined;
    return {
      findings,
      suppressed,
      apps,
      discovered,
      ...(loaded.file !== undefined ? { configFile: loaded.file } : {}),
      notes,
      get verbose() {
        return (verbose ??= verboseLines(deployed.verbose, store, apps));
      },
      notChecked,
      sources,
      appsChecked: specs.length,
      stats: { files: stage.files, parsed: store.parsed, cached: store.cached },
      rules: RULES,
      relevance,
      timings,
      appOf,
      span: { start, end: performance.now(), ...(clock ? { cpuStart, cpuEnd: clock() } : {}) },
      ...(loaded.diskInputs ? { diskInputs: loaded.diskInputs } : {}),
    };
  } finally {
    if (!opts.snapshot) await opened.close();
  }
}

/** The allow entries of every app, by app name (apps of one name share them). */
function allowByAppName(specs: AppSpec[]): Map<string, Allow[]> {
  const allowByApp = new Map<string, Allow[]>();
  // A graph's allow entries are its spec's (graph/build.ts).
  for (const s of specs) allowByApp.set(s.name, [...(allowByApp.get(s.name) ?? []), ...(s.allow ?? [])]);
  return allowByApp;
}

/** The text of every file a finding points at, read through the snapshot. */
async function sourcesOf(findings: Finding[], snapshot: Snapshot): Promise<Map<string, string>> {
  const sources = new Map<string, string>();
  for (const f of findings) {
    for (const file of [f.file, ...(f.related ?? []).map((r) => r.file)]) {
      if (sources.has(file)) continue;
      const text = await snapshot.readText(file);
      if (text !== undefined) sources.set(file, text);
    }
  }
  return sources;
}

/** What the check read but could not judge, for --verbose (each reader makes its own lines). */
function verboseLines(deployVerbose: string[], store: FactsStore, apps: AppGraph[]): string[] {
  return [
    ...deployVerbose,
    ...unknownMapLines(store.read),
    ...unknownBorrowedLines(apps),
    ...unreadLibraryLines(store.read),
    ...apps.flatMap((a) => a.libraryNotes ?? []),
    ...opaqueAppLines(apps),
    ...separateAppLines(apps),
    ...unknownNameLines(apps),
  ];
}

/**
 * The apps this run checks: configured (or discovered) apps and the deploy definitions' apps, cut
 * down to those a staged change can affect; `unchecked` holds the allow entries of the others.
 */
async function appsToCheck(opts: RunOptions, loaded: LoadedConfig, env: GraphEnv) {
  const { config } = loaded;
  const { snapshot, store, localTopLevel, paths: allPaths } = env;
  let specs: AppSpec[];
  let discovered: AppSpec[] = [];
  if (config.apps?.length) {
    specs = config.apps.map((a) => specFromConfig(a, loaded.dir, config, snapshot.base));
  } else {
    discovered = await discoverApps(snapshot, store, { servesFactoryApp: servesFactoryApp(env), singleLambdaApps: true });
    specs = discovered.map((s) => ({ ...s, allow: config.allow ?? [] }));
  }
  const overrides = loaded.functions && { entries: loaded.functions, dir: loaded.dir, quiet: config.rules?.SUP002 === 'off' };
  const deployed = await readDeploy(snapshot, allPaths, overrides, env.memo);
  if (deployed.facts.functions.length) {
    // Deploy definitions say where their roots are: a single app's guessed root is not needed.
    specs = specs.filter((s) => !s.assumedRoot);
    discovered = discovered.filter((s) => !s.assumedRoot);
  }
  ({ specs, discovered } = withDeployApps(specs, discovered, deployed, config.allow ?? [], Boolean(config.apps?.length)));
  if (opts.scope) {
    // The apps of the folder named: inside it, or holding it.
    const scope = opts.scope;
    const overlaps = (root: string) => root === '' || scope === root || scope.startsWith(`${root}/`) || root.startsWith(`${scope}/`);
    specs = specs.filter((s) => overlaps(s.root));
    discovered = discovered.filter((s) => overlaps(s.root));
  }

  let relevance: Relevance | undefined;
  // Allow entries of apps this run leaves out: whether they match anything is not known.
  const unchecked = new Set<Allow>();
  if (opts.changed) {
    relevance = selectApps({
      changed: opts.changed,
      apps: specs.map((s) => (s.deploy?.layers ? { name: s.name, root: s.root, also: s.deploy.layers.searchPath } : s)),
      configFiles: loaded.files,
      paths: allPaths,
      topLevelNames: localTopLevelNames,
      topLevelAfter: localTopLevel,
      // A template found by content, a CDK stack: deploy files the names alone do not show.
      readers: { isDependencyFile: dependencyFileNames, isDeployFile: (p) => isDeployPath(p) || deployed.files.has(p) },
    });
    const keep = new Set(relevance.apps);
    for (const s of specs) if (!keep.has(s.name)) for (const a of s.allow ?? []) unchecked.add(a);
    specs = specs.filter((s) => keep.has(s.name));
    discovered = discovered.filter((s) => keep.has(s.name));
  }

  // --staged names only the functions not checked that the change concerns, as it checks only its apps.
  const notChecked = relevance && opts.changed ? notCheckedOfChange(deployed.notChecked, deployed.facts.functions, relevance, opts.changed) : deployed.notChecked;
  return { specs, discovered, deployed, relevance, unchecked, notChecked };
}

function specFromConfig(app: AppConfig, configDir: string, config: Config, base: string): AppSpec {
  return {
    name: app.name,
    root: configRoot(base, configDir, app.root),
    entrypoints: app.entrypoints.map(normalizePath),
    rootLabel: app.deployRootLabel,
    allow: [...(config.allow ?? []), ...(app.allow ?? [])],
    configured: true,
  };
}
