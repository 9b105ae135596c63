import { findTarget, findTargets, modelsOf, opaqueRootsOf, type ModelClass, type ModelRelationship } from '../graph/models.js';
import { shortName } from '../graph/symbols.js';
import type { AppGraph } from '../graph/types.js';
import type { Span } from '../types.js';
import type { Rule, RuleFinding } from './types.js';
import { at } from '../util/span.js';

const base = 'from sqlalchemy.orm import declarative_base\n\nBase = declarative_base()\n';
const auth = `from sqlalchemy import Column, Integer
from sqlalchemy.orm import relationship

from db.base import Base


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    cme_activities = relationship("CMEActivity", back_populates="user")
`;
const cme = `from sqlalchemy import Column, ForeignKey, Integer
from sqlalchemy.orm import relationship

from db.base import Base


class CMEActivity(Base):
    __tablename__ = "cme_activities"
    id = Column(Integer, primary_key=True)
    user_id = Column(Integer, ForeignKey("users.id"))
    user = relationship("User", back_populates="cme_activities")
`;
const entry = (imports: string) => `from fastapi import FastAPI

${imports}

app = FastAPI()
`;
const files = (lazyImports: string) => ({
  'main.py': entry('import models.auth  # noqa: F401\nimport models.cme  # noqa: F401'),
  'lazy_app.py': entry(lazyImports),
  'db/__init__.py': '',
  'db/base.py': base,
  'models/__init__.py': '',
  'models/auth.py': auth,
  'models/cme.py': cme,
});

/** `a`, `a and b`, `a, b and c`. */
function listText(items: string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export const mdl001: Rule = {
  code: 'MDL001',
  name: 'relationship-target-not-imported',
  severity: 'error',
  summary: 'A SQLAlchemy relationship names a model that the entry point never imports.',
  fixable: false,
  docs: {
    what:
      'For every declarative model in an entry point\'s eager import closure (bases leading to `declarative_base()`, `DeclarativeBase`, `registry.generate_base()` — every base one registry generates shares its classes — or Flask-SQLAlchemy\'s `db.Model`; `@registry.mapped` classes; `type("Name", (Base,), {...})`; across modules), every string target of `relationship("Target")` / `relationship(argument="Target")` / `relationship("module.Target")` / an annotation under `from __future__ import annotations` must be a model defined in a module of that same closure, and exactly one of that name. Relationships count from the class body (also under a class-level `if`), from `@declared_attr` mixins on every model that uses them, and from `User.x = relationship(...)` after the class where that module is imported; `secondary="table"` must name a `Table` (or `__tablename__`) the closure defines, and classes named in `primaryjoin`/`secondaryjoin`/`order_by`/`foreign_keys`/`remote_side` strings are judged like targets. The message names the model and line, the module that defines the target, and the entry point that does import it; when no entry point reaches the target, the file under the root that defines a class of that name, or that none does. A registry that also gets classes from `type()` with a computed name makes a missing target a warning that says so.',
    why:
      'SQLAlchemy resolves relationship strings when the mappers are configured (the first query), against the classes imported so far. An entry point that never imports the target\'s module fails there: `sqlalchemy.exc.InvalidRequestError: … expression \'CMEActivity\' failed to locate a name (\'CMEActivity\')` — RIS-050, where lazy_app.py never imported contexts.cme.models while main.py did.',
    bad: { files: files('import models.auth  # noqa: F401') },
    good: { files: files('import models.auth  # noqa: F401\nimport models.cme  # noqa: F401') },
    fix: 'Import the module that defines the target in the entry point (or in a module both entry points import, such as a `models/__init__.py` that imports every model module).',
  },
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const graph of ctx.apps) findings.push(...checkApp(graph));
    return findings;
  },
};

