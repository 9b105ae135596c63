// Every text the user reads lives here, as constants or small functions, so wording stays
// consistent and can be reviewed in one place. Other modules add their own sections.

/** A path the user named that is not what the command needs: one line, exit 2, no usage hint. */
export class PathError extends Error {
  override name = 'PathError';
}

// ---------------------------------------------------------------------------
// Git and snapshots

export const gitMessages = {
  notInstalled: (folder: string) => `git was not found on PATH (needed to read the repository at ${folder})`,
  notARepository: (folder: string) => `${folder} is not inside a git repository (needed for --staged)`,
  noWorkTree: (folder: string) => `${folder} is inside a bare repository or a .git folder: there is no work tree to check`,
  folderMissing: (folder: string) => `folder ${folder} does not exist`,
  commandFailed: (folder: string, command: string, detail: string) =>
    `git ${command} failed in ${folder}: ${detail || 'no message'}`,
  catFileMissing: (folder: string, blob: string) => `git cat-file: object ${blob} is missing from the repository at ${folder}`,
  catFileExited: (folder: string, detail: string) => `git cat-file stopped in ${folder}${detail ? `: ${detail}` : ''}`,
  catFileClosed: (folder: string) => `git cat-file in ${folder} was already closed`,
  badObjectId: (id: string) => `not a git object id: ${JSON.stringify(id)}`,
};

export const snapshotMessages = {
  notAFolder: (folder: string) => `${folder} is not a folder`,
  unreadableFolder: (detail: string) => `folder could not be read: ${detail}`,
  unreadableFile: (detail: string) => `file could not be read: ${detail}`,
  tooLarge: (size: number, max: number) => `file is ${size} bytes, over the ${max} bytes parity-check reads from one file: not read`,
  notRegular: (kind: string) => `not a regular file (${kind}): not read`,
  linkTooLong: (size: number, max: number) => `a symbolic link whose target is ${size.toLocaleString('en-US')} bytes long, past the ${max.toLocaleString('en-US')} bytes a link can hold (Linux's PATH_MAX): git cannot check it out; not followed`,
  unmerged: (stages: string) => `file has unresolved merge conflicts (stages ${stages}); its "ours" version is read`,
  symlinkOutside: (target: string) => `symbolic link to ${JSON.stringify(target)} does not point to a file in the index; skipped`,
  linkOutside: (target: string) =>
    `symbolic link to ${JSON.stringify(target)} points outside the checked folder: what Python finds through it is not checked (imports through it are not judged)`,
  linkMissing: (target: string) =>
    `symbolic link to ${JSON.stringify(target)} points to nothing in the checked folder: what Python finds through it is not checked (imports through it are not judged)`,
  gitIgnoreFailed: (detail: string) => `git could not say which files it ignores (${detail}); .gitignore is not applied, every file is read`,
  linkCycle: (target: string) =>
    `symbolic link to ${JSON.stringify(target)} points to a folder that holds it (a cycle): not followed; imports through it are not judged`,
};

// ---------------------------------------------------------------------------
// Configuration

/** Prefixes a problem with the file it is about: `parity-check.config.json: apps[0].root: ...`. */
export const inFile = (file: string, text: string) => `${file}: ${text}`;
/** A problem at a path inside the config: `apps[0].root: ...`; the root itself has the empty path. */
export const atPath = (path: string, text: string) => (path ? `${path}: ${text}` : text);

