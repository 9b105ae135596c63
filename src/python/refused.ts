// Whether Python refuses to import a file its bytes' decoding failed on (the PARSE001 error on an
// entry point). Proved with /usr/bin/python3 (3.11): an invalid UTF-8 byte in a string or in code
// is a SyntaxError at import, one inside a comment is not (the tokenizer skips comment bytes).
import { firstInvalidUtf8, parsePython } from './parser.js';

/**
 * True when the first invalid UTF-8 byte of `bytes` lies outside a comment. Only for a file read as
 * UTF-8 (no coding cookie); one parse of the latin-1 reading, whose offsets are byte offsets, and only
 * for files that failed to decode (rare). A later bad byte in code after a first one in a comment is
 * not looked for: that file keeps the warning.
 */
export function refusedUtf8(bytes: Buffer): boolean {
  const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const bad = firstInvalidUtf8(bytes, start);
  if (bad < 0) return false;
  return parsePython(bytes.toString('latin1')).rootNode.descendantForIndex(bad).type !== 'comment';
}
