// Layers of a serverless.yml (#14 point 2): top-level `layers: { NAME: { path: folder } }` (the
// framework zips the folder: its `python/` folder is /opt/python; `package.artifact` is a prebuilt
// zip, not known), and a function's `layers` (which replace `provider.layers`). The framework names a
// layer's CloudFormation resource `<Name>LambdaLayer` (first letter upper-cased, `-` → `Dash`,
// `_` → `Underscore`), which is what `{ Ref: SharedLambdaLayer }` names.
import { isMap, isScalar, isSeq, type LineCounter, type Node as YNode, type YAMLMap } from 'yaml';
import type { DeployFacts, Known, LayerRef, Location } from '../types.js';
import { joinRel, known, unknown, type SourceLayout } from './common.js';
import { entry, writtenText, yamlLoc } from './yaml.js';

export interface ServerlessFile {
  path: string;
  text: string;
  lc: LineCounter;
  dir: string;
  root: unknown;
  str(node: unknown, loc: Location): Known<string>;
}

/** The CloudFormation logical id the framework gives a layer. */
export function layerLogicalId(name: string): string {
  const n = name.replace(/-/g, 'Dash').replace(/_/g, 'Underscore');
  return `${n.charAt(0).toUpperCase()}${n.slice(1)}LambdaLayer`;
}

/** Adds the service's layers to `facts` and their references to its functions. */
export function serverlessLayers(s: ServerlessFile, facts: DeployFacts): void {
  const byLogicalId = new Map<string, string>();
  const layers = entry(s.root, 'layers')?.value;
  if (isMap(layers)) {
    for (const pair of (layers as YAMLMap).items) {
      if (!isScalar(pair.key)) continue;
      const name = String(pair.key.value);
      const loc = yamlLoc(s.path, s.lc, pair.key as YNode);
      byLogicalId.set(layerLogicalId(name), name);
      const content = layerContent(s, pair.value, loc);
      if (!content.known) facts.unknowns.push({ loc: content.loc ?? loc, what: `layer ${name} content`, why: content.why });
      (facts.layers ??= []).push({ name, source: 'serverless', loc, content });
    }
  }
  // serverless-python-requirements with `layer:` set makes a layer of the requirements, PythonRequirementsLambdaLayer:
  // pip packages only, none of the repository's modules.
  const reqLayer = entry(entry(entry(s.root, 'custom')?.value, 'pythonRequirements')?.value, 'layer')?.value;
  const pip = usesPlugin(s.root, 'serverless-python-requirements') && isTruthy(reqLayer) ? 'PythonRequirementsLambdaLayer' : undefined;
  const provider = refs(s, entry(entry(s.root, 'provider')?.value, 'layers')?.value, byLogicalId, pip);
  const functions = entry(s.root, 'functions')?.value;
  if (!isMap(functions)) return;
  for (const pair of (functions as YAMLMap).items) {
    if (!isScalar(pair.key)) continue;
    const id = String(pair.key.value);
    const fn = facts.functions.find((f) => f.name === id && f.loc.file === s.path);
    if (!fn) continue;
    const own = entry(pair.value, 'layers');
    const list = own ? refs(s, own.value, byLogicalId, pip) : provider;
    if (list.length) fn.layers = list;
  }
}

function layerContent(s: ServerlessFile, def: unknown, loc: Location): Known<SourceLayout> {
  const art = entry(entry(def, 'package')?.value, 'artifact');
  if (art) return unknown('package.artifact: a prebuilt zip', yamlLoc(s.path, s.lc, art.value as YNode));
  const p = entry(def, 'path');
  if (!p) return unknown('no path', loc);
  const pLoc = yamlLoc(s.path, s.lc, p.value as YNode);
  const v = s.str(p.value, pLoc);
  if (!v.known) return unknown(`path: ${v.why}`, pLoc);
  const folder = joinRel(s.dir, v.value);
  if (folder === null) return unknown(`${v.value} leaves the checked folder`, pLoc);
  if (entry(entry(def, 'package')?.value, 'patterns')) return unknown('the layer package.patterns are not read', pLoc);
  return known({ how: 'code-root', codeRoot: folder, unknowns: [] }, pLoc);
}

/** `plugins: [name]` or `plugins: { modules: [name] }`. */
export function usesPlugin(root: unknown, name: string): boolean {
  const p = entry(root, 'plugins')?.value;
  const list = isSeq(p) ? p : entry(p, 'modules')?.value;
  return isSeq(list) && list.items.some((i) => isScalar(i) && i.value === name);
}

/** `layer: true` or `layer: { name: … }` (a map of options); `layer: false` makes none. */
function isTruthy(v: unknown): boolean {
  if (isMap(v)) return true;
  return isScalar(v) && (v.value === true || v.value === 'true');
}

function refs(s: ServerlessFile, node: unknown, byLogicalId: Map<string, string>, pip?: string): LayerRef[] {
  if (node === undefined || node === null) return [];
  const items = isSeq(node) ? node.items : [node];
  return items.map((item) => {
    const loc = yamlLoc(s.path, s.lc, item as YNode);
    const ref: LayerRef = { text: writtenText(item, s.text), loc };
    let target: string | undefined;
    if (isScalar(item) && item.tag === '!Ref') target = String(item.value);
    else if (isMap(item) && item.items.length === 1 && isScalar(item.items[0].key) && item.items[0].key.value === 'Ref' && isScalar(item.items[0].value)) {
      target = String(item.items[0].value.value);
    }
    const name = target === undefined ? undefined : byLogicalId.get(target);
    if (name !== undefined) ref.layer = name;
    else if (pip !== undefined && target === pip) ref.pipOnly = 'the requirements layer of serverless-python-requirements';
    return ref;
  });
}
