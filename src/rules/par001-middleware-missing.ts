import { middlewareOf, type Registration } from '../graph/registrations/middleware.js';
import { parityGroups } from '../graph/registrations/groups.js';
import { type ServedApp } from '../graph/registrations/served.js';
import { gaps, placeOf } from './shared/compare.js';
import { unreadOf, unreadWarnings } from './shared/unread.js';
import type { Fix, ImportFact } from '../types.js';
import type { Rule, RuleFinding } from './types.js';
import { at } from '../util/span.js';
import { importText, placeImports, type NewImport, type Section } from './shared/import-place.js';
import type { AppGraph } from '../graph/types.js';

/** The isort section of an absolute module in this app: first party when it resolves under the app root. */
function sectionOf(graph: AppGraph, module: string): Section {
  if (module === '__future__') return 'future';
  const c = graph.resolver.classify(module);
  return c === 'local' || c === 'unresolved-local' ? 'first-party' : c === 'stdlib' ? 'stdlib' : 'third-party';
}

/**
 * One factory registration both apps hold only if a test on an argument passes, each call passing a
 * value that cannot be read, and passing different ones: whether both serve it is not known.
 */
function argumentWarnings(app: string, apps: ServedApp[], regs: Registration[][]): RuleFinding[] {
  const out: RuleFinding[] = [];
  for (let i = 0; i < apps.length; i++)
    for (const reg of regs[i]) {
      if (!reg.argument) continue;
      for (let j = i + 1; j < apps.length; j++) {
        const other = regs[j].find((r) => r.id === reg.id && r.fact === reg.fact);
        if (!other?.argument || other.argument === reg.argument) continue;
        out.push({
          ...at(reg.file, reg.fact),
          severity: 'warning',
          message: `${reg.name} is registered only if ${reg.argument} for ${apps[i].label} and only if ${other.argument} for ${apps[j].label}: the values cannot be read, so whether both serve it is not known`,
          related: [at(apps[j].module.file, apps[j].app)],
          subject: { app, names: reg.aliases, presentIn: [apps[i].label, apps[j].label] },
        });
      }
    }
  return out;
}

/** The import statement that binds `name` at module level, as it can be written in another file. */
function importLineFor(imports: ImportFact[], name: string): NewImport | undefined {
  for (const imp of [...imports].reverse()) {
    if (imp.scope !== 'module' || imp.guard !== 'none' || imp.conditional) continue;
    if (imp.kind === 'from') {
      const n = imp.names.find((x) => (x.alias ?? x.name) === name && x.name !== '*');
      if (!n) continue;
      // A relative import means something else in another folder: not certain.
      if (imp.level > 0) return undefined;
      return { kind: 'from', module: imp.module, name: n.name, ...(n.alias ? { alias: n.alias } : {}) };
    }
    if (imp.alias === name) return imp.level === 0 ? { kind: 'import', module: imp.module, alias: name } : undefined;
    if (!imp.alias && imp.module.split('.')[0] === name) return { kind: 'import', module: imp.module };
  }
  return undefined;
}

/**
 * Copy the registration after the lacking app's last middleware (or after the app is created),
 * with the imports it needs. Only when certain: an unconditional add_middleware whose names are
 * all either imported the same way in the target file already or imported absolutely in the source file.
 */
function copyFix(graph: AppGraph, reg: Registration, from: ServedApp, to: ServedApp, fromRegs: Registration[], toRegs: Registration[]): Fix | undefined {
  if (reg.fact.kind !== 'add_middleware' || reg.fact.conditional || reg.fact.element || from.module.file === to.module.file) return undefined;
  const bound = new Set(to.module.facts.definitions.map((d) => d.name));
  const needed = new Set([reg.fact.app, reg.fact.className.split('.')[0], ...reg.fact.args.flatMap((a) => a.names)]);
  const imports = new Map<string, NewImport>();
  for (const name of needed) {
    if (name === reg.fact.app) {
      if (to.app.variable !== name) return undefined; // the app is called differently there
      continue;
    }
    const line = importLineFor(from.module.facts.imports, name);
    if (bound.has(name)) {
      // The target binds the name already: certain only when it imports the very same thing. A
      // name bound to something else there (another module's TimingMiddleware) would make the
      // copied line register that instead.
      const there = importLineFor(to.module.facts.imports, name);
      if (line === undefined || there === undefined || importText(there) !== importText(line)) return undefined;
      continue;
    }
    if (!line) return undefined;
    imports.set(importText(line), line);
  }
  // Keep Starlette's order: land right after the registration that precedes this one in the source
  // and exists in the target too; with none, before the first one they share, or after the app is created.
  const before = fromRegs.slice(0, fromRegs.indexOf(reg)).reverse();
  const anchor = before.map((r) => toRegs.find((t) => t.id === r.id)).find((t) => t !== undefined);
  const firstShared = fromRegs.slice(fromRegs.indexOf(reg) + 1).map((r) => toRegs.find((t) => t.id === r.id)).find((t) => t !== undefined);
  if (anchor?.fact.conditional || (!anchor && firstShared?.fact.conditional)) return undefined;
  const after = anchor ? anchor.fact.statement.endLine : firstShared ? firstShared.fact.statement.line - 1 : to.app.endLine;
  const edits = [{ file: to.module.file, span: { line: after + 1, column: 1, endLine: after + 1, endColumn: 1 }, text: `${reg.fact.statementText}\n` }];
  if (imports.size) {
    const block = to.module.facts.imports.filter((i) => i.scope === 'module' && i.guard === 'none' && !i.conditional && i.line < to.app.line);
    edits.unshift(...placeImports(to.module.file, block, [...imports.values()], (m) => sectionOf(graph, m)));
  }
  return { safe: true, description: `add ${reg.name} to ${to.label}`, edits };
}

