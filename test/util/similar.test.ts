import { describe, expect, it } from 'vitest';
import { closeMatches, ratio } from '../../src/util/similar.js';
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
