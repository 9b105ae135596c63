// Ground truth: build each function's package the way its deploy definition does (materialize), then
// let real CPython load the handler the way Lambda's runtime does (import_module + getattr), with
// PYTHONPATH = the package. Whenever the rules say a function breaks, Python must fail; whenever they
// pass it, Python must load it. A third-party module missing from this machine leaves it undecided.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { collectDeployFacts, contextFromPaths, materialize } from '../../src/sources/index.js';
import { python, runJson, tempDir } from '../helpers.js';

const seen = { fails: 0, loads: 0 };

const DEPLOY = fileURLToPath(new URL('../fixtures/deploy/', import.meta.url));
const APPS = fileURLToPath(new URL('../fixtures/deploy-apps/', import.meta.url));
/** Third-party packages the fixtures use that a deploy would pip-install: when absent here, Python cannot decide. */
const THIRD_PARTY = ['mangum', 'fastapi', 'requests'];

function walk(dir: string, root: string, out: string[]) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, root, out);
    else out.push(relative(root, p).split(sep).join('/'));
  }
}

const LOAD = `
import importlib, sys
mod, fn = sys.argv[1], sys.argv[2]
try:
    m = importlib.import_module(mod)
    getattr(m, fn)
except ModuleNotFoundError as e:
    top = (e.name or '').split('.')[0]
    print(('UNDECIDED ' if top in sys.argv[3].split(',') else 'FAIL ') + type(e).__name__ + ': ' + str(e))
except (ImportError, AttributeError) as e:
    print('FAIL ' + type(e).__name__ + ': ' + str(e))
else:
    print('OK')
`;

const CASES: [string, string][] = [
  ['spec427-broken', DEPLOY],
  ['spec427-fixed', DEPLOY],
  ['hnd-sam', APPS],
  ['hnd-serverless', APPS],
  ['hnd-terraform', APPS],
  ['hnd-docker', APPS],
  ['lpk001-missing', APPS],
  ['lpk001-copied', APPS],
  ['sam-noconfig', APPS],
];

describe.each(CASES)('%s: the rules and CPython agree', (name, base) => {
  it('every function the rules break fails to load, every one they pass loads', () => {
    const root = join(base, name);
    const paths: string[] = [];
    walk(root, root, paths);
    paths.sort();
    const read = (p: string) => readFileSync(join(root, ...p.split('/')));
    const facts = collectDeployFacts(paths.map((p) => ({ path: p, text: read(p).toString('utf8') })), contextFromPaths(paths));
    const findings = runJson([root, '--no-cache']).findings.filter((f) => f.severity === 'error' && /^(HND|LPK)/.test(f.ruleId));
    let decided = 0;
    for (const fn of facts.functions) {
      if (!fn.handler.known || !fn.layout.known || fn.layout.value.unknowns.length) continue;
      const h = fn.handler.value;
      const handlerLoc = fn.handler.loc;
      const broken = findings.some(
        (f) => (f.file === handlerLoc.file && f.line === handlerLoc.line) || f.message.includes(` ${fn.name} `) || f.message.includes(`(${fn.name},`) || f.message.includes(`, ${fn.name}`),
      );
      const pkg = tempDir('pc-gt-');
      materialize(fn.layout.value, read, pkg, paths);
      const dot = h.lastIndexOf('.');
      const r = python(LOAD, pkg, { args: [h.slice(0, dot).replace(/\//g, '.'), h.slice(dot + 1), THIRD_PARTY.join(',')], env: { PATH: '/usr/bin:/bin' } });
      expect(r.stderr).toBe('');
      const out = r.stdout.trim();
      if (out.startsWith('UNDECIDED')) continue;
      decided++;
      seen[broken ? 'fails' : 'loads']++;
      expect({ fn: fn.name, broken, python: out.startsWith('FAIL') ? 'fails' : out }).toEqual({ fn: fn.name, broken, python: broken ? 'fails' : 'OK' });
    }
    if (name !== 'hnd-docker' && name !== 'sam-noconfig') expect(decided).toBeGreaterThan(0);
  });
});

it('both outcomes were decided by Python across the fixtures', () => {
  expect(seen.fails).toBeGreaterThanOrEqual(6);
  expect(seen.loads).toBeGreaterThanOrEqual(5);
});
