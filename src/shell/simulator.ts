// The simulator: runs a script's commands (src/shell/commands/*) over the virtual tree, statement by statement.
// `a && b` runs both (the left side is assumed to succeed), `a || b` runs only `a`, unless `a` is a test the tree
// decides (`[ -d build ] || mkdir build`); subshells restore the folder and the variables; `for x in literal words`
// runs its body per word; an `if` whose test the tree decides runs that branch (src/shell/control.ts); functions
// run where they are called, with their arguments; `exit` ends the script. Commands under a condition that cannot
// be decided (`while`, `case`, an `if` on a command's status) are not run: when they would touch files they are
// unknowns (never guessed). A command that runs another builder file (`./build.sh`, `make package`) is handed to
// the caller's CallHook, which runs that file nested (runNested) on the same tree.
import { posix } from 'node:path';
import type { Location } from '../types.js';
import { firstError, getBashParser, type TSNode } from './bash.js';
import { refresh } from './links.js';
import { AWS, COMMANDS, DOCKER, PIP, isPip } from './commands/index.js';
import { Exit, control, type CallHook, type Frame, type NestedRun } from './control.js';
import { argsWithHoles, echoEnv, expandArgs } from './args.js';
import type { CopyRec, DockerBuildRec, Install, Shell, Unknown, ZipOut } from './types.js';
import { VFS } from './vfs.js';
import { evalWord, wordPattern, type Lookup, type StandIn, type Word, type WordEnv } from './words.js';

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

const NO_RUN: RunOptions = { cwd: '/', env: () => undefined, locate: () => ({ file: '', line: 1, column: 1, endLine: 1, endColumn: 1 }) };

export class ShellSim implements Shell {
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
  /** The running script's frame: its arguments, functions, exported names and call stack (control.ts). */
  frame: Frame = { positional: null, functions: new Map(), exported: new Set(), stack: [], dotglob: false };
  readonly calls?: CallHook;
  opts: RunOptions = NO_RUN;
  private result: RunResult = { unknowns: [], problems: [] };

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
    return { lookup: (n) => this.lookup(n), standIns: this.opts.standIns ?? [], home: this.home, substitute: (n) => control.substitute(this, n) };
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

  exec(n: TSNode): void {
    switch (n.type) {
      case 'program':
      case 'compound_statement':
      case 'do_group':
      case 'pipeline':
      case 'negated_command':
        for (const c of n.namedChildren) this.exec(c);
        return;
      case 'list': {
        // `a && b && …` nests to the left, one level per operator: walk down the left spine, then run
        // it innermost first, so a 10,000-step RUN chain does not recurse 10,000 deep.
        const spine: TSNode[] = [];
        for (let cur: TSNode | undefined = n; cur?.type === 'list'; cur = cur.namedChildren[0]) spine.push(cur);
        // `truth`: the list so far, when the tree decides it (a command run is taken to succeed). An undecided
        // guard's `exit`/`return` is not taken (`[[ $clean -eq 1 ]] && echo clean && exit 0`), as `if` takes the
        // success path: exiting there would end the simulation and hide every step after it.
        let truth: boolean | null = null;
        for (let k = spine.length - 1; k >= 0; k--) {
          const op = spine[k].children.find((c) => c.type === '&&' || c.type === '||');
          const [l, r] = spine[k].namedChildren;
          const t: boolean | null = k === spine.length - 1 ? (l ? control.decide(this, l) : null) : truth;
          if (l && t === null && k === spine.length - 1) this.exec(l);
          const runs = t === null ? op?.type !== '||' : t === (op?.type !== '||');
          if (r && runs && !(t === null && isExit(r))) {
            this.exec(r);
            truth = t === null ? null : true;
          } else truth = t;
        }
        return;
      }
      case 'subshell': {
        const saved = { cwd: this.cwd, why: this.cwdWhy, vars: new Map(this.vars) };
        try {
          for (const c of n.namedChildren) this.exec(c);
        } catch (e) {
          if (!(e instanceof Exit)) throw e;
        }
        this.cwd = saved.cwd;
        this.cwdWhy = saved.why;
        this.vars = saved.vars;
        return;
      }
      case 'redirected_statement':
        this.redirected(n);
        return;
      case 'variable_assignment':
        this.assign(n);
        return;
      case 'declaration_command':
        control.declare(this, n);
        return;
      case 'function_definition':
      case 'if_statement':
        control.exec(this, n);
        return;
      case 'command':
        this.command(n);
        return;
      case 'for_statement':
        this.forLoop(n);
        return;
      case 'comment':
        return;
      default:
        if (this.touchesFiles(n)) this.unknown(n, `${n.type.replace(/_/g, ' ')} not simulated: it changes files conditionally`);
    }
  }

