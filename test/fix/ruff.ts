// The ruff binary that judges import placement (`ruff check --select I --isolated`, isort's rules):
// on PATH, or unpacked from the ruff wheel this machine keeps on disk into a temporary folder
// (nothing installed). Undefined when neither exists.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { tempDir, writeTree } from '../helpers.js';

/** First-party packages as files, so ruff's own first-party detection agrees with the tests' sections. */
export const RUFF_PROJECT = { 'api/__init__.py': '', 'api/routes.py': '', 'api/middleware.py': '', 'core/__init__.py': '', 'core/settings.py': '', 'core/middleware.py': '' };

export function findRuff(): string | undefined {
  const onPath = spawnSync('ruff', ['--version'], { encoding: 'utf8' });
  if (onPath.status === 0) return 'ruff';
  const wheels = fs.existsSync('/opt/pypi/files') ? fs.readdirSync('/opt/pypi/files').filter((f) => /^ruff-.*\.whl$/.test(f)) : [];
  if (!wheels.length) return undefined;
  const dir = tempDir('pc-ruff-');
  const unzip = spawnSync('unzip', ['-q', '-o', path.join('/opt/pypi/files', wheels[0]), '*/scripts/ruff', '-d', dir], { encoding: 'utf8' });
  if (unzip.status !== 0) return undefined;
  const data = fs.readdirSync(dir).find((d) => d.endsWith('.data'));
  return data ? path.join(dir, data, 'scripts', 'ruff') : undefined;
}

/** 'sorted' when ruff's isort rules accept `text` as lazy_app.py in RUFF_PROJECT (plus `extra` files), else what ruff says. */
export function ruffSays(ruff: string, text: string, extra: Record<string, string> = {}): string {
  const dir = writeTree({ ...RUFF_PROJECT, ...extra, 'lazy_app.py': text });
  const r = spawnSync(ruff, ['check', '--isolated', '--no-cache', '--select', 'I', 'lazy_app.py'], { cwd: dir, encoding: 'utf8' });
  return r.status === 0 ? 'sorted' : r.stdout + r.stderr;
}