interface Problem {
  model: ModelClass;
  r: ModelRelationship;
  lacking: string[];
  /** missing: no model of the name is imported; duplicate: two are; table: the secondary table is not. */
  kind: 'missing' | 'duplicate' | 'table';
  defined?: ModelClass;
  /** For duplicate: the models of the name; for table: where the table is defined. */
  where: { file: string; span: Span }[];
  importedBy: string[];
  /** type() calls with a computed name in this registry, in the closure: the target may be one of them. */
  opaque: { file: string; span: Span }[];
}

function checkApp(graph: AppGraph): RuleFinding[] {
  const all = modelsOf(graph);
  if (!all.size) return [];
  const opaque = opaqueRootsOf(graph).byRoot;
  const closures = graph.entrypoints.map((e) => ({ entry: e, modules: graph.eagerClosure(e.module) }));
  // One finding per relationship target (and model: a mixin's target is judged for each model), naming every entry point that lacks it.
  const problems = new Map<string, Problem>();
  for (const { entry, modules } of closures) {
    const present = [...all.values()].filter((m) => modules.has(m.module.name) && (!m.mappedIn || modules.has(m.mappedIn)));
    const tables = tablesIn(graph, present, modules);
    for (const model of present) {
      for (const r of model.relationships) {
        const { rel } = r;
        if (!rel.targetIsString || (r.via && !modules.has(r.via))) continue;
        const key = `${model.id}\0${r.file}\0${rel.line}\0${rel.column}\0${rel.target}`;
        const add = (p: Omit<Problem, 'lacking' | 'importedBy'>, definedIn?: string) => {
          let found = problems.get(key);
          if (!found) {
            const importedBy = definedIn ? closures.filter((c) => c.modules.has(definedIn)).map((c) => c.entry.label) : [];
            problems.set(key, (found = { ...p, lacking: [], importedBy }));
          }
          found.lacking.push(entry.label);
        };
        if (rel.kind === 'table') {
          if (tables.has(rel.target) || tables.has(shortName(rel.target))) continue;
          const elsewhere = tablesIn(graph, [...all.values()], new Set(graph.modules.keys()));
          const def = elsewhere.get(rel.target) ?? elsewhere.get(shortName(rel.target));
          if (def) add({ model, r, kind: 'table', where: [def], opaque: [] }, def.module);
          continue;
        }
        const matches = findTargets(rel.target, model, present);
        if (matches.length === 1) continue;
        if (matches.length > 1) {
          if (!matches.some((m) => m.id === rel.target)) add({ model, r, kind: 'duplicate', where: matches.map((m) => ({ file: m.module.file, span: m.cls })), opaque: [] });
          continue;
        }
        const defined = findTarget(rel.target, model, all.values());
        // A class named inside an evaluated string is judged only when a class of that name exists somewhere (the other names are SQLAlchemy's).
        if (rel.kind === 'expression' && !defined && !graph.classesElsewhere?.get(shortName(rel.target))?.length) continue;
        const made = (opaque.get(model.root) ?? []).filter((o) => modules.has(o.module.name)).map((o) => ({ file: o.module.file, span: o.span }));
        add({ model, r, kind: 'missing', defined, where: [], opaque: made }, defined && (defined.mappedIn ?? defined.module.name));
      }
    }
  }
  return [...problems.values()].map((p) => finding(graph, p));
}

/** Tables by name (and `schema.name`) defined in the given modules: `Table(...)` calls and the models' `__tablename__`. */
function tablesIn(graph: AppGraph, models: ModelClass[], modules: Set<string>): Map<string, { file: string; span: Span; module: string }> {
  const out = new Map<string, { file: string; span: Span; module: string }>();
  for (const name of modules) {
    const node = graph.modules.get(name);
    for (const t of node?.facts.tables ?? []) if (t.name !== undefined && !out.has(t.name)) out.set(t.name, { file: node!.file, span: t, module: name });
  }
  for (const m of models) if (m.cls.tableName && modules.has(m.module.name) && !out.has(m.cls.tableName)) out.set(m.cls.tableName, { file: m.module.file, span: m.cls, module: m.module.name });
  return out;
}

