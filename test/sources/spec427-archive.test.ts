// Spec 427 as the incident laid it out: the workflow builds packages/ingestion-build/ by copying, Terraform's
// archive_file zips that folder, and aws_lambda_function.filename is the archive's output_path. The function's
// package is the folder as the workflow leaves it: proved by running the workflow's steps with real bash in a
// temporary copy and importing the handler with /usr/bin/python3 from the folder archive_file zips.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectDeployFacts } from '../../src/sources/index.js';
import type { SourceFunction } from '../../src/sources/common.js';
import { python, runCli } from '../helpers.js';
import { buildForReal, filesUnder } from './build-for-real.js';
import { FIXTURES, loadFixture } from './helpers.js';

const importHandler = (pkg: string, handler: string) =>
  python(`import importlib; importlib.import_module(${JSON.stringify(handler.slice(0, handler.lastIndexOf('.')))})`, pkg, { env: { PATH: '/usr/bin:/bin' } });

function check(name: string) {
  const fx = loadFixture(name);
  const facts = collectDeployFacts(fx.files, fx.ctx);
  expect(facts.problems).toEqual([]);
  const built = buildForReal(fx.root);
  const out: Record<string, { status: number; stderr: string }> = {};
  for (const fname of ['ingestion', 'dashboard']) {
    const fn = facts.functions.find((f) => f.name === fname) as SourceFunction;
    expect(fn.source).toBe('terraform');
    expect(fn.linked).toEqual([expect.objectContaining({ file: '.github/workflows/deploy.yml', line: 15 })]);
    if (!fn.layout.known || !fn.handler.known) throw new Error(`${fname}: layout/handler unknown`);
    expect(fn.layout.value).toMatchObject({ how: 'simulated', unknowns: [] });
    // The simulated package is the folder the real build leaves, file for file.
    const folder = path.join(built, 'packages', `${fname}-build`);
    expect(fn.layout.value.files!.map((f) => f.dest)).toEqual(filesUnder(folder));
    const r = importHandler(folder, fn.handler.value);
    out[fname] = { status: r.code, stderr: r.stderr };
  }
  return { facts, out };
}

describe('spec 427: a workflow-built folder zipped by Terraform archive_file', () => {
  it('broken: the flat copy lands handler.py at the root, and Python cannot import the Terraform handler', () => {
    const { facts, out } = check('spec427-archive-broken');
    expect(out.ingestion.status).toBe(1);
    expect(out.ingestion.stderr).toContain("ModuleNotFoundError: No module named 'src.lambdas.ingestion'");
    expect(out.dashboard).toEqual({ status: 0, stderr: '' });
    const ing = facts.functions.find((f) => f.name === 'ingestion')!;
    if (!ing.layout.known) throw new Error('unknown');
    expect(ing.layout.value.copies).toContainEqual(expect.objectContaining({ command: 'cp -r src/lambdas/ingestion/* packages/ingestion-build/', to: '', contentsOf: true }));
    expect(facts.built).toEqual([{ folder: 'packages', by: expect.objectContaining({ file: '.github/workflows/deploy.yml', line: 15 }) }]);
  });

  it('fixed: the structured copy imports, shared and lib included', () => {
    const { out } = check('spec427-archive-fixed');
    expect(out).toEqual({ ingestion: { status: 0, stderr: '' }, dashboard: { status: 0, stderr: '' } });
  });

  it('the check: LPK003 at the copy step for the broken twin, clean for the fixed one, and no app at the build folders', () => {
    const broken = runCli([path.join(FIXTURES, 'spec427-archive-broken'), '--format', 'json', '--verbose']);
    expect(broken.code).toBe(1);
    const findings = JSON.parse(broken.stdout).findings as { ruleId: string; file: string; line: number }[];
    expect(findings.filter((f) => f.ruleId !== 'LPK002')).toEqual([expect.objectContaining({ ruleId: 'LPK003', file: '.github/workflows/deploy.yml', line: 33 })]);
    expect(broken.stderr).toContain('infra/lambda.tf:8:17: ingestion zips packages/ingestion-build, which job deploy builds (.github/workflows/deploy.yml:15): checked as built');
    expect(broken.stderr).not.toContain('discovered an app');
    const fixed = runCli([path.join(FIXTURES, 'spec427-archive-fixed')]);
    expect(fixed.stdout).toContain('No problems found');
    expect(fixed.code).toBe(0);
  });
});
