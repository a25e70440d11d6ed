/**
 * `_entities` and `_service` on a server with FEDERATION=1, over HTTP: representations
 * resolve by global id through the request's loaders, a bad one is a coded error at its
 * own index, `_entities` is costed once per representation, and the server's other
 * guarantees (response cache, write auth) hold as without federation.
 */
import { Kind, parse, print } from 'graphql';
import { toGlobalId } from '../../src/schema/relay/global-id';
import { postGraphQL, type HttpResult } from '../helpers/server-process';
import { batchesBetween, startTestServer, type TestServer } from '../helpers/test-server';

/** A cost limit small enough to reach with a few hundred representations. */
const MAX_QUERY_COST = 1000;
const TOKEN = 'federation-test-token';

const UMAROV = toGlobalId('Person', 'kairat-umarov');
const BLINKEN = toGlobalId('Person', 'antony-blinken');
const C5_PLUS_1 = toGlobalId('Meeting', 'c5-plus-1-ministerial-astana-2023');
const NOBODY = toGlobalId('Person', 'nobody-by-this-name');

const ENTITIES = `query Entities($representations: [_Any!]!) {
  _entities(representations: $representations) {
    __typename
    ... on Person { id name }
    ... on Meeting { title }
  }
}`;

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer({ env: { FEDERATION: '1', MAX_QUERY_COST: String(MAX_QUERY_COST), API_TOKENS: TOKEN } });
});
afterAll(() => api.stop());

const post = (query: string, variables?: Record<string, unknown>, token?: string): Promise<HttpResult> =>
  postGraphQL(`${api.url}/graphql`, query, variables, { token });

/** `n` representations of people, every one of Umarov. */
const people = (n: number) => Array.from({ length: n }, () => ({ __typename: 'Person', id: UMAROV }));

async function responseCacheHits(): Promise<number> {
  const text = await (await fetch(`${api.url}/metrics`)).text();
  return Number(/^response_cache_requests_total\{result="hit"\} (\d+)$/m.exec(text)?.[1] ?? 0);
}

describe('_service', () => {
  test('answers the subgraph SDL, with a key on each entity', async () => {
    const { status, body } = await post('query Service { _service { sdl } }');
    expect(status).toBe(200);
    const sdl = parse((body.data as { _service: { sdl: string } })._service.sdl);
    const person = sdl.definitions.find((definition) => definition.kind === Kind.OBJECT_TYPE_DEFINITION && definition.name.value === 'Person');
    expect(person && 'directives' in person ? person.directives?.map((directive) => print(directive)) : null).toEqual(['@key(fields: "id")']);
  });
});

