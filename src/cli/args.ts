// The command line's arguments: the options it knows, and what its positionals name.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as msg from '../messages.js';
import { closeMatches } from '../util/similar.js';

// The version is written with the other release data in src/links.ts; the CLI's own modules take it from here.
export { VERSION } from '../links.js';
export const FORMATS = ['pretty', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];
export type Mode = 'check' | 'baseline';
/** Options whose effect on the output the run cache knows; any other option bypasses it. */
const RUN_CACHE_SAFE = new Set(['format', 'config', 'staged', 'strict-suppressions', 'debug', 'no-cache']);

export class UsageError extends Error {}

// PathError lives beside the texts it carries (init.ts throws it too); the CLI's own modules take it from here.
export { PathError } from '../messages.js';

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
        select: { type: 'string' },
        ignore: { type: 'string' },
        'exit-zero': { type: 'boolean' },
        'max-warnings': { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        'output-file': { type: 'string', short: 'o' },
        'output-format': { type: 'string' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (e) {
    throw new UsageError(parseProblem(e as Error & { code?: string }));
  }
}

/** Every long option, for "did you mean". */
const LONG_OPTIONS = [
  'format', 'config', 'staged', 'no-cache', 'dry-run', 'debug', 'verbose', 'strict-suppressions', 'fix', 'fix-dry-run', 'prune-baseline',
  'timing', 'python', 'function', 'timeout', 'path', 'select', 'ignore', 'exit-zero', 'max-warnings', 'quiet', 'output-file',
  'output-format', 'color', 'no-color', 'help', 'version',
];

/** node:util's parse errors, in the words of a linter (its own advice about '--' fits no one here). */
function parseProblem(e: Error & { code?: string }): string {
  const unknown = /^Unknown option '([^']+)'/.exec(e.message);
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && unknown) {
    const given = unknown[1];
    const [near] = closeMatches(given.replace(/^-+/, '').split('=')[0], LONG_OPTIONS, 1, 0.6);
    return msg.unknownOption(given, near === undefined ? undefined : `--${near}`);
  }
  const missing = /^Option '([^']+)' argument missing/.exec(e.message);
  if (missing) return msg.optionNeedsValue(missing[1].replace(/^-\w, /, ''));
  return e.message.split('. ')[0];
}

/** The subcommands, for "did you mean" when a word that is not a folder looks like one. */
export const COMMANDS = ['check', 'explain', 'rules', 'init', 'baseline', 'verify', 'triage', 'package', 'help'] as const;

/** A mistyped subcommand (`verfy`): a word that names no file and is close to a command. */
export function mistypedCommand(word: string | undefined): string | undefined {
  if (word === undefined || word.includes('/') || word.includes('.') || fs.existsSync(word)) return undefined;
  return closeMatches(word, COMMANDS, 1, 0.6)[0];
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

/**
 * Colour for the pretty format, decided as Node decides it: --color / --no-color first, then
 * FORCE_COLOR (lint-staged sets it for its tasks; `0` and `false` turn colour off, any other value,
 * the empty one included, on), then NO_COLOR (only when not empty, as no-color.org says), then a
 * terminal that is not dumb. Never into a file (-o).
 */
export function useColor(format: string, values: Pick<CliValues, 'color' | 'no-color' | 'output-file'> = {}): boolean {
  if (format !== 'pretty' || values['output-file'] !== undefined || values['no-color']) return false;
  if (values.color) return true;
  const force = process.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (process.env.NO_COLOR) return false;
  return Boolean(process.stdout.isTTY) && process.env.TERM !== 'dumb';
}

/** --max-warnings N: a whole number, or a usage error. */
export function maxWarnings(values: CliValues): number | undefined {
  const v = values['max-warnings'];
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new UsageError(msg.badMaxWarnings(v));
  return Number(v);
}

/** --format, or its ruff spelling --output-format (both given: they must agree). */
export function formatOption(values: CliValues): string | undefined {
  const a = values.format;
  const b = values['output-format'];
  if (a !== undefined && b !== undefined && a !== b) throw new UsageError(msg.twoFormats(a, b));
  return a ?? b;
}
