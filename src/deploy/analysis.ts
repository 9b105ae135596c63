// What the package of a Lambda function lacks, from its graph (pure: HND001 and the LPK rules).
//   brokenImports: local imports of the handler's closure that do not resolve in the package while
//                  the repository has the module (what the package is missing);
//   flatCopies:    the copy steps that explain them: a folder copied to another path than the one
//                  the code imports it by (spec 427's `cp -r src/lambdas/ingestion/* dest/`).
import type { CopyStep, Location, PackagedFile, Span } from '../types.js';
import { handlerString, type PackagedFunction } from '../graph/deployed.js';
import { noModuleNamed } from '../graph/not-found.js';
import type { DeployedGraph } from '../graph/types.js';
import { spanOf } from '../util/span.js';

export interface BrokenImport {
  graph: DeployedGraph;
  pf: PackagedFunction;
  /** The importing file (repository path) and the span of the module text / string. */
  file: string;
  span: Span;
  /** Absolute dotted module the code asks for. */
  target: string;
  via: 'import' | 'module-path';
  /** The repository file (or folder, for a namespace package) that name means from the repository root. */
  repoFile: string;
  /** Where that file is in the package (empty: not packaged). */
  packagedAt: PackagedFile[];
  /** What Python raises: `No module named 'src.lib'`. */
  error: string;
}

/**
 * Whether a build step that fails (PackagedFunction.pending) would, once it builds, put something at the module's
 * path: the module itself, a folder above it, or a file inside its folder (which makes it a namespace package).
 */
export function mayFill(pending: readonly string[] | undefined, dotted: string): boolean {
  if (!pending?.length) return false;
  const m = dotted.split('.').join('/');
  return pending.some((d) => {
    const p = d.replace(/(\/__init__)?\.py$/, '');
    return p === m || p.startsWith(`${m}/`) || m.startsWith(`${p}/`);
  });
}

export function brokenImports(graph: DeployedGraph, pf: PackagedFunction): BrokenImport[] {
  if (pf.partial || pf.entryModule === undefined) return [];
  const closure = graph.fullClosure(pf.entryModule);
  const out: BrokenImport[] = [];
  const add = (file: string, span: Span, target: string, via: BrokenImport['via']) => {
    if (!target || target.startsWith('.') || mayFill(pf.pending, target)) return;
    const r = graph.deploy.repo.resolve(target);
    if (!r) return;
    const repoFile = r.kind === 'namespace' ? r.dir : r.file;
    const packagedAt = r.kind === 'namespace' ? [] : pf.toPackage(repoFile);
    out.push({ graph, pf, file, span, target, via, repoFile, packagedAt, error: noModuleNamed(graph.resolver, target) });
  };
  for (const u of graph.deploy.packageMisses.imports) {
    if (!closure.has(u.from) || u.fact.guard !== 'none') continue;
    add(u.file, spanOf(u.fact.moduleSpan), u.target, 'import');
  }
  for (const u of graph.deploy.packageMisses.modulePaths) {
    if (!closure.has(u.from)) continue;
    add(u.file, spanOf(u.fact), u.fact.value, 'module-path');
  }
  return out;
}

export interface FlatCopy {
  copy: CopyStep;
  pf: PackagedFunction;
  /** The imports the copy breaks. */
  imports: BrokenImport[];
  /** The handler names the repository path of a file this copy put elsewhere. */
  handler: boolean;
  /** The copy that keeps the repository path (`mkdir -p dest/src/x && cp -r src/x/* dest/src/x/`). */
  fix: string;
  /** The handler string that matches once the copy keeps the path. */
  handlerAfter?: string;
}

const sameLoc = (a: Location, b: Location) => a.file === b.file && a.line === b.line && a.column === b.column;
const under = (p: string, dir: string) => dir === '' || p === dir || p.startsWith(`${dir}/`);
const parent = (p: string) => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');

/** The step that put a packaged file there, when it copied a folder the file is in. */
function stepOf(pf: PackagedFunction, placed: PackagedFile): CopyStep | undefined {
  return pf.layout.copies?.find((c) => sameLoc(c.loc, placed.loc) && c.from !== placed.src && under(placed.src, c.from));
}

export function flatCopies(graph: DeployedGraph, pf: PackagedFunction): FlatCopy[] {
  if (pf.partial) return [];
  const byStep = new Map<CopyStep, FlatCopy>();
  const get = (copy: CopyStep) => {
    let f = byStep.get(copy);
    if (!f) byStep.set(copy, (f = { copy, pf, imports: [], handler: false, fix: fixFor(copy) }));
    return f;
  };
  for (const b of brokenImports(graph, pf)) {
    for (const placed of b.packagedAt) {
      const step = placed.dest !== placed.src ? stepOf(pf, placed) : undefined;
      if (step) {
        get(step).imports.push(b);
        break;
      }
    }
  }
  // A web server's `module:app` is not a handler: HND002 names the string that resolves, not a handler string.
  if (pf.relocated && pf.handler && (!pf.fn.startup || pf.fn.startup.kind === 'handler')) {
    const step = stepOf(pf, pf.relocated);
    if (step) get(step).handler = true;
  }
  for (const f of byStep.values()) {
    const h = pf.handler;
    const src = pf.relocated?.src ?? (pf.entryModule !== undefined ? graph.modules.get(pf.entryModule)?.file : undefined);
    // `python main.py` (func '') names a file, not a handler: there is no handler string to set.
    if (h && h.func !== '' && src && under(src, f.copy.from)) {
      const module = src.replace(/(\/__init__)?\.py$/, '').split('/').join('.');
      f.handlerAfter = handlerString(module, h.func, h);
    }
  }
  return [...byStep.values()];
}

/** The command that copies the same source to its repository path inside the package. */
export function fixFor(copy: CopyStep): string {
  const words = copy.command.trim().split(/\s+/);
  const destText = (words[words.length - 1] ?? '').replace(/\/+$/, '');
  let root: string | undefined;
  if (copy.to === '') root = destText;
  else if (destText.endsWith(`/${copy.to}`)) root = destText.slice(0, -(copy.to.length + 1));
  const target = copy.contentsOf ? copy.from : parent(copy.from);
  const into = root === undefined ? `<package>/${target}` : target ? `${root}/${target}` : root;
  if (/^(COPY|ADD)\b/i.test(words[0] ?? '')) return `COPY ${copy.fromText} ${into}/`;
  return `mkdir -p ${into} && cp -r ${copy.fromText} ${into}/`;
}
