// Where Terraform takes a zip from: archive_file source blocks, the zip an S3 object uploads, source_code_hash's
// file, archive_file excludes. Each package that is judged is written out and imported with /usr/bin/python3.
import { describe, expect, it } from 'vitest';
import { collectDeployFacts, contextFromPaths, materialize } from '../../src/sources/index.js';
import type { SourceFunction } from '../../src/sources/common.js';
import { python, tempDir } from '../helpers.js';

const APP = { 'src/h.py': 'from util import double\n\n\ndef handler(event, context):\n    return double(2)\n', 'src/util.py': 'def double(x):\n    return 2 * x\n' };

function facts(files: Record<string, string>) {
  const list = Object.entries(files).map(([path, text]) => ({ path, text }));
  return collectDeployFacts(list, contextFromPaths(Object.keys(files)));
}

function imports(fn: SourceFunction, files: Record<string, string>) {
  if (!fn.layout.known || !fn.handler.known) throw new Error('not known');
  const pkg = tempDir('pc-task-');
  materialize(fn.layout.value, (p) => Buffer.from(files[p]), pkg, Object.keys(files));
  const h = fn.handler.value;
  return python(`import importlib; print(importlib.import_module(${JSON.stringify(h.slice(0, h.lastIndexOf('.')))}).${h.slice(h.lastIndexOf('.') + 1)}({}, None))`, pkg, { env: { PATH: '/usr/bin:/bin' } });
}

const fnOf = (f: ReturnType<typeof facts>, name: string) => f.functions.find((x) => x.name === name) as SourceFunction;

