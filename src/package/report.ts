// `parity-check package`: what will actually be in each Lambda function's package (#14 point 5).
// For each function the deploy definitions name (config `functions` applied): its runtime, how it
// starts (a handler, or a web app's `module:app`) and whether that resolves in the package, the
// files of /var/task and of /opt (its layers), each with the step that put it there, and the steps
// that could not be simulated. Reads the repository; runs none of its code.
import { loadConfig } from '../config/load.js';
import { readDeploy } from '../deploy/specs.js';
import { LayoutSnapshot } from '../deploy/layout-snapshot.js';
import { UNUSED_ALLOW_RULE } from '../filter/allow.js';
import { noModuleNamed } from '../graph/not-found.js';
import { bindsName } from '../graph/symbols.js';
import { extractFacts } from '../python/extract.js';
import { Resolver } from '../python/resolve.js';
import type { Known, LambdaFunction, LambdaLayer, Location, NotChecked, PackageLayout, Snapshot } from '../types.js';
import { cmp } from '../util/compare.js';
import { isUnder, relTo } from '../util/posix-path.js';

/** One file of a package: where it lands, where it came from, the step that put it there. */
export interface ReportFile {
  path: string;
  from: string;
  step: Location;
}

export interface ReportTree {
  how: PackageLayout['how'];
  /** For a code root: the folder that becomes the tree. */
  codeRoot?: string;
  files: ReportFile[];
  /** Steps that could not be simulated. */
  unknowns: { loc: Location; why: string }[];
}

/** Whether the start-up string loads: `resolves`, or what Python would raise. */
export type Resolution =
  | { status: 'resolves'; file: string }
  | { status: 'no-module' | 'no-name'; why: string; file?: string }
  | { status: 'unknown'; why: string };

export interface ReportStartup {
  kind: 'handler' | 'web-app' | 'unknown';
  /** The handler (`module.function`) or the app (`module:app`); undefined when not known. */
  text?: string;
  loc?: Location;
  /** Why the string is not known, or how it starts when that cannot be read. */
  why?: string;
  /** A folder of the package the server puts first on sys.path (serverless-wsgi's `folder/module.app`). */
  path?: string;
  resolution?: Resolution;
}

export interface FunctionReport {
  name: string;
  source: LambdaFunction['source'];
  loc: Location;
  packageType: LambdaFunction['packageType'];
  runtime: Known<string> | undefined;
  startup: ReportStartup;
  /** /var/task, or why it is not known. */
  task: ReportTree | { unknown: string; loc?: Location };
  /** /opt: each layer, its files (paths relative to /opt) or why they are not known. */
  layers: { text: string; loc: Location; layer?: string; tree?: ReportTree; why?: string }[];
  notChecked?: NotChecked;
}

export interface PackageReport {
  functions: FunctionReport[];
  /** Every function's name, for --function's error. */
  names: string[];
}

export interface PackageOptions {
  configPath?: string;
  /** Only the function of this name. */
  only?: string;
}

export class UnknownFunctionError extends Error {
  override name = 'UnknownFunctionError';
  constructor(
    readonly asked: string,
    readonly known: string[],
  ) {
    super(asked);
  }
}

export async function packageReport(snapshot: Snapshot, opts: PackageOptions): Promise<PackageReport> {
  const loaded = await loadConfig(snapshot, { configPath: opts.configPath });
  const snap = loaded.config.ignore?.length && snapshot.withIgnore ? snapshot.withIgnore(loaded.config.ignore) : snapshot;
  // One sorted list of paths: every code root's files are a slice of it (a 30,000-file repository is walked once).
  const paths = snap.files().map((f) => f.path).sort(cmp);
  const overrides = loaded.functions && { entries: loaded.functions, dir: loaded.dir, quiet: loaded.config.rules?.[UNUSED_ALLOW_RULE] === 'off' };
  const read = await readDeploy(snap, paths, overrides);
  const names = [...new Set(read.facts.functions.map((f) => f.name))].sort(cmp);
  const chosen = opts.only === undefined ? read.facts.functions : read.facts.functions.filter((f) => f.name === opts.only);
  if (opts.only !== undefined && !chosen.length) throw new UnknownFunctionError(opts.only, names);
  const layers = new Map((read.facts.layers ?? []).map((l) => [l.name, l]));
  const functions: FunctionReport[] = [];
  for (const fn of chosen) {
    const notChecked = read.notChecked.find((n) => n.name === fn.name && n.loc.file === fn.loc.file && n.loc.line === fn.loc.line);
    functions.push(await functionReport(snap, paths, fn, layers, notChecked));
  }
  functions.sort((a, b) => cmp(a.loc.file, b.loc.file) || a.loc.line - b.loc.line || cmp(a.name, b.name));
  return { functions, names };
}

