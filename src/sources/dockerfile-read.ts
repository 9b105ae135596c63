// Dockerfile text: instructions (`\` continuations or the `# escape=` directive, comment lines, positions of every
// argument), JSON-array arguments, Docker's variable substitution and `K=V` pairs. Dockerfile is not shell: the
// shell reads only what RUN runs (dockerfile-stage.ts).
import type { Span } from '../types.js';

// ---------------------------------------------------------------------------
// Instruction reader

export interface Instruction {
  keyword: string;
  /** Arguments with continuations joined (escape + newline removed). */
  args: string;
  span: Span;
  /** Position (1-based line/column) of an offset into `args`. */
  pos(offset: number): { line: number; column: number };
  /** Here-documents (`RUN <<EOF` … `EOF`): each body and the line it starts on. */
  heredocs?: { name: string; body: string; line: number }[];
}

const HEREDOC = /<<(-?)\s*(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g;

export function readInstructions(text: string): Instruction[] {
  const lines = text.split(/\r?\n/);
  let escape = '\\';
  // Parser directives: leading `# key=value` comments.
  for (const l of lines) {
    const m = /^#\s*([a-zA-Z]+)\s*=\s*(\S+)\s*$/.exec(l);
    if (!m) break;
    if (m[1].toLowerCase() === 'escape' && (m[2] === '`' || m[2] === '\\')) escape = m[2];
  }
  const out: Instruction[] = [];
  let i = 0;
  while (i < lines.length) {
    const raw = lines[i];
    const trimmed = raw.trimStart();
    if (trimmed === '' || trimmed.startsWith('#')) {
      i++;
      continue;
    }
    const startLine = i + 1;
    const indent = raw.length - trimmed.length;
    const kwMatch = /^(\S+)(\s*)/.exec(trimmed)!;
    const keyword = kwMatch[1].toUpperCase();
    const segs: { off: number; line: number; col: number }[] = [];
    let args = '';
    let seg = trimmed.slice(kwMatch[0].length);
    let segCol = indent + kwMatch[0].length + 1;
    let endLine = startLine;
    let endCol = raw.length + 1;
    for (;;) {
      const t = seg.replace(/\s+$/, '');
      const cont = t.endsWith(escape) && !t.endsWith(escape + escape);
      segs.push({ off: args.length, line: i + 1, col: segCol });
      args += cont ? t.slice(0, -1) : t;
      endLine = i + 1;
      endCol = lines[i].replace(/\s+$/, '').length + 1;
      i++;
      if (!cont) break;
      // Skip comment and empty lines inside a continued instruction.
      while (i < lines.length && (lines[i].trim() === '' || lines[i].trimStart().startsWith('#'))) i++;
      if (i >= lines.length) break;
      seg = lines[i];
      segCol = 1;
    }
    const heredocs: { name: string; body: string; line: number }[] = [];
    if (keyword === 'RUN' || keyword === 'COPY' || keyword === 'ADD') {
      for (const m of args.matchAll(HEREDOC)) {
        const body: string[] = [];
        const line = i + 1;
        while (i < lines.length && (m[1] ? lines[i].trim() : lines[i]) !== m[3]) body.push(lines[i++]);
        if (i < lines.length) i++;
        heredocs.push({ name: m[3], body: body.join('\n') + '\n', line });
      }
    }
    out.push({
      keyword,
      ...(heredocs.length ? { heredocs } : {}),
      args: args.trim(),
      span: { line: startLine, column: indent + 1, endLine, endColumn: endCol },
      pos(offset: number) {
        const lead = args.length - args.trimStart().length;
        const o = offset + lead;
        let s = segs[0];
        for (const x of segs) if (x.off <= o) s = x;
        return { line: s.line, column: s.col + (o - s.off) };
      },
    });
  }
  return out;
}

/** A JSON array of strings with the offset of each element, or null when `s` is not one (shell form). */
export function jsonArray(s: string): { value: string; start: number; end: number }[] | null {
  const t = s.trim();
  if (!t.startsWith('[') || !t.endsWith(']')) return null;
  const lead = s.length - s.trimStart().length;
  try {
    const arr = JSON.parse(t);
    if (!Array.isArray(arr) || !arr.every((x) => typeof x === 'string')) return null;
  } catch {
    return null;
  }
  const out: { value: string; start: number; end: number }[] = [];
  let k = 1;
  while (k < t.length) {
    const c = t[k];
    if (c === '"') {
      let j = k + 1;
      while (j < t.length && t[j] !== '"') j += t[j] === '\\' ? 2 : 1;
      out.push({ value: JSON.parse(t.slice(k, j + 1)), start: lead + k, end: lead + j + 1 });
      k = j + 1;
    } else k++;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Variables

export type Vars = Map<string, string>;

/** Docker's variable substitution; null with `why` when a variable is not known. */
export function substitute(s: string, vars: Vars): { value: string } | { why: string } {
  let out = '';
  for (let k = 0; k < s.length; k++) {
    const c = s[k];
    if (c === '\\' && s[k + 1] === '$') {
      out += '$';
      k++;
      continue;
    }
    if (c !== '$') {
      out += c;
      continue;
    }
    let name: string;
    let mod: { op: string; word: string } | null = null;
    if (s[k + 1] === '{') {
      const end = s.indexOf('}', k);
      if (end < 0) return { why: `unclosed \${ in ${s}` };
      const inner = s.slice(k + 2, end);
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?::([-+])(.*))?$/.exec(inner);
      if (!m) return { why: `\${${inner}} is not understood` };
      name = m[1];
      if (m[2]) mod = { op: m[2], word: m[3] };
      k = end;
    } else {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(k + 1));
      if (!m) {
        out += c;
        continue;
      }
      name = m[0];
      k += name.length;
    }
    const v = vars.get(name);
    if (mod?.op === '-') out += v !== undefined && v !== '' ? v : mod.word;
    else if (mod?.op === '+') out += v !== undefined && v !== '' ? mod.word : '';
    else if (v === undefined) return { why: `$${name} is not known` };
    else out += v;
  }
  return { value: out };
}

/** `K=V K2="V 2"` or `K V` (ENV legacy form) pairs. */
export function keyValues(args: string, legacy: boolean): [string, string][] {
  if (legacy && !/^[^\s=]+=/.test(args)) {
    const m = /^(\S+)\s+(.*)$/.exec(args);
    return m ? [[m[1], m[2]]] : [[args, '']];
  }
  const out: [string, string][] = [];
  let k = 0;
  while (k < args.length) {
    while (k < args.length && /\s/.test(args[k])) k++;
    let key = '';
    while (k < args.length && args[k] !== '=' && !/\s/.test(args[k])) key += args[k++];
    if (!key) break;
    if (args[k] !== '=') {
      out.push([key, '\u0000']); // ARG without default
      continue;
    }
    k++;
    let val = '';
    while (k < args.length && !/\s/.test(args[k])) {
      const q = args[k];
      if (q === '"' || q === "'") {
        k++;
        while (k < args.length && args[k] !== q) {
          if (q === '"' && args[k] === '\\' && k + 1 < args.length) k++;
          val += args[k++];
        }
        k++;
      } else if (q === '\\' && k + 1 < args.length) {
        val += args[k + 1];
        k += 2;
      } else val += args[k++];
    }
    out.push([key, val]);
  }
  return out;
}
