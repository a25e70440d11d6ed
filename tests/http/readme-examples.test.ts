/**
 * The README's example queries and the files of docs/queries/ run against the server:
 * every example query succeeds, and the README shows its real output.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startTestServer, type TestServer } from '../helpers/test-server';

const ROOT = path.resolve(__dirname, '../..');
const QUERIES_DIR = path.join(ROOT, 'docs/queries');

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
});
afterAll(() => api.stop());

/** Each ```graphql block of the README with the ```json block that follows it. */
function readmeExamples(): [query: string, output: unknown][] {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const pairs: [string, unknown][] = [];
  const pattern = /```graphql\n([\s\S]*?)```\s*```json\n([\s\S]*?)```/g;
  for (let match = pattern.exec(readme); match; match = pattern.exec(readme)) {
    pairs.push([match[1]!, JSON.parse(match[2]!)]);
  }
  return pairs;
}

describe('README examples', () => {
  const examples = readmeExamples();

  test('there are five', () => {
    expect(examples).toHaveLength(5);
  });

  test.each(examples.map(([query, output]) => [/query (\w+)/.exec(query)![1]!, query, output]))('%s shows its real output', async (_name, query, output) => {
    expect(await api.query(query as string)).toEqual(output);
  });
});

describe('docs/queries', () => {
  test.each(readdirSync(QUERIES_DIR).filter((file) => file.endsWith('.graphql')))('%s runs without errors', async (file) => {
    const result = await api.query(readFileSync(path.join(QUERIES_DIR, file), 'utf8'));
    expect(result.errors).toBeUndefined();
    expect(result.data).toBeTruthy();
  });
});
