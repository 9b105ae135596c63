// Ground truth: build the ingestion package the workflow would build, then let real CPython import the handler module.
import { describe, expect, it } from 'vitest';
import { collectDeployFacts, materialize } from '../../src/sources/index.js';
import type { SourceFunction } from '../../src/sources/common.js';
import { python, tempDir } from '../helpers.js';
import { loadFixture } from './helpers.js';

function importInPackage(name: string): { fn: SourceFunction; written: string[]; status: number | null; stderr: string } {
  const fx = loadFixture(name);
  const facts = collectDeployFacts(fx.files, fx.ctx);
  expect(facts.problems).toEqual([]);
  const fn = facts.functions.find((f) => f.name === 'ingestion') as SourceFunction;
  expect(fn.source).toBe('terraform');
  expect(fn.handler).toMatchObject({ known: true, value: 'src.lambdas.ingestion.handler.lambda_handler', loc: { file: 'infra/lambda.tf', line: 9 } });
  expect(fn.linked).toEqual([expect.objectContaining({ file: '.github/workflows/deploy.yml' })]);
  if (!fn.layout.known || !fn.handler.known) throw new Error('layout/handler unknown');
  expect(fn.layout.value.unknowns).toEqual([]);
  const pkg = tempDir('pc-pkg-');
  const written = materialize(fn.layout.value, fx.read, pkg);
  const handler = fn.handler.value;
  const module = handler.slice(0, handler.lastIndexOf('.'));
  const r = python(`import importlib; importlib.import_module(${JSON.stringify(module)})`, pkg, { env: { PATH: '/usr/bin:/bin' } });
  return { fn, written, status: r.code, stderr: r.stderr };
}

describe('spec 427 ground truth (real Python)', () => {
  it('broken twin: the flat copy makes the Terraform handler module unimportable', () => {
    const r = importInPackage('spec427-broken');
    expect(r.written).toContain('handler.py');
    expect(r.written).not.toContain('src/lambdas/ingestion/handler.py');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("ModuleNotFoundError: No module named 'src.lambdas.ingestion'");
  });

  it('fixed twin: the structured copy imports, with its absolute imports of shared and lib', () => {
    const r = importInPackage('spec427-fixed');
    expect(r.written).toEqual([
      'src/lambdas/ingestion/__init__.py',
      'src/lambdas/ingestion/alerting.py',
      'src/lambdas/ingestion/handler.py',
      'src/lambdas/ingestion/requirements.txt',
      'src/lambdas/shared/__init__.py',
      'src/lambdas/shared/db.py',
      'src/lib/__init__.py',
      'src/lib/timeutil.py',
    ]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
