// The apps of the deploy definitions: every Lambda function that SAM, serverless, Terraform, a
// Dockerfile or a CI workflow defines becomes an app spec whose entry point is its handler module
// (AppSpec.deploy holds its functions), merged with the configured or discovered apps. Their graphs
// are built by deploy/apps.ts.
import type { AppSpec } from '../graph/build.js';
import { entryRef, type DeployFunction, type SpecDeploy, type SpecLayers } from '../graph/deployed.js';
import { readTexts } from '../graph/env.js';
import { deployMessages } from '../messages.js';
import { Resolver } from '../python/resolve.js';
import { joinPath } from '../util/posix-path.js';
import { otherRuntime, packageView, pythonVerdict } from './startup.js';
import { collectDeployFacts, contextFromPaths, readDeployFiles, SOURCES, type SourceContext } from '../sources/index.js';
import { addLayers, configOf, functionLayers, layerNotChecked, mergeLayers } from './layers.js';
import type { DeployFacts, Finding, LambdaFunction, Location, NotChecked, Snapshot } from '../types.js';
import type { PathMemo } from '../cache/path-memo.js';
import { applyOverrides, qualifyFixes, type Overrides } from './overrides.js';
import { reRootDiscovered } from './reroot.js';

/** An app spec of deploy definitions. */
export type DeploySpec = AppSpec & { deploy: SpecDeploy };

export interface DeployRead {
  facts: DeployFacts;
  specs: DeploySpec[];
  /** Lines for --verbose: unknown values, functions not checked, partly known packages. */
  verbose: string[];
  /** Functions that could not be checked: named in every output format, not only --verbose. */
  notChecked: NotChecked[];
  /** Findings about the config's `functions` entries (SUP002: an entry that names no function). */
  configFindings?: Finding[];
  /** Every file read as a deploy definition or for one (a template found by content, a CDK stack): for --staged relevance. */
  files: Set<string>;
  /**
   * Handler files a deploy definition names that the repository does not hold (root-relative paths, as the
   * apps' entry points are spelled): HND001 reports each; the discovered app's note does not list them as found.
   */
  absentEntries?: Set<string>;
}

const where = (l: Location) => `${l.file}:${l.line}:${l.column}`;

export async function readDeploy(snapshot: Snapshot, paths: string[], overrides?: Overrides, memo?: PathMemo): Promise<DeployRead> {
  // The path index costs 60 ms at 30,000 files: made once, and only when there is a deploy file.
  let ctx: SourceContext | undefined;
  const context = () => (ctx ??= contextFromPaths(paths, snapshot.links));
  const files = await readDeployFiles(SOURCES, paths, (ps) => readTexts(snapshot, ps), context, memo);
  const facts: DeployFacts = files.length ? collectDeployFacts(files, context()) : { functions: [], problems: [], unknowns: [] };
  // The config states what the deploy files cannot (src/deploy/overrides.ts).
  const applied = overrides?.entries.length ? applyOverrides(facts.functions, overrides) : undefined;
  if (applied) facts.functions = applied.functions;
  const verbose = facts.unknowns.map((u) => deployMessages.unknown(where(u.loc), u.what, u.why));
  const notChecked: NotChecked[] = unreadDefinitions(facts);
  for (const l of facts.links ?? []) verbose.push(deployMessages.linked(where(l.loc), l.message));
  const groups: SpecGroups = { codeRoots: new Map(), packages: new Map(), absent: new Set() };
  const skip = (fn: LambdaFunction, why: string, fix?: string) => {
    verbose.push(deployMessages.notChecked(where(fn.loc), fn.name, why));
    notChecked.push({ loc: fn.loc, name: fn.name, why, fix });
  };
  const pathSet = new Set(paths);
  const readText = (p: string) => snapshot.readText(p);
  for (const fn of facts.functions) {
    const other = otherRuntime(fn);
    if (other) {
      verbose.push(deployMessages.notPython(where(fn.loc), fn.name, other));
      continue;
    }
    const verdict = await pythonVerdict(fn, fn.layout.known ? packageView(fn.layout.value, pathSet, readText) : undefined);
    if (verdict.kind === 'not-python') {
      verbose.push(deployMessages.notPython(where(fn.loc), fn.name, verdict.why));
      continue;
    }
    if (verdict.kind === 'not-checked') {
      skip(fn, verdict.why, verdict.maybeOther ? deployMessages.functionNotPython(fn.name) : deployMessages.functionFix(fn.name, 'app'));
      continue;
    }
    if (verdict.startup.kind !== 'handler') fn.startup = verdict.startup;
    if (!fn.handler.known && verdict.startup.kind === 'handler') {
      // What cannot start is fixed in the image; a handler stated in the config would not start it.
      skip(fn, `its handler is not known (${fn.handler.why})`, fn.handler.fix ?? deployMessages.functionFix(fn.name, 'handler'));
      continue;
    }
    if (!fn.layout.known) {
      skip(fn, `its package is not known (${fn.layout.why})`, deployMessages.functionFix(fn.name, 'packageRoot'));
      continue;
    }
    const layout = fn.layout.value;
    const df: DeployFunction = { fn, layout, layoutLoc: fn.layout.loc };
    const layers = functionLayers(fn, facts, paths, overrides && { entry: configOf(fn, overrides.entries.map((e) => e.entry)), dir: overrides.dir });
    for (const n of layerNotChecked(fn, layers)) {
      verbose.push(deployMessages.notChecked(where(fn.loc), fn.name, n.why));
      notChecked.push(n);
    }
    for (const n of layout.notes ?? []) verbose.push(deployMessages.linked(where(n.loc), `function ${fn.name}: ${n.why}`));
    // A step that fails the build is said in every output: the image does not build (what it would add is not checked).
    for (const u of layout.unknowns.filter((x) => x.fails)) {
      const by = u.fails!.by;
      const said = by ? { why: deployMessages.packageFails(by, u.why, u.fails!.dest), fix: deployMessages.packageFailsFix } : { why: deployMessages.buildFails(u.why, u.fails!.dest), fix: deployMessages.buildFailsFix };
      notChecked.push({ loc: u.loc, name: fn.name, ...said, definition: fn.loc });
    }
    const open = layout.unknowns.filter((u) => !u.fails && u.link === undefined); // a failing step is said above
    // Said in every output (not only --verbose): a "✔ No problems found" must not hide that the package rules were not applied.
    if (open.length) notChecked.push({ loc: fn.loc, name: fn.name, why: deployMessages.partial(open.map((u) => where(u.loc))), fix: deployMessages.functionFix(fn.name, 'packageRoot') });
    addToSpec(groups, df, layers, snapshot);
  }
  const specs = [...groups.codeRoots.values(), ...groups.packages.values()];
  for (const s of specs) {
    s.name = s.deploy.functions.map((f) => f.fn.name).join('+');
    s.deployEntries = [...s.entrypoints];
  }
  return { facts, specs, verbose, notChecked: qualifyFixes(notChecked, facts.functions), configFindings: applied?.findings, files: new Set(files.map((f) => f.path)), ...(groups.absent.size ? { absentEntries: groups.absent } : {}) };
}

