// Which pre-commit hook `init` can write in a repository without package.json (#18): only one that
// runs. pre-commit installs a hook from a git URL at a tag, so the `repo: URL` / `rev: v<version>`
// item is written only when this version knows the project's repository (src/links.ts; a release
// with --repository fills it). Without a URL, a `repo: local` hook running the `parity-check` on PATH
// runs when parity-check is installed there for good (npm install -g); the folders npx and npm
// scripts put on PATH for one command only do not count (a hook run later would not find it).
// Otherwise nothing is written: init prints the item and says what to fill.
import fs from 'node:fs';
import path from 'node:path';
import { REPOSITORY_PLACEHOLDER, REPOSITORY_URL, RELEASE_TAG } from './links.js';

export type HookSource = { kind: 'repository'; url: string } | { kind: 'path'; command: string };

/** A PATH folder that holds a command for one run only: npx's cache, a package's node_modules/.bin. */
function transient(dir: string): boolean {
  const d = dir.replace(/\\/g, '/').replace(/\/+$/, '');
  return d.includes('/_npx/') || d.endsWith('/node_modules/.bin') || d === '';
}

/** The `parity-check` a later `git commit` finds on PATH, or undefined. */
export function parityCheckOnPath(pathVar: string | undefined): string | undefined {
  for (const dir of (pathVar ?? '').split(path.delimiter)) {
    if (transient(dir) || !path.isAbsolute(dir)) continue;
    const file = path.join(dir, 'parity-check');
    try {
      fs.accessSync(file, fs.constants.X_OK);
      if (fs.statSync(file).isFile()) return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** How a hook for a repository without package.json can run here; undefined when none would. */
export function hookSource(url: string | undefined = REPOSITORY_URL, pathVar = process.env.PATH): HookSource | undefined {
  if (url !== undefined) return { kind: 'repository', url };
  const command = parityCheckOnPath(pathVar);
  return command ? { kind: 'path', command } : undefined;
}

/** The `repos:` item for a source (undefined: the repository form with the placeholder a user fills in), each line indented. */
export function sourceEntry(source: HookSource | undefined, indent: string): string {
  const lines =
    source?.kind === 'path'
      ? [
          '- repo: local',
          '  hooks:',
          '    - id: parity-check',
          '      name: parity-check',
          '      entry: parity-check --staged',
          '      language: system',
          '      pass_filenames: false',
          '      always_run: true',
          '      require_serial: true',
        ]
      : [`- repo: ${source?.url ?? REPOSITORY_PLACEHOLDER}`, `  rev: ${RELEASE_TAG}`, '  hooks:', '    - id: parity-check'];
  return lines.map((l) => `${indent}${l}\n`).join('');
}
