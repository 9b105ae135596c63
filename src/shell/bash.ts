// tree-sitter-bash, loaded once per thread, and the node surface the readers use (the HCL reader in
// src/sources shares the same surface: both are node-tree-sitter nodes).
import { newParser } from '../tree-sitter/backend.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type TSParser = any;
let bashParser: TSParser | undefined;

export function getBashParser(): TSParser {
  if (!bashParser) {
    bashParser = newParser('bash');
  }
  return bashParser;
}

/** The minimal tree-sitter node surface the readers use. */
export interface TSNode {
  type: string;
  text: string;
  startIndex: number;
  endIndex: number;
  startPosition: { row: number; column: number };
  endPosition: { row: number; column: number };
  children: TSNode[];
  namedChildren: TSNode[];
  childCount: number;
  parent: TSNode | null;
  hasError: boolean;
  isMissing: boolean;
  childForFieldName(name: string): TSNode | null;
  childrenForFieldName(name: string): TSNode[];
}

/** The first syntax error / missing node of a tree, for `problems`. */
export function firstError(root: TSNode): TSNode | null {
  if (!root.hasError) return null;
  const stack = [root];
  while (stack.length) {
    const n = stack.shift()!;
    if (n.type === 'ERROR' || n.isMissing) return n;
    for (const c of n.children) if (c.hasError || c.isMissing || c.type === 'ERROR') stack.push(c);
  }
  return root;
}

/** Every simple command of a tree, in document order, wherever it is (inside `if`, loops, substitutions too). */
export function commandsIn(root: TSNode): TSNode[] {
  const out: TSNode[] = [];
  const walk = (n: TSNode) => {
    if (n.type === 'command') out.push(n);
    for (const c of n.namedChildren) walk(c);
  };
  walk(root);
  return out;
}
