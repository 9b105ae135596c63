// Terraform HCL, read with tree-sitter-hcl: blocks with their labels and attributes, and expression values as far
// as they are literal (strings, lists, objects, `local.*` of the same folder, `path.module`); the rest is unknown
// with why.
import type { Location } from '../types.js';
import { at, type TSNode } from './common.js';
import { nodeSpan } from '../util/span.js';

// ---------------------------------------------------------------------------
// Values

export type V =
  | { kind: 'str'; value: string; node: TSNode }
  | { kind: 'list'; items: V[]; node: TSNode }
  | { kind: 'obj'; entries: Map<string, V>; node: TSNode }
  | { kind: 'ref'; parts: string[]; node: TSNode }
  | { kind: 'other'; value: unknown; node: TSNode }
  | { kind: 'unknown'; why: string; node: TSNode };

export interface Block {
  file: string;
  node: TSNode;
  type: string;
  labels: string[];
  attrs: Map<string, TSNode>; // attribute name → expression node
  blocks: Block[];
}

export interface Module {
  dir: string;
  locals: Map<string, { file: string; expr: TSNode }>;
  /**
   * A child module's input variables (terraform-modules.ts): the calling `module` block's argument, evaluated in
   * the caller's module, else the variable's default. Absent: `var.*` is not known.
   */
  inputs?: Map<string, { file: string; expr: TSNode; mod: Module }>;
  /** `path.module` relative to the folder paths are resolved from (the root module's, for a child module). */
  pathModule?: string;
}

