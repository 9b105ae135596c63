// AWS Chalice (`.chalice/config.json`): `chalice deploy` packages the project folder (the one holding .chalice/)
// as chalice/deploy/packager.py does: `app.py`, everything under `chalicelib/`, and the *contents* of `vendor/` at
// the top of the package (plus Chalice's own runtime, chalice/__init__.py and chalice/app.py, and the
// requirements, neither of which is the app's code). Nothing else of the folder is in the package: a module next
// to app.py that app.py imports works under `chalice local` and fails on Lambda.
//
// Each stage (`stages`, default `dev`) deploys the REST API handler `app.app` as `<app_name>-<stage>`
// (chalice/deploy/appgraph.py). Other Chalice functions (`@app.lambda_function`, `@app.schedule`, event
// handlers) are attributes of the same app.py in the same package: checking app.app's import checks theirs.
import { isMap, isScalar, type YAMLMap } from 'yaml';
import type { DeployFacts, Location, PackagedFile } from '../types.js';
import { dirOf, emptyFacts, isUnder, joinRel, known, relTo, type DeploySource, type SourceContext, type SourceFunction } from './common.js';
import { parseYaml, yamlLoc, type YamlNode } from './yaml.js';

export const chaliceSource: DeploySource = {
  id: 'chalice',
  matches: (p) => /(^|\/)\.chalice\/config\.json$/.test(p),
  extract: (path, text, ctx) => extractChalice(path, text, ctx),
};

const strOf = (v: unknown): string | null => (isScalar(v) && typeof v.value === 'string' ? v.value : null);

export function extractChalice(path: string, text: string, ctx: SourceContext): DeployFacts {
  const facts = emptyFacts();
  const parsed = parseYaml(path, text, facts, { what: 'Chalice config' });
  const root = parsed?.doc.contents;
  if (!parsed || !isMap(root)) return facts;
  const top = new Map<string, { value: unknown; key: YamlNode }>();
  for (const p of (root as YAMLMap).items) if (isScalar(p.key)) top.set(String(p.key.value), { value: p.value, key: p.key as YamlNode });
  const fileLoc: Location = yamlLoc(path, parsed.lc, root as YamlNode);
  const appName = strOf(top.get('app_name')?.value);
  const stagesNode = top.get('stages')?.value;
  const stages: { name: string; loc: Location }[] = [];
  if (isMap(stagesNode)) {
    for (const p of (stagesNode as YAMLMap).items) if (isScalar(p.key)) stages.push({ name: String(p.key.value), loc: yamlLoc(path, parsed.lc, p.key as YamlNode) });
  }
  // Chalice's default stage when the config names none.
  if (!stages.length) stages.push({ name: 'dev', loc: fileLoc });
  const project = dirOf(dirOf(path));
  for (const s of stages) {
    const files = packageFiles(project, ctx, s.loc);
    const fn: SourceFunction = {
      name: appName ? `${appName}-${s.name}` : s.name,
      source: 'chalice',
      loc: s.loc,
      packageType: 'zip',
      handler: known('app.app', s.loc),
      layout: known({ how: 'simulated', files, copies: [], unknowns: [] }, s.loc),
    };
    facts.functions.push(fn);
  }
  return facts;
}

/** app.py, chalicelib/** at their paths, and vendor/**'s contents at the top (later entries win, as zip writes do). */
function packageFiles(project: string, ctx: SourceContext, loc: Location): PackagedFile[] {
  const out = new Map<string, PackagedFile>();
  const lib = joinRel(project, 'chalicelib') ?? 'chalicelib';
  const vendor = joinRel(project, 'vendor') ?? 'vendor';
  const app = joinRel(project, 'app.py') ?? 'app.py';
  for (const f of ctx.files()) {
    if (isUnder(f, vendor)) out.set(relTo(f, vendor), { dest: relTo(f, vendor), src: f, loc });
  }
  for (const f of ctx.files()) {
    if (f === app) out.set('app.py', { dest: 'app.py', src: f, loc });
    else if (isUnder(f, lib)) out.set(relTo(f, project), { dest: relTo(f, project), src: f, loc });
  }
  return [...out.values()];
}
