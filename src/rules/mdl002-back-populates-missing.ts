import { findTargets, modelsOf, type ModelClass } from '../graph/models.js';
import { qualify } from '../graph/symbols.js';
import type { AppGraph } from '../graph/types.js';
import type { Rule, RuleFinding } from './types.js';
import { at } from '../util/span.js';
import { closeMatches, didYouMean } from '../util/similar.js';

const base = 'from sqlalchemy.orm import declarative_base\n\nBase = declarative_base()\n';
const models = (backPopulates: string) => `from sqlalchemy import Column, ForeignKey, Integer, String
from sqlalchemy.orm import relationship

from db import Base


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    email = Column(String)
    items = relationship("Item", back_populates="owner")


class Item(Base):
    __tablename__ = "items"
    id = Column(Integer, primary_key=True)
    user_id = Column(Integer, ForeignKey("users.id"))
    owner = relationship("User", back_populates="${backPopulates}")
`;
const entry = `from fastapi import FastAPI

import models  # noqa: F401

app = FastAPI()
`;
const files = (backPopulates: string) => ({ 'main.py': entry, 'lazy_app.py': entry, 'db.py': base, 'models.py': models(backPopulates) });

export const mdl002: Rule = {
  code: 'MDL002',
  name: 'back-populates-missing',
  severity: 'error',
  summary: 'A SQLAlchemy relationship\'s back_populates names no relationship of its target model.',
  fixable: false,
  docs: {
    what:
      'For every declarative model an entry point imports, every `relationship(Target, back_populates="name")` whose target is one model of that entry point\'s closure (found as MDL001 finds it) must name a relationship of the target: one in its class body (also under a class-level `if`), from a `@declared_attr` mixin or a base class, given after the class (`Target.name = relationship(...)`), or made by a `backref=` of another relationship to the target. Reported when the target binds no such name at all, and when the name is bound but is no relationship (a `Column`, a method). A target whose attributes cannot all be listed (a base class the graph does not define, a name bound by unpacking or `setattr`, an imperative or `type()` mapping) is not judged.',
    why:
      'SQLAlchemy pairs the two sides when the mappers are configured, at the first query: `sqlalchemy.exc.InvalidRequestError: Mapper \'Mapper[User(users)]\' has no property \'itemz\'` (SQLAlchemy 2.0; 1.4 names the mapper `mapped class User->users`), or `back_populates on relationship \'Item.owner\' refers to attribute \'User.email\' that is not a relationship`. Every request that touches the models fails from then on, in every entry point, while importing the app looked healthy.',
    bad: { files: files('itemz') },
    good: { files: files('items') },
    fix: 'Spell back_populates as the relationship attribute on the other model (and give that model the relationship back, with back_populates naming this one).',
  },
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const graph of ctx.apps) findings.push(...checkApp(graph));
    return findings;
  },
};

/** The names a model's mapper has once configured, or null when they cannot all be listed. */
interface Attributes {
  relationships: Set<string>;
  other: Set<string>;
}

