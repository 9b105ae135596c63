// `Code.fromAsset(folder, { bundling: { image, command } })`: CDK runs `command` in the bundling image with the asset
// folder mounted at /asset-input (the working directory) and packages what it leaves in /asset-output (aws-cdk-lib
// core/lib/asset-staging.ts: AssetStaging.bundle, BUNDLING_INPUT_DIR / BUNDLING_OUTPUT_DIR). The command is run here on
// the one shell simulator when it is a literal list whose script is `bash -c` / `sh -c` text (or the words of one
// command): `pip install -r requirements.txt -t /asset-output && cp -au . /asset-output` packages the folder and
// its third-party packages. Anything else (an image's own entrypoint, `local` bundling, a command that is not a
// literal) stays an unknown with why.
import type { Location } from '../types.js';
import { ShellSim, VFS } from '../shell/index.js';
import { isUnder, known, relTo, unknown, type SourceContext, type SourceLayout } from './common.js';
import type { Known } from '../types.js';
import type { Val } from './cdk-values.js';
import { folderLayout } from './sim-layout.js';
import { shellQuote } from './package-json.js';

const INPUT = '/asset-input';
const OUTPUT = '/asset-output';

/** The package `command` writes to /asset-output from the asset folder `dir` (checked-folder relative). */
export function bundledLayout(dir: string, command: Val | undefined, ctx: SourceContext, loc: Location): Known<SourceLayout> {
  const script = scriptOf(command);
  if ('why' in script) return unknown(`Code.fromAsset with bundling: ${script.why}`, command?.loc ?? loc);
  const vfs = new VFS(INPUT, []);
  for (const f of ctx.files()) if (isUnder(f, dir) && f !== dir) vfs.setFile(`${INPUT}/${relTo(f, dir)}`, { src: f, loc: null });
  vfs.addDir(OUTPUT); // CDK mounts it (empty)
  const sim = new ShellSim({ root: INPUT, files: [], base: vfs, home: '/root' });
  const at = command?.loc ?? loc;
  const r = sim.run(script.text, { cwd: INPUT, env: () => undefined, locate: () => at });
  const layout = folderLayout(sim, OUTPUT, at);
  for (const u of r.unknowns) if (!layout.unknowns.some((x) => x.why === u.why)) layout.unknowns.push({ loc: u.loc, why: u.why });
  return known(layout, at);
}

function scriptOf(command: Val | undefined): { text: string } | { why: string } {
  if (!command) return { why: 'no command: the bundling image runs its own entrypoint, not read' };
  if (command.k !== 'list') return { why: command.k === 'unknown' ? `the command: ${command.why}` : 'the command is not a list of strings' };
  const words = command.items.map((i) => (i.k === 'str' ? i.v : null));
  if (words.some((w) => w === null)) return { why: 'a word of the command is not a string literal' };
  const w = words as string[];
  if (w.length === 3 && /^(\/bin\/|\/usr\/bin\/)?(ba)?sh$/.test(w[0]) && w[1] === '-c') return { text: w[2] };
  return { text: w.map(shellQuote).join(' ') };
}
