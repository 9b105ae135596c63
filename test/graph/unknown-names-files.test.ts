// files topic: `from mod import name` where mod's names cannot be known statically — mod is a
// sourceless .pyc, or it puts another object in its place (sys.modules[__name__] = obj) — is not
// judged by MOD004, and the run says so in --verbose instead of reading as all clear. Python shows
// why it cannot be judged: the same import works or fails depending on what the bytecode or the
// object holds, which the source does not show.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/run.js';
import { python, writeTree } from '../helpers.js';

const CONFIG = JSON.stringify({ apps: [{ name: 'app', root: '.', entrypoints: ['handler.py'] }] });

const settings = `import os
import sys


class _Settings:
    DATABASE_URL = os.environ.get("DATABASE_URL", "sqlite://")


sys.modules[__name__] = _Settings()
`;

async function verboseOf(dir: string): Promise<{ errors: string[]; verbose: string[] }> {
  const r = await run({ base: dir, staged: false });
  return { errors: r.findings.filter((f) => f.severity === 'error').map((f) => `${f.ruleId} ${f.message}`), verbose: r.verbose };
}

describe('files: names that cannot be known are named', () => {
  it('sys.modules[__name__] = obj: a name obj has and one it lacks read the same statically; both are named, neither is an error', async () => {
    for (const [name, works] of [['DATABASE_URL', true], ['DATABASE_URI', false]] as const) {
      const dir = writeTree({ 'parity-check.config.json': CONFIG, 'settings.py': settings, 'handler.py': `from settings import ${name}\n` });
      const py = python('import handler', dir);
      expect(py.code === 0).toBe(works);
      if (!works) expect(py.stderr).toContain(`cannot import name '${name}' from '<unknown module name>'`);
      const { errors, verbose } = await verboseOf(dir);
      expect(errors).toEqual([]);
      expect(verbose).toEqual([`handler.py:1:1: from settings import ${name}: settings puts another object in its place (sys.modules[__name__] = … at settings.py:9), so the names it provides are not known statically and MOD004 does not check this import`]);
    }
  });

  it('a sourceless fastjson.pyc: its names are in bytecode; the import is named', async () => {
    const dir = writeTree({ 'parity-check.config.json': CONFIG, 'handler.py': 'from fastjson import dumps\n', 'src/fastjson.py': 'def dumps(v):\n    return str(v)\n' });
    // Real bytecode at the root, its source elsewhere (sourceless, as a vendored wheel leaves it).
    const made = python(`import py_compile; py_compile.compile(${JSON.stringify(path.join(dir, 'src/fastjson.py'))}, cfile=${JSON.stringify(path.join(dir, 'fastjson.pyc'))}, doraise=True)`, dir);
    expect(made.code).toBe(0);
    fs.rmSync(path.join(dir, 'src'), { recursive: true });
    expect(python('import handler; print(handler.dumps(1))', dir)).toMatchObject({ code: 0, stdout: '1\n' });
    fs.writeFileSync(path.join(dir, 'handler.py'), 'from fastjson import loads\n');
    expect(python('import handler', dir).stderr).toContain("cannot import name 'loads' from 'fastjson'");
    const { errors, verbose } = await verboseOf(dir);
    expect(errors).toEqual([]);
    expect(verbose).toEqual(['handler.py:1:1: from fastjson import loads: fastjson.pyc is sourceless bytecode (no fastjson.py beside it), so the names it provides are not known statically and MOD004 does not check this import']);
  });

  it('a module that keeps its names gives no such line (and MOD004 judges it)', async () => {
    const dir = writeTree({ 'parity-check.config.json': CONFIG, 'settings.py': 'DATABASE_URL = "x"\n', 'handler.py': 'from settings import DATABASE_URI\n' });
    expect(python('import handler', dir).stderr).toContain("cannot import name 'DATABASE_URI'");
    const { errors, verbose } = await verboseOf(dir);
    expect(errors.map((e) => e.split(' ')[0])).toEqual(['MOD004']);
    expect(verbose).toEqual([]);
  });
});