describe('terraform artifacts', () => {
  it('archive_file source blocks: file() content lands at filename; a block that forgets util.py fails in Python', () => {
    const tf = (blocks: string[]) =>
      `data "archive_file" "z" {\n  type = "zip"\n  output_path = "\${path.module}/z.zip"\n${blocks.map((b) => `  source {\n    content  = file("\${path.module}/../src/${b}")\n    filename = "${b === 'h.py' ? 'handler.py' : b}"\n  }\n`).join('')}}\nresource "aws_lambda_function" "f" {\n  handler  = "handler.handler"\n  runtime  = "python3.12"\n  filename = data.archive_file.z.output_path\n}\n`;
    const good = { ...APP, 'infra/main.tf': tf(['h.py', 'util.py']) };
    const fn = fnOf(facts(good), 'f');
    expect(fn.layout).toMatchObject({ known: true, value: { files: [{ dest: 'handler.py', src: 'src/h.py' }, { dest: 'util.py', src: 'src/util.py' }], unknowns: [] } });
    expect(imports(fn, good)).toMatchObject({ code: 0, stdout: '4\n' });
    const bad = { ...APP, 'infra/main.tf': tf(['h.py']) };
    const r = imports(fnOf(facts(bad), 'f'), bad);
    expect(r.stderr).toContain("ModuleNotFoundError: No module named 'util'");
    // Inline text is not a repository file: the package is partly known.
    const inline = facts({ ...APP, 'main.tf': 'data "archive_file" "z" {\n  type = "zip"\n  output_path = "z.zip"\n  source {\n    content  = "def handler(e, c): pass"\n    filename = "handler.py"\n  }\n}\nresource "aws_lambda_function" "f" {\n  handler  = "handler.handler"\n  filename = data.archive_file.z.output_path\n}\n' });
    expect(fnOf(inline, 'f').layout).toMatchObject({ known: true, value: { files: [], unknowns: [{ why: 'source content is not file("...") of a repository file' }] } });
  });

  it('s3_key: the aws_s3_object that uploads the code, by reference or by its literal key', () => {
    const tf = (key: string) =>
      `data "archive_file" "z" {\n  type = "zip"\n  source_dir = "../src"\n  output_path = "../dist/z.zip"\n}\nresource "aws_s3_object" "code" {\n  bucket = "b"\n  key    = "lambda/z.zip"\n  source = data.archive_file.z.output_path\n}\nresource "aws_lambda_function" "f" {\n  handler   = "h.handler"\n  runtime   = "python3.12"\n  s3_bucket = "b"\n  s3_key    = ${key}\n}\n`;
    for (const key of ['aws_s3_object.code.key', '"lambda/z.zip"']) {
      const files = { ...APP, 'infra/main.tf': tf(key) };
      const fn = fnOf(facts(files), 'f');
      expect(fn.layout, key).toMatchObject({ known: true, value: { how: 'code-root', codeRoot: 'src' } });
    }
    const elsewhere = facts({ ...APP, 'infra/main.tf': tf('"lambda/other.zip"') });
    expect(fnOf(elsewhere, 'f').layout).toMatchObject({ known: false, why: 'code in S3 (s3_key lambda/other.zip, uploaded outside Terraform)' });
  });

  it('an S3 object of a zip a workflow builds; source_code_hash names the zip when filename is a variable', () => {
    const wf = 'on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          mkdir -p build dist\n          cp src/*.py build/\n          cd build && zip -r ../dist/app-$(date +%s).zip .\n';
    const s3 = `resource "aws_s3_bucket_object" "code" {\n  bucket = "b"\n  key    = "app.zip"\n  source = "\${path.module}/../dist/app-\${var.build}.zip"\n}\nresource "aws_lambda_function" "f" {\n  handler   = "h.handler"\n  s3_bucket = "b"\n  s3_key    = aws_s3_bucket_object.code.key\n}\nresource "aws_lambda_function" "g" {\n  handler          = "h.handler"\n  filename         = var.zip\n  source_code_hash = filebase64sha256("\${path.module}/../dist/app-\${var.build}.zip")\n}\n`;
    const files = { ...APP, 'infra/main.tf': s3, '.github/workflows/b.yml': wf };
    const f = facts(files);
    for (const name of ['f', 'g']) {
      const fn = fnOf(f, name);
      expect(fn.linked, name).toEqual([expect.objectContaining({ file: '.github/workflows/b.yml', line: 9 })]);
      expect(imports(fn, files)).toMatchObject({ code: 0, stdout: '4\n' });
    }
  });

  it('a filename with a variable is the archive_file that writes the same expression (aniketskulkarni/aws-lambda-using-terraform)', () => {
    const tf = `data "archive_file" "p" {\n  type = "zip"\n  source_file = "../src/h.py"\n  output_path = "../files/\${var.name}"\n}\nresource "aws_lambda_function" "f" {\n  handler  = "h.handler"\n  filename = "../files/\${var.name}"\n  source_code_hash = filebase64sha256("../files/\${var.name}")\n}\nresource "aws_lambda_function" "other" {\n  handler  = "h.handler"\n  filename = "../files/\${var.other}"\n}\n`;
    const files = { ...APP, 'infra/main.tf': tf };
    const f = facts(files);
    const fn = fnOf(f, 'f');
    expect(fn.layout).toMatchObject({ known: true, value: { files: [{ dest: 'h.py', src: 'src/h.py' }] } });
    // The archive holds h.py alone: Python cannot import its `util`.
    expect(imports(fn, files).stderr).toContain("ModuleNotFoundError: No module named 'util'");
    expect(fnOf(f, 'other').layout).toMatchObject({ known: false, why: 'filename: var.other is a variable' });
  });

  it('archive_file excludes a folder by its name, contents included', () => {
    const files = { ...APP, 'src/tests/test_h.py': 'import pytest\n', 'main.tf': 'data "archive_file" "z" {\n  type = "zip"\n  source_dir = "src"\n  output_path = "z.zip"\n  excludes = ["tests"]\n}\nresource "aws_lambda_function" "f" {\n  handler = "h.handler"\n  filename = data.archive_file.z.output_path\n}\n' };
    const fn = fnOf(facts(files), 'f');
    expect(fn.layout.known && fn.layout.value.files!.map((x) => x.dest)).toEqual(['h.py', 'util.py']);
  });
});