function checkApp(graph: AppGraph): RuleFinding[] {
  const all = modelsOf(graph);
  const out = new Map<string, RuleFinding>();
  for (const entry of graph.entrypoints) {
    const modules = graph.eagerClosure(entry.module);
    const present = [...all.values()].filter((m) => modules.has(m.module.name) && (!m.mappedIn || modules.has(m.mappedIn)));
    // backref= makes the attribute on its target at configure time: those names exist too.
    const backrefs = new Map<string, Set<string>>();
    for (const m of present)
      for (const { rel } of m.relationships) {
        if (rel.backref === undefined || rel.kind) continue;
        const t = targetOf(graph, rel.target, rel.targetIsString, m, present, all);
        if (t) backrefs.set(t.id, (backrefs.get(t.id) ?? new Set()).add(rel.backref));
      }
    for (const model of present) {
      for (const { rel, file } of model.relationships) {
        if (rel.backPopulates === undefined || rel.kind || !rel.backPopulatesAt) continue;
        const key = `${file}\0${rel.backPopulatesAt.line}\0${rel.backPopulatesAt.column}\0${model.id}`;
        if (out.has(key)) continue;
        const target = targetOf(graph, rel.target, rel.targetIsString, model, present, all);
        if (!target) continue; // MDL001's business, or not a model of the graph
        const made = backrefs.get(target.id);
        if (made?.has(rel.backPopulates) || made?.has('')) continue;
        const attrs = attributesOf(graph, target);
        if (!attrs || attrs.relationships.has(rel.backPopulates)) continue;
        const head = `${model.name}.${rel.attribute} has back_populates="${rel.backPopulates}", but ${target.name} (${target.module.file})`;
        const message = attrs.other.has(rel.backPopulates)
          ? `${head} binds ${rel.backPopulates} to something that is not a relationship; configuring the mappers raises sqlalchemy.exc.InvalidRequestError: back_populates on relationship '${model.name}.${rel.attribute}' refers to attribute '${target.name}.${rel.backPopulates}' that is not a relationship`
          : `${head} has no attribute ${rel.backPopulates}; configuring the mappers raises sqlalchemy.exc.InvalidRequestError: Mapper 'Mapper[${target.name}(${target.cls.tableName ?? '…'})]' has no property '${rel.backPopulates}'${didYouMean(closeMatches(rel.backPopulates, attrs.relationships))}`;
        out.set(key, { ...at(file, rel.backPopulatesAt), message, related: [at(target.module.file, target.cls)], subject: { app: graph.name, names: [rel.backPopulates, `${target.name}.${rel.backPopulates}`] } });
      }
    }
  }
  return [...out.values()];
}

/** The one model a relationship target names in this closure (a string through the registry, a name through the imports). */
function targetOf(graph: AppGraph, target: string, isString: boolean, from: ModelClass, present: ModelClass[], all: Map<string, ModelClass>): ModelClass | undefined {
  if (!isString) {
    const m = all.get(qualify(graph, from.module.name, target));
    return m && present.includes(m) ? m : undefined;
  }
  const found = findTargets(target, from, present);
  return found.length === 1 ? found[0] : undefined;
}

/**
 * What the target's mapper will have: its relationships (own, mixins', declared_attr, given after the
 * class) and the other names its class and every base bind. Null when a base is not a class of the
 * graph (other than the declarative root), the class is mapped imperatively or by type(), or a body
 * binds names that cannot be listed.
 */
function attributesOf(graph: AppGraph, model: ModelClass): Attributes | null {
  if (model.mappedIn || !model.cls.attributes) return null;
  const relationships = new Set(model.relationships.filter((r) => !r.rel.kind).map((r) => r.rel.attribute));
  const other = new Set<string>();
  const seen = new Set<string>();
  const walk = (mod: string, cls: ModelClass['cls'], depth: number): boolean => {
    if (depth > 20 || cls.opaqueAttributes) return false;
    for (const n of cls.attributes ?? []) other.add(n);
    for (const b of cls.bases) {
      const q = qualify(graph, mod, b);
      if (seen.has(q)) continue;
      seen.add(q);
      const dot = q.lastIndexOf('.');
      const node = graph.modules.get(q.slice(0, Math.max(0, dot)));
      const name = q.slice(dot + 1);
      if (node?.facts.baseFactories.some((f) => f.variable === name)) continue; // the declarative base itself
      if (name === 'Model' || name === 'DeclarativeBase' || name === 'DeclarativeBaseNoMeta') continue; // db.Model, 2.0's root
      const baseCls = node?.facts.classes.find((c) => c.name === name);
      if (!node || !baseCls) return false;
      for (const r of baseCls.relationships) if (!r.kind) relationships.add(r.attribute);
      if (!walk(node.name, baseCls, depth + 1)) return false;
    }
    return true;
  };
  if (!walk(model.module.name, model.cls, 0)) return null;
  return { relationships, other };
}
