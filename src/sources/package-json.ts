// package.json `scripts`: each script's command line and where its string starts (read with the yaml package:
// JSON is YAML, and its nodes keep positions). `npm run NAME -- args`, `yarn NAME args`, `pnpm NAME args` run the
// string with `sh -c` in the package's folder; npm also runs `preNAME` before and `postNAME` after.
import { LineCounter, isMap, isScalar, parseDocument, type Scalar } from 'yaml';
import type { Location } from '../types.js';
import { at } from './common.js';

export interface PackageScript {
  name: string;
  text: string;
  /** Position of the script's first character; `exact` when the JSON string had no escapes (columns hold). */
  line: number;
  column: number;
  exact: boolean;
  keyLoc: Location;
}

export function readPackageScripts(path: string, text: string): Map<string, PackageScript> | null {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: false });
  if (doc.errors.length) return null;
  const scripts = isMap(doc.contents) ? doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'scripts')?.value : undefined;
  const out = new Map<string, PackageScript>();
  if (!isMap(scripts)) return out;
  for (const pair of scripts.items) {
    const v = pair.value as Scalar | null;
    if (!isScalar(pair.key) || !isScalar(v) || typeof v.value !== 'string' || !v.range) continue;
    const name = String(pair.key.value);
    const raw = text.slice(v.range[0], v.range[1]);
    const start = lc.linePos(v.range[0]);
    const k = lc.linePos((pair.key as Scalar).range![0]);
    out.set(name, {
      name,
      text: v.value,
      line: start.line,
      column: start.col + 1,
      exact: raw === JSON.stringify(v.value),
      keyLoc: at(path, { line: k.line, column: k.col, endLine: k.line, endColumn: k.col + raw.length }),
    });
  }
  return out;
}

/** A word as `sh` reads it back (npm quotes the arguments it appends after `--`). */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./=:@%+,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
