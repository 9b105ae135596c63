import { describe, expect, it } from 'vitest';
import {
  createBaseline,
  filterByBaseline,
  fingerprint,
  parseBaseline,
  pruneBaseline,
  serializeBaseline,
} from '../../src/filter/baseline.js';
import type { Finding } from '../../src/types.js';

const SRC = [
  'import importlib',
  '',
  'mod = importlib.import_module("app.routers.users")',
  'other = importlib.import_module("app.routers.users")',
  'ok = 1',
  '',
].join('\n');

const at = (line: number, message = `module path "app.routers.users" does not resolve (line ${line})`, ruleId = 'MOD001', file = 'app/main.py'): Finding => ({
  ruleId,
  severity: 'error',
  file,
  line,
  column: 32,
  endLine: line,
  endColumn: 52,
  message,
});

describe('fingerprint', () => {
  it('is 16 hex digits, independent of line numbers in the position and the message', () => {
    const fp = fingerprint(at(3), SRC);
    expect(fp).toMatch(/^[0-9a-f]{16}$/);
    const shifted = 'x = 1\ny = 2\n' + SRC;
    expect(fingerprint(at(5), shifted)).toBe(fp);
  });

  it('changes with the rule, the file, the offending line text and the message words', () => {
    const fp = fingerprint(at(3), SRC);
    expect(fingerprint(at(3, undefined, 'MOD002'), SRC)).not.toBe(fp);
    expect(fingerprint(at(3, undefined, 'MOD001', 'app/other.py'), SRC)).not.toBe(fp);
    expect(fingerprint(at(3), SRC.replace('mod = ', 'mod2 = '))).not.toBe(fp);
    expect(fingerprint(at(3, 'another message'), SRC)).not.toBe(fp);
  });

  it('ignores indentation and spacing changes on the line, and works without the source', () => {
    const fp = fingerprint(at(3), SRC);
    expect(fingerprint(at(3), SRC.replace('mod = importlib', '    mod  =  importlib'))).toBe(fp);
    expect(fingerprint(at(3), undefined)).toMatch(/^[0-9a-f]{16}$/);
    expect(fingerprint(at(3), undefined)).toBe(fingerprint(at(3), 'short\n'));
  });
});

describe('baseline', () => {
  const sources = new Map([['app/main.py', SRC]]);

  it('creates sorted, stable entries; identical offending lines are told apart by occurrence', () => {
    const dup = [at(4, 'same'), at(3, 'same')];
    const same = (src: string) => src.replace('other = ', 'mod = ');
    const b = createBaseline(dup, new Map([['app/main.py', same(SRC)]]));
    const base = fingerprint(at(3, 'same'), same(SRC));
    expect(b).toEqual({
      version: 1,
      entries: [
        { rule: 'MOD001', file: 'app/main.py', fingerprint: base, message: 'same' },
        { rule: 'MOD001', file: 'app/main.py', fingerprint: `${base}:1`, message: 'same' },
      ],
    });
  });

  it('serializes to 2-space JSON with a trailing newline, sorted by file, rule, fingerprint', () => {
    const findings = [at(3, 'm', 'PAR001', 'b.py'), at(3, 'm', 'MOD002', 'a.py'), at(3, 'm', 'MOD001', 'a.py')];
    const text = serializeBaseline(createBaseline(findings, new Map()));
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n').slice(0, 4)).toEqual(['{', '  "version": 1,', '  "entries": [', '    {']);
    const parsed = JSON.parse(text);
    expect(parsed.entries.map((e: { file: string; rule: string }) => `${e.file} ${e.rule}`)).toEqual([
      'a.py MOD001',
      'a.py MOD002',
      'b.py PAR001',
    ]);
    expect(Object.keys(parsed.entries[0])).toEqual(['rule', 'file', 'fingerprint', 'message']);
    expect(parseBaseline(text)).toEqual(createBaseline(findings, new Map()));
    // Same findings in another order: the same bytes.
    expect(serializeBaseline(createBaseline(findings.slice().reverse(), new Map()))).toBe(text);
  });

  it('still matches after lines are added above (line numbers and the messages’ numbers move)', () => {
    const before = [at(3), at(4)];
    const baseline = createBaseline(before, sources);
    const edited = '"""Docstring."""\nimport os\nimport sys\n' + SRC;
    const after = [at(6), at(7)];
    const r = filterByBaseline(after, new Map([['app/main.py', edited]]), baseline);
    expect(r.fresh).toEqual([]);
    expect(r.baselined).toEqual(after);
    expect(r.fixedEntries).toEqual([]);
  });

  it('reports a new finding alone', () => {
    const baseline = createBaseline([at(3)], sources);
    const newOne = at(4);
    const r = filterByBaseline([at(3), newOne], sources, baseline);
    expect(r.fresh).toEqual([newOne]);
    expect(r.baselined).toEqual([at(3)]);
    expect(r.fixedEntries).toEqual([]);
  });

  it('a third copy of an accepted duplicate line is new; the first two stay accepted', () => {
    const src = 'x = f("a")\nx = f("a")\nx = f("a")\n';
    const s = new Map([['app/main.py', src]]);
    const baseline = createBaseline([at(1, 'm'), at(2, 'm')], s);
    const r = filterByBaseline([at(1, 'm'), at(2, 'm'), at(3, 'm')], s, baseline);
    expect(r.baselined.map((f) => f.line)).toEqual([1, 2]);
    expect(r.fresh.map((f) => f.line)).toEqual([3]);
  });

  it('counts fixed entries and prunes them', () => {
    const baseline = createBaseline([at(3), at(4), at(5, 'other', 'PAR001')], sources);
    const r = filterByBaseline([at(4)], sources, baseline);
    expect(r.fresh).toEqual([]);
    expect(r.baselined).toEqual([at(4)]);
    expect(r.fixedEntries.map((e) => `${e.rule} ${e.message}`)).toEqual([
      'MOD001 module path "app.routers.users" does not resolve (line 3)',
      'PAR001 other',
    ]);
    const pruned = pruneBaseline(baseline, r.fixedEntries);
    expect(pruned.entries).toHaveLength(1);
    expect(filterByBaseline([at(4)], sources, pruned)).toEqual({ fresh: [], baselined: [at(4)], fixedEntries: [] });
    expect(baseline.entries).toHaveLength(3); // not mutated
  });

  it('rejects badly shaped baseline files with a clear message', () => {
    expect(() => parseBaseline('{')).toThrow(/^baseline is not valid JSON: /);
    expect(() => parseBaseline('[]')).toThrow('baseline must be a JSON object with "version" and "entries"');
    expect(() => parseBaseline('{"version":2,"entries":[]}')).toThrow('baseline version must be 1, found 2');
    expect(() => parseBaseline('{"version":1}')).toThrow('baseline "entries" must be an array');
    expect(() => parseBaseline('{"version":1,"entries":[1]}')).toThrow('baseline entries[0] must be an object');
    expect(() =>
      parseBaseline('{"version":1,"entries":[{"rule":"A","file":"f","fingerprint":"x","message":"m"},{"rule":"A","file":3}]}'),
    ).toThrow('baseline entries[1].file must be a string');
    expect(parseBaseline('\ufeff{"version":1,"entries":[]}')).toEqual({ version: 1, entries: [] });
  });
});
