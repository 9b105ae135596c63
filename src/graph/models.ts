// SQLAlchemy declarative models, decided across modules: a class is a model when its bases lead,
// through other classes of the graph, to a declarative root —
//   Base = declarative_base()            (sqlalchemy.orm / sqlalchemy.ext.declarative)
//   Base = mapper_registry.generate_base()
//   class Base(DeclarativeBase): ...      (SQLAlchemy 2.0; Base itself is not mapped)
//   class X(db.Model)  with  db = SQLAlchemy()   (Flask-SQLAlchemy)
import type { ClassFact, Snapshot, Span } from '../types.js';
import { spanOf } from '../util/span.js';
import type { FactsStore } from './facts-store.js';
import { qualify, shortName } from './symbols.js';
import type { AppGraph, ModuleNode } from './types.js';

export interface ModelClass {
  /** `module.Class` */
  id: string;
  name: string;
  module: ModuleNode;
  cls: ClassFact;
  /** Identity of the declarative root (the registry the class is mapped in). */
  root: string;
}

const DECLARATIVE_ROOT_CLASSES = new Set([
  'sqlalchemy.orm.DeclarativeBase',
  'sqlalchemy.orm.DeclarativeBaseNoMeta',
  'sqlalchemy.orm.decl_api.DeclarativeBase',
  'sqlalchemy.orm.decl_api.DeclarativeBaseNoMeta',
]);

function splitQualified(q: string): [string, string] {
  const i = q.lastIndexOf('.');
  return i < 0 ? ['', q] : [q.slice(0, i), q.slice(i + 1)];
}

const modelsByGraph = new WeakMap<AppGraph, Map<string, ModelClass>>();

/**
 * Every declarative model class defined in a module of the graph, by id. Computed once per graph
 * (a graph does not change once built): MDL001, PAR004 and findClassesElsewhere all ask.
 */
export function modelsOf(graph: AppGraph): Map<string, ModelClass> {
  let models = modelsByGraph.get(graph);
  if (!models) modelsByGraph.set(graph, (models = computeModels(graph)));
  return models;
}

function computeModels(graph: AppGraph): Map<string, ModelClass> {
  const roots = new Map<string, string | null>();

  /** The declarative root a qualified name leads to, or null when it leads to none. */
  const rootOf = (qualified: string, depth: number): string | null => {
    if (depth > 20) return null;
    const known = roots.get(qualified);
    if (known !== undefined) return known;
    roots.set(qualified, null); // cycle guard
    let result: string | null = null;
    const [mod, name] = splitQualified(qualified);
    const node = graph.modules.get(mod);
    if (node) {
      if (node.facts.baseFactories.some((b) => b.variable === name && b.factory !== 'flask_sqlalchemy')) {
        result = qualified;
      } else {
        const cls = node.facts.classes.find((c) => c.name === name);
        if (cls) {
          for (const base of cls.bases) {
            const q = qualify(graph, mod, base);
            if (DECLARATIVE_ROOT_CLASSES.has(q)) {
              result = qualified;
              break;
            }
            const r = rootOf(q, depth + 1);
            if (r) {
              result = r;
              break;
            }
          }
        }
      }
    }
    // Flask-SQLAlchemy: `db.Model` where `db = SQLAlchemy()` in a module of the graph.
    if (!result && name === 'Model') {
      const [dbMod, dbVar] = splitQualified(mod);
      if (graph.modules.get(dbMod)?.facts.baseFactories.some((b) => b.variable === dbVar && b.factory === 'flask_sqlalchemy')) {
        result = mod;
      }
    }
    roots.set(qualified, result);
    return result;
  };

  const models = new Map<string, ModelClass>();
  for (const node of graph.modules.values()) {
    for (const cls of node.facts.classes) {
      if (cls.abstract) continue;
      const id = `${node.name}.${cls.name}`;
      let root: string | null = null;
      for (const base of cls.bases) {
        const q = qualify(graph, node.name, base);
        if (DECLARATIVE_ROOT_CLASSES.has(q)) continue; // the 2.0 Base class itself is not mapped
        root = rootOf(q, 0);
        if (root) break;
      }
      if (root) models.set(id, { id, name: cls.name, module: node, cls, root });
    }
  }
  return models;
}

/**
 * Where SQLAlchemy would look for a relationship's string target among the given models:
 * `"Target"` by class name in the same registry, `"pkg.mod.Target"` by module path.
 */
export function findTarget(target: string, from: ModelClass, models: Iterable<ModelClass>): ModelClass | undefined {
  const dotted = target.includes('.');
  for (const m of models) {
    if (m.root !== from.root) continue;
    // SQLAlchemy registers a class under every tail of its module path too: models.cme.CMEActivity
    // is found as "cme.CMEActivity" as well.
    if (dotted ? m.id === target || m.id.endsWith(`.${target}`) : m.name === target) return m;
  }
  return undefined;
}

/**
 * For relationship targets that no module of the graph defines, the classes of that name elsewhere
 * under the app root (files no entry point reaches): so MDL001 can tell "defined in X, which nothing
 * imports" from "defined nowhere". Only files whose text holds `class <Name>` are parsed (through the
 * facts store's `peek`: cached, and not added to the run's files, so nothing else is reported about them).
 */
export async function findClassesElsewhere(graph: AppGraph, snapshot: Snapshot, store: FactsStore): Promise<void> {
  const all = modelsOf(graph);
  const wanted = new Set<string>();
  for (const model of all.values())
    for (const rel of model.cls.relationships)
      if (rel.targetIsString && !findTarget(rel.target, model, all.values())) wanted.add(shortName(rel.target));
  if (!wanted.size) return;
  const inGraph = new Set([...graph.modules.values()].map((m) => m.file));
  const prefix = graph.root ? `${graph.root}/` : '';
  // A package's graph is rooted at /var/task, no folder of the snapshot: not looked through (MDL001 then says less).
  if (graph.root && !snapshot.hasDir(graph.root)) return;
  const found = new Map<string, { file: string; span: Span }[]>();
  for (const { path } of snapshot.files()) {
    if (!path.endsWith('.py') || !path.startsWith(prefix) || inGraph.has(path)) continue;
    const bytes = await snapshot.read(path);
    if (!bytes || ![...wanted].some((n) => bytes.includes(`class ${n}`))) continue;
    for (const cls of (await store.peek(path, bytes))?.classes ?? []) {
      if (!wanted.has(cls.name)) continue;
      const list = found.get(cls.name) ?? [];
      list.push({ file: path, span: spanOf(cls) });
      found.set(cls.name, list);
    }
  }
  graph.classesElsewhere = found;
}
