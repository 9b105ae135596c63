import { runScript, type ShellEffect } from '../../src/shell/index.js';
import type { Lookup, StandIn } from '../../src/shell/words.js';

export const ROOT = '/work';
export const REPO = ['src/app/__init__.py', 'src/app/main.py', 'src/app/sub/x.py', 'src/lib/util.py', 'requirements.txt'];

/** Runs `script` at ROOT over REPO (or `files` at `root`); locations are `s.sh` rows/columns, 1-based. */
export function sh(script: string, o: { env?: Record<string, string>; standIns?: StandIn[]; root?: string; files?: string[]; cwd?: string; cwdWhy?: string } = {}): ShellEffect {
  const env = o.env ?? {};
  const root = o.root ?? ROOT;
  return runScript(script, {
    root,
    files: o.files ?? REPO,
    home: '/home/u',
    cwd: o.cwd ?? root,
    cwdWhy: o.cwdWhy,
    env: (name): Lookup | undefined => (name in env ? { value: env[name] } : undefined),
    standIns: o.standIns,
    locate: (s, e) => ({ file: 's.sh', line: s.row + 1, column: s.column + 1, endLine: e.row + 1, endColumn: e.column + 1 }),
  });
}

/** The tree's files below `dir` (relative to it), sorted. */
export function filesUnder(fx: ShellEffect, dir: string): string[] {
  return fx.vfs
    .under(dir)
    .map(([p]) => p.slice(dir.length + 1))
    .sort();
}

export const whys = (fx: ShellEffect) => fx.unknowns.map((u) => u.why);
