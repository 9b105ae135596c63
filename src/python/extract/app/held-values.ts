// The module-level lists and dicts of registrations that another module may import: what a shared
// `ROUTERS = [users.router, items.router]` or `MIDDLEWARE = [Middleware(GZipMiddleware)]` holds once
// the module has run (its literal, then `.append`/`.extend`/`+=` and the like after it, as held.ts
// reads them). The graph follows an imported name one hop to these entries (HeldValueFact).
import type { HeldValueFact } from '../../../types.js';
import { nodeSpan as spanOf } from '../../../util/span.js';
import type { FileIndex } from '../file-index.js';
import { argFacts, dottedName, field, lastSegment, named, same, splitArgs, type Node } from '../nodes.js';
import { heldEntries } from './held.js';

const CONTAINERS = new Set(['list', 'tuple', 'dictionary', 'binary_operator']);

export function heldValues(idx: FileIndex): { heldValues?: HeldValueFact[] } {
  const out: HeldValueFact[] = [];
  const seen = new Set<string>();
  // Where a module-level read after the last statement would stand: held.ts reads a name's value
  // "at" a node by its start and its scope (the module, its parent).
  const end = { startIndex: idx.root.endIndex, endIndex: idx.root.endIndex, parent: idx.root, type: 'end_of_module' } as unknown as Node;
  for (const st of named(idx.root)) {
    const a = st.type === 'expression_statement' ? st.firstNamedChild : null;
    const left = a?.type === 'assignment' ? field(a, 'left') : null;
    const right = a ? field(a, 'right') : null;
    if (left?.type !== 'identifier' || !right || !CONTAINERS.has(right.type) || seen.has(left.text)) continue;
    seen.add(left.text);
    const dict = right.type === 'dictionary';
    const held = heldEntries(idx, left, end, dict);
    if (held.unread !== undefined || held.imported.length || !held.entries.length) continue;
    const fact = readEntries(held.entries, dict);
    if (fact) out.push({ name: left.text, dict, ...fact, ...spanOf(left) });
  }
  return out.length ? { heldValues: out } : {};
}

/** The entries as names and Middleware(...) calls; undefined when any is something else (data, not registrations). */
function readEntries(entries: Node[], dict: boolean): Pick<HeldValueFact, 'names' | 'middleware'> | undefined {
  const names: string[] = [];
  const middleware: HeldValueFact['middleware'] = [];
  for (const e of entries) {
    const dotted = dottedName(e);
    if (dotted) {
      names.push(dotted);
      continue;
    }
    if (dict || e.type !== 'call' || lastSegment(field(e, 'function')?.text ?? '') !== 'Middleware') return undefined;
    const a = splitArgs(field(e, 'arguments'));
    const cls = a.positional[0];
    const className = cls && dottedName(cls);
    if (!className) return undefined;
    middleware.push({ className, args: argFacts(a.all.filter((x) => !same(x, cls))), ...spanOf(e) });
  }
  return { names, middleware };
}
