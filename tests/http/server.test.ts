/** The HTTP surface: health, errors with codes, no stack traces outside development. */
import { STORE_UNDER_TEST } from '../helpers/store-under-test';
import { startTestServer, type TestServer } from '../helpers/test-server';

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
});
afterAll(() => api.stop());

describe('HTTP', () => {
  test('GET /health reports the store, the data version, whether indexes are still being built, and what the store holds', async () => {
    await api.store.indexed;
    const response = await fetch(`${api.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      store: STORE_UNDER_TEST,
      dataVersion: 0,
      indexing: false,
      counts: { Country: 7, Place: 7, Organization: 9, Person: 6, Office: 12, Tenure: 6, Topic: 10, Source: 5, Meeting: 8 },
    });
  });

  test('a malformed JSON body is a 400 with a code, not an HTML stack trace', async () => {
    const response = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
  });

  test('a body over 2 MB is a 413', async () => {
    const body = JSON.stringify({ query: `{ __typename }`, variables: { pad: 'x'.repeat(2 * 1024 * 1024) } });
    const response = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  test('an unknown path is a 404 with a code', async () => {
    const response = await fetch(`${api.url}/nowhere`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('NOT_FOUND');
  });

  test('a syntax error is GRAPHQL_PARSE_FAILED without a stack trace', async () => {
    const result = await api.query('query { people {');
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.extensions).toEqual({ code: 'GRAPHQL_PARSE_FAILED' });
  });

  test('an unknown field is GRAPHQL_VALIDATION_FAILED and suggests nothing outside development', async () => {
    const result = await api.query('query { peple { totalCount } }');
    expect(result.errors![0]!.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
    expect(result.errors![0]!.message).not.toContain('Did you mean');
  });

  test('resolver errors carry a code and no stack trace', async () => {
    const result = await api.query('query { meetings(first: 500) { totalCount } }');
    expect(result.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', argumentName: 'first' });
  });

  test('introspection is on by default', async () => {
    const data = await api.data('query { __schema { queryType { name } } }');
    expect(data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });
});

describe('configuration', () => {
  test('INTROSPECTION=false turns introspection off', async () => {
    const closed = await startTestServer({ env: { INTROSPECTION: 'false' } });
    try {
      const result = await closed.query('query { __schema { queryType { name } } }');
      expect(result.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    } finally {
      await closed.stop();
    }
  });

  test('NODE_ENV=development shows stack traces', async () => {
    const dev = await startTestServer({ env: { NODE_ENV: 'development' } });
    try {
      const result = await dev.query('query { meetings(first: 500) { totalCount } }');
      expect(result.errors![0]!.extensions!.stacktrace).toEqual(expect.arrayContaining([expect.stringContaining('BadUserInputError')]));
    } finally {
      await dev.stop();
    }
  });
});
