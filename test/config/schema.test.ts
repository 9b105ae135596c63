import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { configJsonSchema, configJsonSchemaText } from '../../src/config/json-schema.js';
import { configSchema } from '../../src/config/schema.js';
import { tempDir } from '../helpers.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const committed = path.join(root, 'config', 'parity-check.schema.json');

describe('config/parity-check.schema.json', () => {
  it('is exactly what the zod schema generates now (run node scripts/gen-schema.mjs after changing schema.ts)', () => {
    expect(fs.readFileSync(committed, 'utf8')).toBe(configJsonSchemaText());
  });

  it('is what scripts/gen-schema.mjs writes', () => {
    const out = path.join(tempDir(), 'schema.json');
    // stdio piped: what the script says stays out of the test output (a failure throws with it).
    execFileSync(process.execPath, [path.join(root, 'scripts', 'gen-schema.mjs'), '--out', out], { cwd: root, stdio: 'pipe' });
    expect(fs.readFileSync(out, 'utf8')).toBe(fs.readFileSync(committed, 'utf8'));
    execFileSync(process.execPath, [path.join(root, 'scripts', 'gen-schema.mjs'), '--check'], { cwd: root, stdio: 'pipe' });
  });

  it('accepts the recommended config and a full sample, rejects a wrong one, like zod', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const validate = ajv.compile(configJsonSchema());
    const recommended: unknown = JSON.parse(fs.readFileSync(path.join(root, 'config', 'recommended.json'), 'utf8'));
    expect(validate(recommended)).toBe(true);
    expect(configSchema.safeParse(recommended).success).toBe(true);
    expect((recommended as { $schema: string }).$schema).toBe('./node_modules/parity-check/config/parity-check.schema.json');

    const sample = {
      extends: ['./base.json', '@acme/parity-check-config'],
      apps: [
        {
          name: 'api',
          root: 'services/api/src',
          entrypoints: ['main.py', 'lazy_app.py'],
          deployRootLabel: '/var/task',
          allow: [{ rule: 'PAR001', name: 'GZipMiddleware', only: 'main.py', file: 'services/api/src/main.py', reason: 'gateway gzip' }],
        },
      ],
      allow: [{ rule: 'MOD001', reason: 'loaded by a plugin system' }],
      rules: { PAR002: 'off', PARSE001: 'warning' },
      ignore: ['**/tests/**'],
    };
    expect(validate(sample)).toBe(true);
    expect(configSchema.safeParse(sample).success).toBe(true);

    // "warn" is "warning" (as in ESLint); an unknown code is not a key the schema allows.
    expect(configSchema.safeParse({ rules: { PAR001: 'warn' } }).success).toBe(true);
    expect(validate({ rules: { PAR001: 'warn' } })).toBe(true);
    const wrong = { apps: [{ name: 'a', rot: 'x', root: 'src', entrypoints: [] }], rules: { PAR001: 'loud', bad: 'off' } };
    expect(validate(wrong)).toBe(false);
    expect(validate.errors?.map((e) => `${e.instancePath} ${e.keyword}`).sort()).toEqual([
      '/apps/0 additionalProperties',
      '/apps/0/entrypoints minItems',
      '/rules enum',
      '/rules propertyNames',
      '/rules/PAR001 enum',
    ].sort());
    expect(configSchema.safeParse(wrong).success).toBe(false);
  });
});
