// Finds the configuration of the checked folder and loads it: read through the snapshot (so --staged
// reads the staged config), parsed, merged with what it `extends` and validated. Every problem is
// collected and reported at once, each prefixed with its file and its path inside the config.
// The steps live beside this file: document.ts (one file's text to a value, json-error.ts for where
// JSON is wrong), extends.ts, validate.ts (schema issues to messages), layers.ts (reading and merging
// the files), check-apps.ts (what only the merged apps can show).
import path from 'node:path';
import { configMessages as M, inFile } from '../messages.js';
import type { Snapshot } from '../types.js';
import { CONFIG_FILE_NAMES, packageJsonHasKey, pyprojectHasTable } from './above.js';
import { checkApps } from './check-apps.js';
import { checkFunctions } from './check-functions.js';
import { PACKAGE_JSON_KEY, type Source } from './document.js';
import { Loader, toPosix } from './layers.js';
import type { FunctionEntry } from './functions.js';
import type { Config } from './schema.js';
import { validateConfig } from './validate.js';

export { PACKAGE_JSON_KEY } from './document.js';

/** The configuration is wrong: every problem found, each a full line naming its file. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(M.errorSummary(problems));
  }
}

export interface LoadedConfig {
  config: Config;
  /** The config file: posix and relative to the checked folder, or absolute when outside it; undefined when none was found. */
  file: string | undefined;
  /** Posix path, relative to the checked folder, of the folder holding the config: app roots are relative to it. */
  dir: string;
  /** Every config file read (the config and what it extends) that lies inside the checked folder, posix and relative: a staged change to any of them affects every app. */
  files: string[];
  /** The `functions` entries, with where each is written (for src/deploy/overrides.ts). */
  functions?: FunctionEntry[];
  /** Files read from disk rather than the snapshot, with their text (null: absent): see Loader.diskReads. */
  diskInputs?: [file: string, text: string | null][];
}

export interface LoadConfigOptions {
  /** --config: relative to the current folder, or absolute. */
  configPath?: string;
}

export { CONFIG_FILE_NAMES } from './above.js';

/**
 * Finds and loads the configuration of the snapshot's folder: `--config` if given, else the first of
 * parity-check.config.json, .yaml, .yml, pyproject.toml's [tool.parity-check], package.json's "parity-check" key. Throws ConfigError with
 * every problem. No config at all gives an empty config.
 */
export async function loadConfig(snapshot: Snapshot, opts: LoadConfigOptions = {}): Promise<LoadedConfig> {
  const loader = new Loader(snapshot);
  const source = await findConfig(snapshot, loader, opts.configPath);
  if (!source) return { config: {}, file: undefined, dir: '', files: [] };

  const file = loader.relInside(source.abs) ?? toPosix(source.abs);
  const dir = toPosix(path.relative(snapshot.base, path.dirname(source.abs)));

  await loader.load(source, []);
  if (loader.problems.length) throw new ConfigError(loader.problems);

  const { config, origins, functions } = loader.merge();
  // Layers were each validated as they were read; only a merge of several can make something new
  // (a config of 300 apps costs ~8 ms a parse).
  const merged = loader.layerCount > 1 ? validateConfig(config) : undefined;
  if (merged && !merged.ok) {
    throw new ConfigError(merged.problems.map((p) => inFile(source.label, p)));
  }
  const problems = [...checkApps(snapshot, config, dir, origins), ...checkFunctions(snapshot, functions, dir)];
  if (problems.length) throw new ConfigError(problems);
  const files = [...new Set(loader.layerFiles().map((abs) => loader.relInside(abs)).filter((r): r is string => r !== undefined))];
  const diskInputs = [...loader.diskReads];
  return { config, file, dir, files, ...(functions.length ? { functions } : {}), ...(diskInputs.length ? { diskInputs } : {}) };
}

/** The config document to load: `configPath` when given (it may not exist), else the first one found in the snapshot. */
async function findConfig(snapshot: Snapshot, loader: Loader, configPath: string | undefined): Promise<Source | undefined> {
  if (configPath !== undefined) {
    const abs = path.resolve(configPath);
    const label = loader.label(abs);
    if (path.basename(abs) === 'package.json') return { abs, key: PACKAGE_JSON_KEY, label: M.packageJsonLabel(label) };
    return /\.toml$/i.test(abs) ? { abs, label: M.pyprojectLabel(label) } : { abs, label };
  }
  for (const name of CONFIG_FILE_NAMES) {
    if (snapshot.has(name)) return { abs: path.join(snapshot.base, name), label: name };
  }
  // Python teams configure in pyproject.toml, as for ruff: a [tool.parity-check] table counts.
  if (snapshot.has('pyproject.toml') && pyprojectHasTable((await snapshot.readText('pyproject.toml')) ?? ''))
    return { abs: path.join(snapshot.base, 'pyproject.toml'), label: M.pyprojectLabel('pyproject.toml') };
  if (!snapshot.has('package.json') || !packageJsonHasKey((await snapshot.readText('package.json')) ?? '')) return undefined;
  return { abs: path.join(snapshot.base, 'package.json'), key: PACKAGE_JSON_KEY, label: M.packageJsonLabel('package.json') };
}
