// Layers of a SAM / CloudFormation template (#14 point 2):
//   - `AWS::Serverless::LayerVersion`: `ContentUri` is the layer's folder. Without `Metadata.BuildMethod`
//     SAM zips the folder as it is (its `python/` folder is /opt/python). With `BuildMethod: python3.X`
//     `sam build` runs the pip workflow of aws-lambda-builders with the layer's `python/` sub-folder as
//     the artifacts folder: the sources are copied there (and requirements.txt installed), so the
//     folder's files land under /opt/python. `BuildMethod: makefile` runs the Makefile's
//     `build-<LogicalId>` target, which this file does not read.
//   - `AWS::Lambda::LayerVersion`: `Content` as a local folder (what `aws cloudformation package`
//     uploads), or S3.
//   - `Layers` of AWS::Serverless::Function (after `Globals.Function.Layers`, which SAM puts first)
//     and AWS::Lambda::Function: each entry a LayerRef, linked when it is `!Ref` / `Ref` of a
//     LayerVersion of the same template.
import { isMap, isScalar, isSeq, type LineCounter, type Node as YNode, type YAMLMap } from 'yaml';
import type { DeployFacts, Known, LayerRef, Location } from '../types.js';
import { isUnder, joinRel, known, relTo, unknown, type SourceContext, type SourceLayout } from './common.js';
import { entry, writtenText, yamlLoc } from './yaml.js';

/** What the template reader hands over (its string reading, so that both read values alike). */
export interface SamTemplate {
  path: string;
  text: string;
  lc: LineCounter;
  dir: string;
  globalsFn: unknown;
  ctx: SourceContext;
  str(node: unknown, loc: Location): Known<string>;
  intrinsicWhy(node: unknown): string | null;
}

const LAYER_TYPES = new Set(['AWS::Serverless::LayerVersion', 'AWS::Lambda::LayerVersion']);
const FUNCTION_TYPES = new Set(['AWS::Serverless::Function', 'AWS::Lambda::Function']);
/** What the pip workflow of aws-lambda-builders leaves out when it copies a layer's sources. */
const BUILD_EXCLUDES = new Set(['.aws-sam', '.git', '__pycache__', '.venv', 'venv', '.chalice']);

const typeOf = (res: unknown): string => {
  const t = entry(res, 'Type')?.value;
  return isScalar(t) ? String(t.value) : '';
};

/** Adds the template's layers to `facts` and their references to its functions. */
export function samLayers(t: SamTemplate, resources: YAMLMap, facts: DeployFacts): void {
  const layerIds = new Set<string>();
  for (const pair of resources.items) {
    if (!isScalar(pair.key) || !LAYER_TYPES.has(typeOf(pair.value))) continue;
    const name = String(pair.key.value);
    layerIds.add(name);
    const loc = yamlLoc(t.path, t.lc, pair.key as YNode);
    const content = layerContent(t, pair.value, typeOf(pair.value) === 'AWS::Serverless::LayerVersion', loc);
    if (!content.known) facts.unknowns.push({ loc: content.loc ?? loc, what: `${name} content`, why: content.why });
    (facts.layers ??= []).push({ name, source: typeOf(pair.value) === 'AWS::Serverless::LayerVersion' ? 'sam' : 'cloudformation', loc, content });
  }
  const globals = layerList(t, entry(t.globalsFn, 'Layers')?.value, layerIds);
  for (const pair of resources.items) {
    if (!isScalar(pair.key) || !FUNCTION_TYPES.has(typeOf(pair.value))) continue;
    const id = String((pair.key as { value: unknown }).value);
    const fn = facts.functions.find((f) => f.name === id);
    if (!fn) continue;
    const own = layerList(t, entry(entry(pair.value, 'Properties')?.value, 'Layers')?.value, layerIds);
    const refs = typeOf(pair.value) === 'AWS::Serverless::Function' ? [...globals, ...own] : own;
    if (refs.length) fn.layers = refs;
  }
}

