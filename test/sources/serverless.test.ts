import { describe, expect, it } from 'vitest';
import { applyPatterns, extractServerless, serverlessSource } from '../../src/sources/serverless.js';
import { loadFixture } from './helpers.js';

describe('serverless source', () => {
  const fx = loadFixture('serverless-multi');
  const facts = extractServerless('serverless.yml', fx.text('serverless.yml'), fx.ctx);
  const [users, health, reports] = facts.functions;

  it('matches serverless.yml/yaml', () => {
    expect(serverlessSource.matches('serverless.yml')).toBe(true);
    expect(serverlessSource.matches('svc/serverless.yaml')).toBe(true);
    expect(serverlessSource.matches('serverless.yml.bak')).toBe(false);
  });

  it('reads the three functions with handler strings as Lambda reads them', () => {
    expect(facts.problems).toEqual([]);
    expect(facts.functions.map((f) => f.name)).toEqual(['users', 'health', 'reports']);
    expect(users.handler).toEqual({ known: true, value: 'src/handlers/users.handler', loc: { file: 'serverless.yml', line: 23, column: 14, endLine: 23, endColumn: 40 } });
    expect(health.handler.known && health.handler.value).toBe('src/handlers/health.check');
  });

  it('runtime: provider default, function override', () => {
    expect(users.runtime?.known && users.runtime.value).toBe('python3.11');
    expect(health.runtime?.known && health.runtime.value).toBe('python3.12');
  });

  it('${...} variables are unknown with why', () => {
    expect(reports.handler).toMatchObject({ known: false, why: '${self:custom.reportHandler} is a Serverless variable', loc: { line: 32 } });
  });

  it('package.patterns exclude tests, docs and the serverless file itself', () => {
    expect(users.layout.known).toBe(true);
    if (!users.layout.known) return;
    const l = users.layout.value;
    expect(l.how).toBe('simulated');
    expect(l.codeRoot).toBe('');
    expect(l.copies![0].command).toBe("serverless's package of the service folder (package.patterns)");
    expect(l.files!.map((f) => f.dest)).toEqual([
      'requirements.txt',
      'src/__init__.py',
      'src/handlers/__init__.py',
      'src/handlers/health.py',
      'src/handlers/reports.py',
      'src/handlers/users.py',
      'src/lib/__init__.py',
      'src/lib/store.py',
    ]);
  });

  it('patterns are ordered: a later include re-adds an excluded file', () => {
    const all = ['a.py', 'tests/t.py', 'tests/fixtures/data.json', 'docs/x.md'];
    expect(applyPatterns(all, ['!tests/**', 'tests/fixtures/**'])).toEqual(['a.py', 'tests/fixtures/data.json', 'docs/x.md']);
    expect(applyPatterns(all, ['!**', 'a.py'])).toEqual(['a.py']);
  });

  it('no patterns → the service folder is the code root; a per-function artifact names its zip for the step that builds it', () => {
    const text = 'service: s\nprovider:\n  name: aws\n  runtime: python3.12\npackage:\n  individually: true\nfunctions:\n  a:\n    handler: app.main\n  b:\n    handler: b.main\n    package:\n      artifact: dist/b.zip\n';
    const f = extractServerless('svc/serverless.yml', text, fx.ctx);
    expect(f.functions[0].layout).toMatchObject({ known: true, value: { how: 'code-root', codeRoot: 'svc' } });
    expect(f.functions[1].layout).toMatchObject({ known: false, why: 'package.artifact svc/dist/b.zip: a prebuilt zip, built outside serverless' });
    expect((f.functions[1] as { artifact?: string }).artifact).toBe('svc/dist/b.zip');
  });
});
