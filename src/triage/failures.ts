// From log events to the failures that matter on Lambda: tracebacks reassembled (a text log prints
// one line per event, a JSON export may split one traceback across events or keep it in one), each
// failure recognised and its frames read, and identical failures across cold starts grouped.
//
//   [ERROR] Runtime.ImportModuleError: Unable to import module 'handler': No module named 'src'
//   Traceback (most recent call last):
//     File "/var/task/src/lazy_app.py", line 45, in _load_module
//       module = importlib.import_module(module_path)
import type { LogEvent } from './log-events.js';

export type FailureKind =
  | 'import-module' // Runtime.ImportModuleError: the handler's module failed to import at init
  | 'handler-not-found' // Runtime.HandlerNotFound
  | 'syntax' // Runtime.UserCodeSyntaxError
  | 'module-not-found' // ModuleNotFoundError: No module named '…' (a lazy router on a request, say)
  | 'cannot-import-name' // ImportError: cannot import name '…' from '…'
  | 'mapper-name' // SQLAlchemy: failed to locate a name ('…')
  | 'traceback'; // any other Python traceback

export interface Frame {
  /** As the log prints it: `/var/task/src/lazy_app.py`. */
  file: string;
  line: number;
  function: string;
  code?: string;
}

export interface Failure {
  kind: FailureKind;
  /** `Runtime.ImportModuleError`, `ModuleNotFoundError`, `sqlalchemy.exc.InvalidRequestError`. */
  errorType: string;
  message: string;
  /** The module Python could not find, or the module a name was imported from. */
  module?: string;
  /** The name that could not be imported, or the model SQLAlchemy could not locate. */
  name?: string;
  /** Runtime.*: the handler module Lambda named; HandlerNotFound: the handler. */
  handlerModule?: string;
  handler?: string;
  /** SyntaxError: where (`handler.py`, line 3), as the runtime says. */
  syntaxAt?: { file: string; line: number };
  /** Innermost last. */
  frames: Frame[];
  time?: string;
  requestId?: string;
  stream?: string;
  function?: string;
  /** Input line where it starts. */
  line: number;
}

const FRAME = /^\s*File "([^"]+)", line (\d+), in (.+)$/;
const LEVEL = /^\[(ERROR|WARNING|INFO|DEBUG|CRITICAL)\]\s/;
const PLATFORM = /^(START|END|REPORT|INIT_START|INIT_REPORT|INIT_RUNTIME_DONE|EXTENSION|TELEMETRY|PLATFORM)\b/;
const EXC_LINE = /^([A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt|Warning|Timeout))(?::\s?(.*))?$/;
const CHAIN = /^(During handling of the above exception|The above exception was the direct cause)/;

interface Line {
  text: string;
  ev: LogEvent;
}

/** Reads one failure from the lines of one block (its first line a [ERROR] headline or a Traceback). */
function failureOf(block: Line[]): Failure | undefined {
  const first = block[0];
  let errorType: string | undefined;
  let message = '';
  const head = LEVEL.exec(first.text);
  if (head) {
    const rest = first.text.slice(head[0].length);
    const m = EXC_LINE.exec(rest) ?? /^(Runtime\.\w+): ?(.*)$/.exec(rest);
    if (m) {
      errorType = m[1];
      message = m[2] ?? '';
    }
  }
  const frames: Frame[] = [];
  let lastExc: RegExpExecArray | undefined;
  for (let i = 1; i < block.length; i++) {
    const t = block[i].text;
    const f = FRAME.exec(t);
    if (f) {
      frames.push({ file: f[1], line: Number(f[2]), function: f[3].trim() });
      const next = block[i + 1]?.text;
      if (next !== undefined && /^\s{4,}\S/.test(next) && !FRAME.test(next)) frames[frames.length - 1].code = next.trim();
      continue;
    }
    const e = EXC_LINE.exec(t.trim());
    if (e && !t.startsWith(' ')) lastExc = e;
  }
  // A plain traceback ends with its exception; the runtime's [ERROR] headline comes first instead.
  if (!errorType && lastExc) {
    errorType = lastExc[1];
    message = lastExc[2] ?? '';
  }
  if (!errorType) return undefined;
  if (!head && !frames.length) return undefined;
  const base: Failure = { kind: 'traceback', errorType, message, frames, time: first.ev.time, requestId: first.ev.requestId, stream: first.ev.stream, function: first.ev.function, line: first.ev.line };
  return classify(base);
}

