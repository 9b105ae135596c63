// The Lambda functions of a Terraform folder: `resource "aws_lambda_function"` and a `module` using
// terraform-aws-modules/lambda/aws. Handler, runtime, name and environment alike (baseFunction); an image function's
// image (a docker_image build, or a registry pattern); a zip function's package from src/sources/terraform-zip.ts.
import { entryPointStart, deployVariables, startupEnvironment } from './startup-command.js';
import type { Known } from '../types.js';
import { known, unknown, type SourceFunction, type TSNode } from './common.js';
import { isImage, str, type Folder } from './terraform-folder.js';
import { evaluate, headerLoc, locOf, type Block } from './terraform-hcl.js';
import { moduleSourcePath, tfPath } from './terraform-artifacts.js';
import { imageUriPattern, terraformBuild } from './terraform-image.js';
import { s3Zip, zipFile, zipFrom } from './terraform-zip.js';

/** What a function resource and a Lambda module state alike: handler, runtime and function name; the layout is the caller's. */
function baseFunction(f: Folder, b: Block, o: { name: string; image: boolean; handlerWhy: string; layoutWhy: string }): SourceFunction {
  const loc = headerLoc(b);
  const fn: SourceFunction = {
    name: o.name,
    source: 'terraform',
    loc,
    packageType: o.image ? 'image' : 'zip',
    handler: str(f, b, 'handler') ?? unknown(o.handlerWhy, loc),
    layout: unknown(o.layoutWhy, loc),
  };
  const rt = str(f, b, 'runtime');
  if (rt) fn.runtime = rt;
  const fname = str(f, b, 'function_name');
  if (fname) fn.functionName = fname;
  // `environment { variables = {…} }` on the resource, `environment_variables = {…}` on the module.
  const vars = b.type === 'module' ? b.attrs.get('environment_variables') : b.blocks.find((x) => x.type === 'environment')?.attrs.get('variables');
  const env = vars && evaluate(vars, f.mod, b.file, new Set());
  if (env?.kind === 'obj') {
    const vs: Record<string, Known<string>> = {};
    for (const [k, v] of env.entries) {
      vs[k] = v.kind === 'str' ? known(v.value, locOf(b.file, v.node)) : unknown(v.kind === 'unknown' ? v.why : `${v.node.text} is not a literal`, locOf(b.file, v.node));
    }
    fn.environment = startupEnvironment(vs);
    if (!fn.environment) delete fn.environment;
    Object.assign(fn, deployVariables(vs));
  }
  return fn;
}

/** `resource "aws_lambda_function"`: an image, a zip from `filename` (an archive_file or a prebuilt zip), or S3. */
export function resourceFunction(f: Folder, b: Block): SourceFunction {
  const image = isImage(f, b) || b.attrs.has('image_uri');
  const fn = baseFunction(f, b, { name: b.labels[1] ?? 'aws_lambda_function', image, handlerWhy: 'no handler attribute', layoutWhy: 'no filename/s3_bucket/image_uri' });
  const fnLoc = fn.loc;
  if (image) {
    const ic = b.blocks.find((x) => x.type === 'image_config');
    const cmd = ic?.attrs.get('command');
    if (cmd) {
      const v = evaluate(cmd, f.mod, b.file, new Set());
      const first = v.kind === 'list' ? v.items[0] : undefined;
      fn.handler =
        first?.kind === 'str'
          ? known(first.value, locOf(b.file, first.node))
          : unknown(v.kind === 'unknown' ? v.why : 'image_config.command[0] is not a literal', locOf(b.file, cmd));
    } else if (!b.attrs.has('handler')) {
      fn.handler = unknown('image function without image_config.command: the handler is the image CMD', fnLoc);
    }
    const ep = ic?.attrs.get('entry_point');
    if (ep) {
      const words = (e: TSNode | undefined) => {
        const v = e ? evaluate(e, f.mod, b.file, new Set()) : undefined;
        if (!v) return [];
        if (v.kind !== 'list') return [{ why: v.kind === 'unknown' ? v.why : `${e!.text} is not a list`, loc: locOf(b.file, e!) }];
        return v.items.map((x) => (x.kind === 'str' ? { value: x.value, loc: locOf(b.file, x.node) } : { why: `${x.node.text} is not a literal`, loc: locOf(b.file, x.node) }));
      };
      const s = entryPointStart(words(ep), words(cmd), locOf(b.file, ep));
      if (s.handler) fn.handler = s.handler;
      if (s.startup) fn.startup = s.startup;
      if (s.runtime) fn.runtime = s.runtime;
    }
    const uri = str(f, b, 'image_uri');
    fn.layout = unknown(`container image ${uri?.known ? uri.value : '(image_uri not a literal)'}: built elsewhere`, uri?.loc ?? fnLoc);
    const ue = b.attrs.get('image_uri');
    if (ue) imageSource(f, b.file, ue, fn);
  } else if (b.attrs.has('filename')) {
    zipFile(f, b, fn);
  } else if (b.attrs.has('s3_bucket')) {
    s3Zip(f, b, fn);
  }
  return fn;
}

