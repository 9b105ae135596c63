// AWS CDK apps (Python and TypeScript): `cdk.json` names the app (`"app": "python3 app.py"`,
// `"npx ts-node --prefer-ts-exts bin/app.ts"`); the app's files are that script and the local files it imports,
// transitively (stacks under lib/ or a package). Their Lambda constructs are read by cdk-constructs.ts from the
// values cdk-python.ts and cdk-typescript.ts evaluate.
//
// The script and the imported files are not deploy files by name: `wants` asks readDeploy to read them (and asks
// again of each file read, which is how the closure grows), and `extract` finds their texts in `ctx.text`. A
// command whose script cannot be found, or an app in another language (Java, Go, C#), is an unknown with why.
import type { DeployFacts, LambdaLayer } from '../types.js';
import { commandsIn, evalWord, getBashParser } from '../shell/index.js';
import { at, dirOf, emptyFacts, joinRel, type DeploySource, type SourceContext } from './common.js';
import { interpret, type CdkScope } from './cdk-constructs.js';
import { readPythonCdk, type CdkFile } from './cdk-python.js';
import { readTypeScriptCdk } from './cdk-typescript.js';

const SCRIPT_RE = /\.(py|ts|tsx|js|mjs|cjs)$/;
/** Past this many files the closure stops (an app importing half a monorepo is not a CDK app's stack folder). */
const MAX_FILES = 200;

// An app without cdk.json (run as `cdk deploy --app "python app.py"` from a Justfile, Makefile or CI step): an
// app.py, the name `cdk init` gives the script, that imports aws_cdk and calls `.synth()`, with no cdk.json beside it.
// The text test only picks which app.py files to read; the file is then read with tree-sitter like any CDK script.
const APP_PY = /(^|\/)app\.py$/;
const VENDORED = /(^|\/)(node_modules|\.venv|venv|site-packages|cdk\.out)\//;

