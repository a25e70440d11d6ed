/**
 * Importing a reviewed draft through the API, over HTTP on both stores: `draftBundle`
 * drafts a report, `importPlan` says what importing it would create, reuse and merge
 * (and what stops it), `importBundle` imports it with a writer's token, all or nothing.
 * The tests run in order on one server: the first import is what the later ones meet.
 */
import { toGlobalId } from '../../src/schema/relay/global-id';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { writerTo } from '../helpers/writer';

const TOKEN = 'import-api-writer-token';

/** A report of Antony Blinken's talks in Astana on 28 February 2023, in our own words. */
const REPORT =
  'Kazakh Foreign Minister Mukhtar Tileuberdi met US Secretary of State Antony Blinken in Astana on Tuesday. ' +
  'The two ministers talked about regional security, trade and the transport corridor across the Caspian Sea, Tileuberdi told reporters after the meeting.';

/** A later report that misspells the minister's name. */
const MISSPELLED =
  'Kazakh Foreign Minister Mukhtar Tleuberdi received a delegation of US senators in Astana on Monday to discuss trade.';

const DRAFT = `query Draft($text: String!, $publishedOn: Date, $title: String) {
  draftBundle(text: $text, publishedOn: $publishedOn, title: $title) { bundle }
}`;
const PLAN = `query ImportPlan($bundle: BundleJSON!) {
  importPlan(bundle: $bundle) {
    importable created reused merged
    records { path kind slug name action candidates { slug name score reasons } }
    problems { path message candidates { slug name score reasons } }
  }
}`;
const IMPORT = `mutation ImportBundle($bundle: BundleJSON!) {
  importBundle(bundle: $bundle) {
    created reused merged
    source { id slug title citations(first: 20) { totalCount } }
    records { path action node { id __typename } }
  }
}`;
const COUNTS = `query Counts {
  people(first: 1) { totalCount } meetings(first: 1) { totalCount } sources(first: 1) { totalCount } offices(first: 1) { totalCount }
}`;

type Bundle = { source: Record<string, unknown>; people: { name: string }[]; meetings: { sameAs?: string; distinctFrom?: string[] }[] } & Record<string, unknown>;
interface Candidate {
  slug: string;
  name: string;
  score: number;
  reasons: string[];
}
interface Plan {
  importable: boolean;
  created: number;
  reused: number;
  merged: number;
  records: { path: string; kind: string; slug: string; name: string; action: 'CREATE' | 'REUSE' | 'MERGE'; candidates: Candidate[] }[];
  problems: { path: string; message: string; candidates: Candidate[] }[];
}
interface Imported {
  created: number;
  reused: number;
  merged: number;
  source: { id: string; slug: string; title: string; citations: { totalCount: number } };
  records: { path: string; action: string; node: { id: string; __typename: string } }[];
}

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer({ env: { API_TOKENS: TOKEN } });
});
afterAll(async () => {
  await api?.stop();
});
const { write, written } = writerTo(() => api, TOKEN);

const draft = async (text: string, publishedOn: string, title: string) => (await api.data<{ draftBundle: { bundle: Bundle } }>(DRAFT, { text, publishedOn, title })).draftBundle.bundle;
const plan = async (bundle: object) => (await api.data<{ importPlan: Plan }>(PLAN, { bundle })).importPlan;
const counts = () => api.data(COUNTS);
const actionOf = (planned: Plan, path: string) => planned.records.find((record) => record.path === path)?.action;

/** The drafted report as a reviewer leaves it: its meeting is its own, not the C5+1 ministerial the draft took it for. */
let reviewed: Bundle;
let planned: Plan;

