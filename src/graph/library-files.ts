// Module-path strings written outside Python that a library imports at start-up (issue #15, misses item 3):
//   - the `class=` entries of a `logging.config.fileConfig` .ini (handlers and formatters its `keys=` list);
//   - a Procfile's `web: uvicorn app.main:app` (and gunicorn, hypercorn) in the app's root folder.
// Each becomes a ModulePathFact with `inFile` set (findings are placed in that file), followed like the
// strings of the module that reads it: MOD001 for the module part, MOD002 for the attribute.
//
// Which functions a Procfile belongs to: the app whose root is the Procfile's folder. A Procfile's processes
// start in its own folder (Heroku, Elastic Beanstalk, buildpack images such as one run by the Lambda Web
// Adapter), which for those functions is /var/task: its `module:app` must resolve from there. A Procfile in
// any other folder belongs to no function here and is not read.
import type { ModulePathFact, Snapshot } from '../types.js';
import type { Location } from '../types.js';
import { scriptStart } from '../sources/startup-command.js';
import { entryRef, type SpecDeploy } from './deployed.js';
import { dirOf, joinPath, normalizePath } from '../util/posix-path.js';

/** Modules an image starts as a script (`CMD ["python", "main.py"]`): their `if __name__ == "__main__":` block runs. */
export function scriptModules(deploy: SpecDeploy | undefined): Set<string> {
  const out = new Set<string>();
  for (const { fn } of deploy?.functions ?? []) {
    if (fn.startup?.kind !== 'script') continue;
    const ref = entryRef(fn);
    if (ref) out.add(ref.module);
  }
  return out;
}

/** One `key = value` of an .ini section, with where the value starts (1-based). */
interface IniValue {
  value: string;
  line: number;
  column: number;
}

/**
 * An .ini file as configparser reads it for fileConfig: `[section]` headers, `key = value` or `key: value`
 * (keys lower-cased), `#`/`;` comment lines; indented continuation lines are joined and their place is not kept.
 * Not Python: a line reader is enough.
 */
export function readIni(text: string): Map<string, Map<string, IniValue>> {
  const sections = new Map<string, Map<string, IniValue>>();
  let current: Map<string, IniValue> | undefined;
  let last: IniValue | undefined;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const trimmed = raw.trim();
    if (!trimmed || trimmed.startsWith('#') || trimmed.startsWith(';')) continue;
    if (/^\s/.test(raw) && last) {
      last.value += `\n${trimmed}`;
      continue;
    }
    if (trimmed.startsWith('[') && trimmed.endsWith(']')) {
      current = new Map();
      sections.set(trimmed.slice(1, -1).trim(), current);
      last = undefined;
      continue;
    }
    const sep = [raw.indexOf('='), raw.indexOf(':')].filter((k) => k > 0).sort((a, b) => a - b)[0];
    if (!current || sep === undefined) continue;
    const key = raw.slice(0, sep).trim().toLowerCase();
    const after = raw.slice(sep + 1);
    const lead = after.length - after.trimStart().length;
    last = { value: after.trim(), line: i + 1, column: sep + 2 + lead };
    current.set(key, last);
  }
  return sections;
}

const keysOf = (s: Map<string, IniValue> | undefined): string[] =>
  (s?.get('keys')?.value ?? '').split(',').map((k) => k.trim()).filter(Boolean);

/**
 * The module paths of a fileConfig .ini: `class=` of the listed handlers (fileConfig first evaluates it in the
 * logging module's namespace, so a bare `StreamHandler` imports nothing) and of the listed formatters, each read
 * as logging's `_resolve` does (import the module, the last part an attribute).
 */
export function iniModulePaths(text: string, file: string, atModuleLevel: boolean): ModulePathFact[] {
  const ini = readIni(text);
  const out: ModulePathFact[] = [];
  for (const [kind, prefix] of [['handlers', 'handler_'], ['formatters', 'formatter_']] as const) {
    for (const key of keysOf(ini.get(kind))) {
      const cls = ini.get(`${prefix}${key}`)?.get('class');
      if (!cls || !/^[A-Za-z_][\w]*(\.[A-Za-z_]\w*)+$/.test(cls.value)) continue;
      const dot = cls.value.lastIndexOf('.');
      out.push({
        value: cls.value.slice(0, dot),
        attributes: [cls.value.slice(dot + 1)],
        via: 'call',
        literal: false,
        library: `logging.config.fileConfig ([${prefix}${key}] class=${cls.value})`,
        inFile: file,
        ...(atModuleLevel ? { atModuleLevel: true } : {}),
        line: cls.line,
        column: cls.column,
        endLine: cls.line,
        endColumn: cls.column + cls.value.length,
      });
    }
  }
  return out;
}

