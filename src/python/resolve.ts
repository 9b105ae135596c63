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
import { nearest } from './near-names.js';
import type { Classification, FileSet, Resolution, ResolverOptions } from './resolve-types.js';
import { ownName } from './local-names.js';
import { possiblyProvided } from './deps.js';
import { caseSpelling } from './case-spelling.js';
import { isIdentifier, isStdlib, moduleStem, SUFFIXES } from './importable.js';
import { join, normRoot } from './resolve-paths.js';
import { extensionDirsOf, PathWalk } from './resolve-walk.js';
import { absolutize } from './resolve-relative.js';
import { droppedLeading, folderPrefixesBelow, MAX_IMPORT_PATH, reRootings, type FolderPrefixes } from './resolve-suggest.js';

export type { Classification, FileSet, Resolution, ResolverOptions } from './resolve-types.js';
export { isStdlib } from './importable.js';
export { localTopLevelNames } from './local-names.js';
export { fileSetOf } from './resolve-paths.js';

/** A first segment no distribution installs: the src-layout folder (see classify). */
const NEVER_INSTALLED = 'src';

export class Resolver {
  readonly root: string;
  private readonly files: FileSet;
  private readonly localTopLevel: Set<string>;
  private readonly dependencies: Set<string>;
  private readonly paths?: Iterable<string>;
  /** sys.path entries after the root (layers); empty for a plain root. */
  readonly searchPath: string[];
  private readonly cache = new Map<string, Resolution | null>();
  private below?: FolderPrefixes;
  private readonly walk: PathWalk;

  constructor(opts: ResolverOptions) {
    this.root = normRoot(opts.root);
    this.files = opts.files;
    this.localTopLevel = opts.localTopLevel;
    this.dependencies = opts.dependencies;
    this.paths = opts.paths;
    this.searchPath = (opts.searchPath ?? []).map(normRoot).filter((d) => d !== this.root);
    this.walk = new PathWalk(this.root, this.searchPath, this.files, this.dependencies, extensionDirsOf(opts.paths));
  }

  /** The same files from another root (a workflow step's folder), with these sys.path entries after it. */
  withRoot(root: string, searchPath: string[] = []): Resolver {
    return new Resolver({ root, files: this.files, localTopLevel: this.localTopLevel, dependencies: this.dependencies, paths: this.paths, searchPath });
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
    const r = this.walk.find(dotted);
    this.cache.set(dotted, r ?? null);
    return r;
  }

  /** Is there a folder with some file below it (posix, relative to the checked folder, or the package for a virtual root)? */
  hasDir(dir: string): boolean {
    return this.files.hasDir(dir);
  }

  /** A relative import made absolute (see absolutize in resolve-relative.ts). */
  absolutize(fromModule: string, fromIsPackage: boolean, level: number, module: string): string | undefined {
    return absolutize(fromModule, fromIsPackage, level, module);
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
   * For a top-level name no one provides (classify gives `external`): the local top-level package or module that
   * resolves under the root, or the declared dependency, one or two edits away (near-names.ts), if exactly one is.
   */
  nearMiss(top: string): { name: string; kind: 'local' | 'dependency' } | undefined {
    const local = nearest(top, [...this.localTopLevel].filter((n) => this.resolve(n)));
    if (local) return { name: local, kind: 'local' };
    const dependency = nearest(top, this.dependencies);
    return dependency ? { name: dependency, kind: 'dependency' } : undefined;
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
    const resolves = (name: string) => this.resolve(name) !== undefined;

    // Re-rooting below the root: every candidate keeps the full name.
    if (dotted.length <= MAX_IMPORT_PATH && segs.every(isIdentifier)) {
      const found = reRootings(dotted, segs, this.folderPrefixes(), resolves);
      if (found.size === 1) return [...found][0];
      if (found.size > 1) return undefined;
    }
    return droppedLeading(dotted, segs, resolves);
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

  /** See folderPrefixesBelow; computed once, on the first re-rooting. */
  private folderPrefixes(): FolderPrefixes {
    return (this.below ??= folderPrefixesBelow(this.root, this.paths));
  }
}
