/**
 * Many writers at once: concurrent writes all commit (in groups), none is lost across a
 * restart, conflicting ones are decided one at a time, and a reader sees one version of
 * the data for its whole request while writes stream in.
 */
import { toGlobalId } from '../../src/schema/relay/global-id';
import { postGraphQL } from '../helpers/server-process';
import { createTempDataDir, removeTempDataDir } from '../helpers/temp-data-dir';
import { startTestServer, type TestServer } from '../helpers/test-server';

const TOKEN = 'concurrency-writer-token';
const WRITERS = 200;
const SHIPPED_TOPICS = 10;

const CREATE_TOPIC = 'mutation CreateTopic($input: CreateTopicInput!) { createTopic(input: $input) { topic { slug name } } }';

let api: TestServer;
let dataDir: string;
beforeEach(async () => {
  dataDir = await createTempDataDir();
  api = await startTestServer({ dataDir, env: { API_TOKENS: TOKEN } });
});
afterEach(async () => {
  await api.stop();
  await removeTempDataDir(dataDir);
});

const topicName = (i: number) => `Concurrent topic ${String(i).padStart(3, '0')}`;
const topicSlug = (i: number) => `concurrent-topic-${String(i).padStart(3, '0')}`;
const createTopic = (input: Record<string, unknown>) => postGraphQL(`${api.url}/graphql`, CREATE_TOPIC, { input }, { token: TOKEN });

/** The slugs of every topic, paging through all of them. */
async function allTopicSlugs(): Promise<string[]> {
  const slugs: string[] = [];
  let after: string | null = null;
  for (;;) {
    const { topics }: { topics: { nodes: { slug: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await api.data(
      'query AllTopics($after: String) { topics(first: 100, after: $after) { nodes { slug } pageInfo { hasNextPage endCursor } } }',
      { after },
    );
    slugs.push(...topics.nodes.map((node) => node.slug));
    if (!topics.pageInfo.hasNextPage) return slugs;
    after = topics.pageInfo.endCursor;
  }
}

test(`${WRITERS} concurrent createTopic calls all succeed, get seqs 1..${WRITERS} and survive a restart`, async () => {
  const responses = await Promise.all(Array.from({ length: WRITERS }, (_, i) => createTopic({ name: topicName(i) })));
  responses.forEach((response, i) => {
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ data: { createTopic: { topic: { slug: topicSlug(i), name: topicName(i) } } } });
  });

  const SEQS = 'query Seqs($after: String) { changes(first: 100, after: $after) { nodes { seq } pageInfo { endCursor } } }';
  type Seqs = { changes: { nodes: { seq: number }[]; pageInfo: { endCursor: string } } };
  const page1 = (await api.data<Seqs>(SEQS)).changes;
  const page2 = (await api.data<Seqs>(SEQS, { after: page1.pageInfo.endCursor })).changes;
  const seqs = [...page1.nodes, ...page2.nodes].map((node) => node.seq);
  expect(seqs).toEqual(Array.from({ length: WRITERS }, (_, i) => i + 1));

  await api.stop();
  api = await startTestServer({ dataDir, env: { API_TOKENS: TOKEN } });
  expect(await api.data('query Counts { topics { totalCount } changes { totalCount } }')).toEqual({
    topics: { totalCount: SHIPPED_TOPICS + WRITERS },
    changes: { totalCount: WRITERS },
  });
  const slugs = new Set(await allTopicSlugs());
  expect(Array.from({ length: WRITERS }, (_, i) => topicSlug(i)).filter((slug) => !slugs.has(slug))).toEqual([]);
});

test('of 20 concurrent creates of one slug exactly one succeeds; the others are told it is taken', async () => {
  const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => createTopic({ name: `Arms control ${i}`, slug: 'arms-control' })));
  const succeeded = responses.filter((response) => response.body.data?.createTopic);
  const refused = responses.filter((response) => response.body.errors);
  expect(succeeded).toHaveLength(1);
  expect(refused).toHaveLength(19);
  for (const response of refused) {
    expect(response.body.errors).toEqual([
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', fields: [{ path: 'input.slug', message: '"arms-control" is taken: another Topic has this slug' }] } }),
    ]);
  }
  const winner = succeeded[0]!.body.data!.createTopic!.topic.name as string;
  expect(await api.data('query Winner { topic(slug: "arms-control") { name } changes { totalCount } }')).toEqual({ topic: { name: winner }, changes: { totalCount: 1 } });
});

