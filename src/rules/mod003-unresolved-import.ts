import { runtimeModules } from '../graph/closure.js';
import type { UnresolvedImport } from '../graph/types.js';
import type { Fix } from '../types.js';
import { notFound, rootAndFolders, rootText, sysPathExplains } from './import-errors.js';
import { closeMatches, didYouMean } from '../util/similar.js';
import type { Rule, RuleFinding } from './types.js';
import { at } from '../util/span.js';
import { typoImportFindings } from './shared/typo-imports.js';

const handler = (prefix: string) => `from ${prefix}lambdas.ingestion.alerting import send_alert


def lambda_handler(event, context):
    send_alert(event)
    return {"ok": True}
`;
const files = (prefix: string) => ({
  'main.py': `from fastapi import FastAPI\n\nfrom ${prefix}lambdas.ingestion.alerting import send_alert  # noqa: F401\n\napp = FastAPI()\n`,
  'lazy_app.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n',
  'handler.py': handler(prefix),
  'lambdas/__init__.py': '',
  'lambdas/ingestion/__init__.py': '',
  'lambdas/ingestion/alerting.py': 'def send_alert(event):\n    return event\n',
});

/** A certain fix: rewrite the module of the import statement when exactly one spelling resolves. */
function importFix(u: UnresolvedImport): Fix | undefined {
  const f = u.fact;
  if (!u.suggestion || f.level !== 0 || f.moduleSpan.line !== f.moduleSpan.endLine) return undefined;
  // `import a.b` binds `a`: renaming it would change the name the code uses.
  if (f.kind === 'import' && !f.alias) return undefined;
  return {
    safe: true,
    description: `import from "${u.suggestion}" instead of "${f.module}"`,
    edits: [{ file: u.file, span: f.moduleSpan, text: u.suggestion }],
  };
}

/** A name under six.moves that six's importer does not register (src/graph/six-moves.ts). */
function sixFinding(app: string, u: UnresolvedImport): RuleFinding {
  const six = u.six!;
  const last = (n: string) => n.slice(n.lastIndexOf('.') + 1);
  const missing = /No module named '([^']+)'/.exec(u.error ?? '')?.[1] ?? u.target;
  const byLast = new Map((u.near ?? []).map((n) => [last(n), n]));
  const near = closeMatches(last(missing), byLast.keys()).map((n) => byLast.get(n)!);
  return {
    ...at(u.file, u.fact.moduleSpan),
    message: `"${u.target}" is not a module ${six} registers (its importer builds six.moves from the tables there): ${u.error}` + didYouMean(near),
    subject: { app, names: [u.target] },
  };
}

export const mod003: Rule = {
  code: 'MOD003',
  name: 'unresolved-local-import',
  severity: 'error',
  summary: 'A static import in an entry point\'s closure names a local module that does not resolve under the deploy root.',
  fixable: true,
  docs: {
    what:
      'An `import` or `from … import` statement in a module an entry point loads (directly or transitively) whose module does not resolve under the app root while its first segment is a folder or module of the repository — typically the repository path spelled out (`from src.lambdas.ingestion.alerting import send_alert`) when the deployed root is below `src`. Imports guarded by `try/except ImportError`, `with suppress(ImportError)` or `if importlib.util.find_spec(...)`, and imports under `if TYPE_CHECKING:` or `if __name__ == "__main__":` (which never run on import), are never reported. When a module the app runs changes `sys.path` at its top level (`sys.path.insert(0, "vendor")`), findings are warnings without a fix: the import may resolve there. A warning too for a top-level name that is no local module, no standard-library module and no declared dependency but one or two edits from exactly one that is (`import reqeusts` with `requests` declared, `from apii.v1 import x` with a local `api`): something not read may install it, so it is never an error. A name under six\'s virtual `six.moves` is judged from six.py\'s tables when six.py is in the package (`import six.moves.range` fails: `range` is an attribute, not a module its importer registers); a six installed from requirements is not read.',
    why:
      'Locally the repository root is on `sys.path` (the IDE, pytest\'s rootdir, `python -m`), so the import works; on Lambda only /var/task is, and the function fails at cold start with `Runtime.ImportModuleError: No module named \'src\'` (spec 427).',
    bad: { files: { ...files('src.'), 'src/scripts/seed.py': '# the repository has a src folder\n' }, config: { apps: [{ name: 'app', root: '.', entrypoints: ['main.py', 'lazy_app.py', 'handler.py'] }] } },
    good: { files: files('') },
    fix: 'Import through the path that exists under the deploy root (`from lambdas.ingestion.alerting import send_alert`), or change the packaging so the repository path exists in the package. `parity-check --fix` rewrites the import when exactly one spelling resolves.',
  },
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const graph of ctx.apps) {
      const runtime = new Set([...runtimeModules(graph)].map((m) => m.name));
      const explained = sysPathExplains(graph);
      for (const u of graph.unresolvedImports) {
        if (u.classification !== 'unresolved-local' || !runtime.has(u.from)) continue;
        if (u.fact.guard !== 'none') continue; // optional, TYPE_CHECKING-only or __main__-only
        const f = u.fact;
        if (u.six) {
          findings.push(sixFinding(graph.name, u));
          continue;
        }
        // The graph keeps the dots when a relative import could not be made absolute.
        const relative = u.target.startsWith('.');
        // A top-level module is in no package: Python has no parent to be relative to.
        const from = graph.modules.get(u.from);
        const noParent = !u.from.includes('.') && !from?.isPackage;
        const soft = relative ? undefined : explained(u.target, u.suggestion);
        const when = f.scope === 'module' || f.runsAtImport ? '' : ' (inside a function: it fails when the function first runs, not on import)';
        findings.push({
          ...at(u.file, f.moduleSpan),
          message:
            (relative
              ? noParent
                ? `relative import "${u.target}" in a top-level module under ${rootText(graph)}: ImportError: attempted relative import with no known parent package`
                : `relative import "${u.target}" goes beyond the top-level package under ${rootText(graph)}: ImportError: attempted relative import beyond top-level package`
              : `"${u.target}" does not resolve under ${rootAndFolders(graph, u.folders)}: ${notFound(graph, u.target, u.folders)}` + didYouMean(u.suggestion ? [u.suggestion] : [])) +
            when +
            (soft ?? ''),
          // sys.path changed at run time: the import may resolve there, and a rewrite could break it.
          ...(soft ? { severity: 'warning' as const } : { fix: importFix(u) }),
          subject: { app: graph.name, names: [u.target] },
        });
      }
      // A top-level name nothing provides, a typo away from one that something does (shared/typo-imports.ts).
      findings.push(...typoImportFindings(graph));
    }
    return findings;
  },
};
