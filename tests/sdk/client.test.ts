/**
 * The typed SDK against a real server over HTTP: typed reads and paging, writes with a
 * bearer token, and every failure as an EntenteError with a code.
 */
import { createServer as createNetServer } from 'node:net';
import { createClient, EntenteError, type MeetingSummaryFragment, type Sdk } from '../../sdk/src';
import { startTestServer, type TestServer } from '../helpers/test-server';

const TOKEN = 'sdk-writer-token';

let api: TestServer;
let reader: Sdk;
let writer: Sdk;
beforeAll(async () => {
  api = await startTestServer({ env: { API_TOKENS: TOKEN } });
  reader = createClient({ url: `${api.url}/graphql` });
  writer = createClient({ url: `${api.url}/graphql`, token: TOKEN });
});
afterAll(() => api.stop());

/** The rejection of `promise`, which must be an EntenteError. */
async function rejection(promise: Promise<unknown>): Promise<EntenteError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(EntenteError);
  return error as EntenteError;
}

describe('typed reads', () => {
  test('a person by slug, with offices and a page of meetings', async () => {
    const { person } = await reader.PersonBySlug({ slug: 'kairat-umarov', first: 2, orderBy: { field: 'TITLE', direction: 'ASC' } });
    expect(person).toMatchObject({ name: 'Kairat Umarov', country: { isoCode: 'KZ' }, offices: [{ title: 'First Deputy Foreign Minister' }] });
    expect(person?.meetings.totalCount).toBe(5);
    expect(person?.meetings.pageInfo.hasNextPage).toBe(true);
    expect(person?.meetings.nodes.map((meeting) => meeting.title)).toEqual(['Kairat Umarov meets Mallory Stewart', 'Kairat Umarov meets Richard Verma']);
    expect(person?.meetings.nodes[0]?.date).toEqual({ label: 'between 21 February and 30 April 2023', earliest: '2023-02-21', latest: '2023-04-30', precision: 'DAY_RANGE' });
  });

  test('an unknown slug is null, not an error', async () => {
    expect(await reader.PersonBySlug({ slug: 'no-such-person' })).toEqual({ person: null });
  });

  test('meetings with a filter, paged forward with endCursor until the last page', async () => {
    const filter = { topics: ['energy'], countries: ['KZ'], from: '2023-01-01', to: '2023-12-31' };
    const seen: MeetingSummaryFragment[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page += 1) {
      const { meetings } = await reader.Meetings({ first: 1, after, filter, orderBy: { field: 'TITLE', direction: 'ASC' } });
      expect(meetings.totalCount).toBe(2);
      seen.push(...meetings.nodes);
      if (!meetings.pageInfo.hasNextPage) break;
      after = meetings.pageInfo.endCursor;
    }
    expect(seen.map((meeting) => meeting.title)).toEqual([
      'Antony Blinken meets Kassym-Jomart Tokayev',
      "Kairat Umarov's visit to the United States",
    ]);
    for (const meeting of seen) expect(meeting.topics.map((topic) => topic.slug)).toContain('energy');
  });

  test('search hits narrow by __typename, and node fetches a hit again by its global id', async () => {
    const { search } = await reader.Search({ query: 'tokáyev', first: 3 });
    expect(search.map((hit) => hit.__typename)).toEqual(['Person', 'Meeting']);
    const [person] = search;
    if (person?.__typename !== 'Person') throw new Error('expected a Person first');
    expect(person.name).toBe('Kassym-Jomart Tokayev');

    expect(await reader.Node({ id: person.id })).toEqual({ node: { __typename: 'Person', id: person.id, slug: 'kassym-jomart-tokayev', name: 'Kassym-Jomart Tokayev' } });
  });

  test('an operation without required variables needs no argument', async () => {
    const { topics } = await reader.Topics();
    expect(topics.totalCount).toBe(10);
  });
});

