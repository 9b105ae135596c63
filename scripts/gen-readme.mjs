// Rewrites the README's generated sections: the rules (from src/rules/*.ts docs) and the example's output.
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
if (process.argv.includes('--check')) {
  if (next !== current) {
    console.error('README.md is out of date: run node scripts/gen-readme.mjs');
    process.exit(1);
  }
} else if (next !== current) {
  fs.writeFileSync(file, next);
  console.log('wrote README.md');
}
