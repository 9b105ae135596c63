// More module-path strings libraries import at start-up (issue #15, misses item 3), beside library-paths.ts:
//   - Celery `app.autodiscover_tasks(["pkg.a", "pkg.b"])`: celery.loaders.base.find_related_module imports each
//     package (a missing one raises), then its `tasks` submodule, which may be absent;
//   - pydantic settings fields typed `ImportString` (v2) or `PyObject` (v1) with a string default, in a
//     BaseSettings class this file instantiates: BaseSettings validates defaults (v1 `validate_all`, v2
//     pydantic-settings `validate_default`), so the default is imported when the settings object is built;
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

/** The import-string defaults of BaseSettings classes that this file instantiates. */
function settingsImports(idx: FileIndex): ModulePathFact[] {
  if (!idx.mentions(['BaseSettings'])) return [];
  const out: ModulePathFact[] = [];
  for (const st of named(idx.root)) {
    const cls = st.type === 'decorated_definition' ? field(st, 'definition') : st;
    if (cls?.type !== 'class_definition') continue;
    const bases = splitArgs(field(cls, 'superclasses')).positional;
    if (!bases.some((b) => SETTINGS_BASES.has(b.text))) continue;
    const made = idx.callsNamed(field(cls, 'name')!.text).filter((c) => !c.attribute && !skipped(c.call));
    if (!made.length) continue;
    const atModuleLevel = made.some((c) => contextOf(c.call).scope === 'module');
    for (const s of named(field(cls, 'body')!)) {
      const a = s.type === 'expression_statement' ? named(s)[0] : undefined;
      const type = a?.type === 'assignment' ? field(a, 'type') : null;
      const kind = type ? importType(type) : undefined;
      const value = kind && defaultString(field(a!, 'right'));
      if (!kind || !value) continue;
      const v1 = kind === 'PyObject';
      const text = plainString(value) ?? '';
      // pydantic v1 PyObject: rsplit('.', 1), import the module, getattr. v2 ImportString: `module:attr`, else the
      // whole string as a module, else its last part an attribute of the rest.
      const f = stringFact(value, text.includes(':') && !v1 ? 'colon' : 'dotted-attr', `pydantic ${kind}`, `${field(cls, 'name')!.text}.${field(a!, 'left')!.text}`);
      if (!f) continue;
      delete f.atModuleLevel;
      out.push({ ...f, ...(atModuleLevel ? { atModuleLevel: true } : {}), ...(!v1 && !text.includes(':') ? { attributeMayBeSubmodule: true } : {}) });
    }
  }
  return out;
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
