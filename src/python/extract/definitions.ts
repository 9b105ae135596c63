// Names a module binds at its top (classes, functions, assignments, imports, `global` names),
// whether it serves attributes at run time (`__getattr__`, `globals()` writes), and `__all__`.
import type { DefinitionFact, NamesReplacedFact } from '../../types.js';
import { nodeSpan as spanOf } from '../../util/span.js';
import { contextOf } from './context.js';
import type { FileIndex } from './file-index.js';
import type { ImportRecord } from './imports.js';
import { dottedName, field, insideDefOrClass, named, splitArgs, targetNames, type Node } from './nodes.js';
import { stringValue } from './strings.js';
import { deletedAtTop, enclosingFunction, runsAtImport } from './runs-at-import.js';

export function definitions(idx: FileIndex, imports: readonly ImportRecord[]): {
  definitions: DefinitionFact[];
  hasModuleGetattr: boolean;
  namesReplaced?: NamesReplacedFact;
} {
  const defs: { at: number; fact: DefinitionFact }[] = [];
  let hasModuleGetattr = false;
  for (const { captures } of idx.matches('definitions')) {
    const cls = captures.get('class');
    const fn = captures.get('function');
    const glob = captures.get('global');
    const stmt = cls ?? fn ?? glob ?? captures.get('assignment') ?? captures.get('augmented') ?? captures.get('walrus') ?? captures.get('for') ?? captures.get('with');
    if (!stmt) continue;
    if (!glob && !cls && !fn && insideDefOrClass(stmt)) continue;
    const ctx = contextOf(stmt);
    if (glob) {
      const name = captures.get('name');
      // `global X` binds X once its function runs: at import only when the module's top calls it.
      const owner = enclosingFunction(glob);
      const deferred = owner !== undefined && !runsAtImport(idx, owner);
      if (ctx.scope === 'function' && name)
        defs.push({ at: name.startIndex, fact: { name: name.text, kind: 'global', conditional: false, ...(deferred ? { deferred } : {}), ...spanOf(name) } });
      continue;
    }
    if (ctx.scope !== 'module') continue;
    const conditional = ctx.inBlock;
    if (cls || fn) {
      const name = captures.get('name');
      if (!name) continue;
      const fact: DefinitionFact = { name: name.text, kind: cls ? 'class' : 'function', conditional, ...spanOf(name) };
      if (cls) fact.bases = splitArgs(field(cls, 'superclasses')).positional.map((b) => b.text);
      if (fn && name.text === '__getattr__') hasModuleGetattr = true;
      defs.push({ at: name.startIndex, fact });
      continue;
    }
    // `TIMEOUT: int` binds nothing at run time (only __annotations__): `from m import TIMEOUT` fails.
    if (stmt.type === 'assignment' && !field(stmt, 'right')) continue;
    let target = captures.get('target');
    if (target?.type === 'as_pattern_target') target = named(target)[0];
    if (!target) continue;
    // `CompressionMiddleware = GZipMiddleware`, `Model = db.Model`: an alias of another name.
    const right = stmt.type === 'assignment' && target.type === 'identifier' ? field(stmt, 'right') : null;
    const alias = right ? dottedName(right) : undefined;
    for (const id of targetNames(target))
      defs.push({ at: id.startIndex, fact: { name: id.text, kind: 'assignment', ...(alias ? { alias } : {}), conditional, ...spanOf(id) } });
  }
  for (const imp of imports) {
    // An import only type checkers read, or one that runs only as a script, binds nothing on import.
    if (imp.fact.scope !== 'module' || imp.fact.guard === 'type-checking' || imp.fact.guard === 'main') continue;
    for (const b of imp.bindings)
      defs.push({ at: b.at, fact: { name: b.name, kind: 'import', conditional: imp.inBlock, ...b.span } });
  }
  defs.sort((a, b) => a.at - b.at);
  // `del X` at the top unbinds what was bound before it (a later binding stands).
  for (const del of deletedAtTop(idx))
    for (let i = defs.length - 1; i >= 0; i--) if (defs[i].fact.name === del.name && defs[i].at < del.at && defs[i].fact.kind !== 'global') defs.splice(i, 1);
  // `__getattr__ = _lazy_attr` or `from ._lazy import __getattr__` serve attributes as a `def` does.
  if (defs.some((d) => d.fact.name === '__getattr__' && d.fact.kind !== 'global')) hasModuleGetattr = true;
  // Names written into the module's namespace at run time (`globals().update(DEFAULTS)`,
  // `globals()[name] = value`) cannot be listed: the module may provide any name, as with __getattr__.
  // `sys.modules[__name__] = obj` puts another object in the module's place: `from mod import x`
  // then reads obj's attributes, which cannot be listed either.
  // The first such statement is kept (namesReplaced), so that what cannot be known is named (--verbose).
  let namesReplaced: NamesReplacedFact | undefined;
  if (!hasModuleGetattr && (idx.text.includes('globals()') || idx.text.includes('sys.modules'))) {
    namesReplaced = firstNamesReplaced(idx);
    if (namesReplaced) hasModuleGetattr = true;
  }
  return { definitions: defs.map((d) => d.fact), hasModuleGetattr, ...(namesReplaced ? { namesReplaced } : {}) };
}

