// AWS SAM / CloudFormation templates: AWS::Serverless::Function and AWS::Lambda::Function (their layers: layers-sam.ts).
//
// Files: `template.(yaml|yml|json)` and `*.template.(yaml|yml|json)` anywhere, and any `.yaml|.yml|.json` below a
// `cloudformation/` or `cfn/` folder. A matched file that is not a template (no `Resources` mapping) yields nothing.
// Any other `.yaml|.yml|.json|.template` (outside dependency and build folders) is a template by content: the SAM
// transform or AWSTemplateFormatVersion with a Lambda resource (`sniff`).
import { codeRootLinkFailures } from './code-root-links.js';
import { LineCounter, isMap, isScalar, isSeq, type Node as YNode, type YAMLMap } from 'yaml';
import type { DeployFacts, Known, Location } from '../types.js';
import {
  dirOf,
  emptyFacts,
  joinRel,
  known,
  unknown,
  type DeploySource,
  type SourceContext,
  type SourceFunction,
  type SourceLayout,
} from './common.js';
import { samLayers } from './layers-sam.js';
import { entry, parseYaml, yamlLoc } from './yaml.js';
import { entryPointStart, deployVariables, startupEnvironment } from './startup-command.js';
import { withMakefileBuild } from './sam-makefile.js';

const NAME_RE = /(^|\/)([^/]+\.)?template\.(ya?ml|json)$/;
const DIR_RE = /(^|\/)(cloudformation|cfn)\/(.+\/)?[^/]+\.(ya?ml|json)$/;

const BUILD_RE = /(^|\/)(cdk\.out|\.aws-sam)\//;
/** Folders whose YAML/JSON is never a template of the repository: dependencies, build output, tool state. */
const SKIP_RE = /(^|\/)(node_modules|\.git|\.aws-sam|cdk\.out|\.serverless|\.terraform|\.venv|venv|site-packages|__pycache__|\.tox|\.mypy_cache|\.pytest_cache|coverage|\.next|\.github|\.gitlab|\.vscode|\.idea)\//;
/** Files of those names are never templates (package manifests, lock files, tool configs). */
const SKIP_NAME_RE = /(^|\/)(package(-lock)?\.json|composer\.(json|lock)|tsconfig[^/]*\.json|jsconfig\.json|\.?[^/]*lintrc[^/]*|\.pre-commit-[^/]*|docker-compose[^/]*|compose\.ya?ml|mkdocs\.ya?ml|\.gitlab-ci\.ya?ml|cdk\.json|cdk\.context\.json|serverless\.ya?ml|samconfig\.[^/]+|openapi[^/]*|swagger[^/]*)$/i;

/**
 * A template not named like one (sam/api.yaml, infra/stack.json): the declaration CloudFormation and SAM require
 * to treat it as a template, and a Lambda resource type. A plain substring test: it only decides which files the
 * YAML parser reads, and a file that merely mentions both is parsed and yields what its Resources hold.
 */
export function looksLikeTemplate(text: string): boolean {
  return (
    (text.includes('AWS::Serverless-2016-10-31') || text.includes('AWSTemplateFormatVersion')) &&
    /AWS::(Serverless::Function|Lambda::Function|Serverless::LayerVersion|Lambda::LayerVersion)/.test(text)
  );
}

export const samSource: DeploySource = {
  id: 'sam',
  // cdk.out and .aws-sam hold synthesized and built copies of templates (the CDK source reads the app itself).
  matches: (path) => (NAME_RE.test(path) || DIR_RE.test(path)) && !BUILD_RE.test(path),
  sniff: {
    candidate: (path) => /\.(ya?ml|json|template)$/i.test(path) && !SKIP_RE.test(path) && !SKIP_NAME_RE.test(path),
    accepts: looksLikeTemplate,
  },
  extract: extractSam,
};

