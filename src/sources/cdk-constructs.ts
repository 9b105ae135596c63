// CDK constructs → Lambda functions and layers, from the language-neutral values of cdk-values.ts.
//
// - `aws_lambda.Function` / `SingletonFunction`: `handler`, `runtime`, `code`: `Code.fromAsset(folder)` is a code
//   root, `Code.fromAsset(x.zip)` a prebuilt zip (`artifact`, for the step that builds it), `Code.fromAssetImage`
//   an image; `Code.fromDockerBuild` builds an image only to copy its /asset folder out: the handler stays the
//   handler string, the Dockerfile is no function of its own (`dockerBuild`), and the package is not known.
// - `aws_lambda_python_alpha.PythonFunction`: the code root is `entry`, the handler
//   `<index without .py, / as .>.<handler>` (defaults `index.py`, `handler`), as the construct computes it.
// - `aws_lambda.DockerImageFunction` with `DockerImageCode.fromImageAsset(directory, { file, target, cmd })`:
//   an image function built from `directory` (its build context) and `file`; `cmd[0]` is the handler, else the
//   Dockerfile's CMD is (collectDeployFacts links them).
// - `LayerVersion` (`code`) and `PythonLayerVersion` (`entry`, placed under python/) → DeployFacts.layers; a
//   function's `layers` → LayerRef, naming the layer when it is a variable bound to a LayerVersion of the app.
// The function name is the construct id; the function's place is the construct id (or the call), the handler's
// the handler string, the layout's the asset path. A string asset path is relative to the app's cwd (the cdk.json
// folder, where `cdk` runs the app); `__dirname` / `__file__` paths to the file's own folder.
import { bundledLayout } from './cdk-bundling.js';
import type { DeployFacts, Known, LambdaLayer, LayerRef, Location } from '../types.js';
import { isUnder, joinRel, known, relTo, unknown, type SourceContext, type SourceFunction, type SourceLayout } from './common.js';
import { runtimeName, type Val } from './cdk-values.js';

/** The constructs read; other calls are not looked at. */
export const CONSTRUCTS = new Set([
  'aws_lambda.Function',
  'aws_lambda.SingletonFunction',
  'aws_lambda.DockerImageFunction',
  'aws_lambda.LayerVersion',
  'aws_lambda_python_alpha.PythonFunction',
  'aws_lambda_python_alpha.PythonLayerVersion',
]);

type Call = Extract<Val, { k: 'call' }>;

export interface CdkScope {
  /** The cdk.json folder: the app's working directory. */
  cwd: string;
  ctx: SourceContext;
  facts: DeployFacts & { layers: LambdaLayer[] };
}

const why = (v: Val | undefined, what: string): string =>
  !v ? `no ${what}` : v.k === 'unknown' ? `${what}: ${v.why}` : `${what} is not a string literal`;

function str(v: Val | undefined, what: string, loc: Location): Known<string> {
  return v?.k === 'str' ? known(v.v, v.loc) : unknown(why(v, what), v?.loc ?? loc);
}

/** Options of a call: the object at argument `i` (TypeScript), else the keyword arguments (Python). */
function options(c: Call, i: number): Map<string, Val> {
  const o = c.args[i];
  return o?.k === 'obj' ? o.kw : c.kw;
}

/** A positional-or-keyword argument (`Code.from_asset(path="lambda")`). */
const arg = (c: Call, i: number, name: string): Val | undefined => c.args[i] ?? c.kw.get(name);

/** An asset path (string: from the cwd; `__dirname` path: already checked-folder relative). */
function assetPath(v: Val | undefined, s: CdkScope, what: string, loc: Location): Known<string> {
  if (v?.k === 'str') {
    const p = joinRel(s.cwd, v.v);
    return p === null ? unknown(`${what} ${v.v} is outside the checked folder`, v.loc) : known(p, v.loc);
  }
  if (v?.k === 'path') return v.v === null ? unknown(`${what} is outside the checked folder`, v.loc) : known(v.v, v.loc);
  return unknown(why(v, what), v?.loc ?? loc);
}

