// The folder a sys.path change adds, when it is computed from the module's own `__file__`:
// `os.path.dirname(os.path.abspath(__file__))`, `Path(__file__).resolve().parent.parent`,
// `os.path.join(os.path.dirname(__file__), "..")`, `parents[1]`, `/ "lib"`, and module-level names bound
// to such values before the change. The result is a posix path relative to the module's own folder
// ('' the folder itself, '..' its parent): the graph places it in the package (src/graph/sys-path.ts).
// Anything else (a string literal, which is relative to the working directory, os.getcwd(), an env
// variable) gives no folder: the change stays an unknown the rules hedge on.
import type { SysPathFolderFact } from '../../types.js';
import { plainString } from '../literal.js';
import type { FileIndex } from './file-index.js';
import { enclosingFunction, field, named, type Node } from './nodes.js';

/** A path: `__file__` itself (`file`) or a folder, as segments relative to the module's folder. */
type PathValue = { file: boolean; segs: string[] };

const IDENTITY = new Set(['abspath', 'realpath', 'normpath', 'Path', 'PurePath', 'PosixPath', 'str', 'fspath', 'resolve', 'absolute', 'expanduser']);

function parentOf(v: PathValue): PathValue {
  if (v.file) return { file: false, segs: v.segs };
  const last = v.segs[v.segs.length - 1];
  return { file: false, segs: last !== undefined && last !== '..' ? v.segs.slice(0, -1) : [...v.segs, '..'] };
}

function joined(v: PathValue, part: string): PathValue | undefined {
  if (v.file || part.startsWith('/')) return undefined;
  let segs = [...v.segs];
  for (const p of part.split('/')) {
    if (p === '' || p === '.') continue;
    segs = p === '..' ? parentOf({ file: false, segs }).segs : [...segs, p];
  }
  return { file: false, segs };
}

function callName(f: Node | null): string | undefined {
  if (f?.type === 'identifier') return f.text;
  if (f?.type === 'attribute') return field(f, 'attribute')?.text;
  return undefined;
}

interface Scope {
  /** Module-level `name = value` statements, by name, in source order. */
  bindings: Map<string, Node[]>;
  /** The change's line: only bindings above it count. */
  before: number;
  depth: number;
}

function evaluate(n: Node | null, scope: Scope): PathValue | undefined {
  if (!n || scope.depth > 32) return undefined;
  const next = { ...scope, depth: scope.depth + 1 };
  switch (n.type) {
    case 'identifier': {
      if (n.text === '__file__') return { file: true, segs: [] };
      const values = (scope.bindings.get(n.text) ?? []).filter((v) => v.startPosition.row + 1 < scope.before);
      const last = values[values.length - 1];
      return last ? evaluate(last, { ...next, before: last.startPosition.row + 1 }) : undefined;
    }
    case 'parenthesized_expression':
      return evaluate(named(n)[0] ?? null, next);
    case 'attribute': {
      if (field(n, 'attribute')?.text !== 'parent') return undefined;
      const v = evaluate(field(n, 'object'), next);
      return v && parentOf(v);
    }
    case 'subscript': {
      // `Path(__file__).parents[1]`: the folder two levels up from the file.
      const value = field(n, 'value');
      const index = field(n, 'subscript');
      if (value?.type !== 'attribute' || field(value, 'attribute')?.text !== 'parents' || index?.type !== 'integer') return undefined;
      let v = evaluate(field(value, 'object'), next);
      for (let i = 0; v && i <= Number(index.text); i++) v = parentOf(v);
      return v;
    }
    case 'binary_operator': {
      // pathlib's `/` joins.
      if (n.children.find((c) => !c.isNamed)?.type !== '/') return undefined;
      const left = evaluate(field(n, 'left'), next);
      const part = plainString(field(n, 'right')?.text ?? '');
      return left && part !== undefined ? joined(left, part) : undefined;
    }
    case 'call':
      return evaluateCall(n, next);
    default:
      return undefined;
  }
}

