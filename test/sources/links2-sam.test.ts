// Topic links2 (#15): symbolic links in a SAM CodeUri (and a CloudFormation Code folder). The build proof runs the
// copy logic the tools run, as read in their source, with /usr/bin/python3: aws-lambda-builders utils.copytree
// with maintain_symlinks=False (python_pip's CopySourceAction: os.path.isdir follows a folder link, shutil.copy2
// a file link), then samcli/lib/package/utils.py make_zip (os.walk(followlinks=True), zf.write; aws-cli's
// `cloudformation package` make_zip is the same loop). The zip is unpacked and Python imports the handler from it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitAll, makeRepo, python, runCli, tempDir, writeTree } from '../helpers.js';

const SAM_BUILD = `
import os, shutil, sys, zipfile

def copytree(source, destination, ignore=None):
    # aws_lambda_builders/utils.py copytree, maintain_symlinks=False
    if not os.path.exists(source):
        return
    if not os.path.exists(destination):
        os.makedirs(destination)
    names = os.listdir(source)
    ignored = ignore(source, names) if ignore is not None else set()
    for name in names:
        if name in ignored:
            continue
        s, d = os.path.join(source, name), os.path.join(destination, name)
        if os.path.isdir(s):
            copytree(s, d, ignore=ignore)
        else:
            shutil.copy2(s, d)

def make_zip(name, root):
    # samcli/lib/package/utils.py make_zip_with_permissions, the zf.write branch
    with zipfile.ZipFile(name, "w", zipfile.ZIP_DEFLATED) as zf:
        for r, _, files in os.walk(root, followlinks=True):
            for f in files:
                full = os.path.join(r, f)
                zf.write(full, os.path.relpath(full, root))

src, work, task, build = sys.argv[1:5]
if build == "1":
    copytree(src, os.path.join(work, "build"), ignore=shutil.ignore_patterns(".aws-sam", ".git", "*.pyc", "__pycache__"))
    src = os.path.join(work, "build")
make_zip(os.path.join(work, "app.zip"), src)
zipfile.ZipFile(os.path.join(work, "app.zip")).extractall(task)
`;

const HANDLER = 'from shared.db import X\n\n\ndef handler(event, context):\n    return X\n';

function template(type: 'sam' | 'cfn'): string {
  const head = type === 'sam' ? ['Transform: AWS::Serverless-2016-10-31'] : [];
  const props =
    type === 'sam'
      ? ['      CodeUri: src/', '      Handler: handler.handler', '      Runtime: python3.12']
      : ['      Code: src/', '      Handler: handler.handler', '      Runtime: python3.12', '      Role: arn:aws:iam::1:role/r'];
  return ["AWSTemplateFormatVersion: '2010-09-09'", ...head, 'Resources:', '  Api:', `    Type: ${type === 'sam' ? 'AWS::Serverless::Function' : 'AWS::Lambda::Function'}`, '    Properties:', ...props, ''].join('\n');
}

/** `links`: src-relative link → target. */
function repo(type: 'sam' | 'cfn', links: Record<string, string>, handlerFile = true): string {
  const dir = makeRepo();
  writeTree({ 'libs/shared/__init__.py': '', 'libs/shared/db.py': 'X = 1\n', 'libs/h.py': HANDLER, ...(handlerFile ? { 'src/handler.py': HANDLER } : {}), 'template.yaml': template(type) }, dir);
  fs.mkdirSync(path.join(dir, 'src'), { recursive: true });
  for (const [l, t] of Object.entries(links)) fs.symlinkSync(t, path.join(dir, 'src', l));
  commitAll(dir);
  return dir;
}

/** The tools' copy and zip for real; whether they succeed, and whether Lambda then imports the handler. */
function samPackage(dir: string, build: boolean): { built: boolean; stderr: string; imports: boolean } {
  const work = tempDir('pc-links2-sam-');
  const task = path.join(work, 'task');
  fs.writeFileSync(path.join(work, 'build.py'), SAM_BUILD);
  const r = spawnSync('/usr/bin/python3', [path.join(work, 'build.py'), path.join(dir, 'src'), work, task, build ? '1' : '0'], { encoding: 'utf8' });
  if (r.status !== 0) return { built: false, stderr: r.stderr, imports: false };
  return { built: true, stderr: '', imports: python('import handler; handler.handler({}, None)', task).code === 0 };
}

describe('SAM and CloudFormation folders follow every link, as sam build and make_zip do', () => {
  it('links2: a folder link that leaves the CodeUri (inside the checkout) is followed: the package works, no finding', () => {
    const dir = repo('sam', { shared: '../libs/shared' });
    expect(samPackage(dir, true)).toMatchObject({ built: true, imports: true });
    const r = runCli([], { cwd: dir });
    expect(r.stdout).toMatch(/No problems found/);
    expect(r.code).toBe(0);
  });

  it('links2: the handler module as a link is followed too', () => {
    const dir = repo('sam', { shared: '../libs/shared', 'handler.py': '../libs/h.py' }, false);
    expect(samPackage(dir, true)).toMatchObject({ built: true, imports: true });
    expect(runCli([], { cwd: dir }).stdout).toMatch(/No problems found/);
  });

  // The twin of the first: the link names nothing, copy2 raises, nothing deploys; said in every output.
  it('links2: a link in the CodeUri that names nothing stops sam build: said, the function not checked there', () => {
    const dir = repo('sam', { shared: '../libs/nothing' });
    const real = samPackage(dir, true);
    expect(real.built).toBe(false);
    expect(real.stderr).toMatch(/FileNotFoundError/);
    const r = runCli([], { cwd: dir });
    expect(r.stdout).toMatch(/template\.yaml:\d+:\d+ {2}function Api not checked: its package does not build: sam build copies src\/shared through its link to \.\.\/libs\/nothing, which names nothing in the checked folder \(FileNotFoundError\), so sam build fails; what it would put at shared is not checked/);
    expect(r.stdout).not.toMatch(/MOD003|HND001/);
  });

  it('links2: aws cloudformation package zips a Code folder the same way: a dangling link stops it', () => {
    const dir = repo('cfn', { shared: '../libs/nothing' });
    const real = samPackage(dir, false);
    expect(real.built).toBe(false);
    expect(real.stderr).toMatch(/FileNotFoundError/);
    expect(runCli([], { cwd: dir }).stdout).toMatch(/function Api not checked: its package does not build: aws cloudformation package copies src\/shared through its link/);
    const ok = repo('cfn', { shared: '../libs/shared' });
    expect(samPackage(ok, false)).toMatchObject({ built: true, imports: true });
    expect(runCli([], { cwd: ok }).stdout).toMatch(/No problems found/);
  });
});
