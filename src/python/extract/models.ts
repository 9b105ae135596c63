// SQLAlchemy models: mapped classes with their relationships, and declarative bases.
import type { BaseFactoryFact, ClassFact, RelationshipFact } from '../../types.js';
import { nodeSpan as spanOf } from '../../util/span.js';
import { queryWords } from '../queries.js';
import { contextOf } from './context.js';
import type { FileIndex } from './file-index.js';
import { parsePython } from '../parser.js';
import { dottedName, field, lastSegment, named, same, splitArgs, type Node } from './nodes.js';
import { plainString, stringValue } from './strings.js';

export function models(idx: FileIndex): { classes: ClassFact[]; baseFactories: BaseFactoryFact[] } {
  const classes: ClassFact[] = [];
  const baseFactories: BaseFactoryFact[] = [];
  if (!idx.mentions(['class', ...queryWords('models')])) return { classes, baseFactories };
  const future = named(idx.root).some((s) => s.type === 'future_import_statement' && s.text.includes('annotations'));
  for (const { captures } of idx.matches('models')) {
    const cls = captures.get('class');
    if (cls) {
      const name = captures.get('name');
      const body = captures.get('body');
      if (!name || !body || contextOf(cls).scope !== 'module') continue;
      classes.push(classFact(cls, name, body, future));
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
    // `reg.generate_base()` with `reg` a name: every base it generates shares reg's class registry.
    const obj = callee.type === 'attribute' ? field(callee, 'object') : null;
    const registry = factory === 'generate_base' && obj && (obj.type === 'identifier' || obj.type === 'attribute') ? obj.text : undefined;
    baseFactories.push({ variable: variable.text, factory, ...(registry ? { registry } : {}), ...spanOf(assign) });
  }
  return { classes, baseFactories };
}

function classFact(cls: Node, name: Node, body: Node, future: boolean): ClassFact {
  const fact: ClassFact = {
    name: name.text,
    bases: splitArgs(field(cls, 'superclasses')).positional.map((b) => b.text),
    relationships: [],
    abstract: false,
    ...spanOf(name),
  };
  const registry = mappedBy(cls);
  if (registry) fact.registry = registry;
  classBody(body, fact, future);
  return fact;
}

/** `@reg.mapped` / `@reg.mapped_as_dataclass` above the class: the registry as written. */
function mappedBy(cls: Node): string | undefined {
  const decorated = cls.parent?.type === 'decorated_definition' ? cls.parent : null;
  for (const d of decorated ? named(decorated).filter((c) => c.type === 'decorator') : []) {
    const e = named(d)[0];
    const callee = e?.type === 'call' ? field(e, 'function') : e;
    if (callee?.type !== 'attribute') continue;
    const attr = field(callee, 'attribute')?.text;
    const obj = field(callee, 'object');
    if ((attr === 'mapped' || attr === 'mapped_as_dataclass') && obj) return obj.text;
  }
  return undefined;
}

const BLOCK_TYPES = new Set(['if_statement', 'elif_clause', 'else_clause', 'try_statement', 'except_clause', 'finally_clause', 'with_statement', 'block']);

/**
 * The statements of a class body that give the class relationships: assignments, also inside an
 * `if`/`try`/`with` at class level (any branch may run, so each counts), and `@declared_attr`
 * functions (a mixin's relationship is made on every mapped class that uses it) by what they return.
 */
function classBody(body: Node, fact: ClassFact, future: boolean): void {
  for (const stmt of named(body)) {
    if (BLOCK_TYPES.has(stmt.type)) {
      for (const c of named(stmt)) if (BLOCK_TYPES.has(c.type)) classBody(c, fact, future);
      continue;
    }
    if (stmt.type === 'decorated_definition') {
      declaredAttr(stmt, fact);
      bind(fact, field(named(stmt).find((c) => c.type === 'function_definition' || c.type === 'class_definition') ?? stmt, 'name')?.text);
      continue;
    }
    if (stmt.type === 'function_definition' || stmt.type === 'class_definition') bind(fact, field(stmt, 'name')?.text);
    if (stmt.type !== 'expression_statement') continue;
    const a = stmt.namedChildren[0];
    if (a?.type !== 'assignment') continue;
    const left = field(a, 'left');
    const right = field(a, 'right');
    // Every name the body binds (a bare `name: Mapped[str]` is a column in 2.0): back_populates= is judged against them (MDL002).
    if (left?.type === 'identifier') bind(fact, left.text);
    else if (left) fact.opaqueAttributes = true;
    if (left?.type !== 'identifier' || !right) continue;
    if (left.text === '__abstract__') {
      fact.abstract = right.type === 'true';
    } else if (left.text === '__tablename__') {
      const t = plainString(right);
      if (t !== undefined) fact.tableName = t;
    } else if (isRelationshipCall(right)) {
      fact.relationships.push(...relationshipFacts(left.text, right, field(a, 'type'), future));
    }
  }
}

function bind(fact: ClassFact, name: string | undefined): void {
  if (name !== undefined) (fact.attributes ??= []).push(name);
}

function declaredAttr(def: Node, fact: ClassFact): void {
  const fn = named(def).find((c) => c.type === 'function_definition');
  const isDeclared = named(def).some((d) => d.type === 'decorator' && /* `declared_attr`, `declared_attr.cascading` */ (dottedName(named(d)[0] ?? d) ?? '').split('.').includes('declared_attr'));
  const attribute = fn && field(fn, 'name')?.text;
  const body = fn && field(fn, 'body');
  if (!isDeclared || !attribute || !body) return;
  for (const ret of body.descendantsOfType('return_statement')) {
    const value = named(ret)[0];
    if (value && isRelationshipCall(value)) fact.relationships.push(...relationshipFacts(attribute, value, null, false));
  }
}

export const isRelationshipCall = (n: Node): boolean =>
  n.type === 'call' && ['relationship', 'relation'].includes(lastSegment(field(n, 'function')?.text ?? ''));

/** The names a relationship makes SQLAlchemy look up: its target, its `secondary` table, and the classes in its string expressions. */
export function relationshipFacts(attribute: string, call: Node, annotation: Node | null, future: boolean): RelationshipFact[] {
  const out: RelationshipFact[] = [];
  const main = relationship(attribute, call, annotation, future);
  if (main) out.push(main);
  const { keywords } = splitArgs(field(call, 'arguments'));
  const secondary = keywords.get('secondary');
  const table = secondary && plainString(secondary);
  if (secondary && table !== undefined && !table.includes('(') && !table.includes('['))
    out.push({ target: table, targetIsString: true, attribute, kind: 'table', keyword: 'secondary', ...spanOf(secondary) });
  for (const keyword of EVALUATED) {
    const v = keywords.get(keyword);
    const text = v && plainString(v);
    if (!v || text === undefined) continue;
    // The relationship's own target is judged once, at its argument.
    for (const name of expressionClasses(text)) if (name !== main?.target) out.push({ target: name, targetIsString: true, attribute, kind: 'expression', keyword, ...spanOf(v) });
  }
  return out;
}

/** relationship() keywords whose strings SQLAlchemy evaluates against the class registry. */
const EVALUATED = ['primaryjoin', 'secondaryjoin', 'order_by', 'foreign_keys', 'remote_side'];

/**
 * The class names an evaluated relationship string refers to: the head of every `Name.attr` chain
 * (`User.id == Address.user_id` → User, Address), parsed as Python. Call heads (`and_(...)`,
 * `func.lower(...)`) are SQLAlchemy's names, not classes; bare names are not taken (a column name).
 */
function expressionClasses(text: string): string[] {
  const tree = parsePython(`(${text})`);
  const out = new Set<string>();
  for (const attr of tree.rootNode.descendantsOfType('attribute')) {
    if (attr.parent?.type === 'attribute' && same(field(attr.parent, 'object'), attr)) continue;
    let head: Node = attr;
    while (head.type === 'attribute') head = field(head, 'object')!;
    if (head.type !== 'identifier') continue;
    if (attr.parent?.type === 'call' && same(field(attr.parent, 'function'), attr)) continue;
    out.add(head.text);
  }
  return [...out];
}

function relationship(attribute: string, call: Node, annotation: Node | null, future: boolean): RelationshipFact | undefined {
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
    // Under `from __future__ import annotations` every annotation is a string the registry resolves.
    if (future) targetIsString = true;
    targetNode = found.node;
  }
  if (target === undefined || !targetNode) return undefined;
  const back = keywords.get('back_populates');
  const backPopulates = back && plainString(back);
  const backref = backrefName(keywords.get('backref'));
  return {
    target,
    targetIsString,
    attribute,
    ...(backPopulates !== undefined ? { backPopulates, backPopulatesAt: spanOf(back!) } : {}),
    ...(backref !== undefined ? { backref } : {}),
    ...spanOf(targetNode),
  };
}

/** `backref="items"` or `backref=backref("items", ...)`: the attribute it makes on the target; '' when it cannot be read. */
function backrefName(n: Node | undefined): string | undefined {
  if (!n) return undefined;
  const s = plainString(n);
  if (s !== undefined) return s;
  const first = n.type === 'call' ? splitArgs(field(n, 'arguments')).positional[0] : undefined;
  return (first && plainString(first)) ?? '';
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
