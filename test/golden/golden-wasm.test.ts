// The golden test again, on the WebAssembly backend (web-tree-sitter with the grammars' .wasm
// files): the same tests compared with the same files in __golden__, so both backends must give
// byte-identical facts, deploy facts and findings. Vitest gives each test file its own modules,
// so the backend chosen here (once per thread, see src/tree-sitter/backend.ts) is this file's.
import { afterAll, expect, it } from 'vitest';
import { parserBackend, prepareParsers } from '../../src/tree-sitter/backend.js';

const before = process.env.PARITY_CHECK_PARSER;
process.env.PARITY_CHECK_PARSER = 'wasm';
await prepareParsers();
afterAll(() => {
  if (before === undefined) delete process.env.PARITY_CHECK_PARSER;
  else process.env.PARITY_CHECK_PARSER = before;
});

it('runs on the WebAssembly backend', () => {
  expect(parserBackend()).toBe('wasm');
});

await import('./golden.test.js');
