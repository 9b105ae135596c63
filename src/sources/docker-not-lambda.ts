// An image that is deployed as a Lambda function but whose built stage is no Lambda image (#15 deploy5 items 1, 5):
// no Lambda base image, no runtime interface client (awslambdaric), no Lambda Web Adapter. Lambda then cannot
// start it as a Python function:
//   - a stage of another language (a Go binary copied from a golang build stage, node:20) is no Python function:
//     it takes that runtime, and readDeploy leaves it out as non-Python (said in --verbose);
//   - a Python stage (`FROM python:3.12-slim`, `CMD ["python3", "-m", "debugpy", …]`) has nothing that answers
//     Lambda's runtime API: the function is named as not checked with that reason, never judged as if it started.
// A stage is only taken for a deployed one when something says so: an IaC function names the Dockerfile, or a
// pushed `docker build` without `--target` builds the last stage while an earlier stage is a Lambda image (the
// build most likely meant that one; a compose build or a chosen `--target` is left alone).
import type { DeployFacts, ImageBuild } from '../types.js';
import { deployMessages } from '../messages.js';
import { unknown, type SourceContext, type SourceFunction } from './common.js';
import { extractDockerfile, type NotLambdaStage } from './dockerfile.js';

const NO_FILES: SourceContext = { exists: () => false, isDir: () => false, files: () => [] };

/** Why Lambda cannot start the stage, as a not-checked reason. */
export function cannotStart(df: string, st: NotLambdaStage, how: string): string {
  const runs = st.starts ? ` (it runs ${st.starts})` : '';
  return `${how} ${df} stage ${st.stage}, which has no Lambda base image, runtime interface client or Lambda Web Adapter: Lambda cannot start it${runs}`;
}

/** An IaC image function whose Dockerfile's stage is no Lambda image: another language's, or one that cannot start. */
export function adoptNotLambda(out: DeployFacts, fn: SourceFunction, df: string, st: NotLambdaStage) {
  const drop = (k: SourceFunction['handler'] | SourceFunction['layout']) => {
    if (!k.known) out.unknowns = out.unknowns.filter((u) => u.why !== k.why || u.loc !== k.loc);
  };
  if (st.otherRuntime) {
    drop(fn.layout);
    drop(fn.handler);
    fn.runtime = st.otherRuntime;
    fn.linked = [...(fn.linked ?? []), st.loc];
    return;
  }
  if (fn.handler.known) return; // ImageConfig.Command: the handler is stated; the layout unknown stays as it was
  drop(fn.handler);
  const why = cannotStart(df, st, 'it is built from');
  fn.handler = { known: false, why, loc: st.loc, fix: deployMessages.cannotStartFix(undefined, undefined) };
  out.unknowns.push({ loc: st.loc, what: `${fn.name} handler`, why });
}

/** Named stages of a Dockerfile that are Lambda images. */
function lambdaStages(df: { path: string; text: string }): string[] {
  const names = [...df.text.matchAll(/^\s*FROM\s+(?:--\S+\s+)*\S+\s+AS\s+(\S+)\s*$/gim)].map((m) => m[1]);
  return names.filter((t) => {
    try {
      return extractDockerfile(df.path, df.text, NO_FILES, { target: t }).functions.length > 0;
    } catch {
      return false;
    }
  });
}

/**
 * A pushed build of the last stage (no `--target`) that is no Lambda image while an earlier stage is: a function
 * named as not checked (Lambda cannot start what is deployed). Null when nothing says the image goes to Lambda.
 */
export function pushedNotLambda(df: { path: string; text: string }, builds: ImageBuild[], st: NotLambdaStage): SourceFunction | null {
  if (st.otherRuntime) return null;
  const deployed = builds.filter((b) => b.target === undefined && b.pushed && !b.compose);
  if (!deployed.length) return null;
  const good = lambdaStages(df).filter((s) => s !== st.stage);
  if (!good.length) return null;
  const b = deployed[0];
  const why = `${cannotStart(df.path, st, `${b.via} (no --target) builds the last stage of`)}; stage ${good.join(', ')} is a Lambda image (--target ${good[0]})`;
  return {
    name: df.path,
    source: 'dockerfile',
    loc: b.loc,
    packageType: 'image',
    handler: { known: false, why, loc: b.loc, fix: deployMessages.cannotStartFix(good[0], b.via) },
    layout: unknown(why, b.loc),
    linked: [st.loc],
    dockerContext: b.context.known ? b.context.value : undefined,
  };
}
