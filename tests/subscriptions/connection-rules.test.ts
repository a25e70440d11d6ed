/**
 * The rules a WebSocket connection lives by, as HTTP requests live by theirs: the same
 * auth model, query limits with the same codes, errors with codes and no internals, a
 * bound on subscriptions per connection, a connection_init deadline, and /graphql over
 * HTTP exactly as before (a subscription there is refused with a pointer to WebSocket).
 */
import net from 'node:net';
import { postGraphQL } from '../helpers/server-process';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { TOKEN, RawConnection, Subscriber, createTopic, gauge, openClient, waitForSubscriptions, waitUntil } from './ws-helpers';

const ALLOWED_ORIGIN = 'https://analysts.example.org';

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer({ env: { API_TOKENS: TOKEN, CORS_ORIGINS: ALLOWED_ORIGIN } });
});
afterAll(() => api.stop());

/** Sends one subscription on a new raw connection; resolves with the first message about it, then closes. */
async function firstAnswer(query: string, variables?: Record<string, unknown>): Promise<{ type: string; payload?: any }> {
  const connection = new RawConnection(api.url);
  try {
    await connection.init();
    connection.send({ id: '1', type: 'subscribe', payload: { query, variables } });
    return await connection.message((message) => message.id === '1');
  } finally {
    connection.close();
  }
}

describe('auth', () => {
  test('reads need no token, and a writer token is accepted', async () => {
    const { client } = openClient(api.url, { authorization: `Bearer ${TOKEN}` });
    const subscriber = new Subscriber(client, 'subscription { changes { seq } }');
    await waitForSubscriptions(api.url, 1);
    await createTopic(api.url, 'Arms control');
    expect((await subscriber.waitForResults(1))[0]).toEqual({ changes: { seq: expect.any(Number) } });
    await client.dispose();
    await waitForSubscriptions(api.url, 0);
  });

  test.each([
    ['a token that is not one of API_TOKENS', 'Bearer not-the-token'],
    ['a malformed Authorization', 'Basic dXNlcjpwYXNz'],
    ['an Authorization that is not a string', 42],
  ])('%s closes the connection with 4401 UNAUTHENTICATED before it is acknowledged', async (_case, authorization) => {
    const { client, closes } = openClient(api.url, { authorization });
    const subscriber = new Subscriber(client, 'subscription { changes { seq } }');
    const failure = (await subscriber.failure()) as { code: number; reason: string };
    expect({ code: failure.code, reason: failure.reason }).toEqual({ code: 4401, reason: 'UNAUTHENTICATED: the bearer token is not valid' });
    expect(closes).toEqual([{ code: 4401, reason: 'UNAUTHENTICATED: the bearer token is not valid' }]);
    expect(subscriber.results).toEqual([]);
    await client.dispose();
  });
});

describe('query limits, as over HTTP', () => {
  const deep = `subscription Deep { changes { entity { ... on Meeting { ${'partOf { '.repeat(12)}id${' }'.repeat(12)} } } } }`;
  const costly = `subscription Costly { changes { entity { ... on Country { people(first: 100) { nodes { meetings(first: 100) { nodes { title participants { person { name } } } } } } } } } }`;
  const aliased = `subscription Aliased { changes { ${Array.from({ length: 31 }, (_, i) => `a${i}: seq`).join(' ')} } }`;
  const long = `subscription Long { changes { entity { ... on Meeting { kinds: title ${'__typename '.repeat(2000)} } } } }`;

  test.each([
    ['too deep', deep, 'QUERY_TOO_DEEP'],
    ['too costly', costly, 'QUERY_TOO_COMPLEX'],
    ['with too many aliases', aliased, 'TOO_MANY_ALIASES'],
    ['with too many tokens', long, 'TOO_MANY_TOKENS'],
  ])('a subscription %s is refused before it starts, with the error HTTP gives the same document', async (_case, query, code) => {
    const overHttp = await postGraphQL(`${api.url}/graphql`, query);
    expect(overHttp.status).toBe(200);
    expect(overHttp.body.errors![0]!.extensions!.code).toBe(code);
    const answer = await firstAnswer(query);
    expect(answer).toEqual({ id: '1', type: 'error', payload: overHttp.body.errors });
    expect(await gauge(api.url, 'graphql_subscriptions')).toBe(0);
  });
});

