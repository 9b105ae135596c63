// GitHub Actions workflow commands: each finding becomes an annotation on the pull request's diff.
// https://docs.github.com/actions/reference/workflow-commands-for-github-actions
import { notCheckedMessages } from '../messages.js';
import type { Finding, NotChecked } from '../types.js';
import { notCheckedLines, notCheckedMessage, sortNotChecked } from './not-checked.js';
import { sortFindings } from '../filter/order.js';
import { createHash } from 'node:crypto';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Escaping for the message (the command's data). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping for a property value: the data rules plus `:` and `,`, which separate properties. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function githubLine(f: Finding): string {
  const props: string[] = [`file=${escapeProperty(f.file)}`, `line=${f.line}`, `col=${f.column}`];
  if (f.endLine !== undefined) props.push(`endLine=${f.endLine}`);
  if (f.endColumn !== undefined) props.push(`endColumn=${f.endColumn}`);
  props.push(`title=${escapeProperty(f.ruleId)}`);
  let message = f.message;
  for (const r of f.related ?? []) message += `\n↳ ${r.file}:${r.line}:${r.column}`;
  return `::${f.severity} ${props.join(',')}::${escapeData(message)}`;
}

/**
 * GitHub shows at most 10 error and 10 warning annotations per step (and drops the rest without a
 * word): https://github.com/actions/toolkit/blob/main/docs/problem-matchers.md#limitations
 */
export const ANNOTATIONS_PER_KIND = 10;

/** A line break in the repository's text (a router-map string, a file name) shown, so it never starts a log line. */
function oneLine(s: string): string {
  return s.replace(/\r/g, '\\r').replace(/\n/g, '\\n');
}

/** A finding left out of the annotations, as a plain log line: `path:line:col  CODE  severity  message`, and its related places. */
function logLine(f: Finding): string {
  let line = `${oneLine(f.file)}:${f.line}:${f.column}  ${f.ruleId}  ${f.severity}  ${oneLine(f.message)}`;
  for (const r of f.related ?? []) line += `\n  ↳ ${oneLine(r.file)}:${r.line}:${r.column}`;
  return line;
}

/**
 * The runner reads a line starting with `::` (after spaces) as a command wherever it comes from, so
 * the plain lines are printed between `::stop-commands::TOKEN` and `::TOKEN::`, GitHub's way to log
 * untrusted text. The token is a hash of the lines it guards: text cannot hold the hash of itself.
 */
function guarded(lines: string[]): string[] {
  if (!lines.length) return lines;
  const token = `pc-${sha256(lines.join('\n')).slice(0, 32)}`;
  return [`::stop-commands::${token}`, ...lines, `::${token}::`];
}

/**
 * A function not checked, as a notice at its definition. A notice, not a warning: it does not fail
 * the job and GitHub counts notices apart (10 a step), so it never pushes a warning finding out of
 * the annotations; the diff still shows it at the function's line.
 */
export function notCheckedNotice(n: NotChecked): string {
  const props = [`file=${escapeProperty(n.loc.file)}`, `line=${n.loc.line}`, `col=${n.loc.column}`, `title=${escapeProperty(`parity-check: ${n.name} not checked`)}`];
  return `::notice ${props.join(',')}::${escapeData(notCheckedMessage(n))}`;
}

/**
 * One `::error …::message` / `::warning …::message` line per finding, sorted, then one `::notice` per
 * function not checked; '' when there are none. Past GitHub's limit of each kind, the rest are
 * printed as plain log lines, and one notice says how many are in the log only, so none is lost silently.
 */
export function renderGithub(findings: Finding[], notChecked: readonly NotChecked[] = []): string {
  const used = { error: 0, warning: 0 };
  const annotated: string[] = [];
  const rest: Finding[] = [];
  for (const f of sortFindings(findings)) {
    if (used[f.severity] < ANNOTATIONS_PER_KIND) {
      used[f.severity]++;
      annotated.push(githubLine(f));
    } else rest.push(f);
  }
  const skipped = sortNotChecked(notChecked);
  // The notice that counts what is in the log only is a notice too: it takes one of the ten.
  const summarize = rest.length > 0 || skipped.length > ANNOTATIONS_PER_KIND;
  const noticed = skipped.slice(0, summarize ? ANNOTATIONS_PER_KIND - 1 : ANNOTATIONS_PER_KIND);
  const unnoticed = skipped.slice(noticed.length);
  const lines = [...annotated, ...noticed.map(notCheckedNotice)];
  lines.push(...guarded([...rest.map(logLine), ...unnoticed.map((n) => notCheckedLines(n).map(oneLine).join('\n  '))]));
  const said: string[] = [];
  if (rest.length) {
    said.push(`${rest.length} more finding${rest.length === 1 ? ' is' : 's are'} in this step's log, not annotated: GitHub shows at most ${ANNOTATIONS_PER_KIND} error and ${ANNOTATIONS_PER_KIND} warning annotations per step.`);
  }
  if (unnoticed.length) said.push(`${notCheckedMessages.inLogOnly(unnoticed.length)}: GitHub shows at most ${ANNOTATIONS_PER_KIND} notice annotations per step.`);
  if (said.length) lines.push(`::notice title=parity-check::${escapeData(said.join(' '))}`);
  return lines.length === 0 ? '' : lines.join('\n') + '\n';
}
