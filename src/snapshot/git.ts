// The one git wrapper. Git is spawned directly (not through simple-git, which waits a fixed
// 50 ms after every command that prints nothing: too slow for a commit hook). Every command
// that returns paths uses `-z` (NUL separated, no quoting) and `-c core.quotepath=off`.
// Nothing here writes to the index or the work tree.
import type { ChildProcessByStdio } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { gitMessages } from '../messages.js';
import { lazyRequire } from '../util/lazy-require.js';

const childProcess = lazyRequire<typeof import('node:child_process')>('node:child_process');

/** Git is missing, the folder is not in a repository, or a git command failed. One-line message. */
export class GitError extends Error {
  override name = 'GitError';
  constructor(
    message: string,
    /** The folder git was run in. */
    readonly folder: string,
    /** git's exit code, when it ran and failed. */
    readonly exitCode?: number,
  ) {
    super(message);
  }
}

/** The id of the empty tree: what the first commit is compared against. */
export const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

/** Flags put before every git sub-command. */
const GLOBAL_FLAGS = [
  // Paths come back as they are (UTF-8), never as "\303\251"-style quoted strings.
  '-c',
  'core.quotepath=off',
];

/**
 * The environment git runs with. In a commit hook git exports GIT_DIR, GIT_INDEX_FILE (a temporary
 * index for `git commit -a` / `git commit <paths>`) and maybe GIT_WORK_TREE, possibly relative to
 * the hook's working folder: they are kept (the index to check is the one being committed) but
 * made absolute, since we run git from other folders.
 */
function gitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_COMMON_DIR', 'GIT_OBJECT_DIRECTORY']) {
    const value = env[name];
    if (value && !path.isAbsolute(value)) env[name] = path.resolve(value);
  }
  // Never take optional locks (e.g. `git status` refreshing and rewriting the index).
  env.GIT_OPTIONAL_LOCKS = '0';
  // English messages, so "not a git repository" can be recognised.
  env.LC_ALL = 'C';
  env.LANGUAGE = 'C';
  // Never ask for anything on a terminal.
  env.GIT_TERMINAL_PROMPT = '0';
  return env;
}

function folderExists(folder: string): boolean {
  try {
    return statSync(folder).isDirectory();
  } catch {
    return false;
  }
}

/** Turns a failure to start or run git into a GitError with a one-line message. */
function toGitError(
  cwd: string,
  args: string[],
  err: Omit<NodeJS.ErrnoException, 'code'> & { code?: string | number | null; stderr?: Buffer | string },
): GitError {
  if (err.code === 'ENOENT') {
    // spawn reports ENOENT both when git is missing and when the cwd does not exist.
    return new GitError(folderExists(cwd) ? gitMessages.notInstalled(cwd) : gitMessages.folderMissing(cwd), cwd);
  }
  const stderr = (err.stderr ?? '').toString().trim();
  if (/not a git repository/i.test(stderr)) return new GitError(gitMessages.notARepository(cwd), cwd);
  if (/must be run in a work tree/i.test(stderr)) return new GitError(gitMessages.noWorkTree(cwd), cwd);
  const sub = args.find((a, i) => i >= GLOBAL_FLAGS.length && !a.startsWith('-')) ?? '';
  const firstLine = stderr.split('\n').find((l) => l.trim()) ?? err.message.split('\n')[0];
  const exitCode = typeof err.code === 'number' ? err.code : undefined;
  return new GitError(gitMessages.commandFailed(cwd, sub, firstLine.replace(/^fatal:\s*/, '')), cwd, exitCode);
}

/** Runs `git <args>` in `cwd` and returns its standard output as bytes. */
export function runGit(cwd: string, args: string[]): Promise<Buffer> {
  const fullArgs = [...GLOBAL_FLAGS, ...args];
  return new Promise((resolve, reject) => {
    childProcess().execFile(
      'git',
      fullArgs,
      { cwd, env: gitEnv(), encoding: 'buffer', maxBuffer: 1 << 30, windowsHide: true },
      (err, stdout, stderr) => {
        if (err) {
          reject(toGitError(cwd, fullArgs, Object.assign(err, { stderr })));
          return;
        }
        resolve(stdout);
      },
    );
  });
}

