// How a container image starts (#14 points 1 and 3): the runtime its final stage runs and what starts in it.
//   - A Lambda base image (`public.ecr.aws/lambda/<lang>:<tag>`) names the runtime; its entrypoint
//     (/lambda-entrypoint.sh) loads CMD[0] as the handler, unless ENTRYPOINT replaces it (`ENTRYPOINT []`).
//   - The Lambda Web Adapter copied into /opt/extensions (`COPY --from=public.ecr.aws/awsguru/aws-lambda-adapter:…`)
//     makes any image a Lambda image: what ENTRYPOINT + CMD start (uvicorn `main:app`) is what serves requests.
//   - `python -m awslambdaric handler` on any base is Python's runtime client loading a handler.
// Anything else that starts is read no further: an `unknown` start-up (never a handler judged by mistake).
import type { Known, Location, Startup } from '../types.js';
import { known } from './common.js';
import { imageName, runtimeKind } from './runtime.js';
import { jsonArray, type Instruction } from './dockerfile-read.js';
import { insLoc, insLocAt, type Build, type Stage } from './dockerfile-stage.js';
import { commandStart, scriptStart, type CmdWord, type CommandStart } from './startup-command.js';

const ADAPTER_IMAGE = /(^|\/)aws-lambda-adapter(:|@|$)/;
const LAMBDA_IMAGE = /^(?:public\.ecr\.aws\/lambda\/|amazon\/aws-lambda-)([a-z]+)(?::([^@\s]+))?/;

export interface ImageStartup {
  /** The image runs on Lambda: a Lambda base image, the adapter, or Python's runtime client. */
  lambda: boolean;
  runtime?: Known<string>;
  /** Absent: CMD[0] is the handler, as the Dockerfile source reads it. */
  startup?: Startup;
  /** For `handler` start-ups not through the base image's entrypoint (`python -m awslambdaric app.handler`). */
  handler?: Known<string>;
  /** The adapter instruction, when the image has one. */
  adapter?: Location;
}

/** AWS's runtime identifier for a Lambda base image: `nodejs:20` → nodejs20.x, `provided:al2023` → provided.al2023. */
/** Why a Lambda base image's start-up is not known when its CMD starts a server (src/sources/compose-run.ts reads it). */
export const CMD_SERVES_ON_LAMBDA_BASE = "CMD starts a server, but the Lambda base image's entrypoint takes one handler argument (ENTRYPOINT [] would let the CMD run)";
/**
 * Why a Lambda base image's start-up is not known when its own ENTRYPOINT replaces the Lambda bootstrap with a server
 * or a script and nothing speaks Lambda's runtime API (no Lambda Web Adapter, no awslambdaric): a local container.
 */
export const ENTRYPOINT_SERVES_WITHOUT_RUNTIME =
  'ENTRYPOINT replaces the Lambda bootstrap with a server, and neither the Lambda Web Adapter nor awslambdaric is in the image: nothing answers Lambda';

export function baseImageRuntime(image: string): string | undefined {
  const m = LAMBDA_IMAGE.exec(image);
  if (!m) return undefined;
  const [, lang, tag] = m;
  const v = tag && /^\d/.test(tag) ? tag.replace(/-.*$/, '') : '';
  if (lang === 'nodejs') return `nodejs${v.split('.')[0]}.x`;
  if (lang === 'provided') return tag && !/^latest$/.test(tag) ? `provided.${tag}` : 'provided';
  if (lang === 'go') return 'go1.x';
  return `${lang}${v}`;
}

/**
 * The final stage's start-up. `chain` is the instructions of the final stage and of the stages it is built
 * `FROM` (by name), oldest first; `stages` maps stage names to their base images (for `COPY --from=<stage>`).
 */
export function imageStartup(b: Build, last: Stage, chain: Instruction[], stages: Map<string, string>): ImageStartup {
  const out = startupOf(b, last, chain, stages);
  // Another language's base image (node:20, ruby:3.3) that starts nothing Python: its runtime is that language.
  if (!last.lambdaBase && !out.runtime && runtimeKind(imageName(last.image)) === 'other') out.runtime = known(imageName(last.image), last.fromLoc);
  return out;
}

