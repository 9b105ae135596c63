// The hostile-input suite's one harness: every case builds its hostile repository at test time
// (hostileRepo), runs the built CLI as a child process under a heap limit and a timeout (spawnCli),
// and then holds the promises:
//   - the exit code, and no stack trace without --debug;
//   - check mode leaves the work tree, the index and `git status` byte-identical;
//   - nothing is written outside the git directory's cache (or the user's cache folder);
//   - no code of the repository ran: every trap it sets writes one canary file.
// runHostile runs as CI would (a sandboxed HOME and TMPDIR, no PARITY_CHECK_CACHE_DIR: the cache goes
// where the program decides); hostileCli runs in the test's environment with a cache of its own.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { CLI, git, makeRepo, tempDir, writeTree } from '../helpers.js';

/** Generous bounds: a broken build takes minutes or gigabytes, a working one seconds and tens of MB. */
export const HEAP_MB = 512;
export const TIMEOUT_MS = 60_000;

export interface HostileRun {
  code: number;
  stdout: string;
  stderr: string;
  /** The child was killed by the timeout or ran out of heap. */
  killed: boolean;
}

/**
 * The CLI as a child process in `cwd` with HEAP_MB of heap and a timeout. `asUser`: run with that
 * uid/gid (setpriv), so a chmod 000 file is unreadable even when the tests run as root. `shell`: a
 * pipeline around the CLI (`$PC` is the command), for closed pipes.
 */
export function spawnCli(
  args: string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv; asUser?: number; shell?: string; timeoutMs?: number },
): HostileRun {
  const node = [process.execPath, `--max-old-space-size=${HEAP_MB}`, CLI, ...args];
  const cmd = opts.asUser === undefined ? node : ['setpriv', `--reuid=${opts.asUser}`, `--regid=${opts.asUser}`, '--clear-groups', ...node];
  const quoted = cmd.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const [file, argv] = opts.shell ? ['bash', ['-c', opts.shell.replace('$PC', quoted)]] : [cmd[0], cmd.slice(1)];
  const r = spawnSync(file as string, argv as string[], { cwd: opts.cwd, env: opts.env, encoding: 'utf8', timeout: opts.timeoutMs ?? TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 });
  const oom = /heap out of memory/.test(r.stderr ?? '');
  return { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '', killed: r.signal !== null || oom };
}

/** One sandbox per case: HOME, XDG_CACHE_HOME and TMPDIR of the run, and the canary's place. */
export interface Sandbox {
  home: string;
  tmp: string;
  /** Any repository code that runs creates this file (see trapScripts). */
  canary: string;
}

export function sandbox(): Sandbox {
  const dir = tempDir('pc-hostile-env-');
  const home = path.join(dir, 'home');
  const tmp = path.join(dir, 'tmp');
  fs.mkdirSync(home);
  fs.mkdirSync(tmp);
  return { home, tmp, canary: path.join(dir, 'CANARY') };
}

/** The environment of a hostile run: nothing of the test runner's cache, the sandbox's home and temp. */
function hostileEnv(box: Sandbox, extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', HOME: box.home, XDG_CACHE_HOME: undefined, TMPDIR: box.tmp, ...extra };
  delete env.PARITY_CHECK_CACHE_DIR;
  delete env.GITHUB_ACTIONS;
  for (const [k, v] of Object.entries(extra)) if (v === undefined) delete env[k];
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  return env as NodeJS.ProcessEnv;
}

/** Runs the CLI on hostile input; fails on a stack trace or an "internal error" unless --debug asked for one. */
export function runHostile(box: Sandbox, args: string[], opts: { cwd: string; env?: Record<string, string | undefined> }): HostileRun {
  // Twice the default timeout: these runs start with no cache at all.
  const run = spawnCli(args, { cwd: opts.cwd, env: hostileEnv(box, opts.env ?? {}), timeoutMs: 2 * TIMEOUT_MS });
  expect(run.killed, 'killed (timeout or heap)').toBe(false);
  if (!args.includes('--debug')) {
    expect(run.stderr, 'no stack trace without --debug').not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
    expect(run.stderr).not.toMatch(/internal error/i);
  }
  return run;
}

