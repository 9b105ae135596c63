import { execFileSync } from 'node:child_process';
import { REPO } from './helpers.js';

export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO, stdio: 'inherit' });
}