function startupOf(b: Build, last: Stage, chain: Instruction[], stages: Map<string, string>): ImageStartup {
  const adapterIns = chain.find((ins) => ins.keyword === 'COPY' && isAdapterCopy(ins, stages));
  const adapter = adapterIns ? insLoc(b, adapterIns) : undefined;
  const baseRuntime = last.lambdaBase ? baseImageRuntime(last.image) : undefined;
  const words = startWords(b, last);
  const start: CommandStart = 'kind' in words ? words : commandStart(words.words, words.loc);
  const out: ImageStartup = { lambda: last.lambdaBase || !!adapter, adapter };
  if (baseRuntime) out.runtime = known(baseRuntime, last.fromLoc);
  switch (start.kind) {
    case 'ric-handler':
      out.lambda = true;
      // /lambda-entrypoint.sh takes exactly one argument (else it exits 142): a CMD that starts a server there
      // needs `ENTRYPOINT []`, unless the deploy sets ImageConfig.EntryPoint, which is not read.
      if (last.lambdaBase && usesBaseEntrypoint(last) && (last.cmd?.list?.length ?? 0) > 1) {
        const c = last.cmd!;
        const rest = commandStart(c.list!.map((x) => ({ value: x.value, loc: insLocAt(b, c.ins, x.start, x.end) })), insLoc(b, c.ins));
        if (rest.kind === 'web-app' || rest.kind === 'script')
          out.startup = { kind: 'unknown', why: CMD_SERVES_ON_LAMBDA_BASE, loc: insLoc(b, c.ins) };
      }
      if (!last.lambdaBase || !usesBaseEntrypoint(last)) {
        out.handler = start.handler;
        if (!baseRuntime || !baseRuntime.startsWith('python')) out.runtime = known('python (awslambdaric)', start.handler.loc ?? last.fromLoc);
      }
      return out;
    case 'web-app':
    case 'script':
      // A quoted WORKDIR ("/var/task") is read with its quotes until the Dockerfile reader removes them: the
      // server's folder is then not known, and no module may be claimed missing from it.
      if (/["']/.test(last.workdir)) {
        out.startup = { kind: 'unknown', why: `the server runs in WORKDIR ${last.workdir}, which is not read`, loc: start.loc };
        return out;
      }
      if (!last.lambdaBase || baseRuntime === undefined || !baseRuntime.startsWith('python')) out.runtime = known('python', start.loc);
      // The base image's bootstrap replaced by the server itself, with no adapter: it serves HTTP, not Lambda.
      if (last.lambdaBase && !adapter && last.entrypoint && !usesBaseEntrypoint(last)) {
        out.startup = { kind: 'unknown', why: ENTRYPOINT_SERVES_WITHOUT_RUNTIME, loc: insLoc(b, last.entrypoint.ins) };
        return out;
      }
      out.startup = start;
      return out;
    case 'not-python':
      out.runtime = known(start.what, start.loc);
      out.startup = { kind: 'unknown', why: `it starts ${start.what}`, loc: start.loc };
      return out;
    case 'exec-script': {
      const built = builtBy(last, chain, stages, start.path);
      if (built && COMPILED.test(built.replace(/^(public\.ecr\.aws\/docker\/library\/|docker\.io\/(library\/)?)/, ''))) {
        out.runtime = known(imageName(built), start.loc);
        out.startup = { kind: 'unknown', why: `it runs ${start.path}, a program built from ${built}: not Python`, loc: start.loc };
        return out;
      }
      out.startup = { kind: 'unknown', why: `it runs ${start.path}`, loc: start.loc, script: scriptSource(last, start.path) };
      return out;
    }
    default:
      out.startup = start.kind === 'unknown' ? start : { kind: 'unknown', why: 'the start-up is not understood', loc: last.fromLoc };
      return out;
  }
}

function usesBaseEntrypoint(last: Stage): boolean {
  const ep = last.entrypoint;
  if (!ep) return true;
  return !!ep.list && ep.list.length === 1 && ep.list[0].value.endsWith('lambda-entrypoint.sh');
}

/** The words Docker runs: ENTRYPOINT + CMD (the base image's entrypoint when the stage sets none). */
function startWords(b: Build, last: Stage): { words: CmdWord[]; loc: Location } | CommandStart {
  const ep = last.entrypoint;
  const cmd = last.cmd;
  const fromList = (c: NonNullable<Stage['cmd']>): CmdWord[] =>
    (c.list ?? []).map((x) => ({ value: x.value, loc: insLocAt(b, c.ins, x.start, x.end) }));
  const shellForm = (c: NonNullable<Stage['cmd']>): CommandStart =>
    scriptStart(c.ins.args, (s, e) => insLocAt(b, c.ins, s, e), new Map([...last.vars]));
  if (ep && !ep.list) return shellForm(ep); // shell-form ENTRYPOINT ignores CMD
  const head: CmdWord[] = ep ? fromList(ep) : last.lambdaBase ? [{ value: '/lambda-entrypoint.sh', loc: last.fromLoc }] : [];
  if (cmd && !cmd.list) {
    if (!head.length) return shellForm(cmd);
    head.push({ value: '/bin/sh', loc: insLoc(b, cmd.ins) }, { value: '-c', loc: insLoc(b, cmd.ins) }, { value: cmd.ins.args, loc: insLoc(b, cmd.ins) });
  } else if (cmd) head.push(...fromList(cmd));
  const loc = cmd ? insLoc(b, cmd.ins) : ep ? insLoc(b, ep.ins) : last.fromLoc;
  return { words: head, loc };
}

/** `COPY --from=<adapter image or a stage built from it> … /opt/extensions/…`. */
function isAdapterCopy(ins: Instruction, stages: Map<string, string>): boolean {
  const words = jsonArray(ins.args)?.map((x) => x.value) ?? ins.args.split(/\s+/);
  const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
  if (!from) return false;
  const image = stages.get(from) ?? from;
  const dest = words.filter((w) => !w.startsWith('--')).pop() ?? '';
  return ADAPTER_IMAGE.test(image) && dest.startsWith('/opt/extensions');
}

// Toolchain images whose output is a compiled program (a Go or Rust `bootstrap`, a Java jar): never Python.
const COMPILED = /^(golang|rust|maven|gradle|eclipse-temurin|openjdk|amazoncorretto|mcr\.microsoft\.com\/dotnet|oven\/bun|denoland|swift|node)(:|@|$)/;

/** The image a `COPY --from=<stage or image>` that put `path` in the final stage was built from. */
function builtBy(last: Stage, chain: Instruction[], stages: Map<string, string>, path: string): string | undefined {
  const abs = path.startsWith('/') ? path : `${last.workdir === '/' ? '' : last.workdir}/${path.replace(/^\.\//, '')}`;
  for (const ins of chain) {
    if (ins.keyword !== 'COPY') continue;
    const words = jsonArray(ins.args)?.map((x) => x.value) ?? ins.args.split(/\s+/);
    const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
    const rest = words.filter((w) => !w.startsWith('--'));
    const dest = rest[rest.length - 1];
    if (!from || !dest || rest.length < 2) continue;
    // A relative destination is under WORKDIR (`COPY --from=builder /app/main .`); `.` or `x/` is a folder.
    const wd = last.workdir === '/' ? '' : last.workdir;
    const d = dest.startsWith('/') ? dest : `${wd}/${dest.replace(/^\.\/?/, '')}`;
    const isDir = dest.endsWith('/') || dest === '.' || dest === './' || last.dirs.has(d.replace(/\/$/, ''));
    const dir = d.endsWith('/') ? d : `${d}/`;
    const into = isDir ? rest.slice(0, -1).some((src) => `${dir}${src.slice(src.lastIndexOf('/') + 1)}` === abs) : d === abs;
    if (into) return stages.get(from) ?? from;
  }
  return undefined;
}

/** The repository file a script run by the image came from (`./run.sh` under WORKDIR). */
function scriptSource(last: Stage, path: string): string | undefined {
  const abs = path.startsWith('/') ? path : `${last.workdir === '/' ? '' : last.workdir}/${path.replace(/^\.\//, '')}`;
  return last.files.get(abs)?.src;
}