test('plans a drafted report without writing: a possible stored event stops it, with its candidate, until the reviewer settles it', async () => {
  reviewed = await draft(REPORT, '2023-03-01', 'Tileuberdi and Blinken meet in Astana');
  expect(reviewed.meetings[0]!.sameAs).toBe('c5-plus-1-ministerial-astana-2023');
  delete reviewed.meetings[0]!.sameAs;
  reviewed.meetings[0]!.distinctFrom = ['c5-plus-1-ministerial-astana-2023'];
  const before = await counts();

  const unsettled = await plan(reviewed);
  expect(unsettled.importable).toBe(false);
  expect(unsettled.problems).toEqual([
    {
      path: 'meetings[0]',
      message: expect.stringMatching(/^may be a stored event: not merged and not created; say which with "sameAs"/),
      candidates: [expect.objectContaining({ slug: 'antony-blinken-kassym-jomart-tokayev-meeting-2023', name: 'Antony Blinken meets Kassym-Jomart Tokayev' })],
    },
  ]);
  expect(unsettled.records.find((record) => record.path === 'meetings[0]')).toMatchObject({ action: 'CREATE', candidates: [{ slug: 'antony-blinken-kassym-jomart-tokayev-meeting-2023' }] });
  expect(unsettled).toMatchObject({ merged: 0, created: unsettled.records.filter((r) => r.action === 'CREATE').length });

  reviewed.meetings[0]!.distinctFrom.push('antony-blinken-kassym-jomart-tokayev-meeting-2023');
  planned = await plan(reviewed);
  expect(planned.problems).toEqual([]);
  expect(planned.importable).toBe(true);
  expect(planned.records.map((record) => record.path)).toEqual([
    'source', 'countries[0]', 'countries[1]', 'places[0]', 'people[0]', 'people[1]', 'offices[0]', 'offices[1]', 'tenures[0]', 'tenures[1]', 'topics[0]', 'topics[1]', 'meetings[0]',
  ]);
  expect(planned.records[0]).toEqual({ path: 'source', kind: 'SOURCE', slug: 'tileuberdi-and-blinken-meet-in-astana', name: 'Tileuberdi and Blinken meet in Astana', action: 'CREATE', candidates: [] });
  expect(planned.records.find((record) => record.path === 'people[0]')).toMatchObject({ kind: 'PERSON', slug: 'mukhtar-tileuberdi', name: 'Mukhtar Tileuberdi', action: 'CREATE' });
  expect(planned.records.find((record) => record.path === 'people[1]')).toMatchObject({ kind: 'PERSON', slug: 'antony-blinken', action: 'MERGE' });
  expect(actionOf(planned, 'places[0]')).toBe('REUSE');
  expect(planned.records.find((record) => record.path === 'meetings[0]')).toMatchObject({ kind: 'MEETING', slug: 'mukhtar-tileuberdi-meets-antony-blinken', action: 'CREATE', candidates: [] });
  expect(planned.created).toBe(planned.records.filter((record) => record.action === 'CREATE').length);
  expect(planned.reused).toBe(planned.records.filter((record) => record.action !== 'CREATE').length);
  expect(planned.merged).toBe(planned.records.filter((record) => record.action === 'MERGE').length);
  expect(await counts()).toEqual(before);
});

