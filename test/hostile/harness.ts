// The hostile-input suite's harness (topic hostile-a; hostile-b keeps its own in harness-b.ts): every
// case builds its hostile repository at test time, runs the built CLI as a process the way CI would
// (no PARITY_CHECK_CACHE_DIR: the cache goes where the program decides), and then holds the promises:
//   - the exit code, and no stack trace without --debug;
//   - check mode leaves the work tree, the index and `git status` byte-identical;
//   - nothing is written outside the git directory's cache (or the user's cache folder);
//   - no code of the repository ran: every trap it sets writes one canary file.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { CLI, git, tempDir } from '../helpers.js';

export interface HostileRun {
  code: number;
  stdout: string;
  stderr: string;
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
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: opts.cwd, env: hostileEnv(box, opts.env ?? {}), encoding: 'utf8', timeout: 120_000 });
  const run = { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
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
