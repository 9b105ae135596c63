// Rule documentation, rendered from each rule's `docs`: `parity-check explain CODE`,
// `parity-check rules`, and the README's rule section (a test keeps the README in step).
import type { DocumentedCode, Example } from '../types.js';

function exampleText(example: Example): string {
  return Object.entries(example.files)
    .map(([file, text]) => `# ${file}\n${text.trimEnd() || '# (empty)'}`)
    .join('\n\n');
}

export function explainRule(rule: DocumentedCode): string {
  return [
    `${rule.code}  ${rule.name}  (${rule.severity}${rule.fixable ? ', fixable' : ''})`,
    '',
    rule.summary,
    '',
    'What it finds',
    indent(rule.docs.what),
    '',
    'Why it breaks production',
    indent(rule.docs.why),
    '',
    'Bad',
    indent(exampleText(rule.docs.bad)),
    '',
    'Good',
    indent(exampleText(rule.docs.good)),
    '',
    'How to fix',
    indent(rule.docs.fix),
    '',
  ].join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => (l ? `    ${l}` : ''))
    .join('\n');
}

export function rulesTable(rules: readonly DocumentedCode[]): string {
  const width = Math.max(...rules.map((r) => r.name.length));
  return (
    rules
      .map((r) => `${r.code.padEnd(9)}${r.severity.padEnd(9)}${r.name.padEnd(width + 2)}${r.summary}`)
      .join('\n') + '\n'
  );
}

/** The README's rule section, between the `<!-- rules:start -->` and `<!-- rules:end -->` markers. */
export function rulesMarkdown(rules: readonly DocumentedCode[]): string {
  const table = [
    '| Code | Name | Severity | Fix | What it finds |',
    '| --- | --- | --- | --- | --- |',
    ...rules.map(
      (r) => `| [${r.code}](#${r.code.toLowerCase()}) | \`${r.name}\` | ${r.severity} | ${r.fixable ? 'yes' : '—'} | ${r.summary} |`,
    ),
  ];
  const sections = rules.map((r) =>
    [
      `### ${r.code}`,
      '',
      `\`${r.name}\` — ${r.severity}${r.fixable ? ', fixable with `--fix`' : ''}.`,
      '',
      `**What it finds.** ${r.docs.what}`,
      '',
      `**Why it breaks production.** ${r.docs.why}`,
      '',
      '**Bad:**',
      '',
      '```python',
      exampleText(r.docs.bad),
      '```',
      '',
      '**Good:**',
      '',
      '```python',
      exampleText(r.docs.good),
      '```',
      '',
      `**How to fix.** ${r.docs.fix}`,
    ].join('\n'),
  );
  return [...table, '', ...sections.flatMap((s) => [s, ''])].join('\n').trimEnd() + '\n';
}