/** Where an image function's image comes from: a build Terraform makes (docker_image), or a registry pattern. */
function imageSource(f: Folder, file: string, ue: TSNode, fn: SourceFunction) {
  const built = terraformBuild(ue, f.mod, f.blocks ?? []);
  if (built) {
    fn.dockerfile = built.dockerfile;
    fn.dockerContext = built.context;
    if (built.target) fn.dockerTarget = built.target;
  } else fn.imageUri = imageUriPattern(ue, f.mod, file, f.blocks ?? []);
}

/** `module` using terraform-aws-modules/lambda/aws (other modules: null). */
export function moduleFunction(f: Folder, b: Block): SourceFunction | null {
  const src = str(f, b, 'source');
  if (!src?.known || !/terraform-aws-modules\/lambda\/aws|terraform-aws-lambda/.test(src.value)) return null;
  // `create_layer = true` makes the module build a layer and no function (layers-terraform.ts reads it).
  if (b.attrs.get('create_layer')?.text === 'true') return null;
  const image = isImage(f, b);
  const fn = baseFunction(f, b, { name: b.labels[0] ?? 'module', image, handlerWhy: 'no handler argument', layoutWhy: 'no source_path' });
  const fnLoc = fn.loc;
  if (image) {
    const cmd = b.attrs.get('image_config_command');
    const v = cmd ? evaluate(cmd, f.mod, b.file, new Set()) : undefined;
    const first = v?.kind === 'list' ? v.items[0] : undefined;
    fn.handler = first?.kind === 'str' ? known(first.value, locOf(b.file, first.node)) : unknown('image function: the handler is the image CMD', cmd ? locOf(b.file, cmd) : fnLoc);
    fn.layout = unknown('container image: built elsewhere', fnLoc);
    const ue = b.attrs.get('image_uri');
    if (ue) imageSource(f, b.file, ue, fn);
  } else {
    const cp = str(f, b, 'create_package');
    const sp = b.attrs.get('source_path');
    const local = b.attrs.get('local_existing_package');
    if (local) {
      // A prebuilt zip: some builder may make it (matched like `filename`).
      zipFrom(f, tfPath(local, f.mod, b.file, f.dir), locOf(b.file, local), fn, 'local_existing_package');
    } else if (cp?.known === false || (cp === undefined && b.attrs.get('create_package')?.text === 'false') || b.attrs.has('s3_existing_package')) {
      fn.layout = unknown('create_package = false: a prebuilt package', fnLoc);
    } else if (sp) {
      fn.layout = moduleSourcePath(evaluate(sp, f.mod, b.file, new Set()), locOf(b.file, sp), f.dir, f.ctx);
    }
  }
  return fn;
}
