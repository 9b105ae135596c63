// The files as staged in the git index: what `git commit` is about to record (--staged).
// Read-only: no `git add`, `update-index` or `stash`, no index.lock; content comes from the object store.
import path from 'node:path';
import { snapshotMessages } from '../messages.js';
import type { SnapshotEntry } from '../types.js';
import { BaseSnapshot, cachedModule, PathFilter, type SnapshotOptions } from './common.js';
import { expandIndexLinks } from './links.js';
import { CatFileBatch, stagedGit, type IndexEntry, type StagedChange } from './git.js';
import { BlobTooLarge } from './git-cat-file.js';
import { MAX_FILE_BYTES } from './worktree.js';
import { normalizePath } from '../util/posix-path.js';
import { cmp } from '../util/compare.js';

/** Linux's PATH_MAX: the longest target a symbolic link can hold. */
const MAX_LINK_TARGET_BYTES = 4096;

export type { SnapshotOptions, SnapshotProblem } from './common.js';

/**
 * The index under `base` (any folder of the work tree): a file staged for deletion is absent even
 * if still on disk, an untracked file does not exist, a partially staged file reads as staged, a
 * renamed file is at its new path. `id` is the blob id. Paths are relative to `base`.
 */
export class IndexSnapshot extends BaseSnapshot {
  readonly kind = 'index' as const;

  private constructor(
    base: string,
    entries: SnapshotEntry[],
    /** Absolute path of the top of the work tree. */
    readonly repoRoot: string,
    /** Absolute git directory (a linked worktree's own). */
    readonly gitDir: string,
    /** Posix path of `base` inside the work tree: '' at the top, else ending with '/'. */
    readonly prefix: string,
    /** `git diff --cached`, started with ls-files: the two answer together. */
    private readonly staged: Promise<StagedChange[]>,
    /** ls-files' output and the ignore globs applied to it: all that decides files(). */
    private readonly listing: { bytes: Buffer; ignore: readonly string[] },
  ) {
    super(base, entries);
  }

  /**
   * What decides files(), for the run key: git's listing of every path and blob id below `base`, as
   * it came, and the ignore globs. Hashing the listing's bytes costs a third of hashing 30,000
   * path and id strings built from the entries.
   */
  listingKey(): { bytes: Buffer; text: string } {
    return { bytes: this.listing.bytes, text: `${this.prefix}\0${this.listing.ignore.join('\0')}` };
  }

  /** One `git cat-file --batch`, started on the first read: a run answered from the cache reads nothing. */
  private catFileProcess?: CatFileBatch;
  private get catFile(): CatFileBatch {
    return (this.catFileProcess ??= new CatFileBatch(this.repoRoot));
  }