function evaluateCall(n: Node, scope: Scope): PathValue | undefined {
  const f = field(n, 'function');
  const name = callName(f);
  const args = named(field(n, 'arguments') ?? n).filter((a) => a.type !== 'keyword_argument');
  // `Path(__file__).resolve()`: the method's object is the value.
  const subject = f?.type === 'attribute' && (name === 'resolve' || name === 'absolute' || name === 'expanduser') ? field(f, 'object') : args[0];
  if (name === undefined || subject === undefined || subject === null) return undefined;
  if (IDENTITY.has(name)) return args.length <= 1 || name === 'resolve' ? evaluate(subject, scope) : undefined;
  if (name === 'dirname' && args.length === 1) {
    const v = evaluate(subject, scope);
    return v && parentOf(v);
  }
  if (name === 'join' && args.length >= 2 && f?.type === 'attribute' && field(f, 'object')?.text.endsWith('path')) {
    let v = evaluate(args[0], scope);
    for (const a of args.slice(1)) {
      const part = plainString(a.text);
      v = v && part !== undefined ? joined(v, part) : undefined;
    }
    return v;
  }
  return undefined;
}

function moduleBindings(idx: FileIndex): Map<string, Node[]> {
  const out = new Map<string, Node[]>();
  for (const st of idx.moduleStatements()) {
    const e = st.type === 'expression_statement' ? st.firstNamedChild : null;
    if (e?.type !== 'assignment') continue;
    const left = field(e, 'left');
    const right = field(e, 'right');
    if (left?.type !== 'identifier' || !right) continue;
    let list = out.get(left.text);
    if (!list) out.set(left.text, (list = []));
    list.push(right);
  }
  return out;
}

/**
 * A path computed from the module's own `__file__` (the forms above), as segments relative to the module's
 * folder, with the module-level bindings above `line`; undefined for anything else (the file itself included).
 */
export function moduleRelative(idx: FileIndex, n: Node, line: number): string[] | undefined {
  if (!idx.text.includes('__file__')) return undefined;
  const v = evaluate(n, { bindings: moduleBindings(idx), before: line, depth: 0 });
  return v && !v.file ? v.segs : undefined;
}

/** The last module-level `name = value` above `line`, for a name bound so. */
export function moduleValueOf(idx: FileIndex, name: string, line: number): Node | undefined {
  const values = (moduleBindings(idx).get(name) ?? []).filter((v) => v.startPosition.row + 1 < line);
  return values[values.length - 1];
}

/** What a sys.path change adds (`insert(0, x)`, `append(x)`, `extend([x])`, `addsitedir(x)`, `sys.path = [x] + sys.path`). */
function addedExpressions(st: Node): Node[] {
  const e = st.firstNamedChild;
  if (e?.type === 'call') {
    const name = callName(field(e, 'function'));
    const args = named(field(e, 'arguments') ?? e);
    if (name === 'insert') return args.length === 2 ? [args[1]] : [];
    if (name === 'append' || name === 'addsitedir') return args.length === 1 ? [args[0]] : [];
    if (name === 'extend') return args[0]?.type === 'list' || args[0]?.type === 'tuple' ? named(args[0]) : [];
    return [];
  }
  if (e?.type !== 'assignment') return [];
  let right = field(e, 'right');
  while (right?.type === 'binary_operator') right = field(right, 'left');
  return right?.type === 'list' ? named(right) : [];
}

/** For each change (a statement of sysPathChanges) whose every added folder is known: those folders. */
export function sysPathFolders(idx: FileIndex, changes: Node[]): { sysPathFolders?: SysPathFolderFact[] } {
  if (!changes.length || !idx.text.includes('__file__')) return {};
  const bindings = moduleBindings(idx);
  const out: SysPathFolderFact[] = [];
  for (const st of changes) {
    const change = st.startPosition.row + 1;
    // In a set-up function the module calls at its top, the change happens at that call.
    const fn = enclosingFunction(st);
    const at = fn ? idx.moduleLevelCall(fn) : st;
    if (!at || (fn && enclosingFunction(fn))) continue;
    const line = at.startPosition.row + 1;
    const added = addedExpressions(st);
    const values = added.map((a) => evaluate(a, { bindings, before: line, depth: 0 }));
    if (!values.length || values.some((v) => !v || v.file)) continue;
    out.push({ line, change, folders: values.map((v) => v!.segs.join('/')) });
  }
  return out.length ? { sysPathFolders: out } : {};
}
