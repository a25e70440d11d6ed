/**
 * Many reports of one event, read over HTTP on both stores: the article's data with the
 * example reports of examples/bundles/ imported as a user imports them (the JSON store's
 * import, then `db:import` for PostgreSQL), answering who reported a meeting, what each
 * report says, and where the reports disagree, with both sides' citations.
 */
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { parseBundle } from '../../src/import/bundle';
import { importIntoStore } from '../../src/import/import-into-store';
import { JsonStore } from '../../src/store/json/json-store';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { createTempDataDir } from '../helpers/temp-data-dir';

const EXAMPLES = path.resolve(__dirname, '../../examples/bundles');
/** The example reports, in the order a user would import them. */
export const EXAMPLE_REPORTS = [
  '2023-02-28-c5-plus-1-astana-on-the-day',
  '2023-03-01-c5-plus-1-misspelled-name',
  '2023-05-03-umarov-nuland-wrong-title',
  '2023-03-03-blinken-tokayev-wrong-date',
  '2023-02-28-tokayev-blinken-in-russian',
];

let api: TestServer;
let dir: string;

beforeAll(async () => {
  dir = await createTempDataDir();
  const store = await JsonStore.open(dir);
  try {
    for (const name of EXAMPLE_REPORTS) {
      const parsed = parseBundle(JSON.parse(await readFile(path.join(EXAMPLES, `${name}.json`), 'utf8')));
      if (!parsed.ok) throw new Error(`${name}: ${JSON.stringify(parsed.problems)}`);
      const result = await importIntoStore(store, parsed.bundle);
      if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.problems)}`);
    }
  } finally {
    await store.close();
  }
  api = await startTestServer({ dataDir: dir });
});

afterAll(async () => {
  await api?.stop();
  await rm(dir, { recursive: true, force: true });
});

test('Meeting.sources counts each distinct report once, and Source.citations says what one report supports', async () => {
  const data = await api.data(`{
    meeting(slug: "c5-plus-1-ministerial-astana-2023") {
      sources(first: 10) { totalCount nodes { slug } }
      participants { person { slug } office { slug } role citations { source { slug } } }
    }
    source(slug: "example-report-2023-03-01-c5-plus-1-misspelled") {
      citations(first: 20) { totalCount nodes { field quote entity { __typename ... on Person { slug } ... on Meeting { slug } } } }
    }
    person(slug: "mukhtar-tileuberdi") { name aliases }
    people(first: 100) { totalCount }
  }`);
  expect(data.meeting.sources.totalCount).toBe(3);
  expect(data.meeting.sources.nodes.map((s: { slug: string }) => s.slug).sort()).toEqual([
    'example-report-2023-02-28-c5-plus-1-astana',
    'example-report-2023-03-01-c5-plus-1-misspelled',
    'urdupoint-2023-04-30-kazakhstan-us-strategic-cooperation',
  ]);
  expect(data.meeting.participants).toHaveLength(6);
  const host = data.meeting.participants.find((p: any) => p.office?.slug === 'kazakhstan-foreign-minister');
  expect(host).toMatchObject({ person: { slug: 'mukhtar-tileuberdi' }, role: 'HOST' });
  expect(new Set(host.citations.map((c: any) => c.source.slug)).size).toBe(3);
  const entities = data.source.citations.nodes.map((c: any) => `${c.entity.__typename}:${c.entity.slug}`);
  expect(entities).toEqual(expect.arrayContaining(['Person:mukhtar-tileuberdi', 'Meeting:c5-plus-1-ministerial-astana-2023']));
  expect(data.person).toEqual({ name: 'Mukhtar Tileuberdi', aliases: ['Mukhtar Tleuberdi'] });
  expect(data.people.totalCount).toBe(7);
});

test('a title one report gets wrong is a conflict with both claims and their sources; the preferred one shows', async () => {
  const data = await api.data(`{
    meeting(slug: "kairat-umarov-victoria-nuland-meeting-2023") {
      participants { person { slug } office { slug } conflicts { field claims { value preferred node { __typename ... on Office { title } } citations { source { slug } } } } }
      conflicts { field }
    }
    person(slug: "victoria-nuland") { tenures { office { title } conflicts { field claims { value preferred citations { source { slug } } } } } }
  }`);
  const nuland = data.meeting.participants.find((p: any) => p.person?.slug === 'victoria-nuland');
  expect(nuland.office.slug).toBe('united-states-under-secretary-of-state-for-political-affairs');
  expect(nuland.conflicts).toHaveLength(1);
  const [conflict] = nuland.conflicts;
  expect(conflict.field).toBe('office');
  expect(conflict.claims.map((c: any) => [c.node.title, c.preferred, [...new Set(c.citations.map((x: any) => x.source.slug))]])).toEqual([
    ['Under Secretary of State for Political Affairs', true, ['urdupoint-2023-04-30-kazakhstan-us-strategic-cooperation']],
    ['Deputy Secretary of State', false, ['example-report-2023-05-03-umarov-nuland-wrong-title']],
  ]);
  expect(data.meeting.conflicts).toEqual([]);
  expect(data.person.tenures).toHaveLength(1);
  expect(data.person.tenures[0].office.title).toBe('Under Secretary of State for Political Affairs');
  expect(data.person.tenures[0].conflicts[0].claims.map((c: any) => c.preferred)).toEqual([true, false]);
});

test('a name from the report in Russian carries its language, and search finds the person by it', async () => {
  const data = await api.data(`{
    person(slug: "kassym-jomart-tokayev") { names { value lang } }
    search(query: "Токаев", first: 5) { __typename ... on Person { slug } }
    meeting(slug: "antony-blinken-kassym-jomart-tokayev-meeting-2023") { sources(first: 10) { totalCount } participants { person { slug } } }
  }`);
  expect(data.person.names).toEqual([
    { value: 'Касым-Жомарт Токаев', lang: 'ru' },
    { value: 'Kassym-Jomart Tokayev', lang: null },
  ]);
  expect(data.search).toContainEqual({ __typename: 'Person', slug: 'kassym-jomart-tokayev' });
  expect(data.meeting.participants).toHaveLength(2);
  // The article, the report on the day, the report with the wrong date and the report in Russian.
  expect(data.meeting.sources.totalCount).toBe(4);
});

test('dates narrow to the day a report gives, each bound with its source; a report that disagrees is a conflict, not an overwrite', async () => {
  const data = await api.data(`{
    c5: meeting(slug: "c5-plus-1-ministerial-astana-2023") {
      date { label precision earliest latest boundedBy { earliest { kind citations { source { slug } } } } }
      conflicts { field }
    }
    tokayev: meeting(slug: "antony-blinken-kassym-jomart-tokayev-meeting-2023") {
      date { label precision }
      conflicts { field claims { value preferred date { earliest latest } citations { source { slug } } } }
    }
    old: meetings(filter: { from: "1996-01-01", to: "1996-12-31" }) { totalCount }
  }`);
  expect(data.c5.date).toMatchObject({ label: '28 February 2023', precision: 'DAY', earliest: '2023-02-28', latest: '2023-02-28' });
  const bySources = data.c5.date.boundedBy.earliest.flatMap((bound: any) => bound.citations.map((c: any) => c.source.slug));
  expect(bySources).toEqual(expect.arrayContaining(['example-report-2023-02-28-c5-plus-1-astana']));
  expect(data.c5.conflicts).toEqual([]);
  expect(data.tokayev.date).toEqual({ label: '28 February 2023', precision: 'DAY' });
  expect(data.tokayev.conflicts).toHaveLength(1);
  const [conflict] = data.tokayev.conflicts;
  expect(conflict.field).toBe('date');
  expect(conflict.claims.map((c: any) => [c.value, c.preferred, [...new Set(c.citations.map((x: any) => x.source.slug))].sort()])).toEqual([
    ['28 February 2023', true, ['example-report-2023-02-28-c5-plus-1-astana', 'example-report-2023-02-28-tokayev-blinken-ru']],
    ['late February 2023', false, ['urdupoint-2023-04-30-kazakhstan-us-strategic-cooperation']],
    ['1 March 2023', false, ['example-report-2023-03-03-blinken-tokayev-wrong-date']],
  ]);
  expect(data.old.totalCount).toBe(0);
});

test('every quote of every report is verbatim in its source text', async () => {
  const data = await api.data(`{ sources(first: 8) { nodes { slug text citations(first: 100) { nodes { quote } } } } }`);
  let checked = 0;
  for (const source of data.sources.nodes) {
    if (source.text === null) continue;
    for (const { quote } of source.citations.nodes) {
      expect(source.text).toContain(quote);
      checked += 1;
    }
  }
  expect(checked).toBeGreaterThan(100);
});
