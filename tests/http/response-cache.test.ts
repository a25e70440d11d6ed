/**
 * The response cache, over HTTP: a repeated query is answered from the cache, byte for
 * byte; a write retires every cached answer at once, so a hit is never stale; errors,
 * mutations and cut-off requests are never kept; GET answers carry ETags and revalidate
 * to 304, also for automatic persisted queries; Apollo's CSRF rule still applies to hits.
 */
import { createHash } from 'node:crypto';
import { startTestServer, type TestServer } from '../helpers/test-server';

const TOKEN = 'response-cache-test-token';
let api: TestServer;

beforeAll(async () => {
  api = await startTestServer({ env: { API_TOKENS: TOKEN } });
});
afterAll(() => api.stop());

async function cacheCounts(server: TestServer = api): Promise<Record<string, number>> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const counts: Record<string, number> = { hit: 0, miss: 0, bypass: 0 };
  for (const [, result, value] of text.matchAll(/^response_cache_requests_total\{result="(\w+)"\} (\d+)$/gm)) counts[result!] = Number(value);
  return counts;
}

async function countsDuring(action: () => Promise<unknown>, server: TestServer = api): Promise<Record<string, number>> {
  const before = await cacheCounts(server);
  await action();
  const after = await cacheCounts(server);
  return Object.fromEntries(Object.keys(after).map((key) => [key, after[key]! - (before[key] ?? 0)]));
}

async function post(body: unknown, headers: Record<string, string> = {}, server: TestServer = api) {
  const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

async function get(params: Record<string, unknown>, headers: Record<string, string> = { 'apollo-require-preflight': 'true' }) {
  const search = new URLSearchParams(Object.fromEntries(Object.entries(params).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)])));
  const response = await fetch(`${api.url}/graphql?${search}`, { headers });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

async function createTopic(name: string) {
  const result = await post(
    { query: 'mutation Create($input: CreateTopicInput!) { createTopic(input: $input) { topic { slug } } }', variables: { input: { name } } },
    { authorization: `Bearer ${TOKEN}` },
  );
  expect(JSON.parse(result.text).errors).toBeUndefined();
}

const TOPICS = { query: 'query CacheTopics { topics(first: 100) { totalCount nodes { slug name } } }' };