export const cdkSource: DeploySource = {
  id: 'cdk',
  matches: (path) => /(^|\/)cdk\.json$/.test(path),
  sniff: { candidate: (p) => APP_PY.test(p) && !VENDORED.test(p), accepts: (t) => /\baws_cdk\b/.test(t) && /\.synth\s*\(/.test(t) },
  wants: (path, text, ctx) => {
    if (/(^|\/)cdk\.json$/.test(path)) {
      const app = appScript(path, text, ctx);
      return app.script ? [app.script] : [];
    }
    const base = scriptBase.get(path) ?? dirOf(path);
    const out = readFile(path, text, base).imports.filter((p) => ctx.exists(p) && !ctx.isDir(p));
    for (const p of out) if (!scriptBase.has(p)) scriptBase.set(p, base);
    return out;
  },
  extract: extractCdk,
};

/**
 * The folder absolute Python imports start from (the script's folder, sys.path[0]), per file of an app: set for the
 * script by appScript and handed down to the files it imports by `wants`.
 */
const scriptBase = new Map<string, string>();

/** The script of cdk.json's `app` command, or why it is not known. */
function appScript(path: string, text: string, ctx: SourceContext): { script?: string; why?: string } {
  let app: unknown;
  try {
    app = (JSON.parse(text) as { app?: unknown }).app;
  } catch {
    return { why: 'cdk.json is not valid JSON' };
  }
  if (typeof app !== 'string') return { why: 'cdk.json has no "app" command' };
  const tree = getBashParser().parse(app);
  const cmds = commandsIn(tree.rootNode);
  if (!cmds.length) return { why: `the app command ${JSON.stringify(app)} runs nothing` };
  const env = { lookup: (name: string) => ({ why: `$${name} is not set` }), standIns: [], home: '/root' };
  const cwd = dirOf(path);
  // `make install && python3 cdk/app.py`: the script is in whichever command of the list runs it.
  const words = cmds.flatMap((c) => c.namedChildren);
  for (const [i, w] of words.entries()) {
    const v = evalWord(w, env);
    // `python3 -m infra.app`: the module's file from the cdk.json folder, which is also sys.path[0].
    const prev = i > 0 ? evalWord(words[i - 1], env) : undefined;
    if (prev && 'value' in prev && prev.value === '-m' && 'value' in v && /^[A-Za-z_][\w.]*$/.test(v.value)) {
      const stem = joinRel(cwd, v.value.replace(/\./g, '/'));
      const found = stem === null ? undefined : [`${stem}.py`, `${stem}/__main__.py`].find((c) => ctx.exists(c) && !ctx.isDir(c));
      if (!found) return { why: `the app module ${v.value} (python -m) is not in the checked folder` };
      scriptBase.set(found, cwd);
      return { script: found };
    }
    if (!('value' in v) || !SCRIPT_RE.test(v.value)) continue;
    const p = joinRel(cwd, v.value);
    if (p === null) return { why: `the app script ${v.value} is outside the checked folder` };
    // `node bin/app.js` of a compiled app: its source is bin/app.ts.
    const candidates = [p, p.replace(/\.(js|mjs|cjs)$/, '.ts')];
    const found = candidates.find((c) => ctx.exists(c) && !ctx.isDir(c));
    if (!found) {
      // cdk runs the command in cdk.json's folder: a path written from the repository's top is not found from there.
      const fromTop = cwd !== '' && [v.value, v.value.replace(/\.(js|mjs|cjs)$/, '.ts')].some((c) => ctx.exists(c) && !ctx.isDir(c));
      return { why: fromTop ? `the app script ${v.value} is not in ${cwd}/, the folder cdk runs the app command from (there is a ${v.value} from the checked folder's top: is cdk run from there, with another cdk.json or --app?)` : `the app script ${p} is not in the checked folder` };
    }
    scriptBase.set(found, dirOf(found));
    return { script: found };
  }
  return { why: `the app command ${JSON.stringify(app)} runs no Python or TypeScript script` };
}

// Each file is parsed once for `wants` and once more never: extract reads it from here. Keyed by text too, so a
// file that changed between runs of a long-lived process is read again.
const parsed = new Map<string, { text: string; file: CdkFile }>();

function readFile(path: string, text: string, base: string): CdkFile {
  const hit = parsed.get(path);
  if (hit && hit.text === text) return hit.file;
  const file = path.endsWith('.py') ? readPythonCdk(path, text, base) : readTypeScriptCdk(path, text);
  if (parsed.size > 500) parsed.clear();
  parsed.set(path, { text, file });
  return file;
}

export function extractCdk(path: string, text: string, ctx: SourceContext): DeployFacts {
  const facts: DeployFacts & { layers: LambdaLayer[] } = { ...emptyFacts(), layers: [] };
  const loc = at(path, { line: 1, column: 1, endLine: 1, endColumn: 1 });
  if (APP_PY.test(path)) {
    // A cdk.json beside it, or one whose app command runs it, names the app (and is read on its own).
    if (ctx.exists(joinRel(dirOf(path), 'cdk.json') ?? 'cdk.json')) return facts;
    for (const c of ctx.files().filter((p) => /(^|\/)cdk\.json$/.test(p))) {
      const t = ctx.text?.(c);
      if (t === undefined || appScript(c, t, ctx).script === path) return facts;
    }
    scriptBase.set(path, dirOf(path));
    (facts.links ??= []).push({ loc, message: `no cdk.json names a CDK app here: ${path} is read as one (it imports aws_cdk and calls synth())` });
  }
  const app = APP_PY.test(path) ? { script: path } : appScript(path, text, ctx);
  if (!app.script) {
    facts.unknowns.push({ loc, what: 'CDK app', why: app.why! });
    return facts;
  }
  const base = scriptBase.get(app.script) ?? dirOf(app.script);
  const scope: CdkScope = { cwd: dirOf(path), ctx, facts };
  const seen = new Set<string>();
  const queue = [app.script];
  while (queue.length && seen.size < MAX_FILES) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const t = ctx.text?.(file);
    if (t === undefined) continue;
    let read: CdkFile;
    try {
      read = readFile(file, t, base);
    } catch (err) {
      facts.problems.push({ loc: at(file, loc), message: `CDK source failed on ${file}: ${err instanceof Error ? err.message : String(err)}` });
      continue;
    }
    for (const c of read.constructs()) interpret(c, scope);
    for (const imp of read.imports) if (!seen.has(imp) && ctx.exists(imp) && !ctx.isDir(imp)) queue.push(imp);
  }
  if (queue.length) facts.unknowns.push({ loc, what: 'CDK app', why: `more than ${MAX_FILES} files: the rest not read` });
  return facts;
}
