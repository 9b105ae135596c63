// The one set of test helpers: temporary folders, trees on disk, git repositories, the built CLI
// run as a process, real Python. Every folder made here lives under the run's temporary root
// (global-setup.ts) and is removed when the test file that made it ends (setup.ts).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CLI = path.join(REPO, 'bin', 'parity-check.cjs');
/** Debian's interpreter, which has python3-fastapi and python3-sqlalchemy. */
export const PYTHON = '/usr/bin/python3';

// A commit hook (or a developer's shell) may export GIT_DIR / GIT_INDEX_FILE for the repository
// being committed: they would point git, run by a test or by the code under test, at the wrong
// repository. global-setup.ts imports this file, so vitest's workers never inherit them.
for (const name of Object.keys(process.env)) if (name.startsWith('GIT_')) delete process.env[name];

/** The run's temporary root (set by global-setup.ts); the temporary folder when there is none. */
const ROOT = process.env.PC_TEST_ROOT ?? os.tmpdir();
const made: string[] = [];
let cacheDir: string | undefined;

/** A new empty folder (its real path) under the run's root, removed when the test file ends. */
export function tempDir(prefix = 'pc-'): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(ROOT, prefix)));
  made.push(dir);
  return dir;
}

/** Removes every folder tempDir made in this test file (setup.ts runs it after each file). */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) removeTree(dir);
  cacheDir = undefined;
}

/** rm -rf. Node's rmSync fails on a path longer than PATH_MAX (a test makes one); rm walks with openat. */
export function removeTree(dir: string): void {
  try {
    fs.rmSync(dir, { recursive: true, force: true });
  } catch {
    execFileSync('rm', ['-rf', dir], { stdio: 'ignore' });
  }
}

/** Write files (posix paths → text) under a new temp folder, or `dir`. */
export function writeTree(files: Record<string, string | Buffer>, dir = tempDir()): string {
  for (const [rel, text] of Object.entries(files)) {
    const abs = path.join(dir, ...rel.split('/'));
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text);
  }
  return dir;
}

