// Issue #19 item 10 (last part): brackets nested past CPython's limit. 50,000 nested dicts in a
// router-map value took the readers over two minutes (the query walk alone 170 s of it). CPython's
// tokenizer refuses nesting past 200 (`SyntaxError: too many nested parentheses`, before any line
// runs), so such a file is now a PARSE001 at that bracket after one linear check, its facts not
// walked, and the rest of the app checked. What Python does at import decides the severity: an
// entry point, or a module it imports at start-up, fails the function (error); a module imported
// only inside a function stays a warning. Held: bounded time and heap (harness.ts), the verdicts as
// /usr/bin/python3 gives them, work tree and index unchanged.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { python } from '../helpers.js';
import { exampleApp, hostileCli, hostileRepo, noCrash, SRC, treeHash } from './harness.js';

const nestedDicts = (n: number, leaf: string) => `${'{"a": '.repeat(n)}${leaf}${'}'.repeat(n)}`;

/** What Python says compiling `file` under `root`: "ok", or the SyntaxError's message, line and column. */
function compiled(root: string, file: string): string {
  const probe = 'import sys\ntry:\n    compile(open(sys.argv[1], "rb").read(), sys.argv[1], "exec")\n    print("ok")\nexcept SyntaxError as e:\n    print(f"{e.msg} {e.lineno}:{e.offset}")';
  return python(probe, root, { args: [path.join(root, file)] }).stdout.trim();
}

/** `import <module>` with the package root on sys.path, as Lambda does: "ok" or the exception's class and message. */
function imported(root: string, module: string): string {
  const probe = `try:\n    import ${module}\n    print("ok")\nexcept Exception as e:\n    print(type(e).__name__, e.msg if isinstance(e, SyntaxError) else e)`;
  return python(probe, root).stdout.trim();
}

describe('item 10: brackets nested past Python\'s limit', () => {
  it('Python compiles 200 levels and refuses 201, counting (, [ and { alike, at the 201st bracket', () => {
    const dir = hostileRepo({
      'd200.py': `x = ${nestedDicts(200, '1')}\n`,
      'd201.py': `x = ${nestedDicts(201, '1')}\n`,
      'mixed201.py': `x = ${'([{'.repeat(67)}1${'}])'.repeat(67)}\n`,
      'strings.py': `x = "${'('.repeat(300)}"  # ${'['.repeat(300)}\n`,
    });
    expect(compiled(dir, 'd200.py')).toBe('ok');
    // "x = " is 4 columns, each level 6: the 201st `{` is at column 5 + 200 × 6.
    expect(compiled(dir, 'd201.py')).toBe(`too many nested parentheses 1:${5 + 200 * 6}`);
    expect(compiled(dir, 'mixed201.py')).toBe(`too many nested parentheses 1:${5 + 200}`);
    expect(compiled(dir, 'strings.py')).toBe('ok');
  });

  it('50,000 nested dicts in a router-map value of an entry point: an error at the bracket Python names, the app still checked, in bounded time', () => {
    const files = exampleApp();
    const lazy = `${SRC}/lazy_app.py`;
    files[lazy] = files[lazy].replace('"api.v1.providers"', nestedDicts(50_000, '"api.v1.providers"'));
    const dir = hostileRepo(files);
    const root = path.join(dir, SRC);
    const line = files[lazy].split('\n').findIndex((l) => l.includes('{"a": ')) + 1;
    // The map's own `{` is level 1: the 200th nested dict is the 201st bracket.
    const column = files[lazy].split('\n')[line - 1].indexOf('{"a": ') + 1 + 199 * 6;
    expect(compiled(root, 'lazy_app.py')).toBe(`too many nested parentheses ${line}:${column}`);
    expect(imported(root, 'lazy_app')).toBe('SyntaxError too many nested parentheses');

    const before = treeHash(dir);
    const r = hostileCli(dir, []);
    expect(noCrash(r)).toEqual([]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${lazy}:${line}:${column}  PARSE001  error  too many nested parentheses (Python's limit is 200 levels): this entry point cannot be imported (Python raises SyntaxError on "import lazy_app")`);
    // The other entry points are still read and compared.
    expect(r.stdout).toMatch(/1 app, \d+ files checked/);
    expect(treeHash(dir)).toBe(before);
  });

  it('a module the entry points import at start-up is an error naming the importer; one imported inside a function stays a warning', () => {
    const files = exampleApp();
    const config = `${SRC}/core/config.py`;
    const main = `${SRC}/main.py`;
    files[config] = `${files[config]}\n_DEEP = ${nestedDicts(201, '1')}\n`;
    files[main] = `${files[main]}\n\ndef _later():\n    import deep_data\n    return deep_data.TABLE\n`;
    files[`${SRC}/deep_data.py`] = `TABLE = ${nestedDicts(300, '1')}\n`;
    const dir = hostileRepo(files);
    const root = path.join(dir, SRC);
    expect(imported(root, 'core.config')).toBe('SyntaxError too many nested parentheses');
    expect(imported(root, 'main')).toBe('SyntaxError too many nested parentheses');
    expect(imported(root, 'deep_data')).toBe('SyntaxError too many nested parentheses');

    const r = hostileCli(dir, []);
    expect(noCrash(r)).toEqual([]);
    expect(r.code).toBe(1);
    const configLine = r.stdout.split('\n').find((l) => l.startsWith(`${config}:`) && l.includes('PARSE001'));
    expect(configLine).toMatch(/PARSE001 {2}error {2}too many nested parentheses .*: Python raises SyntaxError when this module is imported, and entry point \S+\.py imports it at start-up/);
    const deepLine = r.stdout.split('\n').find((l) => l.startsWith(`${SRC}/deep_data.py:`) && l.includes('PARSE001'));
    expect(deepLine).toContain(`${SRC}/deep_data.py:1:${9 + 200 * 6}  PARSE001  warning  too many nested parentheses`);
  });

  it('200 levels, just inside the limit, are read as written: no PARSE001 and the app\'s own finding still found', () => {
    // The example's lazy map with the `src.` prefix bug (MOD001), and 50 statements nested 200 deep
    // (linear in their number: 200 of them took 18 s on a loaded machine, 100 half that).
    const files = exampleApp();
    const lazy = `${SRC}/lazy_app.py`;
    files[lazy] = files[lazy].replace('"api.v1.providers"', '"src.api.v1.providers"');
    for (let i = 0; i < 50; i++) files[lazy] += `\n_T${i} = ${nestedDicts(200, String(i))}\n`;
    const dir = hostileRepo(files);
    const root = path.join(dir, SRC);
    expect(compiled(root, 'lazy_app.py')).toBe('ok');
    expect(imported(path.join(dir, SRC), 'api.v1.providers')).toBe('ok');
    expect(imported(path.join(dir, SRC), 'src.api.v1.providers')).toMatch(/^ModuleNotFoundError/);

    const r = hostileCli(dir, []);
    expect(noCrash(r)).toEqual([]);
    expect(r.stdout).not.toContain('PARSE001');
    expect(r.stdout).toMatch(new RegExp(`${lazy}:\\d+:\\d+ {2}MOD001 .*"src\\.api\\.v1\\.providers"`));
    expect(r.code).toBe(1);
  });
});
