// A Dockerfile that only docker compose builds, run there as a web server, is a local container, not a Lambda function
// (#15, eval17 left 5): a dev image `FROM public.ecr.aws/lambda/python:3.10` that compose runs with
// `entrypoint: ''` and `command: "poetry run uvicorn main:app --reload"`, or a `CMD ["uvicorn", "main:app"]` that the
// Lambda base image's entrypoint could never run. Named under --verbose instead of as a function not checked.
import { isScalar, isSeq, type LineCounter, type Node as YNode } from 'yaml';
import type { DeployFacts, ImageBuild, Location } from '../types.js';
import type { SourceFunction } from './common.js';
import { CMD_SERVES_ON_LAMBDA_BASE, ENTRYPOINT_SERVES_WITHOUT_RUNTIME } from './dockerfile-startup.js';
import { commandStart, type CmdWord } from './startup-command.js';
import { entry, yamlLoc } from './yaml.js';

/**
 * A compose service's run override: `command` (a string, split as compose splits it on spaces, or a list) and
 * `entrypoint`. It serves when the command starts a web server or a Python program, or the entrypoint is overridden
 * with one (`entrypoint: ''` drops the Lambda bootstrap: the command then runs as it is).
 */
export function composeRun(service: unknown, path: string, lc: LineCounter): ImageBuild['compose'] {
  const cmd = entry(service, 'command');
  const ep = entry(service, 'entrypoint');
  const words = (n: unknown): CmdWord[] | undefined => {
    const loc = yamlLoc(path, lc, n as YNode);
    if (isScalar(n) && typeof n.value === 'string') return n.value.split(/\s+/).filter(Boolean).map((value) => ({ value, loc }));
    if (isSeq(n)) return n.items.map((i) => (isScalar(i) && i.value !== null ? { value: String(i.value), loc } : { why: 'not a string', loc }));
    return undefined;
  };
  const starts = (w: CmdWord[] | undefined, loc: Location) => {
    if (!w?.length) return false;
    const k = commandStart(w, loc).kind;
    return k === 'web-app' || k === 'script';
  };
  const epWords = ep ? words(ep.value) : undefined;
  const cmdWords = cmd ? words(cmd.value) : undefined;
  if (!ep && !cmd) return { serves: false };
  const at = (n: unknown) => yamlLoc(path, lc, n as YNode);
  // `entrypoint: [uvicorn, main:app]` with no command, or `entrypoint: ''` / `["sh", "-c"]`-less with a serving command.
  const serves = (!!ep && starts([...(epWords ?? []), ...(cmdWords ?? [])], at(ep.value))) || (!!cmd && starts(cmdWords, at(cmd.value)));
  const runs = [...(epWords ?? []), ...(cmdWords ?? [])].map((w) => w.value ?? '?').join(' ');
  return runs ? { serves, runs } : { serves };
}

/**
 * Drops the Dockerfile images that only compose builds and that start a server there or in their CMD (the Lambda base
 * image cannot run that CMD): said with a --verbose line. An image a deploy definition adopted is not among `images`.
 */
export function dropComposeServers(out: DeployFacts, images: { fn: SourceFunction; builds: ImageBuild[] }[]): Set<SourceFunction> {
  const drop = new Set<SourceFunction>();
  for (const { fn, builds } of images) {
    if (!builds.length || !builds.every((b) => b.compose)) continue;
    const cmdServes = fn.startup?.kind === 'unknown' && fn.startup.why === CMD_SERVES_ON_LAMBDA_BASE;
    const entrypointServes = fn.startup?.kind === 'unknown' && fn.startup.why === ENTRYPOINT_SERVES_WITHOUT_RUNTIME;
    const served = builds.find((b) => b.compose!.serves);
    if (!served && !cmdServes && !entrypointServes) continue;
    drop.add(fn);
    const by = builds.map((b) => `${b.via} (${b.loc.file}:${b.loc.line})`).join(', ');
    const how = served
      ? `compose runs it as a server (${served.compose!.runs})`
      : entrypointServes
        ? 'its ENTRYPOINT starts a server in place of the Lambda bootstrap, with no Lambda Web Adapter'
        : "its CMD starts a server, which the Lambda base image's entrypoint cannot run";
    out.links = [...(out.links ?? []), { loc: fn.loc, message: `${fn.name} is not a Lambda function: only ${by} builds it, and ${how}` }];
  }
  return drop;
}
