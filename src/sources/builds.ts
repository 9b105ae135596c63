// The folders builders build: a workflow job's (or a script's) effect on the checked-out tree as a BuildTree, and
// the package layout of one folder of it, for the IaC definition that zips that folder (spec 427: the workflow
// builds packages/ingestion-build/ by copying, Terraform's archive_file zips it).
import { archiveExcluder } from './terraform-artifacts.js';
import type { CopyStep, DeployFacts, Location, PackagedFile } from '../types.js';
import type { Interpreter } from '../shell/index.js';
import { dirOf, isUnder, known, relTo, unknown, type BuildTree, type SourceContext, type SourceFunction, type SourceLayout } from './common.js';

/**
 * What the steps run on `sim` left under `root` (where the `checked` files are mounted) that differs from the
 * checkout: the files they placed, the checked files they removed, their copies.
 */
export function treeOf(sim: Interpreter, root: string, checked: readonly string[], label: string, loc: Location): BuildTree {
  const placed: PackagedFile[] = [];
  const pre = root + '/';
  const removed = checked.filter((f) => !sim.vfs.files.has(pre + f));
  for (const [abs, f] of sim.vfs.files) {
    if (f.loc !== null && f.src !== null && abs.startsWith(pre)) placed.push({ dest: abs.slice(pre.length), src: f.src, loc: f.loc });
  }
  const copies: CopyStep[] = sim.copies
    .filter((c) => c.toAbs === root || c.toAbs.startsWith(pre))
    .map((c) => ({ ...c.step, to: sim.vfs.checked(c.toAbs) }));
  return { label, loc, placed, removed, copies, unknowns: [...sim.unknowns] };
}

/**
 * The folders a tree's steps copy into, each widened to the outermost folder the checkout does not have
 * (`packages/` for `packages/x-build/src/lib`), without those inside another.
 */
export function builtFolders(tree: BuildTree, ctx: SourceContext): string[] {
  const tos = new Set<string>();
  for (const c of tree.copies) {
    let t = c.to;
    if (t === '' || t.startsWith('/')) continue;
    while (!ctx.isDir(t) && dirOf(t) !== '' && !ctx.isDir(dirOf(t))) t = dirOf(t);
    tos.add(t);
  }
  const all = [...tos].sort();
  return all.filter((t) => !all.some((o) => o !== t && isUnder(t, o)));
}

export interface BuiltFolder {
  layout: SourceLayout;
  /** The folder is committed too: its checked files are in the layout only where the steps left them. */
  committed: boolean;
}

/**
 * `folder` as `tree` leaves it, or null when its steps build nothing there. A step builds a folder when it copies
 * files from outside it into it, and, when it is committed too, places all its Python; then the folder's package is
 * what the steps leave there (the checked files still there, and those placed), read as Lambda's /var/task: `dest`
 * relative to the folder. `excludes` (archive_file's)
 * are globs relative to the folder.
 */
export function builtLayout(tree: BuildTree, folder: string, ctx: SourceContext, excludes?: string[]): BuiltFolder | null {
  if (folder === '') return null;
  const atDeploy = tree.deployDir !== undefined;
  if (atDeploy && !(folder === tree.deployDir || isUnder(folder, tree.deployDir!))) return null;
  const inside = (p: string) => p !== folder && isUnder(p, folder);
  const placed = tree.placed.filter((p) => inside(p.dest));
  if (!placed.some((p) => !isUnder(p.src, folder))) return null;
  const isEx = excludes?.length ? archiveExcluder(excludes) : () => false;
  const files = new Map<string, PackagedFile>();
  const committed = ctx.isDir(folder);
  for (const p of placed) files.set(p.dest, p);
  if (committed) {
    const gone = new Set(tree.removed);
    for (const f of ctx.files()) {
      if (!inside(f) || gone.has(f) || files.has(f)) continue;
      // A committed folder is a build output only when the steps place all its Python (`cp .env src/` is not a build),
      // or when the tree is the one a deploy packaged (the files copied in from outside are then in the package).
      if (f.endsWith('.py') && !atDeploy) return null;
      files.set(f, { dest: f, src: f, loc: tree.loc });
    }
  }
  const out: PackagedFile[] = [];
  for (const f of [...files.values()].sort((a, b) => (a.dest < b.dest ? -1 : a.dest > b.dest ? 1 : 0))) {
    const rel = relTo(f.dest, folder);
    if (!isEx(rel)) out.push({ ...f, dest: rel });
  }
  const copies = tree.copies.filter((c) => c.to === folder || inside(c.to)).map((c) => ({ ...c, to: c.to === folder ? '' : relTo(c.to, folder) }));
  return { layout: { how: 'simulated', files: out, copies, unknowns: tree.unknowns }, committed };
}

