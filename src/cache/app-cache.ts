// The per-app findings cache: what the rules said about one app, kept beside the facts pack, so a
// check where one file changed builds the graph of that file's apps only (issue 20: one file edited
// at 30,000 files). One file per app key under apps/, v8 serialisation.
//
// The key (appKey) is a SHA-256 of every input of the app's graph and rules but its files' content:
// the tool build, the snapshot's kind and base, the resolved config (rules, severities, allow,
// options), every path of the snapshot (a file added anywhere can change a resolution), the
// declared dependencies, the links and bytecode caches, which files Lambda reaches (from the deploy
// graphs, which are never cached: PAR rules read it) and the app's spec. The entry then lists the
// (path, entry id) of every path the graph asked about, absent ones too: it is used only while each
// still reads the same. A damaged entry is computed again, never believed.
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import type { Subject } from '../filter/allow.js';
import { lazyRequire } from '../util/lazy-require.js';
import type { Finding, Snapshot, SuppressionFact } from '../types.js';
import { writeAtomic } from './disk.js';

const crypto = lazyRequire<typeof import('node:crypto')>('node:crypto');

/** Entries kept in apps/ (oldest removed first). */
const MAX_ENTRIES = 4096;
/** A work-tree file modified this recently may change again within its mtime tick: its app is not stored (as disk.ts). */
const RACY_MS = 3_000;

/** One finding of a rule about the app, in the order the rule gave it. */
export interface AppFinding {
  rule: string;
  finding: Finding;
  subject?: Subject;
}

/** What later stages need of an app whose graph is not built. */
export interface AppEntry {
  key: string;
  /** Every path the graph asked about, with its entry id ('' when absent). */
  inputs: [path: string, id: string][];
  /** Files read for their facts (the file count; their suppression comments below). */
  read: string[];
  suppressions: [file: string, SuppressionFact[]][];
  findings: AppFinding[];
  /** Rule notes, by rule code, in order. */
  notes: [rule: string, note: string][];
  /** The pairwise-cut notes of the app (pairwise-note.ts). */
  cuts: string[];
}

/** Text of a value for a key: Maps and Sets by their entries; anything else JSON cannot say makes no key. */
export function keyText(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (v instanceof Map) return { '\0map': [...v] };
    if (v instanceof Set) return { '\0set': [...v] };
    if (typeof v === 'function' || typeof v === 'symbol' || typeof v === 'bigint') throw new Error('not a key');
    return v;
  });
}

const sha = (text: string) => crypto().createHash('sha256').update(text).digest('hex');

/** The part of every app's key the whole run shares. */
export function globalKey(tool: string, snapshot: Snapshot, parts: { config: unknown; paths: readonly string[]; dependencies: Iterable<string>; lambdaFiles?: ReadonlySet<string>; appRoots?: unknown }): string {
  const sorted = (s: Iterable<string> | undefined) => (s ? [...s].sort() : null);
  return sha(
    [
      tool,
      snapshot.kind,
      snapshot.base,
      keyText(parts.config),
      `${parts.paths.length}\0${parts.paths.join('\0')}`,
      keyText(sorted(parts.dependencies)),
      keyText(snapshot.links ? [...snapshot.links].sort() : null),
      keyText(sorted(snapshot.unfollowedLinks)),
      keyText(sorted(snapshot.cachedModules)),
      keyText(sorted(parts.lambdaFiles)),
      // Every app's name and root (RuleContext.appRoots): which app judges a workflow's server start.
      keyText(parts.appRoots ?? null),
    ].join('\n\0'),
  );
}

export function appKey(global: string, spec: unknown): string | undefined {
  try {
    return sha(`${global}\n\0${keyText(spec)}`);
  } catch {
    return undefined;
  }
}

const isStrings = (x: unknown): x is string[] => Array.isArray(x) && x.every((v) => typeof v === 'string');
const isPairs = (x: unknown): boolean => Array.isArray(x) && x.every((p) => Array.isArray(p) && p.length === 2 && typeof p[0] === 'string');

/** The shape of an entry as read: anything else is damaged. */
function wellFormed(x: unknown, key: string): x is AppEntry {
  if (!x || typeof x !== 'object') return false;
  const e = x as Partial<AppEntry>;
  return (
    e.key === key &&
    isPairs(e.inputs) &&
    e.inputs!.every((p) => typeof p[1] === 'string') &&
    isStrings(e.read) &&
    isPairs(e.suppressions) &&
    e.suppressions!.every((p) => Array.isArray(p[1])) &&
    Array.isArray(e.findings) &&
    e.findings.every((f) => f && typeof f.rule === 'string' && f.finding && typeof f.finding.file === 'string' && typeof f.finding.ruleId === 'string') &&
    isPairs(e.notes) &&
    isStrings(e.cuts)
  );
}

export class AppCache {
  private readonly dir: string;
  private readonly added = new Map<string, AppEntry>();
  private readonly now = Date.now();
  /** Lookups answered / asked, for --timing. */
  hits = 0;
  asked = 0;

  constructor(
    cacheDir: string,
    readonly tool: string,
    private readonly snapshot: Snapshot,
  ) {
    this.dir = path.join(cacheDir, 'apps');
  }

  /** The entry under `key`, when every path it lists still has the id it had. */
  get(key: string): AppEntry | undefined {
    this.asked++;
    let value: unknown;
    try {
      value = v8.deserialize(fs.readFileSync(path.join(this.dir, `${key}.v8`)));
    } catch {
      return undefined;
    }
    if (!wellFormed(value, key)) return undefined;
    for (const [p, id] of value.inputs) if ((this.snapshot.entry(p)?.id ?? '') !== id) return undefined;
    this.hits++;
    return value;
  }

  /** Keeps an entry (written at flush); not when a path it read may still change unseen (racily fresh). */
  set(entry: AppEntry): void {
    if (this.snapshot.kind === 'worktree') {
      for (const [p] of entry.inputs) {
        const e = this.snapshot.entry(p);
        if (e && (e.mtimeMs === undefined || this.now - e.mtimeMs < RACY_MS)) return;
      }
    }
    this.added.set(entry.key, entry);
  }

  /** Entry ids of these paths now ('' for a path not listed). */
  idsOf(paths: Iterable<string>): [string, string][] {
    return [...paths].sort().map((p) => [p, this.snapshot.entry(p)?.id ?? '']);
  }

  flush(): void {
    if (!this.added.size) return;
    try {
      for (const [key, entry] of this.added) writeAtomic(path.join(this.dir, `${key}.v8`), v8.serialize(entry));
      this.prune();
    } catch {
      // A cache that cannot be written (or an entry v8 cannot serialise) costs speed, never the run.
    }
    this.added.clear();
  }

  private prune(): void {
    const names = fs.readdirSync(this.dir).filter((n) => n.endsWith('.v8'));
    if (names.length <= MAX_ENTRIES) return;
    const aged = names.map((n) => ({ n, t: statMs(path.join(this.dir, n)) })).sort((a, b) => a.t - b.t);
    for (const { n } of aged.slice(0, aged.length - MAX_ENTRIES)) fs.rmSync(path.join(this.dir, n), { force: true });
  }
}

function statMs(file: string): number {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}
