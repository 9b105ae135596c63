// The commands besides check and baseline: verify, triage, package, explain, rules and init. Each
// loads the part of the pipeline it needs when it runs (see cli.ts on start-up).
import fs from 'node:fs';
import path from 'node:path';
import { formatOption, isDirectory, UsageError, useColor, type CliValues } from './args.js';
import { loadPipeline } from '../load-pipeline.js';
import * as msg from '../messages.js';
import { childProcess } from '../snapshot/git-process.js';
import { openSnapshot } from '../snapshot/index.js';
import { shown } from './shown.js';

/**
 * verify: the only command that runs the repository's code, each entry point in a child process of
 * the project's interpreter (--python, else config verify.python, else a .venv or venv at the checked folder, else python3).
 */
export async function verifyCommand(rest: string[], values: CliValues): Promise<number> {
  if (rest.length > 1) throw new UsageError(msg.tooManyPaths(rest));
  const base = path.resolve(rest[0] ?? '.');
  if (!isDirectory(base)) throw new UsageError(msg.verifyMessages.notAFolder(base));
  const format = values.format ?? 'pretty';
  if (format !== 'pretty' && format !== 'json') throw new UsageError(msg.verifyMessages.format(format));
  if (values.timeout !== undefined && !(Number(values.timeout) > 0 && Number.isFinite(Number(values.timeout)))) throw new UsageError(msg.verifyMessages.timeout(values.timeout));
  const { runVerify, renderVerifyPretty, renderVerifyJson, verifySettings } = await loadPipeline();
  // The command line, then the team config (verify.python, verify.timeout), then the defaults.
  const settings = await verifySettings(base, values.config);
  const seconds = values.timeout !== undefined ? Number(values.timeout) : (settings.timeout ?? 10);
  const python = findPython(base, values.python ?? settings.python);
  const r = await runVerify({ base, python, timeoutMs: seconds * 1000, configPath: values.config, only: values.function, invoke: values.invoke ?? false });
  process.stdout.write(shown(format === 'json' ? renderVerifyJson(r) : renderVerifyPretty(r, useColor(format)), useColor(format)));
  for (const n of r.notes) process.stderr.write(shown(`note: ${n}\n`));
  return r.findings.some((f) => f.severity === 'error') ? 1 : 0;
}

/** triage: a Lambda log (a file, or - / nothing for stdin) to the repository line, the rule and the suspect commit. */
export async function triageCommand(rest: string[], values: CliValues): Promise<number> {
  if (rest.length > 1) throw new UsageError(msg.triageMessages.oneLog(rest));
  const base = path.resolve(values.path ?? '.');
  if (!isDirectory(base)) throw new UsageError(msg.verifyMessages.notAFolder(base));
  const format = formatOption(values) ?? 'pretty';
  if (format !== 'pretty' && format !== 'json') throw new UsageError(msg.triageMessages.format(format));
  const log = rest[0] ?? '-';
  if (log !== '-' && !(fs.existsSync(log) && fs.statSync(log).isFile())) throw new UsageError(msg.triageMessages.noLog(log));
  const input = log === '-' ? process.stdin.setEncoding('utf8') : fs.createReadStream(log, { encoding: 'utf8' });
  const { triage, readLogEvents, renderTriageJson, renderTriagePretty, NotALogError } = await loadPipeline();
  const problems: string[] = [];
  try {
    const { results, sources } = await triage(readLogEvents(input as AsyncIterable<string>, problems), base);
    process.stdout.write(shown(format === 'json' ? renderTriageJson(results, problems) : renderTriagePretty(results, sources, problems)));
  } catch (e) {
    if (e instanceof NotALogError) throw new UsageError(msg.triageMessages.notALog(log, e.message));
    throw e;
  }
  return 0;
}

/** package: each Lambda function's runtime, start-up and simulated /var/task and /opt (reads the repository, runs nothing). */
export async function packageCommand(rest: string[], values: CliValues): Promise<number> {
  if (rest.length > 1) throw new UsageError(msg.tooManyPaths(rest));
  const base = path.resolve(rest[0] ?? '.');
  if (!isDirectory(base)) throw new UsageError(msg.verifyMessages.notAFolder(base));
  const format = formatOption(values) ?? 'pretty';
  if (format !== 'pretty' && format !== 'json') throw new UsageError(msg.packageMessages.format(format));
  const { packageReport, renderPackagePretty, renderPackageJson, UnknownFunctionError } = await loadPipeline();
  const snapshot = await openSnapshot(base, { staged: values.staged ?? false });
  try {
    const report = await packageReport(snapshot, { configPath: values.config, only: values.function });
    process.stdout.write(shown(format === 'json' ? renderPackageJson(report) : renderPackagePretty(report, base)));
  } catch (e) {
    if (e instanceof UnknownFunctionError) throw new UsageError(msg.packageMessages.unknownFunction(e.asked, e.known));
    throw e;
  } finally {
    await snapshot.close();
  }
  return 0;
}

/** The interpreter verify runs: one that starts, or a usage error (exit 2) saying which was tried. */
function findPython(base: string, asked: string | undefined): string {
  const candidates = asked ? [asked] : [path.join(base, '.venv', 'bin', 'python'), path.join(base, 'venv', 'bin', 'python'), 'python3'];
  for (const c of candidates) {
    if (!asked && c !== 'python3' && !fs.existsSync(c)) continue;
    if (childProcess().spawnSync(c, ['-c', 'import sys'], { stdio: 'ignore', timeout: 10_000 }).status === 0) return c;
  }
  throw new UsageError(msg.verifyMessages.noPython(candidates.filter((c) => asked || c === 'python3' || fs.existsSync(c))));
}

/** explain, rules and init: commands that check nothing. */
export async function otherCommand(command: 'explain' | 'rules' | 'init', rest: string[], values: CliValues): Promise<number> {
  if (command === 'explain') {
    const { DOCUMENTED, documentedByCode, explainRule, VERIFY_DOCS, verifyDocByCode } = await loadPipeline();
    if (rest.length !== 1) throw new UsageError(msg.explainUsage());
    // VER codes are verify's findings: documented like rules, given only by real Python.
    const rule = documentedByCode(rest[0]) ?? verifyDocByCode(rest[0]);
    if (!rule) throw new UsageError(msg.unknownRule(rest[0], [...DOCUMENTED, ...VERIFY_DOCS].map((r) => r.code)));
    process.stdout.write(explainRule(rule));
    return 0;
  }
  if (command === 'rules') {
    const { DOCUMENTED, rulesTable } = await loadPipeline();
    process.stdout.write(rulesTable(DOCUMENTED));
    return 0;
  }
  if (rest.length > 1) throw new UsageError(msg.tooManyPaths(rest));
  const { init } = await loadPipeline();
  const out = await init(path.resolve(rest[0] ?? '.'), { dryRun: values['dry-run'] ?? false });
  process.stdout.write(out.text);
  return 0;
}