/** Where fileConfig's path points in the checked folder: beside the module for `./x` (see library-paths-more.ts), else from the root. */
export function iniFile(path: string, root: string, moduleFile: string): string | undefined {
  if (path.startsWith('./')) return normalizePath(joinPath(dirOf(moduleFile), path.slice(2)));
  if (path.startsWith('/var/task/')) return joinPath(root, path.slice('/var/task/'.length));
  if (path.startsWith('/') || path.startsWith('..')) return undefined;
  return normalizePath(joinPath(root, path));
}

/** The `module:app` strings a Procfile's processes start, read with the shell reader (src/shell). */
export function procfileModulePaths(text: string, file: string): ModulePathFact[] {
  const out: ModulePathFact[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = /^([A-Za-z0-9_-]+):[ \t]*(.*)$/.exec(lines[i]);
    if (!m || !m[2].trim()) continue;
    const offset = lines[i].length - m[2].length;
    const locate = (s: number, e: number): Location => ({ file, line: i + 1, column: offset + s + 1, endLine: i + 1, endColumn: offset + e + 1 });
    const start = scriptStart(m[2], locate, new Map());
    if (start.kind !== 'web-app' || !start.app.known) continue;
    out.push(serverAppFact(start.app.value, start.app.loc, start.server, `Procfile (${m[1]}: ${start.server} ${start.app.value})`));
  }
  return out;
}

/**
 * A server's `module:app` (a Procfile's process, a workflow's step) as a module-path string of the module, placed
 * at the app string in that file: the module must resolve (MOD001), and define the attribute (MOD002).
 */
export function serverAppFact(app: string, loc: Location, server: string, library: string, extra: Partial<ModulePathFact> = {}): ModulePathFact {
  const [module, attr] = app.split(':');
  return {
    value: module,
    // A factory (`--factory`, `main:create_app()`) is called: the name must still be there.
    attributes: [attr.split('.')[0]],
    via: 'call',
    literal: false,
    library,
    inFile: loc.file,
    serverStart: server,
    ...extra,
    line: loc.line,
    column: loc.column,
    endLine: loc.endLine,
    endColumn: loc.endColumn,
  };
}

/**
 * The Procfile of an app's root and the .ini files its module reads, as module-path facts. An .ini that is not in
 * the checked folder where fileConfig looks gives a note (--verbose): it may be written by the build, so it is not
 * judged, but the check says it could not read it.
 */
export async function libraryFileFacts(
  snapshot: Snapshot,
  root: string,
  moduleFile: string,
  ini: readonly { path: string; atModuleLevel?: boolean; line: number; column: number }[],
  withProcfile: boolean,
): Promise<{ facts: ModulePathFact[]; notes: string[] }> {
  const facts: ModulePathFact[] = [];
  const notes: string[] = [];
  for (const f of ini) {
    const file = iniFile(f.path, root, moduleFile);
    const text = file !== undefined && snapshot.has(file) ? await snapshot.readText(file) : undefined;
    if (text !== undefined) facts.push(...iniModulePaths(text, file!, f.atModuleLevel === true));
    else notes.push(`${moduleFile}:${f.line}:${f.column}: logging.config.fileConfig reads ${f.path}, which is not ${file ? `at ${file}` : 'in the checked folder'}: its handler and formatter classes are not checked (MOD001)`);
  }
  const procfile = joinPath(root, 'Procfile');
  if (withProcfile && snapshot.has(procfile)) {
    const text = await snapshot.readText(procfile);
    if (text !== undefined) facts.push(...procfileModulePaths(text, procfile));
  }
  return { facts, notes };
}

/** --verbose lines: library configurations whose module paths cannot be read here (built by a call, a computed path, a name imported from another module). */
export function unreadLibraryLines(read: ReadonlyMap<string, { unreadLibraryConfigs?: { what: string; line: number; column: number }[] }>): string[] {
  const out: string[] = [];
  for (const [file, facts] of read)
    for (const u of facts.unreadLibraryConfigs ?? [])
      out.push(`${file}:${u.line}:${u.column}: ${u.what} is not read here (a value built at run time or held in another module): the module paths it imports at start-up are not checked (MOD001)`);
  return out.sort();
}
