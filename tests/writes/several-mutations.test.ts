/**
 * Several mutation fields in one operation: they run in order, each its own write, and the
 * response reports every field's result. A field that fails answers null with its error
 * (path: its response name) without undoing the fields before it or stopping those after;
 * the change feed holds exactly the writes that succeeded. Each test runs on a fresh copy
 * of the data, on the store under test.
 */
import { postGraphQL } from '../helpers/server-process';
import { startTestServer, type TestServer } from '../helpers/test-server';

const TOKEN = 'several-mutations-writer';

let api: TestServer;
beforeEach(async () => {
  api = await startTestServer({ env: { API_TOKENS: TOKEN } });
});
afterEach(() => api.stop());

const FEED = 'query Feed { changes(first: 100) { totalCount nodes { seq operation entitySlug } } }';

/** The change feed's entries, as `OPERATION slug`. */
async function feed(): Promise<string[]> {
  const { changes } = await api.data<{ changes: { totalCount: number; nodes: { seq: number; operation: string; entitySlug: string }[] } }>(FEED);
  expect(changes.nodes.map(({ seq }) => seq)).toEqual(changes.nodes.map((_, i) => i + 1));
  return changes.nodes.map(({ operation, entitySlug }) => `${operation} ${entitySlug}`);
}

/** The column at which the field with the response name `field` starts on the operation's only line. */
const column = (operation: string, field: string) => operation.search(new RegExp(`[{}] ${field}: [a-z]+[A-Z]`)) + 3;

const bad = (operation: string, field: string) => ({
  message: 'input.name: must not start or end with white space',
  locations: [{ line: 1, column: column(operation, field) }],
  path: [field],
  extensions: { code: 'BAD_USER_INPUT', fields: [{ path: 'input.name', message: 'must not start or end with white space' }] },
});

describe('several mutation fields in one operation', () => {
  test('a field that fails after one that succeeded answers null with its error; the first stays committed', async () => {
    const operation = 'mutation OkThenBad { a: createTopic(input: { name: "Arms control" }) { topic { slug name } } b: createTopic(input: { name: " bad " }) { topic { slug } } }';
    const response = await postGraphQL(`${api.url}/graphql`, operation, {}, { token: TOKEN });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ data: { a: { topic: { slug: 'arms-control', name: 'Arms control' } }, b: null }, errors: [bad(operation, 'b')] });
    expect(await feed()).toEqual(['CREATE arms-control']);
    expect(await api.data('query Kept { topic(slug: "arms-control") { name } }')).toEqual({ topic: { name: 'Arms control' } });
  });

  test('a field that fails does not stop the fields after it', async () => {
    const operation = 'mutation BadThenOk { a: createTopic(input: { name: " bad " }) { topic { slug } } b: createTopic(input: { name: "Arms control" }) { topic { slug name } } }';
    const response = await postGraphQL(`${api.url}/graphql`, operation, {}, { token: TOKEN });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ data: { a: null, b: { topic: { slug: 'arms-control', name: 'Arms control' } } }, errors: [bad(operation, 'a')] });
    expect(await feed()).toEqual(['CREATE arms-control']);
  });

  test('creates, updates and deletes mixed: each commits or fails on its own, in order, and later fields see earlier writes', async () => {
    const operation =
      'mutation Mixed { ' +
      'a: updateTopic(id: "trade", input: { aliases: ["commerce"] }) { topic { slug aliases } } ' +
      'b: deleteTopic(id: "energy") { deletedId } ' +
      'c: createTopic(input: { name: "Arms control", parentId: "security" }) { topic { slug parent { slug } } } ' +
      'd: deleteTopic(id: "no-such-topic") { deletedId } ' +
      'e: updateTopic(id: "arms-control", input: { aliases: ["arms limitation"] }) { topic { slug aliases } } ' +
      '}';
    const response = await postGraphQL(`${api.url}/graphql`, operation, {}, { token: TOKEN });
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({
      a: { topic: { slug: 'trade', aliases: ['commerce'] } },
      b: null,
      c: { topic: { slug: 'arms-control', parent: { slug: 'security' } } },
      d: null,
      e: { topic: { slug: 'arms-control', aliases: ['arms limitation'] } },
    });
    expect(response.body.errors).toEqual([
      expect.objectContaining({
        path: ['b'],
        locations: [{ line: 1, column: column(operation, 'b') }],
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', fields: [{ path: 'id', message: expect.stringContaining('Topic "energy" is still referred to by') }] }),
      }),
      {
        message: 'No Topic has the id or slug "no-such-topic".',
        locations: [{ line: 1, column: column(operation, 'd') }],
        path: ['d'],
        extensions: { code: 'NOT_FOUND', argumentName: 'id' },
      },
    ]);
    expect(await feed()).toEqual(['UPDATE trade', 'CREATE arms-control', 'UPDATE arms-control']);
    expect(await api.data('query Energy { topic(slug: "energy") { slug } }')).toEqual({ topic: { slug: 'energy' } });
  });

  test('without a token every field is UNAUTHENTICATED (HTTP 401), and nothing changes', async () => {
    const operation = 'mutation Anonymous { a: createTopic(input: { name: "Arms control" }) { topic { slug } } b: deleteTopic(id: "trade") { deletedId } }';
    const response = await postGraphQL(`${api.url}/graphql`, operation, {});
    expect(response.status).toBe(401);
    const refused = (field: string) => ({
      message: 'Writes need an Authorization header: "Bearer <token>".',
      locations: [{ line: 1, column: column(operation, field) }],
      path: [field],
      extensions: { code: 'UNAUTHENTICATED' },
    });
    expect(response.body).toEqual({ data: { a: null, b: null }, errors: [refused('a'), refused('b')] });
    expect(await feed()).toEqual([]);
  });
});
