// The only module that touches `process`: argv in, text out, exit code set.
// Exit codes: 0 no error findings · 1 error findings · 2 usage, config, git or internal error.
//
// Start-up matters (a commit hook runs this on every commit): only light modules are imported
// statically; the pipeline, the rules, the reporters (tree-sitter, zod) are imported when needed, so
// an answer from the run cache, or a --staged run with nothing relevant staged, never loads them.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { cacheDirFor, DiskFactsCache, RunCache, runKey, stagedRunKey, statId, toolId } from './cache/disk.js';
import { indexState } from './cache/index-key.js';
import { loadPipeline, pipelineLoad, savePipelineCache } from './load-pipeline.js';
import * as msg from './messages.js';
import { mergeChanged, type ChangedPath } from './relevance.js';
import { IndexSnapshot, openSnapshot } from './snapshot/index.js';
import type { Snapshot } from './types.js';

const VERSION = '0.1.0';
const FORMATS = ['pretty', 'json', 'sarif', 'github'] as const;
type Format = (typeof FORMATS)[number];
/** Options whose effect on the output the run cache knows; any other option bypasses it. */
const RUN_CACHE_SAFE = new Set(['format', 'config', 'staged', 'strict-suppressions', 'debug', 'no-cache']);

class UsageError extends Error {}
type Mode = 'check' | 'baseline';

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        config: { type: 'string', short: 'c' },
        staged: { type: 'boolean' },
        'no-cache': { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        debug: { type: 'boolean' },
        verbose: { type: 'boolean' },
        'strict-suppressions': { type: 'boolean' },
        fix: { type: 'boolean' },
        'fix-dry-run': { type: 'boolean' },
        'prune-baseline': { type: 'boolean' },
        timing: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(msg.usage());
    return 0;
  }
  if (values.version) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const [command, ...rest] = positionals;
  if (command === 'explain') {
    const { RULES, ruleByCode, explainRule } = await loadPipeline();
    if (rest.length !== 1) throw new UsageError(msg.explainUsage());
    const rule = ruleByCode(rest[0]);
    if (!rule) throw new UsageError(msg.unknownRule(rest[0], RULES.map((r) => r.code)));
    process.stdout.write(explainRule(rule));
    return 0;
  }
  if (command === 'rules') {
    const { RULES, rulesTable } = await loadPipeline();
    process.stdout.write(rulesTable(RULES));
    return 0;
  }
  if (command === 'init') {
    if (rest.length > 1) throw new UsageError(msg.tooManyPaths(rest));
    const { init } = await loadPipeline();
    const out = await init(path.resolve(rest[0] ?? '.'), { dryRun: values['dry-run'] ?? false });
    process.stdout.write(out.text);
    return 0;
  }
  if (values['dry-run']) throw new UsageError(msg.dryRunOnlyInit());
  // In a GitHub Actions job, findings become annotations unless a format is asked for.
  const format = (values.format ?? (process.env.GITHUB_ACTIONS === 'true' ? 'github' : 'pretty')) as Format;
  const mode: Mode = command === 'baseline' ? 'baseline' : 'check';
  if (!FORMATS.includes(format)) throw new UsageError(msg.badFormat(values.format ?? '', FORMATS));
  const targets = command === 'check' || command === 'baseline' ? rest : positionals;
  const staged = values.staged ?? false;

  // --staged [FOLDER] [FILE...]: a positional that is a folder is the checked folder, the others are
  // changed files (lint-staged and pre-commit pass them; they may be deleted, so they need not exist).
  // Without a folder, --staged checks the whole repository, from wherever it runs.
  let folder: string | undefined;
  let named: string[] | undefined;
  if (staged) {
    const files: string[] = [];
    for (const t of targets) {
      if (isDirectory(t) && folder === undefined && !files.length) folder = path.resolve(t);
      else if (isDirectory(t)) throw new UsageError(msg.tooManyPaths(targets.filter(isDirectory)));
      else files.push(path.resolve(t));
    }
    if (files.length) named = files;
  } else {
    if (targets.length > 1) throw new UsageError(msg.tooManyPaths(targets));
    folder = targets[0] === undefined ? undefined : path.resolve(targets[0]);
  }
  const color = format === 'pretty' && Boolean(process.stdout.isTTY) && !('NO_COLOR' in process.env) && process.env.TERM !== 'dumb';
  const useCache = !values['no-cache'];
  const tool = toolId(VERSION);
  const optionsKey = (base: string) => [
    `format=${format}`,
    `color=${color}`,
    `strict=${values['strict-suppressions'] ?? false}`,
    `config=${values.config === undefined ? '' : statId(path.resolve(values.config))}`,
    // Packages a config extends live in node_modules: any install changes this file.
    statId(path.join(base, 'node_modules', '.package-lock.json')),
  ];
  // --staged, warm: the answer is known from the index file and HEAD alone, without running git.
  let fast: { runs: RunCache; key: string; proof: string } | undefined;
  if (staged && useCache && mode === 'check' && Object.keys(values).every((k) => RUN_CACHE_SAFE.has(k))) {
    const state = indexState(folder ?? process.cwd());
    if (state) {
      const base = folder ?? state.topLevel;
      const namedRel = (named ?? []).map((f) => path.relative(base, f)).sort();
      fast = { runs: new RunCache(cacheDirFor(base, state.gitDir)), ...stagedRunKey(tool, base, [...optionsKey(base), `named=${namedRel.join('\0')}`], state.identity) };
      const hit = fast.runs.get(fast.key, fast.proof);
      if (hit) {
        process.stdout.write(hit.stdout);
        process.stderr.write(hit.stderr);
        return hit.code;
      }
    }
  }
  let snapshot = await openSnapshot(folder ?? process.cwd(), { staged });
  // --staged from a subfolder, no folder named: the whole repository (one git call saved at the top).
  if (staged && folder === undefined && snapshot instanceof IndexSnapshot && snapshot.prefix !== '') {
    await snapshot.close();
    snapshot = await openSnapshot(snapshot.repoRoot, { staged });
  }
  const base = snapshot.base;
  try {
    let changed: ChangedPath[] | undefined;
    if (snapshot instanceof IndexSnapshot) {
      const rel = named?.map((f) => path.relative(snapshot.base, f).split(path.sep).join('/')).filter((r) => r && !r.startsWith('..') && !path.isAbsolute(r));
      changed = mergeChanged(rel, await snapshot.changes());
      if (!changed.length) return 0; // nothing staged: nothing to judge
    }

    const cacheDir = cacheDirFor(base, snapshot instanceof IndexSnapshot ? snapshot.gitDir : undefined);
    const cacheable = useCache && mode === 'check' && Object.keys(values).every((k) => RUN_CACHE_SAFE.has(k)) && !hasRacyFiles(snapshot);
    const runs = cacheable ? new RunCache(cacheDir) : undefined;
    const key = runs
      ? runKey(tool, snapshot, [...optionsKey(base), `changed=${changed ? changed.map((c) => `${c.status}:${c.path}`).sort().join('\0') : '-'}`])
      : undefined;
    const hit = key ? runs?.get(key) : undefined;
    const answer =
      hit ??
      (await check({
        base,
        staged,
        snapshot,
        changed,
        format,
        color,
        configPath: values.config,
        strictSuppressions: values['strict-suppressions'],
        verbose: values.verbose,
        mode,
        fix: values.fix ? 'write' : values['fix-dry-run'] ? 'dry-run' : undefined,
        pruneBaseline: values['prune-baseline'],
        timing: values.timing,
        progress: Boolean(process.stderr.isTTY) && !values.timing,
        factsCache: useCache ? (snap) => new DiskFactsCache(cacheDir, tool, snap) : undefined,
      }));
    // With the git-free key at hand, that one is what the next run will ask for.
    if (fast) fast.runs.set(fast.key, answer, fast.proof);
    else if (key && !hit) runs?.set(key, answer);
    process.stdout.write(answer.stdout);
    process.stderr.write(answer.stderr);
    return answer.code;
  } finally {
    await snapshot.close();
  }
}

