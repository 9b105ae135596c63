// Reading the logs on-call engineers paste or export, one event at a time (a 50 MB export is never
// held whole): each input line, or each object of a JSON export, becomes a LogEvent with what the
// format says of its time, request id and stream. Formats, by sample:
//
//   console copy / `sam logs`:  [ERROR] Runtime.ImportModuleError: Unable to import module 'handler': No module named 'src'
//   runtime text format:        [ERROR]\t2026-02-04T06:00:00.123Z\t8f5c…\tmessage
//   `aws logs tail`:            2026-02-04T06:00:00.123000+00:00 2026/02/04/[$LATEST]abc… START RequestId: 8f5c… Version: $LATEST
//   `sam logs`:                 2026/02/04/[$LATEST]abc… 2026-02-04T06:00:00.123000 message
//   filter-log-events JSON:     {"events": [{"logStreamName": "…", "timestamp": 1738648800123, "message": "…"}, …], …}
//   get-log-events JSON:        {"events": [{"timestamp": …, "message": "…", "ingestionTime": …}], "nextForwardToken": …}
//   Lambda JSON log format:     {"timestamp": "…", "level": "ERROR", "message": …, "requestId": "…"}
//                               {"timestamp": "…", "log_level": "ERROR", "errorType": "Runtime.ImportModuleError", "errorMessage": "…", "stackTrace": […]}
//   Powertools:                 {"level": "ERROR", "message": "…", "exception": "Traceback …", "exception_name": "…", "function_name": "…", "xray_trace_id": …}

export interface LogEvent {
  /** The text of the event, lines joined with \n (a JSON record's error fields folded in, see fromJsonRecord). */
  message: string;
  time?: string;
  requestId?: string;
  /** The log stream (`2026/02/04/[$LATEST]abc`), when the format names it. */
  stream?: string;
  function?: string;
  /** 1-based line of the input where the event starts. */
  line: number;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?$/;
const STREAM = /^\d{4}\/\d{2}\/\d{2}\/\[[^\]]*\][0-9a-f]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function timeOf(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return new Date(v).toISOString();
  return str(v);
}

/**
 * One structured record (a JSON log line or an export's event) as an event. Lambda's and
 * Powertools' error records carry the exception in fields: they are folded into the message the way
 * the text format prints them (`[ERROR] Type: message` then the traceback), so that one reader of
 * tracebacks serves every format.
 */
export function fromJsonRecord(o: Record<string, unknown>, line: number, outer: Partial<LogEvent> = {}): LogEvent {
  // An export's event holds the record as text in "message": a JSON log line inside a JSON export.
  const inner = typeof o.message === 'string' && o.message.trimStart().startsWith('{') ? parseObject(o.message) : undefined;
  if (inner && (o.logStreamName !== undefined || o.ingestionTime !== undefined || o.eventId !== undefined))
    return fromJsonRecord(inner, line, { ...outer, stream: str(o.logStreamName) ?? outer.stream, time: timeOf(o.timestamp) ?? outer.time });
  // Lambda's JSON format may nest the error record in "message".
  if (o.message && typeof o.message === 'object' && !Array.isArray(o.message))
    return fromJsonRecord({ timestamp: o.timestamp, requestId: o.requestId, ...(o.message as Record<string, unknown>) }, line, outer);
  const parts: string[] = [];
  // The runtime's error record (errorType, errorMessage) becomes its [ERROR] headline; Powertools'
  // `exception` is a whole traceback that ends with its own exception line.
  const errorType = str(o.errorType) ?? (typeof o.exception === 'string' ? undefined : str(o.exception_name));
  const errorMessage = str(o.errorMessage);
  if (errorType || errorMessage) parts.push(`[ERROR] ${errorType ?? 'Error'}: ${errorMessage ?? ''}`.trimEnd());
  const message = typeof o.message === 'string' ? o.message : o.message !== undefined ? JSON.stringify(o.message) : undefined;
  if (message && message !== errorMessage) parts.push(message);
  if (Array.isArray(o.stackTrace) && o.stackTrace.length) {
    parts.push('Traceback (most recent call last):');
    // The runtime's stackTrace entries are already formatted frames: '  File "/var/task/x.py", line 3, in <module>\n    import y\n'.
    for (const f of o.stackTrace) if (typeof f === 'string') parts.push(f.replace(/\n$/, ''));
  }
  if (typeof o.exception === 'string') parts.push(o.exception);
  return {
    message: parts.join('\n'),
    time: timeOf(o.timestamp) ?? timeOf(o.time) ?? outer.time,
    requestId:
      str(o.requestId) ?? str(o.request_id) ?? str(o.function_request_id) ?? str(o.aws_request_id) ?? str((o.record as Record<string, unknown> | undefined)?.requestId) ?? outer.requestId,
    stream: outer.stream,
    function: str(o.function_name) ?? outer.function,
    line,
  };
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** One line of a text log: its prefixes (time, stream, the runtime's level/time/request id) taken off. */
export function fromTextLine(raw: string, line: number): LogEvent {
  let text = raw.replace(/\r$/, '');
  const ev: LogEvent = { message: '', line };
  // `aws logs tail`: TIME STREAM message; `sam logs`: STREAM TIME message.
  for (let k = 0; k < 2; k++) {
    const m = /^(\S+) /.exec(text);
    if (!m) break;
    if (!ev.time && ISO.test(m[1])) ev.time = m[1];
    else if (!ev.stream && STREAM.test(m[1])) ev.stream = m[1];
    else break;
    text = text.slice(m[0].length);
  }
  // The runtime's text format: [LEVEL]\tTIME\tREQUEST_ID\tmessage.
  const tab = /^(\[[A-Z]+\])\t([^\t]+)\t([^\t]*)\t([\s\S]*)$/.exec(text);
  if (tab && ISO.test(tab[2])) {
    ev.time ??= tab[2];
    if (UUID.test(tab[3])) ev.requestId = tab[3];
    text = `${tab[1]} ${tab[4]}`;
  }
  const platform = /^(?:START|END|REPORT) RequestId: ([0-9a-f-]{36})/i.exec(text);
  if (platform) ev.requestId ??= platform[1];
  ev.message = text;
  return ev;
}

/**
 * The objects of a JSON export's `events` array (or of a bare array), read as the text arrives: the
 * scanner keeps only the event it is in (depth and string state), so an export of any size costs
 * one event's memory. Each event object is handed out whole, with the line it starts on.
 */
export class JsonEventScanner {
  private depth = 0;
  private inString = false;
  private escaped = false;
  private buf = '';
  /** The depth of the array whose objects are events: 2 inside {"events": [...]}, 1 for a bare array. */
  private eventDepth: number | undefined;
  private line = 1;
  private startLine = 1;
  /** The last string seen outside events (a key), to find "events". */
  private text = '';
  private lastString = '';
  readonly errors: string[] = [];

  constructor(private readonly emit: (o: Record<string, unknown>, line: number) => void) {}

  private get capturing(): boolean {
    return this.eventDepth !== undefined && this.depth > this.eventDepth;
  }

  push(chunk: string): void {
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      if (c === '\n') this.line++;
      if (this.capturing) this.buf += c;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === '\\') this.escaped = true;
        else if (c === '"') {
          this.inString = false;
          this.lastString = this.text;
        } else if (!this.capturing && this.text.length < 64) this.text += c;
        continue;
      }
      if (c === '"') {
        this.inString = true;
        this.text = '';
      } else if (c === '{' || c === '[') {
        if (this.eventDepth === undefined && c === '[') {
          if (this.depth === 0) this.eventDepth = 1;
          else if (this.depth === 1 && this.lastString === 'events') this.eventDepth = 2;
        }
        if (this.depth === this.eventDepth) {
          this.startLine = this.line;
          this.buf = c;
        }
        this.depth++;
      } else if (c === '}' || c === ']') {
        this.depth = Math.max(0, this.depth - 1);
        if (this.eventDepth !== undefined && this.depth === this.eventDepth && this.buf) this.flush();
      }
    }
  }

  private flush(): void {
    const text = this.buf;
    this.buf = '';
    const o = parseObject(text);
    if (o) this.emit(o, this.startLine);
    else if (text.startsWith('{')) this.errors.push(`line ${this.startLine}: an event that is not valid JSON`);
  }

  /** At the end of the input: a truncated export (an object left open) is said, with where it began. */
  end(): void {
    if (this.depth > 0 || this.inString)
      this.errors.push(this.capturing ? `the JSON ends inside the event that starts at line ${this.startLine} (a truncated export?)` : 'the JSON ends before the document does (a truncated export?)');
  }
}

