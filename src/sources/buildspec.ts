// AWS CodeBuild buildspec files (`buildspec.yml`, `buildspec-*.yml`, `buildspec.yaml`), version 0.2: the
// commands of phases install, pre_build, build and post_build, in that order, are one script. CodeBuild 0.2 runs
// every command of the build in one shell instance, so `cd` and exported variables carry from phase to phase (AWS:
// "Build specification reference for CodeBuild", shell and commands). The script runs on the shell simulator from
// the source root (CODEBUILD_SRC_DIR), as workflows' `run:` steps do; `env.variables` with literal values are its
// environment. Not read: `finally` blocks, `env.parameter-store` / `secrets-manager` values (unknown variables),
// `artifacts` (a package CodePipeline deploys is not followed), batch builds.
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Scalar } from 'yaml';
import type { Location } from '../types.js';
import { scalarMapper } from './yaml.js';
import { yamlLoc } from './yaml.js';

export const BUILDSPEC_RE = /(^|\/)buildspec([-_.][^/]*)?\.ya?ml$/i;

const PHASES = ['install', 'pre_build', 'build', 'post_build'];

export interface Buildspec {
  /** The phases' commands, one line (or block) each. */
  script: string;
  /** A script row/column → its place in the buildspec. */
  locate(start: { row: number; column: number }, end: { row: number; column: number }): Location;
  /** `env.variables` literals; `env.parameter-store` / `secrets-manager` names with why they are not known. */
  env: Map<string, { value: string } | { why: string }>;
  loc: Location;
}

function get(m: unknown, key: string): unknown {
  return isMap(m) ? m.items.find((p) => isScalar(p.key) && p.key.value === key)?.value : undefined;
}

export function readBuildspec(path: string, text: string): Buildspec | null {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc });
  if (doc.errors.length || !isMap(doc.contents) || !isMap(get(doc.contents, 'phases'))) return null;
  const phases = get(doc.contents, 'phases');
  const lines: string[] = [];
  const rows: { first: number; map: (row: number, col: number) => { line: number; column: number } }[] = [];
  for (const ph of PHASES) {
    const cmds = get(get(phases, ph), 'commands');
    if (!isSeq(cmds)) continue;
    for (const c of cmds.items) {
      if (!isScalar(c) || typeof c.value !== 'string') continue;
      rows.push({ first: lines.length, map: scalarMapper(text, lc, c as Scalar) });
      lines.push(...c.value.replace(/\n$/, '').split('\n'));
    }
  }
  const env = new Map<string, { value: string } | { why: string }>();
  const e = get(doc.contents, 'env');
  const vars = get(e, 'variables');
  if (isMap(vars)) {
    for (const p of vars.items) {
      if (!isScalar(p.key)) continue;
      const v = p.value;
      const k = String(p.key.value);
      env.set(k, isScalar(v) && v.value !== null && typeof v.value !== 'object' ? { value: String(v.value) } : { why: `$${k} is not a literal (${path})` });
    }
  }
  for (const store of ['parameter-store', 'secrets-manager', 'exported-variables']) {
    const m = get(e, store);
    if (isMap(m)) for (const p of m.items) if (isScalar(p.key)) env.set(String(p.key.value), { why: `$${String(p.key.value)} comes from ${store} (${path})` });
  }
  const first = (doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'phases')?.key ?? null) as Scalar | null;
  const loc = yamlLoc(path, lc, first);
  const place = (r: number, c: number) => {
    let i = rows.length - 1;
    while (i > 0 && rows[i].first > r) i--;
    return rows.length ? rows[i].map(r - rows[i].first, c) : { line: loc.line, column: loc.column };
  };
  const locate = (s: { row: number; column: number }, z: { row: number; column: number }): Location => {
    const a = place(s.row, s.column);
    const b = place(z.row, z.column);
    return { file: path, line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  };
  return { script: lines.join('\n'), locate, env, loc };
}
