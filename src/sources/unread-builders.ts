// Build steps no reader here understands: PowerShell scripts (`build.ps1`), Windows batch files (`.bat`, `.cmd`) and
// Python build scripts (`build.py`, `package_lambda.py`, that zip with zipfile or shutil). They are read as text
// only: when a function's package (a zip it is deployed from, or a folder not in the repository) is not known, a
// script that names that zip or folder is said with the reason, so the function is named as not checked with the
// script's path, never a silent pass, and its package is never assumed to be another layout.
import { posix } from 'node:path';
import type { DeployFacts } from '../types.js';
import { emptyFacts, type DeploySource, type SourceFunction } from './common.js';

// Python: build.py, build_lambda.py, package_lambda.py, zip_functions.py (not an app's make_app.py or packages.py).
const UNREAD = /(^|\/)([^/]+\.(ps1|psm1|bat|cmd)|(build|bundle|package|zip)([_-][^/]*)?\.py)$/i;
const VENDORED = /(^|\/)(node_modules|\.venv|venv|site-packages)\//;

export const unreadBuildersSource: DeploySource = {
  id: 'unread-builders',
  matches: (p) => UNREAD.test(p) && !VENDORED.test(p),
  extract: () => emptyFacts(),
};

const KIND: [RegExp, string][] = [
  [/\.psm?1$/i, 'a PowerShell script'],
  [/\.(bat|cmd)$/i, 'a batch file'],
  [/\.py$/i, 'a Python build script'],
];

/** Adds to each function whose package is not known the unread build scripts that name its zip or folder. */
export function nameUnreadBuilders(out: DeployFacts, files: { path: string; text: string }[]): void {
  const scripts = files.filter((f) => unreadBuildersSource.matches(f.path));
  if (!scripts.length) return;
  for (const fn of out.functions as SourceFunction[]) {
    if (fn.layout.known) continue;
    const target = fn.artifact ?? fn.archive ?? fn.packageDir?.dir;
    if (!target) continue;
    const name = posix.basename(target);
    if (name.length < 3) continue;
    // The zip's name, or its stem quoted (`shutil.make_archive("lambda", "zip", ...)` writes lambda.zip).
    const stem = name.replace(/\.(zip|jar)$/i, '');
    const names = (t: string) => t.includes(name) || (stem !== name && (t.includes(`"${stem}"`) || t.includes(`'${stem}'`)));
    const by = scripts.filter((s) => names(s.text)).map((s) => `${s.path} (${KIND.find(([re]) => re.test(s.path))![1]})`);
    if (!by.length) continue;
    const old = fn.layout;
    const why = `${old.why}; ${by.slice(0, 3).join(', ')} names ${name}, and is not read here: its package is not checked`;
    for (const u of out.unknowns) if (u.why === old.why && u.loc === old.loc) u.why = why;
    fn.layout = { ...old, why };
  }
}
