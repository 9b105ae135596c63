// Whether a function is Python, and how Lambda starts it (#14 points 1–3), decided in readDeploy before any check:
//   - a runtime of another language (nodejs20.x, java21, provided.al2023 whose bootstrap starts no Python) is not
//     Python: no Python check, and not a NotChecked either (there is nothing Python to check);
//   - `AWS_LAMBDA_EXEC_WRAPPER=/opt/bootstrap` (the Lambda Web Adapter) runs the handler as a script
//     (`Handler: run.sh`): the script is read with src/shell to find the server and its `module:app`;
//   - a script an image runs (`ENTRYPOINT ["./start.sh"]`) is read the same way;
//   - a start-up that cannot be read is `unknown`: the function is named as not checked, never judged.
import type { Known, LambdaFunction, Location, PackageLayout, Startup } from '../types.js';
import { scriptStart, type CommandStart } from '../sources/startup-command.js';
import { looksLikePythonHandler, OTHER_LANGUAGE_SOURCES, runtimeKind } from '../sources/runtime.js';

/** The Lambda Web Adapter's wrapper: it runs `$LAMBDA_TASK_ROOT/$_HANDLER` as a program. */
export const ADAPTER_WRAPPER = '/opt/bootstrap';

/** What the package holds, for the start-up: its files by path in /var/task, and their repository texts. */
export interface PackageView {
  /** Repository path of a package file (dest relative to /var/task), if the package has it. */
  srcOf(dest: string): string | undefined;
  readText(repoPath: string): Promise<string | undefined>;
}

export type Verdict =
  | { kind: 'python'; startup: Startup; handler?: Known<string> }
  | { kind: 'not-python'; why: string }
  | { kind: 'not-checked'; why: string; maybeOther?: boolean };

/** The package view of a known layout over the repository's paths. */
export function packageView(layout: PackageLayout, paths: Set<string>, readText: PackageView['readText']): PackageView {
  if (layout.how === 'code-root') {
    const root = layout.codeRoot ?? '';
    return { srcOf: (d) => (paths.has(root ? `${root}/${d}` : d) ? (root ? `${root}/${d}` : d) : undefined), readText };
  }
  const byDest = new Map((layout.files ?? []).map((f) => [f.dest, f.src]));
  return { srcOf: (d) => byDest.get(d), readText };
}

/** Runtime of another language, known before the package: no need to read anything. */
export function otherRuntime(fn: LambdaFunction): string | undefined {
  if (!fn.runtime?.known || runtimeKind(fn.runtime.value) !== 'other') return undefined;
  if (fn.startup && fn.startup.kind !== 'unknown' && fn.startup.kind !== 'handler') return undefined;
  return `runtime ${fn.runtime.value}: not Python`;
}

