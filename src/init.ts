// `parity-check init [PATH] [--dry-run]`: sets up a user's repository in one command.
//   - parity-check.config.json with the apps found (zero-config discovery), unless a config exists;
//   - with a package.json: the husky pre-commit hook (`parity-check --staged`, see hooks/husky-pre-commit),
//     husky in devDependencies and `"prepare": "husky"` when missing (then `npm install` is the one
//     command left: it installs husky, whose prepare step activates the hook);
//   - without a package.json: the pre-commit framework snippet, printed.
// Idempotent: a second run changes nothing and says so. --dry-run prints a unified diff, writes nothing.
// Never runs npm or git commands that change anything.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTwoFilesPatch } from 'diff';
import { CONFIG_FILE_NAMES, PACKAGE_JSON_KEY } from './config/load.js';
import { graphEnv, servesFactoryApp } from './graph/env.js';
import { discoverApps } from './discover.js';
import { FactsStore } from './graph/facts-store.js';
import { PathError, initHookMessages as H, initMessages as M } from './messages.js';
import { WorktreeSnapshot } from './snapshot/index.js';
import { PRE_COMMIT_CONFIG, addToPreCommit, preCommitNotWritten, hooksPath, ignoreNodeModules, isHuskyPath, pyprojectConfig } from './init-hooks.js';
import { pyprojectHasTable } from './config/above.js';
import { hookSource, sourceEntry } from './init-precommit.js';
import { rawUrl } from './links.js';
// A user's mistake (no such folder, a package.json that is not JSON): one line, exit 2, not an internal error.

export const SCHEMA_REF = './node_modules/parity-check/config/parity-check.schema.json';
export const HUSKY_VERSION = '^9.1.7';
export const HOOK_LINE = 'parity-check --staged';

export interface InitOptions {
  dryRun: boolean;
}

export interface InitResult {
  /** What to print on stdout. */
  text: string;
  /** Files written (or, with --dry-run, that would be), relative to the folder. */
  changed: string[];
}

interface Change {
  rel: string;
  before: string | undefined;
  after: string;
  mode?: number;
}

