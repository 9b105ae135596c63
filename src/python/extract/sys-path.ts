// Statements that change the import path while the module is imported (`sys.path.insert(...)`,
// `site.addsitedir(...)`): at module level, or in the body of a module-level function the module
// calls from its top (`def _setup(): sys.path.insert(...)`, `_setup()`: runs-at-import.ts).
import type { Span, SysPathFolderFact } from '../../types.js';
import { nodeSpan as spanOf } from '../../util/span.js';
import { contextOf } from './context.js';
import type { FileIndex } from './file-index.js';
import { field, type Node } from './nodes.js';
import { runsAtImport } from './runs-at-import.js';
import { sysPathFolders } from './sys-path-folders.js';

/** The module's statements, then those of each module-level function it calls at import. */
function* runOnImport(idx: FileIndex): Generator<Node> {
  for (const st of idx.moduleStatements()) {
    yield st;
    const fn = st.type === 'decorated_definition' ? field(st, 'definition') : st;
    const body = fn?.type === 'function_definition' ? field(fn, 'body') : undefined;
    if (body && contextOf(st).guard !== 'main' && runsAtImport(idx, fn!)) yield* idx.moduleStatements(body);
  }
}

export function sysPathChanges(idx: FileIndex): { sysPathChanges?: Span[]; sysPathFolders?: SysPathFolderFact[] } {
  if (!idx.text.includes('sys.path') && !idx.text.includes('addsitedir')) return {};
  const out: Span[] = [];
  const statements: Node[] = [];
  for (const st of runOnImport(idx)) {
    if (st.type !== 'expression_statement') continue;
    const guard = contextOf(st).guard;
    if (guard === 'main' || guard === 'type-checking') continue; // never runs on import
    const e = st.firstNamedChild;
    const isSysPath = (n: Node | null | undefined) =>
      n?.type === 'attribute' && field(n, 'object')?.type === 'identifier' && field(n, 'object')!.text === 'sys' && field(n, 'attribute')?.text === 'path';
    let changes = false;
    if (e?.type === 'call') {
      const f = field(e, 'function');
      const method = f?.type === 'attribute' ? field(f, 'attribute')?.text : f?.text;
      changes = (f?.type === 'attribute' && isSysPath(field(f, 'object')) && ['insert', 'append', 'extend'].includes(method ?? '')) || method === 'addsitedir';
    } else if (e?.type === 'assignment' || e?.type === 'augmented_assignment') {
      const left = field(e, 'left');
      changes = isSysPath(left) || (left?.type === 'subscript' && isSysPath(field(left, 'value')));
    }
    if (changes) {
      out.push(spanOf(st));
      statements.push(st);
    }
  }
  return out.length ? { sysPathChanges: out, ...sysPathFolders(idx, statements) } : {};
}

