// YAML helpers every YAML deploy source (SAM/CloudFormation, serverless, GitHub workflows, Taskfiles, buildspecs)
// reads its file with: parsing with positions, a node's location, a map's entry by key, a scalar's plain string, a
// value as written, and where a script held in a scalar stands in the file.
import { LineCounter, isMap, isScalar, parseDocument, type Document, type Node as YamlNode, type Scalar, type YAMLMap } from 'yaml';
import type { DeployFacts, Location, Span } from '../types.js';
import { at } from '../util/span.js';
import { MAX_YAML_DEPTH, boundYamlDepth } from '../util/yaml-depth.js';

export type { YamlNode };

/** A map's entry by key, with the key node (for locations); null when `map` is not a map or lacks the key. */
export function entry(map: unknown, key: string): { key: YamlNode; value: unknown } | null {
  if (!isMap(map)) return null;
  for (const pair of (map as YAMLMap).items) {
    if (isScalar(pair.key) && pair.key.value === key) return { key: pair.key as YamlNode, value: pair.value };
  }
  return null;
}

export function yamlSpan(lc: LineCounter, range: readonly [number, number, number] | null | undefined): Span {
  if (!range) return { line: 1, column: 1, endLine: 1, endColumn: 1 };
  const s = lc.linePos(range[0]);
  const e = lc.linePos(range[1]);
  return { line: s.line, column: s.col, endLine: e.line, endColumn: e.col };
}

export function yamlLoc(file: string, lc: LineCounter, node: { range?: [number, number, number] | null } | null | undefined): Location {
  return at(file, yamlSpan(lc, node?.range));
}

/** The plain string value of a YAML node, or null when it is not an untagged string/number scalar. */
export function yamlString(node: unknown): string | null {
  if (!isScalar(node)) return null;
  if (node.tag && node.tag.startsWith('!') && !node.tag.startsWith('!!')) return null;
  const v = node.value;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}

/**
 * CloudFormation short-form intrinsic tags, so YAML templates (and serverless `resources:`) parse without warnings.
 * The tag stays on the node (`node.tag === '!Sub'`), which is how values are recognised as not literal.
 */
export const CFN_TAGS = [
  '!Ref', '!Sub', '!GetAtt', '!If', '!Join', '!Select', '!FindInMap', '!ImportValue', '!Equals', '!Not', '!And', '!Or',
  '!Condition', '!Base64', '!Cidr', '!GetAZs', '!Split', '!Transform', '!Length', '!ToJsonString',
];

export const cfnCustomTags = CFN_TAGS.flatMap((tag) => [
  { tag, resolve: (s: string) => s },
  { tag, collection: 'seq' as const, resolve: (v: unknown) => v },
  { tag, collection: 'map' as const, resolve: (v: unknown) => v },
]);

/**
 * Parses a YAML (or JSON) deploy file with positions. A syntax error becomes one problem in `facts`
 * naming the file and place, and undefined comes back: the run goes on without this file.
 */
export function parseYaml(
  path: string,
  text: string,
  facts: DeployFacts,
  opts: { cloudFormationTags?: boolean; what?: string } = {},
): { doc: Document.Parsed; lc: LineCounter } | undefined {
  const lc = new LineCounter();
  // Deeper than MAX_YAML_DEPTH is blanked before parsing (the rest keeps its lines and columns) and named here.
  const bounded = boundYamlDepth(text);
  for (const c of bounded.cuts) {
    const loc = at(path, { line: c.line, column: c.column, endLine: c.line, endColumn: c.column });
    facts.problems.push({ loc, message: `nested deeper than ${MAX_YAML_DEPTH} levels: the value from here on was not read (the rest of the file was)` });
  }
  const doc = parseDocument(bounded.text, { customTags: opts.cloudFormationTags ? cfnCustomTags : undefined, lineCounter: lc, prettyErrors: false, uniqueKeys: false });
  if (!doc.errors.length) return { doc, lc };
  const e = doc.errors[0];
  const s = lc.linePos(e.pos[0]);
  const en = lc.linePos(e.pos[1]);
  facts.problems.push({ loc: at(path, { line: s.line, column: s.col, endLine: en.line, endColumn: en.col }), message: `not valid ${opts.what ?? 'YAML'}: ${e.message.split('\n')[0]}` });
  return undefined;
}

export type Mapper = (row: number, col: number) => { line: number; column: number };

/** A row/column of a scalar's text (a script, a command) → its line/column in the YAML file (block scalars keep their lines). */
export function scalarMapper(text: string, lc: LineCounter, node: Scalar): Mapper {
  const range = node.range!;
  const start = lc.linePos(range[0]);
  if (node.type === 'BLOCK_LITERAL') {
    // Content starts on the line after the `|` header; find its indentation.
    const lines = text.split('\n');
    let indent = 0;
    for (let l = start.line; l < lines.length; l++) {
      if (lines[l].trim() === '') continue;
      indent = lines[l].length - lines[l].trimStart().length;
      break;
    }
    return (row, col) => ({ line: start.line + 1 + row, column: indent + col + 1 });
  }
  const end = lc.linePos(range[1]);
  if (start.line === end.line) {
    const q = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? 1 : 0;
    return (row, col) => (row === 0 ? { line: start.line, column: start.col + q + col } : { line: start.line, column: start.col });
  }
  // Folded / multi-line flow scalars: line structure is not preserved; point at the scalar.
  return () => ({ line: start.line, column: start.col });
}

/** A YAML value as written: a scalar with its short-form tag (`!Ref X`, the tag is outside the node's range), else the source text. */
export function writtenText(node: unknown, text: string): string {
  if (isScalar(node)) {
    const tag = (node as { tag?: string }).tag;
    return tag && tag.startsWith('!') && !tag.startsWith('!!') ? `${tag} ${String(node.value)}` : String(node.value);
  }
  const range = (node as YamlNode | null)?.range;
  return range ? text.slice(range[0], range[1]).trim() : '';
}