describe('writes', () => {
  test('create, update and delete a topic with a token, each answered with typed data and seen in the change feed', async () => {
    // A payload is nullable (a failed field of several answers null beside the others' results),
    // but a method rejects on any error, so a resolved one-field mutation holds its payload.
    const { createTopic } = await writer.CreateTopic({ input: { name: 'Arms control', parentId: null } });
    expect(createTopic?.topic).toMatchObject({ slug: 'arms-control', name: 'Arms control', parent: null });
    const { id } = createTopic!.topic;

    const { topic: security } = await reader.TopicBySlug({ slug: 'security' });
    const { updateTopic } = await writer.UpdateTopic({ id, input: { name: 'Arms control and disarmament', parentId: security!.id } });
    expect(updateTopic?.topic).toMatchObject({ slug: 'arms-control', name: 'Arms control and disarmament', parent: { slug: 'security' } });

    expect(await writer.DeleteTopic({ id })).toEqual({ deleteTopic: { deletedId: id } });

    const { changes } = await reader.Changes({ first: 100 });
    expect(changes.nodes.slice(-3).map(({ seq, operation, entityType, entityId, entity }) => ({ seq, operation, entityType, entityId, entity }))).toEqual([
      { seq: changes.totalCount - 2, operation: 'CREATE', entityType: 'TOPIC', entityId: id, entity: null },
      { seq: changes.totalCount - 1, operation: 'UPDATE', entityType: 'TOPIC', entityId: id, entity: null },
      { seq: changes.totalCount, operation: 'DELETE', entityType: 'TOPIC', entityId: id, entity: null },
    ]);
  });

  test('a write without a token rejects with UNAUTHENTICATED (HTTP 401) and changes nothing', async () => {
    const before = await reader.Topics();
    const error = await rejection(reader.CreateTopic({ input: { name: 'Unauthorized topic' } }));
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(error.status).toBe(401);
    expect(error.message).toBe('Writes need an Authorization header: "Bearer <token>".');
    expect(error.errors).toEqual([{ message: error.message, path: ['createTopic'], extensions: { code: 'UNAUTHENTICATED' } }]);
    expect(error.data).toEqual({ createTopic: null });
    expect(await reader.Topics()).toEqual(before);
  });

  test('an invalid input rejects with BAD_USER_INPUT naming every invalid field in extensions.fields', async () => {
    const error = await rejection(writer.CreateCountry({ input: { name: ' Atlantis', isoCode: 'atl', slug: 'Atlantis' } }));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toBe('input.slug: must be lower-case words of a-z and 0-9 joined by single hyphens (and 2 more problems: see extensions.fields)');
    expect(error.errors).toHaveLength(1);
    expect(error.errors[0]?.path).toEqual(['createCountry']);
    expect(error.errors[0]?.extensions.fields).toEqual([
      { path: 'input.slug', message: 'must be lower-case words of a-z and 0-9 joined by single hyphens' },
      { path: 'input.name', message: 'must not start or end with white space' },
      { path: 'input.isoCode', message: 'must be an ISO 3166-1 alpha-2 code: two capital letters' },
    ]);
    expect(error.data).toEqual({ createCountry: null });
  });

  test('a malformed argument of a read keeps the partial data on the error', async () => {
    const error = await rejection(reader.PersonBySlug({ slug: 'kairat-umarov', first: 101 }));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toBe('"first" must be between 0 and 100; got 101.');
    expect(error.errors[0]?.path).toEqual(['person', 'meetings']);
    expect(error.data).toEqual({ person: null });
  });
});

