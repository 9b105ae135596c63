// Containers held as class attributes (`class Settings: ROUTERS = {...}` read as `Settings.ROUTERS`):
// the literal the class body binds, for a class at the module's top. No state.
import { field, named, type Node } from './nodes.js';

const CONTAINERS = new Set(['dictionary', 'list', 'tuple', 'set']);

/**
 * The container literal `Cls.NAME` is bound to in the body of the module-level class Cls, when the
 * body binds NAME exactly once (a second binding, or one in a method, makes it unknown: undefined).
 */
export function classAttrLiteral(root: Node, attr: Node): Node | undefined {
  if (attr.type !== 'attribute') return undefined;
  const obj = field(attr, 'object');
  const name = field(attr, 'attribute')?.text;
  if (obj?.type !== 'identifier' || !name) return undefined;
  const classes = named(root).filter((c) => c.type === 'class_definition' && field(c, 'name')?.text === obj.text);
  if (classes.length !== 1) return undefined;
  const found: Node[] = [];
  for (const st of named(field(classes[0], 'body') ?? classes[0])) {
    const a = st.type === 'expression_statement' ? st.firstNamedChild : null;
    if (a?.type !== 'assignment' || field(a, 'left')?.type !== 'identifier' || field(a, 'left')!.text !== name) continue;
    const right = field(a, 'right');
    if (right) found.push(right);
  }
  // A rebinding anywhere (`Settings.ROUTERS = ...`, `cls.ROUTERS[...] = ...`) is not followed: unknown.
  const rebound = root.descendantsOfType('attribute').some((n) => n.text === attr.text && n.parent?.type === 'assignment' && field(n.parent, 'left')?.id === n.id);
  return found.length === 1 && CONTAINERS.has(found[0].type) && !rebound ? found[0] : undefined;
}