/** Why a CloudFormation value is not a literal: a short tag or a one-key `Ref`/`Fn::` mapping. */
function intrinsicWhy(node: unknown): string | null {
  if (isScalar(node) || isSeq(node) || isMap(node)) {
    const tag = (node as { tag?: string }).tag;
    if (tag && tag.startsWith('!') && !tag.startsWith('!!')) {
      if (tag === '!Ref' && isScalar(node)) return `!Ref ${String(node.value)}`;
      if (tag === '!Sub') return '!Sub with parameters';
      return `${tag} (a CloudFormation intrinsic function)`;
    }
  }
  if (isMap(node) && node.items.length === 1 && isScalar(node.items[0].key)) {
    const k = String(node.items[0].key.value);
    if (k === 'Ref') return `Ref ${isScalar(node.items[0].value) ? String(node.items[0].value.value) : ''}`.trim();
    if (k.startsWith('Fn::')) return k === 'Fn::Sub' ? 'Fn::Sub with parameters' : `${k} (a CloudFormation intrinsic function)`;
  }
  return null;
}

/** A string property: literal → known, `!Sub 'no-params'` → known, other intrinsic → unknown with why. */
function str(node: unknown, loc: Location): Known<string> {
  if (isScalar(node)) {
    const tag = node.tag;
    if (tag === '!Sub' && typeof node.value === 'string' && !node.value.includes('${')) return known(node.value, loc);
    if (!tag || tag.startsWith('!!')) {
      if (typeof node.value === 'string') return known(node.value, loc);
      if (typeof node.value === 'number') return known(String(node.value), loc);
    }
  }
  const why = intrinsicWhy(node);
  if (why) return unknown(why, loc);
  if (isMap(node)) return unknown('a mapping, not a string', loc);
  if (isSeq(node)) return unknown('a list, not a string', loc);
  return unknown('not a string literal', loc);
}

export function extractSam(path: string, text: string, ctx: SourceContext): DeployFacts {
  const facts = emptyFacts();
  const parsed = parseYaml(path, text, facts, { cloudFormationTags: true, what: 'YAML/JSON' });
  if (!parsed) return facts;
  const { doc, lc } = parsed;
  const root = doc.contents;
  const resources = entry(root, 'Resources');
  if (!resources || !isMap(resources.value)) return facts;
  const t: Template = { path, lc, dir: dirOf(path), globalsFn: entry(entry(root, 'Globals')?.value, 'Function')?.value };

  for (const pair of (resources.value as YAMLMap).items) {
    if (!isScalar(pair.key)) continue;
    const name = String(pair.key.value);
    const typeNode = entry(pair.value, 'Type')?.value;
    const type = isScalar(typeNode) ? String(typeNode.value) : '';
    if (type !== 'AWS::Serverless::Function' && type !== 'AWS::Lambda::Function') continue;
    const fn = resourceFunction(t, name, pair.key as YNode, pair.value, type === 'AWS::Serverless::Function');
    withMakefileBuild(ctx, pair.value, fn, path, lc);
    if (fn.layout.known) codeRootLinkFailures(ctx, fn.layout.value, fn.layout.loc ?? fn.loc, type === 'AWS::Serverless::Function' ? 'sam build' : 'aws cloudformation package');
    for (const [what, k] of [['Handler', fn.handler], ['Runtime', fn.runtime], ['layout', fn.layout]] as const) {
      if (k && !k.known) facts.unknowns.push({ loc: k.loc ?? fn.loc, what: `${name} ${what}`, why: k.why });
    }
    facts.functions.push(fn);
  }
  samLayers({ path, text, lc, dir: t.dir, globalsFn: t.globalsFn, ctx, str, intrinsicWhy }, resources.value as YAMLMap, facts);
  return facts;
}

interface Template {
  path: string;
  lc: LineCounter;
  dir: string;
  /** `Globals.Function`: defaults of every AWS::Serverless::Function. */
  globalsFn: unknown;
}

type Prop = (k: string, useGlobals?: boolean) => { key: YNode; value: unknown } | null;