function runtimeOf(v: Val | undefined): Known<string> | undefined {
  if (!v) return undefined;
  if (v.k === 'ref' && v.name.startsWith('aws_lambda.Runtime.')) {
    const name = runtimeName(v.name.slice('aws_lambda.Runtime.'.length));
    return name ? known(name, v.loc) : unknown(`${v.name} is not a runtime name`, v.loc);
  }
  if (v.k === 'call' && v.callee === 'aws_lambda.Runtime' && v.args[0]?.k === 'str') return known(v.args[0].v, v.args[0].loc);
  return unknown(why(v, 'runtime'), v.loc);
}

/** A folder asset as a layout: a code root when the folder is in the checked folder; a .zip is a prebuilt artifact. */
function folderLayout(p: Known<string>, s: CdkScope, fn?: SourceFunction): Known<SourceLayout> {
  if (!p.known) return p;
  const path = p.value;
  if (/\.(zip|jar)$/i.test(path)) {
    if (fn) fn.artifact = path;
    return unknown(`a prebuilt zip ${path}: built outside the CDK app`, p.loc);
  }
  if (!s.ctx.isDir(path)) {
    return s.ctx.exists(path)
      ? unknown(`the asset ${path} is a file, not a folder or .zip`, p.loc)
      : unknown(`the asset folder ${path} is not in the checked folder (a build step makes it?)`, p.loc);
  }
  return known({ how: 'code-root', codeRoot: path, unknowns: [] }, p.loc);
}

/** `Code.fromX(...)` of a Function: the layout, and for images the Dockerfile fields. */
function code(c: Val | undefined, s: CdkScope, fn: SourceFunction, loc: Location): void {
  if (!c || c.k !== 'call') {
    fn.layout = unknown(why(c, 'code'), c?.loc ?? loc);
    return;
  }
  // `new AssetCode(path)` and CDK v1's `Code.asset(path)` are what `Code.fromAsset(path)` makes.
  const method = c.callee === 'aws_lambda.AssetCode' ? 'fromAsset' : c.callee.replace(/^aws_lambda\.(Code|DockerImageCode)\./, '').replace(/^asset$/, 'fromAsset');
  if (method === 'fromAsset') {
    fn.layout = folderLayout(assetPath(arg(c, 0, 'path'), s, 'the asset path', c.loc), s, fn);
    const bundling = options(c, 1).get('bundling');
    // The package is what the bundling command writes to /asset-output (cdk-bundling.ts).
    if (bundling && fn.layout.known) {
      // `{ image, command }` (TypeScript) or `BundlingOptions(image=..., command=[...])` (Python).
      const kw = bundling.k === 'obj' || bundling.k === 'call' ? bundling.kw : undefined;
      fn.layout = !kw ? unknown('Code.fromAsset with bundling: the bundling options are not read', bundling.loc) : bundledLayout(fn.layout.value.codeRoot ?? '', kw.get('command'), s.ctx, bundling.loc);
      if (kw?.has('local') && fn.layout.known) fn.layout.value.unknowns.push({ loc: bundling.loc, why: 'bundling.local: a local bundler may run instead of the command (tryBundle returns true), not read' });
    }
  } else if (method === 'fromAssetImage' || method === 'fromImageAsset') {
    image(c, s, fn);
  } else if (method === 'fromDockerBuild') {
    const dir = assetPath(arg(c, 0, 'path'), s, 'the Docker build folder', c.loc);
    const file = options(c, 1).get('file');
    if (dir.known) {
      const df = joinRel(dir.value, file?.k === 'str' ? file.v : 'Dockerfile');
      if (df !== null) fn.dockerBuild = df;
    }
    fn.layout = unknown(`Code.fromDockerBuild: the package is the /asset folder of an image built from ${fn.dockerBuild ?? 'a Dockerfile'}, not read`, c.loc);
  } else if (method === 'fromInline') {
    fn.layout = unknown('Code.fromInline: the code is in the stack', c.loc);
  } else if (method === 'fromBucket' || method === 'fromBucketV2' || method === 'fromCfnParameters') {
    fn.layout = unknown(`Code.${method}: the code is in S3`, c.loc);
  } else if (method === 'fromEcrImage' || method === 'fromEcr') {
    fn.packageType = 'image';
    fn.layout = unknown(`${c.callee.split('.').slice(-2).join('.')}: an image built elsewhere`, c.loc);
  } else {
    fn.layout = unknown(`code is ${c.callee}(...), not read`, c.loc);
  }
}