test('concurrent updates of one record all apply, one after another', async () => {
  const id = toGlobalId('Topic', 'trade');
  const responses = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      postGraphQL(`${api.url}/graphql`, 'mutation Rename($id: ID!, $aliases: [String!]) { updateTopic(id: $id, input: { aliases: $aliases }) { topic { slug } } }', { id, aliases: [`alias ${i}`] }, { token: TOKEN }),
    ),
  );
  expect(responses.every((response) => response.body.data?.updateTopic?.topic.slug === 'trade')).toBe(true);
  const { changes, topic } = await api.data<{ changes: { totalCount: number; nodes: { operation: string }[] }; topic: { aliases: string[] } }>(
    'query Updates { changes(first: 100) { totalCount nodes { operation } } topic(slug: "trade") { aliases } }',
  );
  expect(changes.totalCount).toBe(50);
  expect(changes.nodes.every((change) => change.operation === 'UPDATE')).toBe(true);
  // The last applied update wins: one of the 50, whole.
  expect(topic.aliases).toHaveLength(1);
  expect(topic.aliases[0]).toMatch(/^alias \d+$/);
});

test('a query issued while writes stream in sees one version of the data', async () => {
  const SNAPSHOT = `query Snapshot {
    topics(first: 100) { totalCount nodes { slug } }
    changes(first: 100) { totalCount nodes { seq entity { id } } }
  }`;
  interface Snapshot {
    topics: { totalCount: number; nodes: { slug: string }[] };
    changes: { totalCount: number; nodes: { seq: number; entity: { id: string } | null }[] };
  }
  // Eight clients, each writing one topic after another, so that reads interleave with commits.
  let writing = true;
  const CLIENTS = 8;
  const writes = Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      for (let i = client; i < WRITERS; i += CLIENTS) expect((await createTopic({ name: topicName(i) })).body.errors).toBeUndefined();
    }),
  ).finally(() => (writing = false));
  const seen: Snapshot[] = [];
  const readers = Array.from({ length: 4 }, async () => {
    while (writing) seen.push(await api.data<Snapshot>(SNAPSHOT));
  });
  await Promise.all([writes, ...readers]);
  seen.push(await api.data<Snapshot>(SNAPSHOT));

  for (const { topics, changes } of seen) {
    // Every change so far created one topic: the two counts must come from one version.
    expect({ topics: topics.totalCount, changes: changes.totalCount }).toEqual({ topics: SHIPPED_TOPICS + changes.totalCount, changes: changes.totalCount });
    expect(topics.nodes).toHaveLength(Math.min(100, topics.totalCount));
    // The entity of every change listed exists in the version the request reads.
    expect(changes.nodes.filter((change) => change.entity === null)).toEqual([]);
    expect(changes.nodes.map((change) => change.seq)).toEqual(Array.from({ length: Math.min(100, changes.totalCount) }, (_, i) => i + 1));
  }
  expect(seen.at(-1)!.changes.totalCount).toBe(WRITERS);
  // The reads did overlap the writes (each client waits for its write before the next, so there are dozens of versions to see).
  expect(seen.some(({ changes }) => changes.totalCount > 0 && changes.totalCount < WRITERS)).toBe(true);
});

test('a delete racing a create that refers to the deleted record never leaves a dangling reference', async () => {
  const PAIRS = 20;
  for (let i = 0; i < PAIRS; i++) expect((await createTopic({ name: `Parent topic ${i}` })).body.errors).toBeUndefined();
  const responses = await Promise.all(
    Array.from({ length: PAIRS }, (_, i) => [
      postGraphQL(`${api.url}/graphql`, 'mutation DeleteParent($id: ID!) { deleteTopic(id: $id) { deletedId } }', { id: toGlobalId('Topic', `parent-topic-${i}`) }, { token: TOKEN }),
      createTopic({ name: `Child topic ${i}`, parentId: toGlobalId('Topic', `parent-topic-${i}`) }),
    ]).flat(),
  );
  for (let i = 0; i < PAIRS; i++) {
    const [deleted, created] = [responses[2 * i]!.body.data?.deleteTopic, responses[2 * i + 1]!.body.data?.createTopic];
    // Whichever came first wins; the other is refused (its payload null), as it would be one after the other.
    expect([deleted ? 'deleted' : 'kept', created ? 'created' : 'refused'].sort()).toEqual(deleted ? ['deleted', 'refused'] : ['created', 'kept']);
  }
  // The data as written load again: start-up validates every reference.
  await api.stop();
  api = await startTestServer({ dataDir, env: { API_TOKENS: TOKEN } });
  const { topics } = await api.data<{ topics: { nodes: { slug: string; parent: { slug: string } | null }[] } }>(
    'query Children { topics(first: 100, filter: { text: "child" }) { nodes { slug parent { slug } } } }',
  );
  expect(topics.nodes.every((topic) => topic.parent !== null)).toBe(true);
});
