// Module-path strings that libraries import when the app starts: Celery's `include=[...]` (and
// `app.conf.imports` / `app.conf.include`), the `"class"` and `"()"` entries of a
// `logging.config.dictConfig` dict, `pkgutil.resolve_name("pkg.mod:attr")`, and
// `uvicorn.run("main:app")`. Each becomes a ModulePathFact with `library` set, so the graph
// resolves it under the deploy root like an import_module string (MOD001) and checks what the
// library reads from the module (MOD002).
//
// Under `if __name__ == "__main__":` a string is kept with `mainBlock` set: Lambda imports the handler
// module, so that block never runs there (uvicorn.run there is the local dev server), unless an image
// starts the file itself (`CMD ["python", "main.py"]`), which the graph knows (src/graph/build.ts).
// More libraries (autodiscover_tasks, pydantic import strings, fileConfig) are in library-paths-more.ts.
import type { ModulePathFact, Span } from '../../types.js';
import { nodeSpan as spanOf } from '../../util/span.js';
import { contextOf } from './context.js';
import type { FileIndex } from './file-index.js';
import { field, named, splitArgs, type Node } from './nodes.js';
import { plainString } from './strings.js';

/** How a library reads its string: `module:attr` (uvicorn, pkgutil), or the last dotted part an attribute (dictConfig). */
export type Form = 'colon' | 'dotted-attr' | 'module';

/** A library's configuration that cannot be read here (`dictConfig(build_config())`): named in --verbose. */
export interface UnreadLibraryConfig extends Span {
  what: string;
}

export function libraryPaths(idx: FileIndex, unread: UnreadLibraryConfig[] = []): ModulePathFact[] {
  if (!idx.mentions(['Celery', 'dictConfig', 'resolve_name', 'uvicorn', '.conf.'])) return [];
  const out: ModulePathFact[] = [];
  const add = (s: Node, form: Form, library: string, setting?: string, main = false) => {
    const f = stringFact(s, form, library, setting);
    if (f) out.push(main ? { ...f, mainBlock: true } : f);
  };
  for (const { call } of idx.callsNamed('Celery')) {
    if (skipped(call)) continue;
    const include = splitArgs(field(call, 'arguments')).keywords.get('include');
    if (include) for (const s of strings(idx, include)) add(s, 'module', 'Celery', 'include=');
  }
  for (const { call } of idx.callsNamed('dictConfig')) {
    if (skipped(call)) continue;
    const arg = splitArgs(field(call, 'arguments')).positional[0];
    const dict = arg && moduleValue(idx, arg);
    if (arg && dict?.type !== 'dictionary' && !inMainBlock(call)) unread.push({ what: `logging.config.dictConfig(${clip(arg.text)})`, ...spanOf(arg) });
    if (dict?.type === 'dictionary') for (const [key, s] of loggingEntries(dict)) add(s, 'dotted-attr', 'logging.config.dictConfig', `"${key}"`);
  }
  for (const { call, attribute } of idx.callsNamed('resolve_name')) {
    if (!attribute || skipped(call)) continue;
    const obj = field(field(call, 'function')!, 'object');
    if (obj?.text !== 'pkgutil') continue;
    const s = splitArgs(field(call, 'arguments')).positional[0];
    if (s) add(s, 'colon', 'pkgutil.resolve_name');
  }
  for (const { call, attribute } of idx.callsNamed('run')) {
    if (!attribute || typeChecking(call)) continue;
    const obj = field(field(call, 'function')!, 'object');
    if (obj?.text !== 'uvicorn') continue;
    const s = splitArgs(field(call, 'arguments')).positional[0];
    // uvicorn.run(app) with the object itself imports nothing.
    if (s?.type === 'string') add(s, 'colon', 'uvicorn.run', undefined, inMainBlock(call));
  }
  // app.conf.imports = [...] / app.conf.include = [...]: Celery imports them when the worker starts.
  for (const st of idx.moduleStatements()) {
    const a = st.type === 'expression_statement' ? named(st)[0] : undefined;
    const left = a?.type === 'assignment' ? field(a, 'left') : null;
    const right = a && field(a, 'right');
    if (left?.type !== 'attribute' || !right) continue;
    const attr = field(left, 'attribute')?.text;
    const owner = field(left, 'object');
    if ((attr !== 'imports' && attr !== 'include') || owner?.type !== 'attribute' || field(owner, 'attribute')?.text !== 'conf') continue;
    if (skipped(a!)) continue;
    for (const s of strings(idx, right)) add(s, 'module', 'Celery', `conf.${attr}`);
  }
  return out;
}

