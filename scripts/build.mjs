// Bundles the CLI. Node 20 has no compile cache, and loading a few files instead of a few hundred
// saves most of the start-up time a commit hook pays.
// - dist/cli.js (ESM): the command line, the snapshot and the run cache: all an answer from the run
//   cache needs.
// - dist/pipeline.cjs (CommonJS): everything else (src/pipeline.ts: the pipeline, rules, reporters,
//   tree-sitter glue, zod, yaml), loaded by src/load-pipeline.ts through V8's code cache.
// - dist/extract-worker.js (ESM): a worker thread of the extraction pool.
import { build } from 'esbuild';
import fs from 'node:fs';

// Native bindings load their .node files relative to their own package: keep them outside.
const external = ['tree-sitter', 'tree-sitter-python', 'tree-sitter-bash', '@tree-sitter-grammars/tree-sitter-hcl'];

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
  external,
  banner: { js: "import { createRequire as __pcCreateRequire } from 'node:module'; const require = __pcCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
await build({
  entryPoints: ['src/pipeline.ts'],
  outfile: 'dist/pipeline.cjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: false,
  external,
  // import.meta.url of the bundled modules is the bundle's own URL.
  define: { 'import.meta.url': '__pcImportMetaUrl' },
  banner: { js: "const __pcImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
});
