/**
 * Batching, proven by the `/metrics` counters: every relation goes through a per-request
 * loader, so a query costs at most one store batch per entity type per level. On
 * PostgreSQL without its record cache: with it, a level's records the cache holds are read
 * at once and the rest in a batch, so one level may count twice, and what a request costs
 * then depends on what earlier ones read (tests/postgres/round-trips.test.ts counts that).
 */
import { batchesBetween, startTestServer, type TestServer } from '../helpers/test-server';

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer({ env: { PG_RECORD_CACHE: '0' } });
});
afterAll(() => api.stop());

const SIX_LEVELS = `query SixLevels {
  meetings(first: 100) {
    nodes {
      title
      countries { isoCode }
      topics { slug parent { slug } }
      partOf { slug }
      participants {
        country { isoCode }
        office { title country { name } }
        person {
          name
          offices {
            title
            organization {
              name
              country { name capital { name } }
            }
          }
        }
      }
    }
  }
}`;

let calls = 0;

async function batchesOf(query: string): Promise<Record<string, number>> {
  const before = await api.batchCounts();
  // A comment makes each request's body unique, so the response cache never answers it.
  await api.data(`${query}\n# call ${++calls}`);
  return batchesBetween(before, await api.batchCounts());
}

describe('store batches', () => {
  test('a six-level query over all meetings costs at most 4 batches per entity type', async () => {
    const batches = await batchesOf(SIX_LEVELS);
    for (const count of Object.values(batches)) expect(count).toBeLessThanOrEqual(4);
    // Meeting: the page, then partOf. Countries, topics and offices asked for again at deeper
    // levels are already in the request's loader cache, so they cost no further batch.
    expect(batches).toEqual({ Meeting: 2, Country: 1, Topic: 1, Office: 1, Person: 1, Tenure: 1, Organization: 1, Place: 1 });
  });

  test('costs the same whether it lists 1 meeting or all 8', async () => {
    const all = await batchesOf(SIX_LEVELS);
    const one = await batchesOf(SIX_LEVELS.replace('meetings(first: 100)', 'meetings(first: 1)'));
    // The cost follows the query's shape, not the count: at most one batch per level an
    // entity is asked at that needs new records (Meeting: the page and partOf; Topic: topics
    // and their parents, which one meeting may need where the whole list had them already).
    const bound = (entity: string) => (entity === 'Meeting' || entity === 'Topic' ? 2 : 1);
    for (const [entity, count] of [...Object.entries(one), ...Object.entries(all)]) expect({ entity, count: Math.min(count, bound(entity)) }).toEqual({ entity, count });
    expect(all.Person).toBe(1);
  });

  test('nested connections of many parents are one batch', async () => {
    const batches = await batchesOf(`query PeopleMeetings {
      people(first: 100) { nodes { meetings(first: 2) { totalCount nodes { title } } } }
    }`);
    expect(batches).toEqual({ Person: 1, Meeting: 1 });
  });

  test("every office's holders and every person's offices on a day: one batch of meetings and one of sources", async () => {
    const batches = await batchesOf(`query HoldersEverywhere {
      offices(first: 100) { nodes { holders(asOf: "2023-03-15") { certainty person { name } tenure { attestedFrom attestedUntil status } } } }
      people(first: 100) { nodes { offices(asOf: "2023-03-15") { title } } }
    }`);
    // The attesting meetings and citing sources of every tenure reached, in one batch each.
    expect([batches.Meeting, batches.Source]).toEqual([1, 1]);
    for (const count of Object.values(batches)) expect(count).toBeLessThanOrEqual(2);
  });

  test('node lookups of several types batch by type', async () => {
    const { people, meetings } = await api.data('query Ids { people(first: 100) { nodes { id } } meetings(first: 100) { nodes { id } } }');
    const ids = [...people.nodes, ...meetings.nodes].map((node: { id: string }) => node.id);
    const before = await api.batchCounts();
    const data = await api.data('query Nodes($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids });
    expect(data.nodes.map((node: { id: string }) => node.id)).toEqual(ids);
    expect(batchesBetween(before, await api.batchCounts())).toEqual({ Person: 1, Meeting: 1 });
  });

  test('/metrics exposes the counters in Prometheus text', async () => {
    const response = await fetch(`${api.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toContain('# TYPE store_batch_loads_total counter');
    expect(text).toMatch(/^store_batch_loads_total\{entity="Person"\} \d+$/m);
  });
});
