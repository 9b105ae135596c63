// Import statements: one ImportFact per statement (with the guard and scope it runs under) and the
// names each binds, which the definitions family lists.
import type { ImportFact, ImportedName, Span } from '../../types.js';
import { nodeSpan as spanOf } from '../../util/span.js';
import { contextOf, type Context } from './context.js';
import type { FileIndex } from './file-index.js';
import { dottedText, enclosingFunction, field, named, type Node } from './nodes.js';

export interface ImportRecord {
  fact: ImportFact;
  bindings: { name: string; span: Span; at: number }[];
  /** Under any block at module level (definitions' `conditional`). */
  inBlock: boolean;
}

type Base = Omit<ImportFact, 'kind' | 'module' | 'level' | 'moduleSpan' | 'alias' | 'names'>;

const binding = (name: string, n: Node) => ({ name, span: spanOf(n), at: n.startIndex });

export function imports(idx: FileIndex): ImportRecord[] {
  const out: ImportRecord[] = [];
  for (const { captures } of idx.matches('imports')) {
    const stmt = captures.get('import') ?? captures.get('from') ?? captures.get('future');
    if (!stmt) continue;
    const ctx = contextOf(stmt);
    // In a module-level function the module itself calls at its top (`def _register_models(): import
    // models.cme` then `_register_models()`), the import runs when the module is imported.
    const fn = ctx.scope === 'function' ? enclosingFunction(stmt) : undefined;
    const runsAtImport = fn !== undefined && contextOf(fn).scope === 'module' && idx.moduleLevelCall(fn) !== undefined;
    const base = {
      ...spanOf(stmt),
      guard: ctx.guard,
      scope: ctx.scope,
      conditional: ctx.inIf,
      ...(runsAtImport ? { runsAtImport: true } : {}),
      ...(fn && contextOf(fn).scope === 'module' && field(fn, 'name') ? { inFunction: field(fn, 'name')!.text } : {}),
      ...(ctx.guard === 'optional' && !ctx.namesGuarded ? { missingNameRaises: true } : {}),
    };
    if (stmt.type === 'import_statement') out.push(...plainImports(stmt, base, ctx));
    else if (stmt.type === 'import_from_statement' || stmt.type === 'future_import_statement') out.push(fromImport(stmt, base, ctx));
  }
  return out;
}

/** `import a.b, c as d`: one record per imported module. */
function plainImports(stmt: Node, base: Base, ctx: Context): ImportRecord[] {
  const out: ImportRecord[] = [];
  for (const child of stmt.namedChildren) {
    let dotted: Node | null = null;
    let alias: Node | null = null;
    if (child.type === 'dotted_name') dotted = child;
    else if (child.type === 'aliased_import') {
      dotted = field(child, 'name');
      alias = field(child, 'alias');
    }
    if (!dotted) continue;
    const module = dottedText(dotted);
    const first = dotted.namedChildren[0] ?? dotted;
    out.push({
      fact: { ...base, kind: 'import', module, level: 0, moduleSpan: spanOf(dotted), ...(alias ? { alias: alias.text } : {}), names: [] },
      bindings: [alias ? binding(alias.text, alias) : binding(first.text, first)],
      inBlock: ctx.inBlock,
    });
  }
  return out;
}

/** `from m import a, b as c`, `from . import x`, `from m import *`, `from __future__ import annotations`. */
function fromImport(stmt: Node, base: Base, ctx: Context): ImportRecord {
  let module = '__future__';
  let level = 0;
  let moduleSpan: Span = spanOf(stmt);
  const moduleNode = field(stmt, 'module_name');
  if (moduleNode) {
    moduleSpan = spanOf(moduleNode);
    if (moduleNode.type === 'relative_import') {
      const prefix = moduleNode.namedChildren.find((c) => c.type === 'import_prefix');
      level = prefix ? [...prefix.text].filter((ch) => ch === '.').length : 0;
      const d = moduleNode.namedChildren.find((c) => c.type === 'dotted_name');
      module = d ? dottedText(d) : '';
    } else module = dottedText(moduleNode);
  } else {
    for (let i = 0; i < stmt.childCount; i++) {
      const c = stmt.child(i);
      if (c && c.type === '__future__') moduleSpan = spanOf(c);
    }
  }
  const names: ImportedName[] = [];
  const bindings: ImportRecord['bindings'] = [];
  // The imported names are the statement's `name` fields (`from __future__` too); `*` is the one child that is not.
  const nameNodes = stmt.childrenForFieldName('name');
  if (!nameNodes.length) {
    const star = named(stmt).find((c) => c.type === 'wildcard_import');
    if (star) names.push({ name: '*', ...spanOf(star) });
  }
  for (const c of nameNodes) {
    if (c.type === 'dotted_name') {
      const name = dottedText(c);
      const span = spanOf(c);
      names.push({ name, ...span });
      bindings.push({ name, span, at: c.startIndex });
    } else if (c.type === 'aliased_import') {
      const n = field(c, 'name');
      const a = field(c, 'alias');
      if (!n) continue;
      const name = dottedText(n);
      names.push({ name, ...(a ? { alias: a.text } : {}), ...spanOf(c) });
      bindings.push(a ? binding(a.text, a) : binding(name, n));
    }
  }
  return {
    fact: { ...base, kind: 'from', module, level, moduleSpan, names },
    bindings: stmt.type === 'future_import_statement' ? [] : bindings,
    inBlock: ctx.inBlock,
  };
}

/**
 * The names the file calls importlib by (`import importlib as il`) and import_module by (`from
 * importlib import import_module as load`), read once from its imports for the module-path family.
 */
export function importlibAliases(records: readonly ImportRecord[]): { importlib: Set<string>; importModule: Set<string> } {
  const importlib = new Set<string>(['importlib']);
  const importModule = new Set<string>();
  for (const { fact } of records) {
    if (fact.kind === 'import' && fact.module === 'importlib' && fact.alias) importlib.add(fact.alias);
    if (fact.kind !== 'from' || fact.module !== 'importlib' || fact.level !== 0) continue;
    for (const n of fact.names) if (n.name === 'import_module' && n.alias) importModule.add(n.alias);
  }
  return { importlib, importModule };
}
