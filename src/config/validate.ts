// Validation of a config document against the schema, and zod's issues turned into messages a
// person reads: `apps[0].root: expected a string, found number`, `unknown key "rot" (did you mean "root"?)`.
import type { z } from 'zod';
import { atPath, configMessages as M } from '../messages.js';
import { configSchema, type Config } from './schema.js';
import { RULE_CODES } from '../types/rules.js';
import { closeMatches, editDistance } from '../util/similar.js';

// What zod's own messages are replaced by, so that a message written in the schema can be told apart.
const DEFAULT_MESSAGE = '\u0000default';

type Issue = z.core.$ZodIssue;
type PathKey = PropertyKey;

export type Validated = { ok: true; config: Config } | { ok: false; problems: string[] };

/** The value checked against the schema: the config, or every problem as a `path: message` line (no file named). */
export function validateConfig(value: unknown): Validated {
  const result = configSchema.safeParse(value, { error: () => DEFAULT_MESSAGE });
  return result.success ? { ok: true, config: result.data } : { ok: false, problems: issuesToMessages(result.error.issues, value) };
}

/** `apps[0].root`, `rules.PAR001`, `rules["odd key"]`. */
export function formatPath(p: readonly PathKey[]): string {
  let out = '';
  for (const k of p) {
    if (typeof k === 'number') out += `[${k}]`;
    else if (typeof k === 'string' && /^[A-Za-z_$][\w$]*$/.test(k)) out += out ? `.${k}` : k;
    else out += `[${JSON.stringify(String(k))}]`;
  }
  return out;
}

function valueAt(root: unknown, p: readonly PathKey[]): unknown {
  let v = root;
  for (const k of p) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/** `"warn"` for a string, else its type. */
function shown(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : typeName(v);
}

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  boolean: 'a boolean',
  array: 'an array',
  object: 'an object',
  record: 'an object',
};

// Keys each object of the config accepts, for "did you mean".
const KNOWN_KEYS = {
  config: Object.keys(configSchema.shape),
  app: ['name', 'root', 'entrypoints', 'deployRootLabel', 'allow'],
  allow: ['rule', 'name', 'only', 'file', 'reason'],
};

function knownKeysAt(p: readonly PathKey[]): string[] {
  if (p.length === 0) return KNOWN_KEYS.config;
  const parent = p[p.length - 2];
  if (parent === 'apps') return KNOWN_KEYS.app;
  if (parent === 'allow') return KNOWN_KEYS.allow;
  return [];
}

// The closest key by edit distance, case folded (util/similar.ts): not difflib's ratio, which is
// case-sensitive and scores otherwise ("ROOT" would lose its "root", "entry" would gain "entrypoints").
// A swap of two neighbours is one edit, as for a typo of an import ("naem" is one edit from "name").
function suggest(key: string, known: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const dist = editDistance(key.toLowerCase(), k.toLowerCase());
    if (dist < bestDistance) {
      best = k;
      bestDistance = dist;
    }
  }
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(best.length / 3)) ? best : undefined;
}

/** Converts zod issues into `path: message` lines; `data` is the value that was validated. */
export function issuesToMessages(issues: readonly Issue[], data: unknown, base: readonly PathKey[] = []): string[] {
  const out: string[] = [];
  for (const issue of issues) {
    const p = [...base, ...issue.path];
    const value = valueAt(data, p);
    const custom = issue.message !== DEFAULT_MESSAGE ? issue.message : undefined;
    switch (issue.code) {
      case 'invalid_type': {
        const expected = EXPECTED[issue.expected] ?? issue.expected;
        if (value === undefined) {
          out.push(atPath(formatPath(p), p[p.length - 1] === 'reason' ? M.reasonRequired : M.missing(expected)));
        } else out.push(atPath(formatPath(p), M.expectedFound(expected, typeName(value))));
        break;
      }
      case 'unrecognized_keys':
        for (const key of issue.keys) {
          // `rules` keys are rule codes: the closest codes, not the closest config keys.
          if (formatPath(p) === 'rules') out.push(atPath('rules', M.unknownRuleCode(key, closeMatches(key.toUpperCase(), RULE_CODES, 3, 0.5))));
          else out.push(atPath(formatPath(p), M.unknownKey(key, suggest(key, knownKeysAt(p)))));
        }
        break;
      case 'too_small': {
        let text: string;
        if (custom) text = custom;
        else if (issue.origin === 'string') text = Number(issue.minimum) <= 1 ? M.emptyString : M.tooShort(Number(issue.minimum));
        else if (issue.origin === 'array' || issue.origin === 'set') text = M.tooFewEntries(Number(issue.minimum));
        else text = `expected at least ${issue.minimum}`;
        out.push(atPath(formatPath(p), text));
        break;
      }
      case 'invalid_value':
        out.push(atPath(formatPath(p), custom ?? M.oneOf(issue.values.map((v) => JSON.stringify(v)), shown(value))));
        break;
      case 'invalid_format':
        out.push(atPath(formatPath(p), M.badFormat(custom ?? `text matching ${issue.pattern ?? issue.format}`, shown(value))));
        break;
      case 'invalid_key': {
        const key = String(p[p.length - 1]);
        const inner = issuesToMessages(issue.issues, key);
        for (const text of inner.length ? inner : [M.invalid]) out.push(atPath(formatPath(p.slice(0, -1)), M.badKey(key, text)));
        break;
      }
      case 'invalid_union': {
        // Each branch failed. When all failed on the type itself: "expected a string or an array".
        const rootTypes = issue.errors.map((branch) =>
          branch.length === 1 && branch[0].code === 'invalid_type' && branch[0].path.length === 0 ? branch[0].expected : undefined,
        );
        if (rootTypes.every((t) => t !== undefined)) {
          const expected = rootTypes.map((t) => EXPECTED[t!] ?? t).join(' or ');
          out.push(atPath(formatPath(p), value === undefined ? M.missing(expected) : M.expectedFound(expected, typeName(value))));
        } else {
          // The branch that got furthest: the one that did not fail on the type.
          const branch = issue.errors.find((_b, i) => rootTypes[i] === undefined) ?? issue.errors[0];
          out.push(...issuesToMessages(branch, data, p));
        }
        break;
      }
      default:
        out.push(atPath(formatPath(p), custom ?? M.invalid));
    }
  }
  return out;
}
