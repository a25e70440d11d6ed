import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { acquireDataDirLock, LOCK_FILE } from '../../src/store/json/persistence/lock';
import { DataDirLockedError } from '../../src/store/json/persistence/persistence-errors';

let directory: string;
let lockFile: string;
const children: ChildProcess[] = [];

beforeEach(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'entente-lock-'));
  lockFile = path.join(directory, LOCK_FILE);
});

afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
  }
  await rm(directory, { recursive: true, force: true });
});

/** A child process that stays alive until the test ends. */
async function liveProcess(): Promise<number> {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  children.push(child);
  await once(child, 'spawn');
  return child.pid!;
}

/** The pid of a child process that has already exited. */
async function deadProcess(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await once(child, 'exit');
  return child.pid!;
}

const writeLock = (holder: object) => writeFile(lockFile, JSON.stringify(holder));
const readLock = async () => JSON.parse(await readFile(lockFile, 'utf8')) as unknown;
const ourLock = { pid: process.pid, hostname: os.hostname(), startedAt: expect.any(String) };

describe('acquiring', () => {
  it('creates the lock file naming this process', async () => {
    const lock = await acquireDataDirLock(directory);
    expect(await readLock()).toEqual(ourLock);
    await lock.release();
  });

  it('refuses a directory held by a live process, naming its pid', async () => {
    const pid = await liveProcess();
    await writeLock({ pid, hostname: os.hostname(), startedAt: '2024-05-01T12:00:00.000Z' });

    const acquiring = acquireDataDirLock(directory);
    await expect(acquiring).rejects.toThrow(DataDirLockedError);
    await expect(acquiring).rejects.toMatchObject({
      name: 'DataDirLockedError',
      file: lockFile,
      pid,
      message: `another Entente process (pid ${pid}) is using DATA_DIR ${directory}; stop it first, or point DATA_DIR elsewhere (lock file ${lockFile})`,
    });
    expect(await readLock()).toEqual({ pid, hostname: os.hostname(), startedAt: '2024-05-01T12:00:00.000Z' });
  });

  it('refuses a lock from another host, whose process cannot be checked', async () => {
    await writeLock({ pid: 4242, hostname: 'elsewhere.example', startedAt: '2024-05-01T12:00:00.000Z' });

    await expect(acquireDataDirLock(directory)).rejects.toMatchObject({
      name: 'DataDirLockedError',
      message: `another Entente process (pid 4242 on host elsewhere.example) is using DATA_DIR ${directory}; stop it first, or point DATA_DIR elsewhere (lock file ${lockFile})`,
    });
  });

  it('takes over a lock whose process has exited', async () => {
    await writeLock({ pid: await deadProcess(), hostname: os.hostname(), startedAt: '2024-05-01T12:00:00.000Z' });

    const lock = await acquireDataDirLock(directory);
    expect(await readLock()).toEqual(ourLock);
    await lock.release();
  });

  it('takes over a lock whose process was killed but not yet reaped (a zombie)', async () => {
    // The shell starts a short sleep in the background and execs into a long one, which never
    // reaps it: when the short sleep ends, it stays a zombie.
    const parent = spawn('sh', ['-c', 'sleep 0.2 & echo $!; exec sleep 30'], { stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      const [chunk] = (await once(parent.stdout!, 'data')) as [Buffer];
      const zombie = Number(chunk.toString().trim());
      const state = async () => (await readFile(`/proc/${zombie}/stat`, 'utf8')).replace(/^.*\) (\S).*$/s, '$1');
      for (let i = 0; i < 50 && (await state()) !== 'Z'; i++) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await state()).toBe('Z');
      await writeLock({ pid: zombie, hostname: os.hostname(), startedAt: '2024-05-01T12:00:00.000Z' });

      const lock = await acquireDataDirLock(directory);
      expect(await readLock()).toEqual(ourLock);
      await lock.release();
    } finally {
      parent.kill('SIGKILL');
    }
  });

  it('takes over a leftover lock naming this pid, as after a container restart', async () => {
    await writeLock({ pid: process.pid, hostname: os.hostname(), startedAt: '2024-05-01T12:00:00.000Z' });

    const lock = await acquireDataDirLock(directory);
    expect(await readLock()).toEqual(ourLock);
    expect(await readLock()).not.toEqual({ pid: process.pid, hostname: os.hostname(), startedAt: '2024-05-01T12:00:00.000Z' });
    await lock.release();
  });

  it.each([
    ['garbage text', 'not json at all'],
    ['an empty file', ''],
    ['a lock without a pid', '{"hostname": "x"}'],
    ['a pid of 0', JSON.stringify({ pid: 0, hostname: os.hostname() })],
  ])('takes over %s', async (_, content) => {
    await writeFile(lockFile, content);

    const lock = await acquireDataDirLock(directory);
    expect(await readLock()).toEqual(ourLock);
    await lock.release();
  });
});

describe('releasing', () => {
  it('removes the lock file, so the directory can be locked again', async () => {
    const lock = await acquireDataDirLock(directory);
    await lock.release();
    await expect(readFile(lockFile)).rejects.toMatchObject({ code: 'ENOENT' });
    await (await acquireDataDirLock(directory)).release();
  });

  it('leaves alone a lock that another process has since replaced', async () => {
    const lock = await acquireDataDirLock(directory);
    const pid = await liveProcess();
    await writeLock({ pid, hostname: os.hostname(), startedAt: '2024-05-01T12:00:00.000Z' });

    await lock.release();
    expect(await readLock()).toEqual({ pid, hostname: os.hostname(), startedAt: '2024-05-01T12:00:00.000Z' });
  });

  it('is harmless when called twice', async () => {
    const lock = await acquireDataDirLock(directory);
    await lock.release();
    await lock.release();
    await expect(readFile(lockFile)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
