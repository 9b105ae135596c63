import { describe, expect, it } from 'vitest';
import { closeMatches, editDistance, ratio } from '../../src/util/similar.js';
import { python, tempDir } from '../helpers.js';

const WORDS = ['CMEActivityTopic', 'CMEActivity', 'CMETopic', 'User', 'router', 'users_router', 'get_router', 'Base', 'BaseModel', 'send_alert', 'send_alerts', 'alerting', 'GZipMiddleware', 'CORSMiddleware', 'a', '', 'abcabc', 'cba'];

describe('ratio / closeMatches', () => {
  it('score exactly like difflib.SequenceMatcher and get_close_matches', () => {
    const pairs = WORDS.flatMap((a) => WORDS.map((b) => [a, b]));
    const r = python(
      `import difflib, json\nwords = ${JSON.stringify(WORDS)}\npairs = ${JSON.stringify(pairs)}\nprint(json.dumps({"ratios": [difflib.SequenceMatcher(None, a, b).ratio() for a, b in pairs], "close": [difflib.get_close_matches(w, words) for w in words]}))`,
      tempDir(),
    );
    const py = JSON.parse(r.stdout) as { ratios: number[]; close: string[][] };
    pairs.forEach(([a, b], i) => expect([a, b, ratio(a, b)]).toEqual([a, b, py.ratios[i]]));
    WORDS.forEach((w, i) => expect(closeMatches(w, WORDS).sort()).toEqual(py.close[i].sort()));
  });
});

describe('editDistance (optimal string alignment)', () => {
  it('counts a swap of two neighbours as one edit, and stops past max', () => {
    expect(editDistance('reqeusts', 'requests')).toBe(1);
    expect(editDistance('naem', 'name')).toBe(1);
    expect(editDistance('rot', 'root')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    // A substring is edited once: `ca` → `ac` → `abc` is not allowed, so 3 (Damerau's unrestricted distance says 2).
    expect(editDistance('ca', 'abc')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
    expect(editDistance('requests', 'reqeusts', 0)).toBe(Infinity);
    expect(editDistance('apii', 'api', 1)).toBe(1);
    expect(editDistance('boto3', 'b', 2)).toBe(Infinity);
  });
});