/** `DockerImageCode.fromImageAsset(directory, { file, target, cmd })` / `Code.fromAssetImage`. */
function image(c: Call, s: CdkScope, fn: SourceFunction): void {
  fn.packageType = 'image';
  const dir = assetPath(arg(c, 0, 'directory'), s, 'the image directory', c.loc);
  const opts = options(c, 1);
  const file = opts.get('file');
  const target = opts.get('target');
  const cmd = opts.get('cmd');
  if (cmd?.k === 'list' && cmd.items.length) fn.handler = str(cmd.items[0], 'cmd[0]', cmd.loc);
  else if (cmd) fn.handler = unknown(why(cmd, 'cmd'), cmd.loc);
  else if (!dir.known) fn.handler = unknown(`image function without cmd, built from a directory not known (${dir.why}): its CMD cannot be read`, dir.loc);
  else fn.handler = unknown('image function without cmd: the handler is the Dockerfile CMD', fn.loc);
  if (target?.k === 'str') fn.dockerTarget = target.v;
  if (!dir.known) {
    fn.layout = dir;
    return;
  }
  if (file && file.k !== 'str') {
    fn.layout = unknown(why(file, 'file'), file.loc);
    return;
  }
  const dockerfile = joinRel(dir.value, file?.k === 'str' ? file.v : 'Dockerfile');
  if (dockerfile === null) {
    fn.layout = unknown('the Dockerfile is outside the checked folder', dir.loc);
    return;
  }
  fn.dockerContext = dir.value;
  fn.dockerfile = dockerfile;
  fn.layout = unknown(`image built from ${dockerfile}: the Dockerfile source gives the layout`, dir.loc);
}

function layerRefs(v: Val | undefined, layers: Set<string>): LayerRef[] | undefined {
  if (!v) return undefined;
  const items = v.k === 'list' ? v.items : [v];
  return items.map((it) => {
    const ref: LayerRef = { text: layerText(it), loc: it.loc };
    if (it.k === 'unknown') ref.unknown = it.why;
    if (it.k === 'construct' && layers.has(it.callee)) ref.layer = it.id;
    return ref;
  });
}

/** What a layer reference says: the construct id, an ARN (`LayerVersion.fromLayerVersionArn(..., "arn:...")`), a name. */
function layerText(v: Val): string {
  if (v.k === 'construct') return v.id;
  if (v.k === 'str') return v.v;
  if (v.k === 'ref') return v.name;
  if (v.k === 'call') {
    const arn = v.args.find((a) => a.k === 'str' && a.v.startsWith('arn:'));
    return arn?.k === 'str' ? arn.v : v.callee;
  }
  return v.k === 'unknown' ? `${v.loc.file}:${v.loc.line}:${v.loc.column}` : v.k;
}

const LAYERS = new Set(['aws_lambda.LayerVersion', 'aws_lambda_python_alpha.PythonLayerVersion']);

/** The construct id (second argument): the function's name. */
function constructId(c: Call): { name: string; loc: Location } {
  const id = arg(c, 1, 'id');
  if (id?.k === 'str') return { name: id.v, loc: id.loc };
  return { name: id?.k === 'ref' ? id.name : `${c.callee.split('.').pop()} at line ${c.loc.line}`, loc: id?.loc ?? c.loc };
}

