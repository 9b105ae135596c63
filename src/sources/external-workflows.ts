// A job that calls a reusable workflow of another repository (`uses: owner/repo/.github/workflows/deploy.yml@main`)
// runs steps that are not in this repository and are not read here. When the call hands it both a folder of this
// repository (an input whose value is that folder: `cdk-dir: cdk`) and an artifact (an input named like one:
// `artifact-name: lambda-bundle`), the called workflow may put the artifact's files into that folder before it
// deploys (download-artifact, then `cdk deploy` there). A function whose package is that folder, or a folder below
// it, is then not known from this repository alone: it is named as not checked with the call, never judged from
// the folder as committed (a false HND001 on a public CDK app whose asset "./" is filled by a central workflow).
import { isMap, isScalar, type YAMLMap } from 'yaml';
import type { DeployFacts, Location } from '../types.js';
import { isUnder, unknown, type SourceFunction } from './common.js';
import { workflowsSource } from './workflows.js';
import { entry, parseYaml, yamlLoc, yamlString } from './yaml.js';

/** A call of another repository's workflow: what it is, where, the folders and the artifact it is handed. */
interface ExternalCall {
  uses: string;
  loc: Location;
  folders: string[];
  artifact: string;
}

const REMOTE = /^[\w.-]+\/[\w.-]+\/\.github\/workflows\/[^@]+@\S+$/;
const ARTIFACT = /artifact|bundle/i;

/** The calls of other repositories' workflows that hand over a folder and an artifact. */
function externalCalls(path: string, text: string): ExternalCall[] {
  const facts: DeployFacts = { functions: [], problems: [], unknowns: [] };
  const parsed = parseYaml(path, text, facts);
  if (!parsed) return [];
  const jobs = entry(parsed.doc.contents, 'jobs')?.value;
  if (!isMap(jobs)) return [];
  const out: ExternalCall[] = [];
  for (const jp of (jobs as YAMLMap).items) {
    const uses = entry(jp.value, 'uses');
    const u = uses ? yamlString(uses.value) : null;
    if (!u || !REMOTE.test(u)) continue;
    const inputs = entry(jp.value, 'with')?.value;
    if (!isMap(inputs)) continue;
    const folders: string[] = [];
    let artifact: string | undefined;
    for (const it of (inputs as YAMLMap).items) {
      if (!isScalar(it.key)) continue;
      const key = String(it.key.value);
      const v = yamlString(it.value);
      if (v === null || v.includes('${{')) continue;
      if (ARTIFACT.test(key)) artifact = `${key}: ${v}`;
      else if (/^[\w.-]+(\/[\w.-]+)*\/?$/.test(v)) folders.push(v.replace(/^\.\/?/, '').replace(/\/$/, ''));
    }
    if (artifact && folders.length) out.push({ uses: u, loc: yamlLoc(path, parsed.lc, uses!.value as never), folders, artifact });
  }
  return out;
}

/** Each function whose package folder another repository's workflow is handed with an artifact: not known. */
export function nameExternalWorkflows(out: DeployFacts, files: { path: string; text: string }[]): void {
  const calls = files.filter((f) => workflowsSource.matches(f.path)).flatMap((f) => externalCalls(f.path, f.text));
  if (!calls.length) return;
  for (const fn of out.functions as SourceFunction[]) {
    if (!fn.layout.known) continue;
    const l = fn.layout.value;
    const dir = l.how === 'code-root' ? l.codeRoot : undefined;
    if (dir === undefined) continue;
    const call = calls.find((c) => c.folders.some((f) => dir === f || (f !== '' && isUnder(dir, f))));
    if (!call) continue;
    const f = call.folders.find((x) => dir === x || isUnder(dir, x))!;
    const why = `${f || 'the repository root'} is handed to ${call.uses} (a workflow of another repository, not read here) with ${call.artifact}, which may put files in it before it deploys`;
    fn.layout = unknown(why, call.loc);
  }
}
