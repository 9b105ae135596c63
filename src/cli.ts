// The entry point of the command line (scripts/build.mjs bundles it): argv in, text out, exit code
// set. Only the command line (this file and src/cli/) touches `process`.
// Exit codes: 0 no error findings · 1 error findings · 2 usage, config, git or internal error.
//
// Start-up matters (a commit hook runs this on every commit): only light modules are imported
// statically; the pipeline, the rules, the reporters (tree-sitter, zod) are imported when needed, so
// an answer from the run cache, or a --staged run with nothing relevant staged, never loads them.
import fs from 'node:fs';
import path from 'node:path';
import { AppCache } from './cache/app-cache.js';
import { cacheDirFor, DiskFactsCache, RunCache, runKey, stagedRunKey, statId, toolId } from './cache/disk.js';
import { indexState } from './cache/index-key.js';
import {
  checkTargets,
  formatOption,
  FORMATS,
  isDirectory,
  maxWarnings,
  mistypedCommand,
  parseCliArgs,
  PathError,
  runCacheSafe,
  useColor,
  UsageError,
  VERSION,
  type CliValues,
  type Format,
  type Mode,
} from './cli/args.js';
import { checkSelectors, parseSelectors, SelectorError, type Selection } from './filter/select.js';
import { RULE_CODES } from './types/rules.js';
import { CONFIG_DOCUMENTS, configAbove } from './config/above.js';
import { check, emptyResult } from './cli/check.js';
import { loadPipeline, savePipelineCache } from './load-pipeline.js';
import * as msg from './messages.js';
import { mergeChanged, type ChangedPath } from './relevance.js';
import { IndexSnapshot, openSnapshot } from './snapshot/index.js';
import type { Snapshot } from './types.js';
import { shown } from './cli/shown.js';
import { otherCommand, packageCommand, triageCommand, verifyCommand } from './cli/commands.js';

/** A check or baseline run, as the command line asks for it. */
interface Run {
  values: CliValues;
  mode: Mode;
  format: Format;
  staged: boolean;
  folder: string | undefined;
  /** The folder named, relative to `folder`, when `folder` is the one of the config found above it. */
  scope?: string;
  named: string[] | undefined;
  color: boolean;
  useCache: boolean;
  tool: string;
  /** --select / --ignore, checked against the known codes. */
  selection?: Selection;
  maxWarnings?: number;
  /** What, besides the files, the run cache key holds. */
  optionsKey: (base: string) => string[];
}

/** A run cache entry the answer is stored under. */
interface CacheSlot {
  runs: RunCache;
  key: string;
  proof: string;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCliArgs(argv);
  // `parity-check help` is help (a folder named help is still checked when it exists).
  if (values.help || (positionals[0] === 'help' && !fs.existsSync('help'))) {
    process.stdout.write(msg.usage());
    return 0;
  }
  if (values.version) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const [command, ...rest] = positionals;
  if (command === 'explain' || command === 'rules' || command === 'init') return otherCommand(command, rest, values);
  if (command === 'verify') return verifyCommand(rest, values);
  if (command === 'triage') return triageCommand(rest, values);
  if (command === 'package') return packageCommand(rest, values);
  const near = command === 'check' || command === 'baseline' ? undefined : mistypedCommand(command);
  if (near) throw new UsageError(msg.unknownCommand(command!, near));
  const run = checkRun(command, rest, positionals, values);
  // --staged, warm: the answer is known from the index file and HEAD alone, without running git.
  const fast = run.staged && run.useCache && run.mode === 'check' && runCacheSafe(values) ? stagedCacheSlot(run) : undefined;
  const hit = fast?.runs.get(fast.key, fast.proof);
  if (hit) {
    process.stdout.write(shown(hit.stdout, run.color));
    process.stderr.write(shown(hit.stderr));
    return hit.code;
  }
  let snapshot = await openSnapshot(run.folder ?? process.cwd(), { staged: run.staged });
  // --staged from a subfolder, no folder named: the whole repository (one git call saved at the top).
  if (run.staged && run.folder === undefined && snapshot instanceof IndexSnapshot && snapshot.prefix !== '') {
    await snapshot.close();
    snapshot = await openSnapshot(snapshot.repoRoot, { staged: run.staged });
  }
  try {
    return await checkSnapshot(run, snapshot, fast);
  } finally {
    await snapshot.close();
  }
}

