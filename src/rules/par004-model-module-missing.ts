import type { AppGraph } from '../graph/types.js';
import { eagerUnion, modulesReaching } from '../graph/closure.js';
import { parityGroups } from '../graph/registrations/groups.js';
import { findTarget, modelsOf } from '../graph/models.js';
import type { Rule, RuleFinding } from './types.js';
import { at } from '../util/span.js';

/**
 * How the lacking app gets to the module, if it does: never, or only once a module it loads lazily
 * (a router map's `api.users`) imports it. Until then its models are not mapped there either.
 */
function whenLater(graph: AppGraph, eager: ReadonlySet<string>, name: string, lacks: string): string {
  const loaders = new Set<string>();
  // graph.fullClosure(e.to).has(name), asked once per module rather than once per lazy edge.
  const reach = modulesReaching(graph, name);
  for (const e of graph.edges) if (e.lazy && eager.has(e.from) && !eager.has(e.to) && reach.has(e.to)) loaders.add(e.to);
  if (!loaders.size) return ` but never by ${lacks}: they are not mapped there`;
  return ` at start-up, but by ${lacks} only once it loads ${[...loaders].sort().join(', ')} lazily: until then they are not mapped there`;
}

const model = (name: string) => `from sqlalchemy import Column, Integer

from db import Base


class ${name}(Base):
    __tablename__ = "${name.toLowerCase()}s"
    id = Column(Integer, primary_key=True)
`;
const entry = (imports: string) => `from fastapi import FastAPI

${imports}

app = FastAPI()
`;
const files = (lazyImports: string) => ({
  'main.py': entry('import models.audit  # noqa: F401\nimport models.users  # noqa: F401'),
  'lazy_app.py': entry(lazyImports),
  'db.py': 'from sqlalchemy.orm import declarative_base\n\nBase = declarative_base()\n',
  'models/__init__.py': '',
  'models/audit.py': model('AuditEntry'),
  'models/users.py': model('User'),
});

export const par004: Rule = {
  code: 'PAR004',
  name: 'model-module-missing-in-entry-point',
  severity: 'warning',
  summary: 'A module defining SQLAlchemy models is imported by one entry point and not by another.',
  fixable: false,
  docs: {
    what:
      'A module that defines declarative models and that one entry point imports eagerly (directly or transitively) while another never does. When a relationship in the other entry point needs a model of that module, MDL001 reports the error instead.',
    why:
      'Models that are not imported are not mapped: `Base.metadata.create_all()` skips their tables, relationship strings naming them fail to resolve, and queries that join them behave differently on Lambda than locally.',
    bad: { files: files('import models.users  # noqa: F401') },
    good: { files: files('import models.audit  # noqa: F401\nimport models.users  # noqa: F401') },
    fix: 'Import the same model modules in every entry point, ideally through one `models/__init__.py` that imports them all.',
  },
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const graph of ctx.apps) for (const apps of parityGroups(graph)) {
      if (apps.length < 2) continue;
      const models = [...modelsOf(graph).values()];
      if (!models.length) continue;
      // The eager closure counts the imports of a factory the entry point calls at its top (closure.ts).
      const closures = apps.map((a) => eagerUnion(graph, a.entries.map((e) => e.module)));
      const modelModules = new Set(models.map((m) => m.module.name));
      for (let i = 0; i < apps.length; i++) {
        for (const name of [...closures[i]].sort()) {
          if (!modelModules.has(name)) continue;
          const presentIn = apps.filter((_, j) => closures[j].has(name)).map((a) => a.label);
          for (let j = 0; j < apps.length; j++) {
            if (j === i || closures[j].has(name)) continue;
            // MDL001 already reports a relationship in app j that needs a model from this module.
            const present = models.filter((m) => closures[j].has(m.module.name));
            const needed = present.some((m) =>
              m.relationships.some(({ rel: r }) => r.targetIsString && r.kind !== 'table' && !findTarget(r.target, m, present) && findTarget(r.target, m, models)?.module.name === name),
            );
            if (needed) continue;
            const node = graph.modules.get(name)!;
            const first = models.find((m) => m.module.name === name)!;
            findings.push({
              ...at(node.file, first.cls),
              message: `models of ${name} (${models.filter((m) => m.module.name === name).map((m) => m.name).join(', ')}) are imported by ${apps[i].label}${whenLater(graph, closures[j], name, apps[j].label)}`,
              related: [at(apps[j].module.file, apps[j].app)],
              subject: { app: graph.name, names: [name], presentIn },
            });
          }
        }
      }
    }
    return findings;
  },
};
