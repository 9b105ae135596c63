// Bundles the CLI. Node 20 has no compile cache, and loading a few files instead of a few hundred
// saves most of the start-up time a commit hook pays. Every bundle is CommonJS: Node's ESM loader
// costs a commit hook's warm run about 7 ms more (104 against 97 ms median over 30 runs, with
// `node -e 0` at 77 ms), most of it in wrapping built-in modules for ESM.
// - dist/cli.cjs: the command line, the snapshot and the run cache: all an answer from the run
//   cache needs.
// - dist/pipeline.cjs: everything else (src/pipeline.ts: the pipeline, rules, reporters,
//   tree-sitter glue, zod, yaml), loaded by src/load-pipeline.ts through V8's code cache.
// - dist/extract-worker.cjs: a worker thread of the extraction pool.
import { build } from 'esbuild';
import fs from 'node:fs';

// Native bindings load their .node files relative to their own package: keep them outside.
const external = ['tree-sitter', 'web-tree-sitter', 'tree-sitter-python', 'tree-sitter-bash', '@tree-sitter-grammars/tree-sitter-hcl', 'tree-sitter-typescript'];

fs.rmSync('dist', { recursive: true, force: true });
const bundles = {
  'dist/cli.cjs': 'src/cli.ts',
  'dist/pipeline.cjs': 'src/pipeline.ts',
  'dist/extract-worker.cjs': 'src/python/extract-worker.ts',
};
for (const [outfile, entry] of Object.entries(bundles)) {
  await build({
    entryPoints: [entry],
    outfile,
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
}
