// #20 item 2: what depends only on the tree's path list (deploy-file candidates, the repository's
// top-level names, its dependency files) is kept beside the facts pack by a SHA-256 of the list (src/cache/path-memo.ts).
// A file added anywhere changes the list, so a kept answer never outlives it: in the work tree and
// with --staged, a new file that makes an import local, a new dependency file and a new deploy definition change the
// findings after the memo was written. Real git repositories, the built CLI, Python's verdict.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { git, makeRepo, commitAll, python, runCli, tempDir, writeTree } from '../helpers.js';

const MAIN = 'from fastapi import FastAPI\nimport helpers\n\napp = FastAPI()\n\n\ndef handler(event, context):\n    return {}\n';
const CONFIG = JSON.stringify({ apps: [{ name: 'svc', root: 'src', entrypoints: ['main.py'] }] });
const template = (handler: string) =>
  `AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src/\n      Handler: ${handler}\n      Runtime: python3.12\n`;

/** Rule and line of each finding (--timing: never answered from the run cache). */
const findings = (dir: string, cache: string, staged: boolean) => {
  const r = runCli([dir, '--format', 'json', '--timing', ...(staged ? ['--staged'] : [])], { env: { PARITY_CHECK_CACHE_DIR: cache }, cwd: dir });
  return (JSON.parse(r.stdout).findings as { ruleId: string; file: string; line: number }[]).map((f) => `${f.ruleId} ${f.file}:${f.line}`);
};

describe('path memo: kept by the path list, never past a change of it', () => {
  for (const staged of [false, true]) {
    it(`${staged ? '--staged' : 'work tree'}: a new file elsewhere makes the import local; a new template is read`, () => {
      const dir = makeRepo();
      writeTree({ 'src/main.py': MAIN, 'parity-check.config.json': CONFIG }, dir);
      commitAll(dir);
      // --staged checks the apps a staged change can affect: main.py edited and staged.
      if (staged) {
        fs.appendFileSync(path.join(dir, 'src/main.py'), '# edited\n');
        git(dir, 'add', 'src/main.py');
      }
      const cache = tempDir('pc-cache-');
      const memo = path.join(cache, 'paths-v1.json');
      // `helpers` is no file of the repository: a dependency parity-check cannot see, not a finding.
      expect(findings(dir, cache, staged)).toEqual([]);
      expect(fs.existsSync(memo)).toBe(true);
      const kept = fs.readFileSync(memo, 'utf8');
      expect(findings(dir, cache, staged)).toEqual([]);
      expect(fs.readFileSync(memo, 'utf8')).toBe(kept); // same list: answered, not written again

      // tools/helpers.py makes `helpers` the repository's own module, not under the root src/.
      writeTree({ 'tools/helpers.py': 'X = 1\n' }, dir);
      if (staged) git(dir, 'add', 'tools/helpers.py');
      const py = python('import main', path.join(dir, 'src'));
      expect([py.code, py.stderr]).toEqual([1, expect.stringContaining("No module named 'helpers'")]);
      expect(findings(dir, cache, staged)).toEqual(['MOD003 src/main.py:2']);

      // A SAM template added after the memo was written: its handler names no function of main.py.
      fs.writeFileSync(path.join(dir, 'template.yaml'), template('main.handlr'));
      if (staged) git(dir, 'add', 'template.yaml');
      const bad = python('import main; main.handlr', path.join(dir, 'src'));
      expect(bad.code).toBe(1);
      expect(findings(dir, cache, staged)).toContain('HND001 template.yaml:8');
      // Its fixed twin, same paths (the memo answers): no HND001.
      fs.writeFileSync(path.join(dir, 'template.yaml'), template('main.handler'));
      if (staged) git(dir, 'add', 'template.yaml');
      expect(python('import main; main.handler', path.join(dir, 'src')).code).toBe(1); // helpers still missing
      expect(findings(dir, cache, staged).filter((f) => f.startsWith('HND001'))).toEqual([]);

      // tools/helpers.py deleted: a dependency again; added back: the repository's own again.
      fs.rmSync(path.join(dir, 'tools/helpers.py'));
      if (staged) git(dir, 'rm', '-q', '--cached', 'tools/helpers.py');
      expect(findings(dir, cache, staged).filter((f) => f.startsWith('MOD003'))).toEqual([]);
      writeTree({ 'tools/helpers.py': 'X = 1\n' }, dir);
      if (staged) git(dir, 'add', 'tools/helpers.py');
      expect(findings(dir, cache, staged).filter((f) => f.startsWith('MOD003'))).toEqual(['MOD003 src/main.py:2']);

      // requirements.txt added: `helpers` is a declared dependency, installed into the package; removed: not.
      fs.writeFileSync(path.join(dir, 'requirements.txt'), 'helpers==1.0\n');
      if (staged) git(dir, 'add', 'requirements.txt');
      expect(findings(dir, cache, staged).filter((f) => f.startsWith('MOD003'))).toEqual([]);
      fs.rmSync(path.join(dir, 'requirements.txt'));
      if (staged) git(dir, 'rm', '-q', '--cached', 'requirements.txt');
      expect(findings(dir, cache, staged).filter((f) => f.startsWith('MOD003'))).toEqual(['MOD003 src/main.py:2']);

      // And the answer is the memo's: an entry rewritten under the same key is what the run uses
      // (its top-level names without `helpers`, so the import reads as a dependency again).
      const entry = JSON.parse(fs.readFileSync(memo, 'utf8')) as { key: string; topLevelNames: string[] };
      expect(entry.topLevelNames).toContain('helpers');
      fs.writeFileSync(memo, JSON.stringify({ ...entry, topLevelNames: entry.topLevelNames.filter((n) => n !== 'helpers') }));
      expect(findings(dir, cache, staged).filter((f) => f.startsWith('MOD003'))).toEqual([]);
      // A damaged entry (not a list of strings) is computed again, never believed nor a crash.
      fs.writeFileSync(memo, JSON.stringify({ ...entry, topLevelNames: [1, null], deployCandidates: 'template.yaml' }));
      expect(findings(dir, cache, staged).filter((f) => f.startsWith('MOD003'))).toEqual(['MOD003 src/main.py:2']);
    });
  }
});