/** Splits `-z` output into its NUL-terminated records (the trailing empty one dropped). */
function splitNul(out: Buffer): string[] {
  const text = out.toString('utf8');
  const parts = text.split('\0');
  if (parts.length && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** Drops the one newline git puts after a single-line answer (paths may contain other whitespace). */
function chompLine(s: string): string {
  return s.endsWith('\n') ? s.slice(0, -1) : s;
}

export interface RepoInfo {
  /** Absolute path of the work tree's top folder. */
  topLevel: string;
  /** Absolute path of the git directory (for a linked worktree: .git/worktrees/<name>). */
  gitDir: string;
  /** The path of `cwd` inside the work tree, posix, '' at the top, else ending with '/'. */
  prefix: string;
}

/** Top folder, git directory and prefix of `cwd`, with one git process. */
export async function gitRepoInfo(cwd: string): Promise<RepoInfo> {
  const out = await runGit(cwd, [
    'rev-parse',
    // The git directory as an absolute path; in a linked worktree, that worktree's own git dir.
    '--absolute-git-dir',
    // The absolute path of the top of the work tree (fails in a bare repository).
    '--show-toplevel',
    // The path of cwd relative to the top, with a trailing '/' ('' at the top).
    '--show-prefix',
  ]);
  // One answer a line, in the order asked. (A top-level path containing a newline is not supported.)
  const lines = out.toString('utf8').split('\n');
  return { gitDir: lines[0], topLevel: lines[1], prefix: lines[2] ?? '' };
}

/** Absolute path of the top folder of the work tree holding `cwd`. */
export async function gitTopLevel(cwd: string): Promise<string> {
  // --show-toplevel: absolute path of the work tree's top folder.
  return chompLine((await runGit(cwd, ['rev-parse', '--show-toplevel'])).toString('utf8'));
}

/** Absolute path of the git directory (works in linked worktrees). */
export async function gitDir(cwd: string): Promise<string> {
  // --absolute-git-dir: like --git-dir, but always absolute.
  return chompLine((await runGit(cwd, ['rev-parse', '--absolute-git-dir'])).toString('utf8'));
}

export interface IndexEntry {
  /** Octal file mode as git prints it: 100644, 100755, 120000 (symbolic link). */
  mode: string;
  blob: string;
  /** 0 normally; 1 (base), 2 (ours), 3 (theirs) for a path with unresolved conflicts. */
  stage: number;
  /** Posix path relative to the top of the work tree. */
  path: string;
}

/**
 * The index entries under `cwd` (paths relative to the top of the work tree), and git's own output
 * as it came (what IndexSnapshot's run key hashes). Submodules (mode 160000) are left out; a
 * conflicted path gives one entry per stage.
 */
export async function lsFilesListing(cwd: string): Promise<{ entries: IndexEntry[]; listing: Buffer }> {
  const out = await runGit(cwd, [
    'ls-files',
    // --stage: "<mode> <object> <stage>\t<path>" for every index entry, conflict stages included.
    '--stage',
    // -z: NUL after each record, paths unquoted.
    '-z',
    // --full-name: paths relative to the top of the work tree even when cwd is a subfolder.
    '--full-name',
  ]);
  const entries: IndexEntry[] = [];
  for (const record of splitNul(out)) {
    const tab = record.indexOf('\t');
    if (tab < 0) continue;
    // "<mode> <object> <stage>": the mode has six digits and the stage one (read by position: an
    // index of 30,000 files costs no 90,000 small strings); anything else is split by spaces.
    let mode: string, blob: string, stage: number;
    if (record.charCodeAt(6) === 32 && record.charCodeAt(tab - 2) === 32) {
      mode = record.slice(0, 6);
      blob = record.slice(7, tab - 2);
      stage = record.charCodeAt(tab - 1) - 48;
    } else {
      const parts = record.slice(0, tab).split(' ');
      [mode, blob] = parts;
      stage = Number(parts[2]);
    }
    if (mode === '160000') continue; // a submodule: a commit id, not a file of this repository
    entries.push({ mode, blob, stage, path: record.slice(tab + 1) });
  }
  return { entries, listing: out };
}

export interface StagedChange {
  /** A added, M modified, D deleted, T type changed, U unmerged. A rename is a D and an A. */
  status: string;
  /** Posix path relative to the top of the work tree. */
  path: string;
}

/**
 * What `git commit` would record compared to HEAD: every changed path, deletions included, a rename
 * counted as a deletion of the old path and an addition of the new one. On an unborn branch (the very
 * first commit) everything staged is an addition.
 */
export async function stagedPaths(cwd: string): Promise<StagedChange[]> {
  const hasHead = await runGit(cwd, [
    'rev-parse',
    // --verify --quiet: exit 1 without a message when HEAD names no commit (unborn branch).
    '--verify',
    '--quiet',
    'HEAD^{commit}',
  ]).then(
    () => true,
    (err: unknown) => {
      if (err instanceof GitError && err.exitCode === 1) return false;
      throw err;
    },
  );
  const out = await runGit(cwd, [
    'diff',
    // --cached: the index against the commit below.
    '--cached',
    // --name-status: "<status>\0<path>\0" records, nothing else.
    '--name-status',
    // -z: NUL separated, paths unquoted.
    '-z',
    // --no-renames: a rename is a deletion plus an addition, so the new path is listed and the old one too.
    '--no-renames',
    // --no-ext-diff / --no-color: ignore user settings that change the output.
    '--no-ext-diff',
    '--no-color',
    // Compare against HEAD, or the empty tree before the first commit.
    hasHead ? 'HEAD' : EMPTY_TREE,
    // End of revisions: nothing after this is taken as a revision.
    '--',
  ]);
  const parts = splitNul(out);
  const changes: StagedChange[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    changes.push({ status: parts[i].charAt(0), path: parts[i + 1] });
  }
  return changes;
}

interface Pending {
  blob: string;
  resolve: (content: Buffer) => void;
  reject: (err: Error) => void;
}

const OBJECT_ID = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/**
 * One long-lived `git cat-file --batch` process. Requests are pipelined (those of one microtask
 * checkpoint go out in one write) and git answers them in order: `<oid> <type> <size>\n<content>\n`, or `<oid> missing\n`.
 * The process is started on the first read and does not keep Node alive while idle.
 */
export class CatFileBatch {
  private child: ChildProcessByStdio<Writable, Readable, Readable> | undefined;
  private readonly pending: Pending[] = [];
  private closed = false;
  private failure: GitError | undefined;
  private exited: Promise<void> | undefined;
  private stderrText = '';
  // Parser state: the header being read, or the body of `bodySize` bytes being collected.
  private chunks: Buffer[] = [];
  private buffered = 0;
  private bodySize = -1;

  constructor(readonly cwd: string) {}

  /** The content of a blob (binary safe). */
  read(blob: string): Promise<Buffer> {
    if (!OBJECT_ID.test(blob)) return Promise.reject(new GitError(gitMessages.badObjectId(blob), this.cwd));
    if (this.closed) return Promise.reject(new GitError(gitMessages.catFileClosed(this.cwd), this.cwd));
    if (this.failure) return Promise.reject(this.failure);
    const child = this.start();
    return new Promise<Buffer>((resolve, reject) => {
      this.pending.push({ blob, resolve, reject });
      if (this.pending.length === 1) this.setRef(true);
      // Requests of one microtask checkpoint go out in one write (a graph level, or 300 requirements files, ask
      // together): a write per request cost a system call each, ~25 ms of a 30,000-file hook.
      if (!this.corked) {
        this.corked = true;
        child.stdin.cork();
        queueMicrotask(() => {
          this.corked = false;
          child.stdin.uncork();
        });
      }
      child.stdin.write(`${blob}\n`);
    });
  }

  private corked = false;

  /** Starts the process now, so that it boots while the caller does other work; idle, it keeps Node alive no more than before. */
  warm(): void {
    if (this.closed || this.failure) return;
    this.start();
    if (this.pending.length === 0) this.setRef(false);
  }

  /** Ends the process once the reads already asked for are answered. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (!this.child) return;
    this.setRef(true);
    this.child.stdin.end();
    await this.exited;
  }

  private start(): ChildProcessByStdio<Writable, Readable, Readable> {
    if (this.child) return this.child;
    const args = [
      ...GLOBAL_FLAGS,
      'cat-file',
      // --batch: read object ids on stdin, print "<oid> <type> <size>\n<content>\n" for each, in order,
      // flushing after each answer (no --buffer: answers must come while more requests may follow).
      '--batch',
    ];
    const child = childProcess().spawn('git', args, { cwd: this.cwd, env: gitEnv(), stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    this.child = child;
    child.stdout.on('data', (data: Buffer) => this.onData(data));
    child.stderr.on('data', (data: Buffer) => {
      this.stderrText += data.toString('utf8');
    });
    // A write after git died (EPIPE) is reported through 'exit' below.
    child.stdin.on('error', () => {});
    this.exited = new Promise<void>((resolve) => {
      let done = false;
      const finish = (err?: NodeJS.ErrnoException) => {
        if (done) return;
        done = true;
        const failure = err
          ? toGitError(this.cwd, args, err)
          : this.closed && this.pending.length === 0
            ? undefined
            : toGitError(this.cwd, args, Object.assign(new Error(gitMessages.catFileExited(this.cwd, '')), { stderr: this.stderrText }));
        if (failure) {
          this.failure = failure;
          for (const p of this.pending.splice(0)) p.reject(failure);
        }
        resolve();
      };
      child.on('error', (err) => finish(err));
      child.on('close', () => finish());
    });
    return child;
  }

  /** Idle: let Node exit even if nobody calls close(). Busy: keep it alive until answered. */
  private setRef(ref: boolean): void {
    const child = this.child;
    if (!child) return;
    const streams = [child.stdin, child.stdout, child.stderr] as unknown as { ref?: () => void; unref?: () => void }[];
    if (ref) {
      child.ref();
      for (const s of streams) s.ref?.();
    } else {
      child.unref();
      for (const s of streams) s.unref?.();
    }
  }

  private onData(data: Buffer): void {
    this.chunks.push(data);
    this.buffered += data.length;
    for (;;) {
      if (this.bodySize < 0) {
        // Reading a header line.
        const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
        this.chunks = [all];
        const nl = all.indexOf(10);
        if (nl < 0) return;
        const header = all.subarray(0, nl).toString('utf8');
        const rest = all.subarray(nl + 1);
        this.chunks = rest.length ? [rest] : [];
        this.buffered = rest.length;
        const fields = header.split(' ');
        if (fields.length === 3 && /^\d+$/.test(fields[2])) {
          this.bodySize = Number(fields[2]);
        } else {
          // "<oid> missing" / "<oid> ambiguous": no body follows.
          const p = this.pending.shift();
          p?.reject(new GitError(gitMessages.catFileMissing(this.cwd, p.blob), this.cwd));
          this.afterAnswer();
        }
      } else {
        // Reading a body of bodySize bytes plus its trailing newline.
        if (this.buffered < this.bodySize + 1) return;
        const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
        const body = Buffer.from(all.subarray(0, this.bodySize));
        const rest = all.subarray(this.bodySize + 1);
        this.chunks = rest.length ? [rest] : [];
        this.buffered = rest.length;
        this.bodySize = -1;
        this.pending.shift()?.resolve(body);
        this.afterAnswer();
      }
    }
  }

  private afterAnswer(): void {
    if (this.pending.length === 0 && !this.closed) this.setRef(false);
  }
}
