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
      'Python refuses to import such a file at all, and parity-check can only see the parts of it that parse: findings in and about it may be incomplete.',
    bad: { files: { 'main.py': 'from fastapi import FastAPI\n\napp = FastAPI(\n', 'lazy_app.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n' } },
    good: { files: { 'main.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n', 'lazy_app.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n' } },
    fix: 'Fix the syntax error or save the file as UTF-8; `/usr/bin/python3 -m py_compile FILE` shows what Python thinks.',
  },
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const [file, facts] of ctx.files) {
      const [first, ...more] = facts.parseProblems;
      if (!first) continue;
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
