// A baseline records the findings a team accepts for now, so only new ones fail the commit.
//
// A finding is identified by rule, file and a fingerprint of what it is about, never its line number:
//   sha256(rule, file, the finding's start line with whitespace collapsed, the message with digits zeroed)
// so lines added or removed elsewhere in the file keep it matched. The message's digits are zeroed because
// messages quote line numbers ("defined at main.py:12"). Equal fingerprints in one file (two identical
// offending lines) are told apart by their order in the file: the second gets `<hash>:1`, the third `<hash>:2`.
// Trade-offs: editing the offending line itself, or a new wording of the rule's message, makes the finding new.
import { createHash } from 'node:crypto';
import type { Finding } from '../types.js';
import { compareFindings } from './order.js';
import { cmp } from '../util/compare.js';
import { sourceLines } from '../util/span.js';

export interface BaselineEntry {
  rule: string;
  file: string;
  fingerprint: string;
  /** For people reading the file; not used for matching. */
  message: string;
}

export interface BaselineFile {
  version: 1;
  entries: BaselineEntry[];
}

/** The finding's start line, trimmed, with runs of whitespace collapsed; '' when the source is not known. */
function lineText(f: Finding, source: string | undefined): string {
  if (source === undefined) return '';
  const lines = sourceLines(source);
  if (f.line < 1 || f.line > lines.length) return '';
  return lines[f.line - 1].trim().replace(/\s+/g, ' ');
}

/** The base fingerprint (16 hex digits) of one finding, without the occurrence index. */
export function fingerprint(f: Finding, source: string | undefined): string {
  const h = createHash('sha256');
  h.update([f.ruleId, f.file, lineText(f, source), f.message.replace(/\d+/g, '0')].join('\u0000'));
  return h.digest('hex').slice(0, 16);
}

/** Fingerprints with occurrence indexes, in the order of `findings`. */
function keyed(findings: Finding[], sources: Map<string, string>): { finding: Finding; fingerprint: string }[] {
  const order = findings.map((f, i) => ({ f, i })).sort((a, b) => compareFindings(a.f, b.f) || a.i - b.i);
  const seen = new Map<string, number>();
  const out: { finding: Finding; fingerprint: string }[] = new Array(findings.length);
  for (const { f, i } of order) {
    const base = fingerprint(f, sources.get(f.file));
    const k = `${f.ruleId}\u0000${f.file}\u0000${base}`;
    const n = seen.get(k) ?? 0;
    seen.set(k, n + 1);
    out[i] = { finding: f, fingerprint: n === 0 ? base : `${base}:${n}` };
  }
  return out;
}

const entryKey = (e: { rule: string; file: string; fingerprint: string }) => `${e.rule}\u0000${e.file}\u0000${e.fingerprint}`;

function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  return cmp(a.file, b.file) || cmp(a.rule, b.rule) || cmp(a.fingerprint, b.fingerprint) || cmp(a.message, b.message);
}

export function createBaseline(findings: Finding[], sources: Map<string, string>): BaselineFile {
  const entries = keyed(findings, sources).map(({ finding, fingerprint }) => ({
    rule: finding.ruleId,
    file: finding.file,
    fingerprint,
    message: finding.message,
  }));
  entries.sort(compareEntries);
  return { version: 1, entries };
}

export function serializeBaseline(b: BaselineFile): string {
  const entries = b.entries
    .map((e) => ({ rule: e.rule, file: e.file, fingerprint: e.fingerprint, message: e.message }))
    .sort(compareEntries);
  return JSON.stringify({ version: 1, entries }, null, 2) + '\n';
}

/** Parses a baseline file's text; throws an Error saying what is wrong and where. */
export function parseBaseline(text: string): BaselineFile {
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new Error(`baseline is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new Error('baseline must be a JSON object with "version" and "entries"');
  }
  const obj = data as Record<string, unknown>;
  if (obj.version !== 1) {
    throw new Error(`baseline version must be 1, found ${JSON.stringify(obj.version)}`);
  }
  if (!Array.isArray(obj.entries)) throw new Error('baseline "entries" must be an array');
  const entries: BaselineEntry[] = obj.entries.map((raw, i) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw new Error(`baseline entries[${i}] must be an object`);
    }
    const e = raw as Record<string, unknown>;
    for (const k of ['rule', 'file', 'fingerprint', 'message'] as const) {
      if (typeof e[k] !== 'string') throw new Error(`baseline entries[${i}].${k} must be a string`);
    }
    return { rule: e.rule as string, file: e.file as string, fingerprint: e.fingerprint as string, message: e.message as string };
  });
  return { version: 1, entries };
}

export interface BaselineFilterResult {
  /** Findings not in the baseline: these are reported. */
  fresh: Finding[];
  /** Findings the baseline accepts. */
  baselined: Finding[];
  /** Baseline entries no finding matched any more (fixed, or the offending line changed). */
  fixedEntries: BaselineEntry[];
}

export function filterByBaseline(
  findings: Finding[],
  sources: Map<string, string>,
  baseline: BaselineFile,
): BaselineFilterResult {
  const remaining = new Map<string, BaselineEntry[]>();
  for (const e of baseline.entries) {
    const list = remaining.get(entryKey(e)) ?? [];
    list.push(e);
    remaining.set(entryKey(e), list);
  }
  const fresh: Finding[] = [];
  const baselined: Finding[] = [];
  for (const { finding, fingerprint } of keyed(findings, sources)) {
    const list = remaining.get(entryKey({ rule: finding.ruleId, file: finding.file, fingerprint }));
    if (list && list.length > 0) {
      list.shift();
      baselined.push(finding);
    } else {
      fresh.push(finding);
    }
  }
  const fixedEntries = [...remaining.values()].flat().sort(compareEntries);
  return { fresh, baselined, fixedEntries };
}

/** The baseline without the given entries (each removed once), sorted. */
export function pruneBaseline(baseline: BaselineFile, fixedEntries: BaselineEntry[]): BaselineFile {
  const drop = new Map<string, number>();
  for (const e of fixedEntries) drop.set(entryKey(e), (drop.get(entryKey(e)) ?? 0) + 1);
  const entries: BaselineEntry[] = [];
  for (const e of baseline.entries) {
    const n = drop.get(entryKey(e)) ?? 0;
    if (n > 0) drop.set(entryKey(e), n - 1);
    else entries.push({ ...e });
  }
  entries.sort(compareEntries);
  return { version: 1, entries };
}