/** A `Layers` value: one LayerRef per entry; a value that is not a list is one reference that names nothing here. */
function layerList(t: SamTemplate, node: unknown, layerIds: Set<string>): LayerRef[] {
  if (node === undefined || node === null) return [];
  const items = isSeq(node) && !t.intrinsicWhy(node) ? node.items : [node];
  return items.map((item) => {
    const loc = yamlLoc(t.path, t.lc, item as YNode);
    const ref: LayerRef = { text: writtenText(item, t.text), loc };
    const target = refTarget(item);
    if (target !== undefined && layerIds.has(target)) ref.layer = target;
    return ref;
  });
}

/** The logical id of `!Ref X` / `{ Ref: X }` / `!GetAtt X.Arn`. */
function refTarget(node: unknown): string | undefined {
  if (isScalar(node) && node.tag === '!Ref') return String(node.value);
  if (isScalar(node) && node.tag === '!GetAtt') return String(node.value).split('.')[0];
  if (isMap(node) && node.items.length === 1 && isScalar(node.items[0].key) && node.items[0].key.value === 'Ref') {
    const v = node.items[0].value;
    return isScalar(v) ? String(v.value) : undefined;
  }
  return undefined;
}

function layerContent(t: SamTemplate, res: unknown, serverless: boolean, loc: Location): Known<SourceLayout> {
  const props = entry(res, 'Properties')?.value;
  const key = serverless ? 'ContentUri' : 'Content';
  const c = entry(props, key);
  if (!c) return unknown(`no ${key}`, loc);
  const cLoc = yamlLoc(t.path, t.lc, c.value as YNode);
  if (isMap(c.value) && !t.intrinsicWhy(c.value)) return unknown(`${key} is an S3 location`, cLoc);
  const s = t.str(c.value, cLoc);
  if (!s.known) return unknown(`${key}: ${s.why}`, cLoc);
  if (/^[a-z0-9]+:\/\//i.test(s.value)) return unknown(`${key} ${s.value}, not in the checked folder`, cLoc);
  if (/\.(zip|jar)$/i.test(s.value)) return unknown(`a prebuilt archive ${s.value}`, cLoc);
  const folder = joinRel(t.dir, s.value);
  if (folder === null) return unknown(`${s.value} leaves the checked folder`, cLoc);
  const bm = entry(entry(res, 'Metadata')?.value, 'BuildMethod');
  if (!bm || !serverless) return known({ how: 'code-root', codeRoot: folder, unknowns: [] }, cLoc);
  const bmLoc = yamlLoc(t.path, t.lc, bm.value as YNode);
  const method = t.str(bm.value, bmLoc);
  if (!method.known) return unknown(`Metadata.BuildMethod: ${method.why}`, bmLoc);
  if (method.value === 'makefile') return unknown(`built by the Makefile's build-<LogicalId> target in ${folder || '.'}`, bmLoc);
  if (!method.value.startsWith('python')) return known({ how: 'simulated', codeRoot: folder, files: [], unknowns: [] }, bmLoc);
  // `sam build` copies the folder's sources into python/ (and pip-installs its requirements there).
  const files = t.ctx
    .files()
    .filter((p) => isUnder(p, folder) && p !== folder)
    .map((p) => ({ p, rel: relTo(p, folder) }))
    .filter(({ rel }) => !rel.split('/').some((seg) => BUILD_EXCLUDES.has(seg)))
    .map(({ p, rel }) => ({ dest: `python/${rel}`, src: p, loc: bmLoc }));
  const copy = { fromText: s.value, from: folder, contentsOf: true, to: 'python', loc: bmLoc, command: `sam build (BuildMethod: ${method.value})` };
  return known({ how: 'simulated', codeRoot: folder, files, copies: [copy], unknowns: [] }, bmLoc);
}
