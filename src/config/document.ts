// One config document (a file, or the "parity-check" key of a package.json) and how its text becomes
// a value: YAML or JSON, each syntax error with its line and column.
import YAML from 'yaml';
import { configMessages as M } from '../messages.js';
import { lineColumn, locateJsonError } from './json-error.js';
import { blankJsonComments } from './jsonc.js';

/** The key of package.json that may hold the config. */
export const PACKAGE_JSON_KEY = 'parity-check';

/** One config document: a file, or the "parity-check" key of a package.json. */
export interface Source {
  /** Absolute path on disk (identity for cycle detection, and where `extends` is resolved from). */
  abs: string;
  /** Read the package.json key instead of the whole file. */
  key?: string;
  /** How messages name it. */
  label: string;
}

export function sourceId(s: Source): string {
  return s.key ? `${s.abs}#${s.key}` : s.abs;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export type Parsed = { ok: true; value: unknown } | { ok: false; problems: string[] };

/** The document's value (for a package.json, its key's; no key is an empty config), or its syntax errors. */
export function parseDocument(source: Source, text: string): Parsed {
  const isYaml = /\.ya?ml$/i.test(source.abs);
  if (isYaml) {
    const doc = YAML.parseDocument(text, { prettyErrors: true });
    if (doc.errors.length) {
      return {
        ok: false,
        problems: doc.errors.map((e) => {
          const pos = e.linePos?.[0] ?? { line: 1, col: 1 };
          const detail = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
          return M.invalidYaml(pos.line, pos.col, lowerFirst(detail));
        }),
      };
    }
    const value: unknown = doc.toJS();
    return { ok: true, value: value ?? {} }; // an empty YAML file is an empty config
  }
  // A config file may hold comments and trailing commas (JSONC); package.json is strict JSON.
  const json = source.key === undefined ? blankJsonComments(text) : text;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    const { offset, message } = locateJsonError(json);
    const { line, column } = lineColumn(text, offset);
    return { ok: false, problems: [M.invalidJson(line, column, message)] };
  }
  if (source.key !== undefined) {
    if (!isObject(value) || !(source.key in value)) return { ok: true, value: {} };
    return { ok: true, value: value[source.key] };
  }
  return { ok: true, value };
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
