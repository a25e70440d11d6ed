/**
 * The one HTTP path of /graphql (src/http/graphql-handler.ts), request by request: status,
 * body and headers for successes and for every kind of failure, bodies gzipped and large,
 * the response cache (hits, ETag, 304), CORS and CSRF prevention.
 */
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { startTestServer, type TestServer } from '../helpers/test-server';

const ORIGIN = 'https://app.example';
const TOKEN = 'graphql-pipeline-test-token';
const JSON_TYPE = 'application/json; charset=utf-8';
const GRAPHQL_RESPONSE_TYPE = 'application/graphql-response+json; charset=utf-8';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let api: TestServer;
let cached: TestServer;
beforeAll(async () => {
  // The cache off, so that every answer comes from Apollo.
  [api, cached] = await Promise.all([
    startTestServer({ env: { CORS_ORIGINS: ORIGIN, RESPONSE_CACHE_MAX_BYTES: '0', API_TOKENS: TOKEN } }),
    startTestServer({ env: { CORS_ORIGINS: ORIGIN } }),
  ]);
});
afterAll(() => Promise.all([api.stop(), cached.stop()]));

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

async function send(server: TestServer, init: RequestInit & { path?: string }): Promise<Answer> {
  const response = await fetch(`${server.url}${init.path ?? '/graphql'}`, init);
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

const post = (body: string | Buffer, headers: Record<string, string> = {}, server = api) =>
  send(server, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
const postOperation = (operation: Record<string, unknown>, headers: Record<string, string> = {}) => post(JSON.stringify(operation), headers);

const DEEP = 'query Deep { meetings(first: 5) { totalCount nodes { id title participants { person { name offices { title } } } topics { slug } } } }';
const PERSON = 'query P($slug: String!) { person(slug: $slug) { name } }';
const CREATE_TOPIC = 'mutation { createTopic(input: { name: "Pipeline" }) { topic { slug } } }';
/** Depth 13: meetings > nodes > participants > person, three times, then name. */
const TOO_DEEP = `{ meetings(first: 1) { nodes { participants { person { meetings(first: 1) { nodes { participants { person {
  meetings(first: 1) { nodes { participants { person { name } } } } } } } } } } } } }`;

describe('answers', () => {
  test('a query: 200, its data, JSON, a request id, Vary: Origin (no CORS headers without Origin)', async () => {
    const answer = await postOperation({ query: PERSON, variables: { slug: 'kairat-umarov' } });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ data: { person: { name: 'Kairat Umarov' } } });
    expect(answer.headers.get('content-type')).toBe(JSON_TYPE);
    expect(answer.headers.get('x-request-id')).toMatch(UUID);
    expect(answer.headers.get('vary')).toContain('Origin');
    expect(answer.headers.get('access-control-expose-headers')).toBeNull();
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
  });

  test('an incoming request id is kept', async () => {
    const answer = await postOperation({ query: DEEP }, { 'x-request-id': 'pipeline-request-1' });
    expect(answer.headers.get('x-request-id')).toBe('pipeline-request-1');
  });

  test('a resolver error: 200, data null where it failed, the error with its code', async () => {
    const answer = await postOperation({ query: '{ person(slug: "Not A Slug!") { name } }' });
    expect(answer.status).toBe(200);
    expect(answer.json.data).toEqual({ person: null });
    expect(answer.json.errors.map((error: any) => error.extensions.code)).toEqual(['BAD_USER_INPUT']);
  });

  // The GraphQL-over-HTTP spec: a request that fails before execution is 200 for application/json, 400 for application/graphql-response+json.
  test.each([
    ['a parse failure', { query: '{ meetings(' }, 'GRAPHQL_PARSE_FAILED'],
    ['a validation failure', { query: '{ nope }' }, 'GRAPHQL_VALIDATION_FAILED'],
    ['variables that do not coerce', { query: PERSON, variables: { slug: 5 } }, 'BAD_USER_INPUT'],
    ['a query over the depth limit', { query: TOO_DEEP }, 'QUERY_TOO_DEEP'],
  ])('%s: 200 with application/json, 400 with application/graphql-response+json', async (_name, operation, code) => {
    for (const [accept, status, contentType] of [
      ['application/json', 200, JSON_TYPE],
      ['*/*', 200, JSON_TYPE],
      ['application/graphql-response+json', 400, GRAPHQL_RESPONSE_TYPE],
    ] as const) {
      const answer = await postOperation(operation, { accept });
      expect([accept, answer.status, answer.headers.get('content-type')]).toEqual([accept, status, contentType]);
      expect(answer.json.data).toBeUndefined();
      expect(answer.json.errors.map((error: any) => error.extensions.code)).toEqual([code]);
    }
  });

  test.each([
    ['a batch', JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]), 'Operation batching disabled.'],
    ['no query', JSON.stringify({ variables: {} }), 'GraphQL operations must contain a non-empty `query` or a `persistedQuery` extension.'],
    ['variables that are not an object', JSON.stringify({ query: PERSON, variables: '{"slug":"x"}' }), '`variables` in a POST body should be provided as an object, not a recursively JSON-encoded string.'],
  ])('a malformed request (%s) is 400 BAD_REQUEST whatever it accepts', async (_name, body, message) => {
    for (const accept of ['application/json', 'application/graphql-response+json']) {
      const answer = await post(body, { accept });
      expect([answer.status, answer.json]).toEqual([400, { errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] }]);
    }
  });

  test.each(['{"query":', '"just a string"', 'null', ''])('a body that is not a JSON object (%j) is 400 BAD_REQUEST', async (body) => {
    const answer = await post(body);
    expect([answer.status, answer.json]).toEqual([400, { errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] }]);
    expect(answer.headers.get('x-request-id')).toMatch(UUID);
  });

  test('a charset other than UTF-8 is 415', async () => {
    const answer = await post(JSON.stringify({ query: '{ __typename }' }), { 'content-type': 'application/json; charset=latin1' });
    expect([answer.status, answer.json.errors[0].extensions.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
  });

  test('a method other than GET and POST is 405', async () => {
    const answer = await send(api, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe('GET, POST');
  });
});

describe('authorization', () => {
  test('a mutation without a token is 401 UNAUTHENTICATED and writes nothing', async () => {
    const answer = await postOperation({ query: CREATE_TOPIC });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toBe('Bearer realm="entente"');
    expect(answer.json.errors.map((error: any) => error.extensions.code)).toEqual(['UNAUTHENTICATED']);
  });

  test.each([['a wrong token', 'Bearer wrong'], ['another scheme', 'Basic abc']])('%s is 401 UNAUTHENTICATED', async (_name, authorization) => {
    const answer = await postOperation({ query: CREATE_TOPIC }, { authorization });
    expect(answer.status).toBe(401);
    expect(answer.json.errors.map((error: any) => error.extensions.code)).toEqual(['UNAUTHENTICATED']);
  });

  test('with the token, a mutation writes, and the next query reads the write', async () => {
    const answer = await postOperation({ query: 'mutation { createTopic(input: { name: "Pipeline topic" }) { topic { slug } } }' }, { authorization: `Bearer ${TOKEN}` });
    expect([answer.status, answer.json]).toEqual([200, { data: { createTopic: { topic: { slug: 'pipeline-topic' } } } }]);
    expect(await api.data('{ topic(slug: "pipeline-topic") { name } }')).toEqual({ topic: { name: 'Pipeline topic' } });
  });
});

describe('bodies', () => {
  test.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
  ])('a %s body is inflated', async (encoding, compress) => {
    const plain = await postOperation({ query: DEEP });
    const answer = await post(compress(JSON.stringify({ query: DEEP })), { 'content-encoding': encoding });
    expect(answer.status).toBe(200);
    expect(answer.text).toBe(plain.text);
  });

  test('an unknown content encoding is 415, a corrupt gzip body 400', async () => {
    const unknown = await post(Buffer.from('x'), { 'content-encoding': 'zstd' });
    expect([unknown.status, unknown.json.errors[0].extensions.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const corrupt = await post(Buffer.from('not gzip at all'), { 'content-encoding': 'gzip' });
    expect([corrupt.status, corrupt.json]).toEqual([400, { errors: [{ message: 'The request body is not valid gzip data.', extensions: { code: 'BAD_REQUEST' } }] }]);
  });

  test('a body of 1.5 MB is read whole', async () => {
    const answer = await postOperation({ query: `${DEEP}\n#${'x'.repeat(1.5 * 1024 * 1024)}` });
    expect(answer.status).toBe(200);
    expect(answer.json.data.meetings.totalCount).toBe(8);
  });

  test('a body over MAX_BODY_BYTES (2 MB) is 413, as sent or once inflated', async () => {
    const large = JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(2 * 1024 * 1024) } });
    const expected = [413, { errors: [{ message: `The request body exceeds ${2 * 1024 * 1024} bytes.`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] }];
    const plain = await post(large);
    expect([plain.status, plain.json]).toEqual(expected);
    const inflated = await post(gzipSync(large), { 'content-encoding': 'gzip' });
    expect([inflated.status, inflated.json]).toEqual(expected);
    // The connection still serves the next request.
    expect((await postOperation({ query: '{ __typename }' })).json).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('the response cache', () => {
  test('a repeated POST is answered from the cache, byte for byte, with the same ETag', async () => {
    const first = await post(JSON.stringify({ query: DEEP }), {}, cached);
    const second = await post(JSON.stringify({ query: DEEP }), {}, cached);
    expect(first.status).toBe(200);
    expect(second.text).toBe(first.text);
    expect(second.headers.get('etag')).toMatch(/^"[\w-]+"$/);
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(second.headers.get('x-request-id')).not.toBe(first.headers.get('x-request-id'));
    expect(second.headers.get('vary')).toContain('Origin');
    const metrics = await (await fetch(`${cached.url}/metrics`)).text();
    expect(metrics).toMatch(/^response_cache_requests_total\{result="hit"\} [1-9]/m);
  });

  test('a GET with a preflight header gets an ETag, and a 304 when it names it', async () => {
    const url = `/graphql?query=${encodeURIComponent(DEEP)}`;
    const headers = { 'apollo-require-preflight': 'true' };
    const first = await send(cached, { path: url, headers });
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-cache');
    const again = await send(cached, { path: url, headers: { ...headers, 'if-none-match': first.headers.get('etag')! } });
    expect([again.status, again.text]).toEqual([304, '']);
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
  });

  test('errors are never kept', async () => {
    const body = JSON.stringify({ query: '{ nope }' });
    const [first, second] = [await post(body, {}, cached), await post(body, {}, cached)];
    expect(first.headers.get('etag')).toBeNull();
    expect(second.headers.get('etag')).toBeNull();
  });
});

describe('CORS and CSRF prevention', () => {
  test('a preflight from an allowed origin is answered 204 with the methods and headers a client may send', async () => {
    const answer = await send(api, {
      method: 'OPTIONS',
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
    });
    expect(answer.status).toBe(204);
    expect(answer.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(answer.headers.get('access-control-allow-methods')).toBe('GET,POST');
    expect(answer.headers.get('access-control-allow-headers')).toBe('content-type,authorization,apollo-require-preflight,x-apollo-operation-name,entente-min-version');
    expect(answer.headers.get('access-control-max-age')).toBe('600');
  });

  test('another origin gets no CORS permission, and a request from an allowed one does', async () => {
    const other = await postOperation({ query: '{ __typename }' }, { origin: 'https://evil.example' });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const allowed = await postOperation({ query: '{ __typename }' }, { origin: ORIGIN });
    expect([allowed.status, allowed.headers.get('access-control-allow-origin')]).toEqual([200, ORIGIN]);
  });

  test('a request a cross-site form or link could send is refused (text/plain POST, GET without a preflight header)', async () => {
    const form = await post(JSON.stringify({ query: '{ __typename }' }), { 'content-type': 'text/plain' });
    const link = await send(api, { path: `/graphql?query=${encodeURIComponent('{ __typename }')}` });
    for (const answer of [form, link]) {
      expect(answer.status).toBe(400);
      expect(answer.json.errors[0].message).toContain('This operation has been blocked as a potential Cross-Site Request Forgery (CSRF)');
    }
  });

  test('a GET query with a preflight header runs', async () => {
    const answer = await send(api, { path: `/graphql?query=${encodeURIComponent('{ __typename }')}`, headers: { 'x-apollo-operation-name': 'Typename' } });
    expect([answer.status, answer.json]).toEqual([200, { data: { __typename: 'Query' } }]);
  });
});
