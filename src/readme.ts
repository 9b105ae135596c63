// The README's generated sections. `node scripts/gen-readme.mjs` rewrites them; a test fails when
// the committed README differs from what the rules' docs say now.
import { DOCUMENTED } from './rules/index.js';
import { codesTable, pageFile, rulePage } from './rules/pages.js';
import { VERIFY_DOCS } from './verify/docs.js';

export function replaceSection(text: string, name: string, body: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  if (i < 0 || j < i) throw new Error(`README.md has no ${start} … ${end} section`);
  return `${text.slice(0, i + start.length)}\n${body.trimEnd()}\n${text.slice(j)}`;
}

/** What `parity-check examples/incident` prints, as the README shows it. */
export function exampleSection(output: string): string {
  return ['```console', '$ npx parity-check examples/incident', output.trimEnd(), '```'].join('\n');
}

/** The README's rule section: the rules and suppression checks, then verify's codes, each linked to its page. */
export function rulesSection(): string {
  return [
    codesTable(DOCUMENTED),
    '`parity-check verify` (real Python, in CI) reports these codes; no static check gives them:',
    '',
    codesTable(VERIFY_DOCS),
  ].join('\n');
}

/** Every generated page (docs/rules/<CODE>.md) by path relative to the repository. */
export function rulePages(): Map<string, string> {
  const pages = new Map<string, string>();
  for (const r of DOCUMENTED) pages.set(pageFile(r.code), rulePage(r, r.code.startsWith('SUP') ? 'Suppression check' : 'Rule'));
  for (const r of VERIFY_DOCS) pages.set(pageFile(r.code), rulePage(r, 'Finding of `parity-check verify`'));
  return pages;
}

export function updateReadme(text: string, exampleOutput?: string): string {
  const withRules = replaceSection(text, 'rules', rulesSection());
  return exampleOutput === undefined ? withRules : replaceSection(withRules, 'example', exampleSection(exampleOutput));
}
