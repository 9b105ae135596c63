// What runs a statement, and when: the scope it is in, the guard around it (TYPE_CHECKING, a
// try that handles ImportError, `if __name__ == "__main__":`, find_spec), and the handlers of
// errors around a read. No state.
import type { Guard } from '../../types.js';
import { field, lastSegment, named, same, SCOPE_TYPES, type Node } from './nodes.js';
import { stringValue } from './strings.js';

function isTypeChecking(cond: Node | null): boolean {
  if (!cond) return false;
  if (cond.type === 'identifier') return cond.text === 'TYPE_CHECKING';
  if (cond.type === 'attribute') return field(cond, 'attribute')?.text === 'TYPE_CHECKING';
  return false;
}

/** `not TYPE_CHECKING` (parenthesised or not): its `else` branch is the one only type checkers read. */
function isNotTypeChecking(cond: Node | null): boolean {
  while (cond?.type === 'parenthesized_expression') cond = named(cond)[0] ?? null;
  return cond?.type === 'not_operator' && isTypeChecking(field(cond, 'argument'));
}

const IMPORT_ERRORS = new Set(['ImportError', 'ModuleNotFoundError', 'Exception', 'BaseException']);
const ATTRIBUTE_ERRORS = new Set(['AttributeError', 'Exception', 'BaseException']);
/** What `from m import missing_name` raises (ImportError; ModuleNotFoundError is only its subclass for a missing module). */
const NAME_ERRORS = new Set(['ImportError', 'Exception', 'BaseException']);

/** Does a try statement have a handler for one of these exception names (or a bare `except`)? */
function catchesAny(tryNode: Node, errors: ReadonlySet<string>): boolean {
  for (const clause of tryNode.namedChildren) {
    if (clause.type !== 'except_clause' && clause.type !== 'except_group_clause') continue;
    const value = field(clause, 'value') ?? named(clause).find((c) => c.type !== 'block') ?? null;
    if (!value) return true; // bare except
    const names: string[] = [];
    const collect = (n: Node): void => {
      if (n.type === 'as_pattern_target') return;
      if (n.type === 'identifier' || n.type === 'attribute') {
        names.push(lastSegment(n.text));
        return;
      }
      for (const c of named(n)) collect(c);
    };
    collect(value);
    if (names.some((x) => errors.has(x))) return true;
  }
  return false;
}

/** Does a with statement suppress one of these exceptions (`with suppress(ImportError):`, `contextlib.suppress(...)`)? */
function suppresses(withNode: Node, errors: ReadonlySet<string>): boolean {
  const clause = named(withNode).find((c) => c.type === 'with_clause');
  for (const item of clause ? named(clause) : []) {
    if (item.type !== 'with_item') continue;
    let value = field(item, 'value');
    // `with (suppress(ImportError)):` — one item in parentheses (Python 3.9+ reads it the same).
    while (value?.type === 'parenthesized_expression' && named(value).length === 1) value = named(value)[0];
    const call = value?.type === 'as_pattern' ? named(value)[0] : value;
    if (call?.type !== 'call' || lastSegment(field(call, 'function')?.text ?? '') !== 'suppress') continue;
    if (named(field(call, 'arguments') ?? call).some((a) => errors.has(lastSegment(a.text)))) return true;
  }
  return false;
}

/** The attributes an expression asks `variable` for (`hasattr(variable, "x")`, `getattr(variable, "x", default)`). */
function probes(expr: Node, variable: string): string[] {
  const calls = expr.type === 'call' ? [expr] : expr.descendantsOfType('call');
  const out: string[] = [];
  for (const c of calls) {
    const fn = field(c, 'function')?.text;
    const args = named(field(c, 'arguments') ?? c);
    if (args[0]?.type !== 'identifier' || args[0].text !== variable) continue;
    if (fn !== 'hasattr' && !(fn === 'getattr' && args.length > 2)) continue;
    const name = stringValue(args[1]);
    if (name !== undefined) out.push(name);
  }
  return out;
}

/** Does a test hold a `not` (then its branches mean the opposite, and are not read as guards)? */
function negated(cond: Node): boolean {
  return cond.type === 'not_operator' || cond.descendantsOfType('not_operator').length > 0;
}

/** Does a condition ask whether a module can be found (`importlib.util.find_spec(...)`)? */
function findsSpec(cond: Node | null): boolean {
  const isCall = (n: Node | null | undefined) => n?.type === 'call' && lastSegment(field(n, 'function')?.text ?? '') === 'find_spec';
  if (!cond) return false;
  // `if find_spec(...):` or `if find_spec(...) is not None:`, the branch where the module exists.
  if (isCall(cond)) return true;
  if (cond.type !== 'comparison_operator') return false;
  const parts = named(cond);
  return parts.length === 2 && isCall(parts[0]) && parts[1].type === 'none' && cond.children.some((c) => c.type === 'is not');
}

/** `if __name__ == "__main__":` (either way round): its block runs when the file is run as a script, never when it is imported. */
function isMainCheck(cond: Node | null): boolean {
  if (cond?.type !== 'comparison_operator') return false;
  const parts = named(cond);
  if (parts.length !== 2 || !cond.children.some((c) => c.type === '==')) return false;
  const texts = parts.map((p) => (p.type === 'identifier' ? p.text : stringValue(p)));
  return texts.includes('__name__') && texts.includes('__main__');
}

