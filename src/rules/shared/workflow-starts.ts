// The servers workflows start from a folder that is no checked app's root (a discovered app at backend/app whose
// smoke test runs `uvicorn app.main:app` in backend/): judged here from that folder, over the same files as a graph
// of the checked folder whose root is above or below it (never a simulated package's). The module must resolve
// there (MOD001, the same test as every module-path string: isModulePathError) and, when some graph read its file,
// define the attribute (MOD002). Anything else is named as not checked (notes), never judged. The starts whose root
// is an app's are that app's module-path strings (graph/workflow-facts.ts) and are not judged here.
import type { AppGraph } from '../../graph/types.js';
import type { AppRoot } from '../types.js';
import type { FileFacts } from '../../types.js';
import { bindsAnyName } from '../../graph/symbols.js';
import { noModuleNamed } from '../../graph/not-found.js';
import { library, startId, type WorkflowStart } from '../../sources/workflow-servers.js';
import { isUnder } from '../../util/posix-path.js';
import { didYouMean } from '../../util/similar.js';

export interface WorkflowVerdict {
  code: 'MOD001' | 'MOD002';
  start: WorkflowStart;
  graph: AppGraph;
  message: string;
  related?: string;
}

/** One folder at or below the other. */
const related = (a: string, b: string) => isUnder(a, b) || isUnder(b, a);

const MEMO = new WeakMap<readonly AppGraph[], { verdicts: WorkflowVerdict[]; notes: string[] }>();

/** Verdicts and not-checked notes for every workflow start no graph took. */
/**
 * Verdicts and not-checked notes for every workflow start no graph took. `appRoots`, when `apps` is only part
 * of the run (one app at a time, RuleContext.appRoots): a start is judged by one app only, the first of the
 * run rooted at or near its folder, and left to another app's pass when that app is rooted where it imports
 * from (it takes the start as its own module-path string).
 */
export function workflowVerdicts(apps: readonly AppGraph[], files: ReadonlyMap<string, FileFacts>, appRoots?: readonly AppRoot[]): { verdicts: WorkflowVerdict[]; notes: string[] } {
  let r = MEMO.get(apps);
  if (!r) MEMO.set(apps, (r = judge(apps, files, appRoots)));
  return r;
}

function judge(apps: readonly AppGraph[], files: ReadonlyMap<string, FileFacts>, appRoots: readonly AppRoot[] | undefined): { verdicts: WorkflowVerdict[]; notes: string[] } {
  const inPass = new Set(apps.map((g) => g.name));
  const attached = new Set<string>();
  const all = new Map<string, WorkflowStart>();
  for (const g of apps) {
    for (const id of g.workflowStarts?.attached ?? []) attached.add(id);
    for (const s of g.workflowStarts?.all ?? []) all.set(startId(s), s);
  }
  const verdicts: WorkflowVerdict[] = [];
  const notes: string[] = [];
  for (const [id, s] of all) {
    if (attached.has(id)) continue;
    // Another app of the run is rooted where the server imports from: the start is that app's (its own pass).
    if (appRoots?.some((a) => !a.virtual && !inPass.has(a.name) && s.root !== undefined && a.root === s.root)) continue;
    const note = (why: string) => notes.push(`${id}: workflow job ${s.job} starts ${s.server} (${s.command.trim()}): ${why}: the app it imports is not checked (MOD001)`);
    if (s.why || !s.app || s.root === undefined) {
      note(s.why ?? 'the app is not known');
      continue;
    }
    // A graph over the checked folder's own files (a simulated package's are the zip's) near the start's folder.
    // One judge over the run: the first app rooted at or near the folder; its own pass says it.
    const judgeApp = appRoots?.find((a) => !a.virtual && related(a.root, s.root!));
    if (judgeApp && !inPass.has(judgeApp.name)) continue;
    const graph = apps.find((g) => !g.deploy?.virtual && g.workflowStarts && related(g.root, s.root!) && (!judgeApp || g.name === judgeApp.name));
    if (!graph) {
      note(`no checked app is rooted at or near ${s.root || '.'}, where it imports ${s.app.value} from`);
      continue;
    }
    const [module, attrPart] = s.app.value.split(':');
    const attr = attrPart.split('.')[0];
    const resolver = graph.resolver.withRoot(s.root, s.searchPath ?? []);
    const where = `${s.root || '.'} (the folder workflow job ${s.job} starts ${s.server} from${s.searchPath?.length ? `, then $PYTHONPATH ${s.searchPath.map((d) => d || '.').join(', ')}` : ''})`;
    const found = resolver.resolve(module);
    if (!found) {
      if (s.installed) {
        note(`${module} is not under ${s.root || '.'}, and \`${s.installed}\` earlier in the job may install it into site-packages`);
        continue;
      }
      const classification = resolver.classify(module);
      const suggestion = resolver.suggest(module);
      if (classification === 'unresolved-local' || (classification === 'external' && suggestion !== undefined)) {
        verdicts.push({ code: 'MOD001', start: s, graph, message: `"${module}" does not resolve under ${where}: ${library(s)} imports it at start-up and raises ModuleNotFoundError: ${noModuleNamed(resolver, module)}${didYouMean(suggestion ? [suggestion] : [])}` });
      } else note(`${module} is not under ${s.root || '.'} and may be an installed distribution`);
      continue;
    }
    const file = 'file' in found ? found.file : undefined;
    const facts = file ? files.get(file) : undefined;
    if (!file || !facts || bindsAnyName(facts) || facts.parseProblems.some((p) => p.unread)) {
      if (!facts) note(`${module} resolves${file ? ` to ${file}` : ''}, which no checked app reads, so its "${attr}" is not checked`);
      continue;
    }
    if (facts.definitions.some((d) => d.name === attr) || resolver.resolve(`${module}.${attr}`) && found.kind === 'package') continue;
    verdicts.push({ code: 'MOD002', start: s, graph, related: file, message: `"${module}" resolves to ${file}, which defines no top-level "${attr}" that ${library(s)} reads: ${raisedBy(s.server, module, attr)}` });
  }
  return { verdicts, notes: notes.sort() };
}

/** What the server prints when the module lacks the attribute. */
export function raisedBy(server: string, module: string, attr: string): string {
  if (server === 'uvicorn') return `Attribute "${attr}" not found in module "${module}"`;
  if (server === 'gunicorn') return `Failed to find attribute '${attr}' in '${module}'`;
  return `AttributeError: module '${module}' has no attribute '${attr}'`;
}

/** The place of a verdict: the app string in the workflow. */
export const verdictSpan = (v: WorkflowVerdict): { file: string; line: number; column: number; endLine: number; endColumn: number } => ({
  file: v.start.app!.loc.file,
  line: v.start.app!.loc.line,
  column: v.start.app!.loc.column,
  endLine: v.start.app!.loc.endLine,
  endColumn: v.start.app!.loc.endColumn,
});
