// The simulator: runs a script's commands (src/shell/commands/*) over the virtual tree, statement by statement.
// `a && b` runs both (the left side is assumed to succeed), `a || b` runs only `a`; subshells restore the folder and
// the variables; `for x in literal words` runs its body per word. Commands inside `if`/`while`/`case`/functions
// are not run: when they would touch files they are unknowns (never guessed).
import { posix } from 'node:path';
import picomatch from 'picomatch';
import type { Location } from '../types.js';
import { firstError, getBashParser, type TSNode } from './bash.js';
import { AWS, COMMANDS, DOCKER, PIP, isPip } from './commands/index.js';
import type { Arg, CopyRec, DockerBuildRec, Install, Shell, Unknown, ZipOut } from './types.js';
import { VFS } from './vfs.js';
import { escapeGlob, evalWord, wordPattern, type Lookup, type StandIn, type Word, type WordEnv } from './words.js';

export interface ShellOptions {
  /** Where the checked folder is mounted (absolute), and its files (relative to it). */
  root: string;
  files: Iterable<string>;
  /** `~` and a bare `cd` go there. */
  home: string;
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
  // The running script's state.
  cwd = '/';
  cwdWhy: string | null = null;
  dirStack: string[] = [];
  private vars = new Map<string, Lookup>();
  private opts: RunOptions = NO_RUN;
  private result: RunResult = { unknowns: [], problems: [] };

  constructor(opts: ShellOptions) {
    this.vfs = new VFS(opts.root, opts.files);
    this.home = opts.home;
  }

  /** Runs one script over the tree (which keeps what earlier scripts did); shell variables start empty. */
  run(script: string, opts: RunOptions): RunResult {
    this.opts = opts;
    this.cwd = opts.cwd;
    this.cwdWhy = opts.cwdWhy ?? null;
    this.dirStack = [];
    this.vars = new Map();
    const result: RunResult = { unknowns: [], problems: [] };
    this.result = result;
    const root = getBashParser().parse(script).rootNode as TSNode;
    const err = firstError(root);
    if (err) {
      const why = `shell syntax error near ${JSON.stringify(err.text.slice(0, 40))}`;
      result.problems.push({ loc: this.loc(err), message: why });
      this.unknown(err, `step not simulated: ${why}`);
    } else this.exec(root);
    this.opts = NO_RUN;
    return result;
  }

  /** A variable as the running script sees it: its own, then the environment, `$PWD`, the defaults. */
  lookup(name: string): Lookup {
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

  private words(): WordEnv {
    return { lookup: (n) => this.lookup(n), standIns: this.opts.standIns ?? [], home: this.home };
  }

  loc(n: TSNode): Location {
    return this.opts.locate(n.startPosition, n.endPosition);
  }

  unknown(n: TSNode, why: string, dest?: string) {
    const u: Unknown = dest === undefined ? { loc: this.loc(n), why } : { loc: this.loc(n), why, dest };
    this.unknowns.push(u);
    this.result.unknowns.push(u);
  }

  resolve(p: string): string {
    return posix.resolve(this.cwd, p);
  }

  private touchesFiles(n: TSNode): boolean {
    if (n.type === 'command') {
      const name = n.childForFieldName('name')?.text ?? '';
      if (COMMANDS.has(name) || name === 'aws') return true;
    }
    return n.namedChildren.some((c) => this.touchesFiles(c));
  }

  private exec(n: TSNode): void {
    switch (n.type) {
      case 'program':
      case 'compound_statement':
      case 'do_group':
      case 'pipeline':
      case 'negated_command':
        for (const c of n.namedChildren) this.exec(c);
        return;
      case 'list': {
        const op = n.children.find((c) => c.type === '&&' || c.type === '||');
        const [l, r] = n.namedChildren;
        if (l) this.exec(l);
        if (r && op?.type !== '||') this.exec(r);
        return;
      }
      case 'subshell': {
        const saved = { cwd: this.cwd, why: this.cwdWhy, vars: new Map(this.vars) };
        for (const c of n.namedChildren) this.exec(c);
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
        for (const c of n.namedChildren) if (c.type === 'variable_assignment') this.assign(c);
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
      this.echoEnv(body, envFile);
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

  private assign(n: TSNode) {
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

  private echoEnv(echo: TSNode, envFile: EnvFile) {
    const argNodes = echo.childrenForFieldName('argument');
    if (argNodes.length !== 1) return;
    const a = evalWord(argNodes[0], this.words());
    if ('why' in a) {
      const raw = argNodes[0].text.replace(/^["']/, '');
      const k = raw.slice(0, Math.max(0, raw.indexOf('=')));
      if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) envFile.set(k, { why: `$${k} is set from ${a.why}` });
      return;
    }
    const eq = a.value.indexOf('=');
    if (eq <= 0) return;
    envFile.set(a.value.slice(0, eq), { value: a.value.slice(eq + 1) });
  }

  /** Expand arguments (globs against the virtual tree). */
  private args(n: TSNode): { words: Arg[] } | { why: string; node: TSNode } {
    const out: Arg[] = [];
    for (const a of n.childrenForFieldName('argument')) {
      const w = evalWord(a, this.words());
      if ('why' in w) return w;
      if (w.glob) {
        if (this.cwdWhy && !w.value.startsWith('/')) return { why: this.cwdWhy, node: a };
        const pat = w.glob.startsWith('/') ? w.glob : `${this.cwd === '/' ? '' : escapeGlob(this.cwd)}/${w.glob}`;
        const isM = picomatch(pat, { dot: false });
        const hits = [...this.vfs.files.keys(), ...this.vfs.dirs].filter((p) => isM(p)).sort();
        out.push({ w, paths: hits.length ? hits : null });
      } else out.push({ w, paths: null });
    }
    return { words: out };
  }

  private command(n: TSNode) {
    const nameNode = n.childForFieldName('name');
    if (!nameNode) return;
    let name = nameNode.text;
    const argsR = this.args(n);
    let words = 'words' in argsR ? argsR.words : [];
    if (name === 'sudo' && words.length) {
      name = words[0].w.value;
      words = words.slice(1);
    }
    if (name === 'sudo' && n.childrenForFieldName('argument')[0]?.text === 'docker') name = 'docker';
    if (name === 'docker') {
      // Changes no file; reads its own argument nodes (a tag's unknown parts are holes, not a reason to stop).
      DOCKER(this, { node: n, name, words: 'words' in argsR ? argsR.words : [], loc: this.loc(n), command: n.text });
      return;
    }
    const impl = name === 'aws' ? AWS : isPip(name, words.map((x) => x.w.value)) ? PIP : COMMANDS.get(name);
    if (!impl) return;
    const head = n.text.split('\n')[0].slice(0, 100);
    if ('why' in argsR) {
      if (name === 'aws') {
        // Changes no file: not a layout unknown.
        this.result.unknowns.push({ loc: this.loc(n), why: `${head}: ${argsR.why}` });
        return;
      }
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
  }
}