describe('hostile variables, refused as over HTTP', () => {
  const RESUME = 'subscription Resume($after: Int) { changes(after: $after) { seq } }';
  /** The first message about a subscribe sent as raw text (JSON.stringify cannot nest 5,000 deep). */
  async function rawAnswer(text: string): Promise<{ type: string; payload?: any }> {
    const connection = new RawConnection(api.url);
    try {
      await connection.init();
      connection.send(text);
      return await connection.message((message) => message.id === '1');
    } finally {
      connection.close();
    }
  }
  const subscribe = (variables: string) => `{"id":"1","type":"subscribe","payload":{"query":${JSON.stringify(RESUME)},"variables":${variables}}}`;

  test.each([
    ['nested 5,000 lists deep', `{"after":1,"v":${'['.repeat(5000)}1${']'.repeat(5000)}}`, 'BAD_REQUEST', 'The variables nest lists and objects deeper than 32 levels.'],
    ['holding 20,000 values', `{"after":1,"v":[${Array(20_000).fill('"KZ"').join(',')}]}`, 'BAD_REQUEST', 'The variables hold more than 10000 values.'],
    ['with a lone surrogate', `{"after":1,"note":"Alpha \\ud800 beta"}`, 'BAD_USER_INPUT', expect.stringContaining('lone surrogate U+D800')],
  ])('variables %s: an error message with its code, no subscription, the connection still usable', async (_case, variables, code, message) => {
    const answer = await rawAnswer(subscribe(variables));
    expect(answer.type).toBe('error');
    expect(answer.payload).toEqual([expect.objectContaining({ message, extensions: expect.objectContaining({ code }) })]);
    expect(await gauge(api.url, 'graphql_subscriptions')).toBe(0);
    const { status } = await postGraphQL(`${api.url}/graphql`, '{ __typename }');
    expect(status).toBe(200);
  });
});

