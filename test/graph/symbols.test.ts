import { describe, expect, it } from 'vitest';
import { REEXPORTS } from '../../src/graph/symbols.js';
import { python, tempDir } from '../helpers.js';

describe('REEXPORTS', () => {
  it('maps only names that real Python says are the very same object', () => {
    const pairs = Object.entries(REEXPORTS);
    const script = `
import importlib, json
def get(q):
    mod, _, name = q.rpartition('.')
    return getattr(importlib.import_module(mod), name)
pairs = json.loads(${JSON.stringify(JSON.stringify(pairs))})
print(json.dumps([get(a) is get(b) for a, b in pairs]))
`;
    const r = python(script, tempDir());
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual(pairs.map(() => true));
  });
});
