// This repository as it is now (tracked and new files), committed in a clone under `work`: what the
// release tests tag. node_modules is linked after the commit and excluded: .gitignore's `node_modules/`
// does not match a symbolic link, and a committed link would let npm install in the tag's clone prune
// the shared node_modules it points at.
import fs from 'node:fs';
import path from 'node:path';
import { REPO, git } from '../helpers.js';

export function cloneThisRepo(work: string): string {
  const clone = path.join(work, 'repo');
  git(work, 'clone', '-q', '--no-hardlinks', REPO, clone);
  const files = git(REPO, 'ls-files', '-z', '-c', '-o', '--exclude-standard').split('\0').filter((f) => f && !f.startsWith('.tmp'));
  for (const f of files) {
    const from = path.join(REPO, f);
    if (!fs.existsSync(from) || fs.lstatSync(from).isSymbolicLink()) continue;
    fs.mkdirSync(path.dirname(path.join(clone, f)), { recursive: true });
    fs.copyFileSync(from, path.join(clone, f));
  }
  git(clone, 'add', '-A');
  git(clone, '-c', 'core.hooksPath=/dev/null', 'commit', '-q', '--allow-empty', '-m', 'snapshot');
  fs.appendFileSync(path.join(clone, '.git', 'info', 'exclude'), '/node_modules\n');
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(clone, 'node_modules'), 'dir');
  return clone;
}
