// GitHub Actions workflow commands: each finding becomes an annotation on the pull request's diff.
// https://docs.github.com/actions/reference/workflow-commands-for-github-actions
import type { Finding } from '../types.js';
import { sortFindings } from './order.js';

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

/** One `::error …::message` / `::warning …::message` line per finding, sorted; '' when there are none. */
export function renderGithub(findings: Finding[]): string {
  const lines = sortFindings(findings).map(githubLine);
  return lines.length === 0 ? '' : lines.join('\n') + '\n';
}
