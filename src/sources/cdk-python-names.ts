// What the CDK Python evaluator (cdk-python.ts) knows of names and built-in calls: the str methods, the os.path and
// pathlib functions, and the names a parameter or loop variable of an enclosing function binds.
import type Parser from 'tree-sitter';
import type { Location } from '../types.js';
import { dirnameVal, joinVals, unknownVal, type Val } from './cdk-values.js';

type Node = Parser.SyntaxNode;

/** str methods a construct id or a path is spelled with (`route.capitalize()`), as Python computes them (ASCII). */
export const STR_METHODS: Record<string, (s: string) => string> = {
  upper: (s) => s.toUpperCase(),
  lower: (s) => s.toLowerCase(),
  strip: (s) => s.trim(),
  capitalize: (s) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase(),
  title: (s) => s.toLowerCase().replace(/(^|[^a-z])([a-z])/g, (_, a: string, b: string) => a + b.toUpperCase()),
};

/** The path functions of `os.path` and `pathlib`. */
export function pathCall(callee: string, args: Val[], loc: Location): Val | null {
  switch (callee) {
    case 'os.path.join':
      return joinVals(args, loc, 'os.path.join');
    case 'os.path.dirname':
      return args[0] ? dirnameVal(args[0], loc) : unknownVal('os.path.dirname() without an argument', loc);
    case 'os.path.abspath':
    case 'os.path.realpath':
    case 'os.path.normpath':
      return args[0] ?? unknownVal(`${callee}() without an argument`, loc);
    case 'pathlib.Path':
    case 'pathlib.PurePath':
      return args.length ? joinVals(args, loc, 'Path') : { k: 'str', v: '', loc };
    case 'os.getcwd':
      return { k: 'str', v: '', loc };
    default:
      return null;
  }
}

/**
 * A name that a parameter or a loop variable of an enclosing function binds (`def make(self, handler)`,
 * `for name in ...`): its value is what the caller passes, never a constant of the same name elsewhere in the file.
 */
export function shadowed(n: Node, loc: Location): Val | null {
  const name = n.text;
  for (let cur = n.parent; cur; cur = cur.parent) {
    if (cur.type === 'function_definition' || cur.type === 'lambda') {
      const params = cur.childForFieldName('parameters');
      for (const p of params?.namedChildren ?? []) {
        const id = p.type === 'identifier' ? p : (p.childForFieldName('name') ?? p.namedChildren.find((c) => c.type === 'identifier'));
        if (id?.text === name) return unknownVal(`${name} is a parameter`, loc);
      }
    }
    if ((cur.type === 'for_statement' || cur.type === 'for_in_clause') && boundBy(cur.childForFieldName('left'), name)) {
      return unknownVal(`${name} is a loop variable`, loc);
    }
  }
  return null;
}

function boundBy(target: Node | null, name: string): boolean {
  if (!target) return false;
  if (target.type === 'identifier') return target.text === name;
  return target.namedChildren.some((c) => boundBy(c, name));
}
