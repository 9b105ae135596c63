import { importTarget } from '../graph/symbols.js';
import { runtimeModules } from '../graph/closure.js';
import { circularImports } from '../graph/import-order.js';
import type { AppGraph, ModuleNode } from '../graph/types.js';
import { closeMatches, didYouMean } from '../util/similar.js';
import { circularFinding, deferredFinding, shadowedFinding } from './shared/import-timing.js';
import { preimportedByRuntime } from '../python/runtime-preimported.js';
import type { Rule, RuleFinding } from './types.js';
import type { ImportFact } from '../types.js';
import { addsMoves, sixModule } from '../graph/six-moves.js';
import { at } from '../util/span.js';

/**
 * Names a module provides to `from module import name`, or null when that cannot be known
 * statically (a module-level `__getattr__`, or a star import that cannot be followed).
 */
export function providedNames(graph: AppGraph, node: ModuleNode, seen = new Set<string>()): Set<string> | null {
  if (seen.has(node.name)) return new Set();
  seen.add(node.name);
  const facts = node.facts;
  if (facts.hasModuleGetattr) return null;
  // Every module has these attributes; packages also have __path__ (checked with /usr/bin/python3).
  const names = new Set<string>(['__name__', '__file__', '__doc__', '__spec__', '__loader__', '__package__', '__builtins__', '__cached__', '__dict__']);
  if (node.isPackage) names.add('__path__');
  // A `global` assigned only in a function the import does not call is not bound by the import.
  for (const d of facts.definitions) if (!d.deferred) names.add(d.name);
  for (const n of facts.all ?? []) names.add(n);
  for (const imp of facts.imports) {
    if (imp.scope !== 'module' || imp.kind !== 'from' || !imp.names.some((n) => n.name === '*')) continue;
    const target = importTarget(graph, node.name, imp);
    const other = target === undefined ? undefined : graph.modules.get(target);
    // A star import from outside the app (or from a file that did not parse): its names are unknown.
    if (!other) return null;
    // `from m import *` binds m.__all__, or else every public name m has.
    if (other.facts.all) {
      for (const n of other.facts.all) names.add(n);
      continue;
    }
    const theirs = providedNames(graph, other, seen);
    if (theirs === null) return null;
    for (const n of theirs) if (!n.startsWith('_')) names.add(n);
  }
  return names;
}

const models = `from sqlalchemy import Column, Integer
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class CMETopic(Base):
    __tablename__ = "cme_topics"
    id = Column(Integer, primary_key=True)


class CMEActivity(Base):
    __tablename__ = "cme_activities"
    id = Column(Integer, primary_key=True)
`;
const entry = (name: string) => `from fastapi import FastAPI

from contexts.cme.models import ${name}  # noqa: F401

app = FastAPI()
`;

/** `from six.moves import X` (and `six.moves.urllib.parse`, ...) naming what six's tables do not list (src/graph/six-moves.ts). */
function sixNameFindings(graph: AppGraph, file: string, imp: ImportFact, target: string, addMove: boolean): RuleFinding[] {
  const six = sixModule(target, (m) => graph.modules.get(m)?.facts, addMove);
  if (six?.kind !== 'known' || !six.names) return [];
  const names = six.names;
  const sixFile = graph.modules.get(six.six)?.file ?? six.six;
  return imp.names
    .filter((n) => n.name !== '*' && !names.has(n.name))
    .map((n) => ({
      ...at(file, n),
      message:
        `ImportError: cannot import name '${n.name}' from '${target}' (unknown location): ` +
        (six.table ? `${sixFile}:${six.table.line} builds it from ${six.table.table}, which does not list it` : `${sixFile} registers no such name`) +
        didYouMean(closeMatches(n.name, [...names].filter((p) => !p.startsWith('_') || n.name.startsWith('_'))), "'"),
      subject: { app: graph.name, names: [n.name] },
    }));
}

