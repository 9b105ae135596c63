// Run the real pipeline (work-tree snapshot, tree-sitter, resolver, rules) on a tree written to disk.
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../src/config/schema.js';
import { run } from '../../src/run.js';
import type { Finding } from '../../src/types.js';
import { writeTree } from '../helpers.js';

export const DEFAULT_ENTRYPOINTS = ['main.py', 'lazy_app.py', 'handler.py'];

/** Config for an app at the tree's root whose entry points are the default ones that exist. */
export function defaultConfig(files: Record<string, string>): Config {
  return {
    apps: [{ name: 'app', root: '.', entrypoints: DEFAULT_ENTRYPOINTS.filter((e) => e in files) }],
  };
}

export async function check(
  files: Record<string, string>,
  config: Config | null = defaultConfig(files),
): Promise<{ findings: Finding[]; dir: string }> {
  const dir = writeTree(files);
  if (config) fs.writeFileSync(path.join(dir, 'parity-check.config.json'), JSON.stringify(config));
  const result = await run({ base: dir, staged: false });
  return { findings: result.findings, dir };
}

export const codes = (findings: Finding[]) => findings.map((f) => f.ruleId);
