// Serverless Framework: `serverless.yml` / `serverless.yaml`.
//
// The package is the service folder (the serverless.yml folder). `package.patterns` (service level, then function
// level when `package.individually`) narrow it: every file of the folder, then each pattern in order includes
// (`glob`) or excludes (`!glob`) — the last matching pattern wins, like the framework. Legacy `include`/`exclude`
// are read the same way. `${...}` variables are unknown. `package.artifact` is a prebuilt zip: `artifact` names it, so
// the step that builds it gives the layout. A function's `module:` (serverless-python-requirements) with
// `individually` puts that folder's files at the root of its zip.
import picomatch from 'picomatch';
import { LineCounter, isMap, isScalar, isSeq, type Node as YNode, type YAMLMap } from 'yaml';
import type { DeployFacts, Known, Location, Startup } from '../types.js';
import {
  dirOf,
  emptyFacts,
  isUnder,
  joinRel,
  known,
  relTo,
  unknown,
  type DeploySource,
  type SourceContext,
  type SourceFunction,
  type SourceLayout,
} from './common.js';
import { serverlessLayers, usesPlugin } from './layers-serverless.js';
import { serverlessImageBuild } from './serverless-images.js';
import { entry, parseYaml, yamlLoc } from './yaml.js';
import { deployVariables, startupEnvironment } from './startup-command.js';

export const serverlessSource: DeploySource = {
  id: 'serverless',
  matches: (path) => /(^|\/)serverless\.ya?ml$/.test(path),
  extract: extractServerless,
};

/** Files the framework leaves out of every package. */
const DEFAULT_EXCLUDES = [
  '.git/**', '.gitignore', '.DS_Store', 'npm-debug.log', 'yarn-*.log', '.serverless/**', '.serverless_plugins/**',
  'serverless.yml', 'serverless.yaml', 'serverless.json', 'serverless.js', 'serverless.ts',
];

function str(node: unknown, loc: Location): Known<string> {
  if (isScalar(node) && (!node.tag || node.tag.startsWith('!!'))) {
    const v = node.value;
    if (typeof v === 'string') {
      if (v.includes('${')) {
        const start = v.indexOf('${');
        const end = v.indexOf('}', start);
        return unknown(`${v.slice(start, end === -1 ? undefined : end + 1)} is a Serverless variable`, loc);
      }
      return known(v, loc);
    }
    if (typeof v === 'number') return known(String(v), loc);
  }
  if (isScalar(node) && node.tag) return unknown(`${node.tag} (a CloudFormation intrinsic function)`, loc);
  return unknown('not a string literal', loc);
}

interface Patterns {
  list: string[];
  unknown?: { why: string; loc: Location };
}

/** `package:` → the ordered patterns (include/exclude folded into patterns), or why they are unknown. */
function readPackage(path: string, lc: LineCounter, pkg: unknown): Patterns & { artifact?: Known<string>; individually?: boolean } {
  const out: Patterns & { artifact?: Known<string>; individually?: boolean } = { list: [] };
  const add = (key: string, negate: boolean) => {
    const e = entry(pkg, key);
    if (!e) return;
    if (!isSeq(e.value)) {
      out.unknown ??= { why: `package.${key} is not a list`, loc: yamlLoc(path, lc, e.value as YNode) };
      return;
    }
    for (const item of e.value.items) {
      const s = str(item, yamlLoc(path, lc, item as YNode));
      if (!s.known) {
        out.unknown ??= { why: `package.${key}: ${s.why}`, loc: s.loc! };
        continue;
      }
      out.list.push(negate ? (s.value.startsWith('!') ? s.value.slice(1) : `!${s.value}`) : s.value);
    }
  };
  add('include', false);
  add('exclude', true);
  add('patterns', false);
  const art = entry(pkg, 'artifact');
  if (art) out.artifact = str(art.value, yamlLoc(path, lc, art.value as YNode));
  const ind = entry(pkg, 'individually');
  if (ind && isScalar(ind.value)) out.individually = ind.value.value === true || ind.value.value === 'true';
  return out;
}

