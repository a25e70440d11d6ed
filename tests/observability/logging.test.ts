/** One JSON log line per GraphQL request, with its request id, operation, duration and error codes, and never a token or variable value. */
import { chooseRequestId } from '../../src/observability';
import { startObservedServer, type LogLine, type ObservedServer } from './harness';

const TOKEN = 'secret-writer-token-4f1c';
let api: ObservedServer;
beforeAll(async () => {
  api = await startObservedServer({ env: { API_TOKENS: TOKEN } });
});
afterAll(() => api.stop());

async function post(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const response = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  await response.text();
  return response;
}

/** The log lines of one request, once the response is done (the line is written on 'finish'). */
async function linesOf(requestId: string): Promise<LogLine[]> {
  for (let i = 0; i < 50; i++) {
    const lines = api.logs().filter((line) => line.requestId === requestId);
    if (lines.length) return lines;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return [];
}

describe('GraphQL request log lines', () => {
  test('a named query is one info line with id, name, type, duration, status and no errors', async () => {
    const response = await post({ query: 'query TopicCount { topics { totalCount } }' }, { 'x-request-id': 'req-123' });
    expect(response.headers.get('x-request-id')).toBe('req-123');
    const lines = await linesOf('req-123');
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line).toMatchObject({
      level: 30,
      msg: 'graphql request',
      requestId: 'req-123',
      operationName: 'TopicCount',
      operationType: 'query',
      errorCodes: [],
      statusCode: 200,
    });
    expect(typeof line!.durationMs).toBe('number');
    expect(line!.durationMs).toBeGreaterThan(0);
  });

  test('an anonymous query logs operationName null', async () => {
    const response = await post({ query: '{ topics { totalCount } }' });
    const [line] = await linesOf(response.headers.get('x-request-id')!);
    expect(line).toMatchObject({ operationName: null, operationType: 'query', errorCodes: [], statusCode: 200 });
  });

  test('a validation failure logs its code and its status (200 to an application/json client)', async () => {
    const response = await post({ query: 'query Broken { noSuchField }' });
    expect(response.status).toBe(200);
    const [line] = await linesOf(response.headers.get('x-request-id')!);
    expect(line).toMatchObject({ level: 30, operationName: 'Broken', operationType: 'query', errorCodes: ['GRAPHQL_VALIDATION_FAILED'], statusCode: 200 });
  });

  test('a resolver error logs BAD_USER_INPUT', async () => {
    const response = await post({ query: 'query BadCursor { meetings(first: 1, after: "not-a-cursor") { totalCount } }' });
    const [line] = await linesOf(response.headers.get('x-request-id')!);
    expect(line).toMatchObject({ operationName: 'BadCursor', operationType: 'query', errorCodes: ['BAD_USER_INPUT'] });
  });

  test('a malformed body, refused before Apollo, is still logged at info with its code', async () => {
    const response = await post('{"query": ');
    expect(response.status).toBe(400);
    const [line] = await linesOf(response.headers.get('x-request-id')!);
    expect(line).toMatchObject({ level: 30, msg: 'graphql request rejected', operationName: null, errorCodes: ['BAD_REQUEST'], statusCode: 400 });
  });

  test('the token, the Authorization header and variable values never reach the logs, even at debug', async () => {
    const secretValue = 'variable-value-that-may-be-secret';
    const response = await post(
      { query: 'mutation CreateTopic($input: CreateTopicInput!) { createTopic(input: $input) { topic { slug } } }', variables: { input: { name: secretValue } } },
      { authorization: `Bearer ${TOKEN}` },
    );
    expect(response.status).toBe(200);
    const [line] = await linesOf(response.headers.get('x-request-id')!);
    expect(line).toMatchObject({ operationName: 'CreateTopic', operationType: 'mutation', errorCodes: [], variableKeys: ['input'] });
    // A refused token too.
    await post({ query: 'mutation DeleteTopic($id: ID!) { deleteTopic(id: $id) { deletedId } }', variables: { id: 'x' } }, { authorization: 'Bearer wrong-token-9d2e' });
    await fetch(`${api.url}/health`, { headers: { authorization: `Bearer ${TOKEN}` } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(api.logs().some((entry) => entry.level === 20)).toBe(true);
    expect(api.rawLogs).not.toContain(TOKEN);
    expect(api.rawLogs).not.toContain('wrong-token-9d2e');
    expect(api.rawLogs).not.toMatch(/authorization/i);
    expect(api.rawLogs).not.toContain('Bearer');
    expect(api.rawLogs).not.toContain(secretValue);
  });
});

describe('request ids', () => {
  test('a safe incoming x-request-id is echoed back', async () => {
    const response = await fetch(`${api.url}/health`, { headers: { 'x-request-id': 'abc.DEF_123:x-y' } });
    expect(response.headers.get('x-request-id')).toBe('abc.DEF_123:x-y');
  });

  test.each([
    ['too long', 'a'.repeat(65)],
    ['with spaces', 'two words'],
    ['with quotes', 'a"b'],
    ['with a newline escape', 'a%0Ab'],
  ])('an unsafe incoming x-request-id (%s) is replaced with a UUID', async (_what, incoming) => {
    const response = await post({ query: '{ __typename }' }, { 'x-request-id': incoming });
    const id = response.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(await linesOf(id!)).toHaveLength(1);
    expect(api.rawLogs).not.toContain(incoming);
  });

  test('without one, each response gets a fresh UUID', async () => {
    const [a, b] = await Promise.all([post({ query: '{ __typename }' }), post({ query: '{ __typename }' })]);
    expect(a.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.headers.get('x-request-id')).not.toBe(b.headers.get('x-request-id'));
  });

  test('an id already in flight is not reused', () => {
    expect(chooseRequestId('dup-1', () => false)).toBe('dup-1');
    expect(chooseRequestId('dup-1', (id) => id === 'dup-1')).toMatch(/^[0-9a-f-]{36}$/);
    expect(chooseRequestId(['a', 'b'])).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('other routes', () => {
  test('/health and /metrics log at debug only, without query strings', async () => {
    const response = await fetch(`${api.url}/metrics?token=${TOKEN}`);
    await response.text();
    const [line] = await linesOf(response.headers.get('x-request-id')!);
    expect(line).toMatchObject({ level: 20, msg: 'http request', path: '/metrics', statusCode: 200 });
    expect(api.rawLogs).not.toContain(TOKEN);
  });

  test('/health reports the data version', async () => {
    const body = (await (await fetch(`${api.url}/health`)).json()) as { dataVersion: unknown };
    expect(typeof body.dataVersion).toBe('number');
  });
});
