// Zips ↔ the functions deployed from them. A builder (a workflow job, a script) that zips a package gives its
// layout to the IaC function that deploys that zip: named by the deployed function name (`--function-name`), by
// the same path, or, when a path has unknown parts (`lambda-${var.hash}.zip` in Terraform, `lambda-${HASH}.zip` in
// the script), by its literal parts when only one built zip agrees (src/util/path-pattern.ts).
import type { DeployFacts, Location } from '../types.js';
import { pathsAgree, type PathPattern } from '../util/path-pattern.js';
import { unknown, type SourceFunction } from './common.js';
import { layoutKey } from './builds.js';

/** Sources that build packages rather than define functions. */
export const BUILDER_SOURCES: ReadonlySet<string> = new Set(['workflow', 'script']);

const where = (l: Location) => `${l.file}:${l.line}`;
const pathOf = (f: SourceFunction): string | PathPattern | undefined => f.artifact ?? f.artifactPattern;
const shown = (p: string | PathPattern) => (typeof p === 'string' ? p : p.text);

/** The built zips that `t` is deployed from, and how they were found. */
function candidates(t: SourceFunction, built: SourceFunction[]): { found: SourceFunction[]; by: 'name' | 'path' | 'pattern' } {
  const name = t.functionName?.known ? t.functionName.value : undefined;
  const byName = name !== undefined ? built.filter((b) => b.functionName?.known && b.functionName.value === name) : [];
  if (byName.length) return { found: byName, by: 'name' };
  const mine = pathOf(t);
  if (mine === undefined) return { found: [], by: 'path' };
  const same = typeof mine === 'string' ? built.filter((b) => b.artifact === mine) : [];
  if (same.length) return { found: same, by: 'path' };
  return { found: built.filter((b) => typeof mine !== 'string' || b.artifactPattern).filter((b) => pathsAgree(mine, pathOf(b)!)), by: 'pattern' };
}

/**
 * Gives each zip function of the IaC sources the layout of the one built zip it is deployed from (its handler and
 * runtime when it states none); the builder's own entries that were linked are dropped (into `drop`). A path with
 * unknown parts that several built zips agree with stays not known, naming them.
 */
export function linkArtifacts(out: DeployFacts, drop: Set<SourceFunction>) {
  const fns = out.functions as SourceFunction[];
  const built = fns.filter((f) => BUILDER_SOURCES.has(f.source) && (f.artifact !== undefined || f.artifactPattern || f.functionName?.known));
  if (!built.length) return;
  for (const t of fns) {
    if (BUILDER_SOURCES.has(t.source) || t.source === 'dockerfile' || t.packageType !== 'zip') continue;
    if (t.layout.known && t.layout.value.how === 'code-root') continue; // the IaC tool builds it itself
    const { found, by } = candidates(t, built);
    const distinct = [...new Map(found.map((b) => [b.layout.known ? layoutKey(b.layout.value) : b.name, b])).values()];
    const at = t.layout.loc ?? t.loc;
    const old = t.layout;
    if (distinct.length > 1) {
      if (by === 'pattern' && !old.known) {
        out.unknowns = out.unknowns.filter((u) => u.why !== old.why || u.loc !== old.loc);
        const list = distinct.map((b) => `${shown(pathOf(b) ?? b.name)} (${where(b.loc)})`).join(', ');
        const why = `${shown(pathOf(t)!)} agrees with several built zips: ${list}`;
        t.layout = unknown(why, at);
        out.unknowns.push({ loc: at, what: `${t.name} layout`, why });
      }
      continue;
    }
    if (distinct.length !== 1) {
      if (!old.known && (t.artifact !== undefined || t.artifactPattern)) noneAgrees(out, t, old, built);
      continue;
    }
    const b = distinct[0];
    if (!old.known) out.unknowns = out.unknowns.filter((u) => u.why !== old.why || u.loc !== old.loc);
    t.layout = b.layout;
    if (!t.handler.known && b.handler.known) t.handler = b.handler;
    if (!t.runtime && b.runtime) t.runtime = b.runtime;
    if (!t.layers && b.layers) t.layers = b.layers;
    t.linked = [...(t.linked ?? []), b.loc];
    for (const f of found) drop.add(f);
    // Another builder of the same zip (a workflow runs `make package`, and `make deploy` is simulated on its own
    // too): found by the other key, it is the same package, not a function of its own.
    for (const f of built) if (sameZip(t, f)) drop.add(f);
    if (by === 'pattern') {
      (out.links ??= []).push({
        loc: at,
        message: `matched ${where(at)} (${shown(pathOf(t)!)}) to ${where(b.loc)} (${shown(pathOf(b)!)}) by its literal parts`,
      });
    }
  }
}

/** `b` builds the zip `t` is deployed from, by the deployed name or by the same path. */
function sameZip(t: SourceFunction, b: SourceFunction): boolean {
  const name = t.functionName?.known ? t.functionName.value : undefined;
  if (name !== undefined && b.functionName?.known && b.functionName.value === name) return true;
  return t.artifact !== undefined && b.artifact === t.artifact;
}

/** A zip that no built zip agrees with: its reason names the zips that are built here (what a config entry could pick). */
function noneAgrees(out: DeployFacts, t: SourceFunction, old: { why: string; loc?: Location }, built: SourceFunction[]) {
  const zips = built.filter((b) => pathOf(b) !== undefined);
  if (!zips.length) return;
  const list = zips.slice(0, 4).map((b) => `${shown(pathOf(b)!)} (${where(b.loc)})`).join(', ') + (zips.length > 4 ? `, and ${zips.length - 4} more` : '');
  const why = `${old.why}; no zip built here agrees with ${shown(pathOf(t)!)}: ${list}`;
  for (const u of out.unknowns) if (u.why === old.why && u.loc === old.loc) u.why = why;
  t.layout = unknown(why, old.loc);
}