interface CheckOptions {
  base: string;
  staged: boolean;
  snapshot: Snapshot;
  changed: ChangedPath[] | undefined;
  format: Format;
  color: boolean;
  configPath?: string;
  strictSuppressions?: boolean;
  /** --verbose: deploy values that are not known, functions not checked. */
  verbose?: boolean;
  mode: Mode;
  fix?: 'write' | 'dry-run';
  pruneBaseline?: boolean;
  timing?: boolean;
  /** A progress line on stderr (a terminal) when the check takes more than a second. */
  progress?: boolean;
  factsCache?: (snapshot: Snapshot) => DiskFactsCache;
}

/** One check, its whole output as text (so the run cache can replay it). */
async function check(o: CheckOptions): Promise<{ code: number; stdout: string; stderr: string }> {
  if (o.snapshot instanceof IndexSnapshot) o.snapshot.prepareReads();
  const pipeline = await loadPipeline();
  const { run } = pipeline;
  const started = Date.now();
  let progressShown = false;
  const runOnce = (snapshot: Snapshot) =>
    run({
      base: o.base,
      staged: o.staged,
      configPath: o.configPath,
      strictSuppressions: o.strictSuppressions,
      snapshot,
      changed: o.changed,
      cache: o.factsCache,
      onProgress: o.progress
        ? (apps, parsed) => {
            if (Date.now() - started < 1000) return;
            progressShown = true;
            process.stderr.write(`\r${msg.timingMessages.progress(apps, parsed)}`);
          }
        : undefined,
    });
  let result = await runOnce(o.snapshot);
  if (progressShown) process.stderr.write('\r\u001b[K');
  // --staged with nothing the commit can affect: silence.
  if (result.relevance && !result.relevance.apps.length) return { code: 0, stdout: '', stderr: '' };
  let stderr = '';
  let stdout = '';

  if (o.fix) {
    const { applyFixes } = pipeline;
    const outcome = await applyFixes(result.findings, { base: o.base, staged: o.staged, dryRun: o.fix === 'dry-run', sources: result.sources });
    const count = outcome.fixed.reduce((n, f) => n + f.findings, 0);
    for (const { finding, why } of outcome.notApplied) stderr += msg.fixMessages.notApplied(finding.file, finding.line, finding.ruleId, why);
    if (o.fix === 'dry-run') {
      stderr += count ? msg.fixMessages.wouldFix(count, outcome.fixed.length) : msg.fixMessages.nothingToFix;
      return { code: result.findings.some((f) => f.severity === 'error') ? 1 : 0, stdout: outcome.diff, stderr };
    }
    stderr += count ? msg.fixMessages.fixed(count, outcome.fixed.length) : msg.fixMessages.nothingToFix;
    if (count) {
      // Report what is left, from what is on disk (or staged) now.
      const fresh = await openSnapshot(o.base, { staged: o.staged });
      try {
        result = await runOnce(fresh);
      } finally {
        await fresh.close();
      }
    }
  }

  for (const spec of result.discovered) stderr += msg.discoveredApp(spec.root || '.', spec.entrypoints);
  if (!result.apps.length) stderr += msg.noApps(o.base);
  for (const note of result.notes) stderr += `parity-check: ${note}\n`;
  if (o.verbose) stderr += result.verbose.join('');

  // The baseline: findings known when it was written are not reported again.
  const baselineFile = msg.baselineMessages.fileName;
  if (o.mode === 'baseline') {
    const { writeFileAtomic } = pipeline;
    const written = pipeline.createBaseline(result.findings, result.sources);
    await writeFileAtomic(path.join(o.base, baselineFile), pipeline.serializeBaseline(written));
    return { code: 0, stdout: '', stderr: stderr + msg.baselineMessages.wrote(baselineFile, written.entries.length) };
  }
  const baselined = await pipeline.applyBaselineFile(o.snapshot, result.findings, result.sources, {
    prune: o.pruneBaseline ?? false,
    write: (file, text) => pipeline.writeFileAtomic(path.join(o.base, file), text),
  });
  const findings = baselined.findings;
  stderr += baselined.stderr;

  if (o.format === 'json') {
    const { renderJson } = pipeline;
    stdout += renderJson(findings);
  } else if (o.format === 'sarif') {
    const { renderSarif } = pipeline;
    stdout += renderSarif(findings, [...result.rules], {
      toolVersion: VERSION,
      informationUri: 'https://www.npmjs.com/package/parity-check',
      helpUriFor: (code) => `https://www.npmjs.com/package/parity-check#${code.toLowerCase()}`,
    });
  } else if (o.format === 'github') {
    const { renderGithub } = pipeline;
    stdout += renderGithub(findings);
  } else {
    const { renderPretty } = pipeline;
    stdout += renderPretty(findings, {
      sources: result.sources,
      color: o.color,
      summaryExtra: [msg.checkedSummary(result.apps.length, result.stats.files)],
    });
  }
  if (o.timing) {
    stderr += `${msg.timingMessages.header}\n`;
    const load = pipelineLoad();
    if (load) stderr += msg.timingMessages.line(msg.timingMessages.pipeline(load.cache), load.ms);
    for (const t of result.timings) stderr += msg.timingMessages.line(t.what, t.ms);
  }
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.length && o.staged) stderr += msg.commitBlocked(errors.length, new Set(errors.map((f) => f.file)).size);
  return { code: errors.length ? 1 : 0, stdout, stderr };
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** A work-tree file changed in the last seconds may change again without its size or mtime changing. */
function hasRacyFiles(snapshot: Snapshot): boolean {
  if (snapshot.kind !== 'worktree') return false;
  const recent = Date.now() - 3_000;
  return snapshot.files().some((e) => e.mtimeMs !== undefined && e.mtimeMs >= recent);
}

const debug = process.argv.includes('--debug');
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    savePipelineCache();
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(msg.usageError(error.message));
    } else if (error instanceof Error && (error.name === 'BaselineError' || error.name === 'GitError')) {
      // Not a bug in parity-check: say what is wrong, in one line.
      process.stderr.write(msg.gitFailure(error.message));
    } else if (error instanceof Error && error.name === 'ConfigError' && Array.isArray((error as { problems?: unknown }).problems)) {
      process.stderr.write(msg.configErrors((error as unknown as { problems: string[] }).problems));
    } else {
      process.stderr.write(msg.internalError(error));
      if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    }
    process.exitCode = 2;
    savePipelineCache();
  },
);
