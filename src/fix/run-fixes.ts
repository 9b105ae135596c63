// Applies the certain fixes of a check to the files they touch. The only writer in the program
// besides `init` and `baseline`: check mode never gets here.
//
// A file is fixed only when what is on disk is exactly what was checked (the text the snapshot
// gave): in --staged mode that means the file has no unstaged changes, and after the write it is
// re-staged so the commit takes the fix. Otherwise its findings stay and say why.
import { constants as fsConstants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { runGit } from '../snapshot/git.js';
import type { Finding, TextEdit } from '../types.js';
import { applyEditsWithReport, textAt, unifiedDiff } from './apply.js';
import { joinImportEdits } from '../rules/shared/import-join.js';
import { writeFileAtomic } from './write.js';
import { cmp } from '../util/compare.js';
import { fixRefusals } from '../messages.js';

export interface FixOptions {
  /** Absolute checked folder; finding paths are relative to it. */
  base: string;
  staged: boolean;
  dryRun: boolean;
  /** What the check read, by file: fixes apply only to files still equal to it. */
  sources: Map<string, string>;
  /** Files that did not parse (a syntax error, undecodable): never fixed (see refusal). */
  unparsable?: ReadonlySet<string>;
}

export interface FixOutcome {
  /** Files written (or that would be, with dryRun), with how many findings each fixed. */
  fixed: { file: string; findings: number }[];
  /** Unified diffs, one per file, in file order. */
  diff: string;
  /** Findings with a safe fix that was not applied, and why. */
  notApplied: { finding: Finding; why: string }[];
  /** The edits applied (or that would be), as data: `--fix-dry-run --format json`. */
  edits: FixEditData[];
  /** Files whose fix could not be written (a folder without write permission, a read-only file system): left as they were. */
  unwritable: { file: string; why: string }[];
}

/** One edit: the file (relative to the checked folder), its 1-based range, the text it replaces and the new text. */
export interface FixEditData {
  file: string;
  ruleId: string;
  line: number;
  range: { start: { line: number; column: number }; end: { line: number; column: number } };
  oldText: string;
  newText: string;
}

export async function applyFixes(findings: Finding[], opts: FixOptions): Promise<FixOutcome> {
  const byFile = new Map<string, Finding[]>();
  const withheld: FixOutcome['notApplied'] = [];
  for (const f of findings) {
    if (f.fixWithheld) withheld.push({ finding: f, why: f.fixWithheld });
    if (!f.fix?.safe) continue;
    // A fix may edit another file than the finding's (PAR001 edits the entry point that lacks the middleware).
    const files = new Set(f.fix.edits.map((e) => e.file));
    if (files.size !== 1) continue;
    const file = [...files][0];
    byFile.set(file, [...(byFile.get(file) ?? []), f]);
  }
  const outcome: FixOutcome = { fixed: [], diff: '', notApplied: withheld, edits: [], unwritable: [] };
  const diffs: string[] = [];
  for (const [file, list] of [...byFile].sort(([a], [b]) => cmp(a, b))) {
    const abs = path.join(opts.base, ...file.split('/'));
    const checked = opts.sources.get(file);
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(abs);
    } catch {
      for (const finding of list) outcome.notApplied.push({ finding, why: `${file} is not on disk` });
      continue;
    }
    const onDisk = bytes.toString('utf8');
    if (checked === undefined || !Buffer.from(onDisk, 'utf8').equals(bytes) || stripBom(onDisk) !== stripBom(checked)) {
      const why = opts.staged ? `${file} has unstaged changes: stage or stash them, then fix` : `${file} changed while it was checked`;
      for (const finding of list) outcome.notApplied.push({ finding, why });
      continue;
    }
    const refused = await refusal(file, abs, bytes, opts);
    if (refused) {
      for (const finding of list) outcome.notApplied.push({ finding, why: refused });
      continue;
    }
    // Apply every finding's edits together; a finding whose edits overlap another's is left for a later run.
    // The imports several fixes add at one place are joined first (one block, one statement per module).
    const given = list.flatMap((finding) => finding.fix!.edits.map((e) => ({ e, finding })));
    const edits = joinImportEdits(given.map((g) => g.e));
    const owner = new Map<TextEdit, Finding>(edits.map((e, i) => [e, given[i].finding]));
    const result = applyEditsWithReport(onDisk, edits);
    const skippedFindings = new Set(result.skipped.map((e) => owner.get(e)!));
    for (const finding of skippedFindings) outcome.notApplied.push({ finding, why: 'its edit overlaps another fix; run --fix again' });
    if (result.text === onDisk) continue;
    if (!opts.dryRun) {
      const failed = await tryWrite(file, abs, result.text);
      if (failed) {
        outcome.unwritable.push({ file, why: failed });
        continue;
      }
    }
    diffs.push(unifiedDiff(file, onDisk, result.text));
    for (const e of result.applied) {
      if (e.text === '' && e.span.line === e.span.endLine && e.span.column === e.span.endColumn) continue; // joined into another edit
      const { line, column, endLine, endColumn } = e.span;
      const finding = owner.get(e)!;
      outcome.edits.push({ file, ruleId: finding.ruleId, line: finding.line, range: { start: { line, column }, end: { line: endLine, column: endColumn } }, oldText: textAt(onDisk, e), newText: e.text });
    }
    outcome.fixed.push({ file, findings: list.length - skippedFindings.size });
  }
  // The commit takes the index: put the fixed files there too, in one git call (only files with no
  // unstaged changes get here).
  if (opts.staged && !opts.dryRun && outcome.fixed.length) await runGit(opts.base, ['add', '--', ...outcome.fixed.map((f) => f.file)]);
  outcome.diff = diffs.join('');
  return outcome;
}

