import { describe, expect, it } from 'vitest';
import { extractTerraform, terraformSource } from '../../src/sources/terraform.js';
import { collectDeployFacts, contextFromPaths } from '../../src/sources/index.js';
import { loadFixture } from './helpers.js';

describe('terraform source', () => {
  const fx = loadFixture('terraform-both');
  const tf = fx.files.filter((f) => f.path.endsWith('.tf'));
  const facts = extractTerraform(tf, fx.ctx);
  const byName = new Map(facts.functions.map((f) => [f.name, f]));

  it('reads every function of the folder with no HCL problems', () => {
    expect(terraformSource.matches('infra/lambda.tf')).toBe(true);
    expect(terraformSource.matches('infra/lambda.tfvars')).toBe(false);
    expect(facts.problems).toEqual([]);
    expect([...byName.keys()].sort()).toEqual(['api', 'image_fn', 'legacy', 'worker']);
  });

  it('aws_lambda_function + archive_file: ${path.module}/../src is the code root, excludes applied', () => {
    const api = byName.get('api')!;
    expect(api.handler).toEqual({ known: true, value: 'app.handlers.api.handler', loc: { file: 'infra/lambda.tf', line: 16, column: 22, endLine: 16, endColumn: 48 } });
    expect(api.runtime?.known && api.runtime.value).toBe('python3.12');
    expect(api.loc).toMatchObject({ file: 'infra/lambda.tf', line: 13 });
    expect(api.layout.known).toBe(true);
    if (!api.layout.known) return;
    expect(api.layout.value.codeRoot).toBe('src');
    expect(api.layout.value.files!.map((f) => f.dest)).toEqual(['app/__init__.py', 'app/handlers/__init__.py', 'app/handlers/api.py']);
    expect(api.layout.value.copies![0]).toMatchObject({ fromText: '${path.module}/../src', from: 'src', contentsOf: true, to: '' });
  });

  it('variables are unknown with why; a literal filename is a prebuilt zip', () => {
    const legacy = byName.get('legacy')!;
    expect(legacy.handler).toMatchObject({ known: false, why: 'var.legacy_handler is a variable', loc: { line: 32 } });
    expect(legacy.layout).toMatchObject({ known: false, why: 'a prebuilt zip build/legacy.zip: built outside Terraform' });
  });

  it('lambda module: locals resolve, source_path object with a literal path is the code root', () => {
    const w = byName.get('worker')!;
    expect(w.handler.known && w.handler.value).toBe('worker.handle');
    expect(w.layout.known && w.layout.value).toEqual({ how: 'code-root', codeRoot: 'worker', unknowns: [] });
    expect((w as { functionName?: { value?: string } }).functionName?.value).toBe('orders-worker');
  });

  it('image module: image_config_command[0] is the handler, layout unknown', () => {
    const i = byName.get('image_fn')!;
    expect(i.packageType).toBe('image');
    expect(i.handler.known && i.handler.value).toBe('report.main.handler');
    expect(i.layout).toMatchObject({ known: false, why: 'container image: built elsewhere' });
  });

  it('collectDeployFacts reads the folder as one module (function and archive in different files)', () => {
    const files = [
      { path: 'deploy/archive.tf', text: 'data "archive_file" "z" {\n  type = "zip"\n  source_dir = "${path.root}/../lambda"\n  output_path = "out/z.zip"\n}\n' },
      { path: 'deploy/fn.tf', text: 'resource "aws_lambda_function" "f" {\n  handler = "h.main"\n  filename = data.archive_file.z.output_path\n}\n' },
    ];
    const r = collectDeployFacts(files, contextFromPaths(['lambda/h.py']));
    expect(r.functions).toHaveLength(1);
    expect(r.functions[0].layout).toMatchObject({ known: true, value: { how: 'code-root', codeRoot: 'lambda' } });
  });

  it('source_path lists and unknown interpolations stay unknown; HCL errors are problems', () => {
    const text = [
      'module "m" {',
      '  source = "terraform-aws-modules/lambda/aws"',
      '  handler = "a.b"',
      '  source_path = [{ path = "src", prefix_in_zip = "x" }]',
      '}',
      'resource "aws_lambda_function" "g" {',
      '  handler = "${var.mod}.handler"',
      '  filename = "${path.cwd}/g.zip"',
      '}',
      'resource "aws_lambda_function" "broken" {',
      '  handler = ',
      '}',
    ].join('\n');
    const r = extractTerraform([{ path: 'main.tf', text }], contextFromPaths([]));
    const m = r.functions.find((f) => f.name === 'm')!;
    // prefix_in_zip is read (test/sources/terraform-module.test.ts); `src` holds nothing here.
    expect(m.layout).toMatchObject({ known: true, value: { how: 'simulated', files: [] } });
    const g = r.functions.find((f) => f.name === 'g')!;
    expect(g.handler).toMatchObject({ known: false, why: 'var.mod is a variable' });
    expect(g.layout).toMatchObject({ known: false, why: 'filename: path.cwd depends on where terraform runs' });
    expect(r.problems.length).toBeGreaterThan(0);
    expect(r.problems[0].loc.file).toBe('main.tf');
  });
});
