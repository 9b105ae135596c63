// The config's `functions` entries as the deploy reading applies them (src/deploy/overrides.ts): each
// with the file it was written in and where its values are, so a handler stated in the config is
// reported at its config line. Positions are looked up once per file with entries, through the yaml
// package (JSON is YAML 1.2), only when the file has `functions`: configs without them pay nothing.
import YAML, { LineCounter } from 'yaml';
import type { Location } from '../types.js';
import type { Source } from './document.js';
import type { FunctionConfig } from './schema.js';

export type FunctionKey = 'name' | 'packageRoot' | 'handler' | 'app' | 'layers' | 'check';

/** One `functions` entry of the merged config, with its origin. */
export interface FunctionEntry {
  entry: FunctionConfig;
  /** Its index in the file it was written in (for messages: `functions[2].packageRoot`). */
  index: number;
  /** How messages name that file (a package.json key says so). */
  label: string;
  /** Where a value of the entry is (the entry itself when the key is absent or positions are unknown). */
  at: (key: FunctionKey) => Location;
}

/** The entries of one file, `file` being its path as findings name it (relative to the checked folder, or absolute). */
export function functionEntries(source: Source, file: string, text: string, entries: FunctionConfig[]): FunctionEntry[] {
  const lines = new LineCounter();
  let doc: YAML.Document.Parsed | undefined = YAML.parseDocument(text, { lineCounter: lines, uniqueKeys: false });
  if (doc.errors.length) doc = undefined;
  const prefix = source.key !== undefined ? [source.key] : [];
  const locate = (path: (string | number)[]): Location | undefined => {
    const node = doc?.getIn([...prefix, ...path], true) as { range?: [number, number, number] } | undefined;
    if (!node?.range) return undefined;
    const start = lines.linePos(node.range[0]);
    const end = lines.linePos(node.range[1]);
    return { file, line: start.line, column: start.col, endLine: end.line, endColumn: end.col };
  };
  const whole: Location = { file, line: 1, column: 1, endLine: 1, endColumn: 1 };
  return entries.map((entry, index) => ({
    entry,
    index,
    label: source.label,
    at: (key) => locate(['functions', index, key]) ?? locate(['functions', index]) ?? whole,
  }));
}