/** An AWS::Serverless::Function (`serverless`) or AWS::Lambda::Function resource. */
function resourceFunction(t: Template, name: string, key: YNode, res: unknown, serverless: boolean): SourceFunction {
  const { path, lc, dir } = t;
  const fnLoc = yamlLoc(path, lc, key);
  const props = entry(res, 'Properties')?.value;
  const prop: Prop = (k, useGlobals = serverless) => entry(props, k) ?? (useGlobals ? entry(t.globalsFn, k) : null);

  // Package type
  const pt = prop('PackageType');
  const ptVal = pt ? str(pt.value, yamlLoc(path, lc, pt.value as YNode)) : null;
  const codeNode = serverless ? null : entry(props, 'Code');
  const imageUri = serverless ? prop('ImageUri') : entry(codeNode?.value, 'ImageUri');
  const packageType: 'zip' | 'image' = (ptVal?.known && ptVal.value === 'Image') || imageUri ? 'image' : 'zip';

  const fn: SourceFunction = {
    name,
    source: serverless ? 'sam' : 'cloudformation',
    loc: fnLoc,
    packageType,
    handler: unknown('no Handler property', fnLoc),
    layout: unknown('no code location', fnLoc),
  };

  // Runtime
  const rt = prop('Runtime');
  if (rt) fn.runtime = str(rt.value, yamlLoc(path, lc, rt.value as YNode));
  const allEnv = samEnvironment(t, props, serverless);
  const env = startupEnvironment(allEnv);
  if (env) fn.environment = env;
  Object.assign(fn, deployVariables(allEnv));
  // Deployed name
  const fnName = prop('FunctionName', false);
  if (fnName) fn.functionName = str(fnName.value, yamlLoc(path, lc, fnName.value as YNode));

  if (packageType === 'image') {
    imageFunction(t, fn, res, prop);
  } else {
    const h = prop('Handler');
    if (h) fn.handler = str(h.value, yamlLoc(path, lc, h.value as YNode));
    fn.layout = serverless ? samCodeUri(path, dir, lc, prop('CodeUri'), prop('InlineCode'), fnLoc) : cfnCode(path, dir, lc, codeNode, fnLoc);
    // A prebuilt archive is named for messages (a build script no reader understands may make it: unread-builders.ts).
    const archive = !fn.layout.known && /^a prebuilt archive (.+)$/.exec(fn.layout.why);
    if (archive) fn.archive = joinRel(dir, archive[1]) ?? archive[1];
  }
  return fn;
}

/** `Environment.Variables`, over `Globals.Function.Environment.Variables` (SAM merges the two maps). */
function samEnvironment(t: Template, props: unknown, serverless: boolean): Record<string, Known<string>> | undefined {
  const vars = (m: unknown) => entry(entry(m, 'Environment')?.value, 'Variables')?.value;
  let out: Record<string, Known<string>> | undefined;
  for (const m of [serverless ? vars(t.globalsFn) : undefined, vars(props)]) {
    if (!isMap(m)) continue;
    for (const p of m.items) if (isScalar(p.key)) (out ??= {})[String(p.key.value)] = str(p.value, yamlLoc(t.path, t.lc, p.value as YNode));
  }
  return out;
}