/** The files of the service folder that patterns keep, as paths relative to the service folder. */
export function applyPatterns(all: string[], patterns: string[]): string[] {
  let kept = new Set(all);
  for (const p of [...DEFAULT_EXCLUDES.map((x) => `!${x}`), ...patterns]) {
    const neg = p.startsWith('!');
    const glob = neg ? p.slice(1) : p;
    const isMatch = picomatch(glob, { dot: true });
    if (neg) kept = new Set([...kept].filter((f) => !isMatch(f)));
    else for (const f of all) if (isMatch(f)) kept.add(f);
  }
  return all.filter((f) => kept.has(f));
}

export function extractServerless(path: string, text: string, ctx: SourceContext): DeployFacts {
  const facts = emptyFacts();
  const parsed = parseYaml(path, text, facts, { cloudFormationTags: true });
  if (!parsed) return facts;
  const { doc, lc } = parsed;
  const root = doc.contents;
  const dir = dirOf(path);
  const provider = entry(root, 'provider')?.value;
  const providerRuntime = entry(provider, 'runtime');
  const servicePkg = readPackage(path, lc, entry(root, 'package')?.value);
  const functions = entry(root, 'functions');
  if (!functions) return facts;
  if (!isMap(functions.value)) {
    facts.unknowns.push({ loc: yamlLoc(path, lc, functions.value as YNode), what: 'functions', why: 'functions is not a mapping (a variable or file reference?)' });
    return facts;
  }
  const serviceFiles = ctx.files().filter((f) => isUnder(f, dir) && f !== dir).map((f) => relTo(f, dir));

  const svc: Service = { path, lc, root, dir, servicePkg, serviceFiles, providerRuntime };
  for (const pair of (functions.value as YAMLMap).items) {
    if (!isScalar(pair.key)) continue;
    const name = String(pair.key.value);
    const fnLoc = yamlLoc(path, lc, pair.key as YNode);
    const fn = serverlessFunction(svc, name, pair.value, fnLoc);
    for (const [what, k] of [['handler', fn.handler], ['runtime', fn.runtime], ['layout', fn.layout]] as const) {
      if (k && !k.known) facts.unknowns.push({ loc: k.loc ?? fnLoc, what: `${name} ${what}`, why: k.why });
    }
    facts.functions.push(fn);
  }
  serverlessLayers({ path, text, lc, dir, root, str }, facts);
  return facts;
}

interface Service {
  path: string;
  lc: LineCounter;
  root: unknown;
  dir: string;
  servicePkg: ReturnType<typeof readPackage>;
  /** The service folder's files, relative to it. */
  serviceFiles: string[];
  providerRuntime: { key: YNode; value: unknown } | null;
}