/** Every path below `dir` with its type, mode, and content hash (a link: its target text); `skip` leaves paths out. */
export function treeState(dir: string, skip: (rel: string) => boolean = () => false): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string) => {
    const abs = rel ? path.join(dir, rel) : dir;
    let st: fs.Stats;
    try {
      st = fs.lstatSync(abs);
    } catch {
      return;
    }
    const mode = (st.mode & 0o7777).toString(8);
    if (st.isSymbolicLink()) out.set(rel, `link ${fs.readlinkSync(abs)}`);
    else if (st.isFile()) out.set(rel, `file ${mode} ${st.uid}:${st.gid} ${createHash('sha256').update(fs.readFileSync(abs)).digest('hex')}`);
    else if (st.isDirectory()) {
      out.set(rel, `dir ${mode}`);
      for (const name of fs.readdirSync(abs).sort()) {
        const child = rel ? `${rel}/${name}` : name;
        if (!skip(child)) walk(child);
      }
    } else out.set(rel, `other ${mode}`);
  };
  walk('');
  return out;
}

/** The paths whose state differs between two treeState maps (added, removed or changed), sorted. */
export function changedPaths(before: Map<string, string>, after: Map<string, string>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((k) => before.get(k) !== after.get(k)).sort();
}

/**
 * What check mode must keep byte-identical in a git work tree: every file of the work tree and of
 * the git directory (the index included) but parity-check's own cache, and `git status`.
 */
export function repoState(repo: string, gitFlags: string[] = []): { tree: Map<string, string>; status: string } {
  const tree = treeState(repo, (rel) => rel === '.git/parity-check');
  // The harness's own git must not trip a trap the case armed (a clean filter runs in `git status`).
  const status = spawnSync('git', ['-c', 'core.fsmonitor=false', ...gitFlags, 'status', '--porcelain=v2', '-z', '--untracked-files=all', '--ignored'], { cwd: repo, encoding: 'utf8' }).stdout;
  return { tree, status };
}

/** Asserts check mode changed nothing of the repository (work tree, index, status). */
export function expectRepoUnchanged(repo: string, before: ReturnType<typeof repoState>, gitFlags: string[] = []): void {
  const after = repoState(repo, gitFlags);
  expect(changedPaths(before.tree, after.tree)).toEqual([]);
  expect(after.status).toBe(before.status);
}

/**
 * Asserts nothing was written under the sandbox's home and temp folder but the places the README
 * names: the user's cache folder (~/.cache/parity-check/) and the compile cache in $TMPDIR.
 */
export function expectSandboxWritesOnlyCaches(box: Sandbox): void {
  const allowed = (rel: string) => rel === '.cache' || rel.startsWith('.cache/parity-check');
  const home = [...treeState(box.home).keys()].filter((r) => r !== '' && !allowed(r));
  expect(home, 'written in HOME outside ~/.cache/parity-check').toEqual([]);
  const tmp = [...treeState(box.tmp).keys()].filter((r) => r !== '' && !r.startsWith('parity-check-compile-cache-'));
  expect(tmp, 'written in TMPDIR outside the compile cache').toEqual([]);
}

export function expectNoCanary(box: Sandbox): void {
  expect(fs.existsSync(box.canary), `repository code ran: ${box.canary} exists`).toBe(false);
}

/**
 * Files that would run if anything executed the repository's code, each creating the canary: Python
 * start-up hooks, a package __init__, a .pth file, setup.py/conftest.py, npm scripts, a Makefile.
 */
export function trapFiles(box: Sandbox, at = ''): Record<string, string> {
  const py = `open(${JSON.stringify(box.canary)}, "a").write("ran\\n")\n`;
  const sh = `#!/bin/sh\necho ran >> '${box.canary}'\n`;
  const p = (rel: string) => (at ? `${at}/${rel}` : rel);
  return {
    [p('sitecustomize.py')]: py,
    [p('usercustomize.py')]: py,
    [p('trap.pth')]: `import os; ${py}`,
    [p('setup.py')]: py,
    [p('conftest.py')]: py,
    'package.json': JSON.stringify({ name: 'hostile', scripts: { preinstall: sh, prepare: sh, test: sh } }),
    Makefile: `all:\n\techo ran >> '${box.canary}'\n`,
    'trap.sh': sh,
  };
}

/** A shell script under the sandbox that creates the canary: for git settings that name a program. */
export function canaryProgram(box: Sandbox): string {
  const file = path.join(path.dirname(box.canary), 'trap-program.sh');
  fs.writeFileSync(file, `#!/bin/sh\necho ran >> '${box.canary}'\ncat\n`, { mode: 0o755 });
  return file;
}

