// GitHub Actions workflows (`.github/workflows/*.yml|yaml`): the `run:` steps of each job are parsed with
// tree-sitter-bash and simulated on a virtual file tree (the checked-out repository at $GITHUB_WORKSPACE) to learn
// what every `zip` the job produces contains.
//
// Simulated: mkdir, cp (-r/-R/-a, `dir/*`, `dir/.`, GNU cp destination rules), mv, rm, rsync (-a/-r, --exclude),
// cd/pushd/popd (within a step; `working-directory:` and `defaults.run.working-directory` set the start), subshells,
// `&&` chains (the left side is assumed to succeed, `a || b` runs only `a`), `for x in literal words`,
// `pip install -t dir` (a dependency marker, no files), `zip [-r] [-x pat...] archive inputs...` (the package root is
// the folder zip runs in; entries keep their path relative to it), `echo K=V >> $GITHUB_ENV`,
// and `aws lambda update-function-code|update-function-configuration|create-function` (function name, handler,
// runtime of the zip they deploy).
// Variables: `env:` at workflow/job/step level with literal values, shell assignments with literal values, and the
// runner's GITHUB_WORKSPACE/HOME/RUNNER_TEMP. Anything else (`${{ secrets.X }}`, `$(cmd)`, an unset `$VAR`) makes the
// command unknown with why; the unknown is recorded in every layout the job produces afterwards (never guessed).
// Commands inside `if`/`while`/`case`/functions are not simulated: when they touch files they are unknowns too.
import { posix } from 'node:path';
import picomatch from 'picomatch';
import { LineCounter, isMap, isScalar, isSeq, type Node as YNode, type Scalar, type YAMLMap } from 'yaml';
import type { CopyStep, DeployFacts, Location, PackagedFile } from '../types.js';
import {
  at,
  emptyFacts,
  firstError,
  getBashParser,
  known,
  unknown,
  type DeploySource,
  type SourceContext,
  type SourceFunction,
  type SourceLayout,
  type TSNode,
} from './common.js';
import { entry, parseYaml, yamlLoc } from './yaml.js';
import { cmp } from '../util/compare.js';

