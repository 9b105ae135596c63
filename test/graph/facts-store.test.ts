// The facts store parses each file once per run, whether it is peeked at (MDL001's look for a class
// elsewhere, once per app) or read as part of a graph, and only files read for a graph are reported on.
import { describe, expect, it } from 'vitest';
import { FactsStore } from '../../src/graph/facts-store.js';
import { openSnapshot } from '../../src/snapshot/index.js';
import { writeTree } from '../helpers.js';

describe('FactsStore', () => {
  it('parses a peeked file once, and counts it as read only when a graph asks for it', async () => {
    const dir = writeTree({ 'models/other.py': 'class Activity:\n    pass\n' });
    const snapshot = await openSnapshot(dir, {});
    const store = new FactsStore(snapshot);
    const first = await store.peek('models/other.py');
    expect(first?.classes.map((c) => c.name)).toEqual(['Activity']);
    expect(await store.peek('models/other.py')).toBe(first);
    expect(store.read.size).toBe(0);
    expect(await store.get('models/other.py')).toBe(first);
    expect([...store.read.keys()]).toEqual(['models/other.py']);
    expect(store.parsed).toBe(1);
    await snapshot.close();
  });
});
