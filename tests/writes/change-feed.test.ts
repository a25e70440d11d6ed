/**
 * The change feed, `changes(first, after)`: every accepted write in order, with gap-free
 * seqs, paged by signed cursors, and kept across restarts (it is the journal).
 */
import { toGlobalId } from '../../src/schema/relay/global-id';
import { postGraphQL } from '../helpers/server-process';
import { createTempDataDir, removeTempDataDir } from '../helpers/temp-data-dir';
import { startTestServer, type GraphQLResponse, type TestServer } from '../helpers/test-server';

const TOKEN = 'feed-writer-token';
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const FEED = `query Feed($first: Int, $after: String) {
  changes(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { seq } }
    nodes { seq operation entityType entityId at entity { __typename id ... on Topic { name aliases } } }
  }
}`;

interface Change {
  seq: number;
  operation: string;
  entityType: string;
  entityId: string;
  at: string;
  entity: { __typename: string; id: string; name?: string; aliases?: string[] } | null;
}
interface FeedPage {
  changes: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
    edges: { cursor: string; node: { seq: number } }[];
    nodes: Change[];
  };
}

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

async function write(operation: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse> {
  const { body } = await postGraphQL(`${api.url}/graphql`, operation, variables, { token: TOKEN });
  expect(body.errors).toBeUndefined();
  return body;
}

const createTopic = (name: string) => write('mutation CreateTopic($name: String!) { createTopic(input: { name: $name }) { topic { id } } }', { name });
const updateTopic = (slug: string, aliases: string[]) =>
  write('mutation UpdateTopic($id: ID!, $aliases: [String!]) { updateTopic(id: $id, input: { aliases: $aliases }) { topic { id } } }', {
    id: toGlobalId('Topic', slug),
    aliases,
  });
const deleteTopic = (slug: string) => write('mutation DeleteTopic($id: ID!) { deleteTopic(id: $id) { deletedId } }', { id: toGlobalId('Topic', slug) });

const feed = (variables: { first?: number; after?: string } = {}) => api.data<FeedPage>(FEED, variables);

/** Four writes: create, update, create, delete. */
async function fourWrites(): Promise<void> {
  await createTopic('Arms control');
  await updateTopic('arms-control', ['arms limitation']);
  await createTopic('Cyber security');
  await deleteTopic('cyber-security');
}

describe('the change feed', () => {
  test('is empty before any write', async () => {
    expect(await feed()).toEqual({
      changes: { totalCount: 0, pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null }, edges: [], nodes: [] },
    });
  });

  test('lists every write in order, seq 1..N, with the entity as it is now (null once deleted)', async () => {
    const startedAt = new Date().toISOString();
    await fourWrites();
    const finishedAt = new Date().toISOString();

    const { changes } = await feed({ first: 10 });
    const armsControl = { __typename: 'Topic', id: toGlobalId('Topic', 'arms-control'), name: 'Arms control', aliases: ['arms limitation'] };
    expect(changes.nodes).toEqual([
      { seq: 1, operation: 'CREATE', entityType: 'TOPIC', entityId: toGlobalId('Topic', 'arms-control'), at: expect.stringMatching(ISO_TIMESTAMP), entity: armsControl },
      { seq: 2, operation: 'UPDATE', entityType: 'TOPIC', entityId: toGlobalId('Topic', 'arms-control'), at: expect.stringMatching(ISO_TIMESTAMP), entity: armsControl },
      { seq: 3, operation: 'CREATE', entityType: 'TOPIC', entityId: toGlobalId('Topic', 'cyber-security'), at: expect.stringMatching(ISO_TIMESTAMP), entity: null },
      { seq: 4, operation: 'DELETE', entityType: 'TOPIC', entityId: toGlobalId('Topic', 'cyber-security'), at: expect.stringMatching(ISO_TIMESTAMP), entity: null },
    ]);
    const times = changes.nodes.map((change) => change.at);
    expect([...times].sort()).toEqual(times);
    expect(times[0]! >= startedAt && times[3]! <= finishedAt).toBe(true);
    expect(changes.totalCount).toBe(4);
    expect(changes.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: false, startCursor: changes.edges[0]!.cursor, endCursor: changes.edges[3]!.cursor });
    expect(changes.edges.map((edge) => edge.node.seq)).toEqual([1, 2, 3, 4]);
  });

  test('names the type of each entity changed', async () => {
    await createTopic('Arms control');
    await write(`mutation CreateCountry { createCountry(input: { name: "Georgia", isoCode: "GE" }) { country { id } } }`);
    await write(`mutation CreatePlace { createPlace(input: { name: "Tbilisi", kind: CITY, countryId: "${toGlobalId('Country', 'georgia')}" }) { place { id } } }`);
    const data = await api.data('query Types { changes { nodes { seq entityType entityId entity { __typename } } } }');
    expect(data).toEqual({
      changes: {
        nodes: [
          { seq: 1, entityType: 'TOPIC', entityId: toGlobalId('Topic', 'arms-control'), entity: { __typename: 'Topic' } },
          { seq: 2, entityType: 'COUNTRY', entityId: toGlobalId('Country', 'georgia'), entity: { __typename: 'Country' } },
          { seq: 3, entityType: 'PLACE', entityId: toGlobalId('Place', 'tbilisi'), entity: { __typename: 'Place' } },
        ],
      },
    });
  });

  test('leaves out refused writes', async () => {
    await createTopic('Arms control');
    const { body } = await postGraphQL(`${api.url}/graphql`, 'mutation Refused { createTopic(input: { name: "" }) { topic { id } } }', {}, { token: TOKEN });
    expect(body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    await createTopic('Cyber security');
    const { changes } = await feed();
    expect(changes.nodes.map(({ seq, entityId }) => ({ seq, entityId }))).toEqual([
      { seq: 1, entityId: toGlobalId('Topic', 'arms-control') },
      { seq: 2, entityId: toGlobalId('Topic', 'cyber-security') },
    ]);
  });

  test('is readable without a token', async () => {
    await createTopic('Arms control');
    const { status, body } = await postGraphQL(`${api.url}/graphql`, 'query AnonymousFeed { changes { totalCount } }');
    expect(status).toBe(200);
    expect(body).toEqual({ data: { changes: { totalCount: 1 } } });
  });
});