/**
 * Deploy definitions that were not read at all (a CDK app whose script is not found, settings that do not parse):
 * said in every output, not only --verbose, since the functions they define are not seen, so not counted either.
 */
const WHOLE_DEFINITIONS = new Set(['CDK app', 'Zappa settings', 'Chalice config', 'Pulumi project']);
function unreadDefinitions(facts: DeployFacts): NotChecked[] {
  return facts.unknowns
    .filter((u) => WHOLE_DEFINITIONS.has(u.what))
    .map((u) => ({ loc: u.loc, name: deployMessages.unreadDefinition(u.what, u.loc.file), why: deployMessages.unreadDefinitionWhy(u.why), fix: deployMessages.unreadDefinitionFix }));
}

/** The apps of checked functions: one a code root (and first sys.path folder), one a simulated package. */
interface SpecGroups {
  codeRoots: Map<string, DeploySpec>;
  packages: Map<string, DeploySpec>;
  /** Handler files named but not in the repository (see DeployRead.absentEntries). */
  absent: Set<string>;
}

/** Adds a checked function, with its layers, to the app of its package (made on its first function). */
function addToSpec(groups: SpecGroups, df: DeployFunction, layers: SpecLayers | undefined, snapshot: Snapshot): void {
  const { fn, layout } = df;
  // A start-up that puts a package folder first on sys.path resolves differently: an app of its own.
  const first = fn.startup?.kind === 'web-app' ? fn.startup.path : undefined;
  const firstPath = first === undefined ? {} : { firstPath: first };
  if (layout.how === 'code-root' && layout.codeRoot !== undefined) {
    const root = layout.codeRoot;
    const key = first === undefined ? root : `${root}\0${first}`;
    let spec = groups.codeRoots.get(key);
    if (!spec) groups.codeRoots.set(key, (spec = { name: '', root, entrypoints: [], deploy: { functions: [], ...firstPath } }));
    spec.deploy.functions.push(df);
    addLayers(spec.deploy, layers);
    const entry = handlerEntry(fn, root, snapshot, first);
    if (entry && !spec.entrypoints.includes(entry.file)) spec.entrypoints.push(entry.file);
    if (entry?.absent) groups.absent.add(joinPath(root, entry.file));
  } else if (layout.how === 'simulated' && layout.files) {
    const key = JSON.stringify([first ?? null, ...layout.files.map((f) => [f.dest, f.src]).sort()]);
    let spec = groups.packages.get(key);
    if (!spec) groups.packages.set(key, (spec = { name: '', root: commonFolder(layout.files.map((f) => f.src)), entrypoints: [], deploy: { functions: [], layout, ...firstPath } }));
    spec.deploy.functions.push(df);
    addLayers(spec.deploy, layers);
  }
}

