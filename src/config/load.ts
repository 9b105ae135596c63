// Finds, reads (through the snapshot, so --staged reads the staged config), parses, merges
// (`extends`) and validates the configuration. Every problem is collected and reported at once,
// each prefixed with its file and its path inside the config.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import YAML from 'yaml';
import type { z } from 'zod';
import { atPath, configMessages as M, inFile } from '../messages.js';
import type { Snapshot } from '../types.js';
import { configSchema, type AppConfig, type Config } from './schema.js';
import { joinPath } from '../util/posix-path.js';

/** The configuration is wrong: every problem found, each a full line naming its file. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(M.errorSummary(problems));
  }
}

export interface LoadedConfig {
  config: Config;
  /** The config file: posix and relative to the checked folder, or absolute when outside it; undefined when none was found. */
  file: string | undefined;
  /** Posix path, relative to the checked folder, of the folder holding the config: app roots are relative to it. */
  dir: string;
  /** Every config file read (the config and what it extends) that lies inside the checked folder, posix and relative: a staged change to any of them affects every app. */
  files: string[];
}

export interface LoadConfigOptions {
  /** --config: relative to the current folder, or absolute. */
  configPath?: string;
}

/** The names looked for in the checked folder, in this order (then package.json's "parity-check" key). */
export const CONFIG_FILE_NAMES = ['parity-check.config.json', 'parity-check.config.yaml', 'parity-check.config.yml'] as const;
export const PACKAGE_JSON_KEY = 'parity-check';

// Folders the snapshot never lists: a config in one of them is read from disk.
const NOT_IN_SNAPSHOT = new Set(['node_modules', '.git', '.venv', 'venv', 'site-packages', '__pycache__', '.tox']);

const toPosix = (p: string) => p.split(path.sep).join('/');
const decoder = new TextDecoder('utf-8');

/** One config document: a file, or the "parity-check" key of a package.json. */
interface Source {
  /** Absolute path on disk (identity for cycle detection, and where `extends` is resolved from). */
  abs: string;
  /** Read the package.json key instead of the whole file. */
  key?: string;
  /** How messages name it. */
  label: string;
}

interface Layer {
  source: Source;
  config: Config;
}

class Loader {
  readonly problems: string[] = [];
  private readonly layers: Layer[] = [];
  private readonly done = new Set<string>();

  constructor(private readonly snapshot: Snapshot) {}

  /** Posix path relative to the snapshot base when `abs` is inside it. */
  relInside(abs: string): string | undefined {
    const rel = path.relative(this.snapshot.base, abs);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
    return toPosix(rel);
  }

  label(abs: string): string {
    return this.relInside(abs) ?? toPosix(abs);
  }

  /** Text of a file: through the snapshot inside the checked folder, from disk elsewhere; undefined when absent. */
  async readText(abs: string): Promise<string | undefined> {
    const rel = this.relInside(abs);
    if (rel !== undefined && !rel.split('/').some((part) => NOT_IN_SNAPSHOT.has(part))) {
      return this.snapshot.has(rel) ? this.snapshot.readText(rel) : undefined;
    }
    try {
      return decoder.decode(await fs.promises.readFile(abs));
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      if (e.code === 'ENOENT' || e.code === 'ENOTDIR') return undefined;
      throw err;
    }
  }

  exists(abs: string): Promise<boolean> {
    return this.readText(abs).then(
      (t) => t !== undefined,
      () => false,
    );
  }