  static async create(base: string, opts: SnapshotOptions = {}): Promise<IndexSnapshot> {
    const root = path.resolve(base);
    // Run from `root`: ls-files then lists only the files below it (paths still from the top). The
    // staged diff is awaited (and its error raised) by changes().
    const git = stagedGit(root);
    const info = await git.info;
    const staged = git.staged;
    const { entries: raw, listing } = await git.listing;
    const filter = new PathFilter(opts.ignore);
    let catFile: CatFileBatch | undefined;
    const problems: { path: string; message: string }[] = [];

    // One entry per path; a conflicted path has several stages: take "ours" (2), else theirs, else base.
    // ls-files lists the index in its order, by path and then stage, so a path's stages are adjacent.
    // Symbolic links: a link to a file is listed with the target's blob, a link to a folder as the
    // folder's files at the link path, like the work tree (links.ts).
    const entries: SnapshotEntry[] = [];
    const cached: string[] = [];
    const links: [string, IndexEntry][] = [];
    for (let i = 0; i < raw.length; ) {
      const first = raw[i];
      let j = i + 1;
      while (j < raw.length && raw[j].path === first.path) j++;
      const stages = j > i + 1 || first.stage !== 0 ? raw.slice(i, j) : undefined; // only for a conflict
      i = j;
      if (!first.path.startsWith(info.prefix)) continue;
      const rel = first.path.slice(info.prefix.length);
      if (!rel) continue;
      if (!filter.keepPath(rel)) {
        // A committed __pycache__ cache: not a file Python imports, but the module was the repository's.
        const m = /(?:^|\/)__pycache__\/[^/]+$/.test(rel) ? cachedModule(rel.includes('/__pycache__/') ? rel.slice(0, rel.lastIndexOf('/__pycache__/')) : '', rel.slice(rel.lastIndexOf('/') + 1)) : undefined;
        if (m !== undefined) cached.push(m);
        continue;
      }
      let pick = first;
      if (stages) {
        const clean = stages.find((s) => s.stage === 0);
        if (clean) pick = clean;
        else {
          pick = stages.find((s) => s.stage === 2) ?? stages.find((s) => s.stage === 3) ?? stages[0];
          problems.push({ path: rel, message: snapshotMessages.unmerged(stages.map((s) => s.stage).join(', ')) });
        }
      }
      if (pick.mode === '120000') links.push([rel, pick]);
      else if (pick.mode.startsWith('100')) entries.push({ path: rel, id: pick.blob });
    }
    let unfollowed: string[] = [];
    let linkedFolders: { at: string; real: string }[] = [];
    let linkTargets = new Map<string, string>();
    if (links.length) {
      catFile = new CatFileBatch(info.topLevel);
      const reader = catFile;
      // A link's blob is its target path: past Linux's PATH_MAX no link can hold it (git cannot check it
      // out), so it is named and not followed, and its body is never held.
      const read = await Promise.all(
        links.map(([rel, e]) =>
          reader.read(e.blob, MAX_LINK_TARGET_BYTES).then(
            (b) => ({ path: rel, target: b.toString('utf8') }),
            (err: unknown) => {
              if (!(err instanceof BlobTooLarge)) throw err;
              problems.push({ path: rel, message: snapshotMessages.linkTooLong(err.size, MAX_LINK_TARGET_BYTES) });
              return undefined;
            },
          ),
        ),
      );
      const kept = read.filter((l): l is { path: string; target: string } => l !== undefined);
      const linked = expandIndexLinks(entries, kept, (p) => filter.keepPath(p));
      entries.push(...linked.entries);
      problems.push(...linked.problems);
      unfollowed = [...linked.unfollowed, ...links.filter((_, i) => !read[i]).map(([rel]) => rel)];
      linkedFolders = linked.folders;
      linkTargets = new Map(kept.map((l) => [l.path, l.target]));
    }

    const snap = new IndexSnapshot(root, entries, info.topLevel, info.gitDir, info.prefix, staged, { bytes: listing, ignore: opts.ignore ?? [] });
    snap.catFileProcess = catFile;
    snap.unfollowedLinks = new Set(unfollowed);
    snap.linkedFolders = linkedFolders;
    snap.links = linkTargets;
    snap.cachedModules = new Set(cached);
    snap.problems.push(...problems.sort((a, b) => cmp(a.path, b.path)));
    return snap;
  }

  /** Starts `git cat-file` now, so it boots while the pipeline loads rather than at the first read. */
  prepareReads(): void {
    this.catFile.warm();
  }

  async read(p: string): Promise<Buffer | undefined> {
    const entry = this.entry(p);
    if (!entry) return undefined;
    try {
      return await this.catFile.read(entry.id, MAX_FILE_BYTES);
    } catch (err) {
      // The work tree's bound (worktree.ts), told by git's header before the body is read: named, not read.
      if (!(err instanceof BlobTooLarge)) throw err;
      this.problems.push({ path: normalizePath(p), message: snapshotMessages.tooLarge(err.size, MAX_FILE_BYTES) });
      return undefined;
    }
  }

  /**
   * What the commit changes below `base` compared to HEAD (everything, before the first commit):
   * deletions included, a rename as a deletion and an addition. Paths relative to `base`.
   */
  async changes(): Promise<StagedChange[]> {
    const all = await this.staged;
    const own = all
      .filter((c) => c.path.startsWith(this.prefix) && c.path.length > this.prefix.length)
      .map((c) => ({ status: c.status, path: c.path.slice(this.prefix.length) }));
    // A file below a linked folder changes at the link path too (libs/shared/db.py is also src/shared/db.py).
    const aliases = this.linkedFolders.flatMap(({ at, real }) =>
      own.filter((c) => real === '' || c.path.startsWith(`${real}/`)).map((c) => ({ status: c.status, path: `${at}/${real === '' ? c.path : c.path.slice(real.length + 1)}` })),
    );
    return aliases.length ? [...own, ...aliases] : own;
  }

  /** Links followed to folders (links.ts), for changes(). */
  private linkedFolders: { at: string; real: string }[] = [];

  async close(): Promise<void> {
    await this.catFileProcess?.close();
  }
}
