// Where each output format's paths are relative to. Findings carry paths relative to the checked
// folder's base (the folder holding the config when it was found upward); the reporters re-root them:
//   pretty           the current folder, so `path:line:col` opens from where the command ran
//   github, sarif    the top of the git repository, which is where GitHub resolves annotation and
//                    code-scanning paths (a check of a monorepo subfolder points at files that exist)
//   json             the base, unchanged (documented in the README: the stable machine format)
import path from 'node:path';
import type { Finding, NotChecked } from '../types.js';

/** Maps a base-relative posix path to the one an output shows. */
export type PathMap = (file: string) => string;

const posix = (p: string) => p.split(path.sep).join('/');

/**
 * Re-roots paths from `base` to `to` (both absolute). Identity when they are the same folder; a file
 * outside `to` gets `../` steps, still a path that opens from `to`.
 */
export function rerootPaths(base: string, to: string): PathMap {
  const from = path.resolve(base);
  const dest = path.resolve(to);
  if (from === dest) return (f) => f;
  return (f) => posix(path.relative(dest, path.join(from, f)));
}

/**
 * Pretty output's map, as ruff prints: a file under `cwd` relative to it wherever the base is
 * (`parity-check examples/incident`, `cd backend && parity-check` with the config above), and a file
 * outside `cwd` absolute (`cd /tmp && parity-check /srv/repo/backend` prints `/srv/repo/backend/...`,
 * `cd backend` prints the root's serverless.yml as `/srv/repo/serverless.yml`), so every
 * `path:line:col` opens from where the command ran and none climbs with `../../`.
 */
export function prettyPaths(base: string, cwd: string): PathMap {
  const from = path.resolve(base);
  const dest = path.resolve(cwd);
  if (from === dest) return (f) => f;
  return (f) => {
    const abs = path.join(from, f);
    const rel = path.relative(dest, abs);
    return rel === '..' || rel.startsWith('..' + path.sep) || path.isAbsolute(rel) ? posix(abs) : posix(rel);
  };
}

/** The findings, functions not checked and the sources map with every path through `map`. */
export function relocate(
  map: PathMap,
  findings: Finding[],
  notChecked: readonly NotChecked[],
  sources: ReadonlyMap<string, string>,
): { findings: Finding[]; notChecked: NotChecked[]; sources: Map<string, string> } {
  const moved = new Map<string, string>();
  for (const [file, text] of sources) moved.set(map(file), text);
  return {
    findings: findings.map((f) => ({
      ...f,
      file: map(f.file),
      ...(f.related ? { related: f.related.map((r) => ({ ...r, file: map(r.file) })) } : {}),
      ...(f.fix ? { fix: { ...f.fix, edits: f.fix.edits.map((e) => ({ ...e, file: map(e.file) })) } } : {}),
    })),
    notChecked: notChecked.map((n) => ({ ...n, loc: { ...n.loc, file: map(n.loc.file) }, ...(n.definition ? { definition: { ...n.definition, file: map(n.definition.file) } } : {}) })),
    sources: moved,
  };
}
