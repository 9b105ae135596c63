// Deploy sources: what SAM/CloudFormation, serverless, Terraform, Dockerfiles and GitHub workflows say gets deployed.
import type { DeployFacts, Location } from '../types.js';
import { at, type DeploySource, type SourceContext, type SourceFunction } from './common.js';
import { dockerfileSource } from './dockerfile.js';
import { composeSource } from './docker-builds.js';
import { linkImages } from './docker-images.js';
import { samSource } from './sam.js';
import { serverlessSource } from './serverless.js';
import { terraformSource } from './terraform.js';
import { workflowsSource } from './workflows.js';
import { ancestorDirs } from '../util/posix-path.js';

export type { DeploySource, SourceContext, SourceFunction, SourceLayout } from './common.js';
export { materialize } from './materialize.js';

export const SOURCES: DeploySource[] = [samSource, serverlessSource, terraformSource, dockerfileSource, workflowsSource, composeSource];

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
 * - Dockerfiles become image functions as their builds make them, and an image function naming a Dockerfile (SAM
 *   Metadata, CDK) or pushed to a registry (Terraform image_uri) gets that image's layout and, when it states none,
 *   the Dockerfile's CMD as handler (docker-images.ts);
 * - a workflow zip deployed to a function (`--function-name`) or a zip an IaC function names as its `filename`
 *   gives that function its simulated layout; the workflow's own entry is dropped.
 */
export function collectDeployFacts(files: { path: string; text: string }[], ctx: SourceContext): DeployFacts {
  const out: DeployFacts = { functions: [], problems: [], unknowns: [] };
  const add = (f: DeployFacts) => {
    out.functions.push(...f.functions);
    out.problems.push(...f.problems);
    out.unknowns.push(...f.unknowns);
    if (f.images) (out.images ??= []).push(...f.images);
  };
  for (const source of SOURCES) {
    const mine = files.filter((f) => source.matches(f.path));
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
  return out;
}

function link(out: DeployFacts, files: { path: string; text: string }[], ctx: SourceContext) {
  const drop = new Set<SourceFunction>();

  // Image functions ↔ the Dockerfiles and builds that make them (docker-images.ts).
  linkImages(out, files, ctx);
  const fns = out.functions as SourceFunction[];

  // Workflow zips ↔ the function that deploys them.
  const iac = fns.filter((f) => f.source !== 'workflow' && f.source !== 'dockerfile' && f.packageType === 'zip');
  for (const wf of fns) {
    if (wf.source !== 'workflow') continue;
    const wfName = wf.functionName?.known ? wf.functionName.value : undefined;
    const byName = wfName !== undefined ? iac.filter((f) => f.functionName?.known && f.functionName.value === wfName) : [];
    const byArtifact = wf.artifact ? iac.filter((f) => f.artifact === wf.artifact) : [];
    const targets = byName.length ? byName : byArtifact;
    if (targets.length !== 1) continue;
    const t = targets[0];
    if (t.layout.known && t.layout.value.how === 'code-root') continue; // the IaC tool builds it itself
    const old = t.layout;
    if (!old.known) out.unknowns = out.unknowns.filter((u) => u.why !== old.why || u.loc !== old.loc);
    t.layout = wf.layout;
    if (!t.handler.known && wf.handler.known) t.handler = wf.handler;
    if (!t.runtime && wf.runtime) t.runtime = wf.runtime;
    t.linked = [...(t.linked ?? []), wf.loc];
    drop.add(wf);
  }
  out.functions = fns.filter((f) => !drop.has(f));
}
