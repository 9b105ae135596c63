// One documentation page per code (docs/rules/<CODE>.md), generated from the code's docs like the
// README's rule table that links to them: rules, the suppression checks (SUP) and verify's codes
// (VER). `node scripts/gen-readme.mjs` writes them; test/readme-pages.test.ts fails when one is stale.
import type { DocumentedCode, Example } from '../types.js';

/** Where the pages live, relative to the repository (and the README's links). */
export const PAGES_DIR = 'docs/rules';

export const pageFile = (code: string) => `${PAGES_DIR}/${code}.md`;

function exampleBlock(example: Example): string[] {
  const out: string[] = [];
  for (const [file, text] of Object.entries(example.files)) {
    const lang = file.endsWith('.py') ? 'python' : file.endsWith('.yaml') || file.endsWith('.yml') ? 'yaml' : '';
    out.push(`\`${file}\``, '', '```' + lang, text.trimEnd() || '# (empty)', '```', '');
  }
  return out;
}

/** The page of one code. `kind` says where the code comes from (a rule, a suppression check, verify). */
export function rulePage(r: DocumentedCode, kind: string): string {
  return [
    `# ${r.code}: \`${r.name}\``,
    '',
    `${kind}; default severity ${r.severity}${r.fixable ? '; fixable with `--fix`' : ''}. ${r.summary}.`.replace(/\.\.$/, '.'),
    '',
    `Also: \`npx parity-check explain ${r.code}\`. Back to the [rules table](../../README.md#rules).`,
    '',
    '## What it finds',
    '',
    r.docs.what,
    '',
    '## Why it breaks production',
    '',
    r.docs.why,
    '',
    '## Bad',
    '',
    ...exampleBlock(r.docs.bad),
    '## Good',
    '',
    ...exampleBlock(r.docs.good),
    '## How to fix',
    '',
    r.docs.fix,
    '',
  ].join('\n');
}

/** The README's table: one line a code, linked to its page. */
export function codesTable(rules: readonly DocumentedCode[]): string {
  return [
    '| Code | Name | Severity | Fix | What it finds |',
    '| --- | --- | --- | --- | --- |',
    ...rules.map((r) => `| [${r.code}](${pageFile(r.code)}) | \`${r.name}\` | ${r.severity} | ${r.fixable ? 'yes' : '—'} | ${r.summary} |`),
  ].join('\n') + '\n';
}
