/**
 * Issue 13, "one request must not stall the server": each hostile request is refused with
 * its code before it runs, or answered within the bounds documented in docs/query-limits.md.
 */
import { getIntrospectionQuery } from 'graphql';
import { toGlobalId } from '../../src/schema/relay/global-id';
import { startTestServer, type GraphQLResponse, type TestServer } from '../helpers/test-server';

const post = async (url: string, body: unknown) => {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: text });
  return { status: response.status, body: (await response.json()) as GraphQLResponse };
};

/** The JSON of a value `depth` lists deep (as text: JSON.stringify itself overflows at 5,000). */
const nested = (depth: number): string => `${'['.repeat(depth)}1${']'.repeat(depth)}`;

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
});
afterAll(() => api.stop());

describe('variables are bounded before anything walks them', () => {
  test('5,000 levels of nested lists are BAD_REQUEST, 400, not a 500', async () => {
    const { status, body } = await post(api.url, `{"query":"{ __typename }","variables":{"v":${nested(5000)}}}`);
    expect(status).toBe(400);
    expect(body.errors![0]!.extensions!.code).toBe('BAD_REQUEST');
    expect(body.errors![0]!.message).toBe('The variables nest lists and objects deeper than 32 levels.');
  });

  test('the same in a GET query string', async () => {
    const variables = encodeURIComponent(`{"v":${nested(1000)}}`); // 5,000 would pass the URL's header limit (431)
    const response = await fetch(`${api.url}/graphql?query=${encodeURIComponent('{ __typename }')}&variables=${variables}`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as GraphQLResponse).errors![0]!.extensions!.code).toBe('BAD_REQUEST');
  });

  test('more than 10,000 values in all are BAD_REQUEST', async () => {
    const { status, body } = await post(api.url, { query: '{ __typename }', variables: { a: Array(6000).fill(1), b: Array(6000).fill('x') } });
    expect(status).toBe(400);
    expect(body.errors![0]!.message).toBe('The variables hold more than 10000 values.');
  });

  test('32 levels, and 10,000 values, still run', async () => {
    const deep = await post(api.url, `{"query":"{ __typename }","variables":{"v":${nested(32)}}}`);
    expect(deep.body).toEqual({ data: { __typename: 'Query' } });
    const many = await post(api.url, { query: '{ __typename }', variables: { a: Array(9999).fill(1) } });
    expect(many.body).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('filter lists are bounded and de-duplicated', () => {
  const COUNT = 'query ($c: [String!], $p: [ID!]) { meetings(filter: { countries: $c, participants: $p }) { totalCount } }';

  test('more than 100 values in one list is BAD_USER_INPUT naming the argument, before any work', async () => {
    const { body } = await post(api.url, { query: COUNT, variables: { c: Array(101).fill('KZ') } });
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'filter.countries' });
    expect(body.errors![0]!.message).toBe('"filter.countries" may hold at most 100 values; got 101.');
    const people = await post(api.url, { query: COUNT, variables: { p: Array(5000).fill('antony-blinken') } });
    expect(people.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'filter.participants' });
  });

  test("the issue's 20,000 repeats are refused by the variables' bound (BAD_REQUEST)", async () => {
    const { status, body } = await post(api.url, { query: COUNT, variables: { c: Array(20_000).fill('KZ') } });
    expect(status).toBe(400);
    expect(body.errors![0]!.extensions!.code).toBe('BAD_REQUEST');
  });

  test('repeats, and an id, slug and ISO code of one country, count as one value', async () => {
    const once = await post(api.url, { query: COUNT, variables: { c: ['KZ'] } });
    const total = once.body.data!.meetings.totalCount as number;
    expect(total).toBeGreaterThan(0);
    const repeated = await post(api.url, { query: COUNT, variables: { c: [...Array(97).fill('KZ'), 'kz', 'kazakhstan', toGlobalId('Country', 'kazakhstan')] } });
    expect(repeated.body).toEqual({ data: { meetings: { totalCount: total } } });
  });

  test('the `…All` lists at their bound, 100 distinct values each, intersect postings and answer', async () => {
    const ALL = 'query ($c: [String!], $p: [ID!]) { meetings(filter: { countriesAll: $c, participantsAll: $p }) { totalCount } }';
    const countries = ['KZ', 'US', ...Array.from({ length: 98 }, (_, i) => `country-${i}`)];
    const people = ['antony-blinken', ...Array.from({ length: 99 }, (_, i) => `person-${i}`)];
    // Not the request timeout: PostgreSQL once planned a subquery per value, over 10 s.
    const { body } = await post(api.url, { query: ALL, variables: { c: countries, p: people } });
    expect(body).toEqual({ data: { meetings: { totalCount: 0 } } });
    // The values every meeting involves: all of them match.
    const every = await post(api.url, { query: ALL, variables: { c: ['KZ', 'US', 'kazakhstan', toGlobalId('Country', 'united-states')], p: ['antony-blinken'] } });
    expect(every.body).toEqual({ data: { meetings: { totalCount: 3 } } });
  });
});

