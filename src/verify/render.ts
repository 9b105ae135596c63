// verify's output: its findings as the check prints them (pretty or JSON), then the static and
// runtime results side by side, so a team learns which static finding Python confirmed, which looks
// like a false alarm, and what only the runtime saw.
import { renderJson } from '../reporters/json.js';
import { renderPretty } from '../reporters/pretty.js';
import type { Finding } from '../types.js';
import type { VerifyResult } from './command.js';

const VERDICT_TEXT = {
  confirmed: 'confirmed    ',
  'not-confirmed': 'not confirmed',
  'not-run': 'not run      ',
} as const;

const at = (f: Finding) => `${f.file}:${f.line}:${f.column}`;

export function renderVerifyPretty(r: VerifyResult, color: boolean): string {
  const sources = r.sources;
  const out: string[] = [];
  const imported = r.reports.reduce((n, x) => n + x.runs.length, 0);
  if (r.findings.length) out.push(renderPretty(r.findings, { sources, color, summaryExtra: [`${r.reports.length} package${r.reports.length === 1 ? '' : 's'} imported with real Python`] }).trimEnd());
  // Nothing run must not read as all clear.
  else if (!imported) out.push(r.reports.length ? '! Nothing was imported: no entry point resolves in the packages below' : '! Nothing was imported: no app or Lambda function to verify (parity-check init, or apps in parity-check.config.json)');
  else out.push(`✔ Real Python found no problem (${r.reports.length} package${r.reports.length === 1 ? '' : 's'}, ${imported} entry points imported)`);
  for (const rep of r.reports) if (!rep.runs.length) out.push(`  not imported: ${rep.target.label} (app ${rep.target.app}): no entry point resolves in its package; the static check says why`);
  if (r.staticFindings.length || r.runtimeOnly.length) {
    out.push('', 'Static check and real Python, side by side:');
    for (const v of r.staticFindings) {
      const hint =
        v.verdict === 'not-confirmed'
          ? ` (Python did not hit it: if it is a false alarm, silence it with # parity-check: ignore[${v.finding.ruleId}] and please report it)`
          : v.noLambdaEntry
            ? ' (the app has no Lambda entry point: no handler wraps it (Mangum or another adapter) and no deployed function names one, so no live Lambda app was compared; list the handler module in the config entrypoints)'
          : v.verdict === 'not-run'
            ? ' (no Lambda entry point imported, so Python may not have reached it: fix the import errors above, or run verify where the requirements are installed)'
            : '';
      out.push(`  ${VERDICT_TEXT[v.verdict]}  ${v.finding.ruleId}  ${at(v.finding)}${hint}`);
    }
    for (const f of r.runtimeOnly) out.push(`  runtime only   ${f.ruleId}  ${at(f)}  (the static check did not see it)`);
  }
  return `${out.join('\n')}\n`;
}

export function renderVerifyJson(r: VerifyResult): string {
  return renderJson(r.findings, {
    staticFindings: r.staticFindings.map((v) => ({ ruleId: v.finding.ruleId, file: v.finding.file, line: v.finding.line, column: v.finding.column, verdict: v.verdict })),
    runtimeOnly: r.runtimeOnly.map((f) => ({ ruleId: f.ruleId, file: f.file, line: f.line, column: f.column })),
    notes: r.notes,
  });
}
