/**
 * Durability of the built server as a process: an acknowledged write survives SIGKILL,
 * a torn final journal line (a write never acknowledged) is dropped, damage anywhere else
 * stops start-up with a clean message, one process holds a data directory at a time, and
 * SIGTERM compacts the journal into the JSON files.
 */
import { appendFile, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { toGlobalId } from '../../src/schema/relay/global-id';
import { killServerProcesses, runDataCheck, runServerUntilExit, startServerProcess, type ServerProcess } from '../helpers/server-process';
import { createTempDataDir, removeTempDataDir } from '../helpers/temp-data-dir';

const TOKEN = 'durability-writer-token';
const ENV = { API_TOKENS: TOKEN };
const SHIPPED_TOPICS = 10;

const CREATE_TOPIC = 'mutation CreateTopic($name: String!) { createTopic(input: { name: $name }) { topic { slug } } }';
const COUNTS = 'query Counts { topics { totalCount } changes { totalCount } }';

let dataDir: string;
let journal: string;
beforeEach(async () => {
  dataDir = await createTempDataDir();
  journal = path.join(dataDir, 'journal.jsonl');
});
afterEach(async () => {
  await killServerProcesses();
  await removeTempDataDir(dataDir);
});

const slugOf = (name: string) => name.toLowerCase().replace(/ /g, '-');

/** Creates topics named `names` one after another, each acknowledged. */
async function createTopics(server: ServerProcess, names: string[]): Promise<void> {
  for (const name of names) {
    expect(await server.query(CREATE_TOPIC, { name }, TOKEN)).toEqual({ data: { createTopic: { topic: { slug: slugOf(name) } } } });
  }
}

/** Which of `slugs` the server has no topic for (fetched by global id, 100 at a time). */
async function missingTopics(server: ServerProcess, slugs: string[]): Promise<string[]> {
  const missing: string[] = [];
  for (let i = 0; i < slugs.length; i += 100) {
    const batch = slugs.slice(i, i + 100);
    const result = await server.query<{ nodes: ({ slug: string } | null)[] }>('query Topics($ids: [ID!]!) { nodes(ids: $ids) { ... on Topic { slug } } }', {
      ids: batch.map((slug) => toGlobalId('Topic', slug)),
    });
    expect(result.errors).toBeUndefined();
    result.data!.nodes.forEach((node, j) => {
      if (node?.slug !== batch[j]) missing.push(batch[j]!);
    });
  }
  return missing;
}

/** A start-up refusal printed as one clean line, without a stack trace. */
function expectCleanRefusal(stderr: string): void {
  expect(stderr).toMatch(/^entente: cannot start: /);
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr.trim().split('\n')).toHaveLength(1);
}

