// --staged with deploy files that are not known by name: a template found by its content, a CDK stack. A staged
// change to one of them affects the functions it defines, which live in other folders: they must be checked.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { commitAll, copyTree, git, makeRepo, runJson } from '../helpers.js';

const APPS = fileURLToPath(new URL('../fixtures/deploy-apps/', import.meta.url));
const pick = (f: { ruleId: string; file: string; line: number }) => `${f.file}:${f.line} ${f.ruleId}`;

function repoOf(name: string): string {
  const dir = makeRepo(copyTree(path.join(APPS, name)));
  commitAll(dir, 'fixed twin');
  return dir;
}

describe('--staged and deploy files found by content', () => {
  it('a staged change to sam/api.yaml (no template by name) checks the function it breaks', () => {
    const dir = repoOf('sam-byname-fixed');
    const file = path.join(dir, 'sam/api.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('Handler: api.handler', 'Handler: src.api.handler'));
    git(dir, 'add', 'sam/api.yaml');
    const r = runJson([dir, '--staged', '--no-cache']);
    expect(r.findings.map(pick)).toEqual(['sam/api.yaml:10 HND001']);
    expect(r.code).toBe(1);
  });

  it('a staged change to a CDK stack file checks the function it breaks', () => {
    const dir = repoOf('cdk-py-fixed');
    const file = path.join(dir, 'stacks/orders_stack.py');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('handler="orders.lambda_handler"', 'handler="orders.handler"'));
    git(dir, 'add', 'stacks/orders_stack.py');
    const r = runJson([dir, '--staged', '--no-cache']);
    expect(r.findings.map(pick)).toEqual(['stacks/orders_stack.py:17 HND001']);
  });

  it('a staged change to a YAML file that is no template leaves the functions alone', () => {
    const dir = repoOf('sam-byname-fixed');
    fs.writeFileSync(path.join(dir, 'config/settings.yaml'), 'log_level: debug\n');
    git(dir, 'add', 'config/settings.yaml');
    const r = runJson([dir, '--staged', '--no-cache']);
    expect(r.findings).toEqual([]);
    expect(r.code).toBe(0);
  });
});
