// The last step before a byte reaches a terminal or a CI log: what the checked repository wrote
// (a module path, a file name, a link's target, a source line) may hold control characters, and a
// terminal or GitHub's log viewer would obey them: move the cursor, retitle the window (OSC), write
// the clipboard (OSC 52), hide text, reorder it (bidi overrides). Each is shown as its `\uXXXX`
// escape instead. In JSON and SARIF output such characters only occur inside strings, where that
// escape is JSON's own: a reader parses the same value.
//
// Kept: newline, tab, and with `colour` the colour codes the pretty reporter itself writes (SGR,
// `ESC [ digits m`); it turns control characters of the repository's text into U+FFFD before that.

// C0 controls but tab and newline; ESC not starting an SGR sequence; DEL and C1 (0x9b is CSI and 0x9d
// OSC on terminals that take 8-bit controls); the bidi embeddings, overrides and isolates; line and
// paragraph separators (a line break to some viewers).
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;
const UNSAFE_BUT_SGR = /\u001b(?!\[[0-9;]*m)|[\u0000-\u0008\u000b-\u001a\u001c-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

const escape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** `text` with every control character it must not send shown as its escape; `colour`: SGR codes kept. */
export function shown(text: string, colour = false): string {
  return text.replace(colour ? UNSAFE_BUT_SGR : UNSAFE, escape);
}
