// One running script's own state (its arguments, functions, exported names, call stack), how a builder file runs
// nested in it, and the hook through which the caller follows calls of builder files.
import type { TSNode } from './bash.js';
import type { RunOptions } from './options.js';
import type { ShellSim } from './simulator.js';
import type { Invocation } from './types.js';
import type { Lookup } from './words.js';

/** Thrown by `exit` (ends the script or subshell) and `return` (ends the function). */
export class Exit {
  constructor(readonly kind: 'exit' | 'return') {}
}

/** One running script's own state. */
export interface Frame {
  /** $1…: null when the script's arguments are not known (a workflow step: $1 stays unknown). */
  positional: string[] | null;
  argv0?: string;
  functions: Map<string, { body: TSNode; locate: RunOptions['locate'] }>;
  exported: Set<string>;
  /** Ids of the builder files running (the call chain), for the recursion guard. */
  stack: string[];
  dotglob: boolean;
}

/** How a builder file runs nested (ShellSim.runNested). */
export interface NestedRun {
  /** What runs (`script:deploy.sh`, `make:Makefile:package`): a call already on the stack is not run again. */
  id: string;
  cwd: string;
  cwdWhy?: string | null;
  args?: string[];
  /** $0 / ${BASH_SOURCE[0]}. */
  argv0: string;
  locate: RunOptions['locate'];
  /** Variables set for this run only (`FOO=1 ./x.sh`, make's exported variables). */
  env?: (name: string) => Lookup | undefined;
  /** `source`: runs in the caller's shell (its folder and variables stay changed). */
  inPlace?: boolean;
}

/** A command that runs a builder file: `./build.sh`, `bash scripts/x.sh`, `make package`, `npm run build`. */
export interface CallHook {
  /** By name only (no file is read): could this command run a builder file? */
  handles(name: string): boolean;
  /** Follows the call (nested runs on `sh`); false: not a call it follows, the command runs as any other. */
  run(sh: ShellSim, inv: Invocation & { env: Map<string, Lookup> }): boolean;
}

/** Nested calls deeper than this are unknowns (a loop through files the recursion guard cannot see). */
export const MAX_DEPTH = 12;
