// Suppressions and rule settings as ruff and ESLint users expect them (#18 point 11): SUP001 can be
// turned off, unknown codes in `rules` are errors with a did-you-mean (and the JSON Schema lists the
// codes), "warn" means "warning", SUP001/SUP002 have docs, `# noqa: CODE` gets a hint, a
// whole-file suppression, and comments in the JSON config. Through the real CLI.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULE_CODES } from '../src/types/rules.js';
import { DOCUMENTED } from '../src/rules/index.js';
import { python, REPO, runCli, writeTree } from './helpers.js';

type Json = { findings: { ruleId: string; severity: string; line: number; message: string }[] };

/** lazy_app.py imports a name main.py lacks: MOD004 at line 3 (Python: ImportError: cannot import name 'settings'). */
const app = (lazyHead = '', config?: string) =>
  writeTree({
    'main.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n',
    'lazy_app.py': `${lazyHead}from fastapi import FastAPI\nfrom main import settings\n\napp = FastAPI()\n`,
    ...(config !== undefined ? { 'parity-check.config.json': config } : {}),
  });
const check = (dir: string) => {
  const r = runCli([dir, '--format', 'json', '--no-cache']);
  return { ...r, doc: r.code === 2 ? undefined : (JSON.parse(r.stdout) as Json) };
};

describe('the fixture', () => {
  it('Python refuses the import that MOD004 reports', () => {
    const dir = app();
    expect(python('import lazy_app', dir).stderr).toContain("cannot import name 'settings' from 'main'");
    expect(check(dir).doc!.findings.map((f) => `${f.ruleId}:${f.line}`)).toEqual(['MOD004:2']);
  });
});

