/**
 * What error messages may say: no schema suggestions ("Did you mean …?") outside
 * development on any path (POST, GET, WebSocket), the schema's own type names (`Date`),
 * and the API's words for a reference to nothing, never where a store keeps its records.
 */
import { toGlobalId } from '../../src/schema/relay/global-id';
import { postGraphQL } from '../helpers/server-process';
import { startTestServer, type GraphQLResponse, type TestServer } from '../helpers/test-server';
import { openClient, Subscriber } from '../subscriptions/ws-helpers';

const TOKEN = 'error-messages-writer';

const ORDERED = 'query Ordered($o: MeetingOrder) { meetings(first: 1, orderBy: $o) { totalCount } }';
const FILTERED = 'query Filtered($f: MeetingFilter) { meetings(first: 1, filter: $f) { totalCount } }';
const CHANGES = 'subscription Changes($types: [EntityType!]) { changes(types: $types) { seq } }';

const ENUM_VALUE = 'Variable "$o" got invalid value "TITEL" at "o.field"; Value "TITEL" does not exist in "MeetingOrderField" enum.';
const INPUT_FIELD = 'Variable "$f" got invalid value { partcipants: ["antony-blinken"] }; Field "partcipants" is not defined by type "MeetingFilter".';
const WS_ENUM_VALUE = 'Variable "$types" got invalid value "PERSN" at "types[0]"; Value "PERSN" does not exist in "EntityType" enum.';

/** GETs an operation the way a cacheable client does. */
async function get(api: TestServer, query: string, variables: Record<string, unknown>): Promise<{ status: number; body: GraphQLResponse }> {
  const url = `${api.url}/graphql?query=${encodeURIComponent(query)}&variables=${encodeURIComponent(JSON.stringify(variables))}`;
  const response = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
  return { status: response.status, body: (await response.json()) as GraphQLResponse };
}

/** The errors a subscription over graphql-ws fails with. */
async function subscriptionErrors(api: TestServer, variables: Record<string, unknown>): Promise<unknown> {
  const { client } = openClient(api.url);
  try {
    return await new Subscriber(client, CHANGES, variables).failure();
  } finally {
    await client.dispose();
  }
}

