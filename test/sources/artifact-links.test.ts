// Zips whose names have unknown parts (`dist/lambda-${HASH}.zip` built by a workflow, `lambda-${var.code_hash}.zip`
// deployed by Terraform) are one artifact when their literal parts agree and only one built zip does. Proved by
// running the workflow for real (bash, in a temporary copy) and importing the Terraform handler with /usr/bin/python3
// from the zip it wrote, unpacked as Lambda unpacks it into /var/task.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectDeployFacts, contextFromPaths } from '../../src/sources/index.js';
import type { SourceFunction } from '../../src/sources/common.js';
import { python, pythonOutput, runCli, tempDir } from '../helpers.js';
import { buildForReal } from './build-for-real.js';
import { FIXTURES, loadFixture } from './helpers.js';

/** The one zip in `dir`, unpacked into a new folder: its entries, and where. */
function unzipOnly(dir: string): { entries: string[]; root: string } {
  const zips = fs.readdirSync(dir).filter((f) => f.endsWith('.zip'));
  expect(zips).toHaveLength(1);
  expect(zips[0]).toMatch(/^lambda-[0-9a-f]{12}\.zip$/);
  const root = tempDir('pc-task-');
  const out = pythonOutput('import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); z.extractall(sys.argv[2]); print("\\n".join(sorted(n for n in z.namelist() if not n.endswith("/"))))', root, {
    args: [path.join(dir, zips[0]), root],
  });
  return { entries: out.split('\n').filter(Boolean), root };
}

function check(name: string) {
  const fx = loadFixture(name);
  const facts = collectDeployFacts(fx.files, fx.ctx);
  const fn = facts.functions.find((f) => f.name === 'orders') as SourceFunction;
  expect(facts.functions).toHaveLength(1);
  expect(fn.linked).toEqual([expect.objectContaining({ file: '.github/workflows/deploy.yml', line: 15 })]);
  expect(facts.links).toEqual([
    expect.objectContaining({ message: 'matched infra/main.tf:10 (${path.module}/../dist/lambda-${var.code_hash}.zip) to .github/workflows/deploy.yml:15 (dist/lambda-${HASH}.zip) by its literal parts' }),
  ]);
  if (!fn.layout.known || !fn.handler.known) throw new Error('not known');
  const { entries, root } = unzipOnly(path.join(buildForReal(fx.root), 'dist'));
  expect(fn.layout.value.files!.map((f) => f.dest)).toEqual(entries);
  const h = fn.handler.value;
  return python(`import importlib; importlib.import_module(${JSON.stringify(h.slice(0, h.lastIndexOf('.')))})`, root, { env: { PATH: '/usr/bin:/bin' } });
}

describe('artifact paths with unknown parts', () => {
  it('broken: the zip the workflow builds flat is the one Terraform deploys, and its handler does not import', () => {
    const r = check('tf-hash-zip-broken');
    expect(r.stderr).toContain("ModuleNotFoundError: No module named 'src'");
    expect(r.code).toBe(1);
    const cli = runCli([path.join(FIXTURES, 'tf-hash-zip-broken'), '--format', 'json']);
    expect(JSON.parse(cli.stdout).findings).toEqual([expect.objectContaining({ ruleId: 'LPK003', file: '.github/workflows/deploy.yml', line: 14 })]);
  });

  it('fixed: the same match, and the handler imports', () => {
    expect(check('tf-hash-zip-fixed')).toMatchObject({ code: 0, stderr: '' });
    const cli = runCli([path.join(FIXTURES, 'tf-hash-zip-fixed')]);
    expect(cli.code).toBe(0);
  });

  it('two built zips that both agree: not known, naming both; a name with nothing literal is never matched', () => {
    const tf = (file: string) =>
      `resource "aws_lambda_function" "f" {\n  handler  = "app.handler"\n  runtime  = "python3.12"\n  filename = "${file}"\n}\n`;
    // Each zip is taken after one more file is copied in: different packages.
    const wf = (zips: string[]) =>
      `on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          mkdir -p pkg\n${zips.map((z, k) => `          cp ${k ? 'extra.py' : 'app.py'} pkg/ && (cd pkg && zip -r ../${z} .)\n`).join('')}`;
    const run = (tfText: string, zips: string[]) => {
      const files = [
        { path: 'app.py', text: 'def handler(e, c):\n    return 1\n' },
        { path: 'extra.py', text: '' },
        { path: 'main.tf', text: tfText },
        { path: '.github/workflows/b.yml', text: wf(zips) },
      ];
      return collectDeployFacts(files, contextFromPaths(files.map((f) => f.path)));
    };
    const two = run(tf('lambda-${var.v}.zip'), ['lambda-$(date +%s).zip', 'lambda-${{ github.sha }}.zip']);
    const f = two.functions.find((x) => x.source === 'terraform')!;
    expect(f.layout).toMatchObject({ known: false, why: 'lambda-${var.v}.zip agrees with several built zips: lambda-$(date +%s).zip (.github/workflows/b.yml:8), lambda-${{ github.sha }}.zip (.github/workflows/b.yml:9)' });
    const one = run(tf('lambda-${var.v}.zip'), ['lambda-${{ github.sha }}.zip']);
    expect(one.functions.find((x) => x.source === 'terraform')!.layout).toMatchObject({ known: true });
    const bare = run(tf('${var.name}.zip'), ['$NAME.zip']);
    // Not matched, and the reason names what is built (for a functions[].packageRoot entry).
    expect(bare.functions.find((x) => x.source === 'terraform')!.layout).toMatchObject({
      known: false,
      why: 'filename: var.name is a variable; no zip built here agrees with ${var.name}.zip: $NAME.zip (.github/workflows/b.yml:8)',
    });
  });
});
