// JSON with comments (JSONC, as tsconfig.json and VS Code settings): `//` and `/* */` comments are
// blanked to spaces so every offset (and so every line and column a syntax error is reported at)
// stays where the user wrote it. One pass, outside strings only. Trailing commas stay errors (the
// JSONC spec does not allow them, and the error message says which comma). package.json is never
// read this way: npm parses it as strict JSON.
export function blankJsonComments(text: string): string {
  if (!text.includes('/')) return text;
  const out = text.split('');
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (out[k] !== '\n' && out[k] !== '\r') out[k] = ' ';
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"' && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      i++;
    } else if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      blank(i, stop);
      i = stop;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      blank(i, stop);
      i = stop;
    } else i++;
  }
  return out.join('');
}
