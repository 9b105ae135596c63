// What the simulator records, and the surface a simulated command (src/shell/commands/*) works on.
import type { CopyStep, Location, PackagedFile } from '../types.js';
import type { TSNode } from './bash.js';
import type { VFS } from './vfs.js';
import type { Word, WordEnv } from './words.js';

export interface Unknown {
  loc: Location;
  why: string;
  /** Where the step writes, when its command says (`tar -C DIR`, `unzip -d DIR`, the folder it runs in): absolute. */
  dest?: string;
}

/** A copy into the tree: the step as the deploy facts spell it, and the absolute folder it wrote into. */
export interface CopyRec {
  step: Omit<CopyStep, 'to'>;
  toAbs: string;
}

/** `pip install -t <dir>`: dependencies land in `intoAbs` (no files are listed for them). */
export interface Install {
  intoAbs: string;
  loc: Location;
  command: string;
}

/** A zip archive the script wrote, and what `aws lambda …` said about the function deployed from it. */
export interface ZipOut {
  abs: string;
  /** The folder zip ran in: entries are relative to it. */
  root: string;
  files: Map<string, PackagedFile>;
  loc: Location;
  command: string;
  /** The layout unknowns recorded before the zip was (last) written. */
  unknowns: Unknown[];
  /** The notes (Shell.notes) recorded before the zip was (last) written. */
  notes?: Unknown[];
  functionName?: { value: string; loc: Location } | { why: string; loc: Location };
  handler?: { value: string; loc: Location };
  runtime?: { value: string; loc: Location };
  /** `--layers`: the layer ARNs as written. */
  layers?: { value: string; loc: Location }[];
}

/**
 * `docker build` / `docker buildx build`: paths are absolute in the tree (or why they are not known); tags are
 * patterns, `*` standing for a part that is not known (`$REGISTRY/my-repo:$TAG` is `*` `/my-repo:` `*`).
 */
export interface DockerBuildRec {
  dockerfile: { value: string } | { why: string };
  context: { value: string } | { why: string };
  target?: string;
  buildArgs: Record<string, string>;
  tags: string[];
  /** `--push`, `--output type=registry`, or a later `docker push` of one of its tags. */
  pushed: boolean;
  loc: Location;
  command: string;
}

/** An argument: the expanded word, and the paths its glob matched (null: not a glob, or it matched nothing). */
export interface Arg {
  w: Word;
  paths: string[] | null;
}

/** One simple command to simulate, its arguments expanded (after `sudo`). */
export interface Invocation {
  node: TSNode;
  name: string;
  words: Arg[];
  loc: Location;
  /** The command as written. */
  command: string;
}

/** The simulator's state a command reads and changes. */
export interface Shell {
  vfs: VFS;
  cwd: string;
  /** Why the current folder is not known (then relative paths cannot be simulated). */
  cwdWhy: string | null;
  dirStack: string[];
  home: string;
  copies: CopyRec[];
  installs: Install[];
  zips: Map<string, ZipOut>;
  /** The images `docker build` built (src/shell/commands/docker.ts). */
  dockerBuilds: DockerBuildRec[];
  /** Unknowns that may change files: every zip written afterwards carries them. */
  unknowns: Unknown[];
  /** What steps are known to leave out (a kept link that names nothing): said, the layout stays known. */
  notes: Unknown[];
  /** How words expand where the script is (for commands that read their own argument nodes). */
  wordEnv(): WordEnv;
  resolve(p: string): string;
  loc(n: TSNode): Location;
  /** Records an unknown that may change files (only under `dest`, when given). */
  unknown(n: TSNode, why: string, dest?: string): void;
}

export type Command = (sh: Shell, inv: Invocation) => void;