/** A minimal two-entry-point FastAPI app under `root` whose Lambda map has the `src.` prefix bug (MOD001, fixable). */
export function lazyApp(root: string, extraEntries = ''): Record<string, string> {
  return {
    [`${root}/main.py`]: 'from fastapi import FastAPI\nfrom api import users\napp = FastAPI()\napp.include_router(users.router)\n',
    [`${root}/lazy_app.py`]:
      'import importlib\nfrom fastapi import FastAPI\napp = FastAPI()\n_ROUTER_MAP = {\n    "users": "src.api.users",\n' +
      extraEntries +
      '}\nfor name, path in _ROUTER_MAP.items():\n    app.include_router(importlib.import_module(path).router)\n',
    [`${root}/handler.py`]: 'from mangum import Mangum\nfrom lazy_app import app\nhandler = Mangum(app)\n',
    [`${root}/api/__init__.py`]: '',
    [`${root}/api/users.py`]: 'from fastapi import APIRouter\nrouter = APIRouter()\n',
    'parity-check.config.json': JSON.stringify({ apps: [{ name: 'a', root, entrypoints: ['main.py', 'lazy_app.py', 'handler.py'] }] }),
  };
}

/** `git add -A && git commit` with a fixed identity and no hooks. */
export function commitEverything(repo: string): void {
  git(repo, 'add', '-A');
  git(repo, '-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'core.hooksPath=/dev/null', 'commit', '-qm', 'hostile');
}

/** A committed git repository (fixed identity, no hooks) holding `files`. */
export function hostileRepo(files: Record<string, string | Buffer>, at?: string): string {
  const dir = makeRepo(at);
  writeTree(files, dir);
  commitEverything(dir);
  return dir;
}

/** One hash of the work tree's bytes and modes, `git status` and the index: what a check must leave byte-identical. */
export function treeHash(dir: string): string {
  const h = createHash('sha256');
  const walk = (rel: string) => {
    for (const name of fs.readdirSync(path.join(dir, rel)).sort()) {
      if (rel === '' && name === '.git') continue;
      const p = path.join(rel, name);
      const st = fs.lstatSync(path.join(dir, p));
      h.update(`${p}\0${st.mode}\0`);
      if (st.isDirectory()) walk(p);
      else if (st.isFile()) {
        // An unreadable file (a test made it so) is named by its mode only.
        try {
          h.update(fs.readFileSync(path.join(dir, p)));
        } catch {
          h.update('unreadable');
        }
      }
    }
  };
  // git status first: it may refresh the index's stat cache, which is git's doing, not the check's.
  const status = git(dir, 'status', '--porcelain=v1', '-z', '--ignored');
  walk('');
  h.update(status);
  h.update(fs.readFileSync(path.join(dir, '.git', 'index')));
  return h.digest('hex');
}

/** The CLI in `cwd` in the test's environment (its own cache folder), under spawnCli's bounds. */
export function hostileCli(cwd: string, args: string[], opts: { asUser?: number; shell?: string; env?: Record<string, string> } = {}): HostileRun {
  // CI's own GITHUB_ACTIONS would switch the output format.
  const { GITHUB_ACTIONS: _ci, ...inherited } = process.env;
  const env = { ...inherited, NO_COLOR: '1', PARITY_CHECK_CACHE_DIR: path.join(tmpdir(), `pc-hostile-cache-${process.pid}`), ...opts.env };
  return spawnCli(args, { cwd, env, asUser: opts.asUser, shell: opts.shell });
}

/** Nothing that reads as a crash: not killed, no Node stack frame, no "internal error". */
export function noCrash(r: HostileRun): string[] {
  const out: string[] = [];
  if (r.killed) out.push('killed (timeout or heap)');
  if (/^\s+at .+:\d+:\d+\)?$/m.test(r.stderr)) out.push(`stack trace: ${r.stderr.slice(0, 400)}`);
  if (/internal error/.test(r.stderr)) out.push(`internal error: ${r.stderr.slice(0, 400)}`);
  return out;
}

/** The example FastAPI app of the repository (examples/fixed), as files to write. */
export function exampleApp(): Record<string, string> {
  const base = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..', 'examples', 'fixed');
  const files: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of fs.readdirSync(path.join(base, rel))) {
      const p = rel ? `${rel}/${name}` : name;
      if (fs.statSync(path.join(base, p)).isDirectory()) walk(p);
      else files[p] = fs.readFileSync(path.join(base, p), 'utf8');
    }
  };
  walk('');
  return files;
}

export const SRC = 'apps/backend-api/src';
