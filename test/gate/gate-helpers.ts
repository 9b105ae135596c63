// Helpers for the commit-gate tests: real git repositories made from the bundled examples.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { REPO, commitAll, copyTree, git, makeRepo, runCli, runCliAsync, tempDir, type CliResult } from '../helpers.js';

export const INCIDENT = path.join(REPO, 'examples', 'incident');
export const FIXED = path.join(REPO, 'examples', 'fixed');
export const SRC = 'apps/backend-api/src';
/** The broken router map and its fix, as text of lazy_app.py. */
export const BROKEN_LAZY = fs.readFileSync(path.join(INCIDENT, SRC, 'lazy_app.py'), 'utf8');
export const FIXED_LAZY = fs.readFileSync(path.join(FIXED, SRC, 'lazy_app.py'), 'utf8');

/** A git repository holding a copy of `from`, everything committed unless `commit` is false. */
export function exampleRepo(from = FIXED, opts: { commit?: boolean } = {}): string {
  const dir = makeRepo(copyTree(from, tempDir('pc-gate-')));
  if (opts.commit ?? true) commitAll(dir, 'init');
  return dir;
}

/** `parity-check --staged ...` with its own cache folder (unless one is given). */
export function staged(cwd: string, args: string[] = [], env: Record<string, string | undefined> = {}): CliResult {
  return runCli(['--staged', ...args], { cwd, env: { PARITY_CHECK_CACHE_DIR: path.join(cwd, '.git', 'pc-test-cache'), ...env } });
}

/** `parity-check --staged --format json` as a child process that runs alongside others. */
export function stagedAsync(cwd: string, cacheDir: string): Promise<CliResult> {
  return runCliAsync(['--staged', '--format', 'json'], { cwd, env: { PARITY_CHECK_CACHE_DIR: cacheDir } });
}

export function ruleIds(r: CliResult): string[] {
  return JSON.parse(r.stdout).findings.map((f: { ruleId: string }) => f.ruleId);
}

/** Hash of every file of the work tree and the index file: to prove a run wrote nothing. */
export function treeState(dir: string): string {
  const h = createHash('sha256');
  const walk = (rel: string) => {
    for (const d of fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const r = rel ? `${rel}/${d.name}` : d.name;
      if (r === '.git') continue;
      if (d.isDirectory()) walk(r);
      else h.update(`${r}\0`).update(fs.readFileSync(path.join(dir, r)));
    }
  };
  walk('');
  h.update(fs.readFileSync(path.join(dir, '.git', 'index')));
  // --no-optional-locks: `git status` must not refresh (rewrite) the index itself.
  h.update(git(dir, '--no-optional-locks', 'status', '--porcelain=v1', '-z', '--untracked-files=all'));
  return h.digest('hex');
}
