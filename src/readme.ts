// The README's generated sections. `node scripts/gen-readme.mjs` rewrites them; a test fails when
// the committed README differs from what the rules' docs say now.
import { rulesMarkdown } from './rules/docs.js';
import { DOCUMENTED } from './rules/index.js';

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

export function updateReadme(text: string, exampleOutput?: string): string {
  const withRules = replaceSection(text, 'rules', rulesMarkdown(DOCUMENTED));
  return exampleOutput === undefined ? withRules : replaceSection(withRules, 'example', exampleSection(exampleOutput));
}