describe('errors', () => {
  test('an unknown field is GRAPHQL_VALIDATION_FAILED, suggesting nothing outside development', async () => {
    const answer = await firstAnswer('subscription { changes { sequence } }');
    expect(answer.payload).toEqual([
      { message: 'Cannot query field "sequence" on type "Change".', locations: [{ line: 1, column: 26 }], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
    ]);
  });

  test('a syntax error is GRAPHQL_PARSE_FAILED', async () => {
    const answer = await firstAnswer('subscription { changes { seq }');
    expect(answer).toEqual({ id: '1', type: 'error', payload: [{ message: 'Syntax Error: Expected Name, found <EOF>.', locations: [{ line: 1, column: 31 }], extensions: { code: 'GRAPHQL_PARSE_FAILED' } }] });
  });

  test('a variable of the wrong type is BAD_USER_INPUT', async () => {
    const answer = await firstAnswer('subscription Resume($after: Int) { changes(after: $after) { seq } }', { after: 'yesterday' });
    expect(answer.type).toBe('error');
    expect(answer.payload).toEqual([expect.objectContaining({ message: expect.stringContaining('Variable "$after" got invalid value "yesterday"'), extensions: { code: 'BAD_USER_INPUT' } })]);
  });

  test('a query is refused with BAD_REQUEST: queries and mutations go over HTTP', async () => {
    const answer = await firstAnswer('query Version { changes(first: 0) { totalCount } }');
    expect(answer).toEqual({
      id: '1',
      type: 'error',
      payload: [{ message: 'Only subscriptions are served over WebSocket: send this query to POST /graphql.', locations: [{ line: 1, column: 1 }], extensions: { code: 'BAD_REQUEST' } }],
    });
  });
});

describe('connection bounds', () => {
  test('a connection holds at most 20 subscriptions; past that, TOO_MANY_SUBSCRIPTIONS, and completing one makes room', async () => {
    const connection = new RawConnection(api.url);
    await connection.init();
    for (let i = 1; i <= 20; i++) connection.send({ id: `s${i}`, type: 'subscribe', payload: { query: 'subscription { changes { seq } }' } });
    await waitForSubscriptions(api.url, 20);
    connection.send({ id: 's21', type: 'subscribe', payload: { query: 'subscription { changes { seq } }' } });
    expect(await connection.message((message) => message.id === 's21')).toEqual({
      id: 's21',
      type: 'error',
      payload: [
        {
          message: 'This connection has too many subscriptions: the limit is 20. Complete one first, or open another connection.',
          extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', limit: 20 },
        },
      ],
    });
    connection.send({ id: 's1', type: 'complete' });
    await waitForSubscriptions(api.url, 19);
    connection.send({ id: 's22', type: 'subscribe', payload: { query: 'subscription { changes { seq } }' } });
    await waitForSubscriptions(api.url, 20);
    connection.close();
    await waitForSubscriptions(api.url, 0);
    await waitUntil(async () => (await gauge(api.url, 'graphql_ws_connections')) === 0, 'no open connections');
  });

  test('a connection that sends no connection_init within 3 s is closed with 4408', async () => {
    const connection = new RawConnection(api.url);
    await connection.opened;
    const opened = Date.now();
    expect(await connection.closed).toEqual({ code: 4408, reason: 'Connection initialisation timeout' });
    expect(Date.now() - opened).toBeGreaterThanOrEqual(2900);
  });
});

describe('origins', () => {
  test.each([
    ['the server’s own origin', () => api.url, 'connects', 101],
    ['an origin of CORS_ORIGINS', () => ALLOWED_ORIGIN, 'connects', 101],
    ['another origin', () => 'https://evil.example.com', 'is refused with 403', 403],
  ])('a browser page from %s %s', async (_case, origin, _outcome, status) => {
    const connection = new RawConnection(api.url, { headers: { origin: origin() } });
    const result = await connection.opened.then(
      () => 101,
      (error: Error) => Number(/Unexpected server response: (\d+)/.exec(error.message)?.[1]),
    );
    expect(result).toBe(status);
    connection.close();
  });
});

describe('/graphql over HTTP', () => {
  test('a subscription sent over HTTP is BAD_REQUEST, naming where subscriptions are served', async () => {
    const { status, body } = await postGraphQL(`${api.url}/graphql`, 'subscription Live { changes { seq } }');
    expect(status).toBe(400);
    expect(body).toEqual({
      errors: [{ message: 'Subscriptions are served over WebSocket at /graphql (the graphql-transport-ws protocol of graphql-ws), not over HTTP.', extensions: { code: 'BAD_REQUEST' } }],
    });
  });

  test('a request with another Upgrade (h2c) is answered as plain HTTP, as before', async () => {
    const url = new URL(api.url);
    const answer = await rawHttp(Number(url.port), 'GET /health HTTP/1.1\r\nHost: x\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toEqual(expect.objectContaining({ status: 'ok' }));
  });

  test('a WebSocket upgrade of another path is answered as plain HTTP, as before', async () => {
    const url = new URL(api.url);
    const answer = await rawHttp(Number(url.port), 'GET /nowhere HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 404 Not Found\r\n/);
    expect(answer).toContain('"code":"NOT_FOUND"');
  });
});

/** Writes `request` on a new TCP connection and returns everything the server sends until it closes. */
function rawHttp(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let answer = '';
    const socket = net.connect(port, '127.0.0.1', () => socket.write(request));
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(answer));
  });
}
