// six.py's tables of what its virtual module `six.moves` holds. six builds six.moves at run time
// (a meta path importer), but from literal lists that this family reads (queries/python/six.scm):
//
//   _moved_attributes = [
//       MovedAttribute("cStringIO", "cStringIO", "io", "StringIO"),
//       MovedModule("builtins", "__builtin__"),
//       ...
//   ]
//   _urllib_parse_moved_attributes = [MovedAttribute("urlencode", "urllib", "urllib.parse"), ...]
//
// and any file calling `add_move(...)`, which adds to six.moves at run time. What the tables mean for
// an import is src/graph/six-moves.ts.
import type { SixTableFact } from '../../types.js';
import { queryWords } from '../queries.js';
import type { FileIndex } from './file-index.js';
import { plainString } from './strings.js';

/** `_moved_attributes` and `_urllib_<part>_moved_attributes`, six's own names since six 1.4. */
const TABLE = /^_(urllib_[a-z]+_)?moved_attributes$/;

export function sixMoves(idx: FileIndex): { sixTables?: SixTableFact[]; sixAddMove?: true } {
  const addMove = idx.mentions(['add_move']) && idx.callsNamed('add_move').length > 0;
  if (!idx.mentions(queryWords('six'))) return addMove ? { sixAddMove: true } : {};
  const tables = new Map<string, SixTableFact>();
  for (const { captures } of idx.matches('six')) {
    const table = captures.get('table')!;
    if (!TABLE.test(table.text)) continue;
    const name = plainString(captures.get('name'));
    if (name === undefined) continue;
    let t = tables.get(table.text);
    // A table assigned twice: the last assignment is what six.moves is built from.
    if (t && t.line !== table.startPosition.row + 1) tables.delete(table.text), (t = undefined);
    if (!t) tables.set(table.text, (t = { table: table.text, line: table.startPosition.row + 1, names: [], modules: [] }));
    t.names.push(name);
    if (captures.get('kind')!.text === 'MovedModule') t.modules.push(name);
  }
  return { ...(tables.size ? { sixTables: [...tables.values()] } : {}), ...(addMove ? { sixAddMove: true as const } : {}) };
}