/** Same package, same key: two jobs (or a job and the script it runs) that build the same files are one candidate. */
export function layoutKey(l: SourceLayout): string {
  return JSON.stringify((l.files ?? []).map((f) => [f.dest, f.src]));
}

const BUILDERS = new Set(['workflow', 'script']);
const where = (l: Location) => `${l.file}:${l.line}`;

/**
 * Each IaC function whose package is a folder (CodeUri, archive_file source_dir, a module's source_path) that a
 * builder builds gets that folder as the builder leaves it: a simulated layout whose copies are the steps, so the
 * LPK rules point at the step. Several builders building it differently: not known, with the candidates. A folder
 * that is not in the repository and that no builder read here builds: not known either (never an empty package).
 */
export function linkBuiltFolders(out: DeployFacts, builds: BuildTree[], ctx: SourceContext) {
  const link = (l: { loc: Location; message: string }) => (out.links ??= []).push(l);
  for (const fn of out.functions as SourceFunction[]) {
    if (BUILDERS.has(fn.source) || fn.source === 'dockerfile' || fn.packageType !== 'zip') continue;
    const dir = fn.packageDir ?? (fn.layout.known && fn.layout.value.how === 'code-root' ? { dir: fn.layout.value.codeRoot ?? '', loc: fn.layout.loc } : undefined);
    if (!dir || dir.dir === '') continue;
    const byKey = new Map<string, { tree: BuildTree; built: BuiltFolder }>();
    for (const tree of builds) {
      const built = builtLayout(tree, dir.dir, ctx, dir.excludes);
      if (built && !byKey.has(layoutKey(built.layout))) byKey.set(layoutKey(built.layout), { tree, built });
    }
    const cands = [...byKey.values()];
    if (cands.length === 1) {
      const { tree, built } = cands[0];
      fn.layout = known(built.layout, dir.loc);
      fn.linked = [...(fn.linked ?? []), tree.loc];
      link({
        loc: dir.loc,
        message: built.committed
          ? `${dir.dir} is committed, and ${tree.label} builds it (${where(tree.loc)}): ${fn.name} is checked as built`
          : `${fn.name} zips ${dir.dir}, which ${tree.label} builds (${where(tree.loc)}): checked as built`,
      });
    } else if (cands.length > 1) {
      fn.layout = unknown(`${dir.dir} is built differently by ${cands.map((c) => `${c.tree.label} (${where(c.tree.loc)})`).join(' and ')}`, dir.loc);
    } else if (!ctx.isDir(dir.dir)) {
      const others = [...new Set(builds.flatMap((t) => builtFolders(t, ctx)))].slice(0, 4);
      fn.layout = unknown(`${dir.dir} is not in the repository, and no build step read here creates it${others.length ? ` (the steps build ${others.join(', ')})` : ''}`, dir.loc);
    }
    if (!fn.layout.known) out.unknowns.push({ loc: dir.loc, what: `${fn.name} layout`, why: fn.layout.why });
  }
  const built = new Map<string, Location>();
  for (const tree of builds) for (const f of builtFolders(tree, ctx)) if (builtLayout(tree, f, ctx)) built.set(f, tree.loc);
  if (built.size) out.built = [...built].map(([folder, by]) => ({ folder, by }));
}