describe('outside development', () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer({ env: { API_TOKENS: TOKEN } });
  });
  afterAll(() => api.stop());

  test('a misspelt enum value in a variable suggests nothing (POST)', async () => {
    const { status, body } = await postGraphQL(`${api.url}/graphql`, ORDERED, { o: { field: 'TITEL', direction: 'ASC' } });
    expect(status).toBe(200);
    expect(body).toEqual({ errors: [{ message: ENUM_VALUE, locations: [{ line: 1, column: 15 }], extensions: { code: 'BAD_USER_INPUT' } }] });
  });

  test('a misspelt input field in a variable suggests nothing (POST)', async () => {
    const { body } = await postGraphQL(`${api.url}/graphql`, FILTERED, { f: { partcipants: ['antony-blinken'] } });
    expect(body).toEqual({ errors: [{ message: INPUT_FIELD, locations: [{ line: 1, column: 16 }], extensions: { code: 'BAD_USER_INPUT' } }] });
  });

  test('a misspelt enum value in a variable suggests nothing (GET)', async () => {
    const { body } = await get(api, ORDERED, { o: { field: 'TITEL', direction: 'ASC' } });
    expect(body).toEqual({ errors: [{ message: ENUM_VALUE, locations: [{ line: 1, column: 15 }], extensions: { code: 'BAD_USER_INPUT' } }] });
  });

  test('a misspelt enum value in a variable suggests nothing (graphql-ws)', async () => {
    expect(await subscriptionErrors(api, { types: ['PERSN'] })).toEqual([{ message: WS_ENUM_VALUE, locations: [{ line: 1, column: 22 }], extensions: { code: 'BAD_USER_INPUT' } }]);
  });

  test('a misspelt field in the document suggests nothing (graphql-ws)', async () => {
    const { client } = openClient(api.url);
    try {
      const errors = await new Subscriber(client, 'subscription Changes { changes { sek } }').failure();
      expect(errors).toEqual([{ message: 'Cannot query field "sek" on type "Change".', locations: [{ line: 1, column: 34 }], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }]);
    } finally {
      await client.dispose();
    }
  });

  test('a resolver message that happens to end in a question is left as written', async () => {
    // Suggestions are stripped only from errors about the request (no path), which graphql-js writes.
    const result = await api.query('query { meetings(first: -1) { totalCount } }');
    expect(result.errors![0]).toMatchObject({ path: ['meetings'], extensions: { code: 'BAD_USER_INPUT' } });
  });

  test('an impossible day names the schema\'s Date type, in a variable and in the document', async () => {
    const variable = await api.query(FILTERED, { f: { from: '2023-02-30' } });
    expect(variable.errors).toEqual([
      {
        message: 'Variable "$f" got invalid value "2023-02-30" at "f.from"; Date must be a real calendar day as YYYY-MM-DD, e.g. "2023-04-30"; got "2023-02-30".',
        locations: [{ line: 1, column: 16 }],
        extensions: { code: 'BAD_USER_INPUT' },
      },
    ]);
    const literal = await api.query('query { meetings(filter: { from: 20230430 }) { totalCount } }');
    expect(literal.errors).toEqual([
      { message: 'Date must be a real calendar day as YYYY-MM-DD, e.g. "2023-04-30"; got 20230430.', locations: [{ line: 1, column: 34 }], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
    ]);
    expect(JSON.stringify([variable, literal])).not.toContain('LocalDate');
  });

  test('a reference to nothing in a mutation speaks of the type and the slug, not of files', async () => {
    const { body } = await postGraphQL(
      `${api.url}/graphql`,
      'mutation CreatePlace($input: CreatePlaceInput!) { createPlace(input: $input) { place { slug } } }',
      { input: { name: 'Almaty', kind: 'CITY', countryId: 'atlantis' } },
      { token: TOKEN },
    );
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: 'input.countryId: unknown Country "atlantis": no Country has this slug',
        extensions: { code: 'BAD_USER_INPUT', fields: [{ path: 'input.countryId', message: 'unknown Country "atlantis": no Country has this slug' }] },
      }),
    ]);
  });

  test('an unknown id to update is NOT_FOUND echoing the value given', async () => {
    const { body } = await postGraphQL(
      `${api.url}/graphql`,
      'mutation Rename($id: ID!) { updateTopic(id: $id, input: { name: "Arms control" }) { topic { slug } } }',
      { id: 'arms-control' },
      { token: TOKEN },
    );
    expect(body.errors).toEqual([expect.objectContaining({ message: 'No Topic has the id or slug "arms-control".', extensions: { code: 'NOT_FOUND', argumentName: 'id' } })]);
    const byId = await postGraphQL(`${api.url}/graphql`, 'mutation Delete($id: ID!) { deleteTopic(id: $id) { deletedId } }', { id: toGlobalId('Topic', 'arms-control') }, { token: TOKEN });
    expect(byId.body.errors![0]!.message).toBe(`No Topic has the id or slug "${toGlobalId('Topic', 'arms-control')}".`);
  });
});

describe('in development', () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer({ env: { NODE_ENV: 'development' } });
  });
  afterAll(() => api.stop());

  test('variable errors keep their suggestions', async () => {
    const { body } = await postGraphQL(`${api.url}/graphql`, ORDERED, { o: { field: 'TITEL', direction: 'ASC' } });
    expect(body.errors![0]!.message).toBe(`${ENUM_VALUE} Did you mean the enum value "TITLE" or "DATE"?`);
  });

  test('subscription variable errors keep their suggestions', async () => {
    expect(await subscriptionErrors(api, { types: ['PERSN'] })).toEqual([expect.objectContaining({ message: `${WS_ENUM_VALUE} Did you mean the enum value "PERSON"?` })]);
  });
});