describe('rules settings', () => {
  it('"SUP001": "off" turns the unused-suppression check off', () => {
    const head = 'import os  # parity-check: ignore[MOD001]\n';
    expect(check(app(head)).doc!.findings.map((f) => f.ruleId)).toEqual(['SUP001', 'MOD004']);
    expect(check(app(head, '{ "rules": { "SUP001": "off" } }')).doc!.findings.map((f) => f.ruleId)).toEqual(['MOD004']);
  });

  it('"SUP001": "error" raises it like any rule', () => {
    const r = check(app('import os  # parity-check: ignore[MOD001]\n', '{ "rules": { "SUP001": "error", "MOD004": "off" } }'));
    expect(r.doc!.findings.map((f) => `${f.ruleId} ${f.severity}`)).toEqual(['SUP001 error']);
    expect(r.code).toBe(1);
  });

  it('"warn" is "warning"', () => {
    const r = check(app('', '{ "rules": { "MOD004": "warn" } }'));
    expect(r.doc!.findings.map((f) => `${f.ruleId} ${f.severity}`)).toEqual(['MOD004 warning']);
    expect(r.code).toBe(0);
  });

  it('an unknown code is a config error naming the closest codes; the JSON Schema enumerates the codes', () => {
    const r = runCli([app('', '{ "rules": { "MOD009": "off" } }')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('rules: "MOD009" is not a rule code; did you mean "MOD001"');
    const schema = JSON.parse(fs.readFileSync(path.join(REPO, 'config', 'parity-check.schema.json'), 'utf8')) as {
      properties: { rules: { propertyNames: { enum: string[] } } };
    };
    expect(schema.properties.rules.propertyNames.enum).toEqual([...RULE_CODES]);
  });

  it('the code list is every rule and the filter codes, each documented', () => {
    expect(DOCUMENTED.map((r) => r.code)).toEqual([...RULE_CODES]);
    const explain = runCli(['explain', 'SUP001']);
    expect(explain.code).toBe(0);
    for (const heading of ['What it finds', 'Why it breaks production', 'Bad', 'Good', 'How to fix']) expect(explain.stdout).toContain(`\n${heading}\n`);
    expect(runCli(['explain', 'sup002']).stdout.startsWith('SUP002')).toBe(true);
    const rules = runCli(['rules']).stdout;
    expect(rules).toContain('SUP001');
    expect(rules).toContain('SUP002');
  });
});

describe('suppression comments', () => {
  it('# parity-check: ignore-file[MOD004] covers the whole file; unused, it is said', () => {
    expect(check(app('# parity-check: ignore-file[MOD004]\n')).doc!.findings).toEqual([]);
    const unused = check(app('# parity-check: ignore-file[PAR001]\n')).doc!.findings;
    expect(unused.map((f) => f.ruleId)).toEqual(['SUP001', 'MOD004']);
    expect(unused[0].message).toBe('unused suppression: no PAR001 finding in this file');
  });

  it('# noqa: MOD004 suppresses nothing and says which form to write; a flake8 noqa is left alone', () => {
    const dir = writeTree({
      'main.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n',
      'lazy_app.py': 'from fastapi import FastAPI\nfrom main import settings  # noqa: MOD004\nimport os, sys  # noqa: E401\n\napp = FastAPI()\n',
    });
    const f = check(dir).doc!.findings;
    expect(f.map((x) => `${x.ruleId}:${x.line}`)).toEqual(['MOD004:2', 'SUP001:2']);
    expect(f[1].message).toBe('"# noqa" is not read by parity-check: write "# parity-check: ignore[MOD004]"');
  });
});

describe('comments in the JSON config (JSONC)', () => {
  it('// and /* */ comments are read; a real syntax error keeps its line', () => {
    const jsonc = '{\n  // MOD004 is known, see ticket 12\n  "rules": { "MOD004": "off" /* for now */ }\n}\n';
    expect(check(app('', jsonc)).doc!.findings).toEqual([]);
    const broken = runCli([app('', '{\n  // a comment\n  "rules": { "MOD004" "off" }\n}\n')]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/parity-check\.config\.json.*3:/);
  });

  it('a "//" inside a string is not a comment', () => {
    // With a real comment after it, so the test needs the comment reader and checks it spares the string.
    const r = check(app('', '{ "ignore": ["http://example.com/*.py"], // not read\n "rules": { "MOD004": "off" } }'));
    expect(r.doc!.findings).toEqual([]);
  });
});

describe('pyproject.toml [tool.parity-check] (#18 point 5)', () => {
  const withPyproject = (toml: string) =>
    writeTree({
      'main.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n',
      'lazy_app.py': 'from fastapi import FastAPI\nfrom main import settings\n\napp = FastAPI()\n',
      'pyproject.toml': toml,
    });

  it('is read like the JSON config: rules and apps', () => {
    const dir = withPyproject('[project]\nname = "svc"\n\n[tool.parity-check]\napps = [{ name = "svc", root = ".", entrypoints = ["main.py", "lazy_app.py"] }]\n\n[tool.parity-check.rules]\nMOD004 = "warn"\n');
    const r = check(dir);
    expect(r.doc!.findings.map((f) => `${f.ruleId} ${f.severity}`)).toEqual(['MOD004 warning']);
    expect(r.stderr).not.toContain('no config');
  });

  it('validation messages name the table; a TOML syntax error has its line and column', () => {
    const bad = runCli([withPyproject('[tool.parity-check]\nrules = { MOD009 = "off" }\n')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('pyproject.toml [tool.parity-check]: rules: "MOD009" is not a rule code');
    const broken = runCli([withPyproject('[tool.parity-check]\nrules = { MOD004 = \n')]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/pyproject\.toml \[tool\.parity-check\]: invalid TOML at line 2, column \d+/);
  });

  it('a pyproject.toml without the table is not a config (apps are discovered)', () => {
    const r = check(withPyproject('[project]\nname = "svc"\n\n[tool.ruff]\nline-length = 100\n'));
    expect(r.stderr).toContain('no config; discovered an app');
    expect(r.doc!.findings.map((f) => f.ruleId)).toEqual(['MOD004']);
  });
});
