/**
 * Files replaced atomically: written to a temp file, fsynced, checked to hold every byte
 * meant for it, and renamed over the old one, so a crash or a full disk leaves either the
 * old file or the complete new one, never a mix or a truncated file; the directory fsync
 * makes the rename itself survive a crash.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { nodeFileSystem, writeAll, type FileSystem } from './file-system';

/** Writes `content` to DIR/name via a temp file, fsync, rename and a directory fsync. */
export async function writeFileAtomic(directory: string, name: string, content: string, files: FileSystem = nodeFileSystem): Promise<void> {
  await replaceFileWith(directory, name, (put) => put(Buffer.from(content, 'utf8')), files);
  await syncDirectory(directory, files);
}

/** Fsyncs a directory so renames and creations in it survive a crash. */
export async function syncDirectory(directory: string, files: FileSystem = nodeFileSystem): Promise<void> {
  let handle;
  try {
    handle = await files.open(directory, 'r');
    await handle.sync();
  } catch (error) {
    // Some platforms refuse to open or fsync a directory; there the rename is as durable as it gets.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EINVAL') throw error;
  } finally {
    await handle?.close();
  }
}

/**
 * Writes DIR/name from the bytes `produce` puts (each put written whole, short writes
 * continued) into a temp file, fsyncs it, checks that its size is the sum of the puts, and
 * only then renames it over DIR/name; the temp file is removed on failure. Without the
 * directory fsync (callers batch that).
 */
export async function replaceFileWith(
  directory: string,
  name: string,
  produce: (put: (bytes: Uint8Array) => Promise<void>) => Promise<void>,
  files: FileSystem = nodeFileSystem,
): Promise<void> {
  if (path.basename(name) !== name) throw new RangeError(`expected a plain file name in ${directory}, got ${JSON.stringify(name)}`);
  const temp = path.join(directory, `.${name}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
  try {
    const handle = await files.open(temp, 'wx');
    try {
      let expected = 0;
      await produce(async (bytes) => {
        await writeAll(handle, bytes, temp);
        expected += bytes.length;
      });
      await handle.sync();
      // The rename is what installs the file: never over bytes that did not all reach it.
      const { size } = await handle.stat();
      if (size !== expected) throw Object.assign(new Error(`${temp}: holds ${size} bytes after writing ${expected}; not installed as ${name}`), { code: 'EIO' });
    } finally {
      await handle.close();
    }
    await files.rename(temp, path.join(directory, name));
  } catch (error) {
    await files.unlink(temp).catch(() => undefined);
    throw error;
  }
}