function readIf(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The hook body shipped in hooks/husky-pre-commit (next to dist/ and src/). */
function hookBody(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return readIf(path.join(here, '..', 'hooks', 'husky-pre-commit')) ?? `${HOOK_LINE}\n`;
}

function detectIndent(text: string): string | number {
  const m = /^[{[]\s*\n([ \t]+)\S/.exec(text);
  return m ? m[1] : 2;
}

export async function init(folder: string, opts: InitOptions): Promise<InitResult> {
  if (!fs.statSync(folder, { throwIfNoEntry: false })?.isDirectory()) throw new PathError(M.notAFolder(folder));
  const changes: Change[] = [];
  const notes: string[] = [];
  const { pkg, pkgText } = readPackageJson(folder);
  const configured = await addConfig(folder, pkg, changes, notes);
  const { needsInstall, placed } = addHooks(folder, pkg, pkgText, changes, notes);
  if (needsInstall) ignoreNodeModules(folder, changes);
  // "Already set up" only when it is: no app found, or a hook left to add by hand, is not set up.
  let text = writeOrShow(folder, changes, opts.dryRun, configured && placed);
  for (const n of notes) text += n;
  if (changes.length && needsInstall) text += opts.dryRun ? '' : M.runInstall();
  return { text, changed: changes.map((c) => c.rel) };
}

/**
 * 2. Hooks, through the manager already in use: the pre-commit framework's config when there is one,
 * nothing but a note when another manager owns core.hooksPath, else husky (with a package.json) or
 * the pre-commit snippet. `needsInstall` when `npm install` is needed; `placed` when the hook is (or will be)
 * in place after this run, not left for the user to add.
 */
function addHooks(folder: string, pkg: Record<string, unknown> | undefined, pkgText: string | undefined, changes: Change[], notes: string[]): { needsInstall: boolean; placed: boolean } {
  if (fs.existsSync(path.join(folder, PRE_COMMIT_CONFIG))) {
    addToPreCommit(folder, pkg !== undefined, changes, notes);
    const placed = changes.some((c) => c.rel === PRE_COMMIT_CONFIG) || notes.includes(H.preCommitPresent());
    // The repo: local hook runs `npx --no-install parity-check`: it needs parity-check installed in the project.
    if (pkg && !('parity-check' in { ...(pkg.dependencies as object | undefined), ...(pkg.devDependencies as object | undefined) })) notes.push(M.notADependency());
    return { needsInstall: false, placed };
  }
  const hp = hooksPath(folder);
  if (hp && !isHuskyPath(hp)) {
    notes.push(H.foreignHooksPath(hp));
    return { needsInstall: false, placed: false };
  }
  if (pkg && pkgText !== undefined) return { needsInstall: addHusky(folder, pkg, pkgText, changes, notes), placed: true };
  notePreCommit(folder, notes);
  return { needsInstall: false, placed: notes.includes(M.preCommitPresent()) };
}

/** The folder's package.json, parsed when it is a JSON object; its text whatever it holds. */
function readPackageJson(folder: string): { pkg: Record<string, unknown> | undefined; pkgText: string | undefined } {
  const pkgPath = path.join(folder, 'package.json');
  const pkgText = readIf(pkgPath);
  let pkg: Record<string, unknown> | undefined;
  if (pkgText !== undefined) {
    try {
      const parsed: unknown = JSON.parse(pkgText);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) pkg = parsed as Record<string, unknown>;
    } catch {
      throw new PathError(M.badPackageJson(pkgPath));
    }
  }
  return { pkg, pkgText };
}

/** 1. The config: the apps discovery finds, unless a config exists. */
async function addConfig(folder: string, pkg: Record<string, unknown> | undefined, changes: Change[], notes: string[]): Promise<boolean> {
  const existing =
    CONFIG_FILE_NAMES.find((n) => fs.existsSync(path.join(folder, n))) ??
    (pyprojectHasTable(readIf(path.join(folder, 'pyproject.toml')) ?? '') ? 'pyproject.toml' : undefined) ??
    (pkg && PACKAGE_JSON_KEY in pkg ? 'package.json' : undefined);
  if (existing) {
    notes.push(M.configExists(existing));
    return true;
  }
  const snapshot = await WorktreeSnapshot.create(folder);
  const store = new FactsStore(snapshot);
  let specs: Awaited<ReturnType<typeof discoverApps>>;
  try {
    specs = await discoverApps(snapshot, store, { servesFactoryApp: servesFactoryApp(await graphEnv(snapshot, store)) });
  } finally {
    // Worker threads and git processes must end even when discovery fails, or the process waits on them.
    await store.close();
    await snapshot.close();
  }
  if (!specs.length) {
    notes.push(M.noAppsFound());
    return false;
  }
  // $schema only where it resolves: the installed package's file, else this version's file at its tag
  // (none while the project has no repository: src/links.ts).
  const schema = fs.existsSync(path.join(folder, ...SCHEMA_REF.split('/'))) ? SCHEMA_REF : rawUrl('config/parity-check.schema.json');
  const config = {
    ...(schema !== undefined ? { $schema: schema } : {}),
    apps: specs.map((s) => ({ name: s.root ? s.root.split('/').filter((p) => p !== 'src').pop() ?? s.name : path.basename(folder), root: s.root || '.', entrypoints: s.entrypoints })),
  };
  // Names must be unique: fall back to the root when two apps end alike.
  const names = config.apps.map((a) => a.name);
  for (const a of config.apps) if (names.filter((n) => n === a.name).length > 1) a.name = a.root;
  // A Python-only repository configures in pyproject.toml (no $schema there: TOML has none).
  const { $schema: _, ...table } = config;
  const toml = pkg === undefined ? pyprojectConfig(folder, table) : undefined;
  changes.push(toml ?? { rel: 'parity-check.config.json', before: undefined, after: `${JSON.stringify(config, null, 2)}\n` });
  return true;
}

/** 2. Hooks, with a package.json: husky and its pre-commit hook. True when `npm install` is needed. */
function addHusky(folder: string, pkg: Record<string, unknown>, pkgText: string, changes: Change[], notes: string[]): boolean {
  let needsInstall = false;
  const next = structuredClone(pkg);
  const deps = { ...(next.dependencies as Record<string, string> | undefined), ...(next.devDependencies as Record<string, string> | undefined) };
  if (!('husky' in deps)) {
    next.devDependencies = { ...(next.devDependencies as Record<string, string> | undefined), husky: HUSKY_VERSION };
    needsInstall = true;
  }
  if (!('parity-check' in deps)) notes.push(M.notADependency());
  const scripts = { ...(next.scripts as Record<string, string> | undefined) };
  if (!scripts.prepare) scripts.prepare = 'husky';
  else if (!/\bhusky\b/.test(scripts.prepare)) scripts.prepare = `${scripts.prepare} && husky`;
  next.scripts = scripts;
  const after = `${JSON.stringify(next, null, detectIndent(pkgText))}${pkgText.endsWith('\n') ? '\n' : ''}`;
  if (after !== pkgText) changes.push({ rel: 'package.json', before: pkgText, after });

  const hookRel = '.husky/pre-commit';
  const hookText = readIf(path.join(folder, hookRel));
  if (hookText === undefined) {
    changes.push({ rel: hookRel, before: undefined, after: hookBody(), mode: 0o755 });
  } else if (!hookText.split('\n').some((l) => l.trim().startsWith(HOOK_LINE))) {
    changes.push({ rel: hookRel, before: hookText, after: `${hookText}${hookText.endsWith('\n') || !hookText ? '' : '\n'}${HOOK_LINE}\n`, mode: 0o755 });
  }
  if (!needsInstall && !fs.existsSync(path.join(folder, '.husky', '_', 'husky.sh')) && !fs.existsSync(path.join(folder, '.husky', '_', 'h'))) {
    notes.push(M.activateHusky());
  }
  return needsInstall;
}

/** 2. Hooks, without a package.json: the pre-commit framework snippet, unless it is there. */
function notePreCommit(folder: string, notes: string[]): false {
  const preCommit = readIf(path.join(folder, '.pre-commit-config.yaml'));
  if (preCommit && /id:\s*parity-check\b/.test(preCommit)) notes.push(M.preCommitPresent());
  else {
    const source = hookSource();
    if (source) notes.push(M.preCommitSnippet(sourceEntry(source, '  ')));
    else notes.push(preCommitNotWritten(false));
    if (source?.kind === 'path') notes.push(H.preCommitOnPath(source.command));
  }
  return false;
}

/** 3. Write, or show: the text saying what was (or would be) written. */
function writeOrShow(folder: string, changes: Change[], dryRun: boolean, settled: boolean): string {
  let text = '';
  if (!changes.length) {
    text += settled ? M.nothingToChange() : M.nothingWritten();
  } else if (dryRun) {
    for (const c of changes) {
      text += createTwoFilesPatch(c.before === undefined ? '/dev/null' : `a/${c.rel}`, `b/${c.rel}`, c.before ?? '', c.after, undefined, undefined, { context: 3 });
    }
    text += M.dryRun(changes.length);
  } else {
    for (const c of changes) {
      const abs = path.join(folder, ...c.rel.split('/'));
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      fs.writeFileSync(abs, c.after);
      if (c.mode !== undefined) fs.chmodSync(abs, c.mode);
      text += M.wrote(c.rel, c.before === undefined);
    }
  }
  return text;
}
