// One check run through the pipeline, its whole output as text (so the run cache can replay it).
// The pipeline is imported here only when a check runs: an answer from the run cache never loads it.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { prettyPaths, relocate, rerootPaths } from '../reporters/paths.js';
import { findGitDir } from '../util/git-dir.js';
import type { DiskFactsCache } from '../cache/disk.js';
import type { AppCache } from '../cache/app-cache.js';
import { cpuMs, loadPipeline, pipelineLoad } from '../load-pipeline.js';
import * as msg from '../messages.js';
import type { ChangedPath } from '../relevance.js';
import { IndexSnapshot, openSnapshot } from '../snapshot/index.js';
import type { Finding, NotChecked, Snapshot } from '../types.js';
import { applySelection, type Selection } from '../filter/select.js';
import { VERSION, type Format, type Mode } from './args.js';
import { REPOSITORY_URL, ruleDocUrl } from '../links.js';

type Pipeline = typeof import('../pipeline.js');
type RunResult = Awaited<ReturnType<Pipeline['run']>>;
export interface Answer {
  code: number;
  stdout: string;
  stderr: string;
  /** Files outside the snapshot the answer read, with their text (null: absent): see RunCache. */
  inputs?: [file: string, text: string | null][];
  /**
   * The run checked nothing (exit 2): with -o, no report file is written, as for a configuration error.
   * An uploaded SARIF with no results would close the category's open code-scanning alerts.
   */
  noReportFile?: true;
}

export interface CheckOptions {
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
  /** The per-app findings cache (src/cache/app-cache.ts): not used by --verbose and --fix, which read every graph. */
  appCache?: (snapshot: Snapshot) => AppCache;
  /** The folder named, relative to base, when base is the folder of the config above it. */
  scope?: string;
  /** --select / --ignore (checked by the command line): the rules this run reports. */
  selection?: Selection;
  /** --quiet: errors only. */
  quiet?: boolean;
  /** --exit-zero: findings do not fail the run (usage, config and internal errors still exit 2). */
  exitZero?: boolean;
  /** --max-warnings N: more warnings than N fail the run. */
  maxWarnings?: number;
}

export async function check(o: CheckOptions): Promise<Answer> {
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
      scope: o.scope,
      strictSuppressions: o.strictSuppressions,
      snapshot,
      changed: o.changed,
      cache: o.factsCache,
      ...(o.appCache && !o.verbose && !o.fix ? { appCache: o.appCache } : {}),
      ...(o.timing ? { cpuClock: cpuMs } : {}),
      onProgress: o.progress
        ? (apps, parsed) => {
            if (Date.now() - started < 1000) return;
            progressShown = true;
            process.stderr.write(`\r${msg.timingMessages.progress(apps, parsed)}`);
          }
        : undefined,
    });
  let result = await runOnce(o.snapshot);
  const withInputs = (a: Answer): Answer => (result.diskInputs ? { ...a, inputs: result.diskInputs } : a);
  if (progressShown) process.stderr.write('\r\u001b[K');
  // --staged with nothing the commit can affect: silence, or a valid empty result for machines.
  // A function not checked that the change concerns is still named, though no app is checked.
  if (result.relevance && !result.relevance.apps.length && !result.notChecked.length) return withInputs({ code: 0, stdout: emptyResult(o.format, pipeline), stderr: '' });
  let stderr = '';

  if (o.fix) {
    const fixed = await fix(o, pipeline, result, runOnce);
    if (fixed.answer) return fixed.answer;
    result = fixed.result;
    stderr += fixed.stderr;
  }

  if (o.scope !== undefined && result.configFile !== undefined) stderr += msg.configFromAbove(path.join(o.base, result.configFile), o.scope);
  for (const spec of result.discovered) stderr += msg.discoveredApp(spec.root || '.', spec.entrypoints, spec.assumedRoot);
  // Why no app was checked, said on stderr and, when the run checked nothing at all, in the SARIF invocation.
  const noApps = result.appsChecked ? undefined : o.scope !== undefined && result.configFile !== undefined ? msg.noAppsInScope(o.scope) : msg.noApps(o.base);
  if (noApps) stderr += noApps;
  for (const note of result.notes) stderr += `parity-check: ${note}\n`;
  if (o.verbose) stderr += result.verbose.join('');
  if (o.verbose && pipeline.parserBackend() === 'wasm') stderr += msg.wasmParser(pipeline.nativeLoadError());

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
  let findings = o.selection ? applySelection(baselined.findings, o.selection) : baselined.findings;
  if (o.quiet) findings = findings.filter((f) => f.severity === 'error');
  stderr += baselined.stderr;

  // A check that found nothing to talk about is not a pass: exit 2, as ESLint does for "no files
  // matching", so a CI job pointed at the wrong folder does not go green. Not when a config could have
  // left the apps out on purpose (check: false), nor when Lambda functions were found but could not be
  // checked: those are named, and the exit code stays what the findings make it (README).
  const nothingChecked = !result.appsChecked && !result.notChecked.length && !o.staged && (result.configFile === undefined || o.scope !== undefined);
  const nothingReason = nothingChecked ? noApps : undefined;
  const stdout = render(o, pipeline, findings, result, nothingReason);
  if (o.timing) stderr += timingReport(result);
  const errors = findings.filter((f) => f.severity === 'error');
  const warnings = findings.length - errors.length;
  if (errors.length && o.staged && !o.exitZero) stderr += msg.commitBlocked(errors.length, new Set(errors.map((f) => f.file)).size);
  const tooManyWarnings = o.maxWarnings !== undefined && warnings > o.maxWarnings;
  if (tooManyWarnings) stderr += msg.tooManyWarnings(warnings, o.maxWarnings!);
  if (nothingChecked) return withInputs({ code: 2, stdout, stderr: stderr + msg.noAppsIsError(), noReportFile: true });
  return withInputs({ code: o.exitZero ? 0 : errors.length || tooManyWarnings ? 1 : 0, stdout, stderr });
}

