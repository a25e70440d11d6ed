/**
 * The first article's key facts, read back through the typed SDK as a real client would:
 * the people with their countries and offices, Umarov's meetings, the C5+1 ministerial,
 * the Secretary of State over time and Kazakhstan's capital.
 */
import { createClient, type Sdk } from '../../sdk/src';
import { startTestServer, type TestServer } from '../helpers/test-server';

let api: TestServer;
let client: Sdk;
beforeAll(async () => {
  api = await startTestServer();
  client = createClient({ url: `${api.url}/graphql` });
});
afterAll(() => api.stop());

test('every person the article names, with country and offices', async () => {
  const { people } = await client.People({ first: 100, orderBy: { field: 'NAME', direction: 'ASC' } });
  expect(people.totalCount).toBe(6);
  expect(people.nodes.map((person) => ({ name: person.name, country: person.country?.isoCode, offices: person.offices.map((office) => `${office.country.isoCode} ${office.title}`) }))).toEqual([
    { name: 'Antony Blinken', country: 'US', offices: ['US Secretary of State'] },
    { name: 'Kairat Umarov', country: 'KZ', offices: ['KZ First Deputy Foreign Minister'] },
    { name: 'Kassym-Jomart Tokayev', country: 'KZ', offices: ['KZ President'] },
    { name: 'Mallory Stewart', country: 'US', offices: ['US Assistant Secretary of State for Arms Control, Verification and Compliance'] },
    { name: 'Richard Verma', country: 'US', offices: ['US Deputy Secretary of State for Management and Resources'] },
    { name: 'Victoria Nuland', country: 'US', offices: ['US Under Secretary of State for Political Affairs'] },
  ]);
});

test("Umarov's five meetings: the visit, three bilateral meetings and the talks, all between 21 February and 30 April 2023 (after Blinken's visit)", async () => {
  const { person } = await client.PersonBySlug({ slug: 'kairat-umarov', first: 10, orderBy: { field: 'TITLE', direction: 'ASC' } });
  expect(person?.offices.map((office) => office.title)).toEqual(['First Deputy Foreign Minister']);
  expect(person?.meetings.totalCount).toBe(5);
  expect(person?.meetings.pageInfo.hasNextPage).toBe(false);
  expect(person?.meetings.nodes.map((meeting) => [meeting.kind, meeting.title, meeting.date.label, meeting.partOf?.slug ?? null])).toEqual([
    ['BILATERAL_MEETING', 'Kairat Umarov meets Mallory Stewart', 'between 21 February and 30 April 2023', 'kairat-umarov-visit-to-the-united-states-2023'],
    ['BILATERAL_MEETING', 'Kairat Umarov meets Richard Verma', 'between 21 February and 30 April 2023', 'kairat-umarov-visit-to-the-united-states-2023'],
    ['BILATERAL_MEETING', 'Kairat Umarov meets Victoria Nuland', 'between 21 February and 30 April 2023', 'kairat-umarov-visit-to-the-united-states-2023'],
    ['VISIT', "Kairat Umarov's visit to the United States", 'between 21 February and 30 April 2023', null],
    ['TALKS', 'Talks between Kairat Umarov and the US leadership', 'between 21 February and 30 April 2023', 'kairat-umarov-visit-to-the-united-states-2023'],
  ]);
});

test('the C5+1 ministerial: six countries, Blinken and five foreign ministers the article does not name', async () => {
  const { meeting } = await client.MeetingBySlug({ slug: 'c5-plus-1-ministerial-astana-2023' });
  expect(meeting).toMatchObject({
    title: 'C5+1 ministerial meeting in Astana',
    kind: 'MINISTERIAL',
    date: { label: 'late February 2023', earliest: '2023-02-21', latest: '2023-02-28', precision: 'PART_OF_MONTH' },
    location: { name: 'Astana' },
    format: { name: 'C5+1', kind: 'DIPLOMATIC_FORMAT' },
    coding: { cameoCode: '040', ploverCategory: 'CONSULT', ploverMode: null },
    partOf: { title: "Antony Blinken's visit to Kazakhstan" },
  });
  expect(meeting?.countries.map((country) => country.isoCode)).toEqual(['KZ', 'KG', 'TJ', 'TM', 'UZ', 'US']);
  expect(meeting?.participants.map(({ role, label, person, office, country }) => ({ role, label, person: person?.name ?? null, office: office?.title, country: country.isoCode }))).toEqual([
    { role: 'PARTICIPANT', label: null, person: 'Antony Blinken', office: 'Secretary of State', country: 'US' },
    { role: 'PARTICIPANT', label: 'foreign minister of Kazakhstan', person: null, office: 'Foreign Minister', country: 'KZ' },
    { role: 'PARTICIPANT', label: 'foreign minister of Kyrgyzstan', person: null, office: 'Foreign Minister', country: 'KG' },
    { role: 'PARTICIPANT', label: 'foreign minister of Tajikistan', person: null, office: 'Foreign Minister', country: 'TJ' },
    { role: 'PARTICIPANT', label: 'foreign minister of Turkmenistan', person: null, office: 'Foreign Minister', country: 'TM' },
    { role: 'PARTICIPANT', label: 'foreign minister of Uzbekistan', person: null, office: 'Foreign Minister', country: 'UZ' },
  ]);
  for (const participant of meeting?.participants ?? []) expect(participant.citations.length).toBeGreaterThan(0);
});

test('the Secretary of State: Blinken, latest known and as of March 2023, nobody attested in January', async () => {
  const latest = await client.OfficeBySlug({ slug: 'united-states-secretary-of-state' });
  expect(latest.office).toMatchObject({ title: 'Secretary of State', country: { name: 'United States' }, organization: { name: 'State Department' }, holder: { name: 'Antony Blinken' } });
  expect(latest.office?.tenures.map((tenure) => [tenure.person.name, tenure.start?.label, tenure.end])).toEqual([['Antony Blinken', 'on or before late February 2023', null]]);

  expect((await client.OfficeBySlug({ slug: 'united-states-secretary-of-state', asOf: '2023-03-15' })).office?.holder?.name).toBe('Antony Blinken');
  expect((await client.OfficeBySlug({ slug: 'united-states-secretary-of-state', asOf: '2023-01-15' })).office?.holder).toBeNull();
});

test('the Secretary of State in 2040: nobody attested, Blinken possible, his tenure attested 28 February to 30 April 2023', async () => {
  const { office } = await client.OfficeHolders({ slug: 'united-states-secretary-of-state', asOf: '2040-01-01' });
  expect(office?.holders.map(({ certainty, person, tenure }) => [certainty, person.name, tenure.attestedFrom, tenure.attestedUntil, tenure.status])).toEqual([
    ['POSSIBLE', 'Antony Blinken', '2023-02-28', '2023-04-30', 'STATED_CURRENT'],
  ]);
  expect((await client.OfficeBySlug({ slug: 'united-states-secretary-of-state', asOf: '2040-01-01' })).office?.holder).toBeNull();
});

test("Kazakhstan's capital is Astana, by slug and by ISO code in any case", async () => {
  const bySlug = await client.CountryBySlug({ slug: 'kazakhstan' });
  expect(bySlug.country).toMatchObject({ name: 'Kazakhstan', isoCode: 'KZ', capital: { name: 'Astana', kind: 'CITY', country: { isoCode: 'KZ' } } });
  expect((await client.CountryByIsoCode({ isoCode: 'kz' })).country?.capital?.name).toBe('Astana');
  expect(await client.CountryByIsoCode({ isoCode: 'ZZ' })).toEqual({ country: null });
});
