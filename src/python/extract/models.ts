// SQLAlchemy models: mapped classes with their relationships, and declarative bases.
import type { BaseFactoryFact, ClassFact, RelationshipFact } from '../../types.js';
import { nodeSpan as spanOf } from '../../util/span.js';
import { queryWords } from '../queries.js';
import { contextOf } from './context.js';
import type { FileIndex } from './file-index.js';
import { dottedName, field, lastSegment, named, splitArgs, type Node } from './nodes.js';
import { plainString, stringValue } from './strings.js';

export function models(idx: FileIndex): { classes: ClassFact[]; baseFactories: BaseFactoryFact[] } {
  const classes: ClassFact[] = [];
  const baseFactories: BaseFactoryFact[] = [];
  if (!idx.mentions(['class', ...queryWords('models')])) return { classes, baseFactories };
  for (const { captures } of idx.matches('models')) {
    const cls = captures.get('class');
    if (cls) {
      const name = captures.get('name');
      const body = captures.get('body');
      if (!name || !body || contextOf(cls).scope !== 'module') continue;
      classes.push(classFact(cls, name, body));
      // `@as_declarative()` makes the class itself a declarative base (the old FastAPI project template's `Base`).
      const decorated = cls.parent?.type === 'decorated_definition' ? cls.parent : null;
      for (const d of decorated ? named(decorated).filter((c) => c.type === 'decorator') : []) {
        const e = named(d)[0];
        const callee = e?.type === 'call' ? field(e, 'function') : e;
        if (callee && lastSegment(dottedName(callee) ?? '') === 'as_declarative') baseFactories.push({ variable: name.text, factory: 'declarative_base', ...spanOf(cls) });
      }
      continue;
    }
    const assign = captures.get('factory');
    const variable = captures.get('variable');
    const callee = captures.get('callee');
    if (!assign || !variable || !callee || contextOf(assign).scope !== 'module') continue;
    const last = captures.get('factoryName')!.text;
    const factory = last === 'declarative_base' ? 'declarative_base' : last === 'generate_base' ? 'generate_base' : 'flask_sqlalchemy';
    baseFactories.push({ variable: variable.text, factory, ...spanOf(assign) });
  }
  return { classes, baseFactories };
}

function classFact(cls: Node, name: Node, body: Node): ClassFact {
  const fact: ClassFact = {
    name: name.text,
    bases: splitArgs(field(cls, 'superclasses')).positional.map((b) => b.text),
    relationships: [],
    abstract: false,
    ...spanOf(name),
  };
  for (const stmt of named(body)) {
    if (stmt.type !== 'expression_statement') continue;
    const a = stmt.namedChildren[0];
    if (a?.type !== 'assignment') continue;
    const left = field(a, 'left');
    const right = field(a, 'right');
    if (left?.type !== 'identifier' || !right) continue;
    if (left.text === '__abstract__') {
      fact.abstract = right.type === 'true';
    } else if (right.type === 'call' && lastSegment(field(right, 'function')?.text ?? '') === 'relationship') {
      const rel = relationship(left.text, right, field(a, 'type'));
      if (rel) fact.relationships.push(rel);
    }
  }
  return fact;
}

function relationship(attribute: string, call: Node, annotation: Node | null): RelationshipFact | undefined {
  const { positional, keywords } = splitArgs(field(call, 'arguments'));
  let targetNode: Node | undefined = positional[0] ?? keywords.get('argument');
  let target: string | undefined;
  let targetIsString = false;
  if (targetNode) {
    if (targetNode.type === 'lambda') return undefined;
    const s = stringValue(targetNode);
    if (s !== undefined) {
      target = s;
      targetIsString = true;
    } else if (targetNode.type === 'identifier' || targetNode.type === 'attribute') target = targetNode.text;
    else return undefined;
  } else if (annotation) {
    const found = targetFromAnnotation(annotation);
    if (!found) return undefined;
    ({ target, targetIsString } = found);
    targetNode = found.node;
  }
  if (target === undefined || !targetNode) return undefined;
  return {
    target,
    targetIsString,
    attribute,
    ...spanOf(targetNode),
  };
}

const WRAPPERS = new Set([
  'Mapped', 'WriteOnlyMapped', 'DynamicMapped', 'List', 'list', 'Set', 'set', 'FrozenSet', 'frozenset',
  'Optional', 'Sequence', 'Collection', 'Iterable', 'MutableSequence', 'MutableSet', 'Tuple', 'tuple',
]);

/** The relationship target in a `Mapped[...]` annotation. */
function targetFromAnnotation(n: Node): { target: string; targetIsString: boolean; node: Node } | undefined {
  switch (n.type) {
    case 'type': {
      const c = named(n)[0];
      return c ? targetFromAnnotation(c) : undefined;
    }
    case 'generic_type': {
      const [head, params] = named(n);
      if (!head || !params || !WRAPPERS.has(lastSegment(head.text))) return undefined;
      const first = named(params)[0];
      return first ? targetFromAnnotation(first) : undefined;
    }
    case 'subscript': {
      const head = field(n, 'value');
      const sub = field(n, 'subscript');
      if (!head || !sub || !WRAPPERS.has(lastSegment(head.text))) return undefined;
      return targetFromAnnotation(sub);
    }
    case 'binary_operator': {
      // `T | None`
      const l = field(n, 'left');
      const r = field(n, 'right');
      const pick = l && l.type !== 'none' ? l : r;
      return pick && pick.type !== 'none' ? targetFromAnnotation(pick) : undefined;
    }
    case 'union_type': {
      for (const c of named(n)) {
        if (c.text === 'None') continue;
        const t = targetFromAnnotation(c);
        if (t) return t;
      }
      return undefined;
    }
    case 'string': {
      const v = plainString(n);
      if (v === undefined) return undefined;
      const t = stringTarget(v);
      return t ? { target: t, targetIsString: true, node: n } : undefined;
    }
    case 'identifier':
    case 'attribute':
      return n.text === 'None' ? undefined : { target: n.text, targetIsString: false, node: n };
    default:
      return undefined;
  }
}

/** Target class inside a string annotation: `"T"`, `"T | None"`, `"Optional[T]"`, `"List[T]"`. */
function stringTarget(s: string): string | undefined {
  let t = s.trim();
  for (;;) {
    const open = t.indexOf('[');
    if (open > 0 && t.endsWith(']') && WRAPPERS.has(lastSegment(t.slice(0, open)))) t = t.slice(open + 1, -1).trim();
    else break;
  }
  const unquote = (p: string): string => {
    const q = p[0];
    return (q === '"' || q === "'") && p.endsWith(q) && p.length >= 2 ? p.slice(1, -1) : p;
  };
  const parts = t
    .split('|')
    .map((p) => unquote(p.trim()))
    .filter((p) => p !== '' && p !== 'None');
  return parts.length === 1 ? parts[0] : undefined;
}
