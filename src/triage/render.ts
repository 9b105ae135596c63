// triage's answer for a person (pretty) or a machine (json): per distinct failure, how often and
// when, where in the repository, the finding that explains it with its fix, and the suspect commit.
import type { Explained } from './explain.js';
import type { ModuleResolution } from './resolution.js';

/** What resolving the missing module under the deploy root says, for a person. */
export function resolutionLine(r: ModuleResolution): string {
  const m = `'${r.module}'`;
  switch (r.verdict) {
    case 'local':
      return `${m} resolves under ${r.under}${r.file ? ` (${r.file})` : ''} in the repository: the package that was deployed differs from it (run \`parity-check verify\`)`;
    case 'missing-local':
      return `${m} does not resolve under ${r.under}${r.suggestion ? `; did you mean '${r.suggestion}'?` : ''}`;
    case 'dependency':
      return `${m} is a dependency the requirements declare: the function's package (or a layer) must ship it`;
    case 'stdlib':
      return `${m} is a standard-library module: the runtime's Python lacks it, or a local module of that name shadows it`;
    default:
      return `${m} is neither the repository's nor declared by its requirements: declare it, and ship it in the package or a layer`;
  }
}

function frame(text: string | undefined, line: number): string[] {
  if (text === undefined) return [];
  const lines = text.split('\n');
  const out: string[] = [];
  for (let n = Math.max(1, line - 2); n <= Math.min(lines.length, line); n++) out.push(`  ${n === line ? '>' : ' '} ${String(n).padStart(4)} | ${lines[n - 1]}`);
  return out;
}

export function renderTriagePretty(results: Explained[], sources: Map<string, string>, problems: string[]): string {
  if (!results.length) return `No Lambda failure found in the log${problems.length ? ` (${problems.join('; ')})` : ''}.\n`;
  const blocks = results.map((r) => {
    const f = r.group.failure;
    const { firstTime, lastTime } = r.group;
    const when = !firstTime ? '' : firstTime === lastTime ? ` at ${firstTime}` : ` between ${firstTime} and ${lastTime}`;
    const out = [`${r.group.count}× ${f.errorType}: ${f.message}${when}`];
    if (r.group.functions.length) out.push(`  functions: ${r.group.functions.join(', ')}`);
    if (r.group.requestIds.length) out.push(`  requests: ${r.group.requestIds.slice(0, 5).join(', ')}${r.group.requestIds.length > 5 ? ', …' : ''}`);
    if (r.at) {
      out.push(`  at ${r.at.file}:${r.at.line}`);
      out.push(...frame(sources.get(r.at.file), r.at.line));
    } else out.push('  at: no frame of the log maps to a repository file');
    if (r.findings.length) {
      out.push('  explained by:');
      for (const x of r.findings.slice(0, 5)) out.push(`    ${x.file}:${x.line}:${x.column}  ${x.ruleId}  ${x.message}${x.fix?.safe ? '  [*] parity-check --fix' : ''}`);
      if (r.findings.length > 5) out.push(`    … and ${r.findings.length - 5} more`);
      out.push(`    (parity-check explain ${r.findings[0].ruleId} says why and how to fix it)`);
    } else {
      if (r.resolution) out.push(`  resolved: ${resolutionLine(r.resolution)}`);
      out.push('  explained by: no static rule; run `parity-check verify` to reproduce it with real Python');
    }
    if (r.suspect) out.push(`  suspect commit: ${r.suspect.commit.slice(0, 12)} ${r.suspect.date} ${r.suspect.author}: ${r.suspect.subject} (last change of ${r.suspect.file}:${r.suspect.line})`);
    return out.join('\n');
  });
  return `${blocks.join('\n\n')}\n${problems.length ? `\nnote: ${problems.join('; ')}\n` : ''}`;
}

export function renderTriageJson(results: Explained[], problems: string[]): string {
  return `${JSON.stringify(
    {
      failures: results.map((r) => ({
        kind: r.group.failure.kind,
        errorType: r.group.failure.errorType,
        message: r.group.failure.message,
        count: r.group.count,
        firstTime: r.group.firstTime,
        lastTime: r.group.lastTime,
        requestIds: r.group.requestIds,
        functions: r.group.functions,
        at: r.at,
        findings: r.findings.map((x) => ({ ruleId: x.ruleId, file: x.file, line: x.line, column: x.column, message: x.message })),
        ...(r.resolution ? { resolution: r.resolution } : {}),
        suspect: r.suspect,
      })),
      problems,
    },
    null,
    2,
  )}\n`;
}
