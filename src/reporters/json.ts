// Machine-readable output: every finding with a fixed key order, sorted like the pretty output.
import type { Finding, Fix, Location } from '../types.js';
import { sortFindings } from '../filter/order.js';
import { at, spanOf } from '../util/span.js';


function location(l: Location): Location {
  return at(l.file, l);
}

function fix(f: Fix): Fix {
  return {
    safe: f.safe,
    description: f.description,
    edits: f.edits.map((e) => ({ file: e.file, span: spanOf(e.span), text: e.text })),
  };
}

/** A finding as plain JSON with a stable key order; optional keys are left out, never `null`. */
export function findingToJson(f: Finding): Record<string, unknown> {
  const o: Record<string, unknown> = {
    ruleId: f.ruleId,
    severity: f.severity,
    file: f.file,
    line: f.line,
    column: f.column,
  };
  if (f.endLine !== undefined) o.endLine = f.endLine;
  if (f.endColumn !== undefined) o.endColumn = f.endColumn;
  o.message = f.message;
  if (f.related && f.related.length > 0) o.related = f.related.map(location);
  if (f.fix) o.fix = fix(f.fix);
  return o;
}

/**
 * `{"findings": [...], ...extra}`, 2-space indented, ending with a newline.
 * `extra` adds top-level keys after `findings` (e.g. `summary`, `version`); a `findings` key in it is ignored.
 */
export function renderJson(findings: Finding[], extra?: Record<string, unknown>): string {
  const out: Record<string, unknown> = { findings: sortFindings(findings).map(findingToJson) };
  for (const [k, v] of Object.entries(extra ?? {})) {
    if (k !== 'findings') out[k] = v;
  }
  return JSON.stringify(out, null, 2) + '\n';
}
