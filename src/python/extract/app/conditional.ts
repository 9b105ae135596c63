// Whether a registration runs only sometimes, read between it and the top of its scope: the same
// blocks as a module-level statement's `inBlock` (an if/elif/else branch, a try, a with body, a loop
// body), read inside a set-up function too (`def setup(): if settings.GZIP: app.add_middleware(...)`),
// and the expressions that decide like an if: a branch of `a if cond else b`, the right side of `and` / `or`.
// A `for` over a literal list, tuple or set with an element that is no `*splat` runs its body every
// time: `for cls in [A, B]: app.add_middleware(cls)` registers A and B unconditionally. No state.
import { field, named, same, SCOPE_TYPES, type Node } from '../nodes.js';

const LITERALS = new Set(['list', 'tuple', 'set']);

/** A loop's iterable that is never empty: a literal with an element that is no splat. */
function alwaysRuns(loop: Node): boolean {
  const it = field(loop, 'right');
  return !!it && LITERALS.has(it.type) && named(it).some((e) => e.type !== 'list_splat' && e.type !== 'comment');
}

/** Is `node` in a block that may not run, below `stop` (its function) or, with none, in its module? */
export function underCondition(node: Node, stop?: Node | null): boolean {
  for (let child = node, p = node.parent; p; child = p, p = p.parent) {
    if (stop && same(p, stop)) return false;
    if (!stop && SCOPE_TYPES.has(p.type)) return false;
    switch (p.type) {
      case 'if_statement':
        if (same(field(p, 'consequence'), child) || child.type === 'elif_clause') return true;
        // `if TYPE_CHECKING: ... else:` runs its else branch always.
        if (child.type === 'else_clause' && !/^(typing\.)?TYPE_CHECKING$/.test(field(p, 'condition')?.text ?? '')) return true;
        break;
      case 'try_statement':
        if (child.type !== 'comment') return true;
        break;
      case 'with_statement':
        if (same(field(p, 'body'), child)) return true;
        break;
      case 'for_statement':
        if (same(field(p, 'body'), child) && !alwaysRuns(p)) return true;
        if (child.type === 'else_clause') return true;
        break;
      case 'while_statement':
        if (same(field(p, 'body'), child) || child.type === 'else_clause') return true;
        break;
      // `setup(app) if cond else None`: either branch runs only under its test; the test itself always runs.
      case 'conditional_expression':
        if (!same(named(p)[1], child)) return true;
        break;
      // `cond and setup(app)`, `done or setup(app)`: the right operand runs only as the left one decides.
      case 'boolean_operator':
        if (same(field(p, 'right'), child)) return true;
        break;
    }
  }
  return false;
}
