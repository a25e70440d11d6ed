/**
 * One process per data directory: DIR/.entente.lock, created exclusively, names the
 * holder. A lock whose process is gone (or whose content is garbage) is stale and taken over.
 */
import { readFile, unlink, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataDirLockedError } from './persistence-errors';

export const LOCK_FILE = '.entente.lock';

/** A held data directory lock. */
export interface DataDirLock {
  /** Removes the lock file, unless another process has since replaced it. */
  release(): Promise<void>;
}

interface LockHolder {
  pid: number;
  hostname: string;
  startedAt: string;
}

/** Takes DIR/.entente.lock; throws DataDirLockedError while another live process holds it. */
export async function acquireDataDirLock(directory: string): Promise<DataDirLock> {
  const resolved = path.resolve(directory);
  const file = path.join(resolved, LOCK_FILE);
  const content = JSON.stringify({ pid: process.pid, hostname: os.hostname(), startedAt: new Date().toISOString() } satisfies LockHolder) + '\n';
  if (!(await tryCreate(file, content))) {
    const holder = await readHolder(file);
    if (holder !== null && isLive(holder)) throw lockedError(file, resolved, holder);
    await unlink(file).catch(ignoreMissing);
    // Another process may be taking over the same stale lock: only one exclusive create wins.
    if (!(await tryCreate(file, content))) throw lockedError(file, resolved, await readHolder(file));
  }
  return {
    async release() {
      const current = await readFile(file, 'utf8').catch(() => null);
      // Compared by whole content, not pid alone: a restarted process may reuse our pid.
      if (current === content) await unlink(file).catch(ignoreMissing);
    },
  };
}

/** Creates the lock file exclusively; false when it already exists. */
async function tryCreate(file: string, content: string): Promise<boolean> {
  try {
    await writeFile(file, content, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** The lock's holder, or null when the file is gone, unreadable or garbage. */
async function readHolder(file: string): Promise<LockHolder | null> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { pid, hostname, startedAt } = parsed as Partial<Record<keyof LockHolder, unknown>>;
  // pid 0 and negative pids would make process.kill signal a process group.
  if (typeof pid !== 'number' || !Number.isSafeInteger(pid) || pid < 1 || typeof hostname !== 'string') return null;
  return { pid, hostname, startedAt: typeof startedAt === 'string' ? startedAt : '' };
}

/** Whether the holder may still be running; a lock from another host cannot be checked, so counts as live. */
function isLive(holder: LockHolder): boolean {
  if (holder.hostname !== os.hostname()) return true;
  // Our own pid here is a leftover of an earlier process that had the same pid (common in containers).
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
  return !isZombie(holder.pid);
}

/** A killed process that its parent has not reaped yet still answers signals; on Linux, /proc tells it apart. */
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The state follows the parenthesised command name, which may itself hold spaces or parentheses.
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  } catch {
    return false;
  }
}

function lockedError(file: string, directory: string, holder: LockHolder | null): DataDirLockedError {
  const foreignHost = holder !== null && holder.hostname !== os.hostname() ? holder.hostname : null;
  return new DataDirLockedError(file, directory, holder?.pid ?? null, foreignHost);
}

function ignoreMissing(error: NodeJS.ErrnoException): void {
  if (error.code !== 'ENOENT') throw error;
}