/** Not start-up for Lambda: under `if __name__ == "__main__":` or TYPE_CHECKING. */
export function skipped(n: Node): boolean {
  const g = contextOf(n).guard;
  return g === 'main' || g === 'type-checking';
}

export const typeChecking = (n: Node): boolean => contextOf(n).guard === 'type-checking';
export const inMainBlock = (n: Node): boolean => contextOf(n).guard === 'main';
export const clip = (t: string): string => (t.length > 60 ? `${t.slice(0, 57)}...` : t).replace(/\s+/g, ' ');

/** A name bound once at module level to a literal (`LOGGING = {...}`) stands for that literal; anything else is itself. */
export function moduleValue(idx: FileIndex, n: Node): Node {
  if (n.type !== 'identifier') return n;
  let found: Node | undefined;
  let count = 0;
  for (const st of idx.moduleStatements()) {
    const a = st.type === 'expression_statement' ? named(st)[0] : undefined;
    if (a?.type !== 'assignment' || field(a, 'left')?.text !== n.text) continue;
    count++;
    found = field(a, 'right') ?? undefined;
  }
  return count === 1 && found ? found : n;
}

/** The plain string literals of a list, tuple or set (or one string), through one module-level name. */
export function strings(idx: FileIndex, n: Node): Node[] {
  const v = moduleValue(idx, n);
  if (v.type === 'string') return [v];
  if (v.type !== 'list' && v.type !== 'tuple' && v.type !== 'set') return [];
  return named(v).filter((e) => e.type === 'string');
}

/** Every `"class": "..."` and `"()": "..."` pair of a dictConfig dict, at any depth (handlers, formatters, filters). */
function loggingEntries(dict: Node): [string, Node][] {
  const out: [string, Node][] = [];
  const walk = (d: Node, depth: number): void => {
    if (depth > 4) return;
    for (const p of named(d)) {
      if (p.type !== 'pair') continue;
      const key = plainString(field(p, 'key'));
      const value = field(p, 'value');
      if (!value) continue;
      if ((key === 'class' || key === '()') && value.type === 'string') out.push([key, value]);
      else if (value.type === 'dictionary') walk(value, depth + 1);
    }
  };
  walk(dict, 0);
  return out;
}

/** The fact of one library string: the module part as `value`, the attribute the library then reads as `attributes`. */
export function stringFact(s: Node, form: Form, library: string, setting?: string): ModulePathFact | undefined {
  const text = plainString(s);
  if (!text || !/^[A-Za-z_][\w.]*(:[A-Za-z_][\w.]*)?$/.test(text)) return undefined;
  let value = text;
  let attributes: string[] = [];
  if (form === 'colon') {
    // uvicorn and pkgutil without a colon: uvicorn refuses it, pkgutil walks it like dictConfig.
    if (!text.includes(':')) {
      if (library === 'uvicorn.run') return undefined;
      form = 'dotted-attr';
    } else {
      const [mod, attr] = text.split(':');
      value = mod;
      attributes = [attr.split('.')[0]];
    }
  }
  if (form === 'dotted-attr') {
    // dictConfig and pkgutil import the longest importable prefix and read the rest as attributes: the
    // last part is the class, what comes before it the module.
    const dot = text.lastIndexOf('.');
    if (dot < 0) return undefined;
    value = text.slice(0, dot);
    attributes = [text.slice(dot + 1)];
  }
  const ctx = contextOf(s);
  // Where only part of the string is the module, the message names the whole string too.
  const label = value === text ? `${library}${setting ? ` (${setting})` : ''}` : `${library} (${setting ? `${setting}: ` : ''}"${text}")`;
  return {
    value,
    via: 'call',
    attributes,
    ...(ctx.scope === 'module' ? { atModuleLevel: true } : {}),
    ...(ctx.guard === 'optional' ? { guarded: true } : {}),
    // A fix rewrites the whole literal only when it is the module path alone.
    literal: value === text,
    library: label,
    ...spanOf(s),
  };
}
