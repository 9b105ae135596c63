// Lambda layers on sys.path (#14 point 2). Lambda unpacks every layer of a function under /opt, in
// the order the function lists them (a later layer's file replaces an earlier one's), and the
// Python runtime's sys.path is
//   /var/task, /opt/python/lib/python3.X/site-packages, /opt/python, then the runtime's own;
// so a module in a layer's `python/` folder imports for every function using the layer, after the
// function's own package.
//
// Here a layer's /opt/python is a folder of the checked folder (the resolver's extra sys.path
// entries), found from its LambdaLayer content (a folder that becomes /opt, or a simulated layout
// whose python/ files come from one folder) or from config `functions[].layers`. Each layer is its
// own entry, the last listed first: a package split across two layers is not merged (Lambda merges
// the files). A layer whose content is not known makes the imports only it could provide unjudged,
// and the function is named as not fully checked.
import type { SpecDeploy, SpecLayers } from '../graph/deployed.js';
import type { GraphEnv } from '../graph/env.js';
import type { UnresolvedImport, UnresolvedModulePath } from '../graph/types.js';
import { deployMessages } from '../messages.js';
import { Resolver } from '../python/resolve.js';
import type { DeployFacts, LambdaFunction, LambdaLayer, LayerRef, Location, NotChecked, PackagedFile } from '../types.js';
import { joinPath } from '../util/posix-path.js';
import { publicLayer } from './public-layers.js';

/** What config `functions` says of a function's layers (only the fields read here). */
export interface LayerConfig {
  name: string;
  layers?: string[];
}

/** The config entry of a function: its logical id / key / resource name, `aws_lambda_function.NAME`, or its deployed name. */
export function configOf<T extends LayerConfig>(fn: LambdaFunction & { functionName?: { known: boolean; value?: string } }, entries: readonly T[]): T | undefined {
  const deployed = fn.functionName?.known ? fn.functionName.value : undefined;
  return entries.find((c) => c.name === fn.name || c.name === `aws_lambda_function.${fn.name}` || c.name === `module.${fn.name}` || (deployed !== undefined && c.name === deployed));
}

/** The LambdaLayer a reference names: defined in the same file first, then anywhere with that name (only if one). */
export function layerOf(ref: LayerRef, facts: DeployFacts): LambdaLayer | undefined {
  if (ref.layer === undefined) return undefined;
  const named = (facts.layers ?? []).filter((l) => l.name === ref.layer);
  return named.find((l) => l.loc.file === ref.loc.file) ?? (named.length === 1 ? named[0] : undefined);
}

/** The checked-folder folder that is /opt/python for a layer's content, or why it cannot be told. */
function pythonFolder(layer: LambdaLayer): { dir?: string } | { why: string } {
  const c = layer.content;
  if (!c.known) return { why: `the content of layer ${layer.name} is not known (${c.why})` };
  const l = c.value;
  if (l.how === 'code-root' && l.codeRoot !== undefined) return { dir: joinPath(l.codeRoot, 'python') };
  const py = (l.files ?? []).filter((f) => f.dest.startsWith('python/'));
  let dir: string | undefined;
  for (const f of py) {
    const rel = f.dest.slice('python/'.length);
    if (!f.src.endsWith(rel) || (f.src.length > rel.length && f.src[f.src.length - rel.length - 1] !== '/')) return { why: `layer ${layer.name} assembles python/ from several folders` };
    const d = f.src.slice(0, f.src.length - rel.length).replace(/\/$/, '');
    if (dir !== undefined && d !== dir) return { why: `layer ${layer.name} assembles python/ from several folders` };
    dir = d;
  }
  if (l.unknowns.length) return { why: `layer ${layer.name} is only partly known` };
  // No file under python/: the layer adds nothing Python imports.
  return { dir };
}

/** Per path list, per layer folder and runtime: every function of a layer asks the same (a scan of every path). */
const SITE_PACKAGES = new WeakMap<readonly string[], Map<string, string[]>>();

/** `python/lib/python3.X/site-packages` folders below a /opt/python folder: the runtime's version, or every one when it is not known. */
function sitePackages(pyDir: string, runtime: string | undefined, paths: readonly string[]): string[] {
  let memo = SITE_PACKAGES.get(paths);
  if (!memo) SITE_PACKAGES.set(paths, (memo = new Map()));
  const key = `${pyDir}\0${runtime ?? ''}`;
  let hit = memo.get(key);
  if (!hit) memo.set(key, (hit = scanSitePackages(pyDir, runtime, paths)));
  return hit;
}

function scanSitePackages(pyDir: string, runtime: string | undefined, paths: readonly string[]): string[] {
  const prefix = `${pyDir}/lib/`;
  const found = new Set<string>();
  for (const p of paths) {
    if (!p.startsWith(prefix)) continue;
    const m = /^(python3\.\d+)\/site-packages\//.exec(p.slice(prefix.length));
    if (m && (!runtime?.startsWith('python3.') || m[1] === runtime)) found.add(`${prefix}${m[1]}/site-packages`);
  }
  return [...found].sort();
}

