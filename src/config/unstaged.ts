// --staged checks what is staged, its config included: a config or baseline edited on disk and not
// staged is not what the hook reads. One line names each (#18 point 6), so "I changed the config
// and nothing changed" has its answer. For pyproject.toml and package.json only their parity-check
// part counts: other edits there are none of the check's business.
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { baselineMessages } from '../messages.js';
import type { Snapshot } from '../types.js';
import { CONFIG_DOCUMENTS, readSmall } from './above.js';

/** The part of a file the config reader uses, comparable as text; undefined when the file holds none. */
function configPart(file: string, text: string): string | undefined {
  try {
    if (file === 'pyproject.toml') {
      const tool = (parseToml(text) as { tool?: Record<string, unknown> }).tool;
      return tool?.['parity-check'] === undefined ? undefined : JSON.stringify(tool['parity-check']);
    }
    if (file === 'package.json') {
      const manifest = JSON.parse(text) as Record<string, unknown>;
      return manifest['parity-check'] === undefined ? undefined : JSON.stringify(manifest['parity-check']);
    }
  } catch {
    // A file that does not parse: compared as text.
  }
  return text;
}

/** The hint lines for an index snapshot: each config file (and the baseline) whose disk version is not the staged one. */
export async function unstagedConfigHints(snapshot: Snapshot, configFiles: readonly string[]): Promise<string[]> {
  const candidates = new Set([...CONFIG_DOCUMENTS, baselineMessages.fileName, ...configFiles]);
  const out: string[] = [];
  for (const file of candidates) {
    const disk = readSmall(path.join(snapshot.base, file), true);
    if (disk === undefined) continue;
    const ours = configPart(file, disk);
    if (ours === undefined) continue;
    const staged = snapshot.has(file) ? await snapshot.readText(file) : undefined;
    if (staged === undefined) out.push(`${file} is not staged: --staged checks the staged files, so it is not read (git add ${file} to use it)`);
    else if (configPart(file, staged) !== ours) out.push(`${file} has changes that are not staged: --staged reads the staged version (git add ${file} to check with the one on disk)`);
  }
  return out;
}
