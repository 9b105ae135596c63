// One config document (a file, or the "parity-check" key of a package.json) and how its text becomes
// a value: YAML, TOML (pyproject.toml's [tool.parity-check]) or JSON, each syntax error with its line and column.
import { parse as parseToml, TomlError } from 'smol-toml';
import YAML from 'yaml';
import { configMessages as M } from '../messages.js';
import { MAX_YAML_DEPTH, boundYamlDepth } from '../util/yaml-depth.js';
import { lineColumn, locateJsonError } from './json-error.js';
import { blankJsonComments } from './jsonc.js';

/** The key of package.json (and the table under pyproject.toml's [tool]) that may hold the config. */
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
  // pyproject.toml (any .toml): the [tool.parity-check] table; none is an empty config.
  if (/\.toml$/i.test(source.abs)) {
    let doc: Record<string, unknown>;
    try {
      doc = parseToml(text) as Record<string, unknown>;
    } catch (e) {
      const line = e instanceof TomlError ? e.line : 1;
      const column = e instanceof TomlError ? e.column : 1;
      const detail = (e as Error).message.split('\n')[0].replace(/^Invalid TOML document: /, '');
      return { ok: false, problems: [M.invalidToml(line, column, detail)] };
    }
    const tool = isObject(doc.tool) ? doc.tool : {};
    return { ok: true, value: tool[PACKAGE_JSON_KEY] ?? {} };
  }
  const isYaml = /\.ya?ml$/i.test(source.abs);
  if (isYaml) {
    // A config is never that deep: nesting past the bound is an error at its place, not a stack overflow.
    const cut = boundYamlDepth(text).cuts[0];
    if (cut) return { ok: false, problems: [M.invalidYaml(cut.line, cut.column, `nested deeper than ${MAX_YAML_DEPTH} levels`)] };
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
    let value: unknown;
    try {
      // toJS refuses an alias bomb (billion laughs) once aliases expand past its maxAliasCount.
      value = doc.toJS();
    } catch (e) {
      return { ok: false, problems: [M.yamlAliases(lowerFirst((e as Error).message.split('\n')[0]))] };
    }
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
