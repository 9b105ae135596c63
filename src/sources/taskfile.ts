// Taskfile.yml (go-task, version 3): each task's `deps`, `cmds` (a command string, `cmd:`, or `task:` another task)
// and `dir`, and the literal `vars`. `{{.NAME}}` templates take the task's, then the file's literal vars, then the
// built-ins (CLI_ARGS, TASK, ROOT_DIR, TASKFILE_DIR); any other template (a function, `sh:` var) is unknown.
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Scalar, type YAMLMap } from 'yaml';
import type { Location } from '../types.js';
import { yamlLoc } from './yaml.js';

export type TaskCmd =
  | { kind: 'cmd'; text: string; node: Scalar; loc: Location }
  | { kind: 'task'; name: string; vars: Map<string, string>; loc: Location }
  | { kind: 'unknown'; why: string; loc: Location };

export interface Task {
  name: string;
  loc: Location;
  deps: TaskCmd[];
  cmds: TaskCmd[];
  dir?: string;
  vars: Map<string, string | { why: string }>;
}

export interface Taskfile {
  path: string;
  text: string;
  lc: LineCounter;
  vars: Map<string, string | { why: string }>;
  tasks: Map<string, Task>;
}

function get(m: unknown, key: string): unknown {
  return isMap(m) ? (m as YAMLMap).items.find((p) => isScalar(p.key) && p.key.value === key)?.value : undefined;
}

function literalVars(node: unknown, path: string): Map<string, string | { why: string }> {
  const out = new Map<string, string | { why: string }>();
  if (!isMap(node)) return out;
  for (const p of node.items) {
    if (!isScalar(p.key)) continue;
    const k = String(p.key.value);
    const v = p.value;
    out.set(k, isScalar(v) && v.value !== null && typeof v.value !== 'object' ? String(v.value) : { why: `{{.${k}}} is not a literal (${path})` });
  }
  return out;
}

function cmdOf(node: unknown, path: string, lc: LineCounter): TaskCmd {
  const loc = yamlLoc(path, lc, node as Scalar);
  if (isScalar(node) && typeof node.value === 'string') return { kind: 'cmd', text: node.value, node, loc };
  const task = get(node, 'task');
  if (isScalar(task)) {
    const vars = new Map<string, string>();
    for (const [k, v] of literalVars(get(node, 'vars'), path)) if (typeof v === 'string') vars.set(k, v);
    return { kind: 'task', name: String(task.value), vars, loc };
  }
  const cmd = get(node, 'cmd');
  if (isScalar(cmd) && typeof cmd.value === 'string') return { kind: 'cmd', text: cmd.value, node: cmd, loc: yamlLoc(path, lc, cmd) };
  return { kind: 'unknown', why: 'a task command that is not a string, cmd: or task:', loc };
}

export function readTaskfile(path: string, text: string): Taskfile | null {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc });
  if (doc.errors.length || !isMap(doc.contents)) return null;
  const tf: Taskfile = { path, text, lc, vars: literalVars(get(doc.contents, 'vars'), path), tasks: new Map() };
  const tasks = get(doc.contents, 'tasks');
  if (!isMap(tasks)) return tf;
  for (const p of tasks.items) {
    if (!isScalar(p.key)) continue;
    const name = String(p.key.value);
    const t = p.value;
    const loc = yamlLoc(path, lc, p.key as Scalar);
    // A task can be a bare list of commands, or a string.
    const cmdsNode = isSeq(t) || isScalar(t) ? t : get(t, 'cmds');
    const cmds = isSeq(cmdsNode) ? cmdsNode.items.map((c) => cmdOf(c, path, lc)) : isScalar(cmdsNode) ? [cmdOf(cmdsNode, path, lc)] : [];
    const depsNode = get(t, 'deps');
    const dep = (d: unknown): TaskCmd => (isScalar(d) ? { kind: 'task', name: String(d.value), vars: new Map(), loc: yamlLoc(path, lc, d) } : cmdOf(d, path, lc));
    const deps = isSeq(depsNode) ? depsNode.items.map(dep) : [];
    const dir = get(t, 'dir');
    tf.tasks.set(name, { name, loc, cmds, deps, dir: isScalar(dir) ? String(dir.value) : undefined, vars: literalVars(get(t, 'vars'), path) });
  }
  return tf;
}

/** `{{.NAME}}` templates replaced; `lookup` gives a variable's value or why it is not known. */
export function expandTemplates(s: string, lookup: (name: string) => string | { why: string } | undefined): { value: string } | { why: string } {
  let why: string | null = null;
  const value = s.replace(/\{\{\s*([^}]*?)\s*\}\}/g, (all, inner: string) => {
    const m = /^\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(inner);
    const v = m ? lookup(m[1]) : undefined;
    if (typeof v === 'string') return v;
    why ??= v && typeof v === 'object' ? v.why : `${all} is a template task computes`;
    return all;
  });
  return why ? { why } : { value };
}