export const configMessages = {
  /** The label of a config kept under the "parity-check" key of a package.json. */
  packageJsonLabel: (file: string) => `${file} ("parity-check" key)`,
  invalidJson: (line: number, column: number, detail: string) => `invalid JSON at line ${line}, column ${column}: ${detail}`,
  pyprojectLabel: (file: string) => `${file} [tool.parity-check]`,
  invalidToml: (line: number, column: number, detail: string) => `invalid TOML at line ${line}, column ${column}: ${detail}`,
  invalidYaml: (line: number, column: number, detail: string) => `invalid YAML at line ${line}, column ${column}: ${detail}`,
  yamlAliases: (detail: string) => `invalid YAML: its aliases expand too far (${detail}); write the values out instead of nesting aliases`,
  notFound: (file: string) => `config file ${file} does not exist`,
  unreadable: (file: string, detail: string) => `config file ${file} could not be read: ${detail}`,
  notUtf8: 'the file is not valid UTF-8 text',

  // zod issues, converted
  expectedFound: (expected: string, found: string) => `expected ${expected}, found ${found}`,
  missing: (expected: string) => `missing (expected ${expected})`,
  unknownKey: (key: string, suggestion?: string) =>
    `unknown key ${JSON.stringify(key)}${suggestion ? ` (did you mean ${JSON.stringify(suggestion)}?)` : ''}`,
  emptyString: 'must not be empty',
  tooFewEntries: (min: number) => `expected at least ${min} ${min === 1 ? 'entry' : 'entries'}`,
  tooShort: (min: number) => `expected at least ${min} characters`,
  oneOf: (values: string[], found: string) => `expected one of ${values.join(', ')}, found ${found}`,
  badFormat: (what: string, found: string) => `expected ${what}, found ${found}`,
  unknownRuleCode: (key: string, near: string[]) =>
    `${JSON.stringify(key)} is not a rule code${near.length ? `; did you mean ${near.map((c) => JSON.stringify(c)).join(', ')}?` : ''} (see "parity-check rules")`,
  badKey: (key: string, detail: string) => `key ${JSON.stringify(key)}: ${detail}`,
  reasonRequired: 'a reason is required: say why the difference is intentional',
  invalid: 'invalid value',

  // extends
  extendsNotFound: (spec: string) =>
    `cannot find ${JSON.stringify(spec)}: no such file, and no installed package of that name with a parity-check.config.json or a "parity-check" key in its package.json`,
  extendsPackageWithoutConfig: (spec: string) =>
    `package ${JSON.stringify(spec)} has no parity-check.config.json and no "parity-check" key in its package.json`,
  extendsFileMissing: (file: string) => `file ${JSON.stringify(file)} does not exist`,
  extendsOutside: (file: string, real: string) =>
    `${JSON.stringify(file)} is ${JSON.stringify(real)}, outside the repository: a config file the repository names is read only inside it (name a shared config outside with --config); not read`,
  extendsCycle: (chain: string[]) => `extends makes a cycle: ${chain.join(' → ')}`,

  // checks once the shape is right
  rootMissing: (folder: string) => `folder ${JSON.stringify(folder)} does not exist`,
  rootOutside: (folder: string, abs?: string, base?: string) =>
    `folder ${JSON.stringify(folder)} is outside the checked folder${abs && base ? ` (it is ${abs}; the checked folder is ${base}, and roots are relative to the config file's folder)` : ''}`,
  entrypointMissing: (file: string) => `file ${JSON.stringify(file)} does not exist`,
  entrypointNotFollowed: (file: string) => `file ${JSON.stringify(file)} is a symbolic link outside the checked folder, to nothing, or round a cycle: it is not read`,
  duplicateAppName: (name: string, first: string) => `duplicate app name ${JSON.stringify(name)} (also used by ${first})`,

  /** The message of a ConfigError: the problems, one a line. */
  errorSummary: (problems: string[]) =>
    problems.length === 1 ? `invalid configuration: ${problems[0]}` : `invalid configuration (${problems.length} problems):\n  ${problems.join('\n  ')}`,
};

// ---------------------------------------------------------------------------
// The command line

export const usage = () => `Usage: parity-check [check] [PATH] [options]
       parity-check explain CODE
       parity-check rules
       parity-check --staged [FOLDER] [FILE...]
       parity-check init [PATH] [--dry-run]
       parity-check baseline [PATH]
       parity-check verify [PATH] [--python PYTHON] [--function NAME] [--timeout SECONDS] [--invoke]
       parity-check triage [LOG|-] [--path PATH]
       parity-check package [PATH] [--function NAME] [--format pretty|json]

Checks that every entry point of a Python web app (main.py, lazy_app.py, handler.py) imports,
registers and loads the same things, resolved the way Python will under the deploy root.
package prints what each Lambda function's package will hold (/var/task and /opt), and whether its
handler or app resolves there.

Options:
  -f, --format FORMAT      pretty (default), json, sarif or github (the default on GitHub Actions)
  -c, --config FILE        use this config file instead of discovering one
      --staged             check the git index (what the commit will contain), not the work tree;
                           only the apps the staged changes can affect (FILEs named are added to
                           git's list of staged changes); without FOLDER, the whole repository
      --no-cache           neither read nor write the cache (<git dir>/parity-check/)
      --dry-run            with init: print the changes as a diff, write nothing
      --fix                apply the fixes that are certain (atomic writes; with --staged, only
                           to files with no unstaged changes, which are then re-staged)
      --fix-dry-run        print the fixes as a unified diff, write nothing
      --prune-baseline     drop fixed entries from parity-check-baseline.json
      --strict-suppressions  report suppressions without a rule code
      --timing             print where the time went, per phase and per rule
      --select CODES       report only these rules: codes or prefixes, comma-separated (MOD,PAR001)
      --ignore CODES       do not report these rules (codes or prefixes)
  -q, --quiet              report errors only
      --exit-zero          exit 0 even when errors are found (2 still means usage, config or internal error)
      --max-warnings N     exit 1 when there are more than N warnings
  -o, --output-file FILE   write the report to FILE instead of standard output
      --output-format FMT  the same as --format (ruff's name)
      --color, --no-color  colour the pretty format or not (default: on a terminal; FORCE_COLOR and
                           a non-empty NO_COLOR are honoured)
      --debug              print a stack trace for internal errors
      --python PYTHON      with verify: the interpreter that imports the app (default: config
                           verify.python, else .venv or venv at PATH, else python3); verify runs
                           the app's code, check never does
      --function NAME      with verify: only this app or Lambda function; with package: only
                           this Lambda function
      --timeout SECONDS    with verify: how long each entry point may take to import (default:
                           config verify.timeout, else 10)
      --invoke             with verify: also send the Lambda app one GET request per lazily loaded
                           router (ASGI, in the probe: no network) and report a 5xx (VER007)
      --path PATH          with triage: the repository the log's function was deployed from (default .)
      --verbose            list deploy values that are not known (!Sub with parameters, shell
                           variables) and the Lambda functions that are therefore not checked
  -h, --help               show this help
  -v, --version            show the version

Exit status: 0 no errors, 1 errors found (or more warnings than --max-warnings), 2 usage, config,
git or internal error, or no app found to check.
`;

export const unknownOption = (given: string, near: string | undefined) => `unknown option ${given}${near ? `; did you mean ${near}?` : ''}`;
export const optionNeedsValue = (option: string) => `option ${option} needs a value`;
export const unknownCommand = (word: string, near: string) => `${JSON.stringify(word)} is neither a folder nor a command; did you mean "parity-check ${near}"?`;
export const noSuchFolder = (p: string) => `${p} does not exist: name the folder to check`;
export const notAFolder = (p: string) => `${p} is a file, not a folder: name the folder to check (to check one commit's files, use --staged)`;
export const badMaxWarnings = (v: string) => `--max-warnings takes a whole number, not ${JSON.stringify(v)}`;
export const twoFormats = (a: string, b: string) => `--format ${a} and --output-format ${b} disagree: give one`;
export const unknownSelector = (s: string, near: string[]) => `unknown rule code or prefix ${JSON.stringify(s)}${near.length ? `; did you mean ${near.join(', ')}?` : ''} (see "parity-check rules")`;
export const tooManyWarnings = (count: number, max: number) => `parity-check: ${count} warning${count === 1 ? '' : 's'}, more than --max-warnings ${max} allows\n`;
export const cannotWriteOutput = (file: string, why: string) => `cannot write the report to ${file} (${why})`;
export const noAppsInScope = (scope: string) => `parity-check: no app of that config lies in ${scope}/ or holds it\n`;
export const configFromAbove = (file: string, scope: string) => `parity-check: using ${file} (the nearest config above); checking the apps of ${scope}/\n`;
export const noAppsIsError = () => 'parity-check: nothing was checked, so this is not a pass (exit 2)\n';
export const usageError = (detail: string) => `parity-check: ${detail}\nRun "parity-check --help" for usage.\n`;
export const explainUsage = () => 'explain takes one rule code, e.g. "parity-check explain MOD001"';
export const unknownRule = (code: string, known: string[]) => `unknown rule ${JSON.stringify(code)}; known rules: ${known.join(', ')}`;
export const tooManyPaths = (paths: string[]) => `one folder to check, got ${paths.length}: ${paths.join(' ')}`;
export const badFormat = (format: string, known: readonly string[]) =>
  `unknown format ${JSON.stringify(format)}; use one of ${known.join(', ')}`;
export const discoveredApp = (root: string, entrypoints: string[], assumedRoot?: boolean) =>
  `parity-check: no config; discovered an app at ${root} with entry points ${entrypoints.join(', ')}\n` +
  (assumedRoot
    ? `parity-check: ${root}'s root is assumed: no deploy file names its Lambda handler, so ${root} is taken as Lambda's /var/task (the app file's folder, or the one its handler's import of it resolves from); name the root in parity-check.config.json if the package is built otherwise\n`
    : '');
export const noApps = (base: string) =>
  `parity-check: no app to check in ${base}: no config lists one, and no folder has two or more files that create a FastAPI/Starlette app. Run "parity-check init" or add parity-check.config.json.\n`;
export const checkedSummary = (apps: number, files: number) => `${apps} app${apps === 1 ? '' : 's'}, ${files} file${files === 1 ? '' : 's'} checked`;
export const configErrors = (problems: string[]) => `parity-check: ${configMessages.errorSummary(problems)}\n`;
export const internalError = (error: unknown) => {
  const text = error instanceof Error ? error.message : String(error);
  return `parity-check: internal error: ${text.split('\n')[0]} (run with --debug for details)\n`;
};
/** --verbose, when the WebAssembly build of tree-sitter parses (src/tree-sitter/backend.ts). */
export const wasmParser = (nativeError: string | undefined) =>
  nativeError === undefined
    ? 'parity-check: parsing with the WebAssembly build of tree-sitter (PARITY_CHECK_PARSER=wasm)\n'
    : `parity-check: parsing with the WebAssembly build of tree-sitter: the native binding does not load (${nativeError})\n`;
export const gitFailure = (detail: string) => `parity-check: ${detail.split('\n')[0]}\n`;
export const snapshotProblem = (path: string, detail: string) => `parity-check: ${path}: ${detail}\n`;

// ---------------------------------------------------------------------------
// The commit gate (--staged) and init

/** After the findings, when --staged finds errors: what, where, how to get past it. */
export const commitBlocked = (errors: number, files: number) =>
  `parity-check: commit blocked: ${errors} error${errors === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}. Fix them, or in an emergency commit with git commit --no-verify.\n`;
export const dryRunOnlyInit = () => '--dry-run only applies to "parity-check init"';

export const triageMessages = {
  oneLog: (logs: string[]) => `triage reads one log (a file, or - for stdin), got ${logs.length}: ${logs.join(' ')}`,
  noLog: (log: string) => `${log} is not a file to read a log from`,
  format: (format: string) => `triage prints pretty or json, not ${JSON.stringify(format)}`,
  notALog: (log: string, why: string) => `${log === '-' ? 'standard input' : log}: ${why}`,
};

export const verifyMessages = {
  notAFolder: (folder: string) => `${folder} is not a folder`,
  format: (format: string) => `verify prints pretty or json, not ${JSON.stringify(format)}`,
  timeout: (value: string) => `--timeout takes the seconds each entry point may take to import, not ${JSON.stringify(value)}`,
  noPython: (tried: string[]) =>
    `verify needs the project's Python interpreter and none would start (tried ${tried.join(', ')}): pass --python PATH, or run verify where the app's requirements are installed`,
};

export const initMessages = {
  notAFolder: (folder: string) => `${folder} is not a folder`,
  badPackageJson: (file: string) => `${file} is not valid JSON; fix it and run parity-check init again`,
  configExists: (file: string) => `parity-check init: config already in ${file}; left as it is.\n`,
  noAppsFound: () =>
    'parity-check init: no app found (a folder with two or more files that create a FastAPI/Starlette app); write parity-check.config.json by hand (see the README).\n',
  // Not the registry form: parity-check is not published yet (README, Install).
  notADependency: () => 'parity-check init: parity-check is not in package.json; add it: npm install --save-dev ./parity-check-<version>.tgz (see the README, Install)\n',
  activateHusky: () => 'parity-check init: husky is installed but not active here; run: npx husky\n',
  preCommitPresent: () => 'parity-check init: .pre-commit-config.yaml already runs parity-check.\n',
  preCommitSnippet: (entry: string) =>
    `parity-check init: no package.json here; with the pre-commit framework (https://pre-commit.com), add to .pre-commit-config.yaml:\n\nrepos:\n${entry}\nThen run: pre-commit install\n`,
  nothingToChange: () => 'parity-check init: nothing to change; already set up.\n',
  nothingWritten: () => 'parity-check init: nothing written; not set up yet: what is left to do is below.\n',
  dryRun: (n: number) => `parity-check init: --dry-run: ${n} file${n === 1 ? '' : 's'} would change; nothing written.\n`,
  wrote: (file: string, created: boolean) => `parity-check init: ${created ? 'created' : 'updated'} ${file}\n`,
  runInstall: () => 'parity-check init: husky was added to devDependencies; run: npm install   (installs it and activates the hook)\n',
};

/** init next to another hook manager, and in a Python-only repository (src/init-hooks.ts). */
export const initHookMessages = {
  preCommitPresent: () => 'parity-check init: .pre-commit-config.yaml already runs parity-check.\n',
  preCommitInstall: () =>
    'parity-check init: the pre-commit framework runs the hooks here: parity-check was added to .pre-commit-config.yaml, and husky was not added (it would take over core.hooksPath). If not done yet, run: pre-commit install\n',
  preCommitByHand: (file: string, entry: string) =>
    `parity-check init: ${file} has no block list under repos: to append to; add this item to its repos: list by hand:\n\n${entry}\n`,
  /** No URL known and no parity-check on PATH (src/init-precommit.ts): nothing written; `file` exists or is to be created. */
  preCommitNotWritten: (file: string, exists: boolean, repoEntry: string, localEntry: string) =>
    `parity-check init: ${exists ? `${file} left as it is` : `no package.json here, and no hook written`}: a hook written now could not run. pre-commit installs parity-check from its git repository, whose URL this version does not know, and no parity-check is installed on PATH. Either add this item to the repos: list of ${file}, with the URL of the git copy of parity-check you install from in place of the capitals (the rev is a tag npm run release makes; a local path works too):

${repoEntry}
or install parity-check on PATH for everyone who commits here (npm install -g ./parity-check-<version>.tgz) and run parity-check init again, which then adds:

${localEntry}
Then run: pre-commit install
`,
  /** The hook written is a `repo: local` one running the parity-check on PATH. */
  preCommitOnPath: (command: string) =>
    `parity-check init: the hook runs the parity-check on PATH (${command}): everyone who commits here needs it installed (npm install -g ./parity-check-<version>.tgz); without it pre-commit fails with "Executable \`parity-check\` not found".\n`,
  foreignHooksPath: (hooksPath: string) =>
    `parity-check init: git's core.hooksPath is ${hooksPath} (another hook manager); left as it is, husky not added. Add this line to ${hooksPath}/pre-commit:\n\n  npx --no-install parity-check --staged\n\n`,
};

// ---------------------------------------------------------------------------
// Deploy definitions (src/deploy): --verbose lines and what Lambda says

export const deployMessages = {
  /** --verbose: a value of a deploy file that is not a literal. */
  unknown: (at: string, what: string, why: string) => `parity-check: ${at}: ${what} is not known (${why})\n`,
  /** --verbose: a function that is not checked at all. */
  notChecked: (at: string, name: string, why: string) => `parity-check: ${at}: function ${name} is not checked: ${why}\n`,
  /** --verbose: a function of another language (or a custom runtime that starts no Python): nothing Python to check. */
  notPython: (at: string, name: string, why: string) => `parity-check: ${at}: function ${name} is not checked as Python: ${why}\n`,
  /** The config entry that states what the deploy definition does not (config `functions`). */
  functionFix: (name: string, key: 'packageRoot' | 'handler' | 'app' | 'layers') =>
    `state it in the config: "functions": [{ "name": ${JSON.stringify(name)}, ${JSON.stringify(key)}: ${key === 'packageRoot' ? '"<folder that becomes /var/task>"' : key === 'handler' ? '"module.function"' : key === 'app' ? '"module:app"' : '["<layer folder>"]'} }]`,
  /** An image stage Lambda cannot start (no Lambda base image, runtime interface client or Web Adapter): the fix is the image, not a stated handler. */
  cannotStartFix: (lambdaStage: string | undefined, via: string | undefined) =>
    lambdaStage
      ? `build the stage that is a Lambda image: ${via ? `${via} ` : ''}--target ${lambdaStage}`
      : 'base the stage on a Lambda Python image (public.ecr.aws/lambda/python), or add the runtime interface client (awslambdaric) or the Lambda Web Adapter',
  /** The config entry for a function that may not be Python at all (its runtime is not known). */
  functionNotPython: (name: string) =>
    `if it is not a Python function, say so in the config: "functions": [{ "name": ${JSON.stringify(name)}, "check": false }]; if it is, state its handler: "handler": "module.function"`,
  /** NotChecked.why of a function whose package is only partly known: no package error is claimed for it (its Python is still checked). */
  partial: (steps: string[]) =>
    `its package is only partly known (${steps.join(', ')} could not be simulated), so HND001, LPK001 and LPK003 are not applied to it; its Python is checked`,
  /** A function whose image build fails at a step (a COPY of a file not in the build context): NotChecked.why. */
  buildFails: (why: string, dest: string | undefined) =>
    `its image does not build: ${why}, so docker build fails on this COPY (unless a step not read makes it); ${dest === undefined ? 'HND001, LPK001 and LPK003 are not applied to it' : `what it would put at ${dest} is not checked, the rest of the package is`}`,
  buildFailsFix: 'add the file to the build context, or correct the COPY source',
  /** A packaging tool other than docker build stops on a step (`sam build` copying a link that names nothing). */
  packageFails: (by: string, why: string, dest: string | undefined) =>
    `its package does not build: ${why}, so ${by} fails; ${dest === undefined ? 'HND001, LPK001 and LPK003 are not applied to it' : `what it would put at ${dest} is not checked, the rest of the package is`}`,
  packageFailsFix: 'make the link name a file or folder of the checkout (or remove it)',
  /** NotChecked.name of a deploy definition that was not read at all: the functions it defines are not seen. */
  unreadDefinition: (what: string, file: string) => `defined by the ${what} ${file}`,
  unreadDefinitionWhy: (why: string) => `${why}; any Lambda function it defines is not seen, so none of it is checked`,
  unreadDefinitionFix: 'make the definition readable, or list its apps in parity-check.config.json',
  /** --verbose: how two definitions were joined (a zip matched by its literal parts, a folder read as a step builds it). */
  linked: (at: string, message: string) => `parity-check: ${at}: ${message}\n`,
  /** --verbose: a discovered app inside a folder that a build step writes: its sources are checked where they are. */
  builtApp: (root: string, by: string) =>
    `parity-check: ${root} is a build output (${by} writes it): not an app of its own; its sources are checked where the steps copy them from\n`,
  /** --verbose: a discovered app checked from the root a deploy definition imports one of its files from. */
  reRootedApp: (root: string, to: string, entry: string, by: string) =>
    `parity-check: the app discovered at ${root || '.'} is checked from ${to || '.'}: the package ${by} makes holds ${entry} at its path from there\n`,
  /** --verbose: a deploy file that could not be read as its format. */
  problem: (at: string, message: string) => `parity-check: ${at}: ${message}\n`,
  /** How messages name the root of a simulated package. */
  packageLabel: (name: string, file: string, roots?: string[]) =>
    `the package of ${name} as ${file} builds it: ${
      !roots ? "Lambda's /var/task" : roots.length > 1 ? `${roots[0]}, then ${roots.slice(1).join(', ')} from ENV PYTHONPATH` : `the working directory ${roots[0]}`
    }`,
  /** A root label when the start-up puts a package folder before /var/task on sys.path (serverless-wsgi `app/handler.app`). */
  firstPathLabel: (label: string, first: string, server: string) => `${label}, after /var/task/${first}, which ${server} puts first on sys.path`,
  // What the Python runtime (awslambdaric bootstrap._get_handler) logs.
  malformedHandler: (handler: string) =>
    `Runtime.MalformedHandlerName: Bad handler '${handler}': not enough values to unpack (expected 2, got 1)`,
  importModuleError: (moduleText: string, detail: string) => `Runtime.ImportModuleError: Unable to import module '${moduleText}': ${detail}`,
  handlerNotFound: (func: string, moduleText: string) => `Runtime.HandlerNotFound: Handler '${func}' missing on module '${moduleText}'`,
};

// ---------------------------------------------------------------------------
// Adoption: fixes, baseline, timing (issue 6)

export const fixMessages = {
  fixed: (findings: number, files: number) => `parity-check: fixed ${findings} problem${findings === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}\n`,
  wouldFix: (findings: number, files: number) => `parity-check: --fix would fix ${findings} problem${findings === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'} (nothing written)\n`,
  notApplied: (file: string, line: number, code: string, why: string) => `parity-check: not fixed: ${file}:${line} ${code}: ${why}\n`,
  nothingToFix: 'parity-check: nothing to fix automatically\n',
  unwritable: (why: string) => `parity-check: ${why}\n`,
};

export const baselineMessages = {
  fileName: 'parity-check-baseline.json',
  wrote: (file: string, entries: number) => `parity-check: wrote ${file} with ${entries} finding${entries === 1 ? '' : 's'}; later runs report only new ones\n`,
  baselined: (count: number, file: string) => `parity-check: ${count} finding${count === 1 ? '' : 's'} known in ${file} not shown\n`,
  fixedEntries: (count: number, file: string) =>
    `parity-check: ${count} ${file} entr${count === 1 ? 'y is' : 'ies are'} fixed and can be dropped: run with --prune-baseline\n`,
  pruned: (count: number, file: string) => `parity-check: dropped ${count} fixed entr${count === 1 ? 'y' : 'ies'} from ${file}\n`,
  invalid: (file: string, detail: string) => `${file}: ${detail}`,
};

export const timingMessages = {
  header: `parity-check: where the time went (wall; CPU, user + system)`,
  line: (what: string, ms: number, cpu?: number) => `  ${what.padEnd(28)}${ms.toFixed(1).padStart(9)} ms${cpu === undefined ? '' : `${cpu.toFixed(1).padStart(9)} ms CPU`}\n`,
  pipeline: (cache: string) =>
    cache === 'none' || cache === 'refused' ? `load the pipeline (compile cache ${cache}: written after the run)` : `load the pipeline (compile cache ${cache})`,
  before: 'node start-up, command line, git',
  after: 'filter, baseline, report',
  other: 'between the phases',
  total: 'total, process start to this report',
  progress: (apps: number, files: number) => `parity-check: ${apps} app${apps === 1 ? '' : 's'}, ${files} files parsed…`,
};

// ---------------------------------------------------------------------------
// Lambda functions not checked (#14 point 4): every format names them

export const notCheckedMessages = {
  header: (name: string, why: string) => `function ${name} not checked: ${why}`,
  count: (n: number) => `${n} Lambda function${n === 1 ? '' : 's'} not checked`,
  /** Pretty summary when nothing was found in what was checked. */
  noProblems: (count: string) => `No problems found in what was checked; ${count}`,
  /** GitHub: not-checked functions past the notice limit, printed as log lines. */
  inLogOnly: (n: number) => `${n} more Lambda function${n === 1 ? '' : 's'} not checked ${n === 1 ? 'is' : 'are'} in this step's log, not annotated`,
  sarifNotification: 'A Lambda function whose package, runtime or start-up is not known: it was not checked.',
};

// ---------------------------------------------------------------------------
// Config `functions` (#14): what the deploy definitions cannot tell of a Lambda function

export const functionConfigMessages = {
  duplicate: (name: string, first: string) => `duplicate function name ${JSON.stringify(name)} (also used by ${first})`,
  badHandler: (handler: string) => `handler ${JSON.stringify(handler)} is not "module.function" (Lambda splits it at the last dot)`,
  /** A suggested entry made to name one function of several of that name. */
  withFile: (fix: string, name: string, file: string) =>
    fix.replace(`{ "name": ${JSON.stringify(name)},`, `{ "name": ${JSON.stringify(name)}, "file": ${JSON.stringify(file)},`),
  badApp: (app: string) => `app ${JSON.stringify(app)} is not "module:app" (what uvicorn or gunicorn loads)`,
  /** SUP002 at the entry's name: it matches no function of the deploy definitions. */
  unused: (name: string, suggestion: string) =>
    `unused functions entry "${name}": no Lambda function of the deploy definitions is named so, so the entry changes nothing${suggestion}`,
};

// ---------------------------------------------------------------------------
// parity-check package (#14 point 5)

export const packageMessages = {
  format: (format: string) => `package prints pretty or json, not ${JSON.stringify(format)}`,
  unknownFunction: (name: string, known: string[]) =>
    known.length ? `no Lambda function named ${JSON.stringify(name)}; the deploy definitions name: ${known.join(', ')}` : `no Lambda function named ${JSON.stringify(name)}: the deploy definitions name none`,
  noFunctions: (base: string) =>
    `parity-check: no Lambda function in ${base}: no SAM/CloudFormation template, serverless file, Terraform, Dockerfile or workflow defines one`,
  functionHeader: (name: string, source: string, packageType: string) => `function ${name}  ${source}, ${packageType}`,
  notKnown: (why: string) => `not known${why ? ` (${why})` : ''}`,
  notStated: 'not stated',
  resolves: (file: string) => `✔ resolves in the package (${file})`,
  doesNotResolve: (why: string) => `✖ does not resolve in the package: ${why}`,
  cannotTell: (why: string) => `? cannot tell: ${why}`,
  treeSummary: (how: string, files: number, codeRoot?: string) =>
    `${how === 'code-root' ? `the folder ${codeRoot || '.'}` : 'simulated'}, ${files} file${files === 1 ? '' : 's'}`,
  notSimulated: 'not simulated (the package may hold more or less):',
  notChecked: (why: string) => `not checked: ${why}`,
};

/** Why --fix leaves a file alone (src/fix/run-fixes.ts): the finding stays, with this reason. */
export const fixRefusals = {
  unparsable: (file: string) =>
    `${file} does not parse (a syntax error or a NUL byte): Python will not import it, and an edit there could rewrite the wrong text; fix the syntax, then --fix`,
  outside: (file: string, real: string) => `${file} is a link to ${real}, outside the checked folder: --fix never writes there`,
  readOnly: (file: string, mode: number) => `${file} is read-only (mode ${mode.toString(8).padStart(4, '0')}): not written; make it writable to fix it`,
  notWritable: (file: string, mode: number) =>
    `${file} is not writable by this user (mode ${mode.toString(8).padStart(4, '0')}): not written; run as its owner or make it writable to fix it`,
  folderNotWritable: (file: string, dir: string, code: string) =>
    `cannot fix ${file}: its folder ${dir || '.'} is not writable by this user (${code}); nothing was written`,
  writeFailed: (file: string, code: string) => `cannot fix ${file}: writing it failed (${code}); the file is as it was`,
};
