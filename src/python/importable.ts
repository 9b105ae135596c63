// What CPython's import system takes for an importable file or name, whatever the root: the loader
// suffixes in FileFinder's order, the names an `import` statement can spell, the standard library's
// names and the modules found before any sys.path entry.
import { STDLIB_MODULE_NAMES } from './stdlib-names.js';

const STDLIB = new Set(STDLIB_MODULE_NAMES);

/**
 * Modules the import system finds before any sys.path entry: built into every CPython build
 * (Modules/Setup.bootstrap and the core) or frozen (3.11+). Debian builds in more (`math`,
 * `zlib`, …) but Lambda's python.org-style builds load those from lib-dynload, after the root.
 */
export const UNSHADOWABLE = new Set([
  'builtins', 'sys', 'marshal', '_imp', '_warnings', '_io', '_thread', '_weakref', '_abc', '_codecs',
  '_collections', '_functools', '_locale', '_operator', '_signal', '_sre', '_stat', '_string',
  '_symtable', '_tokenize', '_tracemalloc', '_ast', 'atexit', 'errno', 'faulthandler', 'gc',
  'itertools', 'posix', 'pwd', 'time',
  // frozen
  '_frozen_importlib', '_frozen_importlib_external', 'zipimport', 'abc', 'codecs', 'io',
  '_collections_abc', '_sitebuiltins', 'genericpath', 'ntpath', 'posixpath', 'os', 'site', 'stat',
  'runpy',
]);

/** True for a name of Python's standard library (`sys.stdlib_module_names`, 3.11 plus later additions). A dotted name is judged by its first segment. */
export function isStdlib(topLevel: string): boolean {
  const dot = topLevel.indexOf('.');
  return STDLIB.has(dot < 0 ? topLevel : topLevel.slice(0, dot));
}

// Loader suffixes in FileFinder's order: extensions, source, bytecode. The deployed Python version
// and architecture are not known here, so every CPython 3.x tag for Lambda's two architectures counts.
const EXTENSION_SUFFIXES: string[] = (() => {
  const out: string[] = [];
  for (let minor = 6; minor <= 14; minor++) {
    // `m` (pymalloc) tagged 3.6–3.7 builds; `t` is the free-threaded 3.13+ build. Debug `d` builds do not run on Lambda.
    const abis = minor <= 7 ? ['m', ''] : minor >= 13 ? ['', 't'] : [''];
    for (const abi of abis) {
      for (const arch of ['x86_64', 'aarch64']) out.push(`.cpython-3${minor}${abi}-${arch}-linux-gnu.so`);
    }
  }
  out.push('.abi3.so', '.so');
  return out;
})();

export const SUFFIXES: { suffix: string; ext: boolean }[] = [
  ...EXTENSION_SUFFIXES.map((suffix) => ({ suffix, ext: true })),
  { suffix: '.py', ext: false },
  { suffix: '.pyc', ext: false },
];
export const SOURCE_SUFFIXES = SUFFIXES.filter((s) => !s.ext);

/** A compiled extension module (`x.cpython-311-x86_64-linux-gnu.so`, `x.abi3.so`, `x.so`): Python loads it, it has no source. */
export function isExtensionFile(file: string): boolean {
  return file.endsWith('.so') && EXTENSION_SUFFIXES.some((suffix) => file.endsWith(suffix));
}

const IDENTIFIER = /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*$/u;
const KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def',
  'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is',
  'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
]);
/** Can an `import` statement spell this segment? */
export function isIdentifier(s: string): boolean {
  return IDENTIFIER.test(s) && !KEYWORDS.has(s);
}

/** `x.py` → `x`, `x.cpython-311-x86_64-linux-gnu.so` → `x`; undefined when not an importable file name. */
export function moduleStem(base: string): string | undefined {
  // Almost every file of a Python repository is a .py file: no need to try every extension-module suffix.
  if (base.endsWith('.py')) return base.length > 3 ? base.slice(0, -3) : undefined;
  for (const { suffix } of SUFFIXES) {
    if (base.endsWith(suffix) && base.length > suffix.length) return base.slice(0, -suffix.length);
  }
  return undefined;
}
