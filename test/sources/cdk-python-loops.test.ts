// deploy7 (#15 item 3): CDK Python functions made in a loop over literal values (eval6 "left" 4,
// hhimanshu/fastapi-serverless-multi-cloud: `for route in routes:` with `handler=f"{route}_handler.handler"`). Each
// iteration is a function of its own, its id, handler and asset spelled from the loop variable; what cannot be
// followed (a loop over a value computed at synth time) stays named as not checked. Python imports each handler
// from its asset folder (what Lambda's /var/task holds), with PYTHONPATH there.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { python, runCli, writeTree } from '../helpers.js';

interface Out { findings: { ruleId: string; file: string; line: number; message: string }[]; notChecked?: { name: string; why: string }[] }
function check(repo: string) {
  const r = runCli([repo, '--no-cache', '--format', 'json']);
  return JSON.parse(r.stdout) as Out;
}

const stack = (loop: string, body: string[]) =>
  [
    'from aws_cdk import App, Stack',
    'from aws_cdk import aws_lambda as _lambda',
    '',
    'NAMES = ["ingest", "report"]',
    '',
    '',
    'class Api(Stack):',
    '    def __init__(self, scope, construct_id, **kwargs):',
    '        super().__init__(scope, construct_id, **kwargs)',
    `        ${loop}`,
    ...body.map((l) => `            ${l}`),
    '',
    '',
    'app = App()',
    'Api(app, "api")',
    'app.synth()',
    '',
  ].join('\n');

const FN = [
  '_lambda.Function(',
  '    self, f"{name.capitalize()}Fn",',
  '    runtime=_lambda.Runtime.PYTHON_3_12,',
  '    handler=f"{name}_handler.main",',
  '    code=_lambda.Code.from_asset(f"lambdas/{name}"),',
  ')',
];

function repo(reportImports: string, loop = 'for name in NAMES:', body = FN): string {
  return writeTree({
    'cdk.json': '{"app": "python3 app.py"}\n',
    'app.py': stack(loop, body),
    'lambdas/ingest/ingest_handler.py': 'def main(event, context):\n    return "ingest"\n',
    'lambdas/report/report_handler.py': `from ${reportImports} import render\n\n\ndef main(event, context):\n    return render()\n`,
    'lambdas/report/fmt.py': 'def render():\n    return "report"\n',
    'shared/__init__.py': '',
    'shared/fmt.py': 'def render():\n    return "shared"\n',
  });
}

const run = (dir: string, fn: string) => python(`import ${fn}_handler as h; print(h.main({}, None))`, dir);

describe('CDK Python: constructs in a loop over literal values', () => {
  it('fixed: both functions of the loop are checked (before: one function "not checked", an f-string handler), clean', () => {
    const dir = repo('fmt');
    expect(run(path.join(dir, 'lambdas/ingest'), 'ingest').stdout).toBe('ingest\n');
    expect(run(path.join(dir, 'lambdas/report'), 'report').stdout).toBe('report\n');
    const out = check(dir);
    expect(out.findings).toEqual([]);
    expect(out.notChecked ?? []).toEqual([]);
  });

  it('broken: the second iteration\'s handler imports the repository\'s shared/, not in its asset: an error at its import', () => {
    const dir = repo('shared.fmt');
    expect(run(path.join(dir, 'lambdas/report'), 'report').stderr).toContain("No module named 'shared'");
    const out = check(dir);
    expect(out.findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`)).toEqual(['lambdas/report/report_handler.py:1 MOD003']);
    expect(out.notChecked ?? []).toEqual([]);
  });

  it('a dict\'s items, unpacked: the key names the asset, the value the handler', () => {
    const body = FN.map((l) => l.replace('handler=f"{name}_handler.main"', 'handler=handler'));
    const dir = repo('shared.fmt', 'for name, handler in {"ingest": "ingest_handler.main", "report": "report_handler.main"}.items():', body);
    expect(check(dir).findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`)).toEqual(['lambdas/report/report_handler.py:1 MOD003']);
  });

  it('a loop over what synth computes stays named as not checked', () => {
    const dir = repo('fmt', 'for name in sorted(self.node.try_get_context("fns")):');
    const out = check(dir);
    expect(out.findings).toEqual([]);
    expect(out.notChecked?.map((n) => n.why)).toEqual([expect.stringMatching(/name is a loop variable/)]);
  });
});