/**
 * Writes a fixed file, or says why it could not: its folder must take the temp file (and the copy
 * aside), so a folder this user cannot write is refused before anything is created; any other
 * failure of the write (EROFS, ENOSPC) leaves the file as it was (write.ts removes its temp file).
 */
async function tryWrite(file: string, abs: string, text: string): Promise<string | undefined> {
  const dir = path.dirname(await fs.realpath(abs));
  try {
    await fs.access(dir, fsConstants.W_OK);
  } catch (e) {
    return fixRefusals.folderNotWritable(file, path.dirname(file), (e as NodeJS.ErrnoException).code ?? 'EACCES');
  }
  try {
    await writeFileAtomic(abs, text);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (!code) throw e;
    return fixRefusals.writeFailed(file, code);
  }
  return undefined;
}

/**
 * Why a file must not be written, or undefined. Not through a link to a file outside the checked
 * folder; not a file its mode makes read-only (root could write it: its owner said not to); not a
 * file that does not parse: tree-sitter's error recovery can make a dict key look like the value,
 * and Python would not import the file anyway (a NUL byte is such a file, whatever the tree says).
 */
async function refusal(file: string, abs: string, bytes: Buffer, opts: FixOptions): Promise<string | undefined> {
  if (opts.unparsable?.has(file) || bytes.includes(0)) return fixRefusals.unparsable(file);
  let real: string;
  let realBase: string;
  try {
    [real, realBase] = await Promise.all([fs.realpath(abs), fs.realpath(opts.base)]);
  } catch {
    return `${file} is not on disk`;
  }
  if (real !== realBase && !real.startsWith(realBase.endsWith('/') ? realBase : realBase + '/')) return fixRefusals.outside(file, real);
  const st = await fs.stat(real);
  if ((st.mode & 0o222) === 0) return fixRefusals.readOnly(file, st.mode & 0o7777);
  try {
    await fs.access(real, fsConstants.W_OK);
  } catch {
    return fixRefusals.notWritable(file, st.mode & 0o7777);
  }
  return undefined;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