describe('response cache', () => {
  test('a repeated query is answered from the cache with the same bytes', async () => {
    const first = await post(TOPICS);
    const counts = await countsDuring(async () => {
      const second = await post(TOPICS);
      expect(second.status).toBe(200);
      expect(second.text).toBe(first.text);
      expect(second.headers.get('content-type')).toBe(first.headers.get('content-type'));
    });
    expect(counts).toEqual({ hit: 1, miss: 0, bypass: 0 });
  });

  test('a write retires the cached answers: the next read sees it', async () => {
    const before = JSON.parse((await post(TOPICS)).text).data.topics;
    await createTopic('Cache invalidation');
    const after = JSON.parse((await post(TOPICS)).text).data.topics;
    expect(after.totalCount).toBe(before.totalCount + 1);
    expect(after.nodes.map((node: { slug: string }) => node.slug)).toContain('cache-invalidation');
  });

  test('answers with errors are never kept', async () => {
    const bad = { query: 'query Bad { meetings(first: 1000) { totalCount } }' };
    const counts = await countsDuring(async () => {
      for (let i = 0; i < 3; i++) expect(JSON.parse((await post(bad)).text).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    });
    expect(counts.hit).toBe(0);
  });

  test('mutations are never answered from the cache', async () => {
    const body = { query: 'mutation Again($input: CreateTopicInput!) { createTopic(input: $input) { topic { slug } } }', variables: { input: { name: 'Twice the same' } } };
    const first = JSON.parse((await post(body, { authorization: `Bearer ${TOKEN}` })).text);
    const second = JSON.parse((await post(body, { authorization: `Bearer ${TOKEN}` })).text);
    expect(first.data.createTopic.topic.slug).toBe('twice-the-same');
    // The second is executed, not replayed: its slug is taken now.
    expect(second.errors?.[0]?.extensions?.code ?? second.data.createTopic.topic.slug).not.toBe('twice-the-same');
  });

  test('a request whose Accept header differs is cached apart, with its own content type', async () => {
    const graphqlJson = await post(TOPICS, { accept: 'application/graphql-response+json' });
    const again = await post(TOPICS, { accept: 'application/graphql-response+json' });
    const plain = await post(TOPICS, { accept: 'application/json' });
    expect(graphqlJson.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    expect(again.headers.get('content-type')).toBe(graphqlJson.headers.get('content-type'));
    expect(plain.headers.get('content-type')).toMatch(/^application\/json/);
  });

  test('a request cut off by its deadline is not kept', async () => {
    const heavy = `{ ${Array.from({ length: 40 }, (_, i) => `p${i}: people(first: 100) { nodes { name meetings(first: 100) { nodes { title participants { label person { name } } } } } }`).join(' ')} }`;
    const quick = await startTestServer({ env: { MAX_ALIASES: '100', MAX_QUERY_COST: '100000000', MAX_TOKENS: '100000', REQUEST_TIMEOUT_MS: '1' } });
    try {
      const counts = await countsDuring(async () => {
        for (let i = 0; i < 2; i++) expect((await post({ query: heavy }, {}, quick)).status).toBe(503);
      }, quick);
      expect(counts.hit).toBe(0);
    } finally {
      await quick.stop();
    }
  });

  test('RESPONSE_CACHE_MAX_BYTES=0 turns the cache off', async () => {
    const off = await startTestServer({ env: { RESPONSE_CACHE_MAX_BYTES: '0' } });
    try {
      const counts = await countsDuring(async () => {
        await post(TOPICS, {}, off);
        await post(TOPICS, {}, off);
      }, off);
      expect(counts).toEqual({ hit: 0, miss: 0, bypass: 2 });
    } finally {
      await off.stop();
    }
  });
});

describe('hits through the one /graphql path', () => {
  test('a hit from an API client is counted and still gets its request id echoed', async () => {
    await post(TOPICS);
    const counts = await countsDuring(async () => {
      const hit = await post(TOPICS, { 'x-request-id': 'cache-hit-1' });
      expect(hit.status).toBe(200);
      expect(hit.headers.get('x-request-id')).toBe('cache-hit-1');
    });
    expect(counts).toEqual({ hit: 1, miss: 0, bypass: 0 });
  });

  test('a cross-origin hit still gets its CORS headers', async () => {
    const origin = 'https://analysts.example.org';
    const cors = await startTestServer({ env: { CORS_ORIGINS: origin } });
    try {
      const first = await post(TOPICS, { origin }, cors);
      const counts = await countsDuring(async () => {
        const second = await post(TOPICS, { origin }, cors);
        expect(second.text).toBe(first.text);
        expect(second.headers.get('access-control-allow-origin')).toBe(origin);
      }, cors);
      expect(counts.hit).toBe(1);
    } finally {
      await cors.stop();
    }
  });

  test('bodies that are not a JSON object are refused: malformed, a bare value, an empty body', async () => {
    for (const body of ['{"query": ', '"just a string"', '42', '']) {
      const response = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(response.status).toBe(400);
      const parsed = (await response.json()) as { errors: { extensions: { code: string } }[] };
      expect(parsed.errors[0]!.extensions.code).toBe('BAD_REQUEST');
    }
  });

  test('a body over 64 KiB is cached too', async () => {
    const padding = ' '.repeat(70 * 1024);
    const body = { query: `${TOPICS.query}${padding}` };
    const first = await post(body);
    const counts = await countsDuring(async () => expect((await post(body)).text).toBe(first.text));
    expect(counts.hit).toBe(1);
  });
});

describe('GET, ETags and persisted queries', () => {
  const COUNTRIES = 'query CacheCountries { countries(first: 3) { nodes { name isoCode } } }';

  test('a GET answer carries a strong ETag; sending it back gets 304 while the answer is unchanged', async () => {
    const first = await get({ query: COUNTRIES });
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get('cache-control')).toBe('no-cache');
    const revalidated = await get({ query: COUNTRIES }, { 'apollo-require-preflight': 'true', 'if-none-match': etag! });
    expect(revalidated.status).toBe(304);
    expect(revalidated.text).toBe('');
    // A write elsewhere leaves this answer unchanged: its ETag still holds.
    await createTopic('Unrelated to countries');
    expect((await get({ query: COUNTRIES }, { 'apollo-require-preflight': 'true', 'if-none-match': etag! })).status).toBe(304);
  });

  test('once the answer changes, the old ETag gets the new answer', async () => {
    const first = await get({ query: TOPICS.query });
    await createTopic('Changes the topics');
    const after = await get({ query: TOPICS.query }, { 'apollo-require-preflight': 'true', 'if-none-match': first.headers.get('etag')! });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(first.headers.get('etag'));
    expect(after.text).toContain('changes-the-topics');
  });

  test('the CSRF rule holds for cached answers: a GET without a preflight header is refused', async () => {
    await get({ query: COUNTRIES });
    const simple = await get({ query: COUNTRIES }, {});
    expect(simple.status).toBe(400);
    expect(JSON.parse(simple.text).errors[0].message).toMatch(/Cross-Site Request Forgery/);
  });

  test('automatic persisted queries: a GET by hash alone is answered, cached and revalidated', async () => {
    const query = 'query CachePersisted { places(first: 5) { nodes { name } } }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    expect(JSON.parse((await get({ extensions })).text).errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await get({ query, extensions });
    expect(registered.status).toBe(200);
    const byHash = await get({ extensions });
    expect(byHash.status).toBe(200);
    expect(byHash.text).toBe(registered.text);
    const counts = await countsDuring(async () => {
      expect((await get({ extensions }, { 'apollo-require-preflight': 'true', 'if-none-match': byHash.headers.get('etag')! })).status).toBe(304);
    });
    expect(counts.hit).toBe(1);
  });
});
