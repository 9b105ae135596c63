// From a failure in a Lambda log to the answer: the repository file and line (a /var/task frame
// mapped back through the package the deploy builds, the same layouts verify uses), the static
// finding that explains it, and the commit that last changed that line (git blame, through the one
// git wrapper). Reads the repository; runs none of its code.
import { run } from '../run.js';
import { runGit } from '../snapshot/git-process.js';
import { openSnapshot } from '../snapshot/index.js';
import type { Finding } from '../types.js';
import { repositoryNames, targetsOf } from '../verify/targets.js';
import { appFrame, failuresOf, groupFailures, type Failure, type FailureGroup } from './failures.js';
import type { LogEvent } from './log-events.js';
import { layerFrameSource, resolveFailureModule, type ModuleResolution } from './resolution.js';

export interface SuspectCommit {
  /** The line blamed (the cause), and the commit that last changed it. */
  file?: string;
  line?: number;
  commit: string;
  date: string;
  author: string;
  subject: string;
}

export interface Explained {
  group: FailureGroup;
  /** The repository place of the failing line, when a frame (or the handler module) maps to one. */
  at?: { file: string; line: number };
  /** Static findings that explain it (rule, message, fix), best first. */
  findings: Finding[];
  /** When no finding explains it: the missing module resolved under the deploy root, with "did you mean". */
  resolution?: ModuleResolution;
  suspect?: SuspectCommit;
}

const TASK = '/var/task/';

/** What a static finding must say to explain this failure (same app), by kind. */
function explains(f: Failure, finding: Finding, at: { file: string; line: number } | undefined): boolean {
  if (at && finding.file === at.file && finding.line === at.line) return true;
  switch (f.kind) {
    case 'import-module':
    case 'module-not-found':
      if (f.name && f.module) return finding.ruleId === 'MOD004' && finding.message.includes(`cannot import name '${f.name}'`);
      return f.module !== undefined && ['MOD001', 'MOD003', 'LPK001', 'LPK003', 'HND001'].includes(finding.ruleId) && finding.message.includes(`No module named '${f.module}'`);
    case 'cannot-import-name':
      return finding.ruleId === 'MOD004' && finding.message.includes(`cannot import name '${f.name}'`);
    case 'mapper-name':
      return (finding.ruleId === 'MDL001' || finding.ruleId === 'PAR004') && finding.message.includes(`"${f.name}"`);
    case 'handler-not-found':
    case 'syntax':
      return finding.ruleId === 'HND001' || finding.ruleId === 'PARSE001';
    default:
      return false;
  }
}

async function blame(base: string, file: string, line: number): Promise<SuspectCommit | undefined> {
  try {
    const out = (await runGit(base, ['blame', '--no-textconv', '--porcelain', '-L', `${line},${line}`, '--', file])).toString('utf8');
    const commit = out.slice(0, 40);
    if (!/^[0-9a-f]{40}$/.test(commit) || /^0+$/.test(commit)) return undefined;
    const field = (k: string) => new RegExp(`^${k} (.*)$`, 'm').exec(out)?.[1] ?? '';
    const time = Number(field('author-time'));
    return { commit, date: Number.isFinite(time) && time > 0 ? new Date(time * 1000).toISOString().slice(0, 10) : '', author: field('author'), subject: field('summary') };
  } catch {
    return undefined; // not a git repository, or the line is not committed yet
  }
}

export interface TriageResult {
  results: Explained[];
  /** Text of the files the answers point at, for code frames. */
  sources: Map<string, string>;
}

export async function triage(events: AsyncIterable<LogEvent>, base: string): Promise<TriageResult> {
  const failures: Failure[] = [];
  for await (const f of failuresOf(events)) failures.push(f);
  const groups = groupFailures(failures);
  const sources = new Map<string, string>();
  if (!groups.length) return { results: [], sources };
  const snapshot = await openSnapshot(base, { staged: false });
  try {
    const checked = await run({ base, staged: false, snapshot });
    const files = snapshot.files().map((e) => e.path);
    const fileSet = new Set(files);
    const names = repositoryNames(files);
    const targets = checked.apps.flatMap((g) => targetsOf(g, files, names));
    const srcOf = (dest: string): string | undefined => {
      for (const t of targets) {
        const hit = t.files.find((x) => x.dest === dest);
        if (hit) return hit.src;
      }
      return undefined;
    };
    const out: Explained[] = [];
    for (const group of groups) {
      const f = group.failure;
      let at: Explained['at'];
      const frame = appFrame(f);
      if (frame?.file.startsWith(TASK)) {
        const src = srcOf(frame.file.slice(TASK.length));
        if (src) at = { file: src, line: frame.line };
      } else if (frame) {
        const src = layerFrameSource(frame.file, checked.apps, (file) => fileSet.has(file));
        if (src) at = { file: src, line: frame.line };
      }
      const findings = checked.findings.filter((x) => explains(f, x, at));
      const resolution = findings.length ? undefined : resolveFailureModule(f, checked.apps);
      // Without a frame (Runtime.ImportModuleError prints none), the explaining finding's line is the place.
      if (!at && findings.length) at = { file: findings[0].file, line: findings[0].line };
      if (!at && f.handlerModule) {
        const src = srcOf(`${f.handlerModule.replace(/\./g, '/')}.py`);
        if (src) at = { file: src, line: f.syntaxAt?.line ?? 1 };
      }
      if (at && !sources.has(at.file)) {
        const text = await snapshot.readText(at.file);
        if (text !== undefined) sources.set(at.file, text);
      }
      // The suspect is the last change of the cause: the line the explaining finding points at (the
      // router map's string), else the failing line itself.
      const cause = findings[0] ? { file: findings[0].file, line: findings[0].line } : at;
      const suspect = cause ? await blame(snapshot.base, cause.file, cause.line) : undefined;
      out.push({ group, at, findings, ...(resolution ? { resolution } : {}), ...(suspect && cause ? { suspect: { ...suspect, ...cause } } : {}) });
    }
    return { results: out, sources };
  } finally {
    await snapshot.close();
  }
}