test('imports the reviewed draft as planned: each record stored, the new meeting readable with its quotes', async () => {
  const { importBundle } = await written<{ importBundle: Imported }>(IMPORT, { bundle: reviewed });
  expect(importBundle).toMatchObject({ created: planned.created, reused: planned.reused, merged: planned.merged });
  expect(importBundle.source).toMatchObject({ id: toGlobalId('Source', 'tileuberdi-and-blinken-meet-in-astana'), slug: 'tileuberdi-and-blinken-meet-in-astana', title: 'Tileuberdi and Blinken meet in Astana' });
  expect(importBundle.source.citations.totalCount).toBeGreaterThan(0);
  const kinds: Record<string, string> = { SOURCE: 'Source', COUNTRY: 'Country', PLACE: 'Place', PERSON: 'Person', OFFICE: 'Office', TENURE: 'Tenure', TOPIC: 'Topic', MEETING: 'Meeting' };
  expect(importBundle.records).toEqual(
    planned.records.map(({ path, kind, slug, action }) => ({ path, action, node: { id: toGlobalId(kinds[kind] as never, slug), __typename: kinds[kind] } })),
  );

  const { meeting } = await api.data(`query Meeting { meeting(slug: "mukhtar-tileuberdi-meets-antony-blinken") {
    title location { slug } participants { person { slug name } } citations { quote source { slug } }
  } }`);
  expect(meeting).toEqual({
    title: 'Mukhtar Tileuberdi meets Antony Blinken',
    location: { slug: 'astana' },
    participants: [{ person: { slug: 'mukhtar-tileuberdi', name: 'Mukhtar Tileuberdi' } }, { person: { slug: 'antony-blinken', name: 'Antony Blinken' } }],
    citations: expect.arrayContaining([
      { quote: 'Kazakh Foreign Minister Mukhtar Tileuberdi met US Secretary of State Antony Blinken in Astana on Tuesday.', source: { slug: 'tileuberdi-and-blinken-meet-in-astana' } },
    ]),
  });
  const meetingRecord = importBundle.records.find((record) => record.path === 'meetings[0]')!;
  const { node } = await api.data(`query Node($id: ID!) { node(id: $id) { ... on Meeting { slug } } }`, { id: meetingRecord.node.id });
  expect(node).toEqual({ slug: 'mukhtar-tileuberdi-meets-antony-blinken' });
});

test('imported again, it creates nothing: every record is found stored', async () => {
  const again = await plan(reviewed);
  expect(again).toMatchObject({ importable: true, created: 0, reused: again.records.length, merged: 0, problems: [] });
  expect(again.records.every((record) => record.action === 'REUSE')).toBe(true);
  const before = await counts();
  const { importBundle } = await written<{ importBundle: Imported }>(IMPORT, { bundle: reviewed });
  expect(importBundle).toMatchObject({ created: 0, reused: again.records.length, merged: 0 });
  expect(await counts()).toEqual(before);
});

test('a misspelled stored name is a near match: not importable, and importBundle writes nothing and lists the candidates', async () => {
  const bundle = await draft(MISSPELLED, '2023-03-07', 'Tleuberdi receives US senators');
  const near = await plan(bundle);
  expect(near.importable).toBe(false);
  const problem = near.problems.find((p) => p.path === 'people[0]');
  expect(problem).toEqual({ path: 'people[0]', message: expect.stringMatching(/sameAs/), candidates: [expect.objectContaining({ slug: 'mukhtar-tileuberdi', name: 'Mukhtar Tileuberdi' })] });
  expect(problem!.candidates[0]!.score).toBeLessThan(1);
  expect(near.records.find((record) => record.path === 'people[0]')).toMatchObject({ name: 'Mukhtar Tleuberdi', action: 'CREATE', candidates: [{ slug: 'mukhtar-tileuberdi' }] });

  const before = await counts();
  const result = await write(IMPORT, { bundle });
  expect(result.data).toEqual({ importBundle: null });
  expect(result.errors).toHaveLength(1);
  const [error] = result.errors!;
  expect(error!.path).toEqual(['importBundle']);
  expect(error!.message).toMatch(new RegExp(`^The bundle was not imported; nothing changed \\(${near.problems.length} problems?\\): `));
  expect(error!.message).toContain('people[0]: ');
  expect(error!.extensions).toEqual({ code: 'BAD_USER_INPUT', argumentName: 'bundle', problems: near.problems });
  expect(await counts()).toEqual(before);
});