describe('paging', () => {
  test('after an endCursor returns only the newer changes', async () => {
    await fourWrites();
    const first = (await feed({ first: 2 })).changes;
    expect(first.nodes.map((change) => change.seq)).toEqual([1, 2]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(first.totalCount).toBe(4);

    const second = (await feed({ first: 2, after: first.pageInfo.endCursor! })).changes;
    expect(second.nodes.map((change) => change.seq)).toEqual([3, 4]);
    expect(second.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });

    const caughtUp = (await feed({ after: second.pageInfo.endCursor! })).changes;
    expect(caughtUp).toEqual({
      totalCount: 4,
      pageInfo: { hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null },
      edges: [],
      nodes: [],
    });

    await createTopic('Space security');
    const fresh = (await feed({ after: second.pageInfo.endCursor! })).changes;
    expect(fresh.nodes).toEqual([
      {
        seq: 5,
        operation: 'CREATE',
        entityType: 'TOPIC',
        entityId: toGlobalId('Topic', 'space-security'),
        at: expect.stringMatching(ISO_TIMESTAMP),
        entity: { __typename: 'Topic', id: toGlobalId('Topic', 'space-security'), name: 'Space security', aliases: [] },
      },
    ]);
    expect(fresh.totalCount).toBe(5);
  });

  test('without first returns 20 changes; first: 0 returns none but counts them all', async () => {
    for (let i = 1; i <= 21; i++) await createTopic(`Topic number ${i}`);
    const page = (await feed()).changes;
    expect(page.nodes.map((change) => change.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect((await feed({ first: 0 })).changes).toMatchObject({ totalCount: 21, nodes: [], pageInfo: { hasNextPage: true } });
  });

  test('a forged cursor is BAD_USER_INPUT', async () => {
    await fourWrites();
    const { endCursor } = (await feed({ first: 1 })).changes.pageInfo;
    const [, signature] = endCursor!.split('.');
    // The same signature on a payload that points elsewhere.
    const forged = `${Buffer.from(JSON.stringify(['c1', 'SEQ', '3'])).toString('base64url')}.${signature}`;
    expect(await api.query(FEED, { after: forged })).toEqual({
      errors: [
        {
          message: `"after" is not a valid cursor for this list: it is not one of the cursors this API issues. Use a cursor from this connection's edges or pageInfo.`,
          locations: [{ line: 2, column: 3 }],
          path: ['changes'],
          extensions: { code: 'BAD_USER_INPUT', argumentName: 'after' },
        },
      ],
      data: null,
    });
  });

  test('a cursor of another list is BAD_USER_INPUT', async () => {
    const { topics } = await api.data<{ topics: { pageInfo: { endCursor: string } } }>('query TopicPage { topics(first: 1) { pageInfo { endCursor } } }');
    const result = await api.query(FEED, { after: topics.pageInfo.endCursor });
    expect(result.errors).toEqual([
      expect.objectContaining({
        message: `"after" is not a valid cursor for this list: it was made for the order NAME, not SEQ. Use a cursor from this connection's edges or pageInfo.`,
        extensions: { code: 'BAD_USER_INPUT', argumentName: 'after' },
      }),
    ]);
  });

  test.each([101, -1])('first: %d is BAD_USER_INPUT', async (first) => {
    expect(await api.query(FEED, { first })).toEqual({
      errors: [
        {
          message: `"first" must be between 0 and 100; got ${first}.`,
          locations: [{ line: 2, column: 3 }],
          path: ['changes'],
          extensions: { code: 'BAD_USER_INPUT', argumentName: 'first' },
        },
      ],
      data: null,
    });
  });
});

describe('across a restart', () => {
  test('the feed is kept whole, and cursors from before still page', async () => {
    await fourWrites();
    const before = (await feed({ first: 10 })).changes;
    const { endCursor } = (await feed({ first: 2 })).changes.pageInfo;

    await api.stop();
    api = await startTestServer({ dataDir, env: { API_TOKENS: TOKEN } });

    expect((await feed({ first: 10 })).changes).toEqual(before);
    expect((await feed({ after: endCursor! })).changes.nodes.map((change) => change.seq)).toEqual([3, 4]);

    await createTopic('Space security');
    expect((await feed({ first: 10 })).changes.nodes.map(({ seq, operation }) => ({ seq, operation }))).toEqual([
      { seq: 1, operation: 'CREATE' },
      { seq: 2, operation: 'UPDATE' },
      { seq: 3, operation: 'CREATE' },
      { seq: 4, operation: 'DELETE' },
      { seq: 5, operation: 'CREATE' },
    ]);
  });
});

describe('retention (CHANGE_RETENTION)', () => {
  const RETAINED = { API_TOKENS: TOKEN, CHANGE_RETENTION: '3' };
  const resync = (after: number, oldestSeq: number, lastSeq: number) => ({
    errors: [
      {
        message:
          `The change feed no longer keeps the changes after seq ${after}: it keeps the latest changes only, from seq ${oldestSeq} now, so following on from there would miss some. ` +
          `Read the data you keep again, then follow the feed from the current version (seq ${lastSeq}, the changes' totalCount): ask again with \`after\` set to extensions.resumeCursor.`,
        locations: [{ line: 2, column: 3 }],
        path: ['changes'],
        extensions: { code: 'RESYNC_REQUIRED', after, oldestSeq, lastSeq, resumeCursor: expect.any(String) },
      },
    ],
    data: null,
  });

  test('keeps the latest changes; a cursor older than them is RESYNC_REQUIRED, with the cursor to follow on from; the same after a restart', async () => {
    await api.stop();
    api = await startTestServer({ dataDir, env: RETAINED });
    for (const name of ['Topic one', 'Topic two', 'Topic three']) await createTopic(name);
    const afterOne = (await feed({ first: 1 })).changes.pageInfo.endCursor!;
    const afterThree = (await feed({ first: 3 })).changes.pageInfo.endCursor!;
    for (const name of ['Topic four', 'Topic five', 'Topic six']) await createTopic(name);

    // Without `after`: from the oldest change kept.
    const kept = (await feed()).changes;
    expect(kept.nodes.map((change) => change.seq)).toEqual([4, 5, 6]);
    expect(kept).toMatchObject({ totalCount: 6, pageInfo: { hasNextPage: false, hasPreviousPage: false } });
    // A cursor just before the oldest kept misses nothing.
    expect((await feed({ after: afterThree })).changes.nodes.map((change) => change.seq)).toEqual([4, 5, 6]);
    // An older one would miss changes 2 and 3.
    const refused = await api.query(FEED, { after: afterOne });
    expect(refused).toEqual(resync(1, 4, 6));

    // Following on from the cursor the error gives, after reading the data again.
    const resumeCursor = refused.errors![0]!.extensions!.resumeCursor as string;
    expect((await feed({ after: resumeCursor })).changes).toMatchObject({ totalCount: 6, nodes: [] });
    await createTopic('Topic seven');
    expect((await feed({ after: resumeCursor })).changes.nodes.map((change) => change.seq)).toEqual([7]);

    await api.stop();
    api = await startTestServer({ dataDir, env: RETAINED });
    expect((await feed()).changes.nodes.map((change) => change.seq)).toEqual([5, 6, 7]);
    expect(await api.query(FEED, { after: afterThree })).toEqual(resync(3, 5, 7));
  });
});
