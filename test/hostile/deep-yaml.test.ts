// Issue #19 item 7, YAML: a sequence nested 10,000 deep overflowed the yaml package's stack and the
// whole deploy file was dropped with a note, so a wrong Handler beside it went unreported. Now what
// lies deeper than MAX_YAML_DEPTH is blanked before parsing and named, and the rest of the file is
// read as written (src/util/yaml-depth.ts). In the config, such nesting, or an alias bomb, is a config
// error with its place. Each case is generated here; held: exit code, no stack trace, bounded heap and
// time (harness.ts), work tree and index unchanged. Python decides the handler verdicts.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_YAML_DEPTH } from '../../src/util/yaml-depth.js';
import { python } from '../helpers.js';
import { exampleApp, hostileCli, hostileRepo, noCrash, treeHash } from './harness.js';

const N = 10_000;
/** Three deep values: a compact block sequence on one line, a flow sequence, and a flow map. */
const DEEP = [`  deep:\n    ${'- '.repeat(N)}x`, `  flow: ${'['.repeat(N)}${']'.repeat(N)}`, `  map: ${'{k: '.repeat(N)}1${'}'.repeat(N)}`].join('\n');
const FN = { 'fn/fn.py': 'def handler(event, context):\n    return {"ok": True}\n' };
const PROBE = 'import importlib, sys\nm, _, f = sys.argv[1].rpartition(".")\nprint(hasattr(importlib.import_module(m), f))';

const serverless = (handler: string, deep: string) =>
  `service: svc\nprovider:\n  name: aws\n  runtime: python3.12\ncustom:\n${deep}\n  shallow: 1\npackage:\n  patterns: ['!**', 'fn/**']\nfunctions:\n  api:\n    handler: ${handler}\n`;
const sam = (handler: string, deep: string) =>
  `AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nMetadata:\n${deep}\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: fn/\n      Handler: ${handler}\n      Runtime: python3.12\n`;

interface Kind {
  name: string;
  file: string;
  text: (handler: string, deep: string) => string;
  broken: string;
  fixed: string;
  /** The package root Lambda imports from, relative to the repository, and the module path Python is asked for. */
  root: string;
  probe: (handler: string) => string;
  at: string;
}

const KINDS: Kind[] = [
  { name: 'serverless.yml', file: 'serverless.yml', text: serverless, broken: 'fn/fn.handle', fixed: 'fn/fn.handler', root: '', probe: (h) => h.replace('/', '.'), at: 'serverless.yml:15:14  HND001  error' },
  { name: 'a SAM template', file: 'template.yaml', text: sam, broken: 'fn.handle', fixed: 'fn.handler', root: 'fn', probe: (h) => h, at: 'template.yaml:13:16  HND001  error' },
];

