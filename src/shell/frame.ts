// One running script's own state (its arguments, functions, exported names, call stack), how a builder file runs
// nested in it, the hook through which the caller follows calls of builder files, and the simulator as the
// statement loop, the script's own commands and that hook see it (Interpreter: ShellSim implements it).
import type { Location } from '../types.js';
import type { TSNode } from './bash.js';
import type { RunOptions, RunResult } from './options.js';
import type { Invocation, Shell } from './types.js';
import type { Lookup, WordEnv } from './words.js';

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
  run(sh: Interpreter, inv: Invocation & { env: Map<string, Lookup> }): boolean;
}

/** Nested calls deeper than this are unknowns (a loop through files the recursion guard cannot see). */
export const MAX_DEPTH = 12;

/** The running simulator (ShellSim) as statements.ts, control.ts, builtins.ts, command.ts and a CallHook use it. */
export interface Interpreter extends Shell {
  vars: Map<string, Lookup>;
  frame: Frame;
  opts: RunOptions;
  readonly calls?: CallHook;
  /** What the running script recorded; commands add to it through unknown(). */
  result: RunResult;
  exec(n: TSNode): void;
  assign(n: TSNode): void;
  touchesFiles(n: TSNode): boolean;
  words(): WordEnv;
  lookup(name: string): Lookup;
  childEnv(name: string): Lookup | undefined;
  unknownAt(loc: Location, why: string, dest?: string): void;
  runNested(script: string, o: NestedRun): void;
  collect(fn: () => void): RunResult;
}
