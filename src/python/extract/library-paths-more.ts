// More module-path strings libraries import at start-up (issue #15, misses item 3), beside library-paths.ts:
//   - Celery `app.autodiscover_tasks(["pkg.a", "pkg.b"])`: celery.loaders.base.find_related_module imports each
//     package (a missing one raises), then its `tasks` submodule, which may be absent;
//   - pydantic fields typed `PyObject` (v1: imported when the class is defined) or `ImportString` (v2: imported
//     when a BaseSettings class, which validates defaults, is instantiated) with a string default;
//   - `logging.config.fileConfig("logging.ini")`: the .ini path, read by the graph (its `class=` entries);
//   - what cannot be read (`autodiscover_tasks(lambda: ...)`, `fileConfig(path)` with a computed path) is kept
//     as an unread configuration, which --verbose names.
import type { FileFacts, ModulePathFact } from '../../types.js';
import { nodeSpan as spanOf } from '../../util/span.js';
import { contextOf } from './context.js';
import type { FileIndex } from './file-index.js';
import { clip, moduleValue, skipped, stringFact, strings, type UnreadLibraryConfig } from './library-paths.js';
import { field, named, splitArgs, type Node } from './nodes.js';
import { plainString } from './strings.js';

type More = Pick<FileFacts, 'modulePaths' | 'logIniFiles'>;

export function moreLibraryPaths(idx: FileIndex, unread: UnreadLibraryConfig[]): More {
  const out: More = { modulePaths: [] };
  if (!idx.mentions(['autodiscover_tasks', 'ImportString', 'PyObject', 'fileConfig'])) return out;
  for (const { call } of idx.callsNamed('autodiscover_tasks')) {
    if (skipped(call)) continue;
    const args = splitArgs(field(call, 'arguments'));
    const packages = args.positional[0] ?? args.keywords.get('packages');
    // No packages: Django's INSTALLED_APPS, which is not Python this file holds.
    if (!packages) continue;
    const v = moduleValue(idx, packages);
    if (v.type !== 'list' && v.type !== 'tuple' && v.type !== 'string') {
      unread.push({ what: `Celery autodiscover_tasks(${clip(packages.text)})`, ...spanOf(packages) });
      continue;
    }
    for (const s of strings(idx, packages)) {
      const f = stringFact(s, 'module', 'Celery', 'autodiscover_tasks');
      if (f) out.modulePaths.push(f);
    }
  }
  out.modulePaths.push(...settingsImports(idx));
  for (const { call } of idx.callsNamed('fileConfig')) {
    if (skipped(call)) continue;
    const arg = splitArgs(field(call, 'arguments')).positional[0] ?? splitArgs(field(call, 'arguments')).keywords.get('fname');
    if (!arg) continue;
    const path = iniPath(arg);
    if (path === undefined) {
      unread.push({ what: `logging.config.fileConfig(${clip(arg.text)})`, ...spanOf(arg) });
      continue;
    }
    (out.logIniFiles ??= []).push({ path, ...spanOf(arg), ...(contextOf(call).scope === 'module' ? { atModuleLevel: true } : {}) });
  }
  return out;
}

/**
 * The .ini path of fileConfig: a literal (relative to the working folder, the root on Lambda), or
 * `os.path.join(os.path.dirname(__file__), "logging.ini")`, which is beside the module: written `./` + name
 * relative to the module's folder, as the graph reads it.
 */
function iniPath(arg: Node): string | undefined {
  const s = plainString(arg);
  if (s !== undefined) return s;
  if (arg.type !== 'call' || field(arg, 'function')?.text !== 'os.path.join') return undefined;
  const parts = splitArgs(field(arg, 'arguments')).positional;
  const dir = parts[0];
  const rest = parts.slice(1).map(plainString);
  if (dir?.type !== 'call' || field(dir, 'function')?.text !== 'os.path.dirname' || rest.some((r) => r === undefined)) return undefined;
  const inner = splitArgs(field(dir, 'arguments')).positional[0];
  if (inner?.text !== '__file__') return undefined;
  return `./${rest.join('/')}`;
}

const SETTINGS_BASES = new Set(['BaseSettings', 'pydantic.BaseSettings', 'pydantic_settings.BaseSettings']);

/**
 * The import-string defaults of module-level classes that this file instantiates. pydantic v1 imports a `PyObject`
 * default when the model is instantiated (1.10, BaseModel or BaseSettings, whatever `validate_all` says); pydantic
 * v2 imports an `ImportString` default only when it validates defaults: a BaseSettings class (`validate_default` on).
 */
