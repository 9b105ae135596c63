// MOD003's warning for a top-level name nothing provides (`import reqeusts`, `from apii.v1 import x` where
// `api` is the repository's): not a module under the root, not the standard library, not a declared
// dependency, not in the Lambda runtime, and one or two edits from exactly one name that is a local package
// or a declared dependency. It fails with ModuleNotFoundError unless something parity-check does not read
// installs it (a layer built elsewhere, an undeclared pip install): a warning, never an error. Guarded
// imports (try/except ImportError, find_spec, TYPE_CHECKING, __main__) are left alone.
import { runtimeModules } from '../../graph/closure.js';
import type { AppGraph } from '../../graph/types.js';
import { PYTHON_RUNTIME_MODULES } from '../../sources/runtime.js';
import { at } from '../../util/span.js';
import { rootText } from '../import-errors.js';
import type { RuleFinding } from '../types.js';

/**
 * Importable without being declared: what the Lambda Python runtime itself puts on sys.path (src/sources/runtime.ts),
 * and modules that common declared packages install as their own dependencies (`yarl` with aiohttp is one edit
 * from `yaml`).
 */
const PROVIDED = new Set([
  ...PYTHON_RUNTIME_MODULES,
  ...['starlette', 'pydantic', 'pydantic_core', 'anyio', 'sniffio', 'idna', 'certifi', 'charset_normalizer', 'typing_extensions', 'annotated_types'],
  ...['yarl', 'multidict', 'aiosignal', 'frozenlist', 'attr', 'attrs', 'click', 'h11', 'httpcore', 'markupsafe', 'jinja2', 'itsdangerous', 'werkzeug', 'greenlet'],
]);

export function typoImportFindings(graph: AppGraph): RuleFinding[] {
  const out: RuleFinding[] = [];
  const seen = new Set<string>();
  for (const node of runtimeModules(graph)) {
    for (const imp of node.facts.imports) {
      if (imp.level !== 0 || imp.guard !== 'none' || !imp.module) continue;
      const top = imp.module.split('.')[0];
      if (PROVIDED.has(top) || graph.resolver.classify(imp.module) !== 'external') continue;
      const near = graph.resolver.nearMiss(top);
      const key = `${node.file}:${imp.moduleSpan.line}:${imp.moduleSpan.column}`;
      if (!near || seen.has(key)) continue;
      seen.add(key);
      const what = near.kind === 'local' ? `a package under ${graph.root || '.'}` : 'a declared dependency';
      out.push({
        ...at(node.file, imp.moduleSpan),
        severity: 'warning',
        message: `"${top}" is no module under ${rootText(graph)}, of the standard library or of a declared dependency: the import raises ModuleNotFoundError: No module named '${top}' unless something not read here installs it; did you mean "${near.name}" (${what})?`,
        subject: { app: graph.name, names: [imp.module, top] },
      });
    }
  }
  return out;
}