export class NotALogError extends Error {}

/** A JSON export, not a log of lines: its first characters say so (`[{`, `{"events"`; never `[ERROR]`). */
const EXPORT_START = /^\s*(\[\s*[{\]]|\{\s*"(events|searchedLogStreams|nextForwardToken|nextBackwardToken)")/;

/**
 * Every event of a log, in order, from text chunks (a file or stdin read as a stream). Lines of text
 * logs may hold a JSON record (Lambda's JSON log format, Powertools), after the prefixes of `aws logs
 * tail`: that record is read as JSON. `problems` collects what could not be read (a truncated export).
 */
export async function* readLogEvents(chunks: AsyncIterable<string>, problems: string[] = []): AsyncGenerator<LogEvent> {
  let mode: 'lines' | 'export' | undefined;
  let head = '';
  let rest = '';
  let lineNo = 0;
  const pending: LogEvent[] = [];
  const scanner = new JsonEventScanner((o, line) => pending.push(fromJsonRecord(o, line)));
  const lineEvent = (raw: string): LogEvent | undefined => {
    lineNo++;
    if (raw.trim() === '') return undefined;
    const ev = fromTextLine(raw, lineNo);
    const o = ev.message.startsWith('{') ? parseObject(ev.message) : undefined;
    return o ? fromJsonRecord(o, lineNo, ev) : ev;
  };
  for await (const chunk of chunks) {
    if (chunk.includes('\u0000')) throw new NotALogError('the input holds NUL bytes: it is binary data, not a log');
    if (mode === undefined) {
      head += chunk;
      if (head.trim().length < 64 && head.length < 4096) continue;
      mode = EXPORT_START.test(head) ? 'export' : 'lines';
      const first = head;
      head = '';
      yield* feed(first);
    } else yield* feed(chunk);
  }
  if (mode === undefined && head) {
    mode = EXPORT_START.test(head) ? 'export' : 'lines';
    yield* feed(head);
  }
  if (mode === 'lines' && rest) {
    const ev = lineEvent(rest);
    if (ev) yield ev;
  }
  if (mode === 'export') {
    scanner.end();
    problems.push(...scanner.errors);
  }

  function* feed(text: string): Generator<LogEvent> {
    if (mode === 'export') {
      scanner.push(text);
      yield* pending.splice(0);
      return;
    }
    const lines = (rest + text).split('\n');
    rest = lines.pop() ?? '';
    for (const raw of lines) {
      const ev = lineEvent(raw);
      if (ev) yield ev;
    }
  }
}
