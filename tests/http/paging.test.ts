/**
 * Relay paging over every root connection: forward and backward by 2 give the full
 * list in the same order with no duplicates, and bad page arguments are BAD_USER_INPUT.
 */
import { startTestServer, type TestServer } from '../helpers/test-server';

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
});
afterAll(() => api.stop());

const ROOT_CONNECTIONS = ['people', 'offices', 'organizations', 'countries', 'places', 'meetings', 'topics', 'sources'] as const;

interface Page {
  totalCount: number;
  edges: { cursor: string; node: { id: string } }[];
  nodes: { id: string }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

const pageQuery = (field: string) => `query Page($first: Int, $after: String, $last: Int, $before: String) {
  list: ${field}(first: $first, after: $after, last: $last, before: $before) {
    totalCount edges { cursor node { id } } nodes { id } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

async function page(field: string, variables: Record<string, unknown>): Promise<Page> {
  return (await api.data<{ list: Page }>(pageQuery(field), variables)).list;
}

describe.each(ROOT_CONNECTIONS)('%s', (field) => {
  test('paging forward by 2 yields the full list once, in order, with totalCount agreeing', async () => {
    const all = await page(field, { first: 100 });
    expect(all.totalCount).toBe(all.nodes.length);
    expect(all.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: false, startCursor: all.edges[0]?.cursor ?? null, endCursor: all.edges.at(-1)?.cursor ?? null });

    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 100; i++) {
      const current: Page = await page(field, { first: 2, after });
      expect(current.totalCount).toBe(all.totalCount);
      expect(current.nodes).toEqual(current.edges.map((edge) => edge.node));
      seen.push(...current.nodes.map((node) => node.id));
      expect(current.pageInfo.hasPreviousPage).toBe(after !== null);
      if (!current.pageInfo.hasNextPage) break;
      after = current.pageInfo.endCursor;
    }
    expect(seen).toEqual(all.nodes.map((node) => node.id));
    expect(new Set(seen).size).toBe(seen.length);
  });

  test('paging backward by 2 yields the same list in the same order', async () => {
    const all = await page(field, { first: 100 });
    const pages: string[][] = [];
    let before: string | null = null;
    for (let i = 0; i < 100; i++) {
      const current: Page = await page(field, { last: 2, before });
      pages.unshift(current.nodes.map((node) => node.id));
      expect(current.pageInfo.hasNextPage).toBe(before !== null);
      if (!current.pageInfo.hasPreviousPage) break;
      before = current.pageInfo.startCursor;
    }
    expect(pages.flat()).toEqual(all.nodes.map((node) => node.id));
  });
});

describe('page arguments', () => {
  test('without first or last, a page holds at most 20 items', async () => {
    const data = await api.data('query Default { meetings { nodes { id } pageInfo { hasNextPage } } }');
    expect(data.meetings.nodes).toHaveLength(8);
    expect(data.meetings.pageInfo.hasNextPage).toBe(false);
  });

  test('first: 0 gives an empty page that knows more follow', async () => {
    const data = await api.data('query Empty { meetings(first: 0) { totalCount nodes { id } pageInfo { hasNextPage startCursor endCursor } } }');
    expect(data.meetings).toEqual({ totalCount: 8, nodes: [], pageInfo: { hasNextPage: true, startCursor: null, endCursor: null } });
  });

  test('pages between two cursors', async () => {
    const all = await page('meetings', { first: 100 });
    const between = await page('meetings', { after: all.edges[1]!.cursor, before: all.edges[5]!.cursor, first: 100 });
    expect(between.nodes).toEqual(all.nodes.slice(2, 5));
    expect(between.pageInfo.hasPreviousPage).toBe(true);
    expect(between.pageInfo.hasNextPage).toBe(true);
  });

  test.each([
    ['first above 100, as a literal', 'query Q { meetings(first: 101) { totalCount } }', undefined, '"first" must be between 0 and 100; got 101.'],
    ['first above 100, as a variable', 'query Q($n: Int) { meetings(first: $n) { totalCount } }', { n: 1000 }, '"first" must be between 0 and 100; got 1000.'],
    ['negative last', 'query Q { people(last: -1) { totalCount } }', undefined, '"last" must be between 0 and 100; got -1.'],
    ['negative first on a nested connection', 'query Q { country(slug: "kazakhstan") { meetings(first: -5) { totalCount } } }', undefined, '"first" must be between 0 and 100; got -5.'],
  ])('%s is BAD_USER_INPUT', async (_name, query, variables, message) => {
    const result = await api.query(query, variables);
    expect(result.errors).toEqual([expect.objectContaining({ message, extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })]);
  });

  const forgedPayload = Buffer.from(JSON.stringify(['c1', 'DATE', '2023-01-01', '2023-01-01', 'x'])).toString('base64url');
  test.each([
    ['garbage', 'not a cursor!'],
    ['base64 of something else', Buffer.from('hello').toString('base64url')],
    ['forged: the right shape without a signature', forgedPayload],
    ['forged: the right shape with a made-up signature', `${forgedPayload}.AAAAAAAAAAAAAAAA`],
  ])('refuses a cursor that is %s, with BAD_USER_INPUT', async (_name, cursor) => {
    const result = await api.query('query Q($after: String) { meetings(after: $after) { totalCount } }', { after: cursor });
    expect(result.data).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(result.errors![0]!.message).toMatch(/^"after" is not a valid cursor for this list/);
  });

  test('refuses an altered cursor', async () => {
    const { endCursor } = (await page('meetings', { first: 1 })).pageInfo;
    const [payload, signature] = endCursor!.split('.');
    const key = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
    key[2] = '1999-01-01';
    const altered = `${Buffer.from(JSON.stringify(key)).toString('base64url')}.${signature}`;
    const result = await api.query('query Q($after: String) { meetings(after: $after) { totalCount } }', { after: altered });
    expect(result.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });

  test('a cursor from one order is refused by another', async () => {
    const byDate = await page('meetings', { first: 1 });
    const result = await api.query('query Q($after: String) { meetings(after: $after, orderBy: { field: TITLE, direction: ASC }) { totalCount } }', {
      after: byDate.pageInfo.endCursor,
    });
    expect(result.errors![0]!.message).toContain('it was made for the order DATE, not TITLE');
  });
});
