// The one place tree-sitter is loaded: the native binding (`tree-sitter` and the grammars' .node
// prebuilds) when it loads, otherwise `web-tree-sitter` with the .wasm files the grammar packages
// ship. The native prebuild needs GLIBCXX_3.4.31 and, with install scripts skipped, there is no
// compiled fallback: to Node that is a `require` that throws, and then the WebAssembly build of the
// same grammars gives the same trees (same UTF-16 indices and positions: test/golden runs on both).
// PARITY_CHECK_PARSER=native|wasm forces one.
//
// Invariants: the backend is decided once per thread, on first use. The native objects are
// created lazily per grammar, as before. The WebAssembly runtime and grammars load
// asynchronously, so `prepareParsers()` must have been awaited before the first parse on that
// backend (the pipeline loader, the extraction worker and the tests that force it do); the
// callers stay synchronous. Both backends are typed as the native API: the readers use its
// subset that web-tree-sitter 0.25 has with the same shapes (`text`, `startPosition`,
// `childForFieldName`, `descendantsOfType`, query `matches` with `pattern` and `captures`).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type Parser from 'tree-sitter';

const require = createRequire(import.meta.url);

export type Grammar = 'python' | 'bash' | 'hcl' | 'typescript';
export type ParserBackend = 'native' | 'wasm';

/** The package and, for the WebAssembly backend, the .wasm file inside it. */
const GRAMMARS: Record<Grammar, { pkg: string; wasm: string; pick?: (mod: never) => unknown }> = {
  python: { pkg: 'tree-sitter-python', wasm: 'tree-sitter-python.wasm' },
  bash: { pkg: 'tree-sitter-bash', wasm: 'tree-sitter-bash.wasm' },
  hcl: { pkg: '@tree-sitter-grammars/tree-sitter-hcl', wasm: 'tree-sitter-hcl.wasm' },
  typescript: { pkg: 'tree-sitter-typescript', wasm: 'tree-sitter-typescript.wasm', pick: (m: { typescript: unknown }) => m.typescript },
};

/** Raised when no backend can load (or PARITY_CHECK_PARSER is wrong): the CLI prints it as one line, exit 2. */
export class ParserUnavailableError extends Error {
  override name = 'ParserError';
}

interface Web {
  Parser: { new (): Parser; init(): Promise<void> };
  Query: new (lang: Parser.Language, source: string) => Parser.Query;
  Language: { load(bytes: Uint8Array): Promise<Parser.Language> };
  Tree: { prototype: { delete(): void } };
  Node: { prototype: object };
}

let chosen: ParserBackend | undefined;
/** Why the native binding did not load, when the fallback was taken (for --verbose). */
let nativeError: string | undefined;
let web: Web | undefined;
const webLanguages = new Map<Grammar, Parser.Language>();
const nativeLanguages = new Map<Grammar, Parser.Language>();
// A web-tree-sitter tree lives in the WebAssembly heap until deleted: each is deleted once no node
// of it is reachable (nodes hold their tree). Tree.delete reads only the address in slot 0.
let trees: FinalizationRegistry<number> | undefined;

function firstLine(e: unknown): string {
  return String((e as Error)?.message ?? e).split('\n')[0];
}

function forced(): ParserBackend | undefined {
  const v = (process.env.PARITY_CHECK_PARSER ?? '').trim().toLowerCase();
  if (v === '' || v === 'auto') return undefined;
  if (v === 'native' || v === 'wasm') return v;
  throw new ParserUnavailableError(`PARITY_CHECK_PARSER must be "native", "wasm" or "auto", not "${process.env.PARITY_CHECK_PARSER}"`);
}

/** The backend of this thread: forced by PARITY_CHECK_PARSER, else native when its binding and the Python grammar load. */
export function parserBackend(): ParserBackend {
  if (chosen) return chosen;
  const force = forced();
  if (force === 'wasm') return (chosen = 'wasm');
  try {
    require('tree-sitter');
    nativeLanguage('python');
    return (chosen = 'native');
  } catch (e) {
    if (force === 'native') throw new ParserUnavailableError(`the native tree-sitter binding does not load (${firstLine(e)}); unset PARITY_CHECK_PARSER to use the WebAssembly build`);
    nativeError = firstLine(e);
    return (chosen = 'wasm');
  }
}

/** Why the native binding was not used, when the WebAssembly build is; undefined otherwise. */
export function nativeLoadError(): string | undefined {
  return nativeError;
}

function nativeLanguage(g: Grammar): Parser.Language {
  let lang = nativeLanguages.get(g);
  if (!lang) {
    const { pkg, pick } = GRAMMARS[g];
    const mod = require(pkg);
    lang = (pick ? pick(mod as never) : mod) as Parser.Language;
    nativeLanguages.set(g, lang);
  }
  return lang;
}