describe('item 7: a deploy file nested 10,000 deep is read for what it says', () => {
  for (const k of KINDS) {
    it(`${k.name}: the wrong handler beside the deep value is reported, the cut named with its place; the twin passes`, () => {
      const broken = hostileRepo({ ...FN, [k.file]: k.text(k.broken, DEEP) });
      const fixed = hostileRepo({ ...FN, [k.file]: k.text(k.fixed, DEEP) });
      // What Lambda does with the package root on sys.path.
      expect(python(PROBE, path.join(broken, k.root), { args: [k.probe(k.broken)] }).stdout.trim()).toBe('False');
      expect(python(PROBE, path.join(fixed, k.root), { args: [k.probe(k.fixed)] }).stdout.trim()).toBe('True');

      const before = treeHash(broken);
      const b = hostileCli(broken, []);
      expect(noCrash(b)).toEqual([]);
      expect(b.stderr).not.toMatch(/source failed|call stack|not valid YAML/);
      expect(b.stdout).toContain(k.at);
      expect(b.code).toBe(1);
      // Each of the three deep values is named where its cut begins.
      const cuts = b.stderr.split('\n').filter((l) => l.includes(`nested deeper than ${MAX_YAML_DEPTH} levels`));
      expect(cuts).toHaveLength(3);
      for (const c of cuts) expect(c).toMatch(new RegExp(`${k.file.replace('.', '\\.')}:\\d+:\\d+: nested deeper`));
      expect(treeHash(broken)).toBe(before);

      const f = hostileCli(fixed, []);
      expect(noCrash(f)).toEqual([]);
      expect(f.stdout).not.toContain('HND001');
      expect(f.stderr).toContain(`nested deeper than ${MAX_YAML_DEPTH} levels`);
    });
  }

  it('a workflow with a deep value: the same findings as its shallow twin, and the cut is named', () => {
    const workflow = (deep: string) =>
      `name: deploy\non: push\nenv:\n${deep}\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: sam build && sam deploy\n`;
    const files = { ...FN, 'template.yaml': sam('fn.handle', '  Shallow: 1') };
    const deep = hostileRepo({ ...files, '.github/workflows/deploy.yml': workflow(DEEP) });
    const shallow = hostileRepo({ ...files, '.github/workflows/deploy.yml': workflow('  deep: [x]\n  flow: []\n  map: {}') });
    const d = hostileCli(deep, []);
    const s = hostileCli(shallow, []);
    expect(noCrash(d)).toEqual([]);
    expect(d.stderr).not.toMatch(/source failed|call stack|not valid YAML/);
    expect(d.stderr.match(/deploy\.yml:\d+:\d+: nested deeper than/g)).toHaveLength(3);
    expect(d.stdout).toBe(s.stdout);
    expect(d.code).toBe(s.code);
    expect(d.stdout).toContain('HND001');
  });

  it('nesting up to the bound is read whole, with no note (the bound cuts nothing real)', () => {
    const depth = MAX_YAML_DEPTH - 8;
    const near = [`  deep:\n    ${'- '.repeat(depth)}x`, `  flow: ${'['.repeat(depth)}${']'.repeat(depth)}`].join('\n');
    const dir = hostileRepo({ ...FN, 'serverless.yml': serverless('fn/fn.handle', near) });
    const r = hostileCli(dir, []);
    expect(noCrash(r)).toEqual([]);
    expect(r.stderr).not.toContain('nested deeper');
    expect(r.stdout).toContain('HND001');
  });
});

describe('item 7 and 16: the YAML config', () => {
  const withYamlConfig = (extra: string) => {
    const files = exampleApp();
    const config = JSON.parse(files['parity-check.config.json']) as { apps: { name: string; root: string; entrypoints: string[] }[] };
    delete files['parity-check.config.json'];
    const app = config.apps[0];
    files['parity-check.config.yaml'] =
      `apps:\n  - name: ${app.name}\n    root: ${app.root}\n    entrypoints: [${app.entrypoints.join(', ')}]\n${extra}`;
    return files;
  };

  it('nested 10,000 deep: a config error at its line and column, exit 2', () => {
    // The top-level map is one level: the 256th bracket (column 3 + 256) is the first cut.
    const dir = hostileRepo(withYamlConfig(`x: ${'['.repeat(N)}${']'.repeat(N)}\n`));
    const before = treeHash(dir);
    const r = hostileCli(dir, []);
    expect(noCrash(r)).toEqual([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`parity-check.config.yaml: invalid YAML at line 5, column ${MAX_YAML_DEPTH + 3}: nested deeper than ${MAX_YAML_DEPTH} levels`);
    expect(treeHash(dir)).toBe(before);
  });

  it('a billion-laughs alias bomb: bounded, one clear line naming the file, exit 2; the same config without it loads', () => {
    const lols = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (const [i, n] of [...'bcdefghi'].entries()) lols.push(`${n}: &${n} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`);
    const dir = hostileRepo(withYamlConfig(`${lols.join('\n')}\n`));
    const before = treeHash(dir);
    const r = hostileCli(dir, []);
    expect(noCrash(r)).toEqual([]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/parity-check\.config\.yaml: invalid YAML: its aliases expand too far/);
    expect(treeHash(dir)).toBe(before);

    // One alias is fine: the limit is on expansion, not on using aliases.
    const ok = hostileRepo(withYamlConfig('a: &a [1]\nb: *a\n'));
    const o = hostileCli(ok, []);
    expect(noCrash(o)).toEqual([]);
    expect(o.stderr).not.toContain('aliases expand');
  });
});
