/** /metrics: request durations by operation (bounded), errors by code, keys per store batch. */
import { sample, startObservedServer, type ObservedServer } from './harness';

let api: ObservedServer;
beforeAll(async () => {
  api = await startObservedServer({ plugin: { maxOperationNames: 5 } });
});
afterAll(() => api.stop());

async function post(query: string, variables?: Record<string, unknown>, operationName?: string): Promise<{ errors?: { extensions: { code: string } }[] }> {
  const response = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables, operationName }),
  });
  return (await response.json()) as { errors?: { extensions: { code: string } }[] };
}

describe('graphql_request_duration_seconds', () => {
  test('counts each request under its operation name, unnamed ones as "anonymous"', async () => {
    for (let i = 0; i < 3; i++) await post('query TopicCount { topics { totalCount } }');
    await post('{ topics { totalCount } }');
    const text = await api.scrape();
    expect(text).toContain('# TYPE graphql_request_duration_seconds histogram');
    expect(sample(text, 'graphql_request_duration_seconds_count', { operation: 'TopicCount' })).toBe(3);
    expect(sample(text, 'graphql_request_duration_seconds_bucket', { operation: 'TopicCount', le: '+Inf' })).toBe(3);
    expect(sample(text, 'graphql_request_duration_seconds_sum', { operation: 'TopicCount' })).toBeGreaterThan(0);
    expect(sample(text, 'graphql_request_duration_seconds_count', { operation: 'anonymous' })).toBeGreaterThanOrEqual(1);
  });

  test('bounds the label: long names, names past the cap and names of invalid documents fold into "other"', async () => {
    const long = `Q${'x'.repeat(70)}`;
    await post(`query ${long} { topics { totalCount } }`);
    for (const name of ['N1', 'N2', 'N3', 'N4', 'N5', 'N6']) await post(`query ${name} { topics { totalCount } }`);
    await post('query NeverValid { nope }');
    const text = await api.scrape();
    expect(text).not.toContain(long);
    expect(text).not.toContain('NeverValid');
    const operations = new Set([...text.matchAll(/^graphql_request_duration_seconds_count\{operation="([^"]+)"\}/gm)].map((match) => match[1]));
    // maxOperationNames 5: TopicCount and N1..N4 took the slots.
    expect([...operations].sort()).toEqual(['N1', 'N2', 'N3', 'N4', 'TopicCount', 'anonymous', 'other'].sort());
    expect(sample(text, 'graphql_request_duration_seconds_count', { operation: 'other' })).toBe(4);
    // A known name keeps its label.
    await post('query N1 { topics { totalCount } }');
    expect(sample(await api.scrape(), 'graphql_request_duration_seconds_count', { operation: 'N1' })).toBe(2);
  });
});

describe('graphql_errors_total', () => {
  test('counts errors by code', async () => {
    const before = await api.scrape();
    const bad = await post('query BadCursor { meetings(first: 1, after: "not-a-cursor") { totalCount } }');
    expect(bad.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    const variable = await post('query Topic($first: Int) { topics(first: $first) { totalCount } }', { first: 'many' });
    expect(variable.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    await post('query Invalid1 { nope }');
    await post('query Invalid2 { nope alsoNope }');
    await post('query { ');
    const after = await api.scrape();
    expect(after).toContain('# TYPE graphql_errors_total counter');
    const delta = (code: string) => (sample(after, 'graphql_errors_total', { code }) ?? 0) - (sample(before, 'graphql_errors_total', { code }) ?? 0);
    expect(delta('BAD_USER_INPUT')).toBe(2);
    expect(delta('GRAPHQL_VALIDATION_FAILED')).toBe(3);
    expect(delta('GRAPHQL_PARSE_FAILED')).toBe(1);
  });
});

describe('store_batch_size', () => {
  test('observes the keys of each store batch, alongside store_batch_loads_total', async () => {
    const before = await api.scrape();
    const { data } = (await (
      await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'query People { people(first: 100) { nodes { name offices { title } } } }' }),
      })
    ).json()) as { data: { people: { nodes: { offices: unknown[] }[] } } };
    const people = data.people.nodes.length;
    expect(people).toBeGreaterThan(1);
    const after = await api.scrape();
    expect(after).toContain('# TYPE store_batch_size histogram');
    const delta = (name: string, labels: Record<string, string>) => (sample(after, name, labels) ?? 0) - (sample(before, name, labels) ?? 0);
    // One Person page batch (one key), then the offices of every person in one batch.
    expect(delta('store_batch_loads_total', { entity: 'Person' })).toBe(1);
    expect(delta('store_batch_size_count', { entity: 'Person' })).toBe(1);
    expect(delta('store_batch_size_sum', { entity: 'Person' })).toBe(1);
    expect(delta('store_batch_size_count', { entity: 'Office' })).toBeGreaterThanOrEqual(1);
    expect(delta('store_batch_size_sum', { entity: 'Office' })).toBeGreaterThan(1);
    // Batch counts and batch-size observations agree, entity by entity.
    for (const entity of ['Person', 'Office', 'Tenure', 'Meeting', 'Country']) {
      expect(sample(after, 'store_batch_size_count', { entity }) ?? 0).toBe(sample(after, 'store_batch_loads_total', { entity }) ?? 0);
    }
  });
});
