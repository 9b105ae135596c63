// The model a Dockerfile is read into: its stages (each a filesystem as far as the Dockerfile builds it) and the
// build (the Dockerfile, its context), with the positions messages point at.
import type { CopyStep, Location } from '../types.js';
import { at } from './common.js';
import type { Instruction, Vars } from './dockerfile-read.js';

export interface Stage {
  name?: string;
  image: string;
  lambdaBase: boolean;
  vars: Vars;
  unknownVars: Map<string, string>;
  /** '\u0000unknown' once a WORKDIR is not known. */
  workdir: string;
  /** Absolute path in the image → origin. */
  files: Map<string, { src: string; loc: Location }>;
  dirs: Set<string>;
  copies: { step: Omit<CopyStep, 'to'>; toAbs: string }[];
  /** `destAbs`: where the step writes, when known (unknowns outside the task root are dropped). */
  unknowns: { loc: Location; why: string; destAbs?: string; fails?: true; link?: string }[];
  /** Folders a RUN installed dependencies into (`pip install -t`): their files are not listed. */
  installs: string[];
  /** Links COPY kept (absolute path in the image → target as written, and the COPY): dockerfile-links.ts. */
  links?: Map<string, { target: string; loc: Location }>;
  cmd?: { list: { value: string; start: number; end: number }[] | null; ins: Instruction };
  entrypoint?: { list: { value: string; start: number; end: number }[] | null; ins: Instruction };
  fromLoc: Location;
  fromIns: Instruction;
}

/** The Dockerfile and its build context (checked-folder relative folder, its files and folders relative to it). */
export interface Build {
  path: string;
  context: string;
  files: string[];
  dirs: Set<string>;
  /** The context's links (context-relative path → target as written). */
  links?: Map<string, string>;
  /** The stages read so far (`COPY --from=<name|index>`). */
  stages: Stage[];
  /** `--build-arg` values, over every ARG default. */
  buildArgs: Map<string, string>;
  /** Context-relative paths `.dockerignore` leaves out of the context, each with why (dockerignore.ts). */
  ignored?: Map<string, { pattern: string; loc: Location }>;
  /** COPY/ADD sources that the context does not hold (how the build context is chosen when nothing names it). */
  missing?: number;
}

export function insLoc(b: Build, ins: Instruction): Location {
  return at(b.path, ins.span);
}

export function insLocAt(b: Build, ins: Instruction, a: number, z: number): Location {
  const s = ins.pos(a);
  const e = ins.pos(z);
  return at(b.path, { line: s.line, column: s.column, endLine: e.line, endColumn: e.column });
}

export function workdirKnown(s: Stage): boolean {
  return !s.workdir.startsWith('\u0000');
}

export function whyVar(why: string, s: Stage): string {
  const m = /^\$([A-Za-z_][A-Za-z0-9_]*) is not known$/.exec(why);
  if (m && s.unknownVars.has(m[1])) return `$${m[1]}: ${s.unknownVars.get(m[1])}`;
  return why;
}
