// The command line's arguments: the options it knows, and what its positionals name.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as msg from '../messages.js';

export const VERSION = '0.1.0';
export const FORMATS = ['pretty', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];
export type Mode = 'check' | 'baseline';
/** Options whose effect on the output the run cache knows; any other option bypasses it. */
const RUN_CACHE_SAFE = new Set(['format', 'config', 'staged', 'strict-suppressions', 'debug', 'no-cache']);

export class UsageError extends Error {}

export function parseCliArgs(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        config: { type: 'string', short: 'c' },
        staged: { type: 'boolean' },
        'no-cache': { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        debug: { type: 'boolean' },
        verbose: { type: 'boolean' },
        'strict-suppressions': { type: 'boolean' },
        fix: { type: 'boolean' },
        'fix-dry-run': { type: 'boolean' },
        'prune-baseline': { type: 'boolean' },
        timing: { type: 'boolean' },
        python: { type: 'string' },
        function: { type: 'string' },
        timeout: { type: 'string' },
        invoke: { type: 'boolean' },
        path: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

export type CliValues = ReturnType<typeof parseCliArgs>['values'];

/** True when every option given is one the run cache knows the effect of. */
export function runCacheSafe(values: CliValues): boolean {
  return Object.keys(values).every((k) => RUN_CACHE_SAFE.has(k));
}

/**
 * The checked folder and, with --staged, the files named.
 * --staged [FOLDER] [FILE...]: a positional that is a folder is the checked folder, the others are
 * changed files (lint-staged and pre-commit pass them; they may be deleted, so they need not exist).
 * Without a folder, --staged checks the whole repository, from wherever it runs.
 */
export function checkTargets(targets: string[], staged: boolean): { folder: string | undefined; named: string[] | undefined } {
  let folder: string | undefined;
  let named: string[] | undefined;
  if (staged) {
    const files: string[] = [];
    for (const t of targets) {
      if (isDirectory(t) && folder === undefined && !files.length) folder = path.resolve(t);
      else if (isDirectory(t)) throw new UsageError(msg.tooManyPaths(targets.filter(isDirectory)));
      else files.push(path.resolve(t));
    }
    if (files.length) named = files;
  } else {
    if (targets.length > 1) throw new UsageError(msg.tooManyPaths(targets));
    folder = targets[0] === undefined ? undefined : path.resolve(targets[0]);
  }
  return { folder, named };
}

export function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Colour for the pretty format on a terminal, unless NO_COLOR or a dumb terminal says otherwise. */
export function useColor(format: string): boolean {
  return format === 'pretty' && Boolean(process.stdout.isTTY) && !('NO_COLOR' in process.env) && process.env.TERM !== 'dumb';
}
