// Real git repositories in temporary folders for the snapshot and config tests.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// A commit hook (or a developer's shell) may export GIT_DIR / GIT_INDEX_FILE for /work/main:
// they would point git at the wrong repository in these temporary ones.
for (const name of Object.keys(process.env)) if (name.startsWith('GIT_')) delete process.env[name];

export function tempDir(prefix = 'pc-test-'): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

/** Runs git in `cwd` and returns its output (trailing newline kept). */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A fresh repository with a user configured, on branch main, no commits. */
export function makeRepo(): string {
  const dir = tempDir('pc-repo-');
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.name', 'Parity Test');
  git(dir, 'config', 'user.email', 'parity@example.com');
  git(dir, 'config', 'commit.gpgsign', 'false');
  return dir;
}

/** Writes files (posix paths → content), creating folders. */
export function write(dir: string, files: Record<string, string | Buffer>): void {
  for (const [rel, content] of Object.entries(files)) {
    const full = path.join(dir, ...rel.split('/'));
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
  }
}

export function commitAll(dir: string, message = 'commit'): void {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', message);
}