export const workflowsSource: DeploySource = {
  id: 'workflows',
  matches: (path) => /(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/.test(path),
  extract: extractWorkflow,
};

/** Where the runner checks the repository out; every simulated path is absolute. */
export const WORKSPACE = '/github/workspace';
const BUILTINS: Record<string, string> = {
  GITHUB_WORKSPACE: WORKSPACE,
  HOME: '/home/runner',
  RUNNER_TEMP: '/home/runner/work/_temp',
};
const MUTATING = new Set(['cp', 'mv', 'rm', 'mkdir', 'rsync', 'zip', 'cd', 'pushd', 'popd', 'ln', 'tar', 'unzip', 'install', 'pip', 'pip3']);

function toChecked(abs: string): string {
  if (abs === WORKSPACE) return '';
  if (abs.startsWith(WORKSPACE + '/')) return abs.slice(WORKSPACE.length + 1);
  return abs;
}

// ---------------------------------------------------------------------------
// Virtual file tree

interface VFile {
  /** Checked-folder relative source; null for files the job produced (a zip). */
  src: string | null;
  loc: Location | null;
}

class VFS {
  files = new Map<string, VFile>();
  dirs = new Set<string>(['/']);
  constructor(repoFiles: string[]) {
    this.addDir(WORKSPACE);
    for (const f of repoFiles) this.setFile(`${WORKSPACE}/${f}`, { src: f, loc: null });
  }
  addDir(p: string) {
    while (!this.dirs.has(p)) {
      this.dirs.add(p);
      p = posix.dirname(p);
    }
  }
  setFile(p: string, v: VFile) {
    this.dirs.delete(p);
    this.files.set(p, v);
    this.addDir(posix.dirname(p));
  }
  isDir(p: string) {
    return this.dirs.has(p);
  }
  exists(p: string) {
    return this.dirs.has(p) || this.files.has(p);
  }
  /** Files below a folder. */
  under(dir: string): [string, VFile][] {
    const pre = dir === '/' ? '/' : dir + '/';
    return [...this.files].filter(([p]) => p.startsWith(pre));
  }
  dirsUnder(dir: string): string[] {
    const pre = dir === '/' ? '/' : dir + '/';
    return [...this.dirs].filter((p) => p.startsWith(pre));
  }
  remove(p: string) {
    this.files.delete(p);
    if (this.dirs.has(p)) {
      for (const [f] of this.under(p)) this.files.delete(f);
      for (const d of this.dirsUnder(p)) this.dirs.delete(d);
      this.dirs.delete(p);
    }
  }
  /** Copy folder `from`'s contents into `to` (created). */
  copyContents(from: string, to: string, loc: Location, exclude?: (rel: string, isDir: boolean) => boolean) {
    this.addDir(to);
    for (const d of this.dirsUnder(from)) {
      const rel = posix.relative(from, d);
      if (exclude?.(rel, true)) continue;
      this.addDir(posix.join(to, rel));
    }
    for (const [f, v] of this.under(from)) {
      const rel = posix.relative(from, f);
      if (exclude?.(rel, false)) continue;
      this.setFile(posix.join(to, rel), { src: v.src, loc });
    }
  }
}

// ---------------------------------------------------------------------------
// Script positions: a node of the run script → a location in the workflow file.

type Mapper = (row: number, col: number) => { line: number; column: number };

function scriptMapper(text: string, lc: LineCounter, node: Scalar): Mapper {
  const range = node.range!;
  const start = lc.linePos(range[0]);
  if (node.type === 'BLOCK_LITERAL') {
    // Content starts on the line after the `|` header; find its indentation.
    const lines = text.split('\n');
    let indent = 0;
    for (let l = start.line; l < lines.length; l++) {
      if (lines[l].trim() === '') continue;
      indent = lines[l].length - lines[l].trimStart().length;
      break;
    }
    return (row, col) => ({ line: start.line + 1 + row, column: indent + col + 1 });
  }
  const end = lc.linePos(range[1]);
  if (start.line === end.line) {
    const q = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? 1 : 0;
    return (row, col) => (row === 0 ? { line: start.line, column: start.col + q + col } : { line: start.line, column: start.col });
  }
  // Folded / multi-line flow scalars: line structure is not preserved; point at the scalar.
  return () => ({ line: start.line, column: start.col });
}

// ---------------------------------------------------------------------------
// Words

interface Word {
  /** The value after expansion (no globbing). */
  value: string;
  /** A picomatch pattern when the word has unquoted glob characters. */
  glob: string | null;
  text: string;
  node: TSNode;
}
type WordResult = Word | { why: string; node: TSNode };

function escapeGlob(s: string): string {
  return s.replace(/[*?[\]{}()!+@\\]/g, (c) => `\\${c}`);
}

interface Placeholder {
  token: string;
  expr: string;
  value?: string;
}

interface Env {
  lookup(name: string): { value: string } | { why: string };
  placeholders: Placeholder[];
}

function expandPlaceholders(s: string, env: Env): { value: string } | { why: string } {
  let out = s;
  for (const p of env.placeholders) {
    if (!out.includes(p.token)) continue;
    if (p.value === undefined) return { why: `${p.expr} is a GitHub expression` };
    out = out.split(p.token).join(p.value);
  }
  return { value: out };
}

function evalWord(n: TSNode, env: Env): WordResult {
  const parts: { value: string; glob: string }[] = [];
  let hasGlob = false;
  const lit = (v: string) => parts.push({ value: v, glob: escapeGlob(v) });
  const visit = (x: TSNode): string | null => {
    switch (x.type) {
      case 'word':
      case 'number': {
        let t = x.text;
        if (x === n && t.startsWith('~') && (t.length === 1 || t[1] === '/')) t = BUILTINS.HOME + t.slice(1);
        // Backslash escapes and glob characters of an unquoted word.
        let value = '';
        let glob = '';
        for (let k = 0; k < t.length; k++) {
          if (t[k] === '\\' && k + 1 < t.length) {
            value += t[k + 1];
            glob += escapeGlob(t[k + 1]);
            k++;
          } else if ('*?['.includes(t[k])) {
            hasGlob = true;
            value += t[k];
            glob += t[k];
          } else {
            value += t[k];
            glob += escapeGlob(t[k]);
          }
        }
        const e = expandPlaceholders(value, env);
        if ('why' in e) return e.why;
        parts.push({ value: e.value, glob: value === e.value ? glob : escapeGlob(e.value) });
        return null;
      }
      case 'raw_string': {
        const e = expandPlaceholders(x.text.slice(1, -1), env);
        if ('why' in e) return e.why;
        lit(e.value);
        return null;
      }
      case 'string': {
        for (const c of x.namedChildren) {
          const r = visit(c);
          if (r) return r;
        }
        return null;
      }
      case 'string_content': {
        const raw = x.text.replace(/\\([$`"\\])/g, '$1');
        const e = expandPlaceholders(raw, env);
        if ('why' in e) return e.why;
        lit(e.value);
        return null;
      }
      case 'concatenation': {
        for (const c of x.children) {
          const r = visit(c);
          if (r) return r;
        }
        return null;
      }
      case 'simple_expansion': {
        const name = x.namedChildren[0]?.text ?? x.text.slice(1);
        const v = env.lookup(name);
        if ('why' in v) return v.why;
        lit(v.value);
        return null;
      }
      case 'expansion': {
        const vn = x.namedChildren.find((c) => c.type === 'variable_name');
        const ops = x.children.filter((c) => !c.type.match(/^[a-z_]+$/) && c.type !== '${' && c.type !== '}').map((c) => c.type);
        if (!vn) return `${x.text} is not understood`;
        const v = env.lookup(vn.text);
        if (ops.length === 0) {
          if ('why' in v) return v.why;
          lit(v.value);
          return null;
        }
        if (ops.length === 1 && [':-', '-'].includes(ops[0])) {
          if ('value' in v && (v.value !== '' || ops[0] === '-')) {
            lit(v.value);
            return null;
          }
          const def = x.namedChildren.filter((c) => c !== vn);
          for (const d of def) {
            const r = visit(d);
            if (r) return r;
          }
          return null;
        }
        return `${x.text} is not simulated`;
      }
      case 'command_substitution':
        return `${x.text} is a command substitution`;
      case 'process_substitution':
      case 'arithmetic_expansion':
        return `${x.text} is not simulated`;
      case 'ansi_c_string':
        lit(x.text.slice(2, -1));
        return null;
      case '"':
        return null;
      default:
        if (!x.type.match(/^[a-z_]+$/)) {
          lit(x.text);
          return null;
        }
        return `${x.text} (${x.type}) is not simulated`;
    }
  };
  const why = visit(n);
  if (why) return { why, node: n };
  return { value: parts.map((p) => p.value).join(''), glob: hasGlob ? parts.map((p) => p.glob).join('') : null, text: n.text, node: n };
}

// ---------------------------------------------------------------------------
// Job simulation

interface ZipOut {
  abs: string;
  root: string;
  files: Map<string, PackagedFile>;
  loc: Location;
  command: string;
  unknowns: { loc: Location; why: string }[];
  functionName?: { value: string; loc: Location } | { why: string; loc: Location };
  handler?: { value: string; loc: Location };
  runtime?: { value: string; loc: Location };
}

interface CopyRec {
  step: Omit<CopyStep, 'to'>;
  toAbs: string;
}

class JobSim {
  vfs: VFS;
  env = new Map<string, string>();
  envWhy = new Map<string, string>();
  copies: CopyRec[] = [];
  installs: { intoAbs: string; loc: Location; command: string }[] = [];
  unknowns: { loc: Location; why: string }[] = [];
  zips = new Map<string, ZipOut>();
  // Per step
  cwd = WORKSPACE;
  cwdWhy: string | null = null;
  dirStack: string[] = [];
  shellVars = new Map<string, string>();
  shellWhy = new Map<string, string>();
  stepEnv = new Map<string, string>();
  stepEnvWhy = new Map<string, string>();
  placeholders: Placeholder[] = [];
  map: Mapper = () => ({ line: 1, column: 1 });

  constructor(
    readonly file: string,
    repoFiles: string[],
    readonly facts: DeployFacts,
  ) {
    this.vfs = new VFS(repoFiles);
  }

  loc(n: TSNode): Location {
    const s = this.map(n.startPosition.row, n.startPosition.column);
    const e = this.map(n.endPosition.row, n.endPosition.column);
    return at(this.file, { line: s.line, column: s.column, endLine: e.line, endColumn: e.column });
  }

  envObj(): Env {
    return {
      placeholders: this.placeholders,
      lookup: (name) => {
        if (this.shellVars.has(name)) return { value: this.shellVars.get(name)! };
        if (this.shellWhy.has(name)) return { why: this.shellWhy.get(name)! };
        if (this.stepEnv.has(name)) return { value: this.stepEnv.get(name)! };
        if (this.stepEnvWhy.has(name)) return { why: this.stepEnvWhy.get(name)! };
        if (this.env.has(name)) return { value: this.env.get(name)! };
        if (this.envWhy.has(name)) return { why: this.envWhy.get(name)! };
        if (name === 'PWD' && !this.cwdWhy) return { value: this.cwd };
        if (name in BUILTINS) return { value: BUILTINS[name] };
        return { why: `$${name} is not known` };
      },
    };
  }

  unknown(n: TSNode, why: string) {
    const u = { loc: this.loc(n), why };
    this.unknowns.push(u);
    this.facts.unknowns.push({ loc: u.loc, what: 'workflow step', why });
  }

  resolve(p: string): string {
    return posix.resolve(this.cwd, p);
  }

  runStep(script: string, mapper: Mapper, startDir: string, startDirWhy: string | null) {
    this.map = mapper;
    this.cwd = startDir;
    this.cwdWhy = startDirWhy;
    this.dirStack = [];
    this.shellVars = new Map();
    this.shellWhy = new Map();
    // `${{ ... }}` is substituted by GitHub before the shell runs: same-length placeholders keep positions.
    this.placeholders = [];
    let s = '';
    let k = 0;
    for (;;) {
      const i = script.indexOf('${{', k);
      if (i < 0) break;
      const j = script.indexOf('}}', i);
      if (j < 0) break;
      const expr = script.slice(i, j + 2);
      const token = `GHX${this.placeholders.length}Z`.padEnd(expr.length, 'Z');
      const inner = expr.slice(3, -2).trim();
      const ph: Placeholder = { token, expr };
      const m = /^env\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(inner);
      if (m) {
        const v = this.envObj().lookup(m[1]);
        if ('value' in v) ph.value = v.value;
      } else if (inner === 'github.workspace') ph.value = WORKSPACE;
      this.placeholders.push(ph);
      s += script.slice(k, i) + token;
      k = j + 2;
    }
    s += script.slice(k);
    const tree = getBashParser().parse(s);
    const root = tree.rootNode as TSNode;
    const err = firstError(root);
    if (err) {
      const why = `shell syntax error near ${JSON.stringify(err.text.slice(0, 40))}`;
      this.facts.problems.push({ loc: this.loc(err), message: why });
      this.unknown(err, `step not simulated: ${why}`);
      return;
    }
    this.exec(root);
  }

  touchesFiles(n: TSNode): boolean {
    if (n.type === 'command') {
      const name = n.childForFieldName('name')?.text ?? '';
      if (MUTATING.has(name) || name === 'aws') return true;
    }
    return n.namedChildren.some((c) => this.touchesFiles(c));
  }

  exec(n: TSNode): void {
    switch (n.type) {
      case 'program':
      case 'compound_statement':
      case 'do_group':
        for (const c of n.namedChildren) this.exec(c);
        return;
      case 'list': {
        const op = n.children.find((c) => c.type === '&&' || c.type === '||');
        const [l, r] = n.namedChildren;
        if (l) this.exec(l);
        if (r && op?.type !== '||') this.exec(r);
        return;
      }
      case 'pipeline':
      case 'negated_command':
        for (const c of n.namedChildren) this.exec(c);
        return;
      case 'subshell': {
        const saved = { cwd: this.cwd, why: this.cwdWhy, vars: new Map(this.shellVars), whyv: new Map(this.shellWhy) };
        for (const c of n.namedChildren) this.exec(c);
        this.cwd = saved.cwd;
        this.cwdWhy = saved.why;
        this.shellVars = saved.vars;
        this.shellWhy = saved.whyv;
        return;
      }
      case 'redirected_statement': {
        const body = n.childForFieldName('body');
        const redirect = n.namedChildren.find((c) => c.type === 'file_redirect');
        const dest = redirect?.childForFieldName('destination');
        if (body && dest && /GITHUB_ENV/.test(dest.text) && body.type === 'command' && body.childForFieldName('name')?.text === 'echo') {
          this.githubEnv(body);
          return;
        }
        if (body) this.exec(body);
        return;
      }
      case 'variable_assignment':
        this.assign(n);
        return;
      case 'declaration_command':
        for (const c of n.namedChildren) if (c.type === 'variable_assignment') this.assign(c);
        return;
      case 'command':
        this.command(n);
        return;
      case 'for_statement': {
        const v = n.childForFieldName('variable');
        const values = n.childrenForFieldName('value');
        const body = n.childForFieldName('body');
        const words = values.map((w) => evalWord(w, this.envObj()));
        const bad = words.find((w): w is { why: string; node: TSNode } => 'why' in w);
        if (!v || !body || bad || words.some((w) => 'glob' in w && w.glob)) {
          if (this.touchesFiles(n)) this.unknown(n, `for loop not simulated${bad ? `: ${bad.why}` : ''}`);
          return;
        }
        for (const w of words as Word[]) {
          this.shellVars.set(v.text, w.value);
          this.shellWhy.delete(v.text);
          this.exec(body);
        }
        return;
      }
      case 'comment':
        return;
      default:
        if (this.touchesFiles(n)) this.unknown(n, `${n.type.replace(/_/g, ' ')} not simulated: it changes files conditionally`);
    }
  }

  assign(n: TSNode) {
    const name = n.childForFieldName('name')?.text;
    const value = n.childForFieldName('value');
    if (!name) return;
    if (!value) {
      this.shellVars.set(name, '');
      return;
    }
    const w = evalWord(value, this.envObj());
    if ('why' in w) {
      this.shellVars.delete(name);
      this.shellWhy.set(name, `$${name} is not known: ${w.why}`);
    } else {
      this.shellVars.set(name, w.value);
      this.shellWhy.delete(name);
    }
  }

  githubEnv(echo: TSNode) {
    const args = echo.childrenForFieldName('argument').map((a) => evalWord(a, this.envObj()));
    if (args.length !== 1) return;
    const a = args[0];
    if ('why' in a) {
      const raw = echo.childrenForFieldName('argument')[0].text.replace(/^["']/, '');
      const k = raw.slice(0, Math.max(0, raw.indexOf('=')));
      if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) {
        this.env.delete(k);
        this.envWhy.set(k, `$${k} is set from ${a.why}`);
      }
      return;
    }
    const eq = a.value.indexOf('=');
    if (eq <= 0) return;
    const k = a.value.slice(0, eq);
    this.env.set(k, a.value.slice(eq + 1));
    this.envWhy.delete(k);
  }

  /** Expand arguments (globs against the virtual tree). */
  args(n: TSNode): { words: { w: Word; paths: string[] | null }[] } | { why: string; node: TSNode } {
    const out: { w: Word; paths: string[] | null }[] = [];
    for (const a of n.childrenForFieldName('argument')) {
      const w = evalWord(a, this.envObj());
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

  command(n: TSNode) {
    const nameNode = n.childForFieldName('name');
    if (!nameNode) return;
    let name = nameNode.text;
    const argsR = this.args(n);
    let words = 'words' in argsR ? argsR.words : [];
    if (name === 'sudo' && words.length) {
      name = words[0].w.value;
      words = words.slice(1);
    }
    const isPip = /^pip3?(\.\d+)?$/.test(name) || (/^python3?(\.\d+)?$/.test(name) && words[0]?.w.value === '-m' && words[1]?.w.value === 'pip');
    const relevant = MUTATING.has(name) || name === 'aws' || isPip;
    if (!relevant) return;
    if ('why' in argsR) {
      if (name === 'aws') {
        // Does not change files: not a layout unknown.
        this.facts.unknowns.push({ loc: this.loc(n), what: 'workflow step', why: `${n.text.split('\n')[0].slice(0, 100)}: ${argsR.why}` });
        return;
      }
      this.unknown(n, `${n.text.split('\n')[0].slice(0, 100)}: ${argsR.why}`);
      if (name === 'cd' || name === 'pushd') this.cwdWhy = `the folder after \`${n.text}\` is not known (${argsR.why})`;
      return;
    }
    const needsCwd = name !== 'aws' && words.some((x) => !x.w.value.startsWith('/') && !x.w.value.startsWith('-'));
    if (this.cwdWhy && needsCwd && name !== 'cd') {
      this.unknown(n, `${n.text.slice(0, 100)}: ${this.cwdWhy}`);
      return;
    }
    const loc = this.loc(n);
    const command = n.text;
    switch (name) {
      case 'cd':
      case 'pushd': {
        const t = words.find((x) => !x.w.value.startsWith('-') || x.w.value === '-');
        if (name === 'pushd') this.dirStack.push(this.cwd);
        if (!t) {
          this.cwd = BUILTINS.HOME;
          this.cwdWhy = null;
        } else if (t.w.value === '-') {
          this.cwdWhy = '`cd -` is not simulated';
        } else {
          const target = t.paths ? t.paths[0] : t.w.value;
          if (this.cwdWhy && !target.startsWith('/')) return;
          this.cwd = this.resolve(target);
          this.cwdWhy = null;
        }
        return;
      }
      case 'popd': {
        const d = this.dirStack.pop();
        if (d) this.cwd = d;
        return;
      }
      case 'mkdir':
        for (const x of words) if (!x.w.value.startsWith('-')) for (const p of x.paths ?? [x.w.value]) this.vfs.addDir(this.resolve(p));
        return;
      case 'rm':
        for (const x of words) if (!x.w.value.startsWith('-')) for (const p of x.paths ?? [x.w.value]) this.vfs.remove(this.resolve(p));
        return;
      case 'cp':
      case 'mv':
        this.cp(n, name, words, loc, command);
        return;
      case 'rsync':
        this.rsync(n, words, loc, command);
        return;
      case 'zip':
        this.zip(n, words, loc, command);
        return;
      case 'ln':
      case 'tar':
      case 'unzip':
      case 'install':
        this.unknown(n, `${name} is not simulated`);
        return;
      case 'aws':
        this.aws(n, words);
        return;
      default:
        if (isPip) {
          const vals = words.map((x) => x.w.value);
          if (!vals.includes('install')) return;
          const t = vals.findIndex((a) => a === '-t' || a === '--target' || a.startsWith('--target=') || (a.startsWith('-t') && a.length > 2));
          if (t < 0) return;
          const raw = vals[t].startsWith('--target=') ? vals[t].slice(9) : vals[t] === '-t' || vals[t] === '--target' ? vals[t + 1] : vals[t].slice(2);
          if (raw) {
            const into = this.resolve(raw);
            this.vfs.addDir(into);
            this.installs.push({ intoAbs: into, loc, command });
          }
        }
    }
  }

  srcLabel(abs: string): string {
    return toChecked(abs);
  }

  cp(n: TSNode, name: 'cp' | 'mv', words: { w: Word; paths: string[] | null }[], loc: Location, command: string) {
    let recursive = name === 'mv';
    let targetDir: string | null = null;
    let noTarget = false;
    const operands: { w: Word; paths: string[] | null }[] = [];
    let endOpts = false;
    for (let k = 0; k < words.length; k++) {
      const v = words[k].w.value;
      if (!endOpts && v === '--') endOpts = true;
      else if (!endOpts && v.startsWith('--')) {
        if (v === '--recursive' || v === '--archive') recursive = true;
        else if (v === '--no-target-directory') noTarget = true;
        else if (v.startsWith('--target-directory=')) targetDir = v.slice(19);
      } else if (!endOpts && v.startsWith('-') && v.length > 1) {
        if (/[rRa]/.test(v)) recursive = true;
        if (v.includes('T')) noTarget = true;
        if (v.endsWith('t')) targetDir = words[++k]?.w.value ?? null;
      } else operands.push(words[k]);
    }
    if (targetDir === null && operands.length < 2) return;
    const destWord = targetDir !== null ? null : operands.pop()!;
    const destRaw = targetDir ?? destWord!.w.value;
    if (destWord?.paths && destWord.paths.length > 1) {
      this.unknown(n, `${name}: the destination glob ${destWord.w.text} matches several paths`);
      return;
    }
    const dest = this.resolve(destWord?.paths ? destWord.paths[0] : destRaw);
    const destIsDir = !noTarget && this.vfs.isDir(dest);
    const sources = operands.flatMap((o) => (o.paths ?? [o.w.value]).map((p) => ({ o, p: this.resolve(p), raw: p })));
    if (sources.length > 1 && !destIsDir) {
      this.unknown(n, `${name}: target ${destRaw} is not a directory (${sources.length} sources)`);
      return;
    }
    // One CopyStep per `dir/*` word (the folder's contents), else per source.
    const stepped = new Set<Word>();
    for (const o of operands) {
      const t = o.w.text.replace(/^["']|["']$/g, '');
      if (o.paths && /\/\*$/.test(o.w.value) && !/[*?[]/.test(o.w.value.slice(0, -2))) {
        const from = this.resolve(o.w.value.slice(0, -2));
        this.copies.push({ step: { fromText: t, from: toChecked(from), contentsOf: true, loc, command }, toAbs: dest });
        stepped.add(o.w);
      }
    }
    for (const { o, p, raw } of sources) {
      const fromText = o.w.text;
      if (this.vfs.isDir(p)) {
        if (!recursive) {
          this.unknown(n, `${name}: -r not specified; omitting directory ${raw}`);
          continue;
        }
        const contents = /\/\.\/?$/.test(raw);
        let target: string;
        let contentsOf: boolean;
        if (contents) {
          target = dest;
          contentsOf = true;
        } else if (destIsDir) {
          target = posix.join(dest, posix.basename(p));
          contentsOf = false;
        } else {
          target = dest; // the folder is copied as `dest`
          contentsOf = true;
        }
        this.vfs.copyContents(p, target, loc);
        if (!stepped.has(o.w)) this.copies.push({ step: { fromText, from: toChecked(p), contentsOf, loc, command }, toAbs: contentsOf ? target : dest });
        if (name === 'mv') this.vfs.remove(p);
      } else if (this.vfs.files.has(p)) {
        const f = this.vfs.files.get(p)!;
        if (!destIsDir && destRaw.endsWith('/')) {
          this.unknown(n, `${name}: ${destRaw} is not a directory`);
          continue;
        }
        const target = destIsDir ? posix.join(dest, posix.basename(p)) : dest;
        this.vfs.setFile(target, { src: f.src, loc });
        if (!stepped.has(o.w)) this.copies.push({ step: { fromText, from: f.src ?? toChecked(p), contentsOf: false, loc, command }, toAbs: posix.dirname(target) });
        if (name === 'mv') this.vfs.remove(p);
      } else {
        this.unknown(n, `${name}: ${raw} does not exist`);
      }
    }
  }

  rsync(n: TSNode, words: { w: Word; paths: string[] | null }[], loc: Location, command: string) {
    let recursive = false;
    const excludes: string[] = [];
    const operands: { w: Word; paths: string[] | null }[] = [];
    for (let k = 0; k < words.length; k++) {
      const v = words[k].w.value;
      if (v.startsWith('--exclude=')) excludes.push(v.slice(10));
      else if (v === '--exclude') excludes.push(words[++k]?.w.value ?? '');
      else if (v.startsWith('--include') || v.startsWith('--filter') || v.startsWith('--files-from') || v === '-R' || v === '--relative') {
        this.unknown(n, `rsync ${v} is not simulated`);
        return;
      } else if (v === '--recursive' || v === '--archive') recursive = true;
      else if (v.startsWith('--')) continue;
      else if (v.startsWith('-') && v.length > 1) {
        if (/[ra]/.test(v)) recursive = true;
      } else operands.push(words[k]);
    }
    if (operands.length < 2) return;
    const destW = operands.pop()!;
    const dest = this.resolve(destW.w.value);
    const exclude = rsyncExcluder(excludes);
    for (const o of operands) {
      for (const raw of o.paths ?? [o.w.value]) {
        const p = this.resolve(raw);
        if (this.vfs.isDir(p)) {
          if (!recursive) {
            this.unknown(n, `rsync without -r/-a skips directory ${raw}`);
            continue;
          }
          const contents = raw.endsWith('/') || /\/\.$/.test(raw);
          const target = contents ? dest : posix.join(dest, posix.basename(p));
          const prefix = contents ? '' : posix.basename(p) + '/';
          if (!contents && exclude(posix.basename(p), true)) continue;
          this.vfs.copyContents(p, target, loc, (rel, isDir) => exclude(prefix + rel, isDir));
          this.copies.push({ step: { fromText: o.w.text, from: toChecked(p), contentsOf: contents, loc, command }, toAbs: contents ? target : dest });
        } else if (this.vfs.files.has(p)) {
          if (exclude(posix.basename(p), false)) continue;
          const target = this.vfs.isDir(dest) || destW.w.value.endsWith('/') || operands.length > 1 ? posix.join(dest, posix.basename(p)) : dest;
          this.vfs.setFile(target, { src: this.vfs.files.get(p)!.src, loc });
          this.copies.push({ step: { fromText: o.w.text, from: toChecked(p), contentsOf: false, loc, command }, toAbs: posix.dirname(target) });
        } else this.unknown(n, `rsync: ${raw} does not exist`);
      }
    }
  }

  zip(n: TSNode, words: { w: Word; paths: string[] | null }[], loc: Location, command: string) {
    let recursive = false;
    const excludes: string[] = [];
    const operands: { w: Word; paths: string[] | null }[] = [];
    let inExclude = false;
    for (const x of words) {
      const v = x.w.value;
      if (v === '-x' || v === '--exclude') {
        inExclude = true;
        continue;
      }
      if (v.startsWith('-') && v.length > 1) {
        inExclude = false;
        if (v === '-r' || v === '--recurse-paths' || (/^-[a-zA-Z0-9]+$/.test(v) && v.includes('r'))) recursive = true;
        if (/^-[a-zA-Z0-9]*j/.test(v) || v === '--junk-paths') {
          this.unknown(n, 'zip -j (junk paths) is not simulated');
          return;
        }
        if (v === '-i' || v === '--include' || v === '-@' || v === '-d' || v === '--delete') {
          this.unknown(n, `zip ${v} is not simulated`);
          return;
        }
        continue;
      }
      if (inExclude) excludes.push(v);
      else operands.push(x);
    }
    if (operands.length < 1) return;
    const zw = operands.shift()!;
    let zipRaw = zw.w.value;
    if (!posix.basename(zipRaw).includes('.')) zipRaw += '.zip';
    const zipAbs = this.resolve(zipRaw);
    const root = this.cwd;
    const isEx = excludes.length ? picomatch(excludes, { dot: true, bash: true }) : () => false;
    let z = this.zips.get(zipAbs);
    if (!z) {
      z = { abs: zipAbs, root, files: new Map(), loc, command, unknowns: [] };
      this.zips.set(zipAbs, z);
    } else if (z.root !== root) {
      // Entries are relative to where zip runs each time; keep the first root for copies.
    }
    const add = (abs: string, f: VFile) => {
      const rel = posix.relative(root, abs);
      if (rel.startsWith('..') || abs === zipAbs || f.src === null) return;
      if (isEx(rel)) return;
      z!.files.set(rel, { dest: rel, src: f.src, loc: f.loc ?? loc });
    };
    for (const o of operands) {
      for (const raw of o.paths ?? [o.w.value]) {
        const p = this.resolve(raw);
        if (posix.relative(root, p).startsWith('..')) {
          this.unknown(n, `zip: ${raw} is outside the folder zip runs in`);
          continue;
        }
        if (this.vfs.isDir(p)) {
          if (!recursive) continue; // only the directory entry
          for (const [f, v] of this.vfs.under(p)) add(f, v);
        } else if (this.vfs.files.has(p)) add(p, this.vfs.files.get(p)!);
        else this.unknown(n, `zip: ${raw} does not exist`);
      }
    }
    z.unknowns = [...this.unknowns];
    this.vfs.setFile(zipAbs, { src: null, loc });
  }

  aws(_n: TSNode, words: { w: Word; paths: string[] | null }[]) {
    const vals = words.map((x) => x.w.value);
    if (vals[0] !== 'lambda') return;
    const sub = vals[1];
    if (!['update-function-code', 'update-function-configuration', 'create-function'].includes(sub)) return;
    const opt = (name: string): { value: string; node: TSNode } | undefined => {
      for (let k = 2; k < words.length; k++) {
        const v = words[k].w.value;
        if (v === name && words[k + 1]) return { value: words[k + 1].w.value, node: words[k + 1].w.node };
        if (v.startsWith(name + '=')) return { value: v.slice(name.length + 1), node: words[k].w.node };
      }
      return undefined;
    };
    const fname = opt('--function-name');
    const zipf = opt('--zip-file');
    const handler = opt('--handler');
    const runtime = opt('--runtime');
    let z: ZipOut | undefined;
    if (zipf && zipf.value.startsWith('fileb://')) z = this.zips.get(this.resolve(zipf.value.slice(8)));
    if (!z && fname) z = [...this.zips.values()].find((x) => x.functionName && 'value' in x.functionName && x.functionName.value === fname.value);
    if (!z) return;
    if (fname) z.functionName = { value: fname.value, loc: this.loc(fname.node) };
    if (handler) z.handler = { value: handler.value, loc: this.loc(handler.node) };
    if (runtime) z.runtime = { value: runtime.value, loc: this.loc(runtime.node) };
  }

  /** Unknown arguments of an aws command: still link by zip when the name is unknown. */
  layoutOf(z: ZipOut): SourceLayout {
    const copies: CopyStep[] = this.copies
      .filter((c) => c.toAbs === z.root || c.toAbs.startsWith(z.root + '/'))
      .map((c) => ({ ...c.step, to: posix.relative(z.root, c.toAbs) }));
    const layout: SourceLayout = {
      how: 'simulated',
      files: [...z.files.values()].sort((a, b) => cmp(a.dest, b.dest)),
      copies,
      unknowns: z.unknowns,
    };
    const installs = this.installs.filter((i) => i.intoAbs === z.root || i.intoAbs.startsWith(z.root + '/'));
    if (installs.length) layout.dependencyInstalls = installs.map((i) => ({ into: posix.relative(z.root, i.intoAbs), loc: i.loc, command: i.command }));
    return layout;
  }
}

function rsyncExcluder(patterns: string[]): (rel: string, isDir: boolean) => boolean {
  const rules = patterns.map((p) => {
    const dirOnly = p.endsWith('/');
    let q = dirOnly ? p.slice(0, -1) : p;
    const anchored = q.startsWith('/');
    if (anchored) q = q.slice(1);
    return { dirOnly, anchored, hasSlash: q.includes('/'), match: picomatch(q.replace(/\*\*/g, '**'), { dot: true }) };
  });
  return (rel, isDir) => {
    const segs = rel.split('/');
    for (const r of rules) {
      for (let end = segs.length; end >= 1; end--) {
        const isD = end < segs.length || isDir;
        if (r.dirOnly && !isD) continue;
        if (!r.hasSlash && !r.anchored) {
          if (r.match(segs[end - 1])) return true;
        } else {
          for (let start = 0; start < end; start++) {
            if (r.anchored && start > 0) break;
            if (r.match(segs.slice(start, end).join('/'))) return true;
          }
        }
      }
    }
    return false;
  };
}

// ---------------------------------------------------------------------------

function literalEnv(
  path: string,
  lc: LineCounter,
  node: unknown,
  into: Map<string, string>,
  why: Map<string, string>,
  base?: (name: string) => string | undefined,
) {
  if (!isMap(node)) return;
  for (const pair of (node as YAMLMap).items) {
    if (!isScalar(pair.key)) continue;
    const k = String(pair.key.value);
    const v = pair.value;
    if (isScalar(v) && (typeof v.value === 'string' || typeof v.value === 'number' || typeof v.value === 'boolean')) {
      const s = String(v.value);
      if (s.includes('${{')) {
        // `${{ env.X }}` alone is a literal when X is.
        const m = /^\$\{\{\s*env\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/.exec(s);
        const b = m ? base?.(m[1]) : undefined;
        if (b !== undefined) {
          into.set(k, b);
          why.delete(k);
        } else {
          into.delete(k);
          why.set(k, `$${k} is set from ${s.trim()}`);
        }
      } else {
        into.set(k, s);
        why.delete(k);
      }
    } else {
      into.delete(k);
      why.set(k, `$${k} is not a literal (${yamlLoc(path, lc, v as YNode).line})`);
    }
  }
}

export function extractWorkflow(path: string, text: string, ctx: SourceContext): DeployFacts {
  const facts = emptyFacts();
  const parsed = parseYaml(path, text, facts);
  if (!parsed) return facts;
  const { doc, lc } = parsed;
  const root = doc.contents;
  const wfEnv = new Map<string, string>();
  const wfWhy = new Map<string, string>();
  literalEnv(path, lc, entry(root, 'env')?.value, wfEnv, wfWhy);
  const wdOf = (node: unknown): { value: string } | { why: string } | null => {
    const wd = entry(entry(entry(node, 'defaults')?.value, 'run')?.value, 'working-directory');
    if (!wd) return null;
    if (isScalar(wd.value) && typeof wd.value.value === 'string' && !wd.value.value.includes('${{')) return { value: wd.value.value };
    return { why: `working-directory ${isScalar(wd.value) ? String(wd.value.value) : ''} is not a literal` };
  };
  const wfWd = wdOf(root);
  const jobs = entry(root, 'jobs')?.value;
  if (!isMap(jobs)) return facts;
  const repoFiles = ctx.files();

  for (const jp of (jobs as YAMLMap).items) {
    if (!isScalar(jp.key)) continue;
    const jobId = String(jp.key.value);
    const job = jp.value;
    const sim = new JobSim(path, repoFiles, facts);
    sim.env = new Map(wfEnv);
    sim.envWhy = new Map(wfWhy);
    literalEnv(path, lc, entry(job, 'env')?.value, sim.env, sim.envWhy, (n) => sim.env.get(n));
    const jobWd = wdOf(job) ?? wfWd;
    const steps = entry(job, 'steps')?.value;
    if (!isSeq(steps)) continue;
    for (const step of steps.items) {
      const run = entry(step, 'run');
      if (!run || !isScalar(run.value) || typeof run.value.value !== 'string') continue;
      const shell = entry(step, 'shell');
      if (shell && isScalar(shell.value) && !/^(bash|sh)\b/.test(String(shell.value.value))) {
        const l = yamlLoc(path, lc, shell.value as YNode);
        sim.unknowns.push({ loc: l, why: `shell ${String(shell.value.value)} is not simulated` });
        facts.unknowns.push({ loc: l, what: 'workflow step', why: `shell ${String(shell.value.value)} is not simulated` });
        continue;
      }
      sim.stepEnv = new Map();
      sim.stepEnvWhy = new Map();
      literalEnv(path, lc, entry(step, 'env')?.value, sim.stepEnv, sim.stepEnvWhy, (n) => sim.env.get(n));
      const swd = entry(step, 'working-directory');
      let wd: { value: string } | { why: string } | null = jobWd;
      if (swd) {
        wd = isScalar(swd.value) && typeof swd.value.value === 'string' && !swd.value.value.includes('${{')
          ? { value: swd.value.value }
          : { why: 'the step working-directory is not a literal' };
      }
      const start = wd && 'value' in wd ? posix.resolve(WORKSPACE, wd.value) : WORKSPACE;
      const startWhy = wd && 'why' in wd ? wd.why : null;
      sim.runStep(run.value.value, scriptMapper(text, lc, run.value as Scalar), start, startWhy);
    }

    for (const z of sim.zips.values()) {
      const artifact = toChecked(z.abs);
      const zipName = posix.basename(z.abs);
      const fn: SourceFunction = {
        name: z.functionName && 'value' in z.functionName ? z.functionName.value : zipName,
        source: 'workflow',
        loc: z.loc,
        packageType: 'zip',
        handler: z.handler
          ? known(z.handler.value, at(path, z.handler.loc))
          : unknown(`job ${jobId} builds ${zipName} but does not set the handler (it is set where the function is defined)`, z.loc),
        layout: known(sim.layoutOf(z), z.loc),
        artifact: artifact.startsWith('/') ? undefined : artifact,
      };
      if (z.runtime) fn.runtime = known(z.runtime.value, z.runtime.loc);
      if (z.functionName) fn.functionName = 'value' in z.functionName ? known(z.functionName.value, z.functionName.loc) : unknown(z.functionName.why, z.functionName.loc);
      facts.functions.push(fn);
    }
  }
  return facts;
}
