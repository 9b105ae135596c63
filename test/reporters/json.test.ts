import { describe, expect, it } from 'vitest';
import { renderJson } from '../../src/reporters/json.js';
import type { Finding } from '../../src/types.js';

const withAll: Finding = {
  message: 'module path "a.b" does not resolve',
  fix: {
    edits: [{ text: 'app.b', file: 'app/main.py', span: { endColumn: 15, endLine: 4, column: 10, line: 4 } }],
    description: 'rewrite the path',
    safe: true,
  },
  related: [{ endColumn: 5, endLine: 1, column: 1, line: 1, file: 'app/lazy.py' }],
  endColumn: 15,
  endLine: 4,
  column: 10,
  line: 4,
  file: 'app/main.py',
  severity: 'error',
  ruleId: 'MOD001',
};
const bare: Finding = { ruleId: 'PAR001', severity: 'warning', file: 'app/lazy.py', line: 2, column: 1, message: 'missing' };

describe('renderJson', () => {
  it('writes findings sorted, with a fixed key order and optional keys left out', () => {
    const out = renderJson([withAll, bare]);
    expect(out.endsWith('}\n')).toBe(true);
    const parsed = JSON.parse(out);
    expect(Object.keys(parsed)).toEqual(['findings']);
    expect(parsed.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['PAR001', 'MOD001']);
    expect(Object.keys(parsed.findings[0])).toEqual(['ruleId', 'severity', 'file', 'line', 'column', 'message']);
    expect(Object.keys(parsed.findings[1])).toEqual([
      'ruleId', 'severity', 'file', 'line', 'column', 'endLine', 'endColumn', 'message', 'related', 'fix',
    ]);
    expect(parsed.findings[1].related).toEqual([{ file: 'app/lazy.py', line: 1, column: 1, endLine: 1, endColumn: 5 }]);
    expect(Object.keys(parsed.findings[1].related[0])).toEqual(['file', 'line', 'column', 'endLine', 'endColumn']);
    expect(parsed.findings[1].fix).toEqual({
      safe: true,
      description: 'rewrite the path',
      edits: [{ file: 'app/main.py', span: { line: 4, column: 10, endLine: 4, endColumn: 15 }, text: 'app.b' }],
    });
    expect(Object.keys(parsed.findings[1].fix.edits[0].span)).toEqual(['line', 'column', 'endLine', 'endColumn']);
  });

  it('is pretty-printed with two spaces, exactly', () => {
    expect(renderJson([bare], { summary: { errors: 0, warnings: 1 } })).toBe(
      [
        '{',
        '  "findings": [',
        '    {',
        '      "ruleId": "PAR001",',
        '      "severity": "warning",',
        '      "file": "app/lazy.py",',
        '      "line": 2,',
        '      "column": 1,',
        '      "message": "missing"',
        '    }',
        '  ],',
        '  "summary": {',
        '    "errors": 0,',
        '    "warnings": 1',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('puts extra keys after findings and never lets them replace the findings', () => {
    const parsed = JSON.parse(renderJson([], { version: '0.1.0', findings: ['nope'], suppressed: 2 }));
    expect(parsed).toEqual({ findings: [], version: '0.1.0', suppressed: 2 });
    expect(Object.keys(parsed)).toEqual(['findings', 'version', 'suppressed']);
  });
});
