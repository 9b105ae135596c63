// Serverless Framework: `serverless.yml` / `serverless.yaml`.
//
// The package is the service folder (the serverless.yml folder). `package.patterns` (service level, then function
// level when `package.individually`) narrow it: every file of the folder, then each pattern in order includes
// (`glob`) or excludes (`!glob`) — the last matching pattern wins, like the framework. Legacy `include`/`exclude`
// are read the same way. `${...}` variables are unknown.
import picomatch from 'picomatch';
import { LineCounter, isMap, isScalar, isSeq, type Node as YNode, type YAMLMap } from 'yaml';
import type { DeployFacts, Known, Location } from '../types.js';
import {
  dirOf,
  emptyFacts,
  isUnder,
  known,
  relTo,
  unknown,
  type DeploySource,
  type SourceContext,
  type SourceFunction,
  type SourceLayout,
} from './common.js';
import { serverlessLayers } from './layers-serverless.js';
import { entry, parseYaml, yamlLoc } from './yaml.js';
import { startupEnvironment } from './startup-command.js';

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
  fn.environment = startupEnvironment(fn.environment);
  if (!fn.environment) delete fn.environment;

  if (image) {
    const cmd = entry(image.value, 'command');
    if (cmd && isSeq(cmd.value) && cmd.value.items.length) {
      fn.handler = str(cmd.value.items[0], yamlLoc(path, lc, cmd.value.items[0] as YNode));
    } else {
      fn.handler = unknown('image function: the handler is the image CMD', yamlLoc(path, lc, image.key));
    }
    fn.layout = unknown('image function: the image is built from provider.ecr.images or elsewhere', yamlLoc(path, lc, image.key));
  } else {
    const h = entry(def, 'handler');
    if (h) fn.handler = str(h.value, yamlLoc(path, lc, h.value as YNode));
    fn.layout = zipLayout(svc, def, fnLoc);
  }
  return fn;
}

/** A zip function's package: a prebuilt artifact, the service folder, or the files its patterns keep. */
function zipLayout(svc: Service, def: unknown, fnLoc: Location): Known<SourceLayout> {
  const { path, lc, dir, servicePkg } = svc;
  const fnPkg = readPackage(path, lc, entry(def, 'package')?.value);
  const artifact = fnPkg.artifact ?? servicePkg.artifact;
  const individually = servicePkg.individually || fnPkg.individually;
  const patterns = [...servicePkg.list, ...(individually ? fnPkg.list : [])];
  const bad = servicePkg.unknown ?? (individually ? fnPkg.unknown : undefined);
  if (artifact) {
    return artifact.known
      ? unknown(`package.artifact ${artifact.value}: a prebuilt zip`, artifact.loc)
      : unknown(`package.artifact: ${artifact.why}`, artifact.loc);
  }
  if (bad) return unknown(bad.why, bad.loc);
  if (patterns.length === 0) return known<SourceLayout>({ how: 'code-root', codeRoot: dir, unknowns: [] }, fnLoc);
  const patEntry = entry(entry(def, 'package')?.value, 'patterns') ?? entry(entry(svc.root, 'package')?.value, 'patterns') ?? entry(svc.root, 'package');
  const patLoc = patEntry ? yamlLoc(path, lc, patEntry.key) : fnLoc;
  const kept = applyPatterns(svc.serviceFiles, patterns);
  return known<SourceLayout>(
    {
      how: 'simulated',
      codeRoot: dir,
      files: kept.map((rel) => ({ dest: rel, src: dir === '' ? rel : `${dir}/${rel}`, loc: patLoc })),
      copies: [{ fromText: '.', from: dir, contentsOf: true, to: '', loc: patLoc, command: `package.patterns ${JSON.stringify(patterns)}` }],
      unknowns: [],
    },
    patLoc,
  );
}