describe('_entities', () => {
  test('resolves representations in order by global id, null where none has the id', async () => {
    const representations = [
      { __typename: 'Person', id: UMAROV },
      { __typename: 'Person', id: NOBODY },
      { __typename: 'Meeting', id: C5_PLUS_1 },
      { __typename: 'Person', id: BLINKEN },
    ];
    const response = await post(ENTITIES, { representations });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      data: {
        _entities: [
          { __typename: 'Person', id: UMAROV, name: 'Kairat Umarov' },
          null,
          { __typename: 'Meeting', title: 'C5+1 ministerial meeting in Astana' },
          { __typename: 'Person', id: BLINKEN, name: 'Antony Blinken' },
        ],
      },
    });
  });

  test('loads the entities of one type in one batch', async () => {
    const before = await api.batchCounts();
    const representations = [UMAROV, BLINKEN, NOBODY].map((id) => ({ __typename: 'Person', id })).concat({ __typename: 'Meeting', id: C5_PLUS_1 });
    // An operation of its own, so that no response the cache kept answers it.
    const response = await post(ENTITIES.replace('query Entities', 'query EntitiesBatched'), { representations });
    expect(response.body.errors).toBeUndefined();
    expect(batchesBetween(before, await api.batchCounts())).toEqual({ Person: 1, Meeting: 1 });
  });

  test('answers a bad representation with BAD_USER_INPUT at its index, and still resolves the others', async () => {
    const representations = [
      { __typename: 'Person', id: UMAROV },
      { __typename: 'FuzzyDate', id: UMAROV },
      { __typename: 'Person', id: 'not-an-id!' },
      { __typename: 'Person', id: C5_PLUS_1 },
      { __typename: 'Person' },
      'Person',
    ];
    const response = await post(ENTITIES, { representations });
    expect(response.status).toBe(200);
    const error = (index: number, message: string) => ({
      message: `"representations[${index}]": ${message}`,
      locations: [{ line: 2, column: 3 }],
      path: ['_entities', index],
      extensions: { code: 'BAD_USER_INPUT', argumentName: 'representations' },
    });
    expect(response.body).toEqual({
      data: { _entities: [{ __typename: 'Person', id: UMAROV, name: 'Kairat Umarov' }, null, null, null, null, null] },
      errors: [
        error(1, 'expected "__typename" to be an entity type of this subgraph (Source, Meeting, Organization, Person, Place, Country, Topic, Office, Tenure); got "FuzzyDate".'),
        error(2, '"not-an-id!" is not an id this API issued.'),
        error(3, `"${C5_PLUS_1}" is the id of a Meeting, not of a Person.`),
        error(4, 'expected "id", the global id of a Person; got undefined.'),
        error(5, 'expected an object with "__typename" and "id"; got "Person".'),
      ],
    });
  });

  test('costs its selection once per representation: over MAX_QUERY_COST it is QUERY_TOO_COMPLEX (HTTP 200 to an application/json client)', async () => {
    // 1 for _entities, plus 1 (`name`) for each representation.
    const within = await post('query Names($r: [_Any!]!) { _entities(representations: $r) { ... on Person { name } } }', { r: people(MAX_QUERY_COST - 1) });
    expect(within.status).toBe(200);
    expect(within.body.errors).toBeUndefined();
    const over = await post('query Names($r: [_Any!]!) { _entities(representations: $r) { ... on Person { name } } }', { r: people(MAX_QUERY_COST) });
    expect(over.status).toBe(200);
    expect(over.body).toEqual({
      errors: [
        {
          message: `The query costs too much: the limit is ${MAX_QUERY_COST}, this query has ${MAX_QUERY_COST + 1}.`,
          extensions: { code: 'QUERY_TOO_COMPLEX', limit: MAX_QUERY_COST, actual: MAX_QUERY_COST + 1 },
        },
      ],
    });
  });

  test('is costed per representation when selected through a fragment too', async () => {
    const query = `query Spread($r: [_Any!]!) { ...Entities }
      fragment Entities on Query { _entities(representations: $r) { ... on Person { name } } }`;
    const over = await post(query, { r: people(MAX_QUERY_COST) });
    expect(over.status).toBe(200);
    expect(over.body.errors?.map((error) => error.extensions?.code)).toEqual(['QUERY_TOO_COMPLEX']);
  });

  test('a repeated request is answered from the response cache', async () => {
    const representations = [{ __typename: 'Person', id: BLINKEN }];
    const first = await post(ENTITIES.replace('query Entities', 'query EntitiesCached'), { representations });
    const hits = await responseCacheHits();
    const second = await post(ENTITIES.replace('query Entities', 'query EntitiesCached'), { representations });
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(await responseCacheHits()).toBe(hits + 1);
  });
});

describe('the rest of the API, served as a subgraph', () => {
  test('answers queries as without federation', async () => {
    const response = await post('query Umarov { person(slug: "kairat-umarov") { id name offices { title } } }');
    expect(response.body).toEqual({ data: { person: { id: UMAROV, name: 'Kairat Umarov', offices: [{ title: 'First Deputy Foreign Minister' }] } } });
  });

  // Tracing would make Apollo wrap every resolver of the schema (src/federation/subgraph-plugins.ts).
  test('adds no federated trace (ftv1) to a response, even when asked for one', async () => {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'apollo-federation-include-trace': 'ftv1' },
      body: JSON.stringify({ query: 'query Traced { person(slug: "antony-blinken") { name } }' }),
    });
    expect(await response.json()).toEqual({ data: { person: { name: 'Antony Blinken' } } });
  });

  test('writes still need a token: without one, UNAUTHENTICATED with HTTP 401', async () => {
    const response = await post('mutation CreateTopic($input: CreateTopicInput!) { createTopic(input: $input) { topic { slug } } }', { input: { name: 'Federation' } });
    expect(response.status).toBe(401);
    expect(response.body.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });

  test('writes with a token are applied', async () => {
    const response = await post('mutation CreateTopic($input: CreateTopicInput!) { createTopic(input: $input) { topic { slug } } }', { input: { name: 'Federation' } }, TOKEN);
    expect(response.body).toEqual({ data: { createTopic: { topic: { slug: 'federation' } } } });
  });
});
