// Where a fix puts the imports it adds: where isort and ruff's I001 (their default profile) would,
// so a fixed file passes the team's import sorter unchanged when it passed before.
//
// The documented defaults followed here: sections `__future__`, standard library, third party, first
// party, local folder (relative imports), in that order, one blank line between them; inside a
// section every `import x` before every `from x import y`, modules compared case-insensitively with
// numbers in natural order; a `from` import of a module the file already imports from is merged
// into that statement (members ordered CONSTANTS, Classes, others), except `as` imports, which stay
// on their own line (combine-as-imports is off by default).
// Only the file's own top-level import block counts (module scope, unguarded, before the app is
// created): imports below it are code, not the block a sorter orders.
import type { ImportFact, TextEdit } from '../../types.js';

export type Section = 'future' | 'stdlib' | 'third-party' | 'first-party' | 'local';
const ORDER: Record<Section, number> = { future: 0, stdlib: 1, 'third-party': 2, 'first-party': 3, local: 4 };

/** One import to add, absolute (a fix never copies a relative import to another file). */
export type NewImport = { kind: 'import'; module: string; alias?: string } | { kind: 'from'; module: string; name: string; alias?: string };

/** isort's and ruff's default line length: a merged statement longer than this is not written on one line. */
export const LINE_LENGTH = 88;

export function importText(imp: NewImport): string {
  const as = imp.alias ? ` as ${imp.alias}` : '';
  return imp.kind === 'from' ? `from ${imp.module} import ${imp.name}${as}` : `import ${imp.module}${as}`;
}

/** Natural, case-insensitive order (ruff's `natord` on lowercased names): `a2` before `a10`. */
export function naturalCompare(a: string, b: string): number {
  const chunks = (s: string) => s.toLowerCase().match(/\d+|\D+/g) ?? [];
  const x = chunks(a);
  const y = chunks(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] === y[i]) continue;
    const nx = /^\d/.test(x[i]) && /^\d/.test(y[i]);
    if (nx && Number(x[i]) !== Number(y[i])) return Number(x[i]) - Number(y[i]);
    return x[i] < y[i] ? -1 : 1;
  }
  return x.length - y.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** isort's order-by-type for members: CONSTANTS, then Classes, then everything else. */
function memberRank(name: string): number {
  if (name.length > 1 && name === name.toUpperCase() && /[A-Z]/.test(name)) return 0;
  return /^[A-Z]/.test(name) ? 1 : 2;
}
export function compareMembers(a: string, b: string): number {
  return memberRank(a) - memberRank(b) || naturalCompare(a, b);
}

export interface Keyed {
  section: number;
  kind: number;
  module: string;
  alias: number;
  first: string;
}
export function compareKeys(a: Keyed, b: Keyed): number {
  return a.section - b.section || a.kind - b.kind || naturalCompare(a.module, b.module) || a.alias - b.alias || compareMembers(a.first, b.first);
}

export function keyOfNew(imp: NewImport, section: Section | number): Keyed {
  return { section: typeof section === 'number' ? section : ORDER[section], kind: imp.kind === 'import' ? 0 : 1, module: imp.module, alias: imp.alias ? 1 : 0, first: imp.kind === 'from' ? imp.name : '' };
}
function keyOfFact(f: ImportFact, section: Section): Keyed {
  const module = '.'.repeat(f.level) + f.module;
  if (f.kind === 'import') return { section: ORDER[section], kind: 0, module, alias: f.alias ? 1 : 0, first: '' };
  return { section: ORDER[section], kind: 1, module, alias: f.names.some((n) => n.alias) ? 1 : 0, first: f.names[0]?.name ?? '' };
}

/**
 * The edits that add `wanted` to a file whose top-level import block is `block` (module-scope,
 * unguarded, unconditional imports before the app, in file order). `sectionOf` classifies an
 * absolute dotted module. Edits at one position come in the order they must be applied in.
 */
