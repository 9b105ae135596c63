// Runs git: one process per command, or the environment and flags for a long-lived one
// (git-cat-file.ts). Git is spawned directly (not through simple-git, which waits a fixed 50 ms after
// every command that prints nothing: too slow for a commit hook). Every failure becomes a GitError
// with a one-line message.
import { statSync } from 'node:fs';
import path from 'node:path';
import { gitMessages } from '../messages.js';
import { lazyRequire } from '../util/lazy-require.js';

export const childProcess = lazyRequire<typeof import('node:child_process')>('node:child_process');

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

/** Flags put before every git sub-command. */
export const GLOBAL_FLAGS = [
  // Paths come back as they are (UTF-8), never as "\303\251"-style quoted strings.
  '-c',
  'core.quotepath=off',
  // The repository's own .git/config must not make git run a program of its choosing while we only
  // read: the file system monitor hook (run when the index is read), external diff drivers, and the
  // lazy fetch of a partial clone (which would run core.sshCommand and go to the network).
  '-c',
  'core.fsmonitor=false',
  '-c',
  'diff.external=',
  '-c',
  'protocol.allow=never',
  // Nor start background maintenance in a repository we only look at.
  '-c',
  'gc.auto=0',
  '-c',
  'maintenance.auto=false',
];

/**
 * The environment git runs with. In a commit hook git exports GIT_DIR, GIT_INDEX_FILE (a temporary
 * index for `git commit -a` / `git commit <paths>`) and maybe GIT_WORK_TREE, possibly relative to
 * the hook's working folder: they are kept (the index to check is the one being committed) but
 * made absolute, since we run git from other folders.
 */
export function gitEnv(): NodeJS.ProcessEnv {
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
export function toGitError(
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
  const sub = args.find((a, i) => i >= GLOBAL_FLAGS.length && !a.startsWith('-') && args[i - 1] !== '-c') ?? '';
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
export function splitNul(out: Buffer): string[] {
  const text = out.toString('utf8');
  const parts = text.split('\0');
  if (parts.length && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** Drops the one newline git puts after a single-line answer (paths may contain other whitespace). */
export function chompLine(s: string): string {
  return s.endsWith('\n') ? s.slice(0, -1) : s;
}