function serverlessFunction(svc: Service, name: string, def: unknown, fnLoc: Location): SourceFunction {
  const { path, lc } = svc;
  const image = entry(def, 'image');
  const fn: SourceFunction = {
    name,
    source: 'serverless',
    loc: fnLoc,
    packageType: image ? 'image' : 'zip',
    handler: unknown('no handler', fnLoc),
    layout: unknown('no package', fnLoc),
  };
  const rt = entry(def, 'runtime') ?? svc.providerRuntime;
  if (rt) fn.runtime = str(rt.value, yamlLoc(path, lc, rt.value as YNode));
  const fname = entry(def, 'name');
  if (fname) fn.functionName = str(fname.value, yamlLoc(path, lc, fname.value as YNode));
  // provider.environment, then the function's own (serverless merges them, the function's winning).
  for (const m of [entry(entry(svc.root, 'provider')?.value, 'environment')?.value, entry(def, 'environment')?.value]) {
    if (!isMap(m)) continue;
    for (const p of m.items) if (isScalar(p.key)) (fn.environment ??= {})[String(p.key.value)] = str(p.value, yamlLoc(path, lc, p.value as YNode));
  }
  Object.assign(fn, deployVariables(fn.environment));
  fn.environment = startupEnvironment(fn.environment);
  if (!fn.environment) delete fn.environment;

  if (image) {
    const cmd = entry(image.value, 'command');
    if (cmd && isSeq(cmd.value) && cmd.value.items.length) {
      fn.handler = str(cmd.value.items[0], yamlLoc(path, lc, cmd.value.items[0] as YNode));
    } else {
      fn.handler = unknown('image function: the handler is the image CMD', yamlLoc(path, lc, image.key));
    }
    if (!serverlessImageBuild(svc, fn, image.value, yamlLoc(path, lc, image.key))) fn.layout = unknown('image function: the image is built elsewhere (not by provider.ecr.images)', yamlLoc(path, lc, image.key));
  } else {
    const h = entry(def, 'handler');
    if (h) fn.handler = str(h.value, yamlLoc(path, lc, h.value as YNode));
    fn.layout = zipLayout(svc, def, fnLoc, fn);
    const wsgi = fn.handler.known && WSGI_HANDLERS.has(fn.handler.value) && usesPlugin(svc.root, 'serverless-wsgi') ? wsgiStartup(svc, fn.handler.loc) : undefined;
    if (wsgi) fn.startup = wsgi;
  }
  return fn;
}

/** A zip function's package: a prebuilt artifact, the service folder, or the files its patterns keep. */
function zipLayout(svc: Service, def: unknown, fnLoc: Location, fn: SourceFunction): Known<SourceLayout> {
  const { path, lc, dir, servicePkg } = svc;
  const fnPkg = readPackage(path, lc, entry(def, 'package')?.value);
  const artifact = fnPkg.artifact ?? servicePkg.artifact;
  const individually = servicePkg.individually || fnPkg.individually;
  const patterns = [...servicePkg.list, ...(individually ? fnPkg.list : [])];
  const bad = servicePkg.unknown ?? (individually ? fnPkg.unknown : undefined);
  if (artifact) {
    if (!artifact.known) return unknown(`package.artifact: ${artifact.why}`, artifact.loc);
    // Like Terraform's `filename`: the step that builds this zip (a workflow, a script) gives the layout.
    const zip = /^[a-z0-9]+:\/\//i.test(artifact.value) ? null : joinRel(dir, artifact.value);
    if (zip === null) return unknown(`package.artifact ${artifact.value} is not in the checked folder`, artifact.loc);
    fn.artifact = zip;
    return unknown(`package.artifact ${zip}: a prebuilt zip, built outside serverless`, artifact.loc);
  }
  if (bad) return unknown(bad.why, bad.loc);
  const mod = moduleRoot(svc, def, individually);
  if (mod && !mod.known) return mod;
  if (patterns.length === 0) {
    if (mod) return known<SourceLayout>({ how: 'code-root', codeRoot: mod.value, unknowns: [] }, mod.loc);
    return known<SourceLayout>({ how: 'code-root', codeRoot: dir, unknowns: [] }, fnLoc);
  }
  const patEntry = entry(entry(def, 'package')?.value, 'patterns') ?? entry(entry(svc.root, 'package')?.value, 'patterns') ?? entry(svc.root, 'package');
  const patLoc = patEntry ? yamlLoc(path, lc, patEntry.key) : fnLoc;
  let kept = applyPatterns(svc.serviceFiles, patterns).map((rel) => ({ dest: rel, src: dir === '' ? rel : `${dir}/${rel}` }));
  if (mod) {
    // serverless-python-requirements moves the module folder's files to the root of the function's zip.
    const prefix = relTo(mod.value, dir);
    kept = kept.filter((f) => isUnder(f.dest, prefix) && f.dest !== prefix).map((f) => ({ dest: relTo(f.dest, prefix), src: f.src }));
  }
  return known<SourceLayout>(
    {
      how: 'simulated',
      codeRoot: mod ? mod.value : dir,
      files: kept.map((f) => ({ ...f, loc: patLoc })),
      copies: [{ fromText: '.', from: dir, contentsOf: true, to: '', loc: patLoc, command: serverlessPackageText(dir), fix: serverlessPackageFix(dir) }],
      unknowns: [],
    },
    patLoc,
  );
}

