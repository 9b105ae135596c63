// Shared test helpers: tiny repositories on disk, the built CLI run as a process, real Python.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CLI = path.join(REPO, 'bin', 'parity-check.cjs');
/** Debian's interpreter, which has python3-fastapi and python3-sqlalchemy. */
export const PYTHON = '/usr/bin/python3';

export function tempDir(prefix = 'pc-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
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

/** One cache folder for this test process: tests never write into the repository's own git dir. */
const CACHE_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'pc-cache-'));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], opts: { cwd?: string; env?: Record<string, string | undefined>; input?: string } = {}): CliResult {
  // CI's own GITHUB_ACTIONS would switch the format: tests set it explicitly when they mean it.
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: undefined, PARITY_CHECK_CACHE_DIR: CACHE_DIR, ...opts.env };
  for (const [k, v] of Object.entries(opts.env ?? {})) if (v === undefined) delete env[k];
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: opts.cwd ?? REPO, env: env as NodeJS.ProcessEnv, encoding: 'utf8', input: opts.input });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function runJson(args: string[], opts: Parameters<typeof runCli>[1] = {}) {
  const r = runCli([...args, '--format', 'json'], opts);
  let parsed: { findings: { ruleId: string; severity: string; file: string; line: number; column: number; message: string }[] };
  try {
    parsed = JSON.parse(r.stdout);
  } catch {
    throw new Error(`not JSON (exit ${r.code}): ${r.stdout}\n${r.stderr}`);
  }
  return { ...r, findings: parsed.findings };
}

/** Run a Python snippet with PYTHONPATH = root, as Lambda does; `-P` keeps the cwd off sys.path. */
export function python(code: string, root: string): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(PYTHON, ['-P', '-c', code], { cwd: os.tmpdir(), env: { ...process.env, PYTHONPATH: root, PYTHONDONTWRITEBYTECODE: '1' }, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } });
}
