// Deploy sources: what SAM/CloudFormation, serverless, Terraform, Dockerfiles and GitHub workflows say gets deployed.
import type { DeployFacts, Location } from '../types.js';
import { at, type BuildTree, type DeploySource, type SourceContext, type SourceFacts, type SourceFunction } from './common.js';
import { cdkSource } from './cdk.js';
import { linkArtifacts } from './artifacts.js';
import { linkBuiltFolders } from './builds.js';
import { dockerfileSource, extractDockerfile } from './dockerfile.js';
import { samSource } from './sam.js';
import { serverlessSource } from './serverless.js';
import { terraformSource } from './terraform.js';
import { workflowsSource } from './workflows.js';
import { scriptsSource } from './scripts.js';
import { ancestorDirs } from '../util/posix-path.js';

export type { DeploySource, SourceContext, SourceFunction, SourceLayout } from './common.js';
export { materialize } from './materialize.js';
export { readDeployFiles } from './read.js';

// scriptsSource is last: the sources before it record what they run (`called`), and it simulates the rest.
export const SOURCES: DeploySource[] = [samSource, serverlessSource, terraformSource, dockerfileSource, workflowsSource, cdkSource, scriptsSource];

/** Does some deploy source read this file? */
export function isDeployPath(p: string): boolean {
  return SOURCES.some((s) => s.matches(p));
}

/** A SourceContext over a list of posix paths (relative to the checked folder). */
export function contextFromPaths(paths: string[]): SourceContext {
  const files = [...paths].sort();
  const fileSet = new Set(files);
  const dirs = ancestorDirs(files);
  return { files: () => files, exists: (p) => fileSet.has(p) || dirs.has(p), isDir: (p) => dirs.has(p) };
}

function crash(file: string, source: string, err: unknown): { loc: Location; message: string } {
  const msg = err instanceof Error ? err.message : String(err);
  return { loc: at(file, { line: 1, column: 1, endLine: 1, endColumn: 1 }), message: `${source} source failed on ${file}: ${msg}` };
}

/**
 * Run every source over the files it matches and merge the results. A source that throws becomes a `problems` entry
 * naming the file; the run goes on. Then definitions of the same function are joined:
 * - an image function naming a Dockerfile (SAM Metadata) gets the Dockerfile's layout (built with its DockerContext)
 *   and, when it states none, the Dockerfile's CMD as handler; the Dockerfile's own entry is dropped;
 * - a workflow zip deployed to a function (`--function-name`) or a zip an IaC function names as its `filename`
 *   gives that function its simulated layout; the workflow's own entry is dropped.
 */
export function collectDeployFacts(files: { path: string; text: string }[], ctx0: SourceContext): DeployFacts {
  const texts = new Map(files.map((f) => [f.path, f.text]));
  const ctx: SourceContext = { ...ctx0, text: (p) => texts.get(p) ?? ctx0.text?.(p), called: ctx0.called ?? new Set() };
  const out: DeployFacts = { functions: [], problems: [], unknowns: [] };
  const builds: BuildTree[] = [];
  const add = (f: SourceFacts) => {
    out.functions.push(...f.functions);
    out.problems.push(...f.problems);
    out.unknowns.push(...f.unknowns);
    if (f.layers?.length) (out.layers ??= []).push(...f.layers);
    if (f.builds) builds.push(...f.builds);
  };
  for (const source of SOURCES) {
    const sniff = source.sniff;
    const mine = files.filter((f) => source.matches(f.path) || (sniff && sniff.candidate(f.path) && sniff.accepts(f.text)));
    if (source.extractGroup && source.groupKey) {
      const groups = new Map<string, { path: string; text: string }[]>();
      for (const f of mine) {
        const k = source.groupKey(f.path);
        groups.set(k, [...(groups.get(k) ?? []), f]);
      }
      for (const group of groups.values()) {
        try {
          add(source.extractGroup(group, ctx));
        } catch (err) {
          // Retry file by file so one bad file does not hide the others.
          for (const f of group) {
            try {
              add(source.extract(f.path, f.text, ctx));
            } catch (e) {
              out.problems.push(crash(f.path, source.id, e));
            }
          }
        }
      }
    } else {
      for (const f of mine) {
        try {
          add(source.extract(f.path, f.text, ctx));
        } catch (err) {
          out.problems.push(crash(f.path, source.id, err));
        }
      }
    }
  }
  link(out, files, ctx);
  linkBuiltFolders(out, builds, ctx);
  return out;
}

function link(out: DeployFacts, files: { path: string; text: string }[], ctx: SourceContext) {
  const fns = out.functions as SourceFunction[];
  const drop = new Set<SourceFunction>();

  // Image functions ↔ Dockerfiles.
  for (const fn of fns) {
    if (fn.packageType !== 'image' || !fn.dockerfile) continue;
    const df = files.find((f) => f.path === fn.dockerfile);
    if (!df) continue;
    let built: SourceFunction | undefined;
    try {
      built = extractDockerfile(df.path, df.text, ctx, { context: fn.dockerContext }).functions[0] as SourceFunction | undefined;
    } catch (err) {
      out.problems.push(crash(df.path, 'dockerfile', err));
    }
    if (!built) continue;
    const old = fn.layout;
    if (!old.known) out.unknowns = out.unknowns.filter((u) => u.why !== old.why || u.loc !== old.loc);
    fn.layout = built.layout;
    if (!fn.handler.known && built.handler.known) fn.handler = built.handler;
    if (!fn.runtime && built.runtime) fn.runtime = built.runtime;
    // How the image starts (a web server behind the adapter, a script): the function's, unless it states a command.
    if (!fn.startup && built.startup && !(fn.handler.known && fn.handler !== built.handler)) {
      fn.startup = built.startup;
      if (built.runtime) fn.runtime = built.runtime;
    }
    fn.linked = [...(fn.linked ?? []), built.loc];
    for (const other of fns) if (other.source === 'dockerfile' && other.name === df.path) drop.add(other);
  }

  // Built zips ↔ the function deployed from them.
  linkArtifacts(out, drop);
  // An image CDK builds only to copy files out of (Code.fromDockerBuild) starts no function: its CMD is no handler.
  for (const fn of fns) if (fn.dockerBuild) for (const other of fns) if (other.source === 'dockerfile' && other.name === fn.dockerBuild) drop.add(other);
  out.functions = fns.filter((f) => !drop.has(f));
}
