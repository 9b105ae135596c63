// The WebAssembly fallback, as a user meets it: a real child process where the native binding
// cannot load (a --require preload makes `require('tree-sitter')` and the grammars' native
// modules throw the error a missing GLIBCXX_3.4.31 gives), and the packed package installed with
// `npm install --ignore-scripts`. Each gives the same findings as the native backend.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO, commitAll, copyTree, makeRepo, runCli, tempDir, writeTree } from '../helpers.js';

const GLIBCXX = "/lib/x86_64-linux-gnu/libstdc++.so.6: version `GLIBCXX_3.4.31' not found (required by tree-sitter/prebuilds/linux-x64/tree-sitter.node)";
const NATIVE = ['tree-sitter', 'tree-sitter-python', 'tree-sitter-bash', 'tree-sitter-typescript', '@tree-sitter-grammars/tree-sitter-hcl'];

/** A preload that makes `require` of the named modules throw, as Node does when a .node file cannot be loaded. */
function preload(blocked: string[]): string {
  const dir = writeTree({
    'block.cjs': `const Module = require('node:module');
const blocked = new Set(${JSON.stringify(blocked)});
const load = Module._load;
Module._load = function (request, ...rest) {
  if (blocked.has(request)) throw new Error(${JSON.stringify(GLIBCXX)});
  return load.call(this, request, ...rest);
};
`,
  });
  return path.join(dir, 'block.cjs');
}

let app: string; // examples/incident as a repository of its own
let expected: { code: number; findings: unknown[] };

function check(env: Record<string, string | undefined>, bin?: string) {
  const r = runCli(['--no-cache', '--format', 'json', app], { env, bin });
  let findings: unknown[] = [];
  try {
    findings = (JSON.parse(r.stdout) as { findings: unknown[] }).findings;
  } catch {
    throw new Error(`not JSON (exit ${r.code}): ${r.stdout}\n${r.stderr}`);
  }
  return { code: r.code, findings, stderr: r.stderr };
}

beforeAll(() => {
  app = copyTree(path.join(REPO, 'examples', 'incident'), makeRepo());
  commitAll(app);
  const native = check({ PARITY_CHECK_PARSER: 'native' });
  expected = { code: native.code, findings: native.findings };
  expect(native.code).toBe(1);
  expect(native.findings.length).toBeGreaterThan(3);
});

describe('wasm: the native binding does not load', () => {
  it('falls back to WebAssembly and gives the same findings', () => {
    const r = check({ NODE_OPTIONS: `--require ${preload(NATIVE)}`, PARITY_CHECK_PARSER: undefined });
    expect(r.stderr).toBe('');
    expect({ code: r.code, findings: r.findings }).toEqual(expected);
  });

  it('PARITY_CHECK_PARSER=wasm gives the same findings with the native binding present', () => {
    const r = check({ PARITY_CHECK_PARSER: 'wasm' });
    expect({ code: r.code, findings: r.findings }).toEqual(expected);
    const verbose = runCli(['--no-cache', '--verbose', app], { env: { PARITY_CHECK_PARSER: 'wasm' } });
    expect(verbose.stderr).toMatch(/^parity-check: parsing with the WebAssembly build of tree-sitter \(PARITY_CHECK_PARSER=wasm\)$/m);
  });

  it('PARITY_CHECK_PARSER=native says in one line that the binding does not load (exit 2)', () => {
    const r = runCli(['--no-cache', app], { env: { NODE_OPTIONS: `--require ${preload(NATIVE)}`, PARITY_CHECK_PARSER: 'native' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^parity-check: the native tree-sitter binding does not load \(.*GLIBCXX_3\.4\.31.*\); unset PARITY_CHECK_PARSER to use the WebAssembly build\n$/);
  });

  it('neither backend loads: one line naming both reasons, not an internal error (exit 2)', () => {
    const r = runCli(['--no-cache', app], { env: { NODE_OPTIONS: `--require ${preload([...NATIVE, 'web-tree-sitter'])}`, PARITY_CHECK_PARSER: undefined } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^parity-check: cannot load tree-sitter: the native binding does not load \(.*GLIBCXX.*\) and the WebAssembly build does not load \(.*\)\n$/);
    expect(r.stderr).not.toMatch(/internal error/);
  });

  it('an unknown PARITY_CHECK_PARSER value is a one-line usage message (exit 2)', () => {
    const r = runCli(['--no-cache', app], { env: { PARITY_CHECK_PARSER: 'fast' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('parity-check: PARITY_CHECK_PARSER must be "native", "wasm" or "auto", not "fast"\n');
  });
});

describe('wasm: the packed package installed with --ignore-scripts', () => {
  let bin = '';
  beforeAll(() => {
    const work = tempDir('pc-wasm-install-');
    const tgz = execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', work, '--cache', path.join(work, 'npm-cache')], {
      cwd: REPO,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    })
      .trim()
      .split('\n')
      .pop()!;
    const installed = path.join(work, 'install');
    fs.mkdirSync(installed);
    fs.writeFileSync(path.join(installed, 'package.json'), '{"name":"install","version":"1.0.0","private":true}\n');
    execFileSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', path.join(work, tgz)], { cwd: installed, stdio: 'pipe' });
    bin = path.join(installed, 'node_modules', 'parity-check', 'bin', 'parity-check.cjs');
  }, 240_000);

  it('installs the runtime and the .wasm files it needs, where the installed package resolves them', () => {
    // npm may nest the grammars under node_modules/parity-check/node_modules: resolve as the package does.
    const from = createRequire(bin);
    const wasm = [['web-tree-sitter', 'tree-sitter.wasm'], ['tree-sitter-python', 'tree-sitter-python.wasm'], ['tree-sitter-bash', 'tree-sitter-bash.wasm'], ['@tree-sitter-grammars/tree-sitter-hcl', 'tree-sitter-hcl.wasm'], ['tree-sitter-typescript', 'tree-sitter-typescript.wasm']];
    for (const [pkg, file] of wasm) {
      const at = pkg === 'web-tree-sitter' ? from.resolve(`${pkg}/${file}`) : path.join(path.dirname(from.resolve(`${pkg}/package.json`)), file);
      expect(fs.existsSync(at), at).toBe(true);
    }
  });

  it('runs and gives the same findings, with its native binding or without', () => {
    for (const env of [{ PARITY_CHECK_PARSER: undefined }, { PARITY_CHECK_PARSER: undefined, NODE_OPTIONS: `--require ${preload(NATIVE)}` }]) {
      const r = check(env, bin);
      expect({ code: r.code, findings: r.findings }).toEqual(expected);
    }
    // Which backend ran: --verbose names the WebAssembly one, and why.
    // Without the preload, the installed native binding is used where it loads (its linux-x64 prebuild does here).
    const loads = spawnSync(process.execPath, ['-e', "require('tree-sitter'); require('tree-sitter-python')"], { cwd: path.dirname(bin) }).status === 0;
    const auto = runCli(['--no-cache', '--verbose', app], { bin, env: { PARITY_CHECK_PARSER: undefined } });
    if (loads) expect(auto.stderr).not.toMatch(/WebAssembly/);
    else expect(auto.stderr).toMatch(/the native binding does not load/);
    const fallback = runCli(['--no-cache', '--verbose', app], { bin, env: { PARITY_CHECK_PARSER: undefined, NODE_OPTIONS: `--require ${preload(NATIVE)}` } });
    expect(fallback.stderr).toMatch(/^parity-check: parsing with the WebAssembly build of tree-sitter: the native binding does not load \(.*GLIBCXX_3\.4\.31.*\)$/m);
  });
});
