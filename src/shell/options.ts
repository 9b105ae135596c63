// What a caller gives the simulator (ShellSim, src/shell/simulator.ts) and what one run gives back.
import type { Location } from '../types.js';
import type { CallHook } from './frame.js';
import type { Unknown } from './types.js';
import type { VFS } from './vfs.js';
import type { Lookup, StandIn } from './words.js';

export interface ShellOptions {
  /** Where the checked folder is mounted (absolute), and its files (relative to it). */
  root: string;
  files: Iterable<string>;
  /** The symbolic links among them (relative path → target as written). */
  links?: Iterable<[string, string]>;
  /** `~` and a bare `cd` go there. */
  home: string;
  /** Commands that run other builder files (scripts, make, npm run): the caller follows them. */
  calls?: CallHook;
  /** A tree to start from instead of mounting `files` (copied: the base is not changed). */
  base?: VFS;
}

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
}

/** What one script did besides changing the tree: its unknowns (in order) and syntax problems. */
export interface RunResult {
  /** Every unknown of the script, the ones that change no file (an `aws` argument) included. */
  unknowns: Unknown[];
  problems: { loc: Location; message: string }[];
}