/** The first top-level statement that writes the module's namespace (`globals()...`) or replaces the module (`sys.modules[__name__] = ...`). */
function firstNamesReplaced(idx: FileIndex): NamesReplacedFact | undefined {
  for (const st of idx.moduleStatements()) {
    if (st.type !== 'expression_statement') continue;
    const e = st.firstNamedChild;
    const target = e?.type === 'call' ? field(e, 'function') : e?.type === 'assignment' ? field(e, 'left') : null;
    const object = target?.type === 'attribute' || target?.type === 'subscript' ? field(target, target.type === 'attribute' ? 'object' : 'value') : null;
    const by =
      object?.type === 'call' && field(object, 'function')?.text === 'globals' && named(field(object, 'arguments') ?? object).length === 0
        ? 'globals'
        : e?.type === 'assignment' && replacesItself(target)
          ? 'sys.modules'
          : undefined;
    if (by) return { by, ...spanOf(st) };
  }
  return undefined;
}

/** `sys.modules[__name__]` as an assignment's target. */
function replacesItself(target: Node | null): boolean {
  return target?.type === 'subscript' && field(target, 'value')?.text === 'sys.modules' && field(target, 'subscript')?.text === '__name__';
}

export function dunderAll(idx: FileIndex): string[] | null {
  if (!idx.mentions(['__all__'])) return null;
  let all: string[] | null = null;
  let broken = false;
  const literalList = (n: Node | null): string[] | undefined => {
    if (!n || (n.type !== 'list' && n.type !== 'tuple')) return undefined;
    const out: string[] = [];
    for (const e of named(n)) {
      const v = stringValue(e);
      if (v === undefined) return undefined;
      out.push(v);
    }
    return out;
  };
  for (const s of idx.moduleStatements()) {
    if (s.type !== 'expression_statement') continue;
    const e = s.namedChildren[0];
    if (!e) continue;
    if (e.type === 'assignment' && field(e, 'left')?.text === '__all__') {
      const v = literalList(field(e, 'right'));
      if (v) {
        all = v;
        broken = false;
      } else broken = true;
    } else if (e.type === 'augmented_assignment' && field(e, 'left')?.text === '__all__') {
      const v = literalList(field(e, 'right'));
      if (v && all) all = [...all, ...v];
      else broken = true;
    } else if (e.type === 'call') {
      const fn = field(e, 'function');
      if (fn?.type !== 'attribute' || field(fn, 'object')?.text !== '__all__') continue;
      const method = field(fn, 'attribute')?.text;
      const { positional } = splitArgs(field(e, 'arguments'));
      if (method === 'extend') {
        const v = literalList(positional[0] ?? null);
        if (v && all) all = [...all, ...v];
        else broken = true;
      } else if (method === 'append') {
        const v = stringValue(positional[0]);
        if (v !== undefined && all) all = [...all, v];
        else broken = true;
      }
    }
  }
  return broken ? null : all;
}