/**
 * --fix and --fix-dry-run: the fixes applied (or shown), then the result to report. `answer` is the
 * whole answer when there is nothing more to report (a dry run prints the diff alone).
 */
async function fix(
  o: CheckOptions,
  pipeline: Pipeline,
  result: RunResult,
  runOnce: (snapshot: Snapshot) => Promise<RunResult>,
): Promise<{ result: RunResult; stderr: string; answer?: Answer }> {
  let stderr = '';
  const { applyFixes } = pipeline;
  const unparsable = new Set<string>();
  for (const app of result.apps) for (const m of app.modules.values()) if (m.facts.parseProblems.length) unparsable.add(m.file);
  const outcome = await applyFixes(result.findings, { base: o.base, staged: o.staged, dryRun: o.fix === 'dry-run', sources: result.sources, unparsable });
  const count = outcome.fixed.reduce((n, f) => n + f.findings, 0);
  for (const { finding, why } of outcome.notApplied) stderr += msg.fixMessages.notApplied(finding.file, finding.line, finding.ruleId, why);
  if (o.fix === 'dry-run') {
    stderr += count ? msg.fixMessages.wouldFix(count, outcome.fixed.length) : msg.fixMessages.nothingToFix;
    const stdout = o.format === 'json' ? `${JSON.stringify({ edits: outcome.edits }, null, 2)}\n` : outcome.diff;
    return { result, stderr, answer: { code: result.findings.some((f) => f.severity === 'error') ? 1 : 0, stdout, stderr } };
  }
  // A fix that could not be written is a failure of the run (exit 2), one line per file.
  for (const u of outcome.unwritable ?? []) stderr += msg.fixMessages.unwritable(u.why);
  if (outcome.unwritable?.length && !count) return { result, stderr, answer: { code: 2, stdout: '', stderr } };
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
  return { result, stderr };
}

function sarif(pipeline: Pipeline, findings: Finding[], notChecked?: NotChecked[], root?: OutputRoot, nothingChecked?: string): string {
  return pipeline.renderSarif(findings, [...pipeline.DOCUMENTED], {
    notChecked,
    ...(nothingChecked !== undefined ? { nothingChecked } : {}),
    ...(root ? { srcRootUri: root.uri, srcRootText: root.text, automationId: root.automationId } : {}),
    toolVersion: VERSION,
    informationUri: REPOSITORY_URL,
    helpUriFor: ruleDocUrl,
  });
}

/**
 * What a check that judged nothing prints (--staged with nothing relevant, or nothing staged): JSON
 * and SARIF consumers always get a document they can parse; pretty and GitHub annotations stay silent.
 */
export function emptyResult(format: Format, pipeline: Pipeline | undefined): string {
  if (format === 'json') return pipeline ? pipeline.renderJson([]) : `${JSON.stringify({ findings: [] }, null, 2)}\n`;
  if (format === 'sarif' && pipeline) return sarif(pipeline, []);
  return '';
}

