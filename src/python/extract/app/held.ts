// What a constructor keyword holds when it is not written as a literal there: `middleware=MIDDLEWARE`
// with `MIDDLEWARE = [Middleware(A)] + EXTRA`, `.append`/`.extend`/`.insert`/`+=` between the binding
// and the constructor, `exception_handlers=HANDLERS` with `HANDLERS[Exc] = h`. The entries are read
// as if written in place; a name imported from another module is kept by name (the graph compares it
// by what it qualifies to: one shared list imported by two entry points is one list); anything else
// (a call, a comprehension) is unread, and the app's registrations of that kind are unknown.
import { field, named, same, type Node } from '../nodes.js';
import type { FileIndex } from '../file-index.js';
import { reaching } from '../scope.js';

export interface Held {
  /** List mode: the elements; dict mode: the keys. */
  entries: Node[];
  /** Names imported from another module that the value holds whole (`from cfg import MIDDLEWARE`). */
  imported: string[];
  /** An expression whose entries could not be read, as written. */
  unread?: string;
}

const LISTS = new Set(['list', 'tuple']);

/** The entries `expr` holds at `use` (the constructor call), `dict` for a mapping (exception_handlers). */
export function heldEntries(idx: FileIndex, expr: Node, use: Node, dict: boolean, depth = 0): Held {
  const none: Held = { entries: [], imported: [] };
  const unread = (n: Node): Held => ({ ...none, unread: n.text });
  if (depth > 8) return unread(expr);
  const join = (parts: Held[]): Held => ({
    entries: parts.flatMap((p) => p.entries),
    imported: parts.flatMap((p) => p.imported),
    ...(parts.find((p) => p.unread) ? { unread: parts.find((p) => p.unread)!.unread } : {}),
  });
  if (!dict && LISTS.has(expr.type)) {
    return join(named(expr).map((e) => (e.type === 'list_splat' && e.firstNamedChild ? heldEntries(idx, e.firstNamedChild, use, dict, depth + 1) : { entries: [e], imported: [] })));
  }
  if (dict && expr.type === 'dictionary') {
    return join(
      named(expr).map((p) => {
        if (p.type === 'pair' && field(p, 'key')) return { entries: [field(p, 'key')!], imported: [] };
        if (p.type === 'dictionary_splat' && p.firstNamedChild) return heldEntries(idx, p.firstNamedChild, use, dict, depth + 1);
        return unread(p);
      }),
    );
  }
  if (expr.type === 'parenthesized_expression' && expr.firstNamedChild) return heldEntries(idx, expr.firstNamedChild, use, dict, depth + 1);
  if (expr.type === 'binary_operator') {
    const op = field(expr, 'operator')?.text;
    const left = field(expr, 'left');
    const right = field(expr, 'right');
    if (!left || !right) return unread(expr);
    if (!dict && op === '+') return join([heldEntries(idx, left, use, dict, depth + 1), heldEntries(idx, right, use, dict, depth + 1)]);
    // `[Middleware(A)] * 2`: the same classes again (identity, not count, is compared); `* 0` (or less) holds nothing.
    if (!dict && op === '*') {
      const [count, list] = right.type === 'integer' ? [right, left] : left.type === 'integer' ? [left, right] : [];
      if (!count || !list) return unread(expr);
      const n = Number(count.text.replaceAll('_', ''));
      if (!Number.isInteger(n)) return unread(expr);
      return n > 0 ? heldEntries(idx, list, use, dict, depth + 1) : none;
    }
    if (dict && op === '|') return join([heldEntries(idx, left, use, dict, depth + 1), heldEntries(idx, right, use, dict, depth + 1)]);
    return unread(expr);
  }
  if (expr.type === 'identifier') return heldName(idx, expr, use, dict, depth);
  return unread(expr);
}

/** A name's value where `use` reads it: its one reaching assignment in the use's scope (or the module's), then what later statements add. */
function heldName(idx: FileIndex, name: Node, use: Node, dict: boolean, depth: number): Held {
  const scopes = [idx.scopeOf(use), idx.root].filter((s, i, all) => all.findIndex((x) => same(x, s)) === i);
  for (const scope of scopes) {
    const binds = idx.bindingsIn(scope, name.text);
    if (!binds.length) continue;
    const live = same(idx.scopeOf(use), scope) ? reaching(binds, name.text, use, scope) : binds;
    if (live.length !== 1 || live[0].kind !== 'assign') return { entries: [], imported: [], unread: name.text };
    const assign = live[0].right.parent!;
    const base = heldEntries(idx, live[0].right, assign, dict, depth + 1);
    const entries = [...base.entries];
    const imported = [...base.imported];
    let missed = base.unread;
    for (const { held, insertAt } of mutations(idx, scope, name.text, assign, use, dict, depth)) {
      if (insertAt === undefined) entries.push(...held.entries);
      else entries.splice(insertAt < 0 ? Math.max(0, entries.length + insertAt) : insertAt, 0, ...held.entries);
      imported.push(...held.imported);
      missed ??= held.unread;
    }
    return { entries, imported, ...(missed ? { unread: missed } : {}) };
  }
  return importedAtTop(idx, name.text) ? { entries: [], imported: [name.text] } : { entries: [], imported: [], unread: name.text };
}

