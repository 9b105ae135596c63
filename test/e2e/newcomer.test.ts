// newcomer topic (#18 point 1): every link the tool prints exists for the user who runs it. The
// project has no public repository yet, so no web address of its own is printed anywhere: SARIF
// rules carry their docs inline (what GitHub code scanning shows), `explain` prints the page, the
// pages ship in the package (package.json files), init writes no $schema URL, the schema has no $id,
// package.json has no repository/homepage/bugs. scripts/release.mjs --repository URL turns them on
// (test/e2e/release.test.ts).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BROKEN_LAZY, FIXED, SRC } from '../gate/gate-helpers.js';
import { REPO, commitAll, copyTree, makeRepo, runCli, writeTree } from '../helpers.js';
import { REPOSITORY_URL } from '../../src/links.js';

/** Addresses in a text other than the SARIF schema's and those inside rule docs' example code. */
function ownAddresses(text: string): string[] {
  return [...text.matchAll(/https?:\/\/[^\s"'`)\\]+/g)].map((m) => m[0]).filter((u) => !u.startsWith('https://docs.oasis-open.org/') && !/example\.(com|org)/.test(u));
}

describe('newcomer: no invented address', () => {
  it('newcomer-links-none: package.json, the schema and src/links.ts name no repository, together', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    expect(REPOSITORY_URL).toBeUndefined();
    for (const field of ['repository', 'homepage', 'bugs']) expect(pkg[field]).toBeUndefined();
    expect(pkg.files).toContain('docs');
    expect(fs.existsSync(path.join(REPO, 'docs', 'rules', 'MOD001.md'))).toBe(true);
    const schema = JSON.parse(fs.readFileSync(path.join(REPO, 'config', 'parity-check.schema.json'), 'utf8'));
    expect(schema.$id).toBeUndefined();
  });

  it('newcomer-links-sarif: SARIF of a broken app carries each rule\'s docs and no helpUri or informationUri', () => {
    const dir = copyTree(FIXED, makeRepo());
    writeTree({ [`${SRC}/lazy_app.py`]: BROKEN_LAZY }, dir);
    commitAll(dir);
    const r = runCli(['--format', 'sarif'], { cwd: dir });
    expect(r.code).toBe(1);
    const driver = JSON.parse(r.stdout).runs[0].tool.driver;
    expect(driver.informationUri).toBeUndefined();
    for (const rule of driver.rules as { id: string; helpUri?: string; help?: { text: string; markdown: string } }[]) {
      expect(rule.helpUri, rule.id).toBeUndefined();
      if (!rule.id.startsWith('SUP')) expect(rule.help?.markdown, rule.id).toContain('## How to fix');
    }
    expect(ownAddresses(r.stdout)).toEqual([]);
    // Pretty, GitHub and explain print none either.
    for (const args of [[], ['--format', 'github'], ['explain', 'MOD001'], ['rules']]) expect(ownAddresses(runCli(args, { cwd: dir }).stdout), args.join(' ')).toEqual([]);
  });

  it('newcomer-links-init: init writes no $schema address: only a schema file that exists, or none', () => {
    const dir = copyTree(FIXED, makeRepo());
    fs.writeFileSync(path.join(dir, 'package.json'), '{"name":"app","version":"1.0.0","private":true}\n');
    fs.rmSync(path.join(dir, 'parity-check.config.json'));
    commitAll(dir);
    const r = runCli(['init'], { cwd: dir });
    const written = fs.existsSync(path.join(dir, 'parity-check.config.json')) ? fs.readFileSync(path.join(dir, 'parity-check.config.json'), 'utf8') : '';
    expect(written, r.stdout + r.stderr).toContain('"apps"');
    // A $schema, if any, is a file that exists from the config's folder (the installed package's), never an address.
    const schema = JSON.parse(written).$schema as string | undefined;
    if (schema !== undefined) expect(fs.existsSync(path.resolve(dir, schema)), schema).toBe(true);
    expect(ownAddresses(r.stdout + r.stderr + written)).toEqual([]);
    // Nor a registry install that answers 404 (the package is not published).
    expect(r.stdout + r.stderr).not.toContain('npm install --save-dev parity-check\n');
  });
});
