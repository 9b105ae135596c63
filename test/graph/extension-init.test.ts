// eval6, seen on a public Terraform app whose layer vendors a Cython-built pydantic 1.x: a package whose
// `__init__` is a compiled extension (`pkg/__init__.cpython-311-x86_64-linux-gnu.so`, often beside the
// `__init__.py` it was built from). FileFinder takes the extension first, so that is what Python imports; it
// was read as Python source and reported PARSE001 "cannot decode as UTF-8: Python will not import this
// file". Python decides: find_spec's origin is the .so (the correct idiom), and an undecodable __init__.py
// with no extension beside it does fail to import (the warning stays).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/run.js';
import { python, writeTree } from '../helpers.js';

const CONFIG = JSON.stringify({ apps: [{ name: 'app', root: '.', entrypoints: ['handler.py'] }] });
// Not a loadable library: find_spec only looks at names, which is what decides which file Python imports.
const ELF = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0xf8, 0xff, 0x00]);
const SO = '__init__.cpython-311-x86_64-linux-gnu.so';

function app(withExtension: boolean, init: string | Buffer) {
  const dir = writeTree({
    'parity-check.config.json': CONFIG,
    'handler.py': 'from fastcodec import encode\nimport fastcodec.missing\n\n\ndef handler(event, context):\n    return encode(event)\n',
  });
  fs.mkdirSync(path.join(dir, 'fastcodec'));
  fs.writeFileSync(path.join(dir, 'fastcodec/__init__.py'), init);
  if (withExtension) fs.writeFileSync(path.join(dir, 'fastcodec', SO), ELF);
  return dir;
}
async function check(dir: string) {
  const r = await run({ base: dir, staged: false });
  return { found: r.findings.map((f) => `${f.file}:${f.line} ${f.ruleId} ${f.severity}`), verbose: r.verbose };
}

describe('a package whose __init__ is a compiled extension', () => {
  it('is what Python imports: no PARSE001, its names named as not known, a missing submodule still MOD003', async () => {
    const dir = app(true, 'def encode(v):\n    return str(v)\n');
    expect(python('import importlib.util as u; print(u.find_spec("fastcodec").origin.rsplit("/", 2)[-2:])', dir).stdout).toBe(`['fastcodec', '${SO}']\n`);
    expect(python('import fastcodec.missing', dir).stderr).toMatch(/ImportError|ModuleNotFoundError/);
    const { found, verbose } = await check(dir);
    expect(found).toEqual(['handler.py:2 MOD003 error']);
    expect(verbose).toContain(`handler.py:1:1: from fastcodec import encode: fastcodec/${SO} is a compiled extension module (Python loads it, not an __init__.py beside it), so the names it provides are not known statically and MOD004 does not check this import`);
  });

  it('broken twin: an undecodable __init__.py with no extension beside it fails to import, and PARSE001 stays', async () => {
    const dir = app(false, Buffer.from([0x58, 0x20, 0x3d, 0x20, 0x22, 0xf8, 0xff, 0x22, 0x0a]));
    expect(python('import fastcodec', dir).stderr).toContain('SyntaxError');
    const { found } = await check(dir);
    expect(found).toContain('fastcodec/__init__.py:1 PARSE001 warning');
  });
});
