// Deploy sources: what SAM/CloudFormation, serverless, Terraform, Dockerfiles and GitHub workflows say gets deployed.
import type { DeployFacts, Location } from '../types.js';
import { at, type BuildTree, type DeploySource, type SourceContext, type SourceFacts, type SourceFunction } from './common.js';
import { cdkSource } from './cdk.js';
import { linkArtifacts } from './artifacts.js';
import { linkBuiltFolders } from './builds.js';
import { dockerfileSource } from './dockerfile.js';
import { composeSource } from './docker-builds.js';
import { linkImages } from './docker-images.js';
import { samSource } from './sam.js';
import { serverlessSource } from './serverless.js';
import { terraformSource } from './terraform.js';
import { workflowsSource } from './workflows.js';
import { scriptsSource } from './scripts.js';
import { zappaSource } from './zappa.js';
import { chaliceSource } from './chalice.js';
import { pulumiSource } from './pulumi.js';
import { nameUnreadBuilders, unreadBuildersSource } from './unread-builders.js';
import { nameExternalWorkflows } from './external-workflows.js';
import { ancestorDirs } from '../util/posix-path.js';

export type { DeploySource, SourceContext, SourceFunction, SourceLayout } from './common.js';
export { materialize } from './materialize.js';
export { readDeployFiles } from './read.js';

// scriptsSource is last: the sources before it record what they run (`called`), and it simulates the rest.
export const SOURCES: DeploySource[] = [samSource, serverlessSource, terraformSource, dockerfileSource, workflowsSource, cdkSource, composeSource, zappaSource, chaliceSource, pulumiSource, scriptsSource, unreadBuildersSource];

/** Does some deploy source read this file? */
export function isDeployPath(p: string): boolean {
  return SOURCES.some((s) => s.matches(p));
}

/** A SourceContext over a list of posix paths (relative to the checked folder). */
export function contextFromPaths(paths: string[], links: ReadonlyMap<string, string> = new Map()): SourceContext {
  const files = [...paths].sort();
  const fileSet = new Set(files);
  const dirs = ancestorDirs(files);
  return { files: () => files, links: () => links, exists: (p) => fileSet.has(p) || dirs.has(p), isDir: (p) => dirs.has(p) };
}

function crash(file: string, source: string, err: unknown): { loc: Location; message: string } {
  const msg = err instanceof Error ? err.message : String(err);
  return { loc: at(file, { line: 1, column: 1, endLine: 1, endColumn: 1 }), message: `${source} source failed on ${file}: ${msg}` };
}

/**
 * Run every source over the files it matches and merge the results. A source that throws becomes a `problems` entry
 * naming the file; the run goes on. Then definitions of the same function are joined:
 * - Dockerfiles become image functions as their builds make them, and an image function naming a Dockerfile (SAM
 *   Metadata, CDK) or pushed to a registry (Terraform image_uri) gets that image's layout and, when it states none,
 *   the Dockerfile's CMD as handler (docker-images.ts);
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
    if (f.images) (out.images ??= []).push(...f.images);
    if (f.links?.length) (out.links ??= []).push(...f.links);
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
  // A package that is not known, and a build script no reader understands names it: said (unread-builders.ts).
  nameUnreadBuilders(out, files);
  // A folder another repository's workflow is handed with an artifact: its package is not known (external-workflows.ts).
  nameExternalWorkflows(out, files);
  return out;
}

function link(out: DeployFacts, files: { path: string; text: string }[], ctx: SourceContext) {
  const drop = new Set<SourceFunction>();

  // Image functions ↔ the Dockerfiles and builds that make them (docker-images.ts).
  linkImages(out, files, ctx);
  const fns = out.functions as SourceFunction[];

  // Built zips ↔ the function deployed from them.
  linkArtifacts(out, drop);
  // An image CDK builds only to copy files out of (Code.fromDockerBuild) starts no function: its CMD is no handler.
  for (const fn of fns) if (fn.dockerBuild) for (const other of fns) if (other.source === 'dockerfile' && other.name === fn.dockerBuild) drop.add(other);
  out.functions = fns.filter((f) => !drop.has(f));
}
