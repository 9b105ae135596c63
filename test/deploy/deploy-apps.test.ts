// Apps from deploy definitions, checked end to end by the built CLI (a process), on real files.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { copyTree, runCli, runJson } from '../helpers.js';

const DEPLOY = fileURLToPath(new URL('../fixtures/deploy/', import.meta.url));
const APPS = fileURLToPath(new URL('../fixtures/deploy-apps/', import.meta.url));
const fx = (name: string) => (name.startsWith('spec427') ? path.join(DEPLOY, name) : path.join(APPS, name));
const json = (name: string, ...args: string[]) => runJson([fx(name), '--no-cache', ...args]);
const pick = (f: { ruleId: string; file: string; line: number; column: number }) => ({ ruleId: f.ruleId, file: f.file, line: f.line, column: f.column });

describe('spec 427 (the built CLI)', () => {
  it('refuses the flat copy with LPK003 at the cp line, once, with the copy and handler that work', () => {
    const r = json('spec427-broken');
    expect(r.code).toBe(1);
    const errors = r.findings.filter((f) => f.severity === 'error');
    expect(errors.map(pick)).toEqual([{ ruleId: 'LPK003', file: '.github/workflows/deploy.yml', line: 51, column: 11 }]);
    expect(errors[0].message).toContain('cp -r src/lambdas/ingestion/* ${PACKAGES_DIR}/ingestion-build/ puts src/lambdas/ingestion at the package root');
    expect(errors[0].message).toContain(
      'mkdir -p ${PACKAGES_DIR}/ingestion-build/src/lambdas/ingestion && cp -r src/lambdas/ingestion/* ${PACKAGES_DIR}/ingestion-build/src/lambdas/ingestion/',
    );
    expect(errors[0].message).toContain('the handler "src.lambdas.ingestion.handler.lambda_handler" then matches');
    expect(errors[0].message).toContain("Runtime.ImportModuleError: Unable to import module 'src.lambdas.ingestion.handler': No module named 'src.lambdas.ingestion'");
    // The same flat copy, seen across the tree: dashboard keeps the path, ingestion does not.
    const warnings = r.findings.filter((f) => f.severity === 'warning');
    expect(warnings.map(pick)).toEqual([{ ruleId: 'LPK002', file: '.github/workflows/deploy.yml', line: 51, column: 11 }]);
    expect(warnings[0].message).toContain('dashboard keeps the repository path (src/lambdas/dashboard/handler.py)');
  });

  it('passes the fixed twin with zero findings', () => {
    const r = json('spec427-fixed');
    expect(r.findings).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('pretty output names the rule at the cp line', () => {
    const r = runCli([fx('spec427-broken'), '--no-cache']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('.github/workflows/deploy.yml:51:11  LPK003  error');
  });
});

describe('a SAM repository without parity-check config', () => {
  it('takes the root src from CodeUri and reports MOD001 under it', () => {
    const r = json('sam-noconfig');
    expect(r.code).toBe(1);
    expect(r.findings.map(pick)).toEqual([{ ruleId: 'MOD001', file: 'src/lazy_app.py', line: 9, column: 18 }]);
    expect(r.findings[0].message).toContain('does not resolve under src (Lambda\'s /var/task)');
    expect(r.findings[0].message).toContain('did you mean "api.v1.providers"?');
    expect(r.stderr).toContain('discovered an app at src with entry points main.py, lazy_app.py, handler.py');
  });

  it('is checked from the template alone when no folder would be discovered', () => {
    const dir = copyTree(fx('sam-noconfig'));
    // main.py no longer creates an app: discovery finds nothing; the template still names src/handler.py.
    fs.writeFileSync(path.join(dir, 'src/main.py'), 'from lazy_app import app\n');
    const r = runJson([dir, '--no-cache']);
    expect(r.findings.map(pick)).toEqual([{ ruleId: 'MOD001', file: 'src/lazy_app.py', line: 9, column: 18 }]);
    expect(r.findings[0].message).toContain('under src (Lambda\'s /var/task)');
    expect(r.stderr).toContain('discovered an app at src with entry points handler.py');
  });
});

describe('HND001', () => {
  it('SAM: a module written from the repository root, a function the module lacks; a defined one passes', () => {
    const r = json('hnd-sam');
    expect(r.findings.map(pick)).toEqual([
      { ruleId: 'HND001', file: 'template.yaml', line: 8, column: 16 },
      { ruleId: 'HND001', file: 'template.yaml', line: 14, column: 16 },
    ]);
    expect(r.findings[0].message).toBe(
      'handler "src.orders.lambda_handler" of OrdersFunction names a module that is not in the package: Lambda fails every invocation with Runtime.ImportModuleError: Unable to import module \'src.orders\': No module named \'src\'; "orders.lambda_handler" resolves in the package',
    );
    expect(r.findings[1].message).toContain("Runtime.HandlerNotFound: Handler 'handler' missing on module 'reports'");
    expect(r.findings[1].message).toContain('"reports.lambda_handler" resolves in the package');
    // AuditFunction (template.yaml:20, audit.lambda_handler, a def) is not reported.
    expect(r.findings.some((f) => f.line === 20)).toBe(false);
  });

  it('serverless: slash handlers; a missing function, a missing module; a def passes', () => {
    const r = json('hnd-serverless');
    expect(r.findings.map(pick)).toEqual([
      { ruleId: 'HND001', file: 'serverless.yml', line: 15, column: 14 },
      { ruleId: 'HND001', file: 'serverless.yml', line: 17, column: 14 },
    ]);
    expect(r.findings[0].message).toContain("Runtime.HandlerNotFound: Handler 'handler' missing on module 'src/handlers/billing'");
    expect(r.findings[0].message).toContain('"src/handlers/billing.lambda_handler" resolves in the package');
    expect(r.findings[1].message).toContain(
      "Runtime.ImportModuleError: Unable to import module 'src/handlers/invoices': No module named 'src.handlers.invoices'",
    );
  });

  it('Terraform: archive_file source_dir is the package root', () => {
    const r = json('hnd-terraform');
    expect(r.findings.map(pick)).toEqual([
      { ruleId: 'HND001', file: 'infra/main.tf', line: 10, column: 22 },
      { ruleId: 'HND001', file: 'infra/main.tf', line: 19, column: 22 },
    ]);
    expect(r.findings[0].message).toContain('"service.lambda_handler" resolves in the package');
    expect(r.findings[1].message).toContain("Unable to import module 'jobs': No module named 'jobs'");
  });

  it('Dockerfile: handler = Mangum(app) is a handler; a name the module lacks is not', () => {
    expect(json('hnd-docker').findings).toEqual([]);
    const dir = copyTree(fx('hnd-docker'));
    const df = path.join(dir, 'Dockerfile');
    fs.writeFileSync(df, fs.readFileSync(df, 'utf8').replace('"main.handler"', '"main.lambda_handler"'));
    const r = runJson([dir, '--no-cache']);
    expect(r.findings.map(pick)).toEqual([{ ruleId: 'HND001', file: 'Dockerfile', line: 8, column: 7 }]);
    expect(r.findings[0].message).toContain("Runtime.HandlerNotFound: Handler 'lambda_handler' missing on module 'main'; \"main.handler\" resolves in the package");
  });
});

describe('LPK001', () => {
  it('a shared folder not copied: the static import and the module-path string, at their lines in the Python file', () => {
    const r = json('lpk001-missing');
    expect(r.code).toBe(1);
    expect(r.findings.map(pick)).toEqual([
      { ruleId: 'LPK001', file: 'src/lambdas/notify/handler.py', line: 4, column: 6 },
      { ruleId: 'LPK001', file: 'src/lambdas/notify/handler.py', line: 6, column: 22 },
    ]);
    expect(r.findings[0].message).toBe(
      "src.lambdas.shared.db is src/lambdas/shared/db.py in the repository, but the package it runs from does not contain it (notify, packaged by .github/workflows/deploy.yml:14): Lambda raises ModuleNotFoundError: No module named 'src.lambdas.shared'",
    );
    expect(r.findings[1].message).toContain('"src.lib.channels.email" is src/lib/channels/email.py in the repository');
  });

  it('the same repository with the folders copied passes', () => {
    const r = json('lpk001-copied');
    expect(r.findings).toEqual([]);
    expect(r.code).toBe(0);
  });
});

describe('unknown values are never errors, and --verbose lists them', () => {
  it('a shell step with a variable that cannot be known: no LPK001, the step and the function on stderr', () => {
    const r = json('lpk001-unknown', '--verbose');
    expect(r.findings).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('parity-check: .github/workflows/deploy.yml:16:11: workflow step is not known (cp -r $EXTRA_SRC/* build/$EXTRA_DEST/: $EXTRA_SRC is not known)\n');
    // The function is named in every output, --verbose or not: the package rules were not applied to it.
    const partly = { name: 'notify', file: 'infra/lambda.tf', line: 1, column: 1, why: 'its package is only partly known (.github/workflows/deploy.yml:16:11 could not be simulated), so HND001, LPK001 and LPK003 are not applied to it; its Python is checked' };
    expect(JSON.parse(r.stdout).notChecked).toEqual([expect.objectContaining(partly)]);
    const plain = json('lpk001-unknown');
    expect(plain.stderr).not.toContain('not known');
    expect(JSON.parse(plain.stdout).notChecked).toEqual([expect.objectContaining(partly)]);
    expect(plain.code).toBe(0);
    const pretty = runCli([fx('lpk001-unknown'), '--no-cache']);
    expect(pretty.stdout).toContain('function notify not checked: its package is only partly known');
    expect(pretty.stdout).toMatch(/No problems found in what was checked; 1 Lambda function not checked/);
  });

  it('a SAM Handler given by !Sub with parameters', () => {
    const r = json('sam-sub', '--verbose');
    expect(r.findings).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('parity-check: template.yaml:12:21: Fn Handler is not known (!Sub with parameters)\n');
    expect(r.stderr).toContain('parity-check: template.yaml:8:3: function Fn is not checked: its handler is not known (!Sub with parameters)\n');
  });

  it('image functions with a layout built elsewhere are skipped and listed', () => {
    const r = runJson([path.join(DEPLOY, 'terraform-both'), '--no-cache', '--verbose']);
    expect(r.findings.filter((f) => f.ruleId.startsWith('HND') || f.ruleId.startsWith('LPK'))).toEqual([]);
    expect(r.stderr).toContain('parity-check: infra/worker.tf:17:1: function image_fn is not checked: its package is not known (container image: built elsewhere)\n');
  });
});
