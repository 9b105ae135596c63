// Values of simple literals in source text that tree-sitter already isolated (a keyword
// argument's value, say). Only plain one-quote strings and integers are understood.

/** `"off"` or `'off'` → `off`; anything else (f-strings, names, concatenations) → undefined. */
export function plainString(text: string): string | undefined {
  const q = text[0];
  if ((q !== '"' && q !== "'") || text.length < 2 || text[text.length - 1] !== q) return undefined;
  const inner = text.slice(1, -1);
  return inner.includes(q) || inner.includes('\\') ? undefined : inner;
}

export function isIntegerLiteral(text: string): boolean {
  return text.length > 0 && [...text].every((c) => c >= '0' && c <= '9');
}