/**
 * What a function's layers put on sys.path. Config `layers` (folders relative to the config file,
 * each one what unpacks under /opt) state the layers the checked folder does not define: with
 * them, the function's unlinked references are known.
 */
export function functionLayers(
  fn: LambdaFunction,
  facts: DeployFacts,
  paths: readonly string[],
  config?: { entry?: LayerConfig; dir: string },
): SpecLayers | undefined {
  const refs = fn.layers ?? [];
  const stated = config?.entry?.layers;
  if (!refs.length && !stated?.length) return undefined;
  const pyDirs: string[] = [];
  const unknown: SpecLayers['unknown'] = [];
  for (const ref of refs) {
    const layer = layerOf(ref, facts);
    if (!layer) {
      if (publicLayer(ref.text) || ref.pipOnly || stated?.length) continue;
      const why = ref.unknown ? `uses a layer whose value is not known (${ref.text}: ${ref.unknown})` : `uses layer ${ref.text}, not in the checked folder`;
      unknown.push({ text: ref.text, loc: ref.loc, why });
      continue;
    }
    const py = pythonFolder(layer);
    if (!('why' in py)) {
      if (py.dir !== undefined) pyDirs.push(py.dir);
    } else unknown.push({ text: ref.text, loc: ref.loc, why: `uses layer ${ref.text}: ${py.why}` });
  }
  for (const folder of stated ?? []) pyDirs.push(joinPath(joinPath(config!.dir, folder), 'python'));
  const runtime = fn.runtime?.known ? fn.runtime.value : undefined;
  // The last layer listed wins a name (its files are unpacked last).
  const order = [...pyDirs].reverse();
  const searchPath = [...order.flatMap((d) => sitePackages(d, runtime, paths)), ...order];
  return { searchPath: [...new Set(searchPath)], unknown };
}

/** Two functions' layers in one app (a code folder several functions share): every entry of either. */
export function mergeLayers(a: SpecLayers | undefined, b: SpecLayers | undefined): SpecLayers | undefined {
  if (!a || !b) return a ?? b;
  return { searchPath: [...new Set([...a.searchPath, ...b.searchPath])], unknown: [...a.unknown, ...b.unknown] };
}

/** Adds a function's layers to its app. */
export function addLayers(deploy: SpecDeploy, layers: SpecLayers | undefined): void {
  const merged = mergeLayers(deploy.layers, layers);
  if (merged) deploy.layers = merged;
}

/** The not-checked entries of a function with layers whose content is not known. */
export function layerNotChecked(fn: LambdaFunction, layers: SpecLayers | undefined): NotChecked[] {
  if (!layers?.unknown.length) return [];
  const why = `${layers.unknown.map((u) => u.why).join('; ')}: imports it may provide are not checked`;
  return [{ loc: fn.loc, name: fn.name, why, fix: deployMessages.functionFix(fn.name, 'layers') }];
}

/** The resolver of a code folder with the layers after it. */
export function layerResolver(env: GraphEnv, root: string, layers: SpecLayers): Resolver {
  return new Resolver({ root, files: env.snapshot, localTopLevel: env.localTopLevel, dependencies: env.dependencies, paths: env.paths, searchPath: layers.searchPath });
}

/** The layer files a simulated package's snapshot must hold for its resolver to find them (at their repository paths). */
export function layerFiles(layers: SpecLayers, paths: readonly string[], loc: Location): PackagedFile[] {
  const out: PackagedFile[] = [];
  for (const dir of layers.searchPath) for (const p of paths) if (p.startsWith(`${dir}/`)) out.push({ dest: p, src: p, loc });
  return out;
}

/**
 * Imports an unknown layer might provide: a name whose first segment is not a module or regular
 * package of /var/task itself (a layer later on sys.path can still supply it). Relative imports
 * stay judged: no layer makes them resolve.
 */
export function mayComeFromLayer(resolver: Resolver, layers: SpecLayers | undefined): (target: string | undefined) => boolean {
  if (!layers?.unknown.length) return () => false;
  const root = resolver.root;
  return (target) => {
    if (target === undefined || target.startsWith('.')) return false;
    const r = resolver.resolve(target.split('.')[0]);
    if (!r || r.kind === 'namespace') return true;
    return !(root === '' || r.file.startsWith(`${root}/`)) || resolver.searchPath.some((d) => r.file.startsWith(`${d}/`));
  };
}

/** Drops from a graph's misses what an unknown layer might provide. */
export function dropLayerMisses<G extends { unresolvedImports: UnresolvedImport[]; unresolvedModulePaths: UnresolvedModulePath[] }>(
  graph: G,
  may: (target: string | undefined) => boolean,
): G {
  graph.unresolvedImports = graph.unresolvedImports.filter((u) => !may(u.target));
  graph.unresolvedModulePaths = graph.unresolvedModulePaths.filter((u) => !may(u.target));
  return graph;
}
