import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { renderSarif, SARIF_SCHEMA_URI, type SarifRuleInfo } from '../../src/reporters/sarif.js';
import type { Finding } from '../../src/types.js';

// The official OASIS SARIF 2.1.0 schema (draft-07), from oasis-tcs/sarif-spec,
// Documents/CommitteeSpecifications/2.1.0/sarif-schema-2.1.0.json.
const schema = JSON.parse(readFileSync(new URL('../fixtures/sarif-schema-2.1.0.json', import.meta.url), 'utf8'));

// ajv 8 ships no format checkers (they live in ajv-formats, not a dependency here) and refuses unknown
// formats; these check the three formats the schema uses, rather than stubbing them out.
function isAbsoluteUri(s: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(s) || /[\s<>"{}|\\^`]/.test(s)) return false;
  try {
    new URL(s);
    return true;
  } catch {
    return false;
  }
}
function isUriReference(s: string): boolean {
  if (/[\s<>"{}|\\^`]/.test(s) || /%(?![0-9A-Fa-f]{2})/.test(s)) return false;
  try {
    new URL(s, 'http://base.invalid/dir/');
    return true;
  } catch {
    return false;
  }
}
// Default ajv strictness (strict: true would also turn on strictRequired, which this official schema fails).
const ajv = new Ajv({ allErrors: true });
ajv.addFormat('uri', isAbsoluteUri);
ajv.addFormat('uri-reference', isUriReference);
ajv.addFormat('date-time', (s: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(s));
const validate = ajv.compile(schema);

/** What the schema says is wrong with the document: none when it is valid (a failure shows them). */
function schemaErrors(text: string): unknown[] {
  return validate(JSON.parse(text)) ? [] : (validate.errors ?? ['invalid']);
}

const docs = (what: string) => ({
  what,
  why: 'Lambda imports the lazy entry point, so the app breaks only in production.',
  bad: { files: { 'main.py': 'from fastapi import FastAPI\napp = FastAPI()\n' } },
  good: { files: { 'main.py': 'from fastapi import FastAPI\napp = FastAPI()\n', 'lazy_app.py': 'from main import app\n' } },
  fix: 'Register it in both entry points.',
});
const rules: SarifRuleInfo[] = [
  { code: 'MOD001', name: 'unresolved-module-path', summary: 'A module path string does not resolve', severity: 'error', docs: docs('Finds import_module strings that resolve to no module.') },
  { code: 'PAR001', name: 'middleware-missing', summary: 'Middleware missing from one entry point', severity: 'warning', docs: docs('Finds middleware registered on one app only.') },
];
const opts = {
  toolVersion: '0.1.0',
  informationUri: 'https://github.com/example/parity-check',
  helpUriFor: (code: string) => `https://github.com/example/parity-check/blob/main/docs/rules/${code}.md`,
};

const mod001: Finding = {
  ruleId: 'MOD001',
  severity: 'error',
  file: 'app/main.py',
  line: 4,
  column: 10,
  endLine: 4,
  endColumn: 15,
  message: 'module path "a.b" does not resolve',
  related: [
    { file: 'app/lazy app.py', line: 1, column: 1, endLine: 1, endColumn: 5 },
    { file: 'app/routers/#1.py', line: 2, column: 3, endLine: 2, endColumn: 4 },
  ],
  fix: {
    safe: true,
    description: 'Rewrite "a.b" to "app.b"',
    edits: [
      { file: 'app/main.py', span: { line: 4, column: 10, endLine: 4, endColumn: 15 }, text: '"app.b"' },
      { file: 'app/lazy app.py', span: { line: 2, column: 1, endLine: 2, endColumn: 1 }, text: 'import app.b\n' },
    ],
  },
};
const par001: Finding = { ruleId: 'PAR001', severity: 'warning', file: 'app/lazy app.py', line: 7, column: 1, message: 'GZipMiddleware is missing' };
const sup001: Finding = { ruleId: 'SUP001', severity: 'warning', file: 'app/main.py', line: 2, column: 8, message: 'unused suppression: no MOD001 finding on line 3' };

describe('renderSarif', () => {
  it('the fixture is the complete official schema', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.title).toBe('Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema');
    expect(Object.keys(schema.definitions)).toHaveLength(52);
    expect(schema.definitions.webResponse.properties.noResponseReceived.type).toBe('boolean');
  });

  it('produces a log valid against the SARIF 2.1.0 schema, with fixes, related locations and several rules', () => {
    const text = renderSarif([par001, mod001, sup001], rules, opts);
    expect(schemaErrors(text)).toEqual([]);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('an empty run is valid too, and the validator does reject broken logs', () => {
    expect(schemaErrors(renderSarif([], rules, opts))).toEqual([]);
    const log = JSON.parse(renderSarif([mod001], rules, opts));
    log.runs[0].results[0].level = 'fatal';
    expect(validate(log)).toBe(false);
    const log2 = JSON.parse(renderSarif([mod001], rules, opts));
    log2.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    expect(validate(log2)).toBe(false);
    const log3 = JSON.parse(renderSarif([mod001], rules, opts));
    log3.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = 'app/lazy app.py';
    expect(validate(log3)).toBe(false);
  });

  it('describes the tool and every rule', () => {
    const log = JSON.parse(renderSarif([mod001, sup001], rules, { ...opts, srcRootUri: 'file:///repo/' }));
    expect(log.$schema).toBe(SARIF_SCHEMA_URI);
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0];
    expect(run.originalUriBaseIds).toEqual({ SRCROOT: { description: { text: 'The checked folder.' }, uri: 'file:///repo/' } });
    expect(run.columnKind).toBe('utf16CodeUnits');
    const driver = run.tool.driver;
    expect([driver.name, driver.version, driver.informationUri]).toEqual(['parity-check', '0.1.0', 'https://github.com/example/parity-check']);
    expect(driver.rules.map((r: { id: string }) => r.id)).toEqual(['MOD001', 'PAR001', 'SUP001']);
    const r0 = driver.rules[0];
    expect(r0.name).toBe('unresolved-module-path');
    expect(r0.shortDescription).toEqual({ text: 'A module path string does not resolve' });
    expect(r0.fullDescription).toEqual({ text: 'Finds import_module strings that resolve to no module.' });
    expect(r0.helpUri).toBe('https://github.com/example/parity-check/blob/main/docs/rules/MOD001.md');
    expect(r0.defaultConfiguration).toEqual({ level: 'error' });
    expect(driver.rules[1].defaultConfiguration).toEqual({ level: 'warning' });
    expect(r0.help.text).toBe(
      'Finds import_module strings that resolve to no module.\n\nWhy: Lambda imports the lazy entry point, so the app breaks only in production.\n\nFix: Register it in both entry points.',
    );
    expect(r0.help.markdown).toContain('## Why');
    expect(r0.help.markdown).toContain('`lazy_app.py`\n\n```python\nfrom main import app\n```');
    // A finding of a rule not passed in still gets a descriptor, so ruleIndex always points somewhere.
    expect(driver.rules[2]).toEqual({
      id: 'SUP001',
      helpUri: 'https://github.com/example/parity-check/blob/main/docs/rules/SUP001.md',
      defaultConfiguration: { level: 'warning' },
    });
  });

  it('maps findings to results with index, level, region, related locations and fixes', () => {
    const log = JSON.parse(renderSarif([par001, mod001, sup001], rules, opts));
    const results = log.runs[0].results;
    expect(results.map((r: { ruleId: string }) => r.ruleId)).toEqual(['PAR001', 'SUP001', 'MOD001']);
    expect(results[0]).toEqual({
      ruleId: 'PAR001',
      ruleIndex: 1,
      level: 'warning',
      message: { text: 'GZipMiddleware is missing' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'app/lazy%20app.py', uriBaseId: 'SRCROOT' },
            region: { startLine: 7, startColumn: 1 },
          },
        },
      ],
    });
    expect(results[1].ruleIndex).toBe(2);
    const m = results[2];
    expect(m.ruleIndex).toBe(0);
    expect(m.level).toBe('error');
    expect(m.locations[0].physicalLocation.region).toEqual({ startLine: 4, startColumn: 10, endLine: 4, endColumn: 15 });
    expect(m.relatedLocations).toEqual([
      {
        id: 1,
        physicalLocation: {
          artifactLocation: { uri: 'app/lazy%20app.py', uriBaseId: 'SRCROOT' },
          region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 5 },
        },
      },
      {
        id: 2,
        physicalLocation: {
          artifactLocation: { uri: 'app/routers/%231.py', uriBaseId: 'SRCROOT' },
          region: { startLine: 2, startColumn: 3, endLine: 2, endColumn: 4 },
        },
      },
    ]);
    expect(m.fixes).toEqual([
      {
        description: { text: 'Rewrite "a.b" to "app.b"' },
        artifactChanges: [
          {
            artifactLocation: { uri: 'app/lazy%20app.py', uriBaseId: 'SRCROOT' },
            replacements: [
              { deletedRegion: { startLine: 2, startColumn: 1, endLine: 2, endColumn: 1 }, insertedContent: { text: 'import app.b\n' } },
            ],
          },
          {
            artifactLocation: { uri: 'app/main.py', uriBaseId: 'SRCROOT' },
            replacements: [
              { deletedRegion: { startLine: 4, startColumn: 10, endLine: 4, endColumn: 15 }, insertedContent: { text: '"app.b"' } },
            ],
          },
        ],
        properties: { safe: true },
      },
    ]);
  });

  it('is byte-for-byte stable whatever the input order', () => {
    expect(renderSarif([sup001, mod001, par001], rules, opts)).toBe(renderSarif([par001, mod001, sup001], rules, opts));
  });
});
