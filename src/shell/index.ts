// The shell module: a script's effect on a virtual copy of the checked folder, for every builder that runs shell
// (GitHub workflow `run:` steps and Dockerfile RUN today; shell scripts, Makefile recipes and package.json scripts
// next). It knows nothing of GitHub or Docker: a caller gives the script text, the folder it starts in, its
// environment and a mapper from script positions to places in the caller's file, and reads back what the script
// did to the tree and what could not be known.
//
// The input it reads, for example:
//
//     mkdir -p build
//     cp -r src/app/* build/
//     pip install -r requirements.txt -t build
//     cd build && zip -qr ../app.zip . -x '*.pyc'
//     aws lambda update-function-code --function-name my-fn --zip-file fileb://../app.zip
//
// and the effect: build/ holds the files of src/app (each remembering its checked source and the `cp` that put it
// there), an install into build/ (pip's files are not listed), /work/app.zip with entries relative to build/, and
// the function my-fn deployed from it. An unset `$VAR`, `$(cmd)`, `${{ secrets.X }}` (a caller's stand-in without a
// value) or a command in an `if` that touches files is an unknown with why, never a guess.
//
//     const sim = new ShellSim({ root: '/work', files: ['src/app/main.py', …], home: '/root' });
//     const r = sim.run(script, { cwd: '/work', env: (name) => undefined, locate: (start, end) => location });
//     sim.vfs.files, sim.zips, sim.copies, sim.installs, sim.unknowns (across runs); r.unknowns, r.problems (this run)
//
// A ShellSim keeps its tree across runs (a job's steps share one checkout); `runScript` is the one-script form.
// Files: words.ts (expansion), vfs.ts (the tree), simulator.ts (the running state), statements.ts, control.ts (if),
// builtins.ts, command.ts (dispatch), substitute.ts, options.ts, frame.ts, commands/*.ts (one file per
// simulated command), bash.ts (tree-sitter-bash).
import type { RunOptions, RunResult } from './options.js';
import { ShellSim, type ShellOptions } from './simulator.js';
import type { CopyRec, DockerBuildRec, Install, Unknown, ZipOut } from './types.js';
import type { VFS } from './vfs.js';

export { ShellSim, type ShellOptions } from './simulator.js';
export type { EnvFile, RunOptions, RunResult } from './options.js';
export type { CopyRec, DockerBuildRec, Install, Invocation, Unknown, ZipOut } from './types.js';
export type { CallHook, Interpreter, NestedRun } from './frame.js';
export { VFS, type VFile } from './vfs.js';
export { evalWord, wordPattern, type Lookup, type StandIn, type Word, type WordEnv } from './words.js';
export { commandsIn, getBashParser, type TSNode } from './bash.js';
export { COMMANDS, isPip, pipTarget } from './commands/index.js';
export type { SeenCommand, SeenWord } from './observe.js';
export { patternsAgree } from './commands/docker.js';

/** What one script did: the tree after it, the zips it wrote, its copies and installs, and its unknowns. */
export interface ShellEffect extends RunResult {
  vfs: VFS;
  zips: Map<string, ZipOut>;
  copies: CopyRec[];
  installs: Install[];
  /** The images `docker build` built. */
  dockerBuilds: DockerBuildRec[];
  /** The unknowns that may have changed files (a subset of `unknowns`). */
  fileUnknowns: Unknown[];
  /** What steps are known to leave out (a kept link that names nothing). */
  notes: Unknown[];
}

/** Runs one script over the checked folder's files mounted at `root`. */
export function runScript(script: string, opts: ShellOptions & RunOptions): ShellEffect {
  const sim = new ShellSim(opts);
  const r = sim.run(script, opts);
  return { ...r, vfs: sim.vfs, zips: sim.zips, copies: sim.copies, installs: sim.installs, dockerBuilds: sim.dockerBuilds, fileUnknowns: sim.unknowns, notes: sim.notes };
}