/** The service folder is the package: a patterns list is no command to show (it can be long), the folder is. */
const serverlessPackageText = (dir: string) => `serverless's package of ${dir === '' ? 'the service folder' : `${dir}/`} (package.patterns)`;
const serverlessPackageFix = (dir: string) =>
  `serverless packages its service folder${dir === '' ? '' : ` ${dir}/`} as /var/task, so name the modules from there${dir === '' ? '' : ` (without the "${dir.split('/').join('.')}." prefix)`}`;

/**
 * `module:` of serverless-python-requirements: with `package.individually`, the function's zip has the module
 * folder's files at its root (and the handler is written relative to it). Without `individually` the plugin does not
 * move them, so the folder is only where the requirements are: null.
 */
function moduleRoot(svc: Service, def: unknown, individually: boolean | undefined): Known<string> | null {
  // Only the plugin reads `module`; the framework itself ignores it.
  const m = entry(def, 'module');
  if (!m || !individually || !usesPlugin(svc.root, 'serverless-python-requirements')) return null;
  const loc = yamlLoc(svc.path, svc.lc, m.value as YNode);
  const v = str(m.value, loc);
  if (!v.known) return unknown(`module: ${v.why}`, loc);
  if (v.value === '.' || v.value === '') return null;
  const root = joinRel(svc.dir, v.value);
  return root === null ? unknown(`module ${v.value} is outside the checked folder`, loc) : known(root, loc);
}

/**
 * The plugin's handler: `wsgi.handler` is its name before 1.7.0 (it wrote wsgi.py); since 1.7.0 the plugin rewrites
 * a function's `wsgi.handler` to `wsgi_handler.handler` when it loads (with a deprecation warning), so both are served.
 */
const WSGI_HANDLERS = new Set(['wsgi_handler.handler', 'wsgi.handler']);

/**
 * serverless-wsgi writes `wsgi_handler.py` into the package when it is built (it is never in the
 * repository): that handler imports `custom.wsgi.app` (`module.app`, split at its last dot, as
 * the plugin's wsgi_handler.py does), so the app is what must resolve, not the handler file. The
 * path form `api/app.app`: the plugin splits the module part at its last `/`, does
 * `sys.path.insert(0, os.path.join(package_root, "api"))` and imports `app` (Startup `path`).
 */
function wsgiStartup(svc: Service, handlerLoc: Location): Startup {
  const app = entry(entry(entry(svc.root, 'custom')?.value, 'wsgi')?.value, 'app');
  if (!app || !isScalar(app.value) || typeof app.value.value !== 'string') {
    return { kind: 'unknown', why: 'serverless-wsgi serves custom.wsgi.app, which is not stated as a string', loc: handlerLoc };
  }
  const loc = yamlLoc(svc.path, svc.lc, app.value as YNode);
  const text = app.value.value;
  const dot = text.lastIndexOf('.');
  const slash = text.lastIndexOf('/', dot);
  const folder = slash < 0 ? '' : text.slice(0, slash).replace(/^(\.\/)+/, '').replace(/\/+$/, '');
  const dir = folder === '' || folder === '.' ? undefined : folder;
  const module = text.slice(slash + 1, dot);
  // An absolute folder, or one that climbs out of the package, is not a folder of the package.
  const outside = dir !== undefined && (text.startsWith('/') || dir.split('/').includes('..'));
  if (dot <= 0 || !module || module.includes('/') || outside) return { kind: 'unknown', why: `serverless-wsgi app ${JSON.stringify(text)} is not of the form module.app or folder/module.app`, loc };
  const served = known(`${module}:${text.slice(dot + 1)}`, loc);
  return { kind: 'web-app', app: served, server: 'serverless-wsgi', loc, ...(dir ? { path: dir } : {}) };
}