  private redirected(n: TSNode) {
    const body = n.childForFieldName('body');
    const redirect = n.namedChildren.find((c) => c.type === 'file_redirect');
    const dest = redirect?.childForFieldName('destination');
    const envFile = this.opts.envFile;
    if (envFile && body && dest && envFile.matches(dest.text) && body.type === 'command' && body.childForFieldName('name')?.text === 'echo') {
      echoEnv(this, body, envFile);
      return;
    }
    if (body) this.exec(body);
  }

  private forLoop(n: TSNode) {
    const v = n.childForFieldName('variable');
    const body = n.childForFieldName('body');
    const words = n.childrenForFieldName('value').map((w) => evalWord(w, this.words()));
    const bad = words.find((w): w is { why: string; node: TSNode } => 'why' in w);
    if (!v || !body || bad || words.some((w) => 'glob' in w && w.glob)) {
      if (this.touchesFiles(n)) this.unknown(n, `for loop not simulated${bad ? `: ${bad.why}` : ''}`);
      return;
    }
    for (const w of words as Word[]) {
      this.vars.set(v.text, { value: w.value });
      this.exec(body);
    }
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

  private command(n: TSNode) {
    const nameNode = n.childForFieldName('name');
    if (!nameNode) return;
    let name = nameNode.text;
    const argsR = expandArgs(this, n);
    let words = 'words' in argsR ? argsR.words : [];
    // `$LCMD create-function …` with LCMD="aws lambda …": an unquoted expansion as the name is split into words.
    const split = /^\$(\{[A-Za-z_]\w*\}|[A-Za-z_]\w*)$/.test(name) ? evalWord(nameNode.namedChildren[0] ?? nameNode, this.words()) : undefined;
    if (split && !('why' in split) && split.value.trim()) {
      const parts = split.value.trim().split(/\s+/);
      name = parts[0];
      words = [...parts.slice(1).map((p) => ({ w: { value: p, glob: null, text: p, node: nameNode }, paths: null })), ...words];
    }
    if (name === 'sudo' && words.length) {
      name = words[0].w.value;
      words = words.slice(1);
    }
    // `sudo docker ... $REG/x` with unknown parts: the words are not known, the command still is.
    if (name === 'sudo' && n.childrenForFieldName('argument')[0]?.text === 'docker') name = 'docker';
    if (name === 'docker') {
      // Changes no file; reads its own argument nodes (a tag's unknown parts are holes, not a reason to stop).
      DOCKER(this, { node: n, name, words, loc: this.loc(n), command: n.text });
      return;
    }
    if (control.command(this, n, name, argsR)) return;
    const impl = name === 'aws' ? AWS : isPip(name, words.map((x) => x.w.value)) ? PIP : COMMANDS.get(name);
    if (!impl) return;
    const head = n.text.split('\n')[0].slice(0, 100);
    if ('why' in argsR) {
      // An archive name with unknown parts is still the archive: its literal parts name it (artifact matching).
      const holed = name === 'zip' || name === 'aws' ? argsWithHoles(this, n) : null;
      // aws changes no file: its unknown is not a layout unknown.
      if (name === 'aws') this.result.unknowns.push({ loc: this.loc(n), why: `${head}: ${argsR.why}` });
      if (holed) impl(this, { node: n, name, words: holed, loc: this.loc(n), command: n.text });
      if (holed || name === 'aws') return;
      this.unknown(n, `${head}: ${argsR.why}`);
      if (name === 'cd' || name === 'pushd') this.cwdWhy = `the folder after \`${n.text}\` is not known (${argsR.why})`;
      return;
    }
    const needsCwd = name !== 'aws' && words.some((x) => !x.w.value.startsWith('-') && !x.w.value.startsWith('/'));
    if (this.cwdWhy && needsCwd && name !== 'cd') {
      this.unknown(n, `${n.text.slice(0, 100)}: ${this.cwdWhy}`);
      return;
    }
    impl(this, { node: n, name, words, loc: this.loc(n), command: n.text });
    if (this.vfs.links.size) refresh(this, this.loc(n));
  }
}

/** `exit N` / `return N`: a command that only leaves the script or function. */
function isExit(n: TSNode): boolean {
  const name = n.type === 'command' ? n.childForFieldName('name')?.text : undefined;
  return name === 'exit' || name === 'return';
}
