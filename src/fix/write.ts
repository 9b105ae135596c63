// The one module of reporters/filter/fix that touches the file system; only the CLI calls it.
// Writes a file so that a crash or a concurrent reader never sees half of it: a temp file in the same
// folder (same file system, so rename is atomic), fsync, the original mode, then rename over the original.
//
// A rename makes a new inode: it would split a hard link (the other names keep the old text) and,
// run as root, give a file of uid 1000 to root (a 0640 file its owner can then no longer read). So a
// file with other links, or one whose owner the temp file cannot be given, is written in place instead,
// after a copy of its bytes is made safe next to it (removed once the new text is on disk; restored
// if the write fails).
import { randomBytes } from 'node:crypto';
import { promises as fs, type Stats } from 'node:fs';
import path from 'node:path';

const tempName = (target: string, suffix: string) =>
  path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.${suffix}`);

export async function writeFileAtomic(absPath: string, data: string | Buffer): Promise<void> {
  // Write through a symlink to its target rather than replacing the link with a file.
  let target = absPath;
  let st: Stats | undefined;
  try {
    target = await fs.realpath(absPath);
    st = await fs.stat(target);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const mode = st ? st.mode & 0o7777 : undefined;
  if (st && st.nlink > 1) return writeInPlace(target, Buffer.from(data));

  const dir = path.dirname(target);
  const tmp = tempName(target, 'tmp');
  const handle = await fs.open(tmp, 'wx', mode ?? 0o666);
  try {
    try {
      await handle.writeFile(data);
      // open()'s mode is filtered by the umask; set the original mode exactly.
      if (mode !== undefined) await handle.chmod(mode);
      if (st && !ownedByUs(st) && !(await giveOwner(handle, st))) {
        await handle.close().catch(() => {});
        await fs.rm(tmp, { force: true });
        return writeInPlace(target, Buffer.from(data));
      }
      await handle.sync();
    } finally {
      await handle.close().catch(() => {});
    }
    await fs.rename(tmp, target);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
  await syncDir(dir);
}

function ownedByUs(st: Stats): boolean {
  return typeof process.getuid !== 'function' || (st.uid === process.getuid() && st.gid === process.getgid!());
}

/** Gives the temp file the original's owner and group; false when this user may not (not root). */
async function giveOwner(handle: fs.FileHandle, st: Stats): Promise<boolean> {
  try {
    await handle.chown(st.uid, st.gid);
    // chown clears the set-user-id and set-group-id bits: put the mode back.
    await handle.chmod(st.mode & 0o7777);
    return true;
  } catch {
    return false;
  }
}

/** Same inode, so owner, group, mode and every hard link stay: the old bytes are copied aside first. */
async function writeInPlace(target: string, data: Buffer): Promise<void> {
  const original = await fs.readFile(target);
  const backup = tempName(target, 'orig');
  await fs.writeFile(backup, original, { flag: 'wx', mode: 0o600 });
  const b = await fs.open(backup, 'r');
  await b.sync().finally(() => b.close());
  const handle = await fs.open(target, 'r+');
  try {
    try {
      await handle.write(data, 0, data.length, 0);
      await handle.truncate(data.length);
      await handle.sync();
    } catch (e) {
      await handle.write(original, 0, original.length, 0).catch(() => {});
      await handle.truncate(original.length).catch(() => {});
      throw e;
    }
  } finally {
    await handle.close();
  }
  await fs.rm(backup, { force: true });
}

/** Makes the rename itself durable; not every platform lets a directory be opened for fsync. */
async function syncDir(dir: string): Promise<void> {
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
