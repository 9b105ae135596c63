// The one module of reporters/filter/fix that touches the file system; only the CLI calls it.
// Writes a file so that a crash or a concurrent reader never sees half of it: a temp file in the same
// folder (same file system, so rename is atomic), fsync, the original mode, then rename over the original.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

export async function writeFileAtomic(absPath: string, data: string | Buffer): Promise<void> {
  // Write through a symlink to its target rather than replacing the link with a file.
  let target = absPath;
  let mode: number | undefined;
  try {
    target = await fs.realpath(absPath);
    mode = (await fs.stat(target)).mode & 0o7777;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }

  const dir = path.dirname(target);
  const tmp = path.join(dir, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await fs.open(tmp, 'wx', mode ?? 0o666);
  try {
    try {
      await handle.writeFile(data);
      // open()'s mode is filtered by the umask; set the original mode exactly.
      if (mode !== undefined) await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(tmp, target);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }

  // Make the rename itself durable; not every platform lets a directory be opened for fsync.
  try {
    const d = await fs.open(dir, 'r');
    try {
      await d.sync();
    } finally {
      await d.close();
    }
  } catch {
    /* best effort */
  }
}