export interface Context {
  scope: 'module' | 'function' | 'class';
  guard: Guard;
  /** Under a non-TYPE_CHECKING `if` at module level. */
  inIf: boolean;
  /** Under any if/try/with/for/while block at module level (the TYPE_CHECKING branch too). */
  inBlock: boolean;
  /** A handler around it catches what a missing imported name raises (ImportError or broader), not only ModuleNotFoundError. */
  namesGuarded: boolean;
}

export function contextOf(node: Node): Context {
  const pairs: [Node, Node][] = [];
  for (let child = node, p = node.parent; p; child = p, p = p.parent) pairs.push([p, child]);
  pairs.reverse();
  const ctx: Context = { scope: 'module', guard: 'none', inIf: false, inBlock: false, namesGuarded: false };
  for (const [parent, ch] of pairs) {
    const atModule = ctx.scope === 'module';
    switch (parent.type) {
      case 'function_definition':
        if (same(field(parent, 'body'), ch)) ctx.scope = 'function';
        break;
      case 'lambda':
        if (same(field(parent, 'body'), ch)) ctx.scope = 'function';
        break;
      case 'class_definition':
        if (same(field(parent, 'body'), ch) && ctx.scope !== 'function') ctx.scope = 'class';
        break;
      case 'if_statement': {
        const tc = isTypeChecking(field(parent, 'condition'));
        if (same(field(parent, 'consequence'), ch)) {
          if (tc) {
            ctx.guard = 'type-checking';
            if (atModule) ctx.inBlock = true;
          } else if (atModule && isMainCheck(field(parent, 'condition'))) {
            if (ctx.guard !== 'type-checking') ctx.guard = 'main';
            ctx.inIf = ctx.inBlock = true;
          } else if (findsSpec(field(parent, 'condition'))) {
            // `if importlib.util.find_spec("plugins.billing") is not None:` the import is optional.
            if (ctx.guard === 'none') ctx.guard = 'optional';
            if (atModule) ctx.inIf = ctx.inBlock = true;
          } else if (atModule) {
            ctx.inIf = ctx.inBlock = true;
          }
        } else if (ch.type === 'else_clause' && isNotTypeChecking(field(parent, 'condition'))) {
          ctx.guard = 'type-checking';
          if (atModule) ctx.inBlock = true;
        } else if (ch.type === 'elif_clause' || (ch.type === 'else_clause' && !tc)) {
          if (atModule) ctx.inIf = ctx.inBlock = true;
        }
        break;
      }
      case 'try_statement':
        if (ctx.guard === 'none' && same(field(parent, 'body'), ch) && catchesAny(parent, IMPORT_ERRORS)) ctx.guard = 'optional';
        if (same(field(parent, 'body'), ch) && catchesAny(parent, NAME_ERRORS)) ctx.namesGuarded = true;
        if (atModule && ch.type !== 'comment') ctx.inBlock = true;
        break;
      case 'with_statement':
        if (ctx.guard === 'none' && same(field(parent, 'body'), ch) && suppresses(parent, IMPORT_ERRORS)) ctx.guard = 'optional';
        if (same(field(parent, 'body'), ch) && suppresses(parent, NAME_ERRORS)) ctx.namesGuarded = true;
        if (atModule && same(field(parent, 'body'), ch)) ctx.inBlock = true;
        break;
      case 'for_statement':
      case 'while_statement':
        if (atModule && (same(field(parent, 'body'), ch) || ch.type === 'else_clause')) ctx.inBlock = true;
        break;
    }
  }
  return ctx;
}

/** Is a read in the body of a `try` (in its own scope) that handles AttributeError, Exception or everything, or of a `with suppress(AttributeError)`? */
export function attributeErrorHandled(read: Node, variable?: string, attr?: string): boolean {
  for (let child = read, p = read.parent; p; child = p, p = p.parent) {
    if (SCOPE_TYPES.has(p.type)) return false;
    if (p.type === 'try_statement' && same(field(p, 'body'), child) && catchesAny(p, ATTRIBUTE_ERRORS)) return true;
    if (p.type === 'with_statement' && same(field(p, 'body'), child) && suppresses(p, ATTRIBUTE_ERRORS)) return true;
    if (variable === undefined || attr === undefined) continue;
    // A test that probes the module: `if hasattr(module, "router"): module.router` reads only
    // what it found; `if hasattr(module, "get_router"): ... else: module.router` and
    // `getattr(module, "router", None) or module.build_router()` read another attribute only
    // when the first is missing. Any other test guards nothing.
    let cond: Node | null = null;
    let branch: 'then' | 'else' | undefined;
    if (p.type === 'if_statement') {
      cond = field(p, 'condition');
      branch = same(field(p, 'consequence'), child) ? 'then' : child.type === 'else_clause' || child.type === 'elif_clause' ? 'else' : undefined;
    } else if (p.type === 'conditional_expression') {
      const [a, c, b] = named(p);
      cond = c ?? null;
      branch = same(a, child) ? 'then' : same(b, child) ? 'else' : undefined;
    } else if (p.type === 'boolean_operator' && field(p, 'operator')?.text === 'or' && same(field(p, 'right'), child)) {
      cond = field(p, 'left');
      branch = 'else';
    }
    if (!cond || !branch) continue;
    const probed = probes(cond, variable);
    if (branch === 'then' && probed.includes(attr) && !negated(cond)) return true;
    if (branch === 'else' && probed.some((x) => x !== attr) && !negated(cond)) return true;
  }
  return false;
}
