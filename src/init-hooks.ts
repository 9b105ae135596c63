// What `init` adds next to what a repository already has (#18 point 4, 5), kept apart from init.ts:
//   - the pre-commit framework in use (.pre-commit-config.yaml): the hook goes into its config, and
//     husky is not added (husky sets core.hooksPath, which silences pre-commit's own hook);
//   - core.hooksPath set by another manager: left alone, and the line to add is printed;
//   - npm packages to install: node_modules/ in .gitignore;
//   - a Python-only repository: the config as pyproject.toml's [tool.parity-check].
// Every edit appends text: what was in a file stays byte for byte.
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseToml, stringify as stringifyToml } from 'smol-toml';
import { parseDocument, isSeq } from 'yaml';
import { hookSource, sourceEntry, type HookSource } from './init-precommit.js';
import { initHookMessages as M } from './messages.js';
import { GLOBAL_FLAGS, childProcess, gitEnv } from './snapshot/git-process.js';

export const PRE_COMMIT_CONFIG = '.pre-commit-config.yaml';

export interface FileChange {
  rel: string;
  before: string | undefined;
  after: string;
  mode?: number;
}

export function readIf(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * The pre-commit entry init writes. With a package.json, a `repo: local` hook running the project's
 * own installed copy (`npx --no-install`: the version package.json pins, offline, no second install
 * in pre-commit's cache); without one, what `source` says runs (src/init-precommit.ts).
 */
export function preCommitEntry(withPackageJson: boolean, indent: string, source: HookSource | undefined = hookSource()): string {
  if (!withPackageJson) return sourceEntry(source, indent);
  const lines = [
        '- repo: local',
        '  hooks:',
        '    - id: parity-check',
        '      name: parity-check',
        '      entry: npx --no-install parity-check --staged',
        '      language: system',
        '      pass_filenames: false',
        '      always_run: true',
        '      require_serial: true',
      ];
  return lines.map((l) => `${indent}${l}\n`).join('');
}

/** What init says when no hook that would run can be written (the config exists, or is to be created). */
export function preCommitNotWritten(exists: boolean): string {
  return M.preCommitNotWritten(PRE_COMMIT_CONFIG, exists, sourceEntry(undefined, '  '), sourceEntry({ kind: 'path', command: 'parity-check' }, '  '));
}

/** Adds the parity-check hook to an existing .pre-commit-config.yaml (appended to `repos:`), or prints it when it cannot be placed. */
export function addToPreCommit(folder: string, withPackageJson: boolean, changes: FileChange[], notes: string[], source = hookSource()): void {
  const text = readIf(path.join(folder, PRE_COMMIT_CONFIG)) ?? '';
  const doc = parseDocument(text);
  const repos = doc.errors.length ? undefined : doc.get('repos', true);
  if (repos !== undefined && isSeq(repos) && repos.items.some((r) => JSON.stringify(r).includes('parity-check'))) {
    notes.push(M.preCommitPresent());
    return;
  }
  // Nothing that would not run: no URL and no parity-check on PATH leaves the config as it is.
  if (!withPackageJson && source === undefined) {
    notes.push(preCommitNotWritten(true));
    return;
  }
  // A block list under `repos:` (the form pre-commit's docs and sample-config write): append after its last item.
  if (repos === undefined || !isSeq(repos) || repos.flow || !repos.range) {
    notes.push(M.preCommitByHand(PRE_COMMIT_CONFIG, preCommitEntry(withPackageJson, '  ', source)));
    return;
  }
  const start = repos.range[0];
  const indent = text.slice(text.lastIndexOf('\n', start - 1) + 1, start);
  // range[1]: the end of the last item, past its newline (or the end of the file).
  const cut = repos.range[1];
  const head = text.slice(0, cut);
  const after = `${head}${head.endsWith('\n') ? '' : '\n'}${preCommitEntry(withPackageJson, /^\s*$/.test(indent) ? indent : '  ', source)}${text.slice(cut)}`;
  changes.push({ rel: PRE_COMMIT_CONFIG, before: text, after });
  notes.push(M.preCommitInstall());
  if (!withPackageJson && source?.kind === 'path') notes.push(M.preCommitOnPath(source.command));
}

/** core.hooksPath as git sees it in this folder (read only), or undefined. */
export function hooksPath(folder: string): string | undefined {
  // With the flags and environment of every git call parity-check makes (snapshot/git-process.ts).
  const r = childProcess().spawnSync('git', [...GLOBAL_FLAGS, 'config', '--get', 'core.hooksPath'], { cwd: folder, env: gitEnv(), encoding: 'utf8' });
  const v = r.status === 0 ? r.stdout.trim() : '';
  return v || undefined;
}

/** A hooksPath that husky set (husky 9: .husky/_; husky 4–8: .husky). */
export function isHuskyPath(p: string): boolean {
  return /(^|\/)\.husky(\/_)?\/?$/.test(p);
}

/** Appends node_modules/ to .gitignore when no line ignores it already. */
export function ignoreNodeModules(folder: string, changes: FileChange[]): void {
  const before = readIf(path.join(folder, '.gitignore'));
  if (before !== undefined && before.split(/\r?\n/).some((l) => /^\/?node_modules\/?(\*\*)?$/.test(l.trim()))) return;
  const base = before ?? '';
  changes.push({ rel: '.gitignore', before, after: `${base}${base && !base.endsWith('\n') ? '\n' : ''}node_modules/\n` });
}

/**
 * The config as pyproject.toml's [tool.parity-check], appended (or a new file); undefined when the
 * file cannot take it (it does not parse, or defines `tool` inline): then the JSON file is written.
 */
export function pyprojectConfig(folder: string, config: Record<string, unknown>): FileChange | undefined {
  const before = readIf(path.join(folder, 'pyproject.toml'));
  // The [tool.parity-check] header is written even when every key is a sub-table, so a reader sees the table by its name.
  const table = `[tool.parity-check]\n${stringifyToml({ tool: { 'parity-check': config } }).replace(/^\n+/, '')}`;
  const base = before ?? '';
  const after = `${base}${base && !base.endsWith('\n') ? '\n' : ''}${base ? '\n' : ''}${table}\n`;
  try {
    const parsed = parseToml(after) as { tool?: Record<string, unknown> };
    if (JSON.stringify(parsed.tool?.['parity-check']) !== JSON.stringify(config)) return undefined;
  } catch {
    return undefined;
  }
  return { rel: 'pyproject.toml', before, after };
}
