import type { Rule, RuleFinding } from './types.js';

export const parse001: Rule = {
  code: 'PARSE001',
  name: 'unparsable-python-file',
  severity: 'warning',
  summary: 'A Python file does not parse cleanly or cannot be decoded; the rest is still checked.',
  fixable: false,
  docs: {
    what:
      'A Python file in an entry point\'s import closure that tree-sitter cannot parse cleanly (a syntax error, an unclosed bracket) or whose bytes cannot be decoded as UTF-8 (or the encoding its coding cookie declares).',
    why:
      'Python refuses to import such a file at all, and parity-check can only see the parts of it that parse: findings in and about it may be incomplete. An entry point whose bytes cannot be decoded is an error: importing it raises SyntaxError, so the function cannot start.',
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
      const refused = facts.parseProblems.find((p) => p.undecodable);
      const entry = entries.get(file);
      if (refused && entry !== undefined) {
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