describe('HTTP failures', () => {
  test('a body over the server limit is PAYLOAD_TOO_LARGE with HTTP 413', async () => {
    const error = await rejection(reader.Search({ query: 'x'.repeat(2 * 1024 * 1024 + 1) }));
    expect(error.status).toBe(413);
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  test('a response without a GraphQL body becomes HTTP_<status>', async () => {
    const proxy: typeof fetch = async () => new Response('<html><body>413 Request Entity Too Large</body></html>', { status: 413, statusText: 'Payload Too Large', headers: { 'content-type': 'text/html' } });
    const error = await rejection(createClient({ url: 'http://proxy.invalid/graphql', fetch: proxy }).Topics());
    expect(error.code).toBe('HTTP_413');
    expect(error.status).toBe(413);
    expect(error.message).toBe('http://proxy.invalid/graphql answered with HTTP 413 Payload Too Large.');
  });

  test('a wrong path is the server\'s NOT_FOUND with HTTP 404', async () => {
    const error = await rejection(createClient({ url: `${api.url}/nowhere` }).Topics());
    expect(error.status).toBe(404);
    expect(error.code).toBe('NOT_FOUND');
  });

  test('no server at the address is NETWORK_ERROR, with the cause', async () => {
    const closed = createNetServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    await new Promise((resolve) => closed.close(resolve));

    const error = await rejection(createClient({ url: `http://127.0.0.1:${port}/graphql` }).Topics());
    expect(error.code).toBe('NETWORK_ERROR');
    expect(error.status).toBeUndefined();
    expect(error.message).toBe(`No response from http://127.0.0.1:${port}/graphql: fetch failed`);
    // fetch's TypeError comes from Node's realm, not Jest's, so toBeInstanceOf(TypeError) cannot hold.
    expect(error.cause).toMatchObject({ name: 'TypeError', message: 'fetch failed' });
  });
});

describe('types', () => {
  test('variables, enum values and operation names are checked at compile time (by tsc --noEmit)', () => {
    const misuses = (client: Sdk) => [
      // @ts-expect-error slug is required
      client.PersonBySlug({}),
      // @ts-expect-error PICNIC is not a MeetingKind
      client.Meetings({ filter: { kinds: ['PICNIC'] } }),
      // @ts-expect-error a write needs its input
      client.CreateTopic(),
      // @ts-expect-error no operation has this name
      client.PersonByName,
    ];
    expect(typeof misuses).toBe('function');
  });
});

describe('requests', () => {
  test('are JSON POSTs with the operation name, the token as a bearer credential and the given headers', async () => {
    const sent: { url: string; init: RequestInit }[] = [];
    const recording: typeof fetch = async (url, init) => {
      sent.push({ url: String(url), init: init! });
      return fetch(url, init);
    };
    const client = createClient({ url: `${api.url}/graphql`, token: TOKEN, fetch: recording, headers: { 'x-client': 'entente-sdk-test' } });
    await client.CountryByIsoCode({ isoCode: 'kz' });
    expect(sent).toHaveLength(1);
    const [{ url, init }] = sent as [{ url: string; init: RequestInit }];
    expect(url).toBe(`${api.url}/graphql`);
    expect(init.method).toBe('POST');
    expect(init.headers).toMatchObject({ 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, 'x-client': 'entente-sdk-test' });
    const body = JSON.parse(String(init.body)) as { query: string; operationName: string; variables: unknown };
    expect(body.operationName).toBe('CountryByIsoCode');
    expect(body.variables).toEqual({ isoCode: 'kz' });
    expect(body.query).toMatch(/^\s*query CountryByIsoCode\(/);
  });

  test('without a token send no Authorization header', async () => {
    let headers: unknown;
    const recording: typeof fetch = async (url, init) => {
      headers = init?.headers;
      return fetch(url, init);
    };
    await createClient({ url: `${api.url}/graphql`, fetch: recording }).Topics({ first: 1 });
    expect(headers).not.toHaveProperty('authorization');
  });

  test('send back the highest data version seen (Entente-Min-Version): a client reads its own writes', async () => {
    const sent: Record<string, string>[] = [];
    const versions: (string | null)[] = [];
    const recording: typeof fetch = async (url, init) => {
      sent.push({ ...(init!.headers as Record<string, string>) });
      const response = await fetch(url, init);
      versions.push(response.headers.get('entente-data-version'));
      return response;
    };
    const client = createClient({ url: `${api.url}/graphql`, token: TOKEN, fetch: recording });
    await client.Topics({ first: 1 });
    const { createTopic } = await client.CreateTopic({ input: { name: 'Read your writes', parentId: null } });
    await client.Topics({ first: 1 });
    await client.DeleteTopic({ id: createTopic!.topic.id });
    const wrote = Number(versions[1]);
    expect(wrote).toBeGreaterThan(Number(versions[0]));
    expect(sent[2]!['entente-min-version']).toBe(String(wrote));
    expect(Number(versions[2])).toBeGreaterThanOrEqual(wrote);
  });
});