describe('lists cost by the size they can return', () => {
  const person = toGlobalId('Person', 'antony-blinken');
  const MEETINGS = '... on Person { name meetings(first: 100) { nodes { title id } } }';

  test("the issue's five aliases of nodes(ids: 100 ids) { meetings(first: 100) } are refused as people(first: 100) is", async () => {
    const query = `query ($ids: [ID!]!) { ${[1, 2, 3, 4, 5].map((i) => `a${i}: nodes(ids: $ids) { ${MEETINGS} }`).join(' ')} }`;
    const { body } = await post(api.url, { query, variables: { ids: Array(100).fill(person) } });
    expect(body.data).toBeUndefined();
    expect(body.errors![0]!.extensions!.code).toBe('QUERY_TOO_COMPLEX');
    // One alias: 1 + 100 × (name 1 + meetings (1 + 100 × (nodes 1 + 2))) = 30,201.
    const one = await post(api.url, { query: `query ($ids: [ID!]!) { nodes(ids: $ids) { ${MEETINGS} } }`, variables: { ids: Array(100).fill(person) } });
    expect(one.body.errors![0]!.message).toBe('The query costs too much: the limit is 20000, this query has 30201.');
  });

  test('nodes costs one selection per id: a few ids run', async () => {
    const { body } = await post(api.url, { query: `query ($ids: [ID!]!) { nodes(ids: $ids) { ${MEETINGS} } }`, variables: { ids: [person, person] } });
    expect(body.errors).toBeUndefined();
    expect(body.data!.nodes).toHaveLength(2);
  });

  test('a source text costs one per KiB it may hold: 100 of them (up to 100 MiB) are refused, a few run', async () => {
    const { body } = await post(api.url, { query: '{ sources(first: 100) { nodes { text } } }' });
    expect(body.errors![0]!.extensions!.code).toBe('QUERY_TOO_COMPLEX');
    expect(body.errors![0]!.message).toBe('The query costs too much: the limit is 20000, this query has 102501.');
    const few = await post(api.url, { query: '{ sources(first: 10) { nodes { slug text } } }' });
    expect(few.body.errors).toBeUndefined();
    expect((few.body.data!.sources as { nodes: { text: string | null }[] }).nodes.some((source) => (source.text ?? '').includes('Kairat Umarov'))).toBe(true);
  });

  test('search costs its selection × first', async () => {
    const { body } = await post(api.url, { query: `{ search(query: "a", first: 100) { ${MEETINGS} } }` });
    expect(body.errors![0]!.message).toBe('The query costs too much: the limit is 20000, this query has 30201.');
    const few = await post(api.url, { query: `{ search(query: "blinken", first: 5) { ${MEETINGS} } }` });
    expect(few.body.errors).toBeUndefined();
  });
});

describe('search words are bounded', () => {
  const letters = Array.from({ length: 100 }, (_, i) => String.fromCharCode(97 + (i % 26))).join(' ');

  test("the issue's 100 one-letter words are BAD_USER_INPUT naming query", async () => {
    const { body } = await post(api.url, { query: `{ search(query: "${letters}", first: 100) { id } }` });
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'query' });
    expect(body.errors![0]!.message).toBe('"query" may hold at most 10 different words; got 26.');
  });

  test('a one-letter word matches whole words only, not as a prefix of most of the index; two letters match as a prefix', async () => {
    const names = async (query: string) => {
      const { body } = await post(api.url, { query: `{ search(query: ${JSON.stringify(query)}, first: 100) { ... on Country { name } ... on Person { name } } }` });
      expect(body.errors).toBeUndefined();
      return (body.data!.search as { name?: string }[]).map((hit) => hit.name).filter(Boolean);
    };
    expect(await names('k')).toEqual([]);
    expect(await names('ka')).toEqual(expect.arrayContaining(['Kazakhstan', 'Kairat Umarov']));
    expect(await names('kazakhstan')).toContain('Kazakhstan');
  });

  test('a word repeated is searched once: the same answer as the word alone', async () => {
    const once = await post(api.url, { query: '{ search(query: "blinken", first: 5) { id } }' });
    expect((once.body.data!.search as unknown[]).length).toBeGreaterThan(0);
    const repeated = await post(api.url, { query: `{ search(query: "${Array(25).fill('Blinken').join(' ')}", first: 5) { id } }` });
    expect(repeated.body).toEqual(once.body);
  });
});

describe('introspection is costed like any query', () => {
  const DEEP_SCHEMA = `fragment Deep on __Schema { types { name fields { name args { name type { name ofType { name ofType { name } } } }
    type { name ofType { name ofType { name } } } } } }`;

  test('the IDE and SDK introspection query still runs', async () => {
    const { body } = await post(api.url, { query: getIntrospectionQuery() });
    expect(body.errors).toBeUndefined();
    expect(body.data!.__schema.types.length).toBeGreaterThan(20);
  });

  test("the issue's 30 aliases of a deep __schema fragment are QUERY_TOO_COMPLEX", async () => {
    const query = `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: __schema { ...Deep }`).join(' ')} } ${DEEP_SCHEMA}`;
    const { body } = await post(api.url, { query });
    expect(body.data).toBeUndefined();
    expect(body.errors![0]!.extensions!.code).toBe('QUERY_TOO_COMPLEX');
  });

  test("the schema's introspection answer is kept by the response cache (a GET naming its ETag gets 304)", async () => {
    const url = `${api.url}/graphql?query=${encodeURIComponent(getIntrospectionQuery())}`;
    const first = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await fetch(url, { headers: { 'apollo-require-preflight': 'true', 'if-none-match': etag! } });
    expect(again.status).toBe(304);
  });
});
