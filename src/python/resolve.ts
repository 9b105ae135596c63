// Resolves dotted module names the way CPython's import system does when the app root is the
// first sys.path entry (Lambda's /var/task, or `PYTHONPATH=<root>`), without running Python.
//
// The rules are those of importlib's PathFinder/FileFinder for one path entry, segment by segment:
//   1. a directory `x` holding `__init__` + a loader suffix (extension, `.py`, `.pyc`) is a regular package;
//   2. else a file `x<suffix>` is a module — extension suffixes first, then `.py`, then `.pyc` (sourceless);
//   3. else a directory `x` is a namespace package portion.
// `.pyi` stubs are not importable. A deeper segment needs its parent to be a package (regular or
// namespace); a module `a.py` has no `__path__`, so `a.b` fails even when `a/b.py` exists.
// Names are matched exactly (case-sensitive, as on Lambda's Linux file system).
//
// Verified against real Python (test/python/resolve-python.test.ts): `find_spec`/`import_module`
// also accept segments that are not identifiers (`my-pkg.mod`, `class`); only `import` *statements*
// cannot spell them. resolve() follows find_spec; suggest() only proposes identifier spellings.
//
// What is modelled of the rest of sys.path (stdlib, site-packages), which is not ours:
//   - built-in and frozen modules (`sys`, `os`, `time`, …) are found before any path entry: a local
//     `os.py` never shadows them, so resolve('os') is undefined;
//   - a namespace portion loses to a regular module/package anywhere on sys.path: a local folder
//     `email/` without `__init__.py` does not hide the stdlib `email`, nor does `fastapi/` hide a
//     declared `fastapi`; resolve() gives undefined for such a top-level name;
//   - a local *regular* module/package named like a stdlib module shadows it (root comes first),
//     except when the module is already imported at start-up — which depends on the runtime and is
//     not modelled.
// Lambda layers (ResolverOptions.searchPath) are further sys.path entries after the root, searched as
// PathFinder does: the first entry with a module or regular package wins; namespace portions of
// every entry merge into one `__path__`.
// Not modelled: `__path__` manipulation in `__init__.py` (pkgutil.extend_path), `.pth` files,
// zip archives on sys.path, namespace packages merged with site-packages portions.
import type { Classification, FileSet, Resolution, ResolverOptions } from './resolve-types.js';
import { ancestorDirs, dirOf } from '../util/posix-path.js';
import { ownName } from './local-names.js';
import { possiblyProvided } from './deps.js';
import { caseSpelling } from './case-spelling.js';
import { isIdentifier, isStdlib, moduleStem, SOURCE_SUFFIXES, SUFFIXES, UNSHADOWABLE } from './importable.js';

export type { Classification, FileSet, Resolution, ResolverOptions } from './resolve-types.js';
export { isStdlib } from './importable.js';
export { localTopLevelNames } from './local-names.js';

/**
 * Folders that hold an extension module, per file list (every app's resolver shares the run's list).
 * Probing two dozen extension suffixes for every name was most of the resolver's cost.
 */
const EXTENSION_DIRS = new WeakMap<object, Set<string>>();
function extensionDirsOf(paths: Iterable<string> | undefined): Set<string> | undefined {
  if (!paths || typeof paths !== 'object') return undefined;
  let dirs = EXTENSION_DIRS.get(paths);
  if (!dirs) {
    dirs = new Set();
    for (const p of paths) {
      if (!p.endsWith('.so')) continue;
      dirs.add(dirOf(p));
    }
    EXTENSION_DIRS.set(paths, dirs);
  }
  return dirs;
}

