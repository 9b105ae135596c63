// The filter's own codes, documented like every rule (`parity-check explain SUP001`, `rules`, SARIF):
// SUP001 and SUP002 are reported by the filter stage (suppress.ts, allow.ts), not by a rule module,
// because only the filter knows which suppressions and allow entries were used.
import type { DocumentedCode } from '../types.js';

export const sup001: DocumentedCode = {
  code: 'SUP001',
  name: 'unused-suppression',
  severity: 'warning',
  summary: 'A `# parity-check: ignore[...]` comment suppresses nothing, names an unknown code, or (with --strict-suppressions) names no code.',
  fixable: false,
  docs: {
    what: 'A suppression comment on a line where the rules it names report nothing, a code no rule has, or a bare `# parity-check: ignore` when --strict-suppressions is on.',
    why: 'A suppression that outlived its finding hides the next real one on that line: the day the router map breaks again, the comment keeps the commit gate quiet, and the break reaches Lambda.',
    bad: {
      files: {
        'lazy_app.py': 'import importlib\n\nROUTERS = {"users": "api.users"}  # parity-check: ignore[MOD001]\n',
        'api/__init__.py': '',
        'api/users.py': 'router = None\n',
      },
    },
    good: {
      files: {
        'lazy_app.py': 'import importlib\n\nROUTERS = {"users": "api.users"}\n',
        'api/__init__.py': '',
        'api/users.py': 'router = None\n',
      },
    },
    fix: 'Delete the comment (or the code it no longer needs). A code written as `# noqa: MOD001` is not read: the form is `# parity-check: ignore[MOD001]`. To turn this check off, set "rules": { "SUP001": "off" } in the config.',
  },
};

export const sup002: DocumentedCode = {
  code: 'SUP002',
  name: 'unused-allow',
  severity: 'warning',
  summary: 'An `allow` entry of the config matches no finding.',
  fixable: false,
  docs: {
    what: 'An entry of the config\'s "allow" list (an intentional difference between entry points) that no finding matched in this run: its rule, name, entry point or file names nothing that is reported.',
    why: 'An allow entry that matches nothing is either stale or misspelt; a misspelt one does not allow what it meant to, and a stale one will silently allow the next real gap of that name.',
    bad: {
      files: {
        'parity-check.config.json': '{ "allow": [{ "rule": "PAR001", "name": "GzipMiddleware", "only": "main.py", "reason": "local only" }] }\n',
      },
    },
    good: {
      files: {
        'parity-check.config.json': '{ "allow": [{ "rule": "PAR001", "name": "GZipMiddleware", "only": "main.py", "reason": "local only" }] }\n',
      },
    },
    fix: 'Correct the entry so it names the finding (the message lists the nearest names), or delete it. To turn this check off, set "rules": { "SUP002": "off" }.',
  },
};

export const FILTER_CODES: readonly DocumentedCode[] = [sup001, sup002];
