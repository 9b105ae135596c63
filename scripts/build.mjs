// Bundles the CLI into one ESM file: Node 20 has no compile cache, and loading
// one file instead of a few hundred saves most of the start-up time a commit hook pays.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/cli.js',
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
