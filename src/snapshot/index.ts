// Picks the snapshot: the work tree by default, the git index with --staged. Nothing else differs.
import type { Snapshot } from '../types.js';
import { IndexSnapshot } from './git-index.js';
import { WorktreeSnapshot } from './worktree.js';

export { IndexSnapshot } from './git-index.js';
export { WorktreeSnapshot } from './worktree.js';
export { GitError, CatFileBatch, stagedPaths, type StagedChange } from './git.js';
export { SKIPPED_DIRS, type SnapshotProblem, type SnapshotOptions } from './common.js';

export interface OpenSnapshotOptions {
  /** Read what is staged (the git index) instead of the work tree. */
  staged?: boolean;
  /** Globs (relative to base, posix) of files and folders left out, in both modes. */
  ignore?: string[];
}

/** Opens the snapshot of `base`; close() it when done (ends the index mode's git process). */
export async function openSnapshot(
  base: string,
  opts: OpenSnapshotOptions = {},
): Promise<Snapshot & { readonly problems: { path: string; message: string }[] }> {
  return opts.staged ? IndexSnapshot.create(base, { ignore: opts.ignore }) : WorktreeSnapshot.create(base, { ignore: opts.ignore });
}