  /** Loads a source and everything it extends, depth first: the layers end up base first. */
  async load(source: Source, chain: Source[], via?: { label: string; where: string }): Promise<void> {
    const id = sourceId(source);
    if (chain.some((s) => sourceId(s) === id)) {
      const from = chain[chain.length - 1];
      this.problems.push(inFile(from.label, M.extendsCycle([...chain, source].map((s) => s.label))));
      return;
    }
    if (this.done.has(id)) return; // reached twice through different branches: merged once
    this.done.add(id);

    let text: string | undefined;
    try {
      text = await this.readText(source.abs);
    } catch (err) {
      this.problems.push(M.unreadable(source.label, (err as Error).message));
      return;
    }
    if (text === undefined) {
      this.problems.push(via ? inFile(via.label, atPath(via.where, M.extendsFileMissing(source.label))) : M.notFound(source.label));
      return;
    }
    const parsed = parseDocument(source, text);
    if (!parsed.ok) {
      this.problems.push(...parsed.problems.map((p) => inFile(source.label, p)));
      return;
    }
    const value = parsed.value;

    // Follow `extends` even when the rest of the file is wrong, to report everything at once.
    const ext = isObject(value) ? value.extends : undefined;
    const specs: [string, string][] =
      typeof ext === 'string'
        ? [[ext, 'extends']]
        : Array.isArray(ext)
          ? ext.flatMap((s, i) => (typeof s === 'string' && s ? [[s, `extends[${i}]`] as [string, string]] : []))
          : [];
    for (const [spec, where] of specs) {
      const target = await this.resolveExtends(spec, path.dirname(source.abs));
      if (typeof target === 'string') this.problems.push(inFile(source.label, atPath(where, target)));
      else await this.load(target, [...chain, source], { label: source.label, where });
    }

    const result = configSchema.safeParse(value, { error: () => DEFAULT_MESSAGE });
    if (!result.success) {
      this.problems.push(...issuesToMessages(result.error.issues, value).map((p) => inFile(source.label, p)));
      return;
    }
    this.layers.push({ source, config: result.data });
  }

  /** The source an `extends` entry names, or a message saying why there is none. */
  async resolveExtends(spec: string, fromDir: string): Promise<Source | string> {
    const isPath = spec.startsWith('.') || path.isAbsolute(spec);
    if (isPath) {
      const abs = path.resolve(fromDir, spec);
      return { abs, label: this.label(abs) };
    }
    const pkg = this.resolvePackage(spec, fromDir);
    if (pkg) return pkg;
    // `shared.json` without ./: a file next to this one, if there is one.
    if (/\.(json|ya?ml)$/i.test(spec)) {
      const abs = path.resolve(fromDir, spec);
      if (await this.exists(abs)) return { abs, label: this.label(abs) };
    }
    return M.extendsNotFound(spec);
  }

  private resolvePackage(spec: string, fromDir: string): Source | string | undefined {
    const req = createRequire(path.join(fromDir, 'package.json'));
    const tryResolve = (request: string) => {
      try {
        return req.resolve(request);
      } catch {
        return undefined;
      }
    };
    const source = (abs: string, key?: string): Source => ({
      abs,
      key,
      label: key ? M.packageJsonLabel(this.label(abs)) : this.label(abs),
    });
    // A file inside a package: `@org/shared/strict.json`.
    if (/\.(json|ya?ml)$/i.test(spec)) {
      const file = tryResolve(spec);
      if (file) return source(file);
    }
    const direct = tryResolve(`${spec}/parity-check.config.json`);
    if (direct) return source(direct);
    // The package's package.json; found by hand when its "exports" hide it.
    let pkgJson = tryResolve(`${spec}/package.json`);
    if (!pkgJson) {
      for (const dir of req.resolve.paths(spec) ?? []) {
        const candidate = path.join(dir, spec, 'package.json');
        if (fs.existsSync(candidate)) {
          pkgJson = candidate;
          break;
        }
      }
    }
    if (!pkgJson) return undefined;
    const sibling = path.join(path.dirname(pkgJson), 'parity-check.config.json');
    if (fs.existsSync(sibling)) return source(sibling);
    try {
      const manifest: unknown = JSON.parse(fs.readFileSync(pkgJson, 'utf8'));
      if (isObject(manifest) && PACKAGE_JSON_KEY in manifest) return source(pkgJson, PACKAGE_JSON_KEY);
    } catch {
      // an unreadable package.json: no config there
    }
    return M.extendsPackageWithoutConfig(spec);
  }

  /** Absolute paths of every file a layer came from. */
  layerFiles(): string[] {
    return this.layers.map((l) => l.source.abs);
  }

  /** How many files the config was read from (itself and what it extends). */
  get layerCount(): number {
    return this.layers.length;
  }

