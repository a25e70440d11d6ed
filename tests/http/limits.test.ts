/** Query limits, request deadline and slow-client timeouts (README, "Query limits"). */
import net from 'node:net';
import { ConfigError, readConfig } from '../../src/config';
import { startTestServer, type GraphQLResponse, type TestServer } from '../helpers/test-server';

const post = async (url: string, body: unknown) => {
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as GraphQLResponse };
};

/** Depth 13: meetings > nodes > participants > person, three times, then name. */
const DEEP = `{ meetings(first: 1) { nodes { participants { person { meetings(first: 1) { nodes { participants { person {
  meetings(first: 1) { nodes { participants { person { name } } } } } } } } } } } } }`;
/** people(first: 100) of meetings(first: 100): 1 + (1 + (1 + 2 × 100)) × 100 = 20,201. */
const COSTLY = `{ people(first: 100) { nodes { meetings(first: 100) { nodes { title } } } } }`;
const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(' ')} }`;

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
});
afterAll(() => api.stop());

describe('default limits', () => {
  test('a query deeper than 12 is QUERY_TOO_DEEP, before execution', async () => {
    const { status, body } = await post(api.url, { query: DEEP });
    expect(status).toBe(200);
    expect(body.data).toBeUndefined();
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]!.extensions!.code).toBe('QUERY_TOO_DEEP');
    expect(body.errors![0]!.message).toBe('The query is too deep: the limit is 12, this query has 13.');
  });

  test('depth counts through fragments, and introspection is not counted', async () => {
    const viaFragment = await api.query(`query { meetings(first: 1) { nodes { ...M } } }
      fragment M on Meeting { participants { person { meetings(first: 1) { nodes { participants { person {
        meetings(first: 1) { nodes { participants { person { name } } } } } } } } } } }`);
    expect(viaFragment.errors![0]!.extensions!.code).toBe('QUERY_TOO_DEEP');
    const introspection = await api.query(`{ __schema { types { fields { type { ${'ofType { '.repeat(10)}name${' }'.repeat(10)} } } } } }`);
    expect(introspection.errors).toBeUndefined();
  });

  test('a query costing more than 20,000 is QUERY_TOO_COMPLEX: connections multiply by first', async () => {
    const { status, body } = await post(api.url, { query: COSTLY });
    expect(status).toBe(200);
    expect(body.data).toBeUndefined();
    expect(body.errors![0]!.extensions!.code).toBe('QUERY_TOO_COMPLEX');
    expect(body.errors![0]!.message).toBe('The query costs too much: the limit is 20000, this query has 20201.');
  });

  test('cost reads first and last from variables too', async () => {
    const byVariables = await api.query(
      `query ($n: Int, $m: Int) { people(first: $n) { nodes { meetings(last: $m) { nodes { title } } } } }`,
      { n: 100, m: 100 },
    );
    expect(byVariables.errors![0]!.extensions!.code).toBe('QUERY_TOO_COMPLEX');
    expect(byVariables.errors![0]!.message).toContain('this query has 20201');
    const small = await api.query(`query ($n: Int) { people(first: $n) { nodes { meetings(first: $n) { nodes { title } } } } }`, { n: 10 });
    expect(small.errors).toBeUndefined();
    // Without first or last a connection counts as its default page of 20: 1 + (1 + (1 + 2 × 20)) × 20.
    const defaults = await api.query(`{ people { nodes { meetings { nodes { title } } } } }`);
    expect(defaults.errors).toBeUndefined();
  });

  test('more than 30 aliases is TOO_MANY_ALIASES', async () => {
    expect((await api.query(aliases(30))).errors).toBeUndefined();
    const { status, body } = await post(api.url, { query: aliases(31) });
    expect(status).toBe(200);
    expect(body.errors![0]!.extensions!.code).toBe('TOO_MANY_ALIASES');
    expect(body.errors![0]!.message).toBe('The query has too many aliases: the limit is 30, this query has 31.');
  });

  test('more than 2,000 tokens is TOO_MANY_TOKENS, before execution', async () => {
    // 16 tokens around the list.
    const kinds = (n: number) => `{ meetings(filter: { kinds: [${' VISIT'.repeat(n)} ] }) { totalCount } }`;
    expect((await api.query(kinds(1984))).errors).toBeUndefined();
    const { status, body } = await post(api.url, { query: kinds(1985) });
    expect(status).toBe(200);
    expect(body.errors![0]!.extensions!.code).toBe('TOO_MANY_TOKENS');
    expect(body.errors![0]!.message).toBe('The query has too many tokens: the limit is 2000, this query has 2001.');
  });

  test('batched requests (a JSON array of operations) are refused', async () => {
    const { status } = await post(api.url, [{ query: '{ __typename }' }, { query: '{ __typename }' }]);
    expect(status).toBe(400);
  });
});

describe('limits set by environment', () => {
  let small: TestServer;
  beforeAll(async () => {
    small = await startTestServer({
      env: { MAX_QUERY_DEPTH: '3', MAX_QUERY_COST: '100', MAX_ALIASES: '2', MAX_TOKENS: '20', MAX_BODY_BYTES: '1000' },
    });
  });
  afterAll(() => small.stop());

  test('MAX_QUERY_DEPTH', async () => {
    expect((await small.query('{ people(first: 1) { nodes { name } } }')).errors).toBeUndefined();
    const result = await small.query('{ people(first: 1) { nodes { country { name } } } }');
    expect(result.errors![0]!.extensions!.code).toBe('QUERY_TOO_DEEP');
    expect(result.errors![0]!.message).toBe('The query is too deep: the limit is 3, this query has 4.');
  });

  test('MAX_QUERY_COST', async () => {
    // 1 + (1 + (1 + 2 × 10)) × 10 = 221
    const cheap = await startTestServer({ env: { MAX_QUERY_COST: '100' } });
    const result = await cheap.query('query ($n: Int) { people(first: $n) { nodes { meetings(first: $n) { nodes { title } } } } }', { n: 10 }).finally(() => cheap.stop());
    expect(result.errors![0]!.extensions!.code).toBe('QUERY_TOO_COMPLEX');
    expect(result.errors![0]!.message).toBe('The query costs too much: the limit is 100, this query has 221.');
  });

  test('MAX_ALIASES', async () => {
    const result = await small.query(aliases(3));
    expect(result.errors![0]!.extensions!.code).toBe('TOO_MANY_ALIASES');
    expect(result.errors![0]!.message).toBe('The query has too many aliases: the limit is 2, this query has 3.');
  });

  test('MAX_TOKENS', async () => {
    const result = await small.query(`{ ${'__typename '.repeat(19)}}`); // 21 tokens
    expect(result.errors![0]!.extensions!.code).toBe('TOO_MANY_TOKENS');
    expect(result.errors![0]!.message).toBe('The query has too many tokens: the limit is 20, this query has 21.');
  });

  test('MAX_BODY_BYTES', async () => {
    const { status, body } = await post(small.url, { query: '{ __typename }', variables: { pad: 'x'.repeat(1000) } });
    expect(status).toBe(413);
    expect(body.errors![0]!.extensions!.code).toBe('PAYLOAD_TOO_LARGE');
    expect(body.errors![0]!.message).toBe('The request body exceeds 1000 bytes.');
  });

  test('a bad value stops start-up naming the variable', () => {
    for (const name of ['MAX_QUERY_DEPTH', 'MAX_QUERY_COST', 'MAX_ALIASES', 'MAX_TOKENS', 'MAX_BODY_BYTES', 'REQUEST_TIMEOUT_MS', 'HEADERS_TIMEOUT_MS', 'HTTP_REQUEST_TIMEOUT_MS', 'KEEP_ALIVE_TIMEOUT_MS']) {
      for (const bad of ['0', '-1', '1.5', 'ten']) {
        expect(() => readConfig({ [name]: bad })).toThrow(ConfigError);
        expect(() => readConfig({ [name]: bad })).toThrow(name);
      }
    }
    expect(() => readConfig({ HEADERS_TIMEOUT_MS: '5000', HTTP_REQUEST_TIMEOUT_MS: '1000' })).toThrow('HEADERS_TIMEOUT_MS');
  });
});

describe('timeouts', () => {
  test('a request running past REQUEST_TIMEOUT_MS is cut off with REQUEST_TIMEOUT and a 503', async () => {
    const heavy = `{ ${Array.from({ length: 40 }, (_, i) => `p${i}: people(first: 100) { nodes { name meetings(first: 100) { nodes { title participants { label person { name } } } } } }`).join(' ')} }`;
    const env = { MAX_ALIASES: '100', MAX_QUERY_COST: '100000000', MAX_TOKENS: '100000' };
    const quick = await startTestServer({ env: { ...env, REQUEST_TIMEOUT_MS: '1' } });
    try {
      const { status, body } = await post(quick.url, { query: heavy });
      expect(status).toBe(503);
      expect(body).toEqual({ errors: [{ message: 'The request ran longer than the limit of 1 ms and was cut off.', extensions: { code: 'REQUEST_TIMEOUT' } }] });
    } finally {
      await quick.stop();
    }
    const patient = await startTestServer({ env });
    try {
      expect((await post(patient.url, { query: heavy })).status).toBe(200);
    } finally {
      await patient.stop();
    }
  });

  describe('slow clients', () => {
    let slow: TestServer;
    beforeAll(async () => {
      slow = await startTestServer({ env: { HEADERS_TIMEOUT_MS: '200', HTTP_REQUEST_TIMEOUT_MS: '400', KEEP_ALIVE_TIMEOUT_MS: '200' } });
    });
    afterAll(() => slow.stop());

    /** Opens a socket, writes `text` and resolves with the ms until the server closes it. */
    const closedAfter = (text: string) =>
      new Promise<{ ms: number; reply: string }>((resolve, reject) => {
        const { port } = new URL(slow.url);
        const started = Date.now();
        let reply = '';
        const socket = net.connect(Number(port), '127.0.0.1', () => socket.write(text));
        socket.setEncoding('utf8');
        socket.on('data', (chunk: string) => (reply += chunk));
        socket.on('error', reject);
        socket.on('close', () => resolve({ ms: Date.now() - started, reply }));
        setTimeout(() => {
          socket.destroy();
          reject(new Error('the server kept a slow client connected'));
        }, 5000).unref();
      });

    test('half a request header is disconnected after HEADERS_TIMEOUT_MS', async () => {
      const { ms, reply } = await closedAfter('POST /graphql HTTP/1.1\r\nHost: localhost\r\n');
      expect(ms).toBeGreaterThanOrEqual(150);
      expect(ms).toBeLessThan(2000);
      expect(reply).toMatch(/^HTTP\/1\.1 408/);
    });

    test('half a request body is disconnected after HTTP_REQUEST_TIMEOUT_MS', async () => {
      const { ms } = await closedAfter('POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"query":');
      expect(ms).toBeGreaterThanOrEqual(300);
      expect(ms).toBeLessThan(2500);
    });

    test('an idle keep-alive connection is closed after KEEP_ALIVE_TIMEOUT_MS', async () => {
      const { ms, reply } = await closedAfter('GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n');
      expect(reply).toMatch(/^HTTP\/1\.1 200/);
      expect(ms).toBeLessThan(3000);
    });
  });
});