function join(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

function normRoot(root: string): string {
  let r = root.replace(/\\/g, '/');
  while (r.startsWith('./')) r = r.slice(2);
  if (r === '.') r = '';
  return r.replace(/\/+$/, '');
}

/** A first segment no distribution installs: the src-layout folder (see classify). */
const NEVER_INSTALLED = 'src';
/** Linux's PATH_MAX: a dotted name longer than this names a file no import can open, so no suggestion is longer. */
const MAX_IMPORT_PATH = 4096;

export class Resolver {
  readonly root: string;
  private readonly files: FileSet;
  private readonly localTopLevel: Set<string>;
  private readonly dependencies: Set<string>;
  private readonly paths?: Iterable<string>;
  /** sys.path entries after the root (layers); empty for a plain root. */
  readonly searchPath: string[];
  private readonly cache = new Map<string, Resolution | null>();
  private below?: { prefixes: string[]; entries: Set<string> };
  /** Folders holding an extension module; elsewhere only `.py`/`.pyc` need probing. Unknown without `paths`. */
  private readonly extensionDirs?: Set<string>;

  constructor(opts: ResolverOptions) {
    this.root = normRoot(opts.root);
    this.files = opts.files;
    this.localTopLevel = opts.localTopLevel;
    this.dependencies = opts.dependencies;
    this.paths = opts.paths;
    this.searchPath = (opts.searchPath ?? []).map(normRoot).filter((d) => d !== this.root);
    this.extensionDirs = extensionDirsOf(opts.paths);
  }

  /** The same files with further sys.path entries after these (a module's own `sys.path.insert`: src/graph/sys-path.ts). */
  withSearchPath(extra: string[]): Resolver {
    return new Resolver({ root: this.root, files: this.files, localTopLevel: this.localTopLevel, dependencies: this.dependencies, paths: this.paths, searchPath: [...this.searchPath, ...extra] });
  }

  /**
   * Like `importlib.util.find_spec(dotted)` with sys.path = [root, stdlib, site-packages]:
   * the resolution when the name is found *under the root*, undefined otherwise (missing, a parent
   * that is a module, or found only outside the root). Relative names (leading dot) give undefined:
   * absolutize them first.
   */
  resolve(dotted: string): Resolution | undefined {
    const hit = this.cache.get(dotted);
    if (hit !== undefined) return hit ?? undefined;
    const r = this.resolveUncached(dotted);
    this.cache.set(dotted, r ?? null);
    return r;
  }

  private resolveUncached(dotted: string): Resolution | undefined {
    if (dotted === '') return undefined;
    const segs = dotted.split('.');
    if (segs.some((s) => s === '' || s.includes('/') || s.includes('\\') || s.includes('\0'))) return undefined;
    if (UNSHADOWABLE.has(segs[0])) return undefined;
    // The parent's __path__: the root and the layers for a top-level name; one folder below a
    // regular package, every portion below a namespace package.
    let dirs = this.searchPath.length ? [this.root, ...this.searchPath] : [this.root];
    let res: Resolution | undefined;
    for (let i = 0; i < segs.length; i++) {
      if (i > 0) {
        // The parent must be a package to have a __path__.
        if (!res || (res.kind !== 'package' && res.kind !== 'namespace')) return undefined;
      }
      const found = this.findOnPath(dirs, segs[i]);
      if (!found) return undefined;
      res = found.res;
      if (i === 0 && res.kind === 'namespace' && (isStdlib(segs[0]) || this.dependencies.has(segs[0]))) {
        // A regular module/package later on sys.path beats a namespace portion.
        return undefined;
      }
      dirs = found.portions;
    }
    return res;
  }

  /** PathFinder over `dirs`: the first module or regular package, else a namespace of every portion. */
  private findOnPath(dirs: string[], name: string): { res: Resolution; portions: string[] } | undefined {
    let ns: Resolution | undefined;
    const portions: string[] = [];
    for (const dir of dirs) {
      const r = this.findIn(dir, name);
      if (!r) continue;
      if (r.kind !== 'namespace') return { res: r, portions: [join(dir, name)] };
      ns ??= r;
      portions.push(r.dir);
    }
    return ns ? { res: ns, portions } : undefined;
  }

  /** One FileFinder.find_spec step in folder `dir` for name `name`. */
  private findIn(dir: string, name: string): Resolution | undefined {
    const base = join(dir, name);
    const isDir = this.files.hasDir(base);
    const suffixesIn = (folder: string) => (this.extensionDirs && !this.extensionDirs.has(folder) ? SOURCE_SUFFIXES : SUFFIXES);
    if (isDir) {
      for (const { suffix } of suffixesIn(base)) {
        const init = `${base}/__init__${suffix}`;
        if (this.files.has(init)) return { kind: 'package', file: init };
      }
    }
    for (const { suffix, ext } of suffixesIn(dir)) {
      const file = base + suffix;
      if (this.files.has(file)) return ext ? { kind: 'extension', file } : { kind: 'module', file };
    }
    if (isDir) return { kind: 'namespace', dir: base };
    return undefined;
  }

  /**
   * A relative import made absolute, like `importlib.util.resolve_name('.' * level + module, __package__)`
   * where `__package__` is the module itself for a package and its parent otherwise.
   * Undefined for "attempted relative import beyond top-level package" and "with no known parent package".
   */
  absolutize(fromModule: string, fromIsPackage: boolean, level: number, module: string): string | undefined {
    if (level <= 0) return module === '' ? undefined : module;
    let pkg: string;
    if (fromIsPackage) pkg = fromModule;
    else {
      const dot = fromModule.lastIndexOf('.');
      pkg = dot < 0 ? '' : fromModule.slice(0, dot);
    }
    if (pkg === '') return undefined;
    const bits = pkg.split('.');
    if (bits.length < level) return undefined;
    const base = bits.slice(0, bits.length - (level - 1)).join('.');
    return module === '' ? base : `${base}.${module}`;
  }

  /**
   * A file under the root → the dotted name Python imports it as (`api/v1/__init__.py` → `api.v1`,
   * package). Undefined when the file is outside the root, is not an importable file, has a folder
   * name with a dot, or is not what that name resolves to (shadowed: `a.py` beside `a/__init__.py`,
   * or below a module: `a/b.py` beside `a.py`).
   */
  moduleName(file: string): { name: string; isPackage: boolean } | undefined {
    const f = normRoot(file);
    // Under the root, else under a layer entry (a layer file deeper in a root '' tree has both).
    for (const entry of [this.root, ...this.searchPath]) {
      if (entry !== '' && !f.startsWith(entry + '/')) continue;
      const r = this.nameUnder(f, entry === '' ? f : f.slice(entry.length + 1));
      if (r) return r;
    }
    return undefined;
  }

  private nameUnder(f: string, rel: string): { name: string; isPackage: boolean } | undefined {
    const parts = rel.split('/');
    const stem = moduleStem(parts[parts.length - 1]);
    if (stem === undefined) return undefined;
    let segs: string[];
    let isPackage = false;
    if (stem === '__init__') {
      segs = parts.slice(0, -1);
      isPackage = true;
    } else segs = [...parts.slice(0, -1), stem];
    if (segs.length === 0 || segs.some((s) => s === '' || s.includes('.'))) return undefined;
    const name = segs.join('.');
    const r = this.resolve(name);
    if (!r || r.kind === 'namespace' || r.file !== f) return undefined;
    return { name, isPackage };
  }

  /**
   * How an absolute dotted name stands relative to this root, judged by its first segment when it
   * does not resolve: `local` (resolves under the root); `unresolved-local` (the first segment is a
   * folder or module of the repository, e.g. `src` when the root is `.../src`); `stdlib`;
   * `dependency` (declared); `external`.
   *
   * One deliberate exception to that order: a first segment that is both a repository name and a
   * stdlib module or declared dependency is classified `stdlib`/`dependency` — a `templates/email/`
   * folder must not make `import email.mime` an error, nor a vendored `libs/common/` a declared
   * `common`.
   *
   * A first segment the repository has somewhere (not under the root) counts only where Python would
   * take the name for the repository's (see ownName), and loses to a declared distribution that may
   * provide it (possibleImportNames): a folder `a2a/` above the root does not make `a2a.client`,
   * which `a2a-sdk` installs, an error. `six.moves` is six's virtual module, never a folder.
   *
   * A module-path string whose first segment is unknown (`external`) but of which a shorter
   * spelling resolves locally (`app.api.v1.x` → `api.v1.x`) is for the caller to judge with
   * suggest(): this method does not look at suggestions.
   */
  classify(dotted: string): Classification {
    if (this.resolve(dotted)) return 'local';
    // Below a symbolic link not followed (the snapshot names it): not known, so not judged.
    if (this.throughUnfollowedLink(dotted)) return 'external';
    const top = dotted.split('.')[0];
    if (isStdlib(top)) return 'stdlib';
    if (this.dependencies.has(top)) return 'dependency';
    // A deleted module's bytecode cache left behind: Python 3 does not import it, and the name was ours.
    if (this.cachedOnly(dotted)) return 'unresolved-local';
    // `src` is the folder of a src layout, never a distribution's import name: with no such folder anywhere
    // (`from src.api import x` copied from another repository, or src/ not committed) the import fails on Lambda.
    if (!this.localTopLevel.has(top)) return top === NEVER_INSTALLED ? 'unresolved-local' : 'external';
    // six (vendored as six.py) makes `six.moves` a virtual module with a meta path importer.
    if (top === 'six' && dotted.split('.')[1] === 'moves') return 'external';
    // Found under the root and failing deeper: the repository's, whatever is declared.
    if (this.resolve(top)) return 'unresolved-local';
    // A declared distribution that may provide it wins over a same-named folder off sys.path.
    if (possiblyProvided(this.dependencies).has(top)) return 'dependency';
    if (!this.paths || ownName(dotted, this.root, this.paths)) return 'unresolved-local';
    return 'external';
  }


  /**
   * The nearest spelling that resolves under the root, for an unresolved dotted name:
   *   - re-rooting (needs `paths`): `P.<dotted>` for a folder P below the root, so the whole name is kept;
   *   - dropping leading segments: `src.api.v1.providers` → `api.v1.providers` → `v1.providers` → …
   * The candidate keeping the most segments of the original wins (re-rooting first, then the longest
   * suffix). Undefined when nothing resolves, when the name already resolves, when its first segment
   * is a stdlib module or a declared dependency (`fastapi.middleware` is not a misspelt local
   * `middleware`), or when different candidates tie at the best length — ambiguous, e.g. two folders
   * below the root both hold `api/v1/x.py`. Only identifier spellings are proposed.
   */
  suggest(dotted: string): string | undefined {
    if (dotted === '' || dotted.startsWith('.') || this.resolve(dotted) || this.throughUnfollowedLink(dotted)) return undefined;
    const segs = dotted.split('.');
    if (segs.some((s) => s === '')) return undefined;
    if (isStdlib(segs[0]) || this.dependencies.has(segs[0])) return undefined;
    // `app.Models` for app/models.py: found on a case-insensitive disk, not on Lambda's.
    const cased = caseSpelling(this.paths, this.root, dotted);
    if (cased && this.resolve(cased)) return cased;

    // Re-rooting below the root: every candidate keeps the full name.
    if (dotted.length <= MAX_IMPORT_PATH && segs.every(isIdentifier)) {
      const found = new Set<string>();
      const entries = this.folderPrefixes();
      for (const d of entries.prefixes) {
        // Cheap pre-check: something named like the first segment in that folder.
        if (!entries.entries.has(`${d.replace(/\./g, '/')}/${segs[0]}`)) continue;
        const cand = `${d}.${dotted}`;
        if (this.resolve(cand)) found.add(cand);
      }
      if (found.size === 1) return [...found][0];
      if (found.size > 1) return undefined;
    }
    // Dropping leading segments: the longest suffix wins; one candidate per length, so no ties.
    // Linear in the name's length (a 40 KB name was quadratic, #19 item 10): only suffixes after the
    // last non-identifier segment, not longer than a path Linux can open, whose first segment
    // resolves on its own (resolve's first step: no dotted name resolves without it).
    let from = 1;
    for (let j = segs.length - 1; j >= 1; j--) {
      if (!isIdentifier(segs[j])) {
        from = j + 1;
        break;
      }
    }
    let length = dotted.length;
    for (let i = 0; i < from && i < segs.length; i++) length -= segs[i].length + 1;
    for (let i = from; i < segs.length; length -= segs[i].length + 1, i++) {
      if (length > MAX_IMPORT_PATH || UNSHADOWABLE.has(segs[i]) || !this.resolve(segs[i])) continue;
      const cand = segs.slice(i).join('.');
      if (this.resolve(cand)) return cand;
    }
    return undefined;
  }

  /** Is `dotted` a module whose __pycache__ cache is listed under the root or a layer (its source is not, or it would resolve)? */
  private cachedOnly(dotted: string): boolean {
    const cached = this.files.cachedModules;
    if (!cached?.size) return false;
    const rel = dotted.split('.').join('/');
    return [this.root, ...this.searchPath].some((dir) => cached.has(join(dir, rel)));
  }

  /** Does a path Python would try for `dotted` (a folder, or the module file) go through a link not followed? */
  private throughUnfollowedLink(dotted: string): boolean {
    const links = this.files.unfollowedLinks;
    if (!links?.size) return false;
    const segs = dotted.split('.');
    for (const dir of [this.root, ...this.searchPath]) {
      let p = dir;
      for (const seg of segs) {
        p = join(p, seg);
        if (links.has(p) || SUFFIXES.some(({ suffix }) => links.has(p + suffix))) return true;
      }
    }
    return false;
  }

  /**
   * Dotted names of folders strictly below the root whose every segment is an identifier, and the
   * `folder/entry` keys (entry: a sub-folder or a file name up to its first dot) below the root.
   */
  private folderPrefixes(): { prefixes: string[]; entries: Set<string> } {
    if (this.below) return this.below;
    const prefixes = new Set<string>();
    const entries = new Set<string>();
    if (this.paths) {
      const prefix = this.root === '' ? '' : this.root + '/';
      for (const p of this.paths) {
        const f = normRoot(p);
        if (!f.startsWith(prefix)) continue;
        const parts = f.slice(prefix.length).split('/');
        const last = parts[parts.length - 1];
        const dot = last.indexOf('.');
        parts[parts.length - 1] = dot < 0 ? last : last.slice(0, dot);
        for (let i = 1; i < parts.length; i++) entries.add(parts.slice(0, i + 1).join('/'));
        const dirs = parts.slice(0, -1);
        for (let i = 1; i <= dirs.length; i++) {
          const segs = dirs.slice(0, i);
          if (!segs.every(isIdentifier)) break;
          prefixes.add(segs.join('.'));
        }
      }
    }
    this.below = { prefixes: [...prefixes].sort(), entries };
    return this.below;
  }
}

/** A FileSet over a list of file paths (posix, relative to the checked folder); folders are implied by the files. */
export function fileSetOf(paths: Iterable<string>): FileSet {
  const files = new Set<string>();
  for (const raw of paths) {
    const p = normRoot(raw);
    if (p !== '') files.add(p);
  }
  const dirs = ancestorDirs(files);
  return { has: (p) => files.has(p), hasDir: (p) => dirs.has(normRoot(p)) };
}
