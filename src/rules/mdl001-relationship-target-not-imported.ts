import { findTarget, modelsOf, type ModelClass } from '../graph/models.js';
import { shortName } from '../graph/symbols.js';
import type { AppGraph } from '../graph/types.js';
import type { RelationshipFact } from '../types.js';
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

interface Target {
  text: string;
  /** Where the name is written. */
  at: RelationshipFact;
}

/** `a`, `a and b`, `a, b and c`. */
function listText(items: string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Everything a relationship makes SQLAlchemy look up by name at mapper configuration. */
function targetsOf(model: ModelClass): Target[] {
  const out: Target[] = [];
  for (const rel of model.cls.relationships) {
    if (rel.targetIsString) out.push({ text: rel.target, at: rel });
  }
  return out;
}

export const mdl001: Rule = {
  code: 'MDL001',
  name: 'relationship-target-not-imported',
  severity: 'error',
  summary: 'A SQLAlchemy relationship names a model that the entry point never imports.',
  fixable: false,
  docs: {
    what:
      'For every declarative model in an entry point\'s eager import closure (bases leading to `declarative_base()`, `DeclarativeBase`, `registry.generate_base()` or Flask-SQLAlchemy\'s `db.Model`, across modules), every string target of `relationship("Target")` / `relationship(argument="Target")` / `relationship("module.Target")` and every `back_populates` partner must be a model defined in a module of that same closure. The message names the model and line, the module that defines the target, and the entry point that does import it; when no entry point reaches the target, the file under the root that defines a class of that name, or that none does.',
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

function checkApp(graph: AppGraph): RuleFinding[] {
  const all = modelsOf(graph);
  if (!all.size) return [];
  const closures = graph.entrypoints.map((e) => ({ entry: e, modules: graph.eagerClosure(e.module) }));
  // One finding per relationship target, naming every entry point that lacks it.
  const problems = new Map<string, { model: ModelClass; target: Target; lacking: string[]; defined?: ModelClass; importedBy: string[] }>();
  for (const { entry, modules } of closures) {
    const present = [...all.values()].filter((m) => modules.has(m.module.name));
    for (const model of present) {
      for (const target of targetsOf(model)) {
        if (findTarget(target.text, model, present)) continue;
        const defined = findTarget(target.text, model, all.values());
        const key = `${model.id}\0${target.at.line}\0${target.at.column}`;
        let p = problems.get(key);
        if (!p) {
          const importedBy = defined
            ? closures.filter((c) => c.modules.has(defined.module.name)).map((c) => c.entry.label)
            : [];
          p = { model, target, lacking: [], defined, importedBy };
          problems.set(key, p);
        }
        p.lacking.push(entry.label);
      }
    }
  }
  return [...problems.values()].map(({ model, target, lacking, defined, importedBy }) => {
    const name = shortName(target.text);
    const lacks = listText(lacking);
    // Not a model of the graph: a plain class of that name in the graph, a class in a file no entry
    // point reaches, or none under the root at all (unknown when the root was not looked through).
    const plain = defined
      ? []
      : [...graph.modules.values()].flatMap((m) => m.facts.classes.filter((c) => c.name === name).map((c) => ({ file: m.file, span: c })));
    const elsewhere = defined || plain.length ? [] : (graph.classesElsewhere?.get(name) ?? []);
    const files = (list: { file: string }[]) => listText([...new Set(list.map((e) => e.file))]);
    const where = defined
      ? `${target.text} is defined in ${defined.module.file}, which ${lacks} never import${lacking.length > 1 ? '' : 's'}` +
        (importedBy.length ? ` (${listText(importedBy)} do${importedBy.length > 1 ? '' : 'es'})` : '')
      : plain.length
        ? `a class ${name} is defined in ${files(plain)}, but not as a model of this registry`
        : elsewhere.length
          ? `a class ${name} is defined in ${files(elsewhere)}, which no entry point imports`
          : graph.classesElsewhere
            ? `no module under ${graph.root || 'the root'} defines a class ${name}`
            : `no module the entry points import defines a model ${name}`;
    const related = defined ? [at(defined.module.file, defined.cls)] : [...plain, ...elsewhere].map((e) => at(e.file, e.span));
    return {
      ...at(model.module.file, target.at),
      message: `${model.name}.${target.at.attribute} names "${target.text}": ${where}; configuring the mappers raises sqlalchemy.exc.InvalidRequestError: failed to locate a name ('${name}')`,
      related: related.length ? related : undefined,
      subject: { app: graph.name, names: [...new Set([target.text, name])] },
    };
  });
}
