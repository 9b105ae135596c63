import type { AppGraph, UnresolvedModulePath } from '../graph/types.js';
import type { Fix } from '../types.js';
import { notFound, rootText, sysPathExplains } from './import-errors.js';
import { didYouMean } from '../util/similar.js';
import type { Rule, RuleFinding } from './types.js';
import { at } from '../util/span.js';
import { verdictSpan, workflowVerdicts } from './shared/workflow-starts.js';

const lazy = (prefix: string) => `import importlib
from typing import Dict
from fastapi import FastAPI

app = FastAPI()

_ROUTER_MAP: Dict[str, str] = {
    "providers": "${prefix}api.v1.providers",
}

def load(name: str):
    module = importlib.import_module(_ROUTER_MAP[name])
    return getattr(module, "router")
`;
const providers = 'from fastapi import APIRouter\n\nrouter = APIRouter()\n';
const main = 'from fastapi import FastAPI\n\nfrom api.v1 import providers\n\napp = FastAPI()\napp.include_router(providers.router)\n';

/** Is this unresolved module-path string an error? See MOD001's docs. */
export function isModulePathError(u: UnresolvedModulePath): boolean {
  if (u.classification === 'unresolved-local') return true;
  // A first segment that is nothing we know (not local, stdlib or declared) while a shorter
  // spelling resolves locally: `"src.api.v1.providers"` in a repository with no `src` folder.
  return u.classification === 'external' && u.suggestion !== undefined;
}

/** A certain fix: the string is a plain one-line literal whose text is exactly the value in quotes. */
export function literalFix(u: UnresolvedModulePath): Fix | undefined {
  const f = u.fact;
  if (!u.suggestion || !f.literal || f.line !== f.endLine || f.endColumn - f.column !== f.value.length + 2) return undefined;
  return {
    safe: true,
    description: `replace "${f.value}" with "${u.suggestion}"`,
    edits: [
      {
        file: u.file,
        span: { line: f.line, column: f.column + 1, endLine: f.line, endColumn: f.endColumn - 1 },
        text: u.suggestion,
      },
    ],
  };
}

/**
 * A server's `module:app` whose top-level name is nothing we know (not local, stdlib or declared) but one or two
 * edits from exactly one local package or declared dependency (`uvicorn mian:app` beside main.py): the server
 * raises ModuleNotFoundError unless something not read here installs that name. A warning, as MOD003 gives for
 * such an import (shared/typo-imports.ts); only for server starts, whose module is the app's own.
 */
function serverTypo(graph: AppGraph, u: UnresolvedModulePath): RuleFinding | undefined {
  const f = u.fact;
  if (!f.serverStart || u.classification !== 'external' || u.suggestion !== undefined) return undefined;
  const top = f.value.split('.')[0];
  const near = graph.resolver.nearMiss(top);
  if (!near) return undefined;
  const what = near.kind === 'local' ? `a module under ${graph.root || '.'}` : 'a declared dependency';
  return {
    ...at(u.file, f),
    severity: 'warning',
    message: `"${f.value}" is no module under ${f.rootLabel ? `${graph.root || '.'} (${f.rootLabel})` : rootText(graph)}, of the standard library or of a declared dependency: ${f.library} imports it at start-up and raises ModuleNotFoundError: No module named '${top}' unless something not read here installs it; did you mean "${near.name}" (${what})?`,
    subject: { app: graph.name, names: [f.value] },
  };
}

