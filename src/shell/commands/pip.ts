// pip install -t DIR: the one reader of pip's target folder (workflow steps, Dockerfile RUN). The simulator
// records an install into DIR (a dependency marker: no files are listed for what pip would download).
import type { Command } from '../types.js';

/** `pip`, `pip3`, `pip3.12`, or `python[3[.x]] -m pip` (args are the command's arguments, null when unknown). */
export function isPip(name: string, args: readonly (string | null)[]): boolean {
  return /^pip3?(\.\d+)?$/.test(name) || (/^python3?(\.\d+)?$/.test(name) && args[0] === '-m' && args[1] === 'pip');
}

/**
 * The target folder of a `pip … install …` command's arguments: undefined when it has no -t (pip installs into its
 * site-packages), null when the folder is not known (a missing or unknown value). pip's optparse reads
 * `-t DIR`, `-tDIR`, `--target DIR` and `--target=DIR`.
 */
export function pipTarget(args: readonly (string | null)[]): string | null | undefined {
  const t = args.findIndex((a) => a !== null && (a === '-t' || a === '--target' || a.startsWith('--target=') || (a.startsWith('-t') && a.length > 2)));
  if (t < 0) return undefined;
  const a = args[t]!;
  if (a.startsWith('--target=')) return a.slice(9);
  if (a === '-t' || a === '--target') return args[t + 1] ?? null;
  return a.slice(2);
}

export const pip: Command = (sh, { words, loc, command }) => {
  const vals = words.map((x) => x.w.value);
  if (!vals.includes('install')) return;
  const raw = pipTarget(vals);
  if (raw) {
    const into = sh.resolve(raw);
    sh.vfs.addDir(into);
    sh.installs.push({ intoAbs: into, loc, command });
  }
};
