// Rewrites the README's generated sections: the rules table (from src/rules/*.ts, src/filter/docs.ts and
// src/verify/docs.ts docs) and the example's output, and one page per code in docs/rules/.
// Needs the built CLI (node scripts/build.mjs).
//   node scripts/gen-readme.mjs           write README.md
//   node scripts/gen-readme.mjs --check   exit 1 when README.md is out of date
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Bundled next to the CLI (not to a data: URL) so that the native tree-sitter packages resolve from node_modules.
const outfile = path.join(root, 'dist', 'gen-readme.mjs');
await build({
  entryPoints: [path.join(root, 'src', 'readme.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['tree-sitter', 'web-tree-sitter', 'tree-sitter-python', 'tree-sitter-bash', '@tree-sitter-grammars/tree-sitter-hcl'],
  banner: { js: "import { createRequire as __pcCreateRequire } from 'node:module'; const require = __pcCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
const mod = await import(pathToFileURL(outfile).href);
const file = path.join(root, 'README.md');
const current = fs.readFileSync(file, 'utf8');
// The example's real output, without colour, as a newcomer sees it.
const example = spawnSync(process.execPath, [path.join(root, 'bin', 'parity-check.cjs'), 'examples/incident'], {
  cwd: root,
  encoding: 'utf8',
  env: { ...process.env, NO_COLOR: '1' },
});
const next = mod.updateReadme(current, example.stdout);
// One page per code (docs/rules/<CODE>.md); a page no code has any more is stale too.
const pages = mod.rulePages();
const pagesDir = path.join(root, 'docs', 'rules');
const present = fs.existsSync(pagesDir) ? fs.readdirSync(pagesDir).filter((f) => f.endsWith('.md')).map((f) => `docs/rules/${f}`) : [];
const stale = [...pages].filter(([rel, text]) => !fs.existsSync(path.join(root, rel)) || fs.readFileSync(path.join(root, rel), 'utf8') !== text).map(([rel]) => rel);
const extra = present.filter((rel) => !pages.has(rel));
if (process.argv.includes('--check')) {
  if (next !== current || stale.length || extra.length) {
    console.error(`out of date: ${[next !== current ? 'README.md' : '', ...stale, ...extra].filter(Boolean).join(', ')}: run node scripts/gen-readme.mjs`);
    process.exit(1);
  }
} else {
  if (next !== current) {
    fs.writeFileSync(file, next);
    console.log('wrote README.md');
  }
  fs.mkdirSync(pagesDir, { recursive: true });
  for (const rel of stale) fs.writeFileSync(path.join(root, rel), pages.get(rel));
  for (const rel of extra) fs.rmSync(path.join(root, rel));
  if (stale.length || extra.length) console.log(`wrote ${stale.length} and removed ${extra.length} page(s) in docs/rules`);
}