describe('a crash', () => {
  test('SIGKILL amid writes from 8 clients loses no acknowledged write and leaves every file readable', async () => {
    const server = await startServerProcess({ dataDir, env: ENV });
    const acknowledged: string[] = [];
    const attempted: string[] = [];
    let killed: Promise<unknown> | null = null;
    const clients = Array.from({ length: 8 }, async (_, client) => {
      for (let i = 0; ; i++) {
        const name = `Crash topic ${client} ${i}`;
        attempted.push(slugOf(name));
        let result;
        try {
          result = await server.query(CREATE_TOPIC, { name }, TOKEN);
        } catch {
          return; // The connection died with the server: this write's fate is unknown.
        }
        expect(result).toEqual({ data: { createTopic: { topic: { slug: slugOf(name) } } } });
        acknowledged.push(slugOf(name));
        if (acknowledged.length >= 150) killed ??= server.kill('SIGKILL');
      }
    });
    await Promise.all(clients);
    expect(await killed).toEqual({ code: null, signal: 'SIGKILL' });
    expect(acknowledged.length).toBeGreaterThanOrEqual(150);

    // Every data file is whole JSON, and the directory passes data:check as it is.
    const files = (await readdir(dataDir)).filter((file) => file.endsWith('.json'));
    expect(files).toEqual(expect.arrayContaining(['topics.json', 'meetings.json', 'people.json']));
    for (const file of files) {
      const text = await readFile(path.join(dataDir, file), 'utf8');
      expect(() => JSON.parse(text)).not.toThrow();
    }
    const check = await runDataCheck(dataDir);
    expect({ code: check.code, stderr: check.stderr }).toEqual({ code: 0, stderr: '' });
    expect(check.stdout).toContain(`${dataDir} is valid:`);

    const restarted = await startServerProcess({ dataDir, env: ENV });
    expect(await missingTopics(restarted, acknowledged)).toEqual([]);
    const { data } = await restarted.query<{ topics: { totalCount: number }; changes: { totalCount: number } }>(COUNTS);
    // Writes in flight at the kill may or may not have landed; nothing else may appear.
    expect(data!.topics.totalCount).toBeGreaterThanOrEqual(SHIPPED_TOPICS + acknowledged.length);
    expect(data!.topics.totalCount).toBeLessThanOrEqual(SHIPPED_TOPICS + attempted.length);
    expect(data!.changes.totalCount).toBe(data!.topics.totalCount - SHIPPED_TOPICS);
  });

  test('a torn final journal line is dropped: the server starts, serves every complete entry, and truncates the file', async () => {
    const server = await startServerProcess({ dataDir, env: ENV });
    await createTopics(server, ['Arms control', 'Cyber security', 'Space security']);
    await server.kill('SIGKILL');
    const whole = await readFile(journal, 'utf8');
    expect(whole.split('\n')).toHaveLength(4);

    // Half of a fourth line, as a crash during an append leaves it.
    const json = JSON.stringify({ seq: 4, at: new Date().toISOString(), operation: 'create', type: 'Topic', slug: 'torn', record: { slug: 'torn', name: 'torn', aliases: [], parent: null } });
    const line = `${crc32(json).toString(16).padStart(8, '0')} ${json}\n`;
    await appendFile(journal, line.slice(0, line.length / 2));

    const restarted = await startServerProcess({ dataDir, env: ENV });
    const AFTER_TEAR = 'query AfterTear { topics { totalCount } changes { totalCount } torn: topic(slug: "torn") { slug } space: topic(slug: "space-security") { name } }';
    expect(await restarted.query(AFTER_TEAR)).toEqual({
      data: { topics: { totalCount: SHIPPED_TOPICS + 3 }, changes: { totalCount: 3 }, torn: null, space: { name: 'Space security' } },
    });
    expect(await readFile(journal, 'utf8')).toBe(whole);

    // The next write continues the journal on a clean line.
    await createTopics(restarted, ['Nuclear security']);
    const lines = (await readFile(journal, 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(JSON.parse(lines[3]!.slice(9))).toMatchObject({ seq: 4, slug: 'nuclear-security' });
  });
});

describe('refusing to start', () => {
  /** A directory with three acknowledged writes in its journal, after a crash. */
  async function journalOfThree(): Promise<string[]> {
    const server = await startServerProcess({ dataDir, env: ENV });
    await createTopics(server, ['Arms control', 'Cyber security', 'Space security']);
    await server.kill('SIGKILL');
    return (await readFile(journal, 'utf8')).split('\n');
  }

  test('on a damaged journal line before the last: exit 1, naming journal.jsonl and the line', async () => {
    const lines = await journalOfThree();
    lines[1] = lines[1]!.replace('Cyber security', 'Cyber sekurity');
    await writeFile(journal, lines.join('\n'));

    const result = await runServerUntilExit({ dataDir, env: ENV });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${journal} line 2: checksum mismatch`);
    expectCleanRefusal(result.stderr);
    // Refusing changes nothing: the damaged line is still there for a person to repair.
    expect((await readFile(journal, 'utf8')).split('\n')).toEqual(lines);
  });

  test('on a journal whose lines skip a seq: exit 1, naming the line', async () => {
    const lines = await journalOfThree();
    await writeFile(journal, [lines[0], lines[2], ''].join('\n'));
    const result = await runServerUntilExit({ dataDir, env: ENV });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${journal} line 2: seq 3 does not follow seq 1`);
    expectCleanRefusal(result.stderr);
  });

  test('on a data file cut in half: exit 1, naming topics.json', async () => {
    const topics = path.join(dataDir, 'topics.json');
    const text = await readFile(topics, 'utf8');
    await writeFile(topics, text.slice(0, text.length / 2));
    const result = await runServerUntilExit({ dataDir, env: ENV });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('topics.json: not valid JSON');
    expect(result.stderr).toMatch(/^entente: cannot start: /);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  test('on a store.json that is not JSON: exit 1, naming store.json', async () => {
    await writeFile(path.join(dataDir, 'store.json'), '{"format": 1, "compactedThrough": ');
    const result = await runServerUntilExit({ dataDir, env: ENV });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${path.join(dataDir, 'store.json')}: not valid JSON`);
    expectCleanRefusal(result.stderr);
  });
});

describe('the data directory lock', () => {
  test('a second server on the same directory refuses to start, naming the first; after the first exits, a new one starts', async () => {
    const first = await startServerProcess({ dataDir, env: ENV });

    const second = await runServerUntilExit({ dataDir, env: ENV });
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`another Entente process (pid ${first.pid}) is using DATA_DIR ${dataDir}`);
    expectCleanRefusal(second.stderr);
    // The refused process left the lock to its holder, which still serves and writes.
    await createTopics(first, ['Arms control']);

    expect(await first.kill('SIGTERM')).toEqual({ code: 0, signal: null });
    await expect(stat(path.join(dataDir, '.entente.lock'))).rejects.toMatchObject({ code: 'ENOENT' });

    const third = await startServerProcess({ dataDir, env: ENV });
    expect(await third.query(COUNTS)).toEqual({ data: { topics: { totalCount: SHIPPED_TOPICS + 1 }, changes: { totalCount: 1 } } });
  });

  test('a lock left by a killed server does not stop the next one', async () => {
    const first = await startServerProcess({ dataDir, env: ENV });
    await first.kill('SIGKILL');
    expect(JSON.parse(await readFile(path.join(dataDir, '.entente.lock'), 'utf8'))).toMatchObject({ pid: first.pid });
    const next = await startServerProcess({ dataDir, env: ENV });
    expect(await next.query(COUNTS)).toEqual({ data: { topics: { totalCount: SHIPPED_TOPICS }, changes: { totalCount: 0 } } });
  });
});

describe('shutting down', () => {
  test('SIGTERM after writes compacts them into the JSON files and exits 0', async () => {
    const server = await startServerProcess({ dataDir, env: ENV });
    const names = ['Arms control', 'Cyber security', 'Space security'];
    await createTopics(server, names);
    await server.query('mutation Rename($id: ID!) { updateTopic(id: $id, input: { aliases: ["commerce"] }) { topic { slug } } }', { id: toGlobalId('Topic', 'trade') }, TOKEN);

    expect(await server.kill('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(server.stdout).toContain('"signal":"SIGTERM","msg":"shutting down"');

    expect(JSON.parse(await readFile(path.join(dataDir, 'store.json'), 'utf8'))).toMatchObject({ format: 1, compactedThrough: 4 });
    const topics = JSON.parse(await readFile(path.join(dataDir, 'topics.json'), 'utf8')) as { slug: string; aliases: string[] }[];
    expect(topics).toHaveLength(SHIPPED_TOPICS + 3);
    expect(topics.filter((topic) => names.map(slugOf).includes(topic.slug))).toEqual(
      names.map((name) => ({ slug: slugOf(name), name, aliases: [], parent: null })),
    );
    expect(topics.find((topic) => topic.slug === 'trade')).toEqual({ slug: 'trade', name: 'trade', aliases: ['commerce'], parent: null });
    // The journal is kept whole: it is also the change feed.
    expect((await readFile(journal, 'utf8')).trimEnd().split('\n')).toHaveLength(4);
    const check = await runDataCheck(dataDir);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain(`${SHIPPED_TOPICS + 3} Topic`);
  });

  test('writes after a compaction are replayed on top of it after a crash', async () => {
    const first = await startServerProcess({ dataDir, env: ENV });
    await createTopics(first, ['Arms control']);
    expect(await first.kill('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(JSON.parse(await readFile(path.join(dataDir, 'store.json'), 'utf8'))).toMatchObject({ format: 1, compactedThrough: 1 });

    const second = await startServerProcess({ dataDir, env: ENV });
    await second.query('mutation Alias($id: ID!) { updateTopic(id: $id, input: { aliases: ["arms limitation"] }) { topic { slug } } }', { id: toGlobalId('Topic', 'arms-control') }, TOKEN);
    await createTopics(second, ['Cyber security']);
    await second.query('mutation Delete($id: ID!) { deleteTopic(id: $id) { deletedId } }', { id: toGlobalId('Topic', 'cyber-security') }, TOKEN);
    await second.kill('SIGKILL');

    const third = await startServerProcess({ dataDir, env: ENV });
    expect(
      await third.query('query Replayed { topic(slug: "arms-control") { aliases } cyber: topic(slug: "cyber-security") { slug } topics { totalCount } changes { nodes { seq operation } } }'),
    ).toEqual({
      data: {
        topic: { aliases: ['arms limitation'] },
        cyber: null,
        topics: { totalCount: SHIPPED_TOPICS + 1 },
        changes: { nodes: [{ seq: 1, operation: 'CREATE' }, { seq: 2, operation: 'UPDATE' }, { seq: 3, operation: 'CREATE' }, { seq: 4, operation: 'DELETE' }] },
      },
    });
  });

  test("a new source's text survives a crash in the journal, stays quotable, and is written to sources/ at the next shutdown", async () => {
    const text = 'ASTANA, 2 June 2023. Kazakhstan and Georgia agreed to open a direct air route.';
    const slug = 'kazakhstan-and-georgia-agree-on-an-air-route';
    const server = await startServerProcess({ dataDir, env: ENV });
    expect(
      await server.query('mutation CreateSource($input: CreateSourceInput!) { createSource(input: $input) { source { slug } } }', { input: { title: 'Kazakhstan and Georgia agree on an air route', kind: 'PRESS_RELEASE', text } }, TOKEN),
    ).toEqual({ data: { createSource: { source: { slug } } } });
    await server.kill('SIGKILL');
    await expect(stat(path.join(dataDir, 'sources', `${slug}.txt`))).rejects.toMatchObject({ code: 'ENOENT' });

    const restarted = await startServerProcess({ dataDir, env: ENV });
    const quote = 'Kazakhstan and Georgia agreed to open a direct air route';
    expect(
      await restarted.query(
        'mutation CreateOrganization($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { slug citations { quote } } } }',
        { input: { name: 'Kazakh-Georgian air route commission', kind: 'OTHER', citations: [{ sourceId: toGlobalId('Source', slug), quote }] } },
        TOKEN,
      ),
    ).toEqual({ data: { createOrganization: { organization: { slug: 'kazakh-georgian-air-route-commission', citations: [{ quote }] } } } });
    expect(await restarted.kill('SIGTERM')).toEqual({ code: 0, signal: null });

    expect(await readFile(path.join(dataDir, 'sources', `${slug}.txt`), 'utf8')).toBe(text);
    expect(JSON.parse(await readFile(path.join(dataDir, 'sources.json'), 'utf8'))).toContainEqual(expect.objectContaining({ slug, textFile: `sources/${slug}.txt` }));
    expect(JSON.parse(await readFile(path.join(dataDir, 'store.json'), 'utf8'))).toMatchObject({ format: 1, compactedThrough: 2 });
    expect((await runDataCheck(dataDir)).code).toBe(0);
  });

  test('a source deleted and created again with another text has the new text on disk after compaction', async () => {
    const CREATE_SOURCE = 'mutation CreateSource($input: CreateSourceInput!) { createSource(input: $input) { source { id } } }';
    const title = 'Daily briefing';
    const oldText = 'The spokesperson had no announcements.';
    const newText = 'The spokesperson announced a visit to Tashkent.';

    const first = await startServerProcess({ dataDir, env: ENV });
    const created = await first.query<{ createSource: { source: { id: string } } }>(CREATE_SOURCE, { input: { title, kind: 'TRANSCRIPT', text: oldText } }, TOKEN);
    const id = created.data!.createSource.source.id;
    expect(await first.kill('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(await readFile(path.join(dataDir, 'sources', 'daily-briefing.txt'), 'utf8')).toBe(oldText);

    const second = await startServerProcess({ dataDir, env: ENV });
    expect(await second.query('mutation DeleteSource($id: ID!) { deleteSource(id: $id) { deletedId } }', { id }, TOKEN)).toEqual({ data: { deleteSource: { deletedId: id } } });
    expect(await second.query(CREATE_SOURCE, { input: { title, kind: 'TRANSCRIPT', text: newText } }, TOKEN)).toEqual({ data: { createSource: { source: { id } } } });
    const quote = 'announced a visit to Tashkent';
    expect(
      await second.query(
        'mutation CreateOrganization($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { slug } } }',
        { input: { name: 'Briefing office', kind: 'OTHER', citations: [{ sourceId: id, quote }] } },
        TOKEN,
      ),
    ).toEqual({ data: { createOrganization: { organization: { slug: 'briefing-office' } } } });
    expect(await second.kill('SIGTERM')).toEqual({ code: 0, signal: null });

    expect(await readFile(path.join(dataDir, 'sources', 'daily-briefing.txt'), 'utf8')).toBe(newText);
    // data:check verifies the organization's quote against the text file on disk.
    const check = await runDataCheck(dataDir);
    expect({ code: check.code, stderr: check.stderr }).toEqual({ code: 0, stderr: '' });
  });
});