/** The options of a check or baseline run, checked. */
function checkRun(command: string | undefined, rest: string[], positionals: string[], values: CliValues): Run {
  if (values['dry-run']) throw new UsageError(msg.dryRunOnlyInit());
  // In a GitHub Actions job, findings become annotations unless a format is asked for.
  const asked = formatOption(values);
  const format = (asked ?? (process.env.GITHUB_ACTIONS === 'true' ? 'github' : 'pretty')) as Format;
  const mode: Mode = command === 'baseline' ? 'baseline' : 'check';
  if (!FORMATS.includes(format)) throw new UsageError(msg.badFormat(asked ?? '', FORMATS));
  const targets = command === 'check' || command === 'baseline' ? rest : positionals;
  const staged = values.staged ?? false;
  const { folder, named } = checkTargets(targets, staged);
  if (folder !== undefined && !isDirectory(folder)) throw new PathError(fs.existsSync(folder) ? msg.notAFolder(folder) : msg.noSuchFolder(folder));
  const warningsAllowed = maxWarnings(values);
  const selection = selectionOf(values);
  const color = useColor(format, values);
  const optionsKey = (base: string) => [
    `format=${format}`,
    `color=${color}`,
    `strict=${values['strict-suppressions'] ?? false}`,
    // Pretty paths are relative to the current folder (reporters/paths.ts).
    `cwd=${format === 'pretty' ? process.cwd() : ''}`,
    // The file's text is in the key: through the snapshot inside the folder, as a stored input outside it.
    `config=${values.config === undefined ? '' : path.resolve(values.config)}`,
    // Packages a config extends live in node_modules: any install changes this file.
    statId(path.join(base, 'node_modules', '.package-lock.json')),
    // --staged says when the config on disk is not the staged one (config/unstaged.ts): that answer
    // depends on the disk, so the disk's config files are part of the key.
    ...(staged ? [[...CONFIG_DOCUMENTS, msg.baselineMessages.fileName].map((n) => statId(path.join(base, n))).join(',')] : []),
  ];
  const up = values.config === undefined && !(staged && folder === undefined) ? configAbove(folder ?? process.cwd()) : undefined;
  const scope = up === undefined ? undefined : path.relative(up, folder ?? process.cwd()).split(path.sep).join('/');
  const keyed = (base: string) => [...optionsKey(base), `scope=${scope ?? ''}`];
  return {
    values,
    mode,
    format,
    staged,
    folder: up ?? folder,
    scope,
    named,
    color,
    selection,
    maxWarnings: warningsAllowed,
    useCache: !values['no-cache'],
    tool: toolId(VERSION),
    optionsKey: keyed,
  };
}

/** --select / --ignore as a Selection; a code no rule has is a usage error naming the closest. */
function selectionOf(values: CliValues): Selection | undefined {
  if (values.select === undefined && values.ignore === undefined) return undefined;
  const selection = { select: parseSelectors(values.select), ignore: parseSelectors(values.ignore) };
  try {
    checkSelectors(selection, RULE_CODES);
  } catch (e) {
    if (e instanceof SelectorError) throw new UsageError(msg.unknownSelector(e.selector, e.suggestions));
    throw e;
  }
  return selection;
}

/** The run cache slot of a --staged run keyed by the index file and HEAD alone; none outside a repository. */
function stagedCacheSlot(run: Run): CacheSlot | undefined {
  const state = indexState(run.folder ?? process.cwd());
  if (!state) return undefined;
  const base = run.folder ?? state.topLevel;
  const namedRel = (run.named ?? []).map((f) => path.relative(base, f)).sort();
  return { runs: new RunCache(cacheDirFor(base, state.gitDir)), ...stagedRunKey(run.tool, base, [...run.optionsKey(base), `named=${namedRel.join('\0')}`], state.identity) };
}

