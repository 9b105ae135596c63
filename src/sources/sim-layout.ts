// What a simulated build leaves as a package: the entries of a zip it wrote, or the files of a folder it filled
// (SAM's $(ARTIFACTS_DIR)), with the copies into it (LPK003 reads them) and the unknowns that may have changed it.
import { posix } from 'node:path';
import type { CopyStep, Location, PackagedFile } from '../types.js';
import type { ShellSim, ZipOut } from '../shell/index.js';
import { at, known, unknown, type SourceFunction, type SourceLayout } from './common.js';
import { cmp } from '../util/compare.js';

function copiesInto(sim: ShellSim, root: string): CopyStep[] {
  const inRoot = (abs: string) => abs === root || abs.startsWith(root + '/');
  return sim.copies.filter((c) => inRoot(c.toAbs)).map((c) => ({ ...c.step, to: posix.relative(root, c.toAbs) }));
}

export function zipLayout(sim: ShellSim, z: ZipOut): SourceLayout {
  const layout: SourceLayout = { how: 'simulated', files: [...z.files.values()].sort((a, b) => cmp(a.dest, b.dest)), copies: copiesInto(sim, z.root), unknowns: z.unknowns };
  if (z.notes?.length) layout.notes = z.notes.map(({ loc, why }) => ({ loc, why }));
  return layout;
}

export function folderLayout(sim: ShellSim, dir: string, fallback: Location): SourceLayout {
  const files: PackagedFile[] = [];
  for (const [abs, f] of sim.vfs.under(dir)) if (f.src !== null) files.push({ dest: posix.relative(dir, abs), src: f.src, loc: f.loc ?? fallback });
  const layout: SourceLayout = { how: 'simulated', files: files.sort((a, b) => cmp(a.dest, b.dest)), copies: copiesInto(sim, dir), unknowns: [...sim.unknowns] };
  const inDir = (abs?: string) => abs !== undefined && (abs === dir || abs.startsWith(dir + '/'));
  const notes = sim.notes.filter((u) => inDir(u.dest));
  if (notes.length) layout.notes = notes.map(({ loc, why }) => ({ loc, why }));
  return layout;
}

/** The function a zip written by a builder (not a workflow) stands for; linking gives it its IaC definition. */
export function scriptZipFunction(sim: ShellSim, z: ZipOut): SourceFunction {
  const zipName = posix.basename(z.abs);
  const artifact = sim.vfs.checked(z.abs);
  const fn: SourceFunction = {
    name: z.functionName && 'value' in z.functionName ? z.functionName.value : zipName,
    source: 'script',
    loc: z.loc,
    packageType: 'zip',
    handler: z.handler ? known(z.handler.value, z.handler.loc) : unknown(`${z.loc.file} builds ${zipName} but does not set the handler (it is set where the function is defined)`, z.loc),
    layout: known(zipLayout(sim, z), z.loc),
    artifact: artifact.startsWith('/') ? undefined : artifact,
  };
  if (z.runtime) fn.runtime = known(z.runtime.value, z.runtime.loc);
  if (z.functionName) fn.functionName = 'value' in z.functionName ? known(z.functionName.value, z.functionName.loc) : unknown(z.functionName.why, z.functionName.loc);
  return fn;
}

export { at };
