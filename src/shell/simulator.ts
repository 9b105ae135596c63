// The simulator: the state of a script running over the virtual tree (its folder, variables, frame, what it
// recorded) and the ways in: `run` (one script), `runNested` (a builder file a script calls, on the same tree),
// `collect`. Statements run in src/shell/statements.ts, `if` in control.ts, the script's own commands and calls
// of builder files in builtins.ts, simple commands in command.ts (the simulated ones: src/shell/commands/*).
// Commands under a condition that cannot be decided (`while`, `case`, an `if` on a command's status) are not run:
// when they would touch files they are unknowns (never guessed). A command that runs another builder file
// (`./build.sh`, `make package`) is handed to the caller's CallHook, which runs that file nested (runNested).
import { posix } from 'node:path';
import type { Location } from '../types.js';
import { firstError, getBashParser, type TSNode } from './bash.js';
import { COMMANDS } from './commands/index.js';
import { Exit, type CallHook, type Frame, type Interpreter, type NestedRun } from './frame.js';
import type { RunOptions, RunResult } from './options.js';
import { statement } from './statements.js';
import { substitute } from './substitute.js';
import type { CopyRec, DockerBuildRec, Install, Unknown, ZipOut } from './types.js';
import { VFS } from './vfs.js';
import { evalWord, wordPattern, type Lookup, type WordEnv } from './words.js';

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

const NO_RUN: RunOptions = { cwd: '/', env: () => undefined, locate: () => ({ file: '', line: 1, column: 1, endLine: 1, endColumn: 1 }) };

export class ShellSim implements Interpreter {
  vfs: VFS;
  home: string;
  copies: CopyRec[] = [];
  installs: Install[] = [];
  zips = new Map<string, ZipOut>();
  dockerBuilds: DockerBuildRec[] = [];
  unknowns: Unknown[] = [];
  notes: Unknown[] = [];
  // The running script's state.
  cwd = '/';
  cwdWhy: string | null = null;
  dirStack: string[] = [];
  vars = new Map<string, Lookup>();
  /** The running script's frame: its arguments, functions, exported names and call stack (frame.ts). */
  frame: Frame = { positional: null, functions: new Map(), exported: new Set(), stack: [], dotglob: false };
  readonly calls?: CallHook;
  opts: RunOptions = NO_RUN;
  /** What the running script recorded (RunResult); commands add to it through unknown(). */
  result: RunResult = { unknowns: [], problems: [] };

  constructor(opts: ShellOptions) {
    this.vfs = opts.base ? opts.base.clone() : new VFS(opts.root, opts.files, opts.links);
    this.home = opts.home;
    this.calls = opts.calls;
  }

  /** Runs one script over the tree (which keeps what earlier scripts did); shell variables start empty. */
  run(script: string, opts: RunOptions): RunResult {
    this.opts = opts;
    this.cwd = opts.cwd;
    this.cwdWhy = opts.cwdWhy ?? null;
    this.dirStack = [];
    this.vars = new Map();
    this.frame = { positional: null, functions: new Map(), exported: new Set(), stack: [], dotglob: false };
    const result: RunResult = { unknowns: [], problems: [] };
    this.result = result;
    this.parseAndExec(script);
    this.opts = NO_RUN;
    return result;
  }

  /** Runs `fn` (runNested calls from a caller, outside any script) and returns what it recorded. */
  collect(fn: () => void): RunResult {
    const saved = this.result;
    const result: RunResult = { unknowns: [], problems: [] };
    this.result = result;
    try {
      fn();
    } finally {
      this.result = saved;
    }
    return result;
  }

  private parseAndExec(script: string) {
    const root = getBashParser().parse(script).rootNode as TSNode;
    const err = firstError(root);
    if (err) {
      const why = `shell syntax error near ${JSON.stringify(err.text.slice(0, 40))}`;
      this.result.problems.push({ loc: this.loc(err), message: why });
      this.unknown(err, `step not simulated: ${why}`);
      return;
    }
    try {
      this.exec(root);
    } catch (e) {
      if (!(e instanceof Exit)) throw e;
    }
  }

