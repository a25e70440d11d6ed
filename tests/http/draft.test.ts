/**
 * The `draftBundle` query over HTTP, on both stores: a report's text in, a bundle draft
 * and its proposals out, resolved against the records the server holds; nothing written.
 * Input that cannot be drafted is BAD_USER_INPUT with a `draftCode`; a body over the
 * server's limit (10 MB of text) is 413, as for any request.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { MAX_DRAFT_TEXT_BYTES } from '../../src/draft/draft-bundle';
import { startTestServer, type TestServer } from '../helpers/test-server';

const ARTICLE = path.resolve(__dirname, '../../data/sources/urdupoint-2023-04-30-kazakhstan-us-strategic-cooperation.txt');

const DRAFT = `query Draft($text: String!, $publishedOn: Date, $publisher: String) {
  draftBundle(text: $text, publishedOn: $publishedOn, publisher: $publisher) {
    bundle
    proposals { kind path span { start end quote } candidates { slug name score reasons } chosen }
  }
}`;

interface Draft {
  draftBundle: {
    bundle: { format: number; source: { text: string; publishedOn: string | null }; people: { name: string; sameAs?: string }[]; meetings: { kind: string; participants: { person: string }[] }[] };
    proposals: { kind: string; path: string; span: { start: number; end: number; quote: string }; candidates: { slug: string; score: number; reasons: string[] }[]; chosen: string | null }[];
  };
}

let api: TestServer;
let text: string;
beforeAll(async () => {
  api = await startTestServer();
  text = await readFile(ARTICLE, 'utf8');
});
afterAll(async () => {
  await api?.stop();
});

test('drafts the seed article: stored people preselected by slug, spans verbatim, nothing written', async () => {
  const before = await api.data<{ people: { totalCount: number } }>('{ people(first: 1) { totalCount } }');
  const { draftBundle } = await api.data<Draft>(DRAFT, { text, publishedOn: '2023-04-30', publisher: 'UrduPoint News' });
  expect(draftBundle.bundle.format).toBe(2);
  expect(draftBundle.bundle.source).toMatchObject({ text, publishedOn: '2023-04-30' });
  const umarov = draftBundle.proposals.find((p) => p.kind === 'PERSON' && p.span.quote === 'Kairat Umarov');
  expect(umarov).toMatchObject({ chosen: 'kairat-umarov', candidates: [{ slug: 'kairat-umarov', score: 1 }] });
  expect(draftBundle.bundle.people.find((p) => p.name === 'Antony Blinken')?.sameAs).toBe('antony-blinken');
  for (const proposal of draftBundle.proposals) expect(text.slice(proposal.span.start, proposal.span.end)).toBe(proposal.span.quote);
  expect(draftBundle.bundle.meetings.some((m) => m.kind === 'VISIT' && m.participants[0]!.person === 'Kairat Umarov')).toBe(true);
  const after = await api.data<{ people: { totalCount: number } }>('{ people(first: 1) { totalCount } }');
  expect(after).toEqual(before);
});

test('a near name of a stored person is a candidate with its score, left unchosen', async () => {
  const report = 'Kazakh First Deputy Foreign Minister Kayrat Umarov met US Under Secretary of State Victoria Nuland in Washington on Monday.';
  const { draftBundle } = await api.data<Draft>(DRAFT, { text: report, publishedOn: '2023-04-26' });
  const near = draftBundle.proposals.find((p) => p.kind === 'PERSON' && p.span.quote === 'Kayrat Umarov')!;
  expect(near.chosen).toBeNull();
  expect(near.candidates[0]).toMatchObject({ slug: 'kairat-umarov' });
  expect(near.candidates[0]!.score).toBeLessThan(1);
  expect(near.candidates[0]!.reasons[0]).toMatch(/Kayrat Umarov/);
});

test.each([
  ['an empty text', { text: '', publishedOn: '2023-04-30' }, 'EMPTY_TEXT'],
  ['a binary text', { text: 'PK\u0003\u0004\u0000\u0000binary', publishedOn: null }, 'BINARY_TEXT'],
  ['a text over the limit', { text: 'x'.repeat(MAX_DRAFT_TEXT_BYTES + 1), publishedOn: null }, 'TEXT_TOO_LARGE'],
])('%s is BAD_USER_INPUT with its draftCode', async (_name, variables, draftCode) => {
  const result = await api.query(DRAFT, variables);
  expect(result.data ?? null).toBeNull();
  expect(result.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', draftCode, argumentName: 'text' } });
  expect(result.errors![0]!.message).toMatch(/text/);
});

test('a publishedOn that is not a date is BAD_USER_INPUT', async () => {
  const result = await api.query(DRAFT, { text: 'Antony Blinken met Kairat Umarov.', publishedOn: '2023-02-30' });
  expect(result.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  expect(result.errors![0]!.message).toMatch(/real calendar day/);
});

test('10 MB of text is refused before any drafting: 413, the body limit of every request', async () => {
  const response = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: DRAFT, variables: { text: 'Antony Blinken met Kairat Umarov. '.repeat(310_000), publishedOn: null } }),
  });
  expect(response.status).toBe(413);
  expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('PAYLOAD_TOO_LARGE');
});

test('a report in another language is an honest draft: its source, no invented people or meetings', async () => {
  const report = 'Глава МИД Казахстана провёл переговоры в Вашингтоне. Стороны обсудили сотрудничество.';
  const { draftBundle } = await api.data<Draft>(DRAFT, { text: report, publishedOn: '2023-04-30' });
  expect(draftBundle.bundle.people).toEqual([]);
  expect(draftBundle.bundle.meetings).toEqual([]);
  expect(draftBundle.proposals.map((p) => p.kind)).toEqual(['SOURCE']);
});

test('a draft costs 2,000 in the cost model: eleven in one request are over MAX_QUERY_COST (20,000) and refused before any drafting', async () => {
  const fields = Array.from({ length: 11 }, (_, i) => `d${i}: draftBundle(text: "Antony Blinken met Kairat Umarov in Astana.") { proposals { chosen } }`).join('\n');
  const result = await api.query(`{ ${fields} }`);
  expect(result.data ?? null).toBeNull();
  expect(result.errors![0]!.extensions!.code).toBe('QUERY_TOO_COMPLEX');
});
