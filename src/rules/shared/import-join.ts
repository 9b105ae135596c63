// Joins the imports several fixes add at one place into what one sorter pass would write (#18).
//
// Each finding's fix is placed on its own (import-place.ts), so two PAR001 fixes that both open a
// new section at one line would each bring the section's blank line, and two `from core.middleware
// import …` lines would not be one statement; two fixes merging a name into one existing statement
// would overlap, and the second would wait for another --fix. Before a file's edits are applied, the
// edits that carry `imports` at one span, in one mode and section, become one edit with the union
// of their imports, sorted, `from` imports of one module merged (isort's default, no `as`), the
// section's blank line once; the others of the group become empty insertions (applied, no text).
import type { ImportBlock, TextEdit } from '../../types.js';
import { LINE_LENGTH, compareKeys, compareMembers, importText, keyOfNew, type NewImport } from './import-place.js';

/** The edits, one for one (same length and order), with each group's text on its first edit. */
export function joinImportEdits(edits: TextEdit[]): TextEdit[] {
  const groups = new Map<string, number[]>();
  edits.forEach((e, i) => {
    if (!e.imports) return;
    const { line, column, endLine, endColumn } = e.span;
    const id = `${e.file}\u0000${line}:${column}:${endLine}:${endColumn}\u0000${e.imports.mode}:${e.imports.section}`;
    groups.set(id, [...(groups.get(id) ?? []), i]);
  });
  const out = [...edits];
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    const first = members.reduce((a, b) => ((edits[b].order ?? '') < (edits[a].order ?? '') ? b : a));
    const block = edits[first].imports!;
    const text = joinedText(block.mode, block.section, members.flatMap((i) => edits[i].imports!.items));
    if (text === undefined) continue;
    for (const i of members) out[i] = i === first ? { ...edits[i], text } : { ...edits[i], text: '', span: insertionAt(edits[i]) };
  }
  return out;
}

/** A replaced span turned into an empty insertion at its start (so it overlaps nothing). */
function insertionAt(e: TextEdit): TextEdit['span'] {
  return { line: e.span.line, column: e.span.column, endLine: e.span.line, endColumn: e.span.column };
}

/** The group's text, or undefined when a joined statement would pass the line length (then left as placed). */
function joinedText(mode: ImportBlock['mode'], section: number, items: ImportBlock['items']): string | undefined {
  const froms = new Map<string, Set<string>>();
  const rest = new Map<string, NewImport>();
  for (const it of items) {
    const imp: NewImport = it.kind === 'from' ? { kind: 'from', module: it.module, name: it.name ?? '', ...(it.alias ? { alias: it.alias } : {}) } : { kind: 'import', module: it.module, ...(it.alias ? { alias: it.alias } : {}) };
    if (imp.kind === 'from' && !imp.alias) froms.set(imp.module, (froms.get(imp.module) ?? new Set()).add(imp.name));
    else rest.set(importText(imp), imp);
  }
  const lines: { key: ReturnType<typeof keyOfNew>; text: string }[] = [...rest.values()].map((imp) => ({ key: keyOfNew(imp, section), text: importText(imp) }));
  for (const [module, names] of froms) {
    const sorted = [...names].sort(compareMembers);
    lines.push({ key: keyOfNew({ kind: 'from', module, name: sorted[0] }, section), text: `from ${module} import ${sorted.join(', ')}` });
  }
  if (lines.some((l) => l.text.length > LINE_LENGTH)) return undefined;
  if (mode === 'merge') return lines.length === 1 ? lines[0].text : undefined;
  const body = lines.sort((a, b) => compareKeys(a.key, b.key)).map((l) => `${l.text}\n`).join('');
  return mode === 'before' ? `${body}\n` : mode === 'after' ? `\n${body}` : body;
}