/** The findings in the format asked for, their paths re-rooted for it (reporters/paths.ts). */
/** `nothingChecked`: why the run checked nothing (the stderr line), when it did. */
function render(o: CheckOptions, pipeline: Pipeline, raw: Finding[], result: RunResult, nothingChecked?: string): string {
  const root = o.format === 'sarif' || o.format === 'github' ? outputRoot(o) : undefined;
  const map = root ? rerootPaths(realpath(o.base), root.dir) : o.format === 'pretty' ? prettyPaths(realpath(o.base), process.cwd()) : (f: string) => f;
  const moved = relocate(map, raw, result.notChecked, result.sources);
  const findings = moved.findings;
  const notChecked = moved.notChecked;
  if (o.format === 'json') {
    const { renderJson, notCheckedToJson } = pipeline;
    // Left out when empty, like every optional key of the JSON format.
    return renderJson(findings, notChecked.length ? { notChecked: pipeline.sortNotChecked(notChecked).map(notCheckedToJson) } : undefined);
  } else if (o.format === 'sarif') {
    return sarif(pipeline, findings, notChecked, root, nothingChecked?.replace(/^parity-check: /, '').trim());
  } else if (o.format === 'github') {
    const { renderGithub } = pipeline;
    return renderGithub(findings, notChecked);
  } else {
    const { renderPretty } = pipeline;
    return renderPretty(findings, {
      sources: moved.sources,
      color: o.color,
      summaryExtra: [msg.checkedSummary(result.appsChecked, result.stats.files)],
      notChecked,
      nothingChecked: nothingChecked !== undefined,
      // A --staged run is a hook's: --fix alone would fix the work tree, not what is committed.
      fixCommand: o.staged ? 'parity-check --staged --fix' : undefined,
    });
  }
}

interface OutputRoot {
  /** The top of the git repository holding the checked folder; the checked folder outside git. */
  dir: string;
  uri: string;
  text: string;
  automationId: string;
}

/**
 * Where GitHub annotations and SARIF paths start: the repository's top, which is what GitHub resolves
 * them against. The automation id names the checked folder, so two uploads from one monorepo are two
 * categories, not one replacing the other.
 */
function outputRoot(o: CheckOptions): OutputRoot {
  const checked = realpath(path.join(o.base, o.scope ?? ''));
  const top = findGitDir(checked);
  const dir = top ? realpath(top.topLevel) : realpath(o.base);
  const folder = path.relative(dir, checked).split(path.sep).join('/');
  const uri = pathToFileURL(dir).href.replace(/\/?$/, '/');
  return { dir, uri, text: top ? 'The top of the git repository.' : 'The checked folder.', automationId: folder ? `parity-check/${folder}/` : 'parity-check/' };
}

function realpath(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

/**
 * --timing: where the time went, from the process's start (performance.now() counts from it) to
 * this report: what ran before the pipeline (node, argument parsing, git), loading it, its phases,
 * what came after; the lines add up to the total (the gaps between them are one line), in wall time
 * and in the process's CPU time (user + system: what a loaded machine does not inflate).
 */
function timingReport(result: RunResult): string {
  const M = msg.timingMessages;
  let text = `${M.header}\n`;
  const now = performance.now();
  const cpuNow = cpuMs();
  const load = pipelineLoad();
  const span = result.span;
  const lines: [string, number, number | undefined][] = [];
  const first = load?.startedAt ?? span?.start;
  const firstCpu = load ? load.cpuAt : span?.cpuStart;
  if (first !== undefined) lines.push([M.before, first, firstCpu]);
  if (load) lines.push([M.pipeline(load.cache), load.ms, load.cpuMs]);
  // What ran between the load and run() (opening the snapshot of --staged, say) is in "between the phases".
  for (const t of result.timings) lines.push([t.what, t.ms, t.cpu]);
  if (span) lines.push([M.after, now - span.end, span.cpuEnd === undefined ? undefined : cpuNow - span.cpuEnd]);
  const sum = (i: 1 | 2) => lines.reduce((n, l) => n + (l[i] ?? 0), 0);
  const wallOther = now - sum(1);
  const cpuOther = cpuNow - sum(2);
  if (first !== undefined && span) lines.push([M.other, wallOther, cpuOther]);
  for (const [what, ms, cpu] of lines) text += M.line(what, ms, cpu);
  return text + M.line(M.total, now, cpuNow);
}
