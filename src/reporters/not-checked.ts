// The Lambda functions a run could not check (NotChecked, filled by src/deploy), as every reporter
// shows them: one line `file:line:col  function NAME not checked: WHY`, then the config entry that
// would make the function known. Not findings: they never change the exit code.
import { notCheckedMessages as M } from '../messages.js';
import type { NotChecked } from '../types.js';
import { cmp } from '../util/compare.js';

export const notCheckedHeader = (n: NotChecked) => M.header(n.name, n.why);

/** The header line, then the fix (when the entry has one). */
export function notCheckedLines(n: NotChecked): string[] {
  return [`${n.loc.file}:${n.loc.line}:${n.loc.column}  ${notCheckedHeader(n)}`, ...(n.fix ? [n.fix] : [])];
}

/** The message of a machine format: the header, and the fix after it. */
export const notCheckedMessage = (n: NotChecked) => (n.fix ? `${notCheckedHeader(n)}; ${n.fix}` : notCheckedHeader(n));

/**
 * The summary's count: functions, not entries. One function may be named by several (two COPYs that fail its
 * image build, a layer not known beside them); two functions of one name in two files are two.
 */
export function notCheckedCount(list: readonly NotChecked[]): string {
  return M.count(new Set(list.map((n) => functionKey(n))).size);
}

const functionKey = (n: NotChecked) => {
  const d = n.definition ?? n.loc;
  return `${n.name}\0${d.file}\0${d.line}\0${d.column}`;
};

/** By file, line, column, then name: the order of every format. */
export function sortNotChecked(list: readonly NotChecked[]): NotChecked[] {
  return list
    .slice()
    .sort((a, b) => cmp(a.loc.file, b.loc.file) || a.loc.line - b.loc.line || a.loc.column - b.loc.column || cmp(a.name, b.name));
}

/** One entry as plain JSON, with a fixed key order; `fix` left out when there is none. */
export function notCheckedToJson(n: NotChecked): Record<string, unknown> {
  const o: Record<string, unknown> = { name: n.name, file: n.loc.file, line: n.loc.line, column: n.loc.column, why: n.why };
  if (n.fix) o.fix = n.fix;
  return o;
}
