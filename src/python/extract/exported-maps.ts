// Module-level containers of module-path-like strings (ExportedMapFact): what a module that
// imports the container reads from it (`from routes_config import ROUTER_MODULES`). Facts are
// extracted per file without knowing who imports what, so every such container is recorded; the
// graph reads only those an import call of another module names (see src/graph/borrowed-paths.ts).
import type { ExportedMapFact, ExportedString } from '../../types.js';
import type { Value } from './containers.js';
import type { FileIndex } from './file-index.js';
import { COMPREHENSIONS, field, type Node } from './nodes.js';
import { Values } from './values.js';

const MAX_ENTRIES = 512;
const CONTAINERS = new Set(['dictionary', 'list', 'tuple', 'set']);
/** What import_module can be given: dotted identifiers (relative ones with leading dots). */
const PATH_LIKE = /^\.*[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/;

/** Does this right side bind a container whose entries Values can read? */
function containerLike(right: Node): boolean {
  if (CONTAINERS.has(right.type) || COMPREHENSIONS.has(right.type)) return true;
  const f = right.type === 'call' ? field(right, 'function') : null;
  return f?.type === 'identifier' && f.text === 'dict';
}

function exported(v: Value | undefined): ExportedString | undefined {
  if (!v) return undefined;
  return {
    value: v.value,
    literal: v.literal,
    kind: v.kind === 'fstring' ? 'fstring' : 'variable',
    ...(v.container !== undefined ? { container: v.container } : {}),
    ...(v.key !== undefined ? { key: v.key } : {}),
    ...v.span,
  };
}

export function exportedMaps(idx: FileIndex): ExportedMapFact[] {
  const out: ExportedMapFact[] = [];
  let values: Values | undefined;
  for (const [name, binds] of idx.scopeIndex(idx.root).bindings) {
    if (!binds.some((b) => b.kind === 'assign' && containerLike(b.right))) continue;
    values ??= new Values(idx);
    const read = values.entriesOf(name);
    if (!read) continue;
    const path = (v: Value | undefined) => v !== undefined && PATH_LIKE.test(v.value);
    // Plain words count: an importer may build paths from them (`f"{app}.router"` for app in APPS).
    const entries = read.entries.filter((e) => path(e.value) || (read.dict && path(e.key)));
    if (!entries.length || entries.length > MAX_ENTRIES) continue;
    out.push({ name, dict: read.dict, entries: entries.map((e) => ({ ...(read.dict && e.key ? { key: exported(e.key) } : {}), ...(e.value ? { value: exported(e.value) } : {}) })) });
  }
  return out;
}
