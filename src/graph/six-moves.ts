// What six's meta path importer makes of a name under `<six>.moves`, from six.py's literal tables
// (src/python/extract/six-moves.ts). six (1.4 and later) registers, for the module named `<six>`
// (`six`, or `vendor.six` when vendored: it uses its own `__name__`):
//   <six>.moves                      a lazy module: every entry of _moved_attributes is an attribute
//   <six>.moves.<name>               for each MovedModule entry: the real module it names (stdlib)
//   <six>.moves.urllib               attributes parse, error, request, response, robotparser
//   <six>.moves.urllib.<part>        and <six>.moves.urllib_<part>: a lazy module whose attributes
//                                    are the entries of _urllib_<part>_moved_attributes
// Anything else under <six>.moves raises ModuleNotFoundError; a name a table does not list raises
// ImportError (checked with /usr/bin/python3 and Debian's six 1.16 in test/rules/mod004-six.test.ts).
// `add_move(...)` anywhere in the app adds an attribute to six.moves at run time (not a module its importer
// knows: `import six.moves.<added>` still fails): then what `from six.moves import ...` may name is not judged.
import type { FileFacts, SixTableFact } from '../types.js';

/** Attributes every module object has (a lazy module of six has no __file__). */
const MODULE_ATTRS = ['__name__', '__doc__', '__spec__', '__loader__', '__package__', '__dict__'];

export type SixModule =
  /** Python imports it: `names` is what `from it import ...` may name (null: not known, e.g. a real stdlib module). */
  | { kind: 'known'; six: string; names: Set<string> | null; table?: SixTableFact }
  /** Python raises `ModuleNotFoundError: No module named '<missing>'` (`notPackage`: `'<notPackage>' is not a package`). */
  | { kind: 'missing'; six: string; missing: string; notPackage?: string; near: string[] };

/**
 * `target` under `<six>.moves`, where `<six>` is a module whose facts (`factsOf`) hold six's tables;
 * undefined when it is no such name (not under a six the repository holds: judged as before).
 * `addMove`: some module of the app calls add_move, so six.moves may have attributes no table lists.
 */
export function sixModule(target: string, factsOf: (module: string) => FileFacts | undefined, addMove: boolean): SixModule | undefined {
  const segs = target.split('.');
  for (let i = 1; i < segs.length; i++) {
    if (segs[i] !== 'moves') continue;
    const six = segs.slice(0, i).join('.');
    const tables = factsOf(six)?.sixTables;
    const moves = tables?.find((t) => t.table === '_moved_attributes');
    if (!tables || !moves) continue;
    return judge(six, segs.slice(i + 1), moves, tables, addMove);
  }
  return undefined;
}

function judge(six: string, rest: string[], moves: SixTableFact, tables: SixTableFact[], addMove: boolean): SixModule {
  const parts = new Map<string, SixTableFact>();
  for (const t of tables) {
    const m = /^_urllib_([a-z]+)_moved_attributes$/.exec(t.table);
    if (m) parts.set(m[1], t);
  }
  const withAttrs = (names: Iterable<string>, pkg = false) => new Set([...MODULE_ATTRS, ...(pkg ? ['__path__'] : []), ...names]);
  // Under six.moves: each MovedModule, `urllib`, and `urllib_<part>` (a later registration wins, as in six).
  const submodules = new Set([...moves.modules, ...(parts.size ? ['urllib'] : []), ...[...parts.keys()].map((p) => `urllib_${p}`)]);
  const base = `${six}.moves`;
  const missing = (at: number, near: Iterable<string>, notPackage?: string): SixModule => ({
    kind: 'missing',
    six,
    missing: [base, ...rest.slice(0, at + 1)].join('.'),
    ...(notPackage ? { notPackage } : {}),
    // Full names, beside the missing one.
    near: [...near].map((n) => [base, ...rest.slice(0, at), n].join('.')),
  });
  if (rest.length === 0) return { kind: 'known', six, names: addMove ? null : withAttrs([...moves.names, ...submodules], true), table: moves };
  const [first, second] = rest;
  if (first === 'urllib' && parts.size) {
    if (rest.length === 1) return { kind: 'known', six, names: withAttrs(parts.keys(), true) };
    const t = parts.get(second);
    if (!t) return missing(1, parts.keys());
    if (rest.length > 2) return missing(2, [], `${base}.urllib.${second}`);
    return { kind: 'known', six, names: withAttrs(t.names), table: t };
  }
  const part = first.startsWith('urllib_') ? parts.get(first.slice('urllib_'.length)) : undefined;
  if (part) return rest.length === 1 ? { kind: 'known', six, names: withAttrs(part.names), table: part } : missing(1, [], `${base}.${first}`);
  // A MovedModule is the real module it names (`six.moves.queue` is `queue`): what it holds is not six's.
  if (moves.modules.includes(first)) return { kind: 'known', six, names: null };
  return missing(0, submodules);
}

/** Does any module of the app call six's add_move (see SixTableFact)? */
export function addsMoves(modules: Iterable<{ facts: FileFacts }>): boolean {
  for (const m of modules) if (m.facts.sixAddMove) return true;
  return false;
}

/** Python's ModuleNotFoundError for a name six's importer does not know. */
export function sixNotFound(m: Extract<SixModule, { kind: 'missing' }>): string {
  return `ModuleNotFoundError: No module named '${m.missing}'` + (m.notPackage ? `; '${m.notPackage}' is not a package` : '');
}