export const mod001: Rule = {
  code: 'MOD001',
  name: 'unresolved-module-path',
  severity: 'error',
  summary: 'A module-path string handed to importlib does not resolve under the deploy root.',
  fixable: true,
  docs: {
    what:
      'A string that the code passes to `importlib.import_module` or `__import__` — directly, through a module-level router map (`_ROUTER_MAP[name]`, entries added later with `_ROUTER_MAP["k"] = …`, `.update()`, `.append()` included), or as an f-string over a literal list — that names no module under the app root, although it looks local: its first segment is a folder of the repository, or a shorter spelling of it resolves. A relative string is read against its `package=` (`__package__`, `__name__` or a literal), or the `level` of `__import__`. A call in a `try` that handles ImportError is left to the code when the module is simply absent (not reported); when a shorter spelling resolves it is a router silently left out (a warning). When a module the app runs changes `sys.path` at its top level, findings are warnings without a fix. The same holds for the `module:app` a server imports when a GitHub workflow step starts it (`uvicorn src.app.main:app &` before a smoke test, `gunicorn -k uvicorn.workers.UvicornWorker --chdir backend app.main:app`): read from the folder the step runs in (`working-directory:`, `defaults.run.working-directory`, `cd`) or the server\'s `--app-dir`/`--chdir`, then `$PYTHONPATH` from `env:` or `export`; the message names the workflow job and the command. A server started inside `docker run`/`docker compose` or over `ssh` is not judged; a step whose folder, `$PYTHONPATH` or app string is not known (`${{ matrix.app }}`), or whose job installs the project first (`pip install -e .`, `poetry install`, `uv sync`) with the module not in the folder, is named as not checked. A server\'s module (a workflow step\'s or a Procfile\'s) whose first segment is nothing known (not local, of the standard library or declared) but one or two edits from exactly one local module or declared dependency (`uvicorn mian:app` beside main.py) is a warning: it fails unless something not read installs that name.',
    why:
      'Strings are invisible to linters and type checkers, and lazy loading only imports them on the first request, in production. The root on Lambda is the deployed folder (/var/task), not the repository root: in RIS-2026-02-04 the router map said `"src.api.v1.providers"` while /var/task was the `src/` folder itself, and all 30 lazy endpoints failed with `ModuleNotFoundError: No module named \'src.api.v1.providers\'`.',
    bad: { files: { 'lazy_app.py': lazy('src.'), 'main.py': main, 'api/__init__.py': '', 'api/v1/__init__.py': '', 'api/v1/providers.py': providers } },
    good: { files: { 'lazy_app.py': lazy(''), 'main.py': main, 'api/__init__.py': '', 'api/v1/__init__.py': '', 'api/v1/providers.py': providers } },
    fix:
      'Spell the path from the deploy root: drop the prefix the message names (`"src.api.v1.providers"` → `"api.v1.providers"`). `parity-check --fix` rewrites the string when exactly one spelling resolves. If the root itself is wrong, fix `root` in the config or the deploy definition.',
  },
  check(ctx) {
    const findings: RuleFinding[] = [];
    // Servers workflows start from a folder that is no app's root (shared/workflow-starts.ts); the notes name the rest.
    const wf = workflowVerdicts(ctx.apps, ctx.files, ctx.appRoots);
    ctx.notes?.push(...wf.notes);
    for (const v of wf.verdicts) if (v.code === 'MOD001') findings.push({ ...verdictSpan(v), message: v.message, subject: { app: v.graph.name, names: [v.start.app!.value] } });
    for (const graph of ctx.apps) {
      const explained = sysPathExplains(graph);
      for (const u of graph.unresolvedModulePaths) {
        if (!isModulePathError(u)) {
          const typo = serverTypo(graph, u);
          if (typo) findings.push(typo);
          continue;
        }
        const f = u.fact;
        const soft = explained(u.target, u.suggestion);
        // An optional module (the ImportError is caught) that is simply absent is the code's own
        // business; one spelled so that only a shorter path resolves is a router silently lost.
        // (A TypeError, for a relative string with no package, is not an ImportError: it escapes.)
        const caught = f.guarded === true && !u.error?.startsWith('TypeError');
        if (caught && !u.suggestion) continue;
        const where = f.container ? ` (${f.container}${f.key !== undefined ? `["${f.key}"]` : ''})` : '';
        const fstring = f.via === 'fstring' ? ' (one value of this f-string)' : '';
        findings.push({
          ...at(u.file, f),
          message:
            `"${f.value}"${fstring}${where} does not resolve under ${f.rootLabel ? `${graph.root || '.'} (${f.rootLabel})` : rootText(graph)}: ${u.error ? `Python raises ${u.error}` : `${f.library ? `${f.library} imports it at start-up and raises` : 'importlib.import_module raises'} ${notFound(graph, u.target ?? f.value)}`}` +
            didYouMean(u.suggestion ? [u.suggestion] : []) +
            (caught ? ' (the ImportError is caught here, so the module is silently left out)' : '') +
            (soft ?? ''),
          ...(caught || soft ? { severity: 'warning' as const } : {}),
          // sys.path changed at run time: the string may resolve there, and a rewrite could break it.
          ...(soft ? {} : { fix: literalFix(u) }),
          subject: { app: graph.name, names: [f.value] },
        });
      }
    }
    return findings;
  },
};
