// Bundles the CLI: Node 20 has no compile cache, and loading a few files instead of a few hundred
// saves most of the start-up time a commit hook pays. With code splitting, dist/cli.js holds only what
// every run needs (argv, the snapshot, the cache); the pipeline, rules, tree-sitter and reporters are
// chunks that cli.ts imports when a check really runs, so a cached answer never loads them.
import { build } from 'esbuild';
import fs from 'node:fs';

fs.rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: ['src/cli.ts', 'src/python/extract-worker.ts'],
  outdir: 'dist',
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: false,
  // Native bindings load their .node files relative to their own package: keep them outside.
  external: ['tree-sitter', 'tree-sitter-python', 'tree-sitter-bash', '@tree-sitter-grammars/tree-sitter-hcl'],
  banner: { js: "import { createRequire as __pcCreateRequire } from 'node:module'; const require = __pcCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