  /** Merges the layers, base first: apps and allow concatenate (an app of the same name replaces the earlier one), rules merge, ignore concatenates. */
  merge(): { config: Config; origins: Map<AppConfig, Origin> } {
    const apps: AppConfig[] = [];
    const origins = new Map<AppConfig, Origin>();
    const config: Config = {};
    for (const { source, config: layer } of this.layers) {
      (layer.apps ?? []).forEach((app, index) => {
        // An app named like one of an extended file replaces it (same file: kept, reported as a duplicate).
        const same = apps.findIndex((a) => a.name === app.name && origins.get(a)?.label !== source.label);
        if (same >= 0) apps[same] = app;
        else apps.push(app);
        origins.set(app, { label: source.label, index });
      });
      if (layer.allow) config.allow = [...(config.allow ?? []), ...layer.allow];
      if (layer.rules) config.rules = { ...config.rules, ...layer.rules };
      if (layer.ignore) config.ignore = [...(config.ignore ?? []), ...layer.ignore];
    }
    if (this.layers.some((l) => l.config.apps)) config.apps = apps;
    return { config, origins };
  }
}

/** Where a merged app was written: its file and its index in that file's apps. */
interface Origin {
  label: string;
  index: number;
}

function sourceId(s: Source): string {
  return s.key ? `${s.abs}#${s.key}` : s.abs;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// ---------------------------------------------------------------------------
// Parsing

type Parsed = { ok: true; value: unknown } | { ok: false; problems: string[] };

function parseDocument(source: Source, text: string): Parsed {
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
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const { offset, message } = locateJsonError(text);
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

/** 1-based line and column (UTF-16 code units) of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Where and why JSON.parse failed (V8's messages do not always give a position): a small
 * recursive-descent JSON reader that stops at the first error.
 */
export function locateJsonError(text: string): { offset: number; message: string } {
  class Stop {
    constructor(
      readonly offset: number,
      readonly message: string,
    ) {}
  }
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  const describe = (at: number): string => {
    if (at >= n) return 'the end of the file';
    const c = text[at];
    if (c === '\n' || c === '\r') return 'the end of the line';
    return `'${c}'`;
  };
  const fail = (message: string): never => {
    throw new Stop(i, message);
  };
  const ws = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const literal = (word: string) => {
    for (let k = 0; k < word.length; k++) {
      if (text[i] !== word[k]) fail(`expected a value, found ${describe(i)}`);
      i++;
    }
  };
  const string = () => {
    i++; // opening quote
    for (;;) {
      if (i >= n) fail('unterminated string: the closing \'"\' is missing');
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c < 0x20) fail(c === 10 ? 'unterminated string: the closing \'"\' is missing' : 'control character in a string: write it as an escape');
      if (c === 0x5c) {
        i++;
        const e = text[i];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail('invalid \\u escape: expected 4 hexadecimal digits');
          i += 5;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i++;
        else fail(`invalid escape ${describe(i)} in a string`);
        continue;
      }
      i++;
    }
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '-' || m[0] === '') fail(`expected a value, found ${describe(i)}`);
    i += m![0].length;
  };
  const value = (): void => {
    ws();
    if (i >= n) fail('unexpected end of the file: a value is missing');
    const c = text[i];
    if (c === '{') return object();
    if (c === '[') return array();
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    if (c === '-' || (c >= '0' && c <= '9')) return number();
    if (c === "'") fail("strings need double quotes, found '''");
    fail(`expected a value, found ${describe(i)}`);
  };
  const object = () => {
    i++;
    ws();
    if (text[i] === '}') {
      i++;
      return;
    }
    for (;;) {
      ws();
      if (text[i] !== '"') {
        if (text[i] === '}') fail("trailing comma: remove the ',' before '}'");
        fail(`expected a double-quoted property name, found ${describe(i)}`);
      }
      string();
      ws();
      if (text[i] !== ':') fail(`expected ':' after the property name, found ${describe(i)}`);
      i++;
      value();
      ws();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '}') {
        i++;
        return;
      }
      fail(`expected ',' or '}' after a property value, found ${describe(i)}`);
    }
  };
  const array = () => {
    i++;
    ws();
    if (text[i] === ']') {
      i++;
      return;
    }
    for (;;) {
      ws();
      if (text[i] === ']') fail("trailing comma: remove the ',' before ']'");
      value();
      ws();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === ']') {
        i++;
        return;
      }
      fail(`expected ',' or ']' after an array element, found ${describe(i)}`);
    }
  };
  try {
    value();
    ws();
    if (i < n) fail(`unexpected ${describe(i)} after the end of the JSON value`);
  } catch (e) {
    if (e instanceof Stop) return { offset: e.offset, message: e.message };
    throw e;
  }
  return { offset: 0, message: 'invalid JSON' };
}

