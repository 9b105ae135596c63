import type { AppGraph } from '../graph/types.js';
import { spanOf } from '../util/span.js';
import type { Rule, RuleFinding } from './types.js';

export const parse001: Rule = {
  code: 'PARSE001',
  name: 'unparsable-python-file',
  severity: 'warning',
  summary: 'A Python file does not parse cleanly or cannot be decoded; the rest is still checked.',
  fixable: false,
  docs: {
    what:
      'A Python file in an entry point\'s import closure that tree-sitter cannot parse cleanly (a syntax error, an unclosed bracket, brackets nested past Python\'s limit of 200) or whose bytes cannot be decoded as UTF-8 (or the encoding its coding cookie declares).',
    why:
      'Python refuses to import such a file at all, and parity-check can only see the parts of it that parse: findings in and about it may be incomplete. An entry point whose bytes cannot be decoded is an error: importing it raises SyntaxError, so the function cannot start. So is nesting past 200 levels in an entry point or a module one imports at start-up (`SyntaxError: too many nested parentheses`).',
    bad: { files: { 'main.py': 'from fastapi import FastAPI\n\napp = FastAPI(\n', 'lazy_app.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n' } },
    good: { files: { 'main.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n', 'lazy_app.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n' } },
    fix: 'Fix the syntax error or save the file as UTF-8; `/usr/bin/python3 -m py_compile FILE` shows what Python thinks.',
  },
  check(ctx) {
    const findings: RuleFinding[] = [];
    // An entry point whose bytes Python cannot decode fails at import (SyntaxError before any line
    // runs): the deployed function cannot start, an error whatever tree-sitter made of the rest.
    const entries = new Map<string, string>();
    for (const app of ctx.apps) for (const e of app.entrypoints) if (!entries.has(e.file)) entries.set(e.file, e.module);
    for (const [file, facts] of ctx.files) {
      const [first, ...more] = facts.parseProblems;
      if (!first) continue;
      const refused = facts.parseProblems.find((p) => p.undecodable || p.nesting);
      const entry = entries.get(file);
      if (refused?.nesting) {
        const importer = entry === undefined ? eagerImporter(ctx.apps, file) : undefined;
        if (entry !== undefined || importer) {
          const why = entry !== undefined ? `this entry point cannot be imported (Python raises SyntaxError on "import ${entry}")` : `Python raises SyntaxError when this module is imported, and entry point ${importer} imports it at start-up`;
          findings.push({ file, ...spanOf(refused), severity: 'error', message: `${refused.message}: ${why}, so the function fails at start-up; nest the value less deeply (build it in steps, or load it from a data file)` });
          continue;
        }
      }
      if (refused?.undecodable && entry !== undefined) {
        findings.push({
          file,
          line: refused.line,
          column: refused.column,
          endLine: refused.endLine,
          endColumn: refused.endColumn,
          severity: 'error',
          message: `${refused.message}: this entry point cannot be imported (Python raises SyntaxError on "import ${entry}"), so the function fails at start-up; save it as UTF-8 or declare its encoding with a coding cookie`,
        });
        continue;
      }
      findings.push({
        file,
        line: first.line,
        column: first.column,
        endLine: first.endLine,
        endColumn: first.endColumn,
        message: `${first.message}${more.length ? ` (and ${more.length} more problem${more.length > 1 ? 's' : ''})` : ''}: Python will not import this file; findings in it may be incomplete`,
      });
    }
    return findings;
  },
};

/**
 * The first entry point (its label) that imports `file` at module level, directly or through other
 * modules: importing the entry point then raises SyntaxError too. Asked only for a file Python
 * refuses to compile (rare), so each entry point's eager closure is built only then.
 */
function eagerImporter(apps: readonly AppGraph[], file: string): string | undefined {
  for (const app of apps) {
    const names = [...app.modules.values()].filter((m) => m.file === file).map((m) => m.name);
    if (!names.length) continue;
    for (const e of app.entrypoints) {
      const closure = app.eagerClosure(e.module);
      if (names.some((n) => closure.has(n))) return e.label;
    }
  }
  return undefined;
}