/** Is `fn` a Python function, and how does it start? `pkg` is its package (undefined when not known). */
export async function pythonVerdict(fn: LambdaFunction, pkg: PackageView | undefined): Promise<Verdict> {
  const rt = fn.runtime?.known ? fn.runtime.value : undefined;
  const kind = rt ? runtimeKind(rt) : 'unknown';
  let start = fn.startup;
  // A script the image runs: follow it once.
  if (start?.kind === 'unknown' && start.script && pkg) start = toStartup(await readScript(start.script, pkg, fn), start);
  const wrapper = fn.environment?.AWS_LAMBDA_EXEC_WRAPPER;
  if (!start && fn.packageType === 'zip') {
    const h = fn.handler.known ? fn.handler.value.trim() : undefined;
    if (wrapper?.known && wrapper.value === ADAPTER_WRAPPER) {
      if (!h) return { kind: 'not-checked', why: `the Lambda Web Adapter (${ADAPTER_WRAPPER}) runs the handler as a script, and the handler is not known` };
      const src = pkg?.srcOf(h.replace(/^\.\//, ''));
      if (!pkg) return { kind: 'not-checked', why: `its package is not known, so the script ${h} the Lambda Web Adapter runs cannot be read` };
      const s = src ? await readScript(src, pkg, fn) : undefined;
      if (s?.kind === 'not-python') return { kind: 'not-python', why: `${h} starts ${s.what}: not Python` };
      start = src ? toStartup(s, undefined) : { kind: 'unknown', why: `the Lambda Web Adapter runs ${h}, which is not in the package` };
    } else if (kind === 'provided') {
      const src = pkg?.srcOf('bootstrap');
      const s = src && pkg ? await readScript(src, pkg, fn) : undefined;
      if (!s || s.kind === 'unknown' || s.kind === 'not-python' || s.kind === 'exec-script') return { kind: 'not-python', why: `runtime ${rt}: not Python (${src ? 'its bootstrap starts no Python server' : 'no bootstrap script in the package'})` };
      start = toStartup(s, undefined);
    } else if (h && (/\.(sh|bash)$/.test(h) || (wrapper && !wrapper.known && !looksLikePythonHandler(h)))) {
      const why = wrapper && !wrapper.known ? `AWS_LAMBDA_EXEC_WRAPPER is not known (${wrapper.why})` : 'no AWS_LAMBDA_EXEC_WRAPPER runs it';
      return { kind: 'not-checked', why: `its handler ${h} is a script and ${why}` };
    }
  }
  if (kind === 'other' && (!start || start.kind === 'handler' || start.kind === 'unknown')) return { kind: 'not-python', why: `runtime ${rt}: not Python` };
  if (kind === 'provided' && (!start || start.kind === 'handler' || start.kind === 'unknown') && fn.packageType === 'image')
    return { kind: 'not-python', why: `runtime ${rt}: not Python` };
  if (start?.kind === 'unknown') return { kind: 'not-checked', why: `its start-up is not known (${start.why})` };
  if (start && start.kind !== 'handler') return { kind: 'python', startup: start };
  return handlerVerdict(fn, kind, pkg);
}

/** A `module.function` start-up: judged as Python unless nothing says it is. */
function handlerVerdict(fn: LambdaFunction, kind: ReturnType<typeof runtimeKind>, pkg: PackageView | undefined): Verdict {
  const startup: Startup = { kind: 'handler' };
  if (kind === 'python' || !fn.handler.known) return { kind: 'python', startup };
  const h = fn.handler.value.trim();
  const why = fn.runtime && !fn.runtime.known ? `its runtime is not known (${fn.runtime.why})` : 'it states no runtime';
  if (!looksLikePythonHandler(h)) return { kind: 'not-checked', why: `${why} and its handler ${h} is not a Python handler`, maybeOther: true };
  // `index.handler` beside index.js and no index.py: another language's function.
  const mod = h.slice(0, h.lastIndexOf('.'));
  if (pkg && !pkg.srcOf(`${mod}.py`) && !pkg.srcOf(`${mod}/__init__.py`)) {
    const other = OTHER_LANGUAGE_SOURCES.map((x) => `${mod}${x}`).find((p) => pkg.srcOf(p));
    if (other) return { kind: 'not-python', why: `${why}, and its handler module is ${other}: not Python` };
  }
  return { kind: 'python', startup };
}

async function readScript(src: string, pkg: PackageView, fn: LambdaFunction): Promise<CommandStart | undefined> {
  const text = await pkg.readText(src);
  if (text === undefined) return undefined;
  // A binary (a Go or Rust bootstrap) is not a script.
  if (text.includes('\u0000') || !/^(#!|\s|[A-Za-z_])/.test(text)) return { kind: 'not-python', what: `${src} (a binary)`, loc: locIn(src, text, 0, 0) };
  const env = new Map<string, string>();
  for (const [k, v] of Object.entries(fn.environment ?? {})) if (v.known) env.set(k, v.value);
  env.set('LAMBDA_TASK_ROOT', '/var/task');
  return scriptStart(text, (s, e) => locIn(src, text, s, e), env);
}

function toStartup(s: CommandStart | undefined, was: Startup | undefined): Startup {
  if (!s) return { kind: 'unknown', why: 'the script could not be read', loc: was && 'loc' in was ? was.loc : undefined };
  if (s.kind === 'ric-handler') return { kind: 'unknown', why: `the script runs Python's runtime client with handler ${s.handler.known ? s.handler.value : '(not known)'}: not followed`, loc: s.handler.loc };
  if (s.kind === 'not-python') return { kind: 'unknown', why: `it starts ${s.what}`, loc: s.loc };
  if (s.kind === 'exec-script') return { kind: 'unknown', why: `it runs ${s.path}, a second script: not followed`, loc: s.loc };
  return s;
}

/** The location of a byte range of a script (tree-sitter's offsets count UTF-8 bytes). */
function locIn(file: string, text: string, start: number, end: number): Location {
  const buf = Buffer.from(text, 'utf8');
  const pos = (off: number) => {
    const before = buf.subarray(0, off).toString('utf8');
    const nl = before.lastIndexOf('\n');
    return { line: before.split('\n').length, column: before.length - nl };
  };
  const a = pos(start);
  const z = pos(end);
  return { file, line: a.line, column: a.column, endLine: z.line, endColumn: z.column };
}
