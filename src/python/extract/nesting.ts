// CPython's tokenizer refuses a file whose brackets nest past MAXLEVEL (200): `SyntaxError: too many
// nested parentheses` at the 201st open bracket, before any line runs. `(`, `[` and `{` count alike,
// in any mix and across lines; brackets inside strings and comments do not (/usr/bin/python3 3.11:
// 200 nested dicts compile, 201 fail at that bracket's line and column). Such a file is never
// imported, so its facts are not walked further: 50,000 nested dicts in one router-map value took
// the readers over two minutes (#19 item 10).
import type Parser from 'tree-sitter';
import type { ParseProblem } from '../../types.js';
import { nodeSpan } from '../../util/span.js';

/** CPython's MAXLEVEL (Parser/tokenizer.h): the deepest bracket nesting it compiles. */
export const MAX_BRACKET_DEPTH = 200;

/**
 * Whether the text holds more open brackets than the limit, counting those in strings and comments
 * too: a sound bound (fewer cannot nest past it), so most small modules need no walk at all.
 */
function mayNestPastLimit(text: string): boolean {
  let opens = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c === 40 || c === 91 || c === 123) && ++opens > MAX_BRACKET_DEPTH) return true; // ( [ {
  }
  return false;
}

const OPEN = new Set(['(', '[', '{']);
const CLOSE = new Set([')', ']', '}']);

/**
 * The problem Python reports for brackets nested past MAX_BRACKET_DEPTH, at the first bracket past
 * it, or undefined. One iterative walk with a tree cursor (no recursion on depth), in document
 * order. A subtree without errors holds matched brackets only (every bracket of the grammar comes
 * with its close in the same node), so its net is zero and it nests at most half its length
 * deeper: one that cannot reach past the limit is skipped whole, which leaves a few nodes per
 * statement to visit in an ordinary file. Strings are skipped too: their brackets are text (an
 * f-string's replacement fields are parsed apart by CPython 3.11, so counting them could only be
 * a false alarm).
 */
export function bracketDepthProblem(tree: Parser.Tree, text: string): ParseProblem | undefined {
  if (!mayNestPastLimit(text)) return undefined;
  const cursor = tree.walk();
  // hasError propagates to the root: an error-free tree needs no node's own answer (a native call each).
  const anyError = tree.rootNode.hasError;
  let depth = 0;
  for (;;) {
    const type = cursor.nodeType;
    let descend = false;
    if (OPEN.has(type) && !cursor.nodeIsMissing) {
      depth++;
      if (depth > MAX_BRACKET_DEPTH) {
        return { message: `too many nested parentheses (Python's limit is ${MAX_BRACKET_DEPTH} levels)`, ...nodeSpan(cursor), nesting: true, unread: true };
      }
    } else if (CLOSE.has(type) && !cursor.nodeIsMissing) depth = Math.max(0, depth - 1);
    else if (type !== 'string' && type !== 'comment') {
      const reach = (cursor.endIndex - cursor.startIndex) / 2;
      descend = depth + reach > MAX_BRACKET_DEPTH || (anyError && cursor.currentNode.hasError);
    }
    if (descend && cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) if (!cursor.gotoParent()) return undefined;
  }
}