/** Whether the module imports `name` at its top (`from app.config import MIDDLEWARE`). */
function importedAtTop(idx: FileIndex, name: string): boolean {
  return named(idx.root).some(
    (st) =>
      st.type === 'import_from_statement' &&
      st.namedChildren.some((c) => (c.type === 'dotted_name' && !same(c, field(st, 'module_name')) && c.text === name) || (c.type === 'aliased_import' && field(c, 'alias')?.text === name)),
  );
}

/**
 * What statements of `scope`'s body between the binding and the use add to the name: `.append(x)`,
 * `.insert(i, x)`, `.extend(l)`, `+= l` for a list; `[K] = v`, `.update({...})`, `|= {...}` for a dict.
 */
function mutations(idx: FileIndex, scope: Node, name: string, from: Node, use: Node, dict: boolean, depth: number): { held: Held; insertAt?: number }[] {
  const body = scope.type === 'module' ? scope : field(scope, 'body');
  const parts: { held: Held; insertAt?: number }[] = [];
  const add = (held: Held, insertAt?: number) => parts.push({ held, ...(insertAt !== undefined ? { insertAt } : {}) });
  for (const st of body ? named(body) : []) {
    if (st.startIndex <= from.startIndex || st.startIndex >= use.startIndex || st.type !== 'expression_statement') continue;
    const n = st.firstNamedChild;
    if (!n) continue;
    const isName = (x: Node | null) => x?.type === 'identifier' && x.text === name;
    if (n.type === 'call') {
      const fn = field(n, 'function');
      if (fn?.type === 'identifier' && scope.type === 'module' && depth < 8) parts.push(...calledMutations(idx, fn.text, name, n, dict, depth));
      if (fn?.type !== 'attribute' || !isName(field(fn, 'object'))) continue;
      const method = field(fn, 'attribute')?.text;
      const args = named(field(n, 'arguments') ?? n).filter((a) => a.type !== 'keyword_argument');
      if (!dict && method === 'append' && args[0]) add({ entries: [args[0]], imported: [] });
      else if (!dict && method === 'insert' && args[1]) {
        const at = Number(args[0].text);
        add(Number.isInteger(at) ? { entries: [args[1]], imported: [] } : { entries: [], imported: [], unread: n.text }, Number.isInteger(at) ? at : undefined);
      } else if ((!dict && method === 'extend') || (dict && method === 'update')) add(args[0] ? heldEntries(idx, args[0], use, dict, depth + 1) : { entries: [], imported: [], unread: n.text });
    } else if (n.type === 'augmented_assignment' && isName(field(n, 'left')) && field(n, 'right')) {
      const op = field(n, 'operator')?.text;
      if ((!dict && op === '+=') || (dict && op === '|=')) add(heldEntries(idx, field(n, 'right')!, use, dict, depth + 1));
      else add({ entries: [], imported: [], unread: n.text });
    } else if (dict && n.type === 'assignment') {
      const left = field(n, 'left');
      if (left?.type === 'subscript' && isName(field(left, 'value')) && field(left, 'subscript')) add({ entries: [field(left, 'subscript')!], imported: [] });
    }
  }
  return parts;
}

/**
 * `configure()` at module level, where `def configure(): MIDDLEWARE.append(...)` changes the module's
 * list (a function that binds the name itself changes its own). What the body adds, at the call.
 */
function calledMutations(idx: FileIndex, callee: string, name: string, call: Node, dict: boolean, depth: number): { held: Held; insertAt?: number }[] {
  const def = named(idx.root)
    .map((st) => (st.type === 'decorated_definition' ? field(st, 'definition') : st))
    .find((d) => d?.type === 'function_definition' && field(d, 'name')?.text === callee && d.startIndex < call.startIndex);
  const from = def && field(def, 'name');
  if (!def || !from || idx.bindingsIn(def, name).length) return [];
  // The end of the body, as a place to read at (mutations takes the statements before it).
  const end = { startIndex: def.endIndex, endIndex: def.endIndex, parent: def, type: 'end_of_body' } as unknown as Node;
  return mutations(idx, def, name, from, end, dict, depth + 1);
}