  /**
   * Runs another script on this tree, as a child process would (`inPlace`: as `source` does, in this shell): its
   * own folder, arguments and variables (it sees the environment and the exported variables), positions in its
   * own file. The caller's state comes back afterwards.
   */
  runNested(script: string, o: NestedRun): void {
    const saved = { opts: this.opts, cwd: this.cwd, why: this.cwdWhy, dirs: this.dirStack, vars: this.vars, frame: this.frame };
    // The child's environment is the caller's as it is now (childEnv reads this.opts, which changes below).
    const { vars: callerVars, frame: callerFrame } = saved;
    const env = (name: string) => o.env?.(name) ?? (callerFrame.exported.has(name) ? callerVars.get(name) : undefined) ?? saved.opts.env(name);
    this.opts = { ...saved.opts, standIns: [], locate: o.locate, env: o.inPlace ? saved.opts.env : env, envFile: o.inPlace ? saved.opts.envFile : undefined };
    if (!o.inPlace) {
      this.cwd = o.cwd;
      this.cwdWhy = o.cwdWhy ?? null;
      this.dirStack = [];
      this.vars = new Map([['BASH_SOURCE', { value: o.argv0 }]]);
    }
    const positional = o.args ?? (o.inPlace ? this.frame.positional : []);
    this.frame = { positional, argv0: o.argv0, functions: o.inPlace ? this.frame.functions : new Map(), exported: new Set(this.frame.exported), stack: [...this.frame.stack, o.id], dotglob: this.frame.dotglob };
    try {
      this.parseAndExec(script);
    } finally {
      this.opts = saved.opts;
      this.frame = saved.frame;
      if (!o.inPlace) {
        this.cwd = saved.cwd;
        this.cwdWhy = saved.why;
        this.dirStack = saved.dirs;
        this.vars = saved.vars;
      }
    }
  }

  /** A variable as a child process of the running script sees it: exported, or from the environment. */
  childEnv(name: string): Lookup | undefined {
    return (this.frame.exported.has(name) ? this.vars.get(name) : undefined) ?? this.opts.env(name);
  }

  /** A variable as the running script sees it: its own, then the environment, `$PWD`, the defaults. */
  lookup(name: string): Lookup {
    const pos = this.frame.positional;
    if (pos && /^[0-9#@*]$/.test(name)) {
      if (name === '0') return this.frame.argv0 !== undefined ? { value: this.frame.argv0 } : { why: '$0 is not known' };
      if (name === '#') return { value: String(pos.length) };
      if (name === '@' || name === '*') return pos.length <= 1 ? { value: pos[0] ?? '' } : { why: `$${name} with ${pos.length} arguments is not simulated` };
      return { value: pos[Number(name) - 1] ?? '' };
    }
    const own = this.vars.get(name) ?? this.opts.env(name);
    if (own) return own;
    if (name === 'PWD' && !this.cwdWhy) return { value: this.cwd };
    const d = this.opts.defaults;
    if (d && Object.prototype.hasOwnProperty.call(d, name)) return { value: d[name] };
    return { why: `$${name} is not known` };
  }

  wordEnv(): WordEnv {
    return this.words();
  }

  words(): WordEnv {
    return { lookup: (n) => this.lookup(n), standIns: this.opts.standIns ?? [], home: this.home, substitute: (n) => substitute(this, n) };
  }

  loc(n: TSNode): Location {
    return this.opts.locate(n.startPosition, n.endPosition);
  }

  unknown(n: TSNode, why: string, dest?: string) {
    this.unknownAt(this.loc(n), why, dest);
  }

  /** An unknown at a place the caller names (a Makefile line that make cannot expand); `dest`: where it writes, when known. */
  unknownAt(loc: Location, why: string, dest?: string) {
    const u: Unknown = dest === undefined ? { loc, why } : { loc, why, dest };
    this.unknowns.push(u);
    this.result.unknowns.push(u);
  }

  resolve(p: string): string {
    return posix.resolve(this.cwd, p);
  }

  touchesFiles(n: TSNode): boolean {
    if (n.type === 'command') {
      const name = n.childForFieldName('name')?.text ?? '';
      if (COMMANDS.has(name) || name === 'aws' || this.frame.functions.has(name) || this.calls?.handles(name)) return true;
    }
    return n.namedChildren.some((c) => this.touchesFiles(c));
  }

  /** Runs one statement (src/shell/statements.ts). */
  exec(n: TSNode): void {
    statement(this, n);
  }

  assign(n: TSNode) {
    const name = n.childForFieldName('name')?.text;
    const value = n.childForFieldName('value');
    if (!name) return;
    if (!value) {
      this.vars.set(name, { value: '' });
      return;
    }
    const w = evalWord(value, this.words());
    this.vars.set(name, 'why' in w ? { why: `$${name} is not known: ${w.why}`, pattern: wordPattern(value, this.words()) } : { value: w.value });
  }
}