export function unwrap(n: TSNode): TSNode {
  // `expression` wraps one node unless it is a traversal (variable_expr get_attr...).
  while (n.type === 'expression' && n.namedChildren.length === 1) n = n.namedChildren[0];
  return n;
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

/** A quoted string's literal text as Terraform reads it: `\\` `\"` `\n` `\uXXXX`, and `$${` / `%%{` for `${` / `%{`. */
export function unescape(t: string): string {
  return t
    .replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (m, c: string) =>
      c.length > 1 ? String.fromCodePoint(parseInt(c.slice(1), 16)) : (ESCAPES[c] ?? m),
    )
    .replace(/\$\$\{/g, '${')
    .replace(/%%\{/g, '%{');
}

function templateText(parts: TSNode[], mod: Module, file: string, seen: Set<string>, node: TSNode): V {
  let s = '';
  for (const p of parts) {
    if (p.type === 'quoted_template_start' || p.type === 'quoted_template_end' || p.type === 'heredoc_start' || p.type === 'heredoc_identifier') continue;
    if (p.type === 'template_literal') s += unescape(p.text);
    else if (p.type === 'template_interpolation') {
      const e = p.namedChildren.find((c) => c.type === 'expression');
      if (!e) return { kind: 'unknown', why: `${p.text} is not understood`, node };
      const v = evaluate(e, mod, file, seen);
      if (v.kind === 'str') s += v.value;
      else if (v.kind === 'unknown') return { kind: 'unknown', why: v.why, node };
      else return { kind: 'unknown', why: `${p.text} is not a string`, node };
    } else if (p.type === 'template_directive' || p.type === 'template_for' || p.type === 'template_if') {
      return { kind: 'unknown', why: `template directive ${p.text}`, node };
    }
  }
  return { kind: 'str', value: s, node };
}

export function evaluate(expr: TSNode, mod: Module, file: string, seen: Set<string>): V {
  const n = unwrap(expr);
  switch (n.type) {
    case 'literal_value': {
      const c = n.namedChildren[0];
      if (c?.type === 'string_lit') return templateText(c.children, mod, file, seen, expr);
      if (c?.type === 'numeric_lit') return { kind: 'str', value: c.text, node: expr };
      if (c?.type === 'bool_lit') return { kind: 'other', value: c.text === 'true', node: expr };
      return { kind: 'other', value: null, node: expr };
    }
    case 'string_lit':
      return templateText(n.children, mod, file, seen, expr);
    case 'template_expr': {
      const q = n.namedChildren[0];
      if (q?.type === 'quoted_template') return templateText(q.children, mod, file, seen, expr);
      return { kind: 'unknown', why: 'heredoc template', node: expr };
    }
    case 'collection_value': {
      const c = n.namedChildren[0];
      if (c?.type === 'tuple') {
        return { kind: 'list', items: c.namedChildren.filter((x) => x.type === 'expression').map((x) => evaluate(x, mod, file, seen)), node: expr };
      }
      if (c?.type === 'object') {
        const entries = new Map<string, V>();
        for (const el of c.namedChildren.filter((x) => x.type === 'object_elem')) {
          const k = el.childForFieldName('key');
          const v = el.childForFieldName('val');
          if (!k || !v) continue;
          const ku = unwrap(k);
          const key = ku.type === 'variable_expr' ? ku.text : (() => { const kv = evaluate(k, mod, file, seen); return kv.kind === 'str' ? kv.value : null; })();
          if (key === null) return { kind: 'unknown', why: `object key ${k.text} is not a literal`, node: expr };
          entries.set(key, evaluate(v, mod, file, seen));
        }
        return { kind: 'obj', entries, node: expr };
      }
      return { kind: 'unknown', why: `${n.text} is not understood`, node: expr };
    }
    case 'expression':
    case 'variable_expr': {
      // Traversal: variable_expr followed by get_attr / index siblings.
      const parts: string[] = [];
      for (const c of n.type === 'variable_expr' ? [n] : n.namedChildren) {
        if (c.type === 'variable_expr') parts.push(c.text);
        else if (c.type === 'get_attr') parts.push(c.text.replace(/^\./, ''));
        else return { kind: 'unknown', why: `${n.text} (indexing/splat) is not a literal`, node: expr };
      }
      const text = parts.join('.');
      if (parts[0] === 'path' && (parts[1] === 'module' || parts[1] === 'root') && parts.length === 2) return { kind: 'str', value: parts[1] === 'module' ? (mod.pathModule ?? '.') : '.', node: expr };
      if (parts[0] === 'path') return { kind: 'unknown', why: `${text} depends on where terraform runs`, node: expr };
      const input = parts[0] === 'var' && parts.length === 2 ? mod.inputs?.get(parts[1]) : undefined;
      if (input) {
        if (seen.has(text)) return { kind: 'unknown', why: `${text} refers to itself`, node: expr };
        const v = evaluate(input.expr, input.mod, input.file, new Set([...seen, text]));
        return v.kind === 'unknown' ? { kind: 'unknown', why: `${text}: ${v.why}`, node: expr } : { ...v, node: expr };
      }
      if (parts[0] === 'var') return { kind: 'unknown', why: `${text} is a variable`, node: expr };
      if (parts[0] === 'local' && parts.length === 2) {
        const l = mod.locals.get(parts[1]);
        if (!l) return { kind: 'unknown', why: `${text} is not defined in this folder`, node: expr };
        if (seen.has(parts[1])) return { kind: 'unknown', why: `${text} refers to itself`, node: expr };
        const v = evaluate(l.expr, mod, l.file, new Set([...seen, parts[1]]));
        return v.kind === 'unknown' ? { kind: 'unknown', why: `${text}: ${v.why}`, node: expr } : { ...v, node: expr };
      }
      return { kind: 'ref', parts, node: expr };
    }
    case 'function_call': {
      const name = n.namedChildren[0]?.text;
      // abspath(p) names the folder p names: paths here stay relative to the .tf folder (path.module is '.').
      const args = n.namedChildren.find((c) => c.type === 'function_arguments')?.namedChildren ?? [];
      if (name === 'abspath' && args.length === 1) {
        const v = evaluate(args[0], mod, file, seen);
        if (v.kind === 'str' || v.kind === 'unknown') return { ...v, node: expr };
      }
      return { kind: 'unknown', why: `${name}(...) is a function call`, node: expr };
    }
    default:
      return { kind: 'unknown', why: `${n.text.slice(0, 60)} is not a literal`, node: expr };
  }
}

// ---------------------------------------------------------------------------
// Blocks

export function readBlocks(file: string, body: TSNode | null | undefined): Block[] {
  const out: Block[] = [];
  if (!body) return out;
  for (const c of body.namedChildren) {
    if (c.type !== 'block') continue;
    const type = c.namedChildren[0]?.text ?? '';
    const labels: string[] = [];
    for (const l of c.namedChildren.slice(1)) {
      if (l.type === 'string_lit') labels.push(l.namedChildren.filter((x) => x.type === 'template_literal').map((x) => x.text).join(''));
      else if (l.type === 'identifier') labels.push(l.text);
    }
    const inner = c.namedChildren.find((x) => x.type === 'body');
    const attrs = new Map<string, TSNode>();
    for (const a of inner?.namedChildren ?? []) {
      if (a.type !== 'attribute') continue;
      const name = a.namedChildren[0]?.text;
      const expr = a.namedChildren.find((x) => x.type === 'expression');
      if (name && expr) attrs.set(name, expr);
    }
    out.push({ file, node: c, type, labels, attrs, blocks: readBlocks(file, inner) });
  }
  return out;
}

export function headerLoc(b: Block): Location {
  const first = b.node.namedChildren[0];
  const lastLabel = b.node.namedChildren.filter((x) => x.type === 'string_lit' || x.type === 'identifier').pop() ?? first;
  const s = nodeSpan(first);
  const e = nodeSpan(lastLabel);
  return at(b.file, { line: s.line, column: s.column, endLine: e.endLine, endColumn: e.endColumn });
}

/** An attribute's value as written (quotes of a plain string removed). */
export function asWritten(b: Block, name: string): string {
  const t = b.attrs.get(name)?.text ?? '';
  return t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1) : t;
}

export function locOf(file: string, n: TSNode): Location {
  return at(file, nodeSpan(n));
}
