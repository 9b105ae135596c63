// What a caller gives one run of the simulator (ShellSim.run, src/shell/simulator.ts) and what the run gives back.
import type { Location } from '../types.js';
import type { Unknown } from './types.js';
import type { Lookup, StandIn } from './words.js';
import type { SeenCommand } from './observe.js';

/** `echo K=V >> FILE` into a file that sets the environment of what runs next (GitHub's $GITHUB_ENV). */
export interface EnvFile {
  /** Is the redirect's destination, as written, that file? */
  matches(destination: string): boolean;
  /** K is set to a value, or to something not known (why). */
  set(name: string, value: Lookup): void;
}

export interface RunOptions {
  /** The folder the script starts in (absolute), or why it is not known. */
  cwd: string;
  cwdWhy?: string | null;
  /** The environment the script starts with: undefined for an unset variable. */
  env(name: string): Lookup | undefined;
  /** Variables looked up last, after `$PWD` (the runner's own: HOME, …). */
  defaults?: Readonly<Record<string, string>>;
  standIns?: StandIn[];
  /** A script position (0-based rows/columns, as tree-sitter counts) → a place in the caller's file. */
  locate(start: { row: number; column: number }, end: { row: number; column: number }): Location;
  envFile?: EnvFile;
  /** Told of every simple command the script runs, before it is simulated (src/shell/observe.ts). */
  onCommand?(c: SeenCommand): void;
}

/** What one script did besides changing the tree: its unknowns (in order) and syntax problems. */
export interface RunResult {
  /** Every unknown of the script, the ones that change no file (an `aws` argument) included. */
  unknowns: Unknown[];
  problems: { loc: Location; message: string }[];
}