// ---------------------------------------------------------------------------
// zod issues → messages

const DEFAULT_MESSAGE = '\u0000default';

type Issue = z.core.$ZodIssue;
type PathKey = PropertyKey;

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

function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

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
        for (const key of issue.keys) out.push(atPath(formatPath(p), M.unknownKey(key, suggest(key, knownKeysAt(p)))));
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

// ---------------------------------------------------------------------------
// Checks once the shape is right


function checkApps(snapshot: Snapshot, config: Config, dir: string, origins: Map<AppConfig, Origin>): string[] {
  const problems: string[] = [];
  const firstByName = new Map<string, Origin>();
  for (const [position, app] of (config.apps ?? []).entries()) {
    const origin = origins.get(app) ?? { label: '', index: position };
    const at = (field: string, text: string) => inFile(origin.label, `apps[${origin.index}]${field}: ${text}`);
    const first = firstByName.get(app.name);
    if (first !== undefined) problems.push(at('.name', M.duplicateAppName(app.name, `apps[${first.index}]`)));
    else firstByName.set(app.name, origin);

    const rootShown = joinPath('', app.root);
    const root = joinPath(dir, app.root);
    if (root === '..' || root.startsWith('../')) {
      problems.push(at('.root', M.rootOutside(rootShown || '.')));
      continue;
    }
    if (!snapshot.hasDir(root)) {
      problems.push(at('.root', M.rootMissing(rootShown || '.')));
      continue;
    }
    app.entrypoints.forEach((ep, i) => {
      if (!snapshot.has(joinPath(root, ep))) problems.push(at(`.entrypoints[${i}]`, M.entrypointMissing(joinPath(app.root, ep))));
    });
  }
  return problems;
}

// ---------------------------------------------------------------------------

/**
 * Finds and loads the configuration of the snapshot's folder: `--config` if given, else the first of
 * parity-check.config.json, .yaml, .yml, package.json's "parity-check" key. Throws ConfigError with
 * every problem. No config at all gives an empty config.
 */
export async function loadConfig(snapshot: Snapshot, opts: LoadConfigOptions = {}): Promise<LoadedConfig> {
  const loader = new Loader(snapshot);
  let source: Source | undefined;
  if (opts.configPath !== undefined) {
    const abs = path.resolve(opts.configPath);
    source = { abs, label: loader.label(abs) };
    if (path.basename(abs) === 'package.json') source = { abs, key: PACKAGE_JSON_KEY, label: M.packageJsonLabel(source.label) };
  } else {
    for (const name of CONFIG_FILE_NAMES) {
      if (snapshot.has(name)) {
        source = { abs: path.join(snapshot.base, name), label: name };
        break;
      }
    }
    if (!source && snapshot.has('package.json')) {
      const text = await snapshot.readText('package.json');
      let manifest: unknown;
      try {
        manifest = JSON.parse(text ?? '');
      } catch {
        manifest = undefined; // not ours to judge when it holds no config we can see
      }
      if (isObject(manifest) && PACKAGE_JSON_KEY in manifest) {
        source = { abs: path.join(snapshot.base, 'package.json'), key: PACKAGE_JSON_KEY, label: M.packageJsonLabel('package.json') };
      }
    }
  }
  if (!source) return { config: {}, file: undefined, dir: '', files: [] };

  const file = loader.relInside(source.abs) ?? toPosix(source.abs);
  const dir = toPosix(path.relative(snapshot.base, path.dirname(source.abs)));

  await loader.load(source, []);
  if (loader.problems.length) throw new ConfigError(loader.problems);

  const { config, origins } = loader.merge();
  // Layers were each validated as they were read; only a merge of several can make something new
  // (a config of 300 apps costs ~8 ms a parse).
  const merged = loader.layerCount > 1 ? configSchema.safeParse(config, { error: () => DEFAULT_MESSAGE }) : undefined;
  if (merged && !merged.success) {
    throw new ConfigError(issuesToMessages(merged.error.issues, config).map((p) => inFile(source.label, p)));
  }
  const problems = checkApps(snapshot, config, dir, origins);
  if (problems.length) throw new ConfigError(problems);
  const files = [...new Set(loader.layerFiles().map((abs) => loader.relInside(abs)).filter((r): r is string => r !== undefined))];
  return { config, file, dir, files };
}