/** Reads one construct call into `s.facts`. */
export function interpret(c: Call, s: CdkScope): void {
  const props = c.args[2]?.k === 'obj' ? c.args[2].kw : c.kw;
  const { name, loc } = constructId(c);
  if (LAYERS.has(c.callee)) {
    s.facts.layers.push({ name, source: 'cdk', loc, content: layerContent(c.callee, props, s, c.loc) });
    return;
  }
  const fn: SourceFunction = { name, source: 'cdk', loc, packageType: 'zip', handler: unknown('no handler', loc), layout: unknown('no code', loc) };
  const fname = props.get('functionName');
  if (fname) fn.functionName = str(fname, 'functionName', loc);
  const runtime = runtimeOf(props.get('runtime'));
  if (runtime) fn.runtime = runtime;
  const layers = layerRefs(props.get('layers'), LAYERS);
  if (layers) fn.layers = layers;
  if (c.callee === 'aws_lambda_python_alpha.PythonFunction') pythonFunction(props, s, fn, c.loc);
  else if (c.callee === 'aws_lambda.DockerImageFunction') {
    const img = props.get('code');
    if (img?.k === 'call' && /^aws_lambda\.DockerImageCode\.fromImageAsset$/.test(img.callee)) image(img, s, fn);
    else {
      fn.packageType = 'image';
      code(img, s, fn, c.loc);
      if (!fn.handler.known && fn.handler.why === 'no handler') fn.handler = unknown('image function: the handler is the image CMD', fn.loc);
    }
  } else {
    code(props.get('code'), s, fn, c.loc);
    // An image (Code.fromAssetImage with Handler.FROM_IMAGE): image() read `cmd`, or left the Dockerfile's CMD as handler.
    if (fn.packageType === 'zip') fn.handler = str(props.get('handler'), 'handler', loc);
    else if (!fn.handler.known && fn.handler.why === 'no handler') fn.handler = unknown('image function: the handler is the image CMD', fn.loc);
  }
  for (const [what, k] of [['handler', fn.handler], ['runtime', fn.runtime], ['layout', fn.layout]] as const) {
    if (k && !k.known) s.facts.unknowns.push({ loc: k.loc ?? fn.loc, what: `${name} ${what}`, why: k.why });
  }
  s.facts.functions.push(fn);
}

/** PythonFunction: the bundle is `entry` (plus its requirements); the handler is `index` as a module path + handler. */
function pythonFunction(props: Map<string, Val>, s: CdkScope, fn: SourceFunction, loc: Location): void {
  // The construct only builds Python: its runtime is a Python one even when the props leave it to the default.
  fn.runtime ??= known('python3', loc);
  const entry = assetPath(props.get('entry'), s, 'entry', loc);
  fn.layout = folderLayout(entry, s);
  const index = props.get('index') ?? { k: 'str' as const, v: 'index.py', loc };
  const handler = props.get('handler') ?? { k: 'str' as const, v: 'handler', loc };
  if (index.k !== 'str' || handler.k !== 'str') {
    fn.handler = unknown(index.k !== 'str' ? why(index, 'index') : why(handler, 'handler'), (index.k !== 'str' ? index : handler).loc);
    return;
  }
  if (!index.v.endsWith('.py')) {
    fn.handler = unknown(`index ${index.v} is not a .py file`, index.loc);
    return;
  }
  fn.handler = known(`${index.v.slice(0, -3).replace(/\//g, '.')}.${handler.v}`, props.has('handler') ? handler.loc : index.loc);
}

/** A layer's /opt: LayerVersion's asset folder as it is; PythonLayerVersion's entry under python/. */
function layerContent(callee: string, props: Map<string, Val>, s: CdkScope, loc: Location): Known<SourceLayout> {
  if (callee === 'aws_lambda.LayerVersion') {
    const c = props.get('code');
    if (c?.k !== 'call' || c.callee !== 'aws_lambda.Code.fromAsset') return unknown(c?.k === 'call' ? `code is ${c.callee}(...), not read` : why(c, 'code'), c?.loc ?? loc);
    return folderLayout(assetPath(arg(c, 0, 'path'), s, 'the asset path', c.loc), s);
  }
  const entry = folderLayout(assetPath(props.get('entry'), s, 'entry', loc), s);
  if (!entry.known) return entry;
  const root = entry.value.codeRoot!;
  const files = s.ctx.files().filter((f) => isUnder(f, root) && f !== root);
  return known(
    {
      how: 'simulated',
      files: files.map((f) => ({ dest: `python/${relTo(f, root)}`, src: f, loc: entry.loc })),
      copies: [{ fromText: root, from: root, contentsOf: true, to: 'python', loc: entry.loc, command: `PythonLayerVersion(entry=${JSON.stringify(root)})` }],
      unknowns: [],
    },
    entry.loc,
  );
}
