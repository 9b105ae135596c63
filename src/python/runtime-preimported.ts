// Standard-library modules the Lambda Python runtime has imported before it imports the handler
// module: awslambdaric's bootstrap imports importlib, json, logging, os, sys, time, traceback,
// http.client, decimal and importlib.metadata, and what those import. A module already in
// sys.modules is never looked up on sys.path again, so a local `logging/` or `types.py` under
// /var/task is not what `import logging` or `import types` gets on Lambda, though it is with a plain
// `PYTHONPATH=<root> python3`. Listed from CPython 3.11 (sys.modules after those imports, top-level
// standard-library names only); test/rules/mod004-names2.test.ts proves a case by doing those
// imports first.
const PREIMPORTED = new Set([
  'abc', 'array', 'atexit', 'base64', 'binascii', 'bisect', 'builtins', 'bz2', 'calendar', 'codecs',
  'collections', 'contextlib', 'copyreg', 'csv', 'datetime', 'decimal', 'email', 'encodings', 'enum',
  'errno', 'fnmatch', 'functools', 'genericpath', 'http', 'importlib', 'io', 'ipaddress', 'itertools',
  'json', 'keyword', 'linecache', 'locale', 'logging', 'lzma', 'marshal', 'math', 'ntpath', 'numbers',
  'operator', 'os', 'pathlib', 'posix', 'posixpath', 'quopri', 'random', 're', 'reprlib', 'select',
  'selectors', 'shutil', 'site', 'socket', 'ssl', 'stat', 'string', 'struct', 'sys', 'tempfile',
  'textwrap', 'threading', 'time', 'token', 'tokenize', 'traceback', 'types', 'typing', 'urllib',
  'warnings', 'weakref', 'zipfile', 'zipimport', 'zlib',
]);

/** Is the top-level package of `dotted` one the Lambda runtime imported before the handler? */
export function preimportedByRuntime(dotted: string): boolean {
  const dot = dotted.indexOf('.');
  return PREIMPORTED.has(dot < 0 ? dotted : dotted.slice(0, dot));
}
