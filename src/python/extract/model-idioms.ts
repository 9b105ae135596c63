// SQLAlchemy model idioms outside a class body: relationships given to a class after it is defined
// (`User.addresses = relationship("Address")`), classes made with `type()`, and `Table(...)` calls.
import type { AttachedRelationshipFact, ImperativeMapFact, RelationshipFact, TableFact, TypeClassFact } from '../../types.js';
import { nodeSpan as spanOf } from '../../util/span.js';
import { contextOf } from './context.js';
import type { FileIndex } from './file-index.js';
import { isRelationshipCall, relationshipFacts } from './models.js';
import { field, named, splitArgs, type Node } from './nodes.js';
import { plainString } from './strings.js';

export interface ModelIdioms {
  attachedRelationships?: AttachedRelationshipFact[];
  typeClasses?: TypeClassFact[];
  tables?: TableFact[];
  imperativeMaps?: ImperativeMapFact[];
}

export function modelIdioms(idx: FileIndex): ModelIdioms {
  const out: ModelIdioms = {};
  if (!idx.mentions(['relationship', 'relation(', 'type(', 'Table(', 'map_imperatively'])) return out;
  const maps = imperativeMaps(idx);
  if (maps.length) out.imperativeMaps = maps;
  const attached = attachedRelationships(idx);
  if (attached.length) out.attachedRelationships = attached;
  const types = typeClasses(idx);
  if (types.length) out.typeClasses = types;
  const tables: TableFact[] = [];
  for (const { call, attribute } of idx.callsNamed('Table')) {
    // `sa.Table`, `sqlalchemy.Table`, Flask-SQLAlchemy's `db.Table`; not boto3's `dynamodb.Table(name)`.
    if (attribute && !['sa', 'sqlalchemy', 'db'].includes(field(field(call, 'function')!, 'object')?.text ?? '')) continue;
    const first = splitArgs(field(call, 'arguments')).positional[0];
    if (!first) continue;
    const name = plainString(first);
    tables.push({ ...(name !== undefined ? { name } : {}), ...spanOf(call) });
  }
  if (tables.length) out.tables = tables;
  return out;
}

/** `Owner.attr = relationship(...)` at module level (the class gains the relationship when this runs). */
function attachedRelationships(idx: FileIndex): AttachedRelationshipFact[] {
  const out: AttachedRelationshipFact[] = [];
  for (const name of ['relationship', 'relation']) {
    for (const { call } of idx.callsNamed(name)) {
      const a = call.parent;
      if (a?.type !== 'assignment' || a.parent?.type !== 'expression_statement') continue;
      const left = field(a, 'left');
      const owner = left?.type === 'attribute' ? field(left, 'object') : null;
      const attribute = left && field(left, 'attribute')?.text;
      if (!owner || !attribute || (owner.type !== 'identifier' && owner.type !== 'attribute') || contextOf(a).scope !== 'module') continue;
      for (const relationship of relationshipFacts(attribute, call, null, false)) out.push({ owner: owner.text, relationship });
    }
  }
  return out;
}

function imperativeMaps(idx: FileIndex): ImperativeMapFact[] {
  const out: ImperativeMapFact[] = [];
  for (const { call, attribute } of idx.callsNamed('map_imperatively')) {
    const registry = attribute ? field(field(call, 'function')!, 'object') : null;
    const { positional, keywords } = splitArgs(field(call, 'arguments'));
    const cls = positional[0] ?? keywords.get('class_');
    if (!registry || !cls || (cls.type !== 'identifier' && cls.type !== 'attribute')) continue;
    out.push({ registry: registry.text, cls: cls.text, relationships: dictRelationships(keywords.get('properties')), ...spanOf(call) });
  }
  return out;
}

/** The relationships of a literal dict `{"attr": relationship(...)}`. */
function dictRelationships(dict: Node | undefined | null): RelationshipFact[] {
  const out: RelationshipFact[] = [];
  for (const pair of dict?.type === 'dictionary' ? named(dict) : []) {
    if (pair.type !== 'pair') continue;
    const key = plainString(field(pair, 'key'));
    const value = field(pair, 'value') as Node | null;
    if (key !== undefined && value && isRelationshipCall(value)) out.push(...relationshipFacts(key, value, null, false));
  }
  return out;
}

/** `type(name, (Base, ...), {...})`: the class name when literal, the bases, relationships of a literal dict. */
function typeClasses(idx: FileIndex): TypeClassFact[] {
  const out: TypeClassFact[] = [];
  for (const { call, attribute } of idx.callsNamed('type')) {
    if (attribute) continue;
    const [nameArg, basesArg, dict] = splitArgs(field(call, 'arguments')).positional;
    if (!nameArg || basesArg?.type !== 'tuple') continue;
    const name = plainString(nameArg);
    out.push({ ...(name !== undefined ? { name } : {}), bases: named(basesArg).map((b) => b.text), relationships: dictRelationships(dict), ...spanOf(call) });
  }
  return out;
}
