// A minimal TOML reader for the dependency files (pyproject.toml, Pipfile): table headers,
// `key = value` with dotted/quoted keys, values spanning lines while brackets/braces are open. It
// yields each key's full path and raw value text; string literals in a value are read with
// tomlStrings. Multi-line strings are not supported (the keys read here never hold them).

export interface TomlEntry {
  path: string[];
  value: string;
}

function tomlKey(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    while (text[i] === ' ' || text[i] === '\t') i++;
    if (text[i] === '"' || text[i] === "'") {
      const q = text[i];
      let j = i + 1;
      let s = '';
      while (j < text.length && text[j] !== q) {
        if (q === '"' && text[j] === '\\' && j + 1 < text.length) {
          s += text[j + 1];
          j += 2;
          continue;
        }
        s += text[j++];
      }
      out.push(s);
      i = j + 1;
    } else {
      let j = i;
      while (j < text.length && text[j] !== '.') j++;
      out.push(text.slice(i, j).trim());
      i = j;
    }
    while (text[i] === ' ' || text[i] === '\t') i++;
    if (text[i] === '.') i++;
  }
  return out;
}

/** Index of the first `=` outside quotes, or -1. */
function keyEnd(line: string): number {
  let q: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (q) {
      if (c === q) q = undefined;
    } else if (c === '"' || c === "'") q = c;
    else if (c === '=') return i;
  }
  return -1;
}

/** Strip a `#` comment outside strings and report the bracket depth change. */
function scanValueLine(line: string): { text: string; depth: number } {
  let depth = 0;
  let q: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (q) {
      if (q === '"' && c === '\\') i++;
      else if (c === q) q = undefined;
      continue;
    }
    if (c === '"' || c === "'") q = c;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
    else if (c === '#') return { text: line.slice(0, i), depth };
  }
  return { text: line, depth };
}

export function readToml(text: string): TomlEntry[] {
  const out: TomlEntry[] = [];
  const lines = text.split(/\r?\n/);
  let table: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '' || line.startsWith('#')) continue;
    const header = /^\[\[?\s*(.+?)\s*\]\]?\s*(#.*)?$/.exec(line);
    if (header) {
      table = tomlKey(header[1]);
      continue;
    }
    const eq = keyEnd(line);
    if (eq < 0) continue;
    const key = tomlKey(line.slice(0, eq));
    let { text: value, depth } = scanValueLine(line.slice(eq + 1));
    while (depth > 0 && i + 1 < lines.length) {
      const next = scanValueLine(lines[++i]);
      value += '\n' + next.text;
      depth += next.depth;
    }
    out.push({ path: [...table, ...key], value: value.trim() });
  }
  return out;
}

/** The string literals in a TOML value, in order. */
export function tomlStrings(value: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < value.length; i++) {
    const q = value[i];
    if (q !== '"' && q !== "'") continue;
    let s = '';
    let j = i + 1;
    while (j < value.length && value[j] !== q) {
      if (q === '"' && value[j] === '\\' && j + 1 < value.length) {
        s += value[j + 1];
        j += 2;
        continue;
      }
      s += value[j++];
    }
    out.push(s);
    i = j;
  }
  return out;
}
