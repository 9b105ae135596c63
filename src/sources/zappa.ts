// Zappa (`zappa_settings.json` / `.yml` / `.yaml`): each top-level key is a stage, one Lambda function
// (`<project_name>-<stage>`). Zappa packages the folder the settings file is in (its cwd when `zappa deploy` runs),
// leaving out the `exclude` patterns (shutil.ignore_patterns: fnmatch against every file's and folder's name), and
// deploys its own handler.py, which imports `app_function` (`module.app`, split at its last dot) and serves that WSGI
// app; `lambda_handler` instead names a plain handler Zappa calls. `extends` copies another stage's settings first.
// Not read (unknown with why): `slim_handler` (the project is unzipped to /tmp at start-up), `django_settings`,
// `exclude_glob`, and a stage whose settings are not literal.
import picomatch from 'picomatch';
import { isMap, isScalar, type YAMLMap } from 'yaml';
import type { Location, PackagedFile } from '../types.js';
import { dirOf, emptyFacts, isUnder, known, relTo, unknown, type DeploySource, type SourceContext, type SourceFunction, type SourceLayout } from './common.js';
import { parseYaml, yamlLoc, type YamlNode } from './yaml.js';
import type { DeployFacts } from '../types.js';

export const zappaSource: DeploySource = {
  id: 'zappa',
  matches: (p) => /(^|\/)zappa_settings\.(json|ya?ml)$/.test(p),
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
const UNREAD = ['slim_handler', 'django_settings', 'exclude_glob'];

export function extractZappa(path: string, text: string, ctx: SourceContext): DeployFacts {
  const facts = emptyFacts();
  const parsed = parseYaml(path, text, facts, { what: 'Zappa settings' });
  const root = parsed?.doc.contents;
  if (!parsed || !isMap(root)) return facts;
  const stages = new Map<string, { stage: Stage; loc: Location }>();
  for (const p of (root as YAMLMap).items) {
    const s = isScalar(p.key) ? stageOf(p.value) : null;
    if (s) stages.set(String((p.key as { value: unknown }).value), { stage: s, loc: yamlLoc(path, parsed.lc, p.key as YamlNode) });
  }
  const dir = dirOf(path);
  for (const [name, { stage: own, loc }] of stages) {
    // `extends: dev`: the other stage's settings, this stage's over them (one level, as Zappa reads it).
    const parent = str(own.get('extends')?.value);
    const stage: Stage = new Map([...(parent ? stages.get(parent)?.stage ?? [] : []), ...own]);
    const at = (k: string) => (stage.has(k) ? yamlLoc(path, parsed.lc, stage.get(k)!.value as YamlNode) : loc);
    const project = str(stage.get('project_name')?.value);
    const fn: SourceFunction = { name: project ? `${project}-${name}` : name, source: 'zappa', loc, packageType: 'zip', handler: unknown('no app_function or lambda_handler', loc), layout: known(layoutOf(stage, dir, ctx, loc), loc) };
    const runtime = str(stage.get('runtime')?.value);
    if (runtime) fn.runtime = known(runtime, at('runtime'));
    const unread = UNREAD.find((k) => stage.has(k) && !(isScalar(stage.get(k)!.value) && (stage.get(k)!.value as { value: unknown }).value === false));
    const direct = str(stage.get('lambda_handler')?.value);
    const app = str(stage.get('app_function')?.value);
    if (unread) fn.layout = unknown(`Zappa's ${unread} is not read by parity-check`, at(unread));
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
