/**
 * The GraphQL front path (src/http/graphql-front.ts) answers plain API clients' POSTs
 * without Express. Its answers must be the Express path's answers: the same status, body,
 * content type, request id and CORS headers, for successes and for every kind of failure.
 * The Express path is reached with an allowed Origin header (or a body the front path
 * does not read); Express alone adds a weak ETag to the answers it sends, which tells the
 * two paths apart.
 */
import { gzipSync } from 'node:zlib';
import { startTestServer, type TestServer } from '../helpers/test-server';

const ORIGIN = 'https://app.example';
const TOKEN = 'graphql-front-test-token';
let api: TestServer;

beforeAll(async () => {
  // The cache off, so that every answer comes from Apollo on both paths.
  api = await startTestServer({ env: { CORS_ORIGINS: ORIGIN, RESPONSE_CACHE_MAX_BYTES: '0', API_TOKENS: TOKEN } });
});
afterAll(() => api.stop());

async function post(body: string | Buffer, headers: Record<string, string> = {}) {
  const response = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

const viaFront = (body: string, headers: Record<string, string> = {}) => post(body, headers);
const viaExpress = (body: string, headers: Record<string, string> = {}) => post(body, { origin: ORIGIN, ...headers });

const DEEP = JSON.stringify({
  query: 'query Deep { meetings(first: 5) { totalCount nodes { id title participants { person { name offices { title } } } topics { slug } } } }',
});

describe('GraphQL front path', () => {
  test.each([
    ['a query', DEEP, {}],
    ['a query with variables', JSON.stringify({ query: 'query P($slug: String!) { person(slug: $slug) { name } }', variables: { slug: 'kairat-umarov' } }), {}],
    ['a validation failure', JSON.stringify({ query: '{ nope }' }), {}],
    ['a parse failure', JSON.stringify({ query: '{ meetings(' }), {}],
    ['a resolver error', JSON.stringify({ query: '{ person(slug: "Not A Slug!") { name } }' }), {}],
    ['a query over the depth limit', JSON.stringify({ query: `{ ${'node(id: "x") { ... on Meeting { partOf { '.repeat(8)}id${' } }'.repeat(8)} }` }), {}],
    ['bad variables', JSON.stringify({ query: 'query P($slug: String!) { person(slug: $slug) { name } }', variables: { slug: 5 } }), {}],
    ['a batch (refused)', JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]), {}],
    ['a mutation without a token', JSON.stringify({ query: 'mutation { createTopic(input: { name: "Front" }) { topic { slug } } }' }), {}],
    ['a mutation with a bad token', JSON.stringify({ query: 'mutation { createTopic(input: { name: "Front" }) { topic { slug } } }' }), { authorization: 'Bearer wrong' }],
    ['a mutation with a malformed Authorization header', JSON.stringify({ query: 'mutation { createTopic(input: { name: "Front" }) { topic { slug } } }' }), { authorization: 'Basic abc' }],
    ['no query', JSON.stringify({ variables: {} }), {}],
  ])('%s: the same answer as through Express', async (_name, body, headers) => {
    const front = await viaFront(body, headers);
    const express = await viaExpress(body, headers);
    expect(front.status).toBe(express.status);
    expect(front.text).toBe(express.text);
    expect(front.headers.get('content-type')).toBe(express.headers.get('content-type'));
    expect(front.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(front.headers.get('vary')).toContain('Origin');
    expect(front.headers.get('access-control-expose-headers')).toBe('x-request-id');
    // Which path answered.
    expect(front.headers.get('etag')).toBeNull();
    expect(express.headers.get('etag')).toMatch(/^W\//);
  });

  test('a mutation with the token writes through the front path', async () => {
    const answer = await viaFront(JSON.stringify({ query: 'mutation { createTopic(input: { name: "Front path topic" }) { topic { slug } } }' }), { authorization: `Bearer ${TOKEN}` });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ data: { createTopic: { topic: { slug: 'front-path-topic' } } } });
    expect((await api.data<{ topic: { name: string } }>('{ topic(slug: "front-path-topic") { name } }')).topic.name).toBe('Front path topic');
  });

  test('an incoming request id is kept', async () => {
    const answer = await viaFront(DEEP, { 'x-request-id': 'front-path-request-1' });
    expect(answer.headers.get('x-request-id')).toBe('front-path-request-1');
  });

  test('a body that is not JSON is refused as the body parser refuses it', async () => {
    for (const body of ['{"query":', '"just a string"', 'null']) {
      const front = await viaFront(body);
      const express = await viaExpress(body);
      expect([front.status, JSON.parse(front.text)]).toEqual([400, { errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] }]);
      expect([express.status, express.text]).toEqual([front.status, front.text]);
    }
  });

  test('a gzip-encoded body is left to Express, which inflates it', async () => {
    const answer = await post(gzipSync(DEEP), { 'content-encoding': 'gzip' });
    expect(answer.status).toBe(200);
    expect(answer.text).toBe((await viaFront(DEEP)).text);
    expect(answer.headers.get('etag')).toMatch(/^W\//);
  });

  test('a body over 64 KiB is left to Express', async () => {
    const padded = JSON.stringify({ query: `${(JSON.parse(DEEP) as { query: string }).query}\n${'#'.repeat(70 * 1024)}` });
    const answer = await post(padded);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('etag')).toMatch(/^W\//);
  });
});
