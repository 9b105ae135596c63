// terraform-aws-modules/lambda/aws `source_path` lists: each folder's files land under its prefix_in_zip, filtered
// by `patterns` (Python regular expressions, `!` excluding, the last match deciding: the module's package.py).
// Proved with Python: the files are chosen by Python's own `re` as package.py chooses them, then the handler is
// imported from the package written as the layout says.
import { describe, expect, it } from 'vitest';
import { collectDeployFacts, materialize } from '../../src/sources/index.js';
import { python, pythonOutput, tempDir } from '../helpers.js';
import { loadFixture } from './helpers.js';

// package.py's ZipContentFilter.apply and its walk, for one claim: (path, prefix_in_zip, patterns).
const CHOOSE = `
import json, os, re, sys
root, claims = sys.argv[1], json.loads(sys.argv[2])
out = []
for path, prefix, patterns in claims:
    rules = [(p.startswith("!"), re.compile(p[1:] if p.startswith("!") else p)) for p in patterns]
    base = os.path.join(root, path)
    for d, _, files in os.walk(base):
        for name in files:
            rel = os.path.normpath(os.path.join(prefix, os.path.relpath(os.path.join(d, name), base)))
            keep = True
            for neg, r in rules:
                if r.fullmatch(rel):
                    keep = not neg
            if keep:
                out.append(rel)
print("\\n".join(sorted(out)))
`;

function check(name: string, claims: [string, string, string[]][]) {
  const fx = loadFixture(name);
  const facts = collectDeployFacts(fx.files, fx.ctx);
  const fn = facts.functions[0];
  expect(facts.functions).toHaveLength(1);
  if (!fn.layout.known || !fn.handler.known) throw new Error('not known');
  const chosen = pythonOutput(CHOOSE, tempDir(), { args: [fx.root, JSON.stringify(claims)] }).split('\n').filter(Boolean);
  const pkg = tempDir('pc-task-');
  expect(materialize(fn.layout.value, fx.read, pkg, fx.paths)).toEqual(chosen);
  const h = fn.handler.value;
  return python(`import importlib; m = importlib.import_module(${JSON.stringify(h.slice(0, h.lastIndexOf('.')))}); print(m.handler({"ok": 1}, None))`, pkg, { env: { PATH: '/usr/bin:/bin' } });
}

describe('terraform-aws-modules/lambda source_path', () => {
  it('broken: the folder without prefix_in_zip lands flat, and app.handler does not import', () => {
    const r = check('tf-module-prefix-broken', [['src/app', '', []], ['src/shared', 'shared', []]]);
    expect(r.stderr).toContain("ModuleNotFoundError: No module named 'app'");
  });

  it('fixed: prefix_in_zip keeps app/, the pattern drops the test file, and the handler runs', () => {
    const r = check('tf-module-prefix-fixed', [['src/app', 'app', ['!app/test_.*\\.py']], ['src/shared', 'shared', []]]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain("'body': 'yes'");
  });
});