/** Checks the snapshot (or answers from the run cache), prints the answer, returns the exit code. */
async function checkSnapshot(run: Run, snapshot: Snapshot, fast: CacheSlot | undefined): Promise<number> {
  const { values, useCache, tool } = run;
  const base = snapshot.base;
  let changed: ChangedPath[] | undefined;
  if (snapshot instanceof IndexSnapshot) {
    const rel = run.named?.map((f) => path.relative(snapshot.base, f).split(path.sep).join('/')).filter((r) => r && !r.startsWith('..') && !path.isAbsolute(r));
    changed = mergeChanged(rel, await snapshot.changes());
    if (!changed.length) {
      // Nothing staged: nothing to judge. SARIF needs the rules, so only it loads the pipeline here.
      writeReport(values, emptyResult(run.format, run.format === 'sarif' ? await loadPipeline() : undefined));
      return 0;
    }
  }

  const cacheDir = cacheDirFor(base, snapshot instanceof IndexSnapshot ? snapshot.gitDir : undefined);
  const cacheable = useCache && run.mode === 'check' && runCacheSafe(values) && !hasRacyFiles(snapshot);
  const runs = cacheable ? new RunCache(cacheDir) : undefined;
  const key = runs
    ? runKey(tool, snapshot, [...run.optionsKey(base), `changed=${changed ? changed.map((c) => `${c.status}:${c.path}`).sort().join('\0') : '-'}`])
    : undefined;
  const hit = key ? runs?.get(key) : undefined;
  const answer =
    hit ??
    (await check({
      base,
      staged: run.staged,
      snapshot,
      changed,
      format: run.format,
      color: run.color,
      configPath: values.config,
      scope: run.scope,
      strictSuppressions: values['strict-suppressions'],
      verbose: values.verbose,
      mode: run.mode,
      fix: values.fix ? 'write' : values['fix-dry-run'] ? 'dry-run' : undefined,
      pruneBaseline: values['prune-baseline'],
      timing: values.timing,
      progress: Boolean(process.stderr.isTTY) && !values.timing,
      factsCache: useCache ? (snap) => new DiskFactsCache(cacheDir, tool, snap) : undefined,
      appCache: useCache ? (snap) => new AppCache(cacheDir, tool, snap) : undefined,
      selection: run.selection,
      quiet: values.quiet,
      exitZero: values['exit-zero'],
      maxWarnings: run.maxWarnings,
    }));
  // With the git-free key at hand, that one is what the next run will ask for.
  if (fast) fast.runs.set(fast.key, answer, fast.proof);
  else if (key && !hit) runs?.set(key, answer);
  writeReport(values, answer.stdout, run.color, answer.noReportFile);
  process.stderr.write(shown(answer.stderr));
  return answer.code;
}

/**
 * The report: to stdout, or with -o FILE to the file (a SARIF upload reads it); messages stay on stderr.
 * A run that checked nothing writes no file (`noFile`): uploaded, its empty results would close open alerts.
 */
function writeReport(values: CliValues, text: string, colour = false, noFile = false): void {
  const file = values['output-file'];
  if (file !== undefined && noFile) return;
  if (file === undefined) {
    process.stdout.write(shown(text, colour));
    return;
  }
  try {
    fs.writeFileSync(file, shown(text));
  } catch (e) {
    throw new UsageError(msg.cannotWriteOutput(file, (e as NodeJS.ErrnoException).code ?? (e as Error).message));
  }
}

/** A work-tree file changed in the last seconds may change again without its size or mtime changing. */
function hasRacyFiles(snapshot: Snapshot): boolean {
  if (snapshot.kind !== 'worktree') return false;
  const recent = Date.now() - 3_000;
  return snapshot.files().some((e) => e.mtimeMs !== undefined && e.mtimeMs >= recent);
}

const debug = process.argv.includes('--debug');
// A reader that stops early (`| head`) closes the pipe: the rest of the output has nowhere to go,
// which is no error of the run. The exit code stays the one the findings give.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  });
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    savePipelineCache();
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(shown(msg.usageError(error.message)));
    } else if (error instanceof Error && (error.name === 'BaselineError' || error.name === 'GitError' || error.name === 'PathError' || error.name === 'ParserError')) {
      // Not a bug in parity-check: say what is wrong, in one line.
      process.stderr.write(shown(msg.gitFailure(error.message)));
    } else if (error instanceof Error && error.name === 'ConfigError' && Array.isArray((error as { problems?: unknown }).problems)) {
      process.stderr.write(shown(msg.configErrors((error as unknown as { problems: string[] }).problems)));
    } else {
      process.stderr.write(shown(msg.internalError(error)));
      if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    }
    process.exitCode = 2;
    savePipelineCache();
  },
);