export const mod004: Rule = {
  code: 'MOD004',
  name: 'import-of-missing-name',
  severity: 'error',
  summary: 'A `from local.module import Name` names something the module does not define.',
  fixable: false,
  docs: {
    what:
      '`from local.mod import Name` in an entry point\'s closure where `local/mod.py` defines no `Name`: no class, function, assignment, import or `global` binds it, no submodule `local.mod.Name` exists, no star import that can be followed provides it, and `__all__` does not list it. Modules with a module-level `__getattr__` (a `def`, or bound by assignment or import), or a star import that cannot be followed, are never reported; nor are imports guarded as MOD003 describes. A name a module-level `del` removes is not bound; a name bound only by `global` in a function the module does not call while it is imported is a warning (another module may call it first); and `from a import X` run while `a` is still half-way (a circular import, following each entry point\'s import order) finds only what `a` bound before the import it is paused at. Under six\'s virtual `six.moves` (six.py in the package, at the root or vendored as `vendor/six.py`), the names are those of six.py\'s tables: `_moved_attributes` for `from six.moves import X`, `_urllib_<part>_moved_attributes` for `from six.moves.urllib.<part> import X` (a call of `add_move` anywhere in the app leaves `six.moves` itself unjudged); a six installed from requirements is not read.',
    why:
      'The import fails when the module is loaded: `ImportError: cannot import name \'CMEActivityTopic\' from \'contexts.cme.models\'`. On Lambda that is the cold start of every request (RIS-050), while the eager entry point may never import that module at all.',
    bad: { files: { 'main.py': entry('CMEActivity, CMETopic'), 'lazy_app.py': entry('CMEActivityTopic'), 'contexts/__init__.py': '', 'contexts/cme/__init__.py': '', 'contexts/cme/models.py': models } },
    good: { files: { 'main.py': entry('CMEActivity, CMETopic'), 'lazy_app.py': entry('CMEActivity, CMETopic'), 'contexts/__init__.py': '', 'contexts/cme/__init__.py': '', 'contexts/cme/models.py': models } },
    fix: 'Import a name the module defines (the message lists close ones), or define it there.',
  },
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const graph of ctx.apps) {
      const cache = new Map<string, Set<string> | null>();
      const addMove = addsMoves(graph.modules.values());
      const cycles = new Map(circularImports(graph).map((c) => [`${c.node.file}:${c.name.line}:${c.name.column}`, c]));
      for (const node of runtimeModules(graph)) {
        for (const imp of node.facts.imports) {
          if (imp.kind !== 'from' || (imp.guard !== 'none' && !(imp.guard === 'optional' && imp.missingNameRaises))) continue;
          const target = importTarget(graph, node.name, imp);
          if (target === undefined) continue;
          const mod = graph.modules.get(target);
          // A module found in a folder a sys.path change added (src/graph/sys-path.ts) is in the graph only.
          const resolution = graph.resolver.resolve(target) ?? (mod ? { kind: mod.isPackage ? ('package' as const) : ('module' as const), file: mod.file } : undefined);
          if (!resolution) {
            findings.push(...sixNameFindings(graph, node.file, imp, target, addMove));
            continue; // else MOD003's business, or external
          }
          // A sourceless `mod.pyc` (imported when no mod.py is beside it): its names are in bytecode.
          if (resolution.kind === 'module' && resolution.file.endsWith('.pyc')) continue;
          let provided: Set<string> | null;
          // Not read (too large, undecodable, nested past Python's limit): what it defines is not known, PARSE001 names it.
          if (mod?.facts.parseProblems.some((p) => p.unread)) continue;
          if (mod) {
            if (!cache.has(target)) cache.set(target, providedNames(graph, mod));
            provided = cache.get(target)!;
          } else if (resolution.kind === 'namespace') {
            provided = new Set(); // a namespace package has submodules only
          } else {
            continue; // not parsed (undecodable, say): PARSE001 covers it
          }
          if (provided === null) continue;
          // `from . import users, payments` in a package's own __init__: Python is still running that
          // __init__, so only what it bound before this statement counts (or a submodule).
          const self =
            target === node.name &&
            imp.scope === 'module' &&
            !imp.runsAtImport &&
            !node.facts.imports.some((i) => i.line < imp.line && i.names.some((n) => n.name === '*'));
          // A local logging/ under the root: the runtime's own logging is already imported.
          if (mod && preimportedByRuntime(target)) {
            for (const n of imp.names) if (n.name !== '*' && provided.has(n.name)) findings.push(shadowedFinding(node.file, n, target, mod.file, graph.name));
            continue;
          }
          const bound = (name: string, line: number, column: number) =>
            self ? node.facts.definitions.some((d) => d.name === name && (d.line < line || (d.line === line && d.column < column))) : provided!.has(name);
          for (const n of imp.names) {
            if (n.name === '*') continue;
            if (bound(n.name, n.line, n.column)) {
              const cycle = cycles.get(`${node.file}:${n.line}:${n.column}`);
              if (cycle && !self) findings.push(circularFinding(node.file, n, target, cycle, graph.name));
              continue;
            }
            if (graph.resolver.resolve(`${target}.${n.name}`) || graph.modules.has(`${target}.${n.name}`)) continue; // a submodule
            const later = mod?.facts.definitions.find((d) => d.deferred && d.name === n.name);
            if (later && !self) {
              findings.push(deferredFinding(node.file, n, target, mod!.file, later, graph.name));
              continue;
            }
            const close = closeMatches(n.name, [...provided].filter((p) => p !== n.name && (!p.startsWith('_') || n.name.startsWith('_'))));
            const where = resolution.kind === 'namespace' ? 'unknown location' : (mod?.file ?? '');
            findings.push({
              ...at(node.file, n),
              message:
                (self
                  ? `ImportError: cannot import name '${n.name}' from partially initialized module '${target}' (most likely due to a circular import) (${where}): no submodule or earlier statement provides it`
                  : `ImportError: cannot import name '${n.name}' from '${target}' (${where})`) +
                didYouMean(close, "'"),
              subject: { app: graph.name, names: [n.name] },
            });
          }
        }
      }
    }
    return findings;
  },
};