const MAIN = `from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware

app = FastAPI()
app.add_middleware(GZipMiddleware, minimum_size=500)
`;

export const par001: Rule = {
  code: 'PAR001',
  name: 'middleware-missing-in-entry-point',
  severity: 'error',
  summary: 'A middleware is registered in one entry point and not in another.',
  fixable: true,
  docs: {
    what:
      'A middleware class registered on the app of one entry point (`app.add_middleware(...)`, `FastAPI(middleware=[Middleware(...)])` or `@app.middleware("http")`) that the app of another entry point of the same service never registers. Classes are compared by identity: an alias, a re-export through a shared module and FastAPI\'s re-exports of Starlette\'s middleware are the same class. A class an entry point module defines itself is identified by its name: `class AppMiddleware(BaseHTTPMiddleware)` copied into each entry point and registered in each is one middleware. An app built by a factory of the repository (`app = create_app()`) has what the factory registers, and an app handed to a set-up function (`configure_middleware(app)`) counts that function\'s registrations as its own; an app handed to a function that cannot be read (another package\'s) is never reported as lacking a middleware, since that function may register it.',
    why:
      'Local runs and tests use the eager entry point (main.py under uvicorn); Lambda runs the other one (lazy_app.py through handler.py). A middleware added to one only changes behaviour where nobody tests it: in RIS-050, GZipMiddleware was added to main.py and not to lazy_app.py, and login was down for 37 minutes.',
    bad: {
      files: {
        'main.py': MAIN,
        'lazy_app.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n',
      },
    },
    good: {
      files: {
        'main.py': MAIN,
        'lazy_app.py': MAIN,
      },
    },
    fix:
      'Register the same middleware, with the same arguments, in every entry point — or move the registrations into one function both entry points call. If the difference is intentional, declare it in the config: `"allow": [{"rule": "PAR001", "name": "DebugToolbarMiddleware", "only": "main.py", "reason": "…"}]`. `parity-check --fix` copies a missing `add_middleware` line and the imports it needs, when that is certain.',
  },
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const graph of ctx.apps) for (const apps of parityGroups(graph)) {
      if (apps.length < 2) continue;
      const regs = apps.map((a) => middlewareOf(graph, a));
      for (const { item: reg, i, j, presentIn } of gaps(apps, regs, (r) => r.id)) {
        // The lazy router loader is how the Lambda entry point serves its routers: PAR003 compares those.
        if (reg.loader) continue;
        const lacking = apps[j];
        if (unreadOf(lacking, ['middleware']).length) continue; // said by unreadWarnings
        // The lacking app passes a list imported from another module: its classes are not read
        // here, so the class may be in it (a warning that says so, never a false error).
        const tables = reg.fact.loop ? [] : regs[j].filter((r) => r.fact.loop && r.fact.kind === 'constructor').map((r) => r.fact.loop!.iterable);
        const via = lacking.entries.filter((e) => e.label !== lacking.label).map((e) => e.label);
        findings.push({
          ...at(reg.file, reg.fact),
          message:
            `${reg.name} is registered in ${placeOf(graph, apps[i], reg.file, reg.fact.line)} but not in ${lacking.label}` +
            (via.length ? ` (served by ${via.join(', ')})` : '') +
            `: requests through ${lacking.label} run without it` +
            (reg.argument ? ` (registered only if ${reg.argument}, which cannot be read)` : reg.fact.conditional ? ' (registered under a condition here)' : '') +
            (tables.length ? `, unless the imported ${tables.join(', ')} holds it` : ''),
          // A test on a factory argument that cannot be read: maybe registered, maybe not.
          ...(tables.length || reg.argument ? { severity: 'warning' as const } : {}),
          related: [at(lacking.module.file, lacking.app)],
          fix: copyFix(graph, reg, apps[i], lacking, regs[i], regs[j]),
          subject: { app: graph.name, names: reg.aliases, presentIn },
        });
      }
      findings.push(...argumentWarnings(graph.name, apps, regs));
      findings.push(...unreadWarnings(graph.name, apps, ['middleware'], 'middleware'));
    }
    return findings;
  },
};