export function placeImports(file: string, block: ImportFact[], wanted: NewImport[], sectionOf: (module: string) => Section): TextEdit[] {
  const existing = [...block].sort((a, b) => a.line - b.line).map((fact) => {
    const section: Section = fact.level > 0 ? 'local' : sectionOf(fact.module);
    return { fact, key: keyOfFact(fact, section) };
  });
  const merges = new Map<ImportFact, string[]>();
  const inserts = new Map<string, { line: number; mode: 'plain' | 'before' | 'after'; section: number; items: { key: Keyed; text: string; imp: NewImport }[] }>();
  for (const imp of wanted) {
    const section = sectionOf(imp.module);
    const target = imp.kind === 'from' && !imp.alias ? mergeTarget(existing.map((e) => e.fact), imp.module) : undefined;
    if (target && imp.kind === 'from') {
      merges.set(target, [...(merges.get(target) ?? target.names.map((n) => n.name)), imp.name]);
      continue;
    }
    const key = keyOfNew(imp, section);
    const same = existing.filter((e) => e.key.section === key.section);
    const later = existing.find((e) => e.key.section > key.section);
    const earlier = existing.filter((e) => e.key.section < key.section).at(-1);
    const next = same.find((e) => compareKeys(e.key, key) > 0);
    const place = next
      ? { line: next.fact.line, mode: 'plain' as const }
      : same.length
        ? { line: same.at(-1)!.fact.endLine + 1, mode: 'plain' as const }
        : later
          ? { line: later.fact.line, mode: 'before' as const }
          : earlier
            ? { line: earlier.fact.endLine + 1, mode: 'after' as const }
            : { line: 1, mode: 'before' as const };
    const id = `${place.line}:${place.mode}:${key.section}`;
    const slot = inserts.get(id) ?? { ...place, section: key.section, items: [] };
    slot.items.push({ key, text: importText(imp), imp });
    inserts.set(id, slot);
  }
  const edits: { edit: TextEdit; order: number[] }[] = [];
  for (const [fact, names] of merges) {
    const text = `from ${fact.module} import ${[...new Set(names)].sort(compareMembers).join(', ')}`;
    if (text.length > LINE_LENGTH) {
      // Too long for one line: a sorter would wrap it. Add the name on its own line after the statement.
      for (const name of names.filter((n) => !fact.names.some((m) => m.name === n)))
        edits.push({ edit: insertion(file, fact.endLine + 1, `from ${fact.module} import ${name}\n`), order: [fact.endLine + 1, 2, 0] });
      continue;
    }
    const section = ORDER[sectionOf(fact.module)];
    const imports = { mode: 'merge' as const, section, items: names.map((name) => ({ kind: 'from' as const, module: fact.module, name })) };
    edits.push({ edit: { file, span: { line: fact.line, column: fact.column, endLine: fact.endLine, endColumn: fact.endColumn }, text, imports }, order: [fact.line, 3, 0] });
  }
  const modeRank = { before: 0, plain: 1, after: 2 };
  for (const slot of inserts.values()) {
    const lines = slot.items.sort((a, b) => compareKeys(a.key, b.key)).map((i) => `${i.text}\n`).join('');
    const text = slot.mode === 'before' ? `${lines}\n` : slot.mode === 'after' ? `\n${lines}` : lines;
    // At one line: a new section before the existing one comes first, then lines of that section,
    // then a new section after it; sections in their order.
    const first = slot.items[0].key;
    // Another fix's imports at this line (PAR001 gives one fix per middleware) interleave by this key.
    const order = `import:${modeRank[slot.mode]}${slot.section}${first.kind}${first.module.toLowerCase()}\u0000${first.alias}${memberRank(first.first)}${first.first.toLowerCase()}`;
    const imports = { mode: slot.mode, section: slot.section, items: slot.items.map((i) => i.imp) };
    edits.push({ edit: { ...insertion(file, slot.line, text), order, imports }, order: [slot.line, modeRank[slot.mode], slot.section] });
  }
  return edits.sort((a, b) => a.order[0] - b.order[0] || a.order[1] - b.order[1] || a.order[2] - b.order[2]).map((e) => e.edit);
}

/** A one-line `from module import a, b` with no `as` and no `*`, which a new member can join. */
function mergeTarget(block: ImportFact[], module: string): ImportFact | undefined {
  return block.find((f) => f.kind === 'from' && f.level === 0 && f.module === module && f.line === f.endLine && f.names.length > 0 && f.names.every((n) => !n.alias && n.name !== '*'));
}

function insertion(file: string, line: number, text: string): TextEdit {
  return { file, span: { line, column: 1, endLine: line, endColumn: 1 }, text };
}
