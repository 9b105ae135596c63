// Runs once in vitest's main process before any test file: builds the bundle the CLI tests run, and
// makes the run's temporary root. TMPDIR points there, so whatever a test, the code under test or a
// process they start (the CLI, git, Python, npm, pre-commit) writes to the temporary folder lands
// under it; workers and their children inherit this environment (importing helpers.ts has removed
// GIT_* from it). The teardown removes the root: a run leaves nothing in the temporary folder, even
// when a test fails half-way.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO, removeTree } from './helpers.js';

export default function setup(): () => void {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pc-test-run-')));
  process.env.PC_TEST_ROOT = root;
  process.env.TMPDIR = root;
  // npm (the packaging tests, pre-commit's node hooks) writes a debug log per command into ~/.npm/_logs.
  process.env.npm_config_logs_max = '0';
  process.env.npm_config_update_notifier = 'false';

  // Output captured: a green run prints only vitest's lines; a failed build shows what esbuild said.
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO, encoding: 'utf8' });
  if (build.status !== 0) {
    removeTree(root);
    throw new Error(`scripts/build.mjs failed (exit ${build.status}):\n${build.stdout}${build.stderr}`);
  }
  return () => removeTree(root);
}
