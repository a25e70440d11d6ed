/**
 * A full disk as a client sees it, through the real server and HTTP stack over a JSON
 * store whose file system reports ENOSPC (no root needed, unlike full-disk-process.test.ts).
 */
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { readConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { createServer, type EntenteServer } from '../../src/server';
import { JsonStore } from '../../src/store/json/json-store';
import { postGraphQL } from '../helpers/server-process';
import { createTempDataDir, removeTempDataDir } from '../helpers/temp-data-dir';
import { FaultyFileSystem } from './faulty-file-system';

const TOKEN = 'change-me';
const CREATE_TOPIC = 'mutation CreateTopic($input: CreateTopicInput!) { createTopic(input: $input) { topic { slug } } }';
const TOPIC = 'query Topic($slug: String!) { topic(slug: $slug) { slug } }';

let dataDir: string;
let store: JsonStore;
let server: EntenteServer;
let url: string;
const fs = new FaultyFileSystem();
const storageEvents: (string | null)[] = [];

beforeAll(async () => {
  dataDir = await createTempDataDir();
  const config = readConfig({ LOG_LEVEL: 'silent', DATA_DIR: dataDir, API_TOKENS: TOKEN });
  store = await JsonStore.open(dataDir, { fileSystem: fs });
  store.onStorageFull = (error) => storageEvents.push(error && error.name);
  server = await createServer(store, config, createLogger(config));
  await new Promise<void>((resolve) => server.httpServer.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}/graphql`;
});

afterAll(async () => {
  await server.stop();
  await store.close();
  await removeTempDataDir(dataDir);
});

const create = (slug: string) => postGraphQL(url, CREATE_TOPIC, { input: { slug, name: `Topic ${slug}` } }, { token: TOKEN });
const read = async (slug: string) => (await postGraphQL(url, TOPIC, { slug })).body;

it('refuses a write with STORAGE_FULL and HTTP 503 while the disk is full, reads go on, and writes resume when space is back', async () => {
  expect((await create('before-full')).body).toEqual({ data: { createTopic: { topic: { slug: 'before-full' } } } });

  fs.fill();
  for (const slug of ['refused-1', 'refused-2']) {
    const refused = await create(slug);
    expect(refused.status).toBe(503);
    expect(refused.body).toEqual({
      data: { createTopic: null },
      errors: [
        {
          message: 'The server has no space left to record this write; nothing was changed. Retry later: writes resume once space is freed.',
          locations: [{ line: 1, column: 51 }],
          path: ['createTopic'],
          extensions: { code: 'STORAGE_FULL' },
        },
      ],
    });
  }
  expect(await read('before-full')).toEqual({ data: { topic: { slug: 'before-full' } } });
  expect(await read('refused-1')).toEqual({ data: { topic: null } });

  fs.free();
  expect((await create('after-full')).body).toEqual({ data: { createTopic: { topic: { slug: 'after-full' } } } });
  expect(await read('after-full')).toEqual({ data: { topic: { slug: 'after-full' } } });
  // Reported once when writes started failing and once when they worked again, not per refused write.
  expect(storageEvents).toEqual(['NoSpaceLeftError', null]);
});
