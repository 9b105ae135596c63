// `parity-check package` output: pretty for people (one block per function, the package as a tree
// of folders, each file with where it came from and the step that put it there), JSON for machines
// (the same facts, fixed key order, optional keys left out).
import { packageMessages as M } from '../messages.js';
import type { Location } from '../types.js';
import type { FunctionReport, PackageReport, ReportStartup, ReportTree } from './report.js';

const where = (l: Location) => `${l.file}:${l.line}:${l.column}`;
/** Folder-first order: `a/b/c.py` next to `a/b/d.py`, before `a/c.py`'s siblings that sort after. */
const treeKey = (p: string) => p.split('/').join('\u0000');
const NAME_WIDTH = 48;

function treeLines(t: ReportTree, indent: string): string[] {
  // Keys computed once: a code root of thousands of files is sorted here.
  const files = t.files.map((f) => ({ f, key: treeKey(f.path) })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((x) => x.f);
  const rows: { label: string; file?: (typeof files)[number] }[] = [];
  let open: string[] = [];
  for (const f of files) {
    const parts = f.path.split('/');
    const dirs = parts.slice(0, -1);
    let same = 0;
    while (same < open.length && same < dirs.length && open[same] === dirs[same]) same++;
    for (let d = same; d < dirs.length; d++) rows.push({ label: `${'  '.repeat(d)}${dirs[d]}/` });
    open = dirs;
    rows.push({ label: `${'  '.repeat(dirs.length)}${parts[parts.length - 1]}`, file: f });
  }
  const width = Math.min(NAME_WIDTH, Math.max(0, ...rows.filter((r) => r.file).map((r) => r.label.length)));
  return rows.map((r) => (r.file ? `${indent}${r.label.padEnd(width)}  ← ${r.file.from}  (${where(r.file.step)})` : `${indent}${r.label}`));
}

function startupLines(s: ReportStartup): string[] {
  const label = s.kind === 'web-app' ? 'app' : s.kind === 'handler' ? 'handler' : 'start-up';
  const first = s.path ? `  (${s.path}/ first on sys.path)` : '';
  const head = `  ${label.padEnd(9)}${s.text ?? M.notKnown(s.why ?? '')}${first}${s.loc ? `  (${where(s.loc)})` : ''}`;
  const r = s.resolution;
  if (!r) return [head];
  const verdict = r.status === 'resolves' ? M.resolves(r.file) : r.status === 'unknown' ? M.cannotTell(r.why) : M.doesNotResolve(r.why);
  return [head, `  ${' '.repeat(9)}${verdict}`];
}

function functionBlock(f: FunctionReport): string {
  const lines = [`${M.functionHeader(f.name, f.source, f.packageType)}  (${where(f.loc)})`];
  lines.push(`  ${'runtime'.padEnd(9)}${f.runtime ? (f.runtime.known ? `${f.runtime.value}  (${where(f.runtime.loc)})` : M.notKnown(f.runtime.why)) : M.notStated}`);
  lines.push(...startupLines(f.startup));
  const unknowns: { loc: Location; why: string }[] = [];
  if ('unknown' in f.task) lines.push(`  /var/task  ${M.notKnown(f.task.unknown)}${f.task.loc ? `  (${where(f.task.loc)})` : ''}`);
  else {
    lines.push(`  /var/task  ${M.treeSummary(f.task.how, f.task.files.length, f.task.codeRoot)}`);
    lines.push(...treeLines(f.task, '    '));
    unknowns.push(...f.task.unknowns);
  }
  for (const l of f.layers) {
    if (!l.tree) {
      lines.push(`  /opt  ${l.text}  ${M.notKnown(l.why ?? '')}  (${where(l.loc)})`);
      continue;
    }
    lines.push(`  /opt  ${l.text}  ${M.treeSummary(l.tree.how, l.tree.files.length, l.tree.codeRoot)}`);
    lines.push(...treeLines(l.tree, '    '));
    unknowns.push(...l.tree.unknowns);
  }
  if (unknowns.length) {
    lines.push(`  ${M.notSimulated}`);
    for (const u of unknowns) lines.push(`    ${where(u.loc)}  ${u.why}`);
  }
  if (f.notChecked) {
    lines.push(`  ${M.notChecked(f.notChecked.why)}`);
    if (f.notChecked.fix) lines.push(`    ${f.notChecked.fix}`);
  }
  return lines.join('\n');
}

export function renderPackagePretty(r: PackageReport, base: string): string {
  if (!r.functions.length) return `${M.noFunctions(base)}\n`;
  return `${r.functions.map(functionBlock).join('\n\n')}\n`;
}

const loc = (l: Location) => ({ file: l.file, line: l.line, column: l.column });

function treeJson(t: ReportTree) {
  return {
    how: t.how,
    ...(t.codeRoot !== undefined ? { codeRoot: t.codeRoot } : {}),
    files: t.files.map((f) => ({ path: f.path, from: f.from, step: loc(f.step) })),
    unknowns: t.unknowns.map((u) => ({ ...loc(u.loc), why: u.why })),
  };
}

export function renderPackageJson(r: PackageReport): string {
  const functions = r.functions.map((f) => ({
    name: f.name,
    source: f.source,
    ...loc(f.loc),
    packageType: f.packageType,
    runtime: f.runtime ? (f.runtime.known ? { value: f.runtime.value, ...loc(f.runtime.loc) } : { unknown: f.runtime.why }) : { unknown: M.notStated },
    startup: {
      kind: f.startup.kind,
      ...(f.startup.text !== undefined ? { text: f.startup.text } : { unknown: f.startup.why ?? '' }),
      ...(f.startup.loc ? { at: loc(f.startup.loc) } : {}),
      ...(f.startup.path ? { path: f.startup.path } : {}),
      ...(f.startup.resolution ? { resolution: f.startup.resolution } : {}),
    },
    task: 'unknown' in f.task ? { unknown: f.task.unknown, ...(f.task.loc ? { at: loc(f.task.loc) } : {}) } : treeJson(f.task),
    opt: f.layers.map((l) => ({ text: l.text, at: loc(l.loc), ...(l.layer ? { layer: l.layer } : {}), ...(l.tree ? treeJson(l.tree) : { unknown: l.why ?? '' }) })),
    ...(f.notChecked ? { notChecked: { why: f.notChecked.why, ...(f.notChecked.fix ? { fix: f.notChecked.fix } : {}) } } : {}),
  }));
  return `${JSON.stringify({ functions }, null, 2)}\n`;
}