function settingsImports(idx: FileIndex): ModulePathFact[] {
  if (!idx.mentions(['ImportString', 'PyObject'])) return [];
  const out: ModulePathFact[] = [];
  for (const st of named(idx.root)) {
    const cls = st.type === 'decorated_definition' ? field(st, 'definition') : st;
    if (cls?.type !== 'class_definition' || skipped(cls)) continue;
    const name = field(cls, 'name')!.text;
    const body = named(field(cls, 'body')!);
    const made = idx.callsNamed(name).filter((c) => !c.attribute && !skipped(c.call));
    if (!made.length) continue;
    const v2 = v2Imports(cls, body);
    for (const s of body) {
      const a = s.type === 'expression_statement' ? named(s)[0] : undefined;
      const type = a?.type === 'assignment' ? field(a, 'type') : null;
      const kind = type ? importType(type) : undefined;
      if (!a || !kind || (kind === 'ImportString' && !v2)) continue;
      const right = field(a, 'right');
      // Field("...", validate_default=False): the default is kept as the string, never imported.
      const own = right?.type === 'call' ? splitArgs(field(right, 'arguments')).keywords.get('validate_default') : undefined;
      if (kind === 'ImportString' && own && own.text !== 'True') continue;
      const value = defaultString(right);
      if (!value) continue;
      const v1 = kind === 'PyObject';
      const text = plainString(value) ?? '';
      // pydantic v1 PyObject: rsplit('.', 1), import the module, getattr. v2 ImportString: `module:attr`, else the
      // whole string as a module, else its last part an attribute of the rest.
      const f = stringFact(value, text.includes(':') && !v1 ? 'colon' : 'dotted-attr', `pydantic ${kind}`, `${name}.${field(a, 'left')!.text}`);
      if (!f) continue;
      delete f.atModuleLevel;
      const atModuleLevel = made.some((c) => contextOf(c.call).scope === 'module');
      out.push({ ...f, ...(atModuleLevel ? { atModuleLevel: true } : {}), ...(!v1 && !text.includes(':') ? { attributeMayBeSubmodule: true } : {}) });
    }
  }
  return out;
}

/** Does a v2 class import its ImportString defaults: a BaseSettings that validates defaults? */
function v2Imports(cls: Node, body: Node[]): boolean {
  const bases = splitArgs(field(cls, 'superclasses')).positional;
  return bases.some((b) => SETTINGS_BASES.has(b.text)) && validatesDefaults(body);
}

/**
 * Does a v2 settings class validate its defaults? pydantic-settings' BaseSettings does unless the class says
 * otherwise: `model_config = SettingsConfigDict(validate_default=False)` or a nested `class Config:
 * validate_default = False`. Any value but a literal True then counts as not validating (not reported).
 */
function validatesDefaults(body: Node[]): boolean {
  for (const st of body) {
    if (st.type === 'class_definition' && field(st, 'name')?.text === 'Config') {
      for (const c of named(field(st, 'body')!)) {
        const a = c.type === 'expression_statement' ? named(c)[0] : undefined;
        if (a?.type === 'assignment' && field(a, 'left')?.text === 'validate_default' && field(a, 'right')?.text !== 'True') return false;
      }
    }
    const a = st.type === 'expression_statement' ? named(st)[0] : undefined;
    const right = a?.type === 'assignment' && field(a, 'left')?.text === 'model_config' ? field(a, 'right') : null;
    if (!right) continue;
    if (right.type !== 'call') return false;
    const v = splitArgs(field(right, 'arguments')).keywords.get('validate_default');
    if (v && v.text !== 'True') return false;
  }
  return true;
}

/** `ImportString`, `ImportString[...]`, `Annotated[X, ImportString]`, `PyObject`: which, else undefined. */
function importType(type: Node): 'ImportString' | 'PyObject' | undefined {
  const ids = type.type === 'identifier' ? [type] : type.descendantsOfType('identifier');
  for (const id of ids) if (id.text === 'ImportString' || id.text === 'PyObject') return id.text;
  return undefined;
}

const FIELD = new Set(['Field', 'pydantic.Field']);

/** The string default of a field: `= "pkg.mod.fn"` or `= Field("pkg.mod.fn")` / `Field(default="...")`. */
function defaultString(right: Node | null): Node | undefined {
  if (!right) return undefined;
  if (right.type === 'string') return right;
  if (right.type !== 'call' || !FIELD.has(field(right, 'function')?.text ?? '')) return undefined;
  const args = splitArgs(field(right, 'arguments'));
  const d = args.positional[0] ?? args.keywords.get('default');
  return d?.type === 'string' ? d : undefined;
}
