// Reads a config and everything it extends into layers, base first, each parsed and validated on its
// own (so every problem of every file is reported at once), then merges them. Files inside the checked
// folder are read through the snapshot, so --staged reads the staged config.
import fs from 'node:fs';
import path from 'node:path';
import { atPath, configMessages as M, inFile } from '../messages.js';
import type { Snapshot } from '../types.js';
import { parseDocument, sourceId, type Source } from './document.js';
import { extendsEntries, resolveExtends } from './extends.js';
import { functionEntries, type FunctionEntry } from './functions.js';
import type { AppConfig, Config } from './schema.js';
import { validateConfig } from './validate.js';
import { findGitDir } from '../util/git-dir.js';

// Folders the snapshot never lists: a config in one of them is read from disk.
const NOT_IN_SNAPSHOT = new Set(['node_modules', '.git', '.venv', 'venv', 'site-packages', '__pycache__', '.tox']);

export const toPosix = (p: string) => p.split(path.sep).join('/');
/** The largest config file read from outside the checked folder (an `extends` target). */
export const MAX_CONFIG_BYTES = 1_000_000;

const decoder = new TextDecoder('utf-8');

interface Layer {
  source: Source;
  config: Config;
  /** Its `functions` entries, with where each value is written. */
  functions?: FunctionEntry[];
}

/** Where a merged app was written: its file and its index in that file's apps. */
export interface Origin {
  label: string;
  index: number;
}

/** One loading of a config: the layers read so far and every problem met; `load` the config, then `merge`. */
export class Loader {
  readonly problems: string[] = [];
  private readonly layers: Layer[] = [];
  private readonly done = new Set<string>();
  /**
   * Every file looked for on disk rather than through the snapshot (outside the checked folder, or in
   * node_modules), with its text (null: absent): the run cache's key does not cover them, so a stored
   * answer carries them and holds only while they read the same (#19 item 12).
   */
  readonly diskReads = new Map<string, string | null>();

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

  /** Is this file read through the snapshot (inside the checked folder, in a folder the snapshot lists)? */
  private throughSnapshot(abs: string): boolean {
    const rel = this.relInside(abs);
    return rel !== undefined && !rel.split('/').some((part) => NOT_IN_SNAPSHOT.has(part));
  }

  /** Text of a file: through the snapshot inside the checked folder, from disk elsewhere; undefined when absent. */
  async readText(abs: string): Promise<string | undefined> {
    const rel = this.relInside(abs);
    if (this.throughSnapshot(abs) && rel !== undefined) {
      return this.snapshot.has(rel) ? this.snapshot.readText(rel) : undefined;
    }
    try {
      // Only a regular file, and no more than a config ever holds: `"extends": "/dev/zero"` would
      // read forever, `/dev/stdin` block. (A race between stat and read changes nothing a user meant.)
      const st = await fs.promises.stat(abs);
      if (!st.isFile()) throw new Error(`${toPosix(abs)} is not a regular file; parity-check reads config only from files`);
      if (st.size > MAX_CONFIG_BYTES) throw new Error(`${toPosix(abs)} is ${st.size} bytes; parity-check reads no config file over ${MAX_CONFIG_BYTES} bytes`);
      const text = decoder.decode(await fs.promises.readFile(abs));
      this.diskReads.set(abs, text);
      return text;
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      if (e.code === 'ENOENT' || e.code === 'ENOTDIR') {
        this.diskReads.set(abs, null);
        return undefined;
      }
      throw err;
    }
  }

  /** Real folders an `extends` may be read from: the repository, and the folder of a --config outside it. */
  private trusted: string[] | undefined;

  /**
   * The real path of a file an `extends` names when it lies outside every trusted folder (it is then
   * not read: a repository could name /etc/shadow or /proc/self/environ, and a parse error would
   * quote it); undefined when it may be read. The config the user named is trusted, with its folder.
   */
  private outsideRepository(source: Source, extended: boolean): string | undefined {
    if (!this.trusted) {
      const base = realOrSelf(this.snapshot.base);
      this.trusted = [realOrSelf(findGitDir(base)?.topLevel ?? base)];
    }
    // Inside the checked folder the snapshot reads it, and never lists what a link outside holds.
    if (this.throughSnapshot(source.abs)) return undefined;
    const real = realOrSelf(source.abs);
    const inside = this.trusted.some((dir) => real === dir || real.startsWith(dir.endsWith('/') ? dir : dir + '/'));
    if (!extended) {
      if (!inside) this.trusted.push(path.dirname(real));
      return undefined;
    }
    return inside ? undefined : real;
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

    const outside = this.outsideRepository(source, via !== undefined);
    if (outside !== undefined) {
      this.problems.push(inFile(via!.label, atPath(via!.where, M.extendsOutside(source.label, outside))));
      return;
    }
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
    for (const [spec, where] of extendsEntries(value)) {
      const target = await resolveExtends(spec, path.dirname(source.abs), this);
      if (typeof target === 'string') this.problems.push(inFile(source.label, atPath(where, target)));
      else await this.load(target, [...chain, source], { label: source.label, where });
    }

    const result = validateConfig(value);
    if (!result.ok) {
      this.problems.push(...result.problems.map((p) => inFile(source.label, p)));
      return;
    }
    const functions = result.config.functions?.length
      ? functionEntries(source, this.relInside(source.abs) ?? toPosix(source.abs), text, result.config.functions)
      : undefined;
    this.layers.push({ source, config: result.config, functions });
  }

  /** Absolute paths of every file a layer came from. */
  layerFiles(): string[] {
    return this.layers.map((l) => l.source.abs);
  }

  /** How many files the config was read from (itself and what it extends). */
  get layerCount(): number {
    return this.layers.length;
  }

  /** Merges the layers, base first: apps and allow concatenate (an app of the same name replaces the earlier one), rules merge, ignore concatenates, verify merges, functions concatenate (one of the same name replaces the earlier one). */
  merge(): { config: Config; origins: Map<AppConfig, Origin>; functions: FunctionEntry[] } {
    const apps: AppConfig[] = [];
    const functions: FunctionEntry[] = [];
    const origins = new Map<AppConfig, Origin>();
    const config: Config = {};
    for (const { source, config: layer, functions: entries } of this.layers) {
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
      if (layer.verify) config.verify = { ...config.verify, ...layer.verify };
      // A function entry named like one of an extended file replaces it, as apps do.
      for (const f of entries ?? []) {
        const same = functions.findIndex((g) => g.entry.name === f.entry.name && g.label !== f.label);
        if (same >= 0) functions[same] = f;
        else functions.push(f);
      }
    }
    if (this.layers.some((l) => l.config.apps)) config.apps = apps;
    if (functions.length) config.functions = functions.map((f) => f.entry);
    return { config, origins, functions };
  }
}

/** The real path of a file or folder, or the path itself when it does not exist (nothing to follow). */
function realOrSelf(abs: string): string {
  try {
    return fs.realpathSync(abs);
  } catch {
    return path.resolve(abs);
  }
}
