// Zappa (`zappa_settings.json` / `.yml` / `.yaml`): each top-level key is a stage, one Lambda function
// (`<project_name>-<stage>`). Zappa packages the folder the settings file is in (its cwd when `zappa deploy` runs),
// leaving out the `exclude` patterns (shutil.ignore_patterns: fnmatch against every file's and folder's name), and
// deploys its own handler.py, which imports `app_function` (`module.app`, split at its last dot) and serves that WSGI
// app; `lambda_handler` instead names a plain handler Zappa calls. `extends` copies another stage's settings first,
// at any depth (Zappa's stage_config recurses; a cycle is Zappa's RuntimeError, named here as unknown).
// `slim_handler: true` packages the same project into an archive that Zappa's handler extracts to
// /tmp/<project_name> and puts first on sys.path (zappa/handler.py load_remote_project_archive): the imports
// resolve as from the package root, so it is read like the plain package. zappa_settings.toml (Zappa reads it
// with the toml package) is read with smol-toml; its values carry no positions, so its findings point at line 1.
// Not read (unknown with why): `django_settings`, `exclude_glob`, and a stage whose settings are not literal.
import picomatch from 'picomatch';
import { parse as parseToml } from 'smol-toml';
import { Document, isMap, isScalar, LineCounter, type YAMLMap } from 'yaml';
import type { Location, PackagedFile } from '../types.js';
import { dirOf, emptyFacts, isUnder, known, relTo, unknown, type DeploySource, type SourceContext, type SourceFunction, type SourceLayout } from './common.js';
import { parseYaml, yamlLoc, type YamlNode } from './yaml.js';
import type { DeployFacts } from '../types.js';

export const zappaSource: DeploySource = {
  id: 'zappa',
  matches: (p) => /(^|\/)zappa_settings\.(json|ya?ml|toml)$/.test(p),
  extract: (path, text, ctx) => extractZappa(path, text, ctx),
};

type Stage = Map<string, { value: unknown; key: YamlNode }>;

function stageOf(node: unknown): Stage | null {
  if (!isMap(node)) return null;
  const out: Stage = new Map();
  for (const p of (node as YAMLMap).items) if (isScalar(p.key)) out.set(String(p.key.value), { value: p.value, key: p.key as YamlNode });
  return out;
}

const str = (v: unknown): string | null => (isScalar(v) && typeof v.value === 'string' ? v.value : null);
const UNREAD = ['django_settings', 'exclude_glob'];

/** The settings as a YAML document: TOML's values are made into one (without positions: line 1). */
function settingsDoc(path: string, text: string, facts: DeployFacts): { doc: { contents: unknown }; lc: LineCounter } | undefined {
  if (!path.endsWith('.toml')) return parseYaml(path, text, facts, { what: 'Zappa settings' });
  try {
    return { doc: new Document(parseToml(text)), lc: new LineCounter() };
  } catch (e) {
    const loc = { file: path, line: 1, column: 1, endLine: 1, endColumn: 1 };
    facts.unknowns.push({ loc, what: 'Zappa settings', why: `${path} is not valid TOML: ${(e as Error).message.split('\n')[0]}` });
    return undefined;
  }
}

/** A stage's settings over those it extends, at any depth; a string naming the cycle when it has one. */
function extended(name: string, stages: Map<string, { stage: Stage }>, seen: string[] = []): Stage | string {
  if (seen.includes(name)) return `extends makes a cycle (${[...seen, name].join(' -> ')}): Zappa raises RuntimeError`;
  const own = stages.get(name)?.stage;
  if (!own) return `extends names ${JSON.stringify(name)}, which is no stage of the settings`;
  const parent = str(own.get('extends')?.value);
  if (!parent) return own;
  const base = extended(parent, stages, [...seen, name]);
  return typeof base === 'string' ? base : new Map([...base, ...own]);
}

export function extractZappa(path: string, text: string, ctx: SourceContext): DeployFacts {
  const facts = emptyFacts();
  const parsed = settingsDoc(path, text, facts);
  const root = parsed?.doc.contents;
  if (!parsed || !isMap(root)) return facts;
  const stages = new Map<string, { stage: Stage; loc: Location }>();
  for (const p of (root as YAMLMap).items) {
    const s = isScalar(p.key) ? stageOf(p.value) : null;
    if (s) stages.set(String((p.key as { value: unknown }).value), { stage: s, loc: yamlLoc(path, parsed.lc, p.key as YamlNode) });
  }
  const dir = dirOf(path);
  for (const [name, { stage: own, loc }] of stages) {
    // `extends: dev`: the other stage's settings (and those it extends), this stage's over them.
    const merged = extended(name, stages);
    const stage: Stage = typeof merged === 'string' ? own : merged;
    const at = (k: string) => (stage.has(k) ? yamlLoc(path, parsed.lc, stage.get(k)!.value as YamlNode) : loc);
    const project = str(stage.get('project_name')?.value);
    const fn: SourceFunction = { name: project ? `${project}-${name}` : name, source: 'zappa', loc, packageType: 'zip', handler: unknown('no app_function or lambda_handler', loc), layout: known(layoutOf(stage, dir, ctx, loc), loc) };
    const runtime = str(stage.get('runtime')?.value);
    if (runtime) fn.runtime = known(runtime, at('runtime'));
    const unread = UNREAD.find((k) => stage.has(k) && !(isScalar(stage.get(k)!.value) && (stage.get(k)!.value as { value: unknown }).value === false));
    const direct = str(stage.get('lambda_handler')?.value);
    const app = str(stage.get('app_function')?.value);
    if (unread) fn.layout = unknown(`Zappa's ${unread} is not read by parity-check`, at(unread));
    if (typeof merged === 'string') fn.layout = unknown(merged, at('extends'));
    if (direct) fn.handler = known(direct, at('lambda_handler'));
    else if (app) {
      const dot = app.lastIndexOf('.');
      const l = at('app_function');
      // Zappa's own handler.py (written into the package) imports the app: the app is what must resolve.
      fn.handler = known('handler.lambda_handler', l);
      fn.startup = dot <= 0 || app.includes('/')
        ? { kind: 'unknown', why: `Zappa app_function ${JSON.stringify(app)} is not of the form module.app`, loc: l }
        : { kind: 'web-app', app: known(`${app.slice(0, dot)}:${app.slice(dot + 1)}`, l), server: 'zappa', loc: l };
    }
    for (const [what, k] of [['handler', fn.handler], ['layout', fn.layout]] as const) {
      if (!k.known) facts.unknowns.push({ loc: k.loc ?? loc, what: `${fn.name} ${what}`, why: k.why });
    }
    facts.functions.push(fn);
  }
  return facts;
}

/** The settings file's folder, less what `exclude` names (each pattern against every path component's name). */
function layoutOf(stage: Stage, dir: string, ctx: SourceContext, loc: Location): SourceLayout {
  const ex = stage.get('exclude')?.value;
  const patterns = ex && 'items' in (ex as object) ? ((ex as YAMLMap).items as unknown[]).map(str).filter((x): x is string => x !== null) : [];
  if (!patterns.length) return { how: 'code-root', codeRoot: dir, unknowns: [] };
  const isEx = picomatch(patterns, { dot: true });
  const files: PackagedFile[] = [];
  for (const f of ctx.files()) {
    if (dir && !isUnder(f, dir)) continue;
    const rel = dir ? relTo(f, dir) : f;
    if (rel.split('/').some((part) => isEx(part))) continue;
    files.push({ dest: rel, src: f, loc });
  }
  return { how: 'simulated', files, copies: [], unknowns: [] };
}