/** An image function: the handler from ImageConfig.Command, the Dockerfile and context from Metadata. */
function imageFunction(t: Template, fn: SourceFunction, res: unknown, prop: Prop) {
  const { path, lc, dir } = t;
  const fnLoc = fn.loc;
  const cmd = entry(prop('ImageConfig')?.value, 'Command');
  if (cmd && isSeq(cmd.value) && cmd.value.items.length > 0) {
    const first = cmd.value.items[0];
    fn.handler = str(first, yamlLoc(path, lc, first as YNode));
  } else if (cmd) {
    fn.handler = unknown(intrinsicWhy(cmd.value) ?? 'ImageConfig.Command is not a list', yamlLoc(path, lc, cmd.value as YNode));
  } else {
    fn.handler = unknown('image function without ImageConfig.Command: the handler is the Dockerfile CMD', fnLoc);
  }
  const ep = entry(prop('ImageConfig')?.value, 'EntryPoint');
  if (ep) {
    const words = (n: unknown) => (isSeq(n) ? n.items : [n]).map((x) => {
      const k = str(x, yamlLoc(path, lc, x as YNode));
      return k.known ? { value: k.value, loc: k.loc } : { why: k.why, loc: k.loc ?? fnLoc };
    });
    const s = entryPointStart(words(ep.value), cmd ? words(cmd.value) : [], yamlLoc(path, lc, ep.value as YNode));
    if (s.handler) fn.handler = s.handler;
    if (s.startup) fn.startup = s.startup;
    if (s.runtime) fn.runtime = s.runtime;
  }
  const meta = entry(res, 'Metadata')?.value;
  const ctxNode = entry(meta, 'DockerContext');
  const dfNode = entry(meta, 'Dockerfile');
  const ctxStr = ctxNode ? str(ctxNode.value, yamlLoc(path, lc, ctxNode.value as YNode)) : null;
  const dfStr = dfNode ? str(dfNode.value, yamlLoc(path, lc, dfNode.value as YNode)) : null;
  if (ctxStr?.known && (!dfStr || dfStr.known)) {
    const context = joinRel(dir, ctxStr.value);
    const dockerfile = context === null ? null : joinRel(context, dfStr?.known ? dfStr.value : 'Dockerfile');
    if (context !== null && dockerfile !== null) {
      fn.dockerContext = context;
      fn.dockerfile = dockerfile;
      const target = entry(meta, 'DockerBuildTarget')?.value;
      if (isScalar(target) && typeof target.value === 'string') fn.dockerTarget = target.value;
      const args = entry(meta, 'DockerBuildArgs')?.value;
      if (isMap(args)) {
        const lit = args.items.filter((a) => isScalar(a.key) && isScalar(a.value) && !a.value.tag && a.value.value !== null);
        if (lit.length) fn.dockerBuildArgs = Object.fromEntries(lit.map((a) => [String((a.key as YNode & { value: unknown }).value), String((a.value as YNode & { value: unknown }).value)]));
      }
      fn.layout = unknown(`image built from ${dockerfile}: the Dockerfile source gives the layout`, ctxStr.loc);
    } else {
      fn.layout = unknown('DockerContext/Dockerfile leave the checked folder', ctxStr.loc);
    }
  } else if (ctxStr && !ctxStr.known) {
    fn.layout = unknown(`Metadata.DockerContext: ${ctxStr.why}`, ctxStr.loc);
  } else if (dfStr && !dfStr.known) {
    fn.layout = unknown(`Metadata.Dockerfile: ${dfStr.why}`, dfStr.loc);
  } else {
    fn.layout = unknown('image function without Metadata.DockerContext: the image is built elsewhere', fnLoc);
  }
}

function codeRootLayout(dir: string, rel: string, loc: Location): Known<SourceLayout> {
  if (/^[a-z0-9]+:\/\//i.test(rel)) return unknown(`code at ${rel}, not in the checked folder`, loc);
  if (/\.(zip|jar)$/i.test(rel)) return unknown(`a prebuilt archive ${rel}`, loc);
  const root = joinRel(dir, rel);
  if (root === null) return unknown(`${rel} leaves the checked folder`, loc);
  return known({ how: 'code-root', codeRoot: root, unknowns: [] }, loc);
}

function samCodeUri(
  path: string,
  dir: string,
  lc: LineCounter,
  codeUri: { key: YNode; value: unknown } | null,
  inline: { key: YNode; value: unknown } | null,
  fnLoc: Location,
): Known<SourceLayout> {
  if (inline) return unknown('InlineCode: the code is in the template', yamlLoc(path, lc, inline.key));
  // SAM CLI resolves a missing CodeUri to '.', the template's folder.
  if (!codeUri) return known({ how: 'code-root', codeRoot: dir, unknowns: [] }, fnLoc);
  const loc = yamlLoc(path, lc, codeUri.value as YNode);
  if (isMap(codeUri.value) && !intrinsicWhy(codeUri.value)) return unknown('CodeUri is an S3 location (Bucket/Key)', loc);
  const s = str(codeUri.value, loc);
  if (!s.known) return unknown(`CodeUri: ${s.why}`, loc);
  return codeRootLayout(dir, s.value, loc);
}

function cfnCode(path: string, dir: string, lc: LineCounter, code: { key: YNode; value: unknown } | null, fnLoc: Location): Known<SourceLayout> {
  if (!code) return unknown('no Code property', fnLoc);
  const loc = yamlLoc(path, lc, code.value as YNode);
  if (isMap(code.value) && !intrinsicWhy(code.value)) {
    if (entry(code.value, 'ZipFile')) return unknown('inline Code.ZipFile', loc);
    if (entry(code.value, 'S3Bucket') || entry(code.value, 'S3Key')) return unknown('code in S3 (S3Bucket/S3Key)', loc);
    return unknown('Code is a mapping without a local path', loc);
  }
  // `aws cloudformation package` accepts a local folder as Code.
  const s = str(code.value, loc);
  if (!s.known) return unknown(`Code: ${s.why}`, loc);
  return codeRootLayout(dir, s.value, loc);
}