/** The .wasm file of a grammar, in its installed package (the bundle keeps the grammar packages external). */
export function wasmPath(g: Grammar): string {
  const { pkg, wasm } = GRAMMARS[g];
  return join(dirname(require.resolve(`${pkg}/package.json`)), wasm);
}

let preparing: Promise<void> | undefined;

/**
 * Loads the WebAssembly runtime and every grammar when this thread's backend is `wasm` (about
 * the cost of one native grammar each: measured in the bench); nothing on the native backend.
 */
export function prepareParsers(): Promise<void> {
  if (parserBackend() === 'native') return Promise.resolve();
  return (preparing ??= loadWeb());
}

async function loadWeb(): Promise<void> {
  try {
    const mod = require('web-tree-sitter') as Web;
    await mod.Parser.init();
    for (const g of Object.keys(GRAMMARS) as Grammar[]) webLanguages.set(g, await mod.Language.load(readFileSync(wasmPath(g))));
    const del = mod.Tree.prototype.delete;
    trees = new FinalizationRegistry((address) => del.call({ 0: address } as never));
    cacheWebParents(mod);
    web = mod;
  } catch (e) {
    const why = nativeError ? `the native binding does not load (${nativeError}) and ` : '';
    throw new ParserUnavailableError(`cannot load tree-sitter: ${why}the WebAssembly build does not load (${firstLine(e)})`);
  }
}

function ready(): Web {
  if (!web) throw new Error('parity-check: the WebAssembly parsers were used before prepareParsers() finished');
  return web;
}

/** A grammar's language object, for queries. */
export function language(g: Grammar): Parser.Language {
  if (parserBackend() === 'native') return nativeLanguage(g);
  ready();
  return webLanguages.get(g)!;
}

/** A new parser set to a grammar (callers keep one per thread). */
export function newParser(g: Grammar): Parser {
  if (parserBackend() === 'native') {
    const Native = require('tree-sitter') as typeof Parser;
    cacheParents(Native);
    const p = new Native();
    p.setLanguage(nativeLanguage(g));
    return p;
  }
  const w = ready();
  const p = new w.Parser();
  p.setLanguage(webLanguages.get(g)!);
  const parse = p.parse.bind(p);
  const registry = trees!;
  // web-tree-sitter's parse returns null only when cancelled; neither backend is cancelled here.
  p.parse = ((input: string) => {
    const tree = parse(input);
    registry.register(tree, (tree as unknown as { 0: number })[0]);
    return tree;
  }) as Parser['parse'];
  return p;
}

let parentsCached = false;

/**
 * The native `parent` walks down from the root to find a node's parent (O(depth)), and the readers
 * walk up from deep nodes, so `f(f(...))` nested 300 deep made extraction cubic (#19 item 8). Each
 * node's answer is kept, on the node object the binding hands out for it (trees are never edited
 * here, so a parent never changes): every walk up after the first costs one lookup a step.
 */
function cacheParents(Native: typeof Parser): void {
  if (parentsCached) return;
  parentsCached = true;
  const proto = (Native as unknown as { SyntaxNode?: { prototype: object } }).SyntaxNode?.prototype;
  const native = proto && Object.getOwnPropertyDescriptor(proto, 'parent')?.get;
  if (!proto || !native) return;
  const parents = new WeakMap<object, unknown>();
  Object.defineProperty(proto, 'parent', {
    configurable: true,
    get(this: object) {
      if (parents.has(this)) return parents.get(this);
      const p = native.call(this);
      parents.set(this, p);
      return p;
    },
  });
}

/**
 * The same for web-tree-sitter, whose `parent` is also O(depth) (ts_node_parent walks down from the
 * root) but hands out a new Node object on every call, so the answer is kept per tree by node id
 * (unique within a tree, and these trees are never edited or reused across parses).
 */
function cacheWebParents(mod: Web): void {
  const proto = mod.Node.prototype;
  const native = Object.getOwnPropertyDescriptor(proto, 'parent')?.get;
  if (!native) return;
  const byTree = new WeakMap<object, Map<number, unknown>>();
  Object.defineProperty(proto, 'parent', {
    configurable: true,
    get(this: { id: number; tree: object }) {
      let parents = byTree.get(this.tree);
      if (!parents) byTree.set(this.tree, (parents = new Map()));
      if (parents.has(this.id)) return parents.get(this.id);
      const p = native.call(this);
      parents.set(this.id, p);
      return p;
    },
  });
}

/**
 * A compiled query. Errors carry the native wording's "at position N" on both backends, which
 * src/python/queries.ts's `culprit` reads.
 */
export function newQuery(g: Grammar, source: string): Parser.Query {
  if (parserBackend() === 'native') return new (require('tree-sitter') as typeof Parser).Query(nativeLanguage(g), source);
  const w = ready();
  try {
    return new w.Query(webLanguages.get(g)!, source);
  } catch (e) {
    const index = (e as { index?: unknown }).index;
    throw typeof index === 'number' ? new Error(`${firstLine(e)} at position ${index}`) : e;
  }
}
