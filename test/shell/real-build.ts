// Topics links and links2 (#15): the real tools beside the simulator. A tree with links is built for real with bash in a copy
// (a folder below a fresh temporary folder, so a link that climbs out of the checkout lands where nothing is), and
// simulated from the same tree's WorktreeSnapshot; what Python can read in the built folder or the unpacked zip
// must be what the simulation lists.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { runScript, type ShellEffect } from '../../src/shell/index.js';
import { WorktreeSnapshot } from '../../src/snapshot/worktree.js';
import { tempDir } from '../helpers.js';

export async function simulate(dir: string, script: string): Promise<ShellEffect> {
  const snap = await WorktreeSnapshot.create(dir, { gitIgnore: false });
  return runScript(script, {
    root: dir,
    files: snap.files().map((e) => e.path),
    links: snap.links,
    home: '/root',
    cwd: dir,
    env: () => undefined,
    locate: (s, e) => ({ file: 's.sh', line: s.row + 1, column: s.column + 1, endLine: e.row + 1, endColumn: e.column + 1 }),
  });
}

/** Runs the script for real in a copy of `dir` at <fresh temp>/repo (links kept); the copy and bash's status. */
export function build(dir: string, script: string): { copy: string; status: number | null; stderr: string } {
  const copy = path.join(tempDir('pc-links2-real-'), 'repo');
  fs.mkdirSync(copy);
  execFileSync('cp', ['-a', `${dir}/.`, copy]);
  const r = spawnSync('bash', ['-c', script], { cwd: copy, stdio: 'pipe', encoding: 'utf8' });
  return { copy, status: r.status, stderr: r.stderr };
}

/** The regular files Python can open below `dir`, through links (a dangling link is no file). */
export function readable(dir: string): string[] {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) return [];
  return execFileSync('find', ['-L', '.', '-type', 'f'], { cwd: dir, encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map((p) => p.slice(2))
    .sort();
}

/** The zip unpacked by unzip, which restores stored links, as Lambda does under /var/task. */
export function unpacked(zip: string): string {
  const u = tempDir('pc-links2-unzip-');
  execFileSync('unzip', ['-q', zip, '-d', u]);
  return u;
}

export const simFolder = (fx: ShellEffect, abs: string) =>
  fx.vfs
    .under(abs)
    .map(([p]) => p.slice(abs.length + 1))
    .sort();

export const simZip = (fx: ShellEffect, abs: string) => [...fx.zips.get(abs)!.files.keys()].sort();

/**
 * The script built for real (bash must succeed) and simulated; `out` is the zip or folder the package is: `task`
 * is the real package (a zip unpacked by unzip), `isZip` says which.
 */
export async function realAndSimulated(dir: string, script: string, out: string): Promise<{ fx: ShellEffect; real: string; task: string; isZip: boolean }> {
  const real = build(dir, script);
  expect(real.status, real.stderr).toBe(0);
  const fx = await simulate(dir, script);
  const isZip = out.endsWith('.zip');
  const task = isZip ? unpacked(path.join(real.copy, out)) : path.join(real.copy, out);
  return { fx, real: real.copy, task, isZip };
}

export const said = (fx: ShellEffect) => [...fx.unknowns, ...fx.notes].map((u) => u.why).join('\n');
