/**
 * The repro through the built server: three acknowledged writes, one byte of the
 * last journal line flipped, restart. The server refuses to start, naming the error, the
 * line and the repair command, and leaves the journal as it was; after `journal:repair`
 * it starts with the first two writes.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { killServerProcesses, runServerUntilExit, startServerProcess } from '../helpers/server-process';
import { ROOT, runScript } from '../helpers/run-script';
import { createTempDataDir, removeTempDataDir } from '../helpers/temp-data-dir';

const TOKEN = 'journal-restart-token';
const ENV = { API_TOKENS: TOKEN };
const CREATE_TOPIC = 'mutation CreateTopic($name: String!) { createTopic(input: { name: $name }) { topic { slug } } }';
const ACKS = 'query Acks { a1: topic(slug: "ack-1") { slug } a2: topic(slug: "ack-2") { slug } a3: topic(slug: "ack-3") { slug } changes { totalCount } }';

let dataDir: string;
beforeEach(async () => {
  dataDir = await createTempDataDir();
});
afterEach(async () => {
  await killServerProcesses();
  await removeTempDataDir(dataDir);
});

test('a flipped byte in the last of 3 acknowledged journal lines: restart refuses, naming the line and the repair; the repair keeps lines 1..2', async () => {
  const server = await startServerProcess({ dataDir, env: ENV });
  for (const name of ['ack-1', 'ack-2', 'ack-3']) {
    expect(await server.query(CREATE_TOPIC, { name }, TOKEN)).toEqual({ data: { createTopic: { topic: { slug: name } } } });
  }
  await server.kill('SIGKILL');
  const journal = path.join(dataDir, 'journal.jsonl');
  const content = await readFile(journal);
  const lastLine = content.lastIndexOf(0x0a, content.length - 2) + 1;
  const damaged = Buffer.from(content);
  const at = content.indexOf('ack-3', lastLine);
  damaged[at] = damaged[at]! ^ 0x01;
  await writeFile(journal, damaged);

  const refused = await runServerUntilExit({ dataDir, env: ENV });
  expect(refused.code).toBe(1);
  expect(refused.stderr).toMatch(new RegExp(`^entente: cannot start: JournalCorruptError: ${journal} line 3: checksum mismatch; `));
  expect(refused.stderr).toContain(`npm run journal:repair -- ${dataDir}`);
  expect(refused.stderr).not.toMatch(/^\s+at /m);
  expect(await readFile(journal)).toEqual(damaged);

  const repair = await runScript(path.join(ROOT, 'dist/scripts/journal-repair.js'), [dataDir]);
  expect(repair.code).toBe(0);
  expect(repair.stdout).toContain('Removing lines 3..3');

  const restarted = await startServerProcess({ dataDir, env: ENV });
  expect(await restarted.query(ACKS)).toEqual({ data: { a1: { slug: 'ack-1' }, a2: { slug: 'ack-2' }, a3: null, changes: { totalCount: 2 } } });
});
