// SAM `Metadata: BuildMethod: makefile`: `sam build` runs the `build-<LogicalId>` target of the Makefile in the
// function's CodeUri folder, with ARTIFACTS_DIR set to the folder that becomes the package. The package is what
// the recipe leaves there, simulated on the shell reader (its copies at the Makefile's lines).
import { isScalar, type LineCounter, type Node as YNode } from 'yaml';
import type { Known, Location } from '../types.js';
import { ShellSim } from '../shell/index.js';
import { builderCalls, runMakefile, type BuilderFiles } from './builder-calls.js';
import { joinRel, unknown, known, type SourceContext, type SourceLayout } from './common.js';
import { parseMakefile } from './makefile.js';
import { folderLayout } from './sim-layout.js';
import { entry, yamlLoc } from './yaml.js';
import type { SourceFunction } from './common.js';

const ROOT = '/sam';
const MAKEFILES = ['GNUmakefile', 'makefile', 'Makefile'];

export function samMakefileLayout(ctx: SourceContext, codeRoot: string, logicalId: string, loc: Location): Known<SourceLayout> {
  const mfPath = MAKEFILES.map((n) => joinRel(codeRoot, n)).find((p): p is string => p !== null && ctx.exists(p) && !ctx.isDir(p));
  if (!mfPath) return unknown(`BuildMethod makefile: no Makefile in ${codeRoot || 'the template folder'}`, loc);
  const text = ctx.text?.(mfPath);
  if (text === undefined) return unknown(`BuildMethod makefile: ${mfPath} is not read`, loc);
  const files: BuilderFiles = { text: (p) => ctx.text?.(p), called: ctx.called ?? new Set() };
  const sim = new ShellSim({ root: ROOT, files: ctx.files(), links: ctx.links?.(), home: '/root', calls: builderCalls(files) });
  // SAM's default build folder; outside the code folder, so nothing checked is already there.
  const artifacts = `${ROOT}/.aws-sam/build/${logicalId}`;
  const target = `build-${logicalId}`;
  const mf = parseMakefile(mfPath, text);
  sim.vfs.addDir(artifacts); // sam build creates it before running make
  sim.collect(() =>
    runMakefile(sim, files, mf, codeRoot ? `${ROOT}/${codeRoot}` : ROOT, [target], new Map(), loc, (n) => (n === 'ARTIFACTS_DIR' ? { value: artifacts } : undefined)),
  );
  files.called.add(`make:${mfPath}:${target}`);
  const layout = folderLayout(sim, artifacts, loc);
  // Messages quote the copy as the Makefile spells it, not with the simulated folder.
  for (const c of layout.copies ?? []) c.command = c.command.split(artifacts).join('$(ARTIFACTS_DIR)');
  return known(layout, loc);
}

/** A zip function with `Metadata: BuildMethod: makefile` gets the package its Makefile target builds. */
export function withMakefileBuild(ctx: SourceContext, res: unknown, fn: SourceFunction, path: string, lc: LineCounter) {
  const bm = entry(entry(res, 'Metadata')?.value, 'BuildMethod');
  if (!bm || !isScalar(bm.value) || String(bm.value.value).toLowerCase() !== 'makefile') return;
  if (fn.packageType !== 'zip' || !fn.layout.known || fn.layout.value.how !== 'code-root') return;
  fn.layout = samMakefileLayout(ctx, fn.layout.value.codeRoot ?? '', fn.name, yamlLoc(path, lc, bm.value as YNode));
}
