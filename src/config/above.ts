// Config discovery as ruff and ESLint do it: a check of a folder with no config of its own uses the
// nearest config above it, up to the top of its git repository (never beyond: a config of an
// enclosing, unrelated project must not apply). Read from disk, before any snapshot is opened: the
// answer decides which folder the snapshot is opened at. Light on purpose (the command line imports it
// at start-up): no YAML or TOML parser; loadConfig reads and judges the file it points at.
import fs from 'node:fs';
import path from 'node:path';

/** The names looked for in the checked folder, in this order (then pyproject.toml's [tool.parity-check], then package.json's "parity-check" key). */
export const CONFIG_FILE_NAMES = ['parity-check.config.json', 'parity-check.config.yaml', 'parity-check.config.yml'] as const;

/** Every file that may hold a config: the names, then the two shared ones with a parity-check part. */
export const CONFIG_DOCUMENTS = [...CONFIG_FILE_NAMES, 'pyproject.toml', 'package.json'] as const;

/** A regular file's text, small enough to be a config; with `noFollow`, not through a link. Else undefined. */
export function readSmall(file: string, noFollow = false): string | undefined {
  try {
    const st = noFollow ? fs.lstatSync(file) : fs.statSync(file);
    return st.isFile() && st.size < 1_000_000 ? fs.readFileSync(file, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

/** pyproject.toml text has a `[tool.parity-check]` table, or only its sub-tables such as `[[tool.parity-check.apps]]` (a header line is enough: loadConfig parses the file and reports its errors). */
export function pyprojectHasTable(text: string): boolean {
  return text.split('\n').some((l) => /^\s*\[\[?\s*tool\s*\.\s*(?:"parity-check"|parity-check)\s*[\].]/.test(l));
}

/** package.json text has a "parity-check" key; a package.json that does not parse holds no config we can see. */
export function packageJsonHasKey(text: string): boolean {
  try {
    const manifest: unknown = JSON.parse(text);
    return typeof manifest === 'object' && manifest !== null && !Array.isArray(manifest) && 'parity-check' in manifest;
  } catch {
    return false;
  }
}

/** Whether a folder holds a config parity-check would read (the names loadConfig looks for). */
export function hasConfig(dir: string): boolean {
  if (CONFIG_FILE_NAMES.some((n) => fs.existsSync(path.join(dir, n)))) return true;
  const pyproject = readSmall(path.join(dir, 'pyproject.toml'));
  if (pyproject !== undefined && pyprojectHasTable(pyproject)) return true;
  const pkg = readSmall(path.join(dir, 'package.json'));
  return pkg !== undefined && packageJsonHasKey(pkg);
}

/**
 * The nearest folder above `folder` (absolute) that holds a config, searching up to the top of the
 * git work tree that contains `folder`; undefined when `folder` has its own, when none is found, or
 * when `folder` is in no git work tree.
 */
export function configAbove(folder: string): string | undefined {
  if (hasConfig(folder)) return undefined;
  const chain: string[] = [];
  let top: string | undefined;
  for (let dir = folder; ; dir = path.dirname(dir)) {
    chain.push(dir);
    if (fs.existsSync(path.join(dir, '.git'))) {
      top = dir;
      break;
    }
    if (path.dirname(dir) === dir) break;
  }
  if (top === undefined) return undefined;
  return chain.slice(1).find(hasConfig);
}
