// The JSON Schema of the configuration, generated from the zod schema (scripts/gen-schema.mjs
// writes it to config/parity-check.schema.json; a test keeps that file in step).
import * as z from 'zod';
import { configSchema } from './schema.js';
import { rawUrl } from '../links.js';

/** The schema file at this version's release tag (src/links.ts); undefined while the project has no repository. */
export const SCHEMA_ID = rawUrl('config/parity-check.schema.json');

/** The JSON Schema (draft 2020-12) of a parity-check config file. */
export function configJsonSchema(): Record<string, unknown> {
  // io 'input': describe what a user writes (before zod's transforms such as trim()).
  const schema = z.toJSONSchema(configSchema, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>;
  const { $schema, ...rest } = schema;
  return { $schema, ...(SCHEMA_ID !== undefined ? { $id: SCHEMA_ID } : {}), title: 'parity-check configuration', ...rest };
}

/** The schema file's text, exactly as committed. */
export function configJsonSchemaText(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}
