// `[ … ]`, `[[ … ]]` and `test …` decided against the virtual tree: the file tests build scripts guard their steps
// with (`if [ ! -d build ]; then mkdir build; fi`, `[ -z "$1" ] && exit 1`). A test whose operands are not known,
// or an operator not listed here, is undecided (null): the simulator then treats what it guards as unknown.
import type { TSNode } from './bash.js';
import type { VFS } from './vfs.js';
import { evalWord, type WordEnv } from './words.js';

export interface TestEnv {
  words: WordEnv;
  vfs: VFS;
  /** Absolute path of a word relative to the current folder; null when the folder is not known. */
  resolve(p: string): string | null;
}

const FILE_OPS = new Set(['-d', '-f', '-e', '-a', '-r', '-w', '-x', '-s', '-L', '-h']);

function word(n: TSNode, env: TestEnv): string | null {
  const w = evalWord(n, env.words);
  if ('why' in w || w.glob) return null;
  return w.value;
}

function fileTest(op: string, path: string, env: TestEnv): boolean | null {
  const abs = env.resolve(path);
  // Outside the checked folder (/usr/bin/zip, $HOME/.aws) the tree says nothing.
  if (abs === null || !(abs === env.vfs.root || abs.startsWith(env.vfs.root + '/'))) return null;
  if (op === '-L' || op === '-h') return false;
  if (op === '-d') return env.vfs.isDir(abs);
  if (op === '-f') return env.vfs.files.has(abs);
  if (op === '-s') return env.vfs.files.has(abs) ? null : false;
  return env.vfs.exists(abs);
}

function unary(n: TSNode, env: TestEnv): boolean | null {
  const op = n.children.find((c) => c.type === 'test_operator')?.text;
  const operand = n.namedChildren.filter((c) => c.type !== 'test_operator').at(-1);
  if (!operand) return null;
  if (!op) return test(operand, env);
  if (op === '!') return negate(test(operand, env));
  const v = word(operand, env);
  if (v === null) return null;
  if (op === '-z') return v === '';
  if (op === '-n') return v !== '';
  if (FILE_OPS.has(op)) return fileTest(op, v, env);
  return null;
}

function negate(b: boolean | null): boolean | null {
  return b === null ? null : !b;
}

function binary(n: TSNode, env: TestEnv): boolean | null {
  const [l, r] = [n.childForFieldName('left'), n.childForFieldName('right')];
  const op = n.childForFieldName('operator')?.text ?? n.children.find((c) => !c.isMissing && c !== l && c !== r)?.text;
  if (!l || !r || !op) return null;
  if (op === '&&' || op === '-a' || op === '||' || op === '-o') {
    const a = test(l, env);
    const b = test(r, env);
    const and = op === '&&' || op === '-a';
    if (and) return a === false || b === false ? false : a === null || b === null ? null : true;
    return a === true || b === true ? true : a === null || b === null ? null : false;
  }
  const a = word(l, env);
  // `[[ x == pat* ]]` matches a pattern: only a quoted or glob-free right side is compared as a string.
  const rw = evalWord(r, env.words);
  if (a === null || 'why' in rw || rw.glob) return null;
  const b = rw.value;
  if (op === '=' || op === '==') return a === b;
  if (op === '!=') return a !== b;
  const nums = /^-?\d+$/.test(a) && /^-?\d+$/.test(b) ? [Number(a), Number(b)] : null;
  if (!nums) return null;
  const [x, y] = nums;
  const cmp: Record<string, boolean> = { '-eq': x === y, '-ne': x !== y, '-lt': x < y, '-le': x <= y, '-gt': x > y, '-ge': x >= y };
  return op in cmp ? cmp[op] : null;
}

/** The truth of a test expression node (inside `[ ]`/`[[ ]]`), or null when it cannot be decided. */
export function test(n: TSNode, env: TestEnv): boolean | null {
  switch (n.type) {
    case 'test_command': {
      const inner = n.namedChildren;
      return inner.length === 1 ? test(inner[0], env) : null;
    }
    case 'unary_expression':
      return unary(n, env);
    case 'binary_expression':
      return binary(n, env);
    case 'parenthesized_expression':
      return n.namedChildren.length === 1 ? test(n.namedChildren[0], env) : null;
    case 'negated_command':
      return n.namedChildren.length === 1 ? negate(test(n.namedChildren[0], env)) : null;
    default: {
      // `[ "$X" ]`: true when the word is not empty.
      const v = n.type === 'word' || n.type === 'string' || n.type === 'simple_expansion' || n.type === 'expansion' ? word(n, env) : null;
      return v === null ? null : v !== '';
    }
  }
}

/** `test …` / `[ … ]` written as a plain command (tree-sitter parses `test -d x` so): its arguments as a test. */
export function testCommand(args: string[], env: TestEnv): boolean | null {
  const a = args[args.length - 1] === ']' ? args.slice(0, -1) : args;
  let neg = false;
  if (a[0] === '!') {
    neg = true;
    a.shift();
  }
  let r: boolean | null = null;
  if (a.length === 2 && (a[0] === '-z' || a[0] === '-n')) r = a[0] === '-z' ? a[1] === '' : a[1] !== '';
  else if (a.length === 2 && FILE_OPS.has(a[0])) r = fileTest(a[0], a[1], env);
  else if (a.length === 3 && (a[1] === '=' || a[1] === '==' || a[1] === '!=')) r = (a[0] === a[2]) === (a[1] !== '!=');
  else if (a.length === 1) r = a[0] !== '';
  return neg ? negate(r) : r;
}
