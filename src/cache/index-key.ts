// The run-cache key of a --staged check without running git: what the commit will contain is the
// index file (every staged path and blob id) and what it is compared with is HEAD. Reading both
// from the git directory costs a few milliseconds; three git processes cost most of a warm hook.
//
// Only the ordinary layouts are read here (a `.git` folder, or a `.git` file pointing at a linked
// worktree's folder); anything unusual — GIT_DIR or GIT_WORK_TREE set, a ref that cannot be read —
// gives undefined and the check takes the normal path, which runs git. A key that cannot be formed
// is never a wrong answer: it only costs speed.
import fs from 'node:fs';
import path from 'node:path';
import { findGitDir } from '../util/git-dir.js';
import { lazyRequire } from '../util/lazy-require.js';

const crypto = lazyRequire<typeof import('node:crypto')>('node:crypto');

export interface IndexState {
  /** The top of the work tree (the folder holding `.git`). */
  topLevel: string;
  /** This worktree's git directory. */
  gitDir: string;
  /**
   * What the commit contains and is compared with: HEAD's commit, the index file's path and the
   * checksum git writes at the end of the index (a hash of all of it, kept up to date on every
   * write); a hash of the index's bytes when that checksum is left out (index.skipHash).
   */
  identity: string;
}

function read(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** HEAD's commit id, `unborn:<ref>` before the first commit, undefined when it cannot be read here. */
function headCommit(gitDir: string): string | undefined {
  const head = read(path.join(gitDir, 'HEAD'))?.toString('utf8').trim();
  if (!head) return undefined;
  if (!head.startsWith('ref: ')) return /^[0-9a-f]{40,64}$/.test(head) ? head : undefined;
  const ref = head.slice('ref: '.length);
  // Branches live in the common git directory (shared by linked worktrees).
  const commondir = read(path.join(gitDir, 'commondir'))?.toString('utf8').trim();
  const common = commondir ? path.resolve(gitDir, commondir) : gitDir;
  const loose = read(path.join(common, ref))?.toString('utf8').trim();
  if (loose) return /^[0-9a-f]{40,64}$/.test(loose) ? loose : undefined;
  const packed = read(path.join(common, 'packed-refs'))?.toString('utf8');
  for (const line of packed?.split('\n') ?? []) {
    const space = line.indexOf(' ');
    if (space > 0 && line.slice(space + 1) === ref) return line.slice(0, space);
  }
  return `unborn:${ref}`;
}

export function indexState(from: string, env: NodeJS.ProcessEnv = process.env): IndexState | undefined {
  if (env.GIT_DIR || env.GIT_WORK_TREE || env.GIT_COMMON_DIR || env.GIT_OBJECT_DIRECTORY) return undefined;
  const found = findGitDir(from);
  if (!found) return undefined;
  const head = headCommit(found.gitDir);
  if (!head) return undefined;
  // `git commit -a` and `git commit <paths>` run the hook with a temporary index.
  const indexFile = env.GIT_INDEX_FILE ? path.resolve(env.GIT_INDEX_FILE) : path.join(found.gitDir, 'index');
  return { ...found, identity: `${head}\0${indexFile}\0${indexChecksum(indexFile)}` };
}

/**
 * The index's own checksum: its last 20 bytes (SHA-1) or 32 (SHA-256), read alone (the index of
 * 30,000 files is ~3 MB; this is the warm commit hook's path). The last 32 bytes are taken either
 * way (with SHA-1 they hold the checksum and the 12 bytes before it). A checksum of zeros means git
 * skipped it (index.skipHash): then the bytes are hashed here. No index (nothing staged yet): empty.
 */
function indexChecksum(file: string): string {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return 'bytes:';
  }
  try {
    const size = fs.fstatSync(fd).size;
    if (size < 12 + 20) return `bytes:${fs.readFileSync(fd).toString('hex')}`;
    const start = Math.max(12, size - 32);
    const tail = Buffer.alloc(size - start);
    fs.readSync(fd, tail, 0, tail.length, start);
    if (tail.subarray(tail.length - 20).some((b) => b !== 0)) return `sum:${tail.toString('hex')}`;
    return `sha256:${crypto().createHash('sha256').update(fs.readFileSync(fd)).digest('hex')}`;
  } finally {
    fs.closeSync(fd);
  }
}
