/**
 * The file operations the persistence layer writes through: one seam, so that every write
 * step of the journal, the snapshot and the source texts can be made to fail (ENOSPC, a
 * short write) by the fault suite (tests/faults/). Production uses node:fs as is.
 */
import { mkdir, open, rename, unlink } from 'node:fs/promises';

/** The calls made on an open file when writing it. */
export interface WritableFile {
  /** As FileHandle.write: may write fewer bytes than asked (a full disk does), so callers use `writeAll`. */
  write(buffer: Uint8Array, offset: number, length: number, position: number | null): Promise<{ bytesWritten: number }>;
  sync(): Promise<void>;
  datasync(): Promise<void>;
  truncate(length: number): Promise<void>;
  stat(): Promise<{ size: number }>;
  close(): Promise<void>;
}

/** The directory-level calls of the persistence layer's writes. */
export interface FileSystem {
  open(file: string, flags: 'a' | 'ax' | 'wx' | 'r'): Promise<WritableFile>;
  rename(from: string, to: string): Promise<void>;
  unlink(file: string): Promise<void>;
  mkdir(directory: string, options: { recursive: true }): Promise<unknown>;
}

/** node:fs, as production uses it. */
export const nodeFileSystem: FileSystem = { open: (file, flags) => open(file, flags), rename, unlink, mkdir };

/**
 * Writes all of `bytes` at the file's current position, continuing after short writes; a
 * write that makes no progress is a full disk (ENOSPC) even when the OS did not say so.
 */
export async function writeAll(file: WritableFile, bytes: Uint8Array, name: string): Promise<void> {
  for (let offset = 0; offset < bytes.length; ) {
    const { bytesWritten } = await file.write(bytes, offset, bytes.length - offset, null);
    if (bytesWritten <= 0) throw Object.assign(new Error(`ENOSPC: no space left on device, write ${name} (wrote ${offset} of ${bytes.length} bytes)`), { code: 'ENOSPC' });
    offset += bytesWritten;
  }
}

/** Whether a file operation failed for lack of space (a full disk or a quota). */
export function isDiskFull(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}
