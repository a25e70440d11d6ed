/**
 * Files replaced atomically: written to a temp file, fsynced and renamed over the old one,
 * so a crash leaves either the old file or the new one, never a mix; the directory fsync
 * makes the rename itself survive a crash.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

/** Writes `content` to DIR/name via a temp file, fsync, rename and a directory fsync. */
export async function writeFileAtomic(directory: string, name: string, content: string): Promise<void> {
  await replaceFile(directory, name, content);
  await syncDirectory(directory);
}

/** Fsyncs a directory so renames and creations in it survive a crash. */
export async function syncDirectory(directory: string): Promise<void> {
  let handle;
  try {
    handle = await open(directory, 'r');
    await handle.sync();
  } catch (error) {
    // Some platforms refuse to open or fsync a directory; there the rename is as durable as it gets.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EINVAL') throw error;
  } finally {
    await handle?.close();
  }
}

/** Temp file + fsync + rename, without the directory fsync (callers batch that). */
async function replaceFile(directory: string, name: string, content: string): Promise<void> {
  await replaceFileWith(directory, name, (handle) => handle.writeFile(content, 'utf8'));
}

/** Writes DIR/name through `write` into a temp file, then fsync and rename; the temp file is removed on failure. */
export async function replaceFileWith(directory: string, name: string, write: (handle: FileHandle) => Promise<void>): Promise<void> {
  if (path.basename(name) !== name) throw new RangeError(`expected a plain file name in ${directory}, got ${JSON.stringify(name)}`);
  const temp = path.join(directory, `.${name}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
  try {
    const handle = await open(temp, 'wx');
    try {
      await write(handle);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path.join(directory, name));
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}
