/**
 * The repro on a real full disk: the built server on a data directory on a 3 MiB
 * tmpfs. Writes until the disk is full are refused with STORAGE_FULL (HTTP 503) and one log
 * line, reads go on, writes resume once space is freed, and a SIGTERM whose compaction
 * runs out of space installs no truncated file: the next start has every acknowledged
 * write. Mounting needs root (CI runs as root); elsewhere the suite is skipped with a notice.
 */
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readdir, rm, rmdir, writeFile } from 'node:fs/promises';
import { statfsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { killServerProcesses, postGraphQL, startServerProcess, type ServerProcess } from '../helpers/server-process';
import { SHIPPED_DATA_DIR } from '../helpers/temp-data-dir';

const TOKEN = 'change-me';
const CREATE_TOPIC = 'mutation CreateTopic($input: CreateTopicInput!) { createTopic(input: $input) { topic { slug } } }';
const COUNT_TOPICS = 'query CountTopics { topics(first: 1) { totalCount } }';
const topicInput = (n: number) => ({ name: `Disk topic ${n}`, aliases: Array.from({ length: 20 }, (_, i) => `alias ${n}.${i} `.padEnd(160, 'x')) });

/** Mounts a 3 MiB tmpfs on a fresh directory; null (and a notice) where mounting is not permitted. */
async function mountSmallTmpfs(): Promise<string | null> {
  const mountPoint = await mkdtemp(path.join(os.tmpdir(), 'entente-tmpfs-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', mountPoint], { encoding: 'utf8' });
  if (mounted.status === 0) return mountPoint;
  await rmdir(mountPoint);
  console.warn(`skipped: the full-disk process test needs to mount a tmpfs (as root, as on CI): ${(mounted.stderr || mounted.error?.message || '').trim()}`);
  return null;
}

let mountPoint: string | null = null;
let server: ServerProcess | null = null;

beforeAll(async () => {
  mountPoint = await mountSmallTmpfs();
});

afterAll(async () => {
  await killServerProcesses();
  if (mountPoint !== null) {
    spawnSync('umount', [mountPoint]);
    await rm(mountPoint, { recursive: true, force: true });
  }
});

it('a full disk refuses writes with STORAGE_FULL, loses nothing acknowledged, and never installs a truncated file', async () => {
  if (mountPoint === null) return;
  const dataDir = path.join(mountPoint, 'data');
  await cp(SHIPPED_DATA_DIR, dataDir, { recursive: true });
  const env = { API_TOKENS: TOKEN };
  server = await startServerProcess({ dataDir, env });
  const write = (n: number) => postGraphQL(server!.url, CREATE_TOPIC, { input: topicInput(n) }, { token: TOKEN });
  const before = (await server.query<{ topics: { totalCount: number } }>(COUNT_TOPICS)).data!.topics.totalCount;

  // 450 acknowledged writes (about 1.6 MB of journal: over half the disk).
  for (let n = 1; n <= 450; n++) expect((await write(n)).body.errors).toBeUndefined();

  // Fill the rest of the disk: writes are refused with their own code and 503; reads go on.
  const filler = path.join(mountPoint, 'filler');
  const { bavail, bsize } = statfsSync(mountPoint);
  await writeFile(filler, Buffer.alloc(bavail * bsize)).catch(() => undefined);
  for (let n = 1000; n < 1003; n++) {
    const refused = await write(n);
    expect(refused.status).toBe(503);
    expect(refused.body).toEqual({
      data: { createTopic: null },
      errors: [expect.objectContaining({ path: ['createTopic'], extensions: { code: 'STORAGE_FULL' } })],
    });
  }
  expect((await server.query(COUNT_TOPICS)).data).toEqual({ topics: { totalCount: before + 450 } });
  for (const deadline = Date.now() + 5000; !server.stdout.includes('disk full') && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 20));
  const logged = server.stdout.split('\n').filter((line) => line.includes('disk full'));
  expect(logged).toHaveLength(1);
  expect(server.stdout).not.toContain('INTERNAL_SERVER_ERROR');
  expect(server.stdout).not.toContain('unexpected error');

  // Space comes back: writes resume by themselves.
  await rm(filler);
  expect((await write(451)).body.errors).toBeUndefined();
  // The log line travels through the child's stdout pipe: it may arrive after the answer.
  for (const deadline = Date.now() + 5000; !server.stdout.includes('writes resumed') && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 20));
  expect(server.stdout).toContain('writes resumed');

  // SIGTERM compacts: topics.json (~1.6 MB) does not fit next to the journal. The compaction
  // fails, is logged once, and installs nothing; the shutdown still completes.
  expect(await server.kill('SIGTERM')).toEqual({ code: 0, signal: null });
  expect(server.stdout.split('\n').filter((line) => line.includes('compaction failed'))).toHaveLength(1);
  expect((await readdir(dataDir)).filter((file) => file.includes('.tmp-'))).toEqual([]);

  server = await startServerProcess({ dataDir, env });
  expect((await server.query(COUNT_TOPICS)).data).toEqual({ topics: { totalCount: before + 451 } });
  await server.kill('SIGTERM');
}, 120_000);