export function copyTree(from: string, to = tempDir()): string {
  fs.cpSync(from, to, { recursive: true });
  return to;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

type Env = Record<string, string | undefined>;

export interface CliOptions {
  cwd?: string;
  /** Added to the environment; a name set to undefined is removed from it. */
  env?: Env;
  input?: string;
  /** The CLI script to run (default: this repository's bin); e.g. an installed package's bin. */
  bin?: string;
}

/** The environment of a process a test starts: this one's, plus `extra`, minus names set to undefined. */
function childEnv(extra: Env): NodeJS.ProcessEnv {
  const env: Env = { ...process.env, ...extra };
  for (const [k, v] of Object.entries(extra)) if (v === undefined) delete env[k];
  return env as NodeJS.ProcessEnv;
}

function cliEnv(opts: CliOptions): NodeJS.ProcessEnv {
  // One cache folder per test file: tests never write into the repository's own git dir.
  cacheDir ??= tempDir('pc-cache-');
  // CI's own GITHUB_ACTIONS would switch the format: tests set it explicitly when they mean it.
  return childEnv({ NO_COLOR: '1', GITHUB_ACTIONS: undefined, PARITY_CHECK_CACHE_DIR: cacheDir, ...opts.env });
}

export function runCli(args: string[], opts: CliOptions = {}): CliResult {
  const r = spawnSync(process.execPath, [opts.bin ?? CLI, ...args], { cwd: opts.cwd ?? REPO, env: cliEnv(opts), encoding: 'utf8', input: opts.input });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** runCli as a child process that runs alongside others. */
export function runCliAsync(args: string[], opts: Omit<CliOptions, 'input'> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [opts.bin ?? CLI, ...args], { cwd: opts.cwd ?? REPO, env: cliEnv(opts) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

export function runJson(args: string[], opts: CliOptions = {}) {
  const r = runCli([...args, '--format', 'json'], opts);
  let parsed: { findings: { ruleId: string; severity: string; file: string; line: number; column: number; message: string }[] };
  try {
    parsed = JSON.parse(r.stdout);
  } catch {
    throw new Error(`not JSON (exit ${r.code}): ${r.stdout}\n${r.stderr}`);
  }
  return { ...r, findings: parsed.findings };
}

export interface PythonOptions {
  /** sys.argv[1:] */
  args?: string[];
  input?: string;
  /** Replaces the environment (PYTHONPATH and PYTHONDONTWRITEBYTECODE are still set). */
  env?: Record<string, string>;
  /** Folders put on PYTHONPATH after the root (libraries Debian bookworm does not ship: see SQLALCHEMY2). */
  libraries?: string[];
}

/**
 * SQLAlchemy 2.0 (Debian trixie's python3-sqlalchemy, unpacked by .ci/sqlalchemy2 next to it), for the
 * cases that need 2.0 semantics; bookworm's python3-sqlalchemy is 1.4. A case that names it fails with
 * this hint when it is missing: a case without its Python verdict is not a case.
 */
export function sqlalchemy2(): string {
  const site = path.join(REPO, '.ci', 'python-libs', 'sqlalchemy2', 'usr', 'lib', 'python3', 'dist-packages');
  if (!fs.existsSync(path.join(site, 'sqlalchemy', '__init__.py'))) throw new Error(`SQLAlchemy 2.0 is not unpacked in ${site}: run bash .ci/sqlalchemy2 (bash .ci/run does)`);
  return site;
}

/**
 * Run a Python snippet with PYTHONPATH = root, as Lambda does; `-P` keeps the cwd (the run's
 * temporary root, never the repository) off sys.path, `-s` the user's site-packages. No bytecode
 * is written next to the files.
 */
export function python(code: string, root: string, opts: PythonOptions = {}): CliResult {
  const env = { ...(opts.env ?? process.env), PYTHONPATH: [root, ...(opts.libraries ?? [])].join(path.delimiter), PYTHONDONTWRITEBYTECODE: '1' };
  const r = spawnSync(PYTHON, ['-P', '-s', '-c', code, ...(opts.args ?? [])], { cwd: ROOT, env, encoding: 'utf8', input: opts.input });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** python() that must succeed: its stdout, or a throw with what it printed to stderr. */
export function pythonOutput(code: string, root: string, opts: PythonOptions = {}): string {
  const r = python(code, root, opts);
  if (r.code !== 0) throw new Error(`python exited with ${r.code}:\n${r.stderr}`);
  return r.stdout;
}

const GIT_IDENTITY = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };

/** Runs git in `cwd` and returns its stdout (trailing newline kept); throws, with git's stderr, when it fails. */
export function git(cwd: string, ...args: string[]): string {
  return gitWith(cwd, {}, ...args);
}

/** git with extra environment (a name set to undefined is removed) or standard input. */
export function gitWith(cwd: string, opts: { env?: Env; input?: string | Buffer }, ...args: string[]): string {
  // stderr piped: git's advice and the fatal line of an expected failure stay out of the test output.
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: childEnv({ ...GIT_IDENTITY, ...opts.env }), input: opts.input, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** git that may fail: its exit code and output (stdout then stderr), never a throw. */
export function gitResult(cwd: string, args: string[], env: Env = {}): { code: number; output: string } {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: childEnv({ ...GIT_IDENTITY, ...env }) });
  return { code: r.status ?? -1, output: `${r.stdout}${r.stderr}` };
}

/** A git repository on branch main (a new temp folder unless `dir`), a user configured, no hooks, no commits. */
export function makeRepo(dir = tempDir('pc-repo-')): string {
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.name', 'Parity Test');
  git(dir, 'config', 'user.email', 'parity@example.com');
  git(dir, 'config', 'commit.gpgsign', 'false');
  git(dir, 'config', 'core.hooksPath', '/dev/null'); // no global hooks interfere
  return dir;
}

export function commitAll(dir: string, message = 'commit'): void {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', message);
}