async function functionReport(
  snapshot: Snapshot,
  paths: string[],
  fn: LambdaFunction,
  layers: Map<string, LambdaLayer>,
  notChecked: NotChecked | undefined,
): Promise<FunctionReport> {
  const task = fn.layout.known ? tree(fn.layout.value, fn.layout.loc, paths) : undefined;
  const opt = (fn.layers ?? []).map((ref) => {
    const l = ref.layer === undefined ? undefined : layers.get(ref.layer);
    if (!l) return { text: ref.text, loc: ref.loc, layer: ref.layer, why: 'not defined in the checked folder' };
    if (!l.content.known) return { text: ref.text, loc: ref.loc, layer: ref.layer, why: l.content.why };
    return { text: ref.text, loc: ref.loc, layer: ref.layer, tree: tree(l.content.value, l.content.loc, paths) };
  });
  const startup = startupOf(fn);
  // Only Python resolves as Python: a Node or .NET handler is the runtime's own business.
  const other = fn.runtime?.known && !fn.runtime.value.startsWith('python') && startup.kind === 'handler' ? fn.runtime.value : undefined;
  if (other) startup.resolution = { status: 'unknown', why: `the runtime is ${other}, not Python` };
  else if (startup.text !== undefined && startup.kind !== 'unknown') startup.resolution = await resolution(snapshot, startup, task, opt.flatMap((o) => (o.tree ? [o.tree] : [])));
  return {
    name: fn.name,
    source: fn.source,
    loc: fn.loc,
    packageType: fn.packageType,
    runtime: fn.runtime,
    startup,
    task: task ?? (fn.layout.known ? { unknown: 'no files' } : { unknown: fn.layout.why, loc: fn.layout.loc }),
    layers: opt,
    notChecked,
  };
}

function startupOf(fn: LambdaFunction): ReportStartup {
  const s = fn.startup;
  if (s?.kind === 'web-app') {
    const path = s.path ? { path: s.path } : {};
    return s.app.known ? { kind: 'web-app', text: s.app.value, loc: s.app.loc, ...path } : { kind: 'web-app', why: s.app.why, loc: s.app.loc ?? s.loc, ...path };
  }
  if (s?.kind === 'unknown') return { kind: 'unknown', why: s.why, loc: s.loc };
  return fn.handler.known ? { kind: 'handler', text: fn.handler.value, loc: fn.handler.loc } : { kind: 'handler', why: fn.handler.why, loc: fn.handler.loc };
}

/** A layout's files: the simulated ones, or a code root's files (a slice of the sorted paths), each with its step. */
function tree(layout: PackageLayout, loc: Location, sorted: string[]): ReportTree {
  if (layout.how === 'simulated') {
    const files = (layout.files ?? []).map((f) => ({ path: f.dest, from: f.src, step: f.loc })).sort((a, b) => cmp(a.path, b.path));
    return { how: 'simulated', files, unknowns: layout.unknowns };
  }
  const root = layout.codeRoot ?? '';
  const files: ReportFile[] = [];
  // Binary search to the first path under the root; the snapshot leaves out what packaging tools
  // skip anyway (.git, __pycache__, virtualenvs).
  let i = root === '' ? 0 : lowerBound(sorted, `${root}/`);
  for (; i < sorted.length && isUnder(sorted[i], root); i++) files.push({ path: relTo(sorted[i], root), from: sorted[i], step: loc });
  return { how: 'code-root', codeRoot: root, files, unknowns: layout.unknowns };
}

function lowerBound(sorted: string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cmp(sorted[mid], key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Whether the handler or app loads, as Lambda's Python runtime would try it: /var/task first on
 * sys.path, then each layer's python/ folder (/opt/python); the module's top level must bind the name.
 */
async function resolution(snapshot: Snapshot, s: ReportStartup, task: ReportTree | undefined, layers: ReportTree[]): Promise<Resolution> {
  const text = s.text!;
  const cut = s.kind === 'web-app' ? text.indexOf(':') : text.lastIndexOf('.');
  if (cut <= 0) return { status: 'no-module', why: s.kind === 'web-app' ? `"${text}" is not module:app` : `"${text}" is not module.function` };
  const module = text.slice(0, cut).replace(/\//g, '.');
  const name = text.slice(cut + 1).replace(/\(.*$/, '');
  if (!task) return { status: 'unknown', why: 'the package is not known' };
  if (task.unknowns.length) return { status: 'unknown', why: 'the package is only partly known' };
  // Later entries win in a LayoutSnapshot: layers first, /var/task last (it comes first on sys.path).
  const files = [
    ...layers.flatMap((l) => l.files.filter((f) => f.path.startsWith('python/')).map((f) => ({ dest: f.path.slice('python/'.length), src: f.from }))),
    ...task.files.map((f) => ({ dest: f.path, src: f.from })),
  ];
  const pkg = new LayoutSnapshot(snapshot, files);
  // A folder the server inserts first on sys.path (serverless-wsgi's `api/app.app`): it, then /var/task.
  const resolver = new Resolver({ root: s.path ?? '', files: pkg, localTopLevel: new Set(), dependencies: new Set(), searchPath: s.path ? [''] : [] });
  const r = resolver.resolve(module);
  if (!r) return { status: 'no-module', why: noModuleNamed(resolver, module) };
  if (r.kind === 'namespace') return { status: 'no-name', why: `${module} is a folder without __init__.py: it defines no ${name}` };
  const src = pkg.srcOf(r.file) ?? r.file;
  if (r.kind === 'extension') return { status: 'resolves', file: src };
  const code = await snapshot.readText(src);
  if (code === undefined) return { status: 'unknown', why: `${src} could not be read` };
  return bindsName(extractFacts(code), name) ? { status: 'resolves', file: src } : { status: 'no-name', why: `${module} (${src}) does not define ${name} at its top level`, file: src };
}