/** SQLAlchemy 1.4's words: a plain name is looked up, an expression (or a secondary string) is evaluated. */
const locate = (name: string, evaluated: boolean): string =>
  evaluated ? `failed to locate a name ("name '${name}' is not defined")` : `failed to locate a name ('${name}')`;

function finding(graph: AppGraph, { model, r, lacking, kind, defined, where: places, importedBy, opaque }: Problem): RuleFinding {
  const target = r.rel;
  const name = shortName(target.target);
  const lacks = listText(lacking);
  const files = (list: { file: string }[]) => listText([...new Set(list.map((e) => e.file))]);
  const head = `${model.name}.${target.attribute} names ${kind === 'table' ? 'the table ' : ''}"${target.target}"${target.keyword ? ` (${target.keyword}=)` : ''}`;
  const subject = { app: graph.name, names: [...new Set([target.target, name])] };
  if (kind === 'duplicate') {
    return {
      ...at(r.file, target),
      message: `${head}: ${lacks} import${lacking.length > 1 ? '' : 's'} two models of that name in one registry (${files(places)}); configuring the mappers raises sqlalchemy.exc.InvalidRequestError: Multiple classes found for path "${target.target}" in the registry of this declarative base`,
      related: places.map((e) => at(e.file, e.span)),
      subject,
    };
  }
  if (kind === 'table') {
    return {
      ...at(r.file, target),
      message: `${head}: the table is defined in ${files(places)}, which ${lacks} never import${lacking.length > 1 ? '' : 's'}` + (importedBy.length ? ` (${listText(importedBy)} do${importedBy.length > 1 ? '' : 'es'})` : '') + `; configuring the mappers raises sqlalchemy.exc.InvalidRequestError: ${locate(target.target, true)}`,
      related: places.map((e) => at(e.file, e.span)),
      subject,
    };
  }
  // Not a model of the graph: a plain class of that name in the graph, a class in a file no entry
  // point reaches, or none under the root at all (unknown when the root was not looked through).
  const plain = defined
    ? []
    : [...graph.modules.values()].flatMap((m) => m.facts.classes.filter((c) => c.name === name).map((c) => ({ file: m.file, span: c })));
  const elsewhere = defined || plain.length ? [] : (graph.classesElsewhere?.get(name) ?? []);
  const where = defined
    ? `${target.target} is ${defined.mappedIn ? `mapped in ${graph.modules.get(defined.mappedIn)!.file}` : `defined in ${defined.module.file}`}, which ${lacks} never import${lacking.length > 1 ? '' : 's'}` +
      (importedBy.length ? ` (${listText(importedBy)} do${importedBy.length > 1 ? '' : 'es'})` : '')
    : plain.length
      ? `a class ${name} is defined in ${files(plain)}, but not as a model of this registry`
      : elsewhere.length
        ? `a class ${name} is defined in ${files(elsewhere)}, which no entry point imports`
        : graph.classesElsewhere
          ? `no module under ${graph.root || 'the root'} defines a class ${name}`
          : `no module the entry points import defines a model ${name}`;
  const related = defined ? [at(defined.module.file, defined.cls)] : [...plain, ...elsewhere].map((e) => at(e.file, e.span));
  if (opaque.length) {
    // type() with a computed name may make the target: not knowable here, so a warning that says so.
    return {
      ...at(r.file, target),
      severity: 'warning',
      message: `${head}: ${where}, but ${files(opaque)} make${opaque.length > 1 ? '' : 's'} models of this registry with type() and a computed name, which may be ${name}; if none is, configuring the mappers raises sqlalchemy.exc.InvalidRequestError: ${locate(name, target.kind === 'expression')}`,
      related: [...related, ...opaque.map((e) => at(e.file, e.span))],
      subject,
    };
  }
  return {
    ...at(r.file, target),
    message: `${head}: ${where}; configuring the mappers raises sqlalchemy.exc.InvalidRequestError: ${locate(name, target.kind === 'expression')}`,
    related: related.length ? related : undefined,
    subject,
  };
}
