/** Relay global object identification: every entity round-trips through node(id) and nodes(ids). */
import { startTestServer, type TestServer } from '../helpers/test-server';

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
});
afterAll(() => api.stop());

const LISTS = {
  Person: 'people',
  Office: 'offices',
  Organization: 'organizations',
  Country: 'countries',
  Place: 'places',
  Meeting: 'meetings',
  Topic: 'topics',
  Source: 'sources',
} as const;

describe('node', () => {
  test.each(Object.entries(LISTS))('every %s round-trips through node(id)', async (typename, list) => {
    const { [list]: connection } = await api.data(`query All { ${list}(first: 100) { nodes { __typename id slug } } }`);
    expect(connection.nodes.length).toBeGreaterThan(0);
    for (const entity of connection.nodes) {
      expect(entity.__typename).toBe(typename);
      const { node } = await api.data('query Node($id: ID!) { node(id: $id) { __typename id ... on Person { slug } ... on Office { slug } ... on Organization { slug } ... on Country { slug } ... on Place { slug } ... on Meeting { slug } ... on Topic { slug } ... on Source { slug } } }', { id: entity.id });
      expect(node).toEqual(entity);
    }
  });

  test('tenures are nodes too', async () => {
    const { person } = await api.data('query T { person(slug: "antony-blinken") { tenures { id slug } } }');
    const [tenure] = person.tenures;
    const { node } = await api.data('query N($id: ID!) { node(id: $id) { __typename ... on Tenure { slug person { name } } } }', { id: tenure.id });
    expect(node).toEqual({ __typename: 'Tenure', slug: 'antony-blinken-as-secretary-of-state', person: { name: 'Antony Blinken' } });
  });

  test('ids are opaque and differ across types', async () => {
    const data = await api.data('query Ids { country(slug: "kazakhstan") { id } person(slug: "kairat-umarov") { id } }');
    expect(data.country.id).not.toContain('kazakhstan');
    expect(data.country.id).not.toBe(data.person.id);
  });

  test('nodes(ids) answers in the order asked, with null for ids that name nothing', async () => {
    const { person, country } = await api.data('query Ids { person(slug: "victoria-nuland") { id } country(slug: "russia") { id } }');
    const missing = Buffer.from('Person:nobody').toString('base64url');
    const data = await api.data('query Nodes($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }', { ids: [country.id, missing, person.id] });
    expect(data.nodes).toEqual([{ __typename: 'Country', id: country.id }, null, { __typename: 'Person', id: person.id }]);
  });

  test('a malformed id is BAD_USER_INPUT; a well-formed unknown one is null', async () => {
    const bad = await api.query('query Node { node(id: "definitely not an id") { id } }');
    expect(bad).toEqual({
      data: { node: null },
      errors: [expect.objectContaining({ message: '"id": "definitely not an id" is not an id this API issued.', path: ['node'], extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })],
    });
    const unknown = await api.query('query Node($id: ID!) { node(id: $id) { id } }', { id: Buffer.from('Meeting:never-held').toString('base64url') });
    expect(unknown).toEqual({ data: { node: null } });
  });

  test('nodes refuses more than 100 ids', async () => {
    const result = await api.query('query Nodes($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: Array(101).fill('x') });
    expect(result.errors![0]).toEqual(expect.objectContaining({ message: '"ids" may hold at most 100 ids; got 101.', extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }));
  });
});

describe('singular lookups', () => {
  test.each(['person', 'office', 'organization', 'place', 'meeting', 'topic', 'source'])('%s(slug) with a malformed slug is BAD_USER_INPUT', async (field) => {
    const result = await api.query(`query Lookup { ${field}(slug: "Not A Slug") { id } }`);
    expect(result.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(result.data).toEqual({ [field]: null });
  });

  test('country needs exactly one of slug and isoCode', async () => {
    const neither = await api.query('query C { country { id } }');
    const both = await api.query('query C { country(slug: "kazakhstan", isoCode: "KZ") { id } }');
    for (const result of [neither, both]) {
      expect(result.errors![0]).toEqual(expect.objectContaining({ message: 'Give exactly one of "slug" and "isoCode".', extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }));
    }
  });
});
