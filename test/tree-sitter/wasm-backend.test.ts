// The facade on the WebAssembly backend, in process: query errors carry the position the native
// binding gives (src/python/queries.ts's `culprit` reads it), and the trees the readers walk have
// the native API's shapes. This file's modules are its own (vitest), so forcing the backend here
// leaves the other files on theirs.
import { createRequire } from 'node:module';
import { afterAll, expect, it } from 'vitest';
import { language, newParser, newQuery, parserBackend, prepareParsers, wasmPath } from '../../src/tree-sitter/backend.js';

const require = createRequire(import.meta.url);
const before = process.env.PARITY_CHECK_PARSER;
process.env.PARITY_CHECK_PARSER = 'wasm';
await prepareParsers();
afterAll(() => {
  if (before === undefined) delete process.env.PARITY_CHECK_PARSER;
  else process.env.PARITY_CHECK_PARSER = before;
});

it('wasm: a bad query names the same position as the native binding', () => {
  expect(parserBackend()).toBe('wasm');
  const Native = require('tree-sitter');
  const source = '(call function: (identifier) @f)\n(no_such_node) @x';
  const positionOf = (make: () => unknown) => {
    try {
      make();
    } catch (e) {
      return /at position (\d+)/.exec((e as Error).message)?.[1];
    }
    return 'compiled';
  };
  const native = positionOf(() => new Native.Query(require('tree-sitter-python'), source));
  expect(native).toBe(String(source.indexOf('no_such_node')));
  expect(positionOf(() => newQuery('python', source))).toBe(native);
});

it('wasm: every grammar parses, with UTF-16 indices and the native node surface', () => {
  for (const [g, text, root] of [['python', "é = '😀'\nx = f(a)\n", 'module'], ['bash', 'zip -r f.zip . # 😀\n', 'program'], ['hcl', 'a = "é"\n', 'config_file'], ['typescript', "const é = '😀';\n", 'program']] as const) {
    expect(wasmPath(g)).toMatch(/\.wasm$/);
    expect(language(g)).toBeDefined();
    const tree = newParser(g).parse(text);
    expect(tree.rootNode.type).toBe(root);
    expect(tree.rootNode.hasError).toBe(false);
    expect(tree.rootNode.endIndex).toBe(text.length);
  }
  const call = newParser('python').parse("é = '😀'\nx = f(a)\n").rootNode.descendantsOfType('call')[0];
  expect(call.childForFieldName('function')!.text).toBe('f');
  expect(call.startPosition).toEqual({ row: 1, column: 4 });
  const m = newQuery('python', '(call function: (identifier) @f (#any-of? @f "f" "g")) @c').matches(call.tree.rootNode);
  expect(m.map((x) => [x.pattern, x.captures.map((c) => `${c.name}=${c.node.text}`)])).toEqual([[0, ['c=f(a)', 'f=f']]]);
});