function classify(f: Failure): Failure {
  const unable = /^Unable to import module '([^']+)': (.*)$/.exec(f.message);
  const inner = unable ? unable[2] : f.message;
  if (unable) f.handlerModule = unable[1];
  const notFound = /No module named '([^']+)'/.exec(inner);
  const cannot = /cannot import name '([^']+)' from '([^']+)'/.exec(inner);
  if (f.errorType === 'Runtime.ImportModuleError') f.kind = 'import-module';
  else if (f.errorType === 'Runtime.HandlerNotFound') {
    f.kind = 'handler-not-found';
    const h = /Handler '([^']+)' missing on module '([^']+)'/.exec(f.message);
    if (h) [f.handler, f.handlerModule] = [h[1], h[2]];
  } else if (f.errorType === 'Runtime.UserCodeSyntaxError') {
    f.kind = 'syntax';
    const s = /Syntax error in module '([^']+)': .*\(([^,()]+), line (\d+)\)\s*$/.exec(f.message);
    if (s) [f.handlerModule, f.syntaxAt] = [s[1], { file: s[2], line: Number(s[3]) }];
  } else if (/failed to locate a name \('([^']+)'\)/.test(f.message)) {
    f.kind = 'mapper-name';
    f.name = /failed to locate a name \('([^']+)'\)/.exec(f.message)![1];
  } else if (notFound) f.kind = 'module-not-found';
  else if (cannot) f.kind = 'cannot-import-name';
  if (notFound) f.module = notFound[1];
  if (cannot) [f.name, f.module] = [cannot[1], cannot[2]];
  return f;
}

/**
 * Is this line part of the block before it? Frames, code and blank lines are; so is a Traceback
 * right after a headline or a "During handling of the above exception" line (a chained exception),
 * and the exception line that ends a traceback. A new [ERROR] headline, a platform line (START,
 * REPORT…) or any other text ends the block.
 */
function joins(block: Line[], text: string): boolean {
  if (LEVEL.test(text)) return false;
  if (text.startsWith(' ') || text.startsWith('\t')) return !PLATFORM.test(text.trim());
  if (text === '' || CHAIN.test(text)) return true;
  if (text.startsWith('Traceback (most recent call last)')) {
    const last = [...block].reverse().find((l) => l.text.trim() !== '');
    return block.length === 1 || (last !== undefined && CHAIN.test(last.text));
  }
  return EXC_LINE.test(text);
}

/**
 * Every failure of a stream of events. Blocks are kept per log stream: a traceback split across
 * events of one stream is joined, and events of other streams in between (an interleaved export)
 * do not cut it.
 */
export async function* failuresOf(events: AsyncIterable<LogEvent>): AsyncGenerator<Failure> {
  const open = new Map<string, Line[]>();
  const requestOf = new Map<string, string>();
  const close = (key: string): Failure | undefined => {
    const block = open.get(key);
    open.delete(key);
    return block ? failureOf(block) : undefined;
  };
  for await (const ev of events) {
    const key = ev.stream ?? '';
    const start = /^START RequestId: ([0-9a-f-]{36})/i.exec(ev.message);
    if (start) requestOf.set(key, start[1]);
    const withRequest: LogEvent = ev.requestId || !requestOf.has(key) ? ev : { ...ev, requestId: requestOf.get(key) };
    for (const text of ev.message.split('\n')) {
      const block = open.get(key);
      if (block && joins(block, text)) {
        block.push({ text, ev: withRequest });
        continue;
      }
      const begins = /^\[(ERROR|CRITICAL)\]/.test(text) || text.startsWith('Traceback (most recent call last)');
      if (block) {
        const f = close(key);
        if (f) yield f;
      }
      if (begins) open.set(key, [{ text, ev: withRequest }]);
    }
    if (/^END RequestId/i.test(ev.message)) requestOf.delete(key);
  }
  for (const key of [...open.keys()]) {
    const f = close(key);
    if (f) yield f;
  }
}

export interface FailureGroup {
  failure: Failure;
  count: number;
  firstTime?: string;
  lastTime?: string;
  requestIds: string[];
  functions: string[];
  streams: string[];
}

/** The innermost frame in the function's own code (/var/task, or a layer's /opt), else the innermost. */
export function appFrame(f: Failure): Frame | undefined {
  for (let i = f.frames.length - 1; i >= 0; i--) if (/^\/(var\/task|opt)\//.test(f.frames[i].file)) return f.frames[i];
  return f.frames.at(-1);
}

/** The same failure (kind, type, message, innermost frame of the app's code) across cold starts, counted once. */
export function groupFailures(failures: Iterable<Failure>): FailureGroup[] {
  const groups = new Map<string, FailureGroup>();
  const add = (xs: string[], x: string | undefined) => {
    if (x && !xs.includes(x) && xs.length < 20) xs.push(x);
  };
  for (const f of failures) {
    const inner = appFrame(f);
    const key = [f.kind, f.errorType, f.message, inner ? `${inner.file}:${inner.line}` : ''].join('\u0000');
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { failure: f, count: 0, requestIds: [], functions: [], streams: [] }));
    g.count++;
    if (f.time && (!g.firstTime || f.time < g.firstTime)) g.firstTime = f.time;
    if (f.time && (!g.lastTime || f.time > g.lastTime)) g.lastTime = f.time;
    add(g.requestIds, f.requestId);
    add(g.functions, f.function);
    add(g.streams, f.stream);
  }
  return [...groups.values()];
}