test('two imports at once that name the same new person both succeed: the one refused is planned again against what the other wrote', async () => {
  const reportOf = (slug: string) => ({
    format: 2,
    source: { slug, title: `Note ${slug}`, kind: 'NEWS_ARTICLE', text: `Aigerim Sadykova, a trade envoy of Kazakhstan, visited Tashkent (${slug}).` },
    people: [{ name: 'Aigerim Sadykova', country: 'Kazakhstan', citations: [{ quote: 'Aigerim Sadykova, a trade envoy of Kazakhstan' }] }],
  });
  const results = await Promise.all(['envoy-note-one', 'envoy-note-two'].map((slug) => written<{ importBundle: Imported }>(IMPORT, { bundle: reportOf(slug) })));
  expect(results.map(({ importBundle }) => importBundle.records.find((record) => record.path === 'people[0]')!.action).sort()).toEqual(['CREATE', 'MERGE']);
  const { person } = await api.data(`query Envoy { person(slug: "aigerim-sadykova") { citations { source { slug } } } }`);
  expect(person.citations.map((citation: { source: { slug: string } }) => citation.source.slug).sort()).toEqual(['envoy-note-one', 'envoy-note-two']);
});

test('without a token, importBundle is UNAUTHENTICATED and writes nothing; importPlan needs none', async () => {
  const before = await counts();
  const result = await api.query(IMPORT, { bundle: reviewed });
  expect(result.data).toEqual({ importBundle: null });
  expect(result.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  expect(await counts()).toEqual(before);
  expect((await plan(reviewed)).importable).toBe(true);
});

test('a bundle of the wrong shape: problems at its paths, from the plan as data and from the import as BAD_USER_INPUT', async () => {
  const { source: _source, ...withoutSource } = reviewed;
  const bad = { ...withoutSource, people: [{ country: 'Kazakhstan', citations: [] }] };
  const planned = await plan(bad);
  expect(planned).toMatchObject({ importable: false, records: [], created: 0, reused: 0, merged: 0 });
  expect(planned.problems.map((problem) => problem.path)).toEqual(expect.arrayContaining(['source', 'people[0].name']));
  expect(planned.problems.every((problem) => problem.candidates.length === 0)).toBe(true);

  const result = await write(IMPORT, { bundle: bad });
  expect(result.data).toEqual({ importBundle: null });
  expect(result.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argumentName: 'bundle', problems: planned.problems } });
});

test.each([
  ['an array', [{ format: 2 }]],
  ['a string', 'not a bundle'],
  ['a number', 2],
])('a bundle variable that is %s is refused with a code before execution', async (_name, bundle) => {
  const result = await write(IMPORT, { bundle });
  expect(result.data ?? null).toBeNull();
  expect(result.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  expect(result.errors![0]!.message).toMatch(/BundleJSON must be a JSON object/);
});

test('a bundle written in the query is read as a JSON object; one that is not an object, or that uses a variable, is refused with a code', async () => {
  const result = await api.query(`query InlinePlan {
    importPlan(bundle: { format: 2, source: { title: "Short note", kind: "NEWS_ARTICLE", text: "A short note on nothing at all." } }) { importable created records { path slug } }
  }`);
  expect(result).toEqual({ data: { importPlan: { importable: true, created: 1, records: [{ path: 'source', slug: 'short-note' }] } } });
  const list = await api.query('query ListPlan { importPlan(bundle: [1, 2]) { importable } }');
  expect(list.errors![0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
  expect(list.errors![0]!.message).toMatch(/BundleJSON must be a JSON object/);
  const variable = await api.query(`query VariablePlan($text: String!) {
    importPlan(bundle: { format: 2, source: { title: "Short note", kind: "NEWS_ARTICLE", text: $text } }) { importable }
  }`, { text: 'A short note on nothing at all.' });
  // Executed compiled (graphql-jit), a literal is read once, without the variables: refused rather than read without them.
  expect(variable.data ?? null).toBeNull();
  expect(variable.errors![0]).toMatchObject({ message: expect.stringMatching(/^Argument "bundle" of type "BundleJSON!" has invalid value/), extensions: { code: 'BAD_REQUEST' } });
});