/** The handler module's file relative to the code root (`handler.py`), spelled as Python would look for it (under `first`, then the root, when the start-up puts that folder first). */
function handlerEntry(fn: LambdaFunction, root: string, snapshot: Snapshot, first?: string): { file: string; absent?: boolean } | undefined {
  const h = entryRef(fn);
  if (!h || !h.module) return undefined;
  const top = first === undefined ? root : joinPath(root, first);
  const r = new Resolver({ root: top, files: snapshot, localTopLevel: new Set(), dependencies: new Set(), searchPath: first === undefined ? undefined : [root] }).resolve(h.module);
  if (r && (r.kind === 'module' || r.kind === 'package')) return { file: root ? r.file.slice(root.length + 1) : r.file };
  // Not in the repository: still an entry point (HND001 reports the handler), but never listed as found.
  return { file: joinPath(first ?? '', `${h.module.split('.').join('/')}.py`), absent: !r };
}


/** The deepest folder holding every path ('' when they share none). */
function commonFolder(paths: string[]): string {
  if (!paths.length) return '';
  let parts = paths[0].split('/').slice(0, -1);
  for (const p of paths.slice(1)) {
    const q = p.split('/').slice(0, -1);
    let i = 0;
    while (i < parts.length && i < q.length && parts[i] === q[i]) i++;
    parts = parts.slice(0, i);
  }
  return parts.join('/');
}

/**
 * Configured or discovered apps plus the apps of the deploy definitions, one per root: an app whose
 * root is a function's code root gets the handler module as an extra entry point (its own name,
 * entry points, label and allow-list stay: the config overrides); the other deploy apps are added.
 */
export function mergeDeploySpecs(specs: AppSpec[], deploy: DeploySpec[], allow: AppSpec['allow'] = []): AppSpec[] {
  const out: AppSpec[] = [...specs];
  for (const d of deploy) {
    const i = d.deploy.layout || d.deploy.firstPath !== undefined ? -1 : out.findIndex((s) => s.root === d.root && !s.deploy?.layout && s.deploy?.firstPath === undefined);
    if (i < 0) {
      out.push({ ...d, allow: [...(d.allow ?? []), ...(allow ?? [])] });
      continue;
    }
    const s = out[i];
    const functions = [...(s.deploy?.functions ?? []), ...d.deploy.functions];
    const added = d.entrypoints.filter((e) => !s.entrypoints.includes(e));
    const entrypoints = [...s.entrypoints, ...added];
    const layers = mergeLayers(s.deploy?.layers, d.deploy.layers);
    const deployEntries = [...(s.deployEntries ?? []), ...added];
    out[i] = { ...s, entrypoints, deploy: layers ? { functions, layers } : { functions }, ...(deployEntries.length ? { deployEntries } : {}) };
  }
  return out;
}


/**
 * run()'s specs with the deploy apps merged in. Without configured apps, the deploy apps that have a
 * real root count as discovered (said on stderr); the virtual ones are named by --verbose.
 */
export function withDeployApps(
  specs: AppSpec[],
  discovered: AppSpec[],
  read: DeployRead,
  allow: AppSpec['allow'],
  configured: boolean,
): { specs: AppSpec[]; discovered: AppSpec[] } {
  if (!configured && read.facts.built?.length) {
    // A folder that only a build step fills is never an app of its own (#14 point 6).
    const under = (s: AppSpec) => read.facts.built!.find((b) => s.root === b.folder || s.root.startsWith(`${b.folder}/`));
    for (const s of discovered) {
      const b = under(s);
      if (b) read.verbose.push(deployMessages.builtApp(s.root, where(b.by)));
    }
    specs = specs.filter((s) => !under(s));
    discovered = discovered.filter((s) => !under(s));
  }
  if (!configured) {
    // A discovered app's root is a guess that a deploy definition's handler module can correct (reroot.ts).
    specs = reRootDiscovered(specs, read.specs, read.verbose);
    discovered = reRootDiscovered(discovered, read.specs);
  }
  const merged = mergeDeploySpecs(specs, read.specs, allow);
  if (configured) return { specs: merged, discovered };
  // The note that names a discovered app's entry points lists the files it found: a handler file a deploy
  // definition names and the repository lacks is HND001's, not an entry point discovered.
  const absent = read.absentEntries;
  const found = (s: AppSpec) => (absent ? { ...s, entrypoints: s.entrypoints.filter((e) => !absent.has(joinPath(s.root, e))) } : s);
  return { specs: merged, discovered: merged.filter((s) => !s.deploy?.layout).map(found).filter((s) => s.entrypoints.length) };
}
