/** Every MeetingFilter field, alone and combined, and its malformed values. */
import { toGlobalId } from '../../src/schema/relay/global-id';
import { startTestServer, type TestServer } from '../helpers/test-server';

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
});
afterAll(() => api.stop());

const VISIT = 'kairat-umarov-visit-to-the-united-states-2023';
const VERMA = 'kairat-umarov-richard-verma-meeting-2023';
const NULAND = 'kairat-umarov-victoria-nuland-meeting-2023';
const STEWART = 'kairat-umarov-mallory-stewart-meeting-2023';
const TALKS = 'kairat-umarov-talks-with-us-leadership-2023';
const BLINKEN_VISIT = 'antony-blinken-visit-to-kazakhstan-2023';
const C5 = 'c5-plus-1-ministerial-astana-2023';
const TOKAYEV = 'antony-blinken-kassym-jomart-tokayev-meeting-2023';

const FILTERED = `query FilteredMeetings($filter: MeetingFilter) {
  meetings(first: 100, filter: $filter, orderBy: { field: TITLE, direction: ASC }) { totalCount nodes { slug } }
}`;

async function slugs(filter: Record<string, unknown>): Promise<string[]> {
  const data = await api.data(FILTERED, { filter });
  expect(data.meetings.totalCount).toBe(data.meetings.nodes.length);
  return data.meetings.nodes.map((node: { slug: string }) => node.slug).sort();
}

async function personId(slug: string): Promise<string> {
  return (await api.data('query Id($slug: String!) { person(slug: $slug) { id } }', { slug })).person.id;
}

describe('MeetingFilter', () => {
  test('from/to match meetings whose fuzzy date range overlaps the window', async () => {
    // Umarov's meetings are "between 21 February and 30 April 2023": after Blinken's late-February visit, on or before the statement.
    expect(await slugs({ from: '2023-03-01' })).toEqual([VERMA, STEWART, TALKS, NULAND, VISIT].sort());
    expect(await slugs({ from: '2023-02-25', to: '2023-02-25' })).toEqual([TOKAYEV, BLINKEN_VISIT, VERMA, STEWART, TALKS, NULAND, VISIT, C5].sort());
    expect(await slugs({ from: '2023-05-01' })).toEqual([]);
    expect(await slugs({ to: '2023-02-20', kinds: ['MINISTERIAL'] })).toEqual([]);
    expect(await slugs({ to: '2023-02-21', kinds: ['MINISTERIAL'] })).toEqual([C5]);
    // Their lower bound comes from the text: none of them may have happened before Blinken's visit.
    expect(await slugs({ to: '2023-02-20' })).toEqual([]);
  });

  test('dateMatch WITHIN: only meetings certainly inside the window; an open bound never meets a given one', async () => {
    const UMAROV = [VERMA, STEWART, TALKS, NULAND, VISIT];
    const BLINKEN = [TOKAYEV, BLINKEN_VISIT, C5];
    // Bounded below by Blinken's visit, Umarov's meetings cannot have happened in 1996, under either reading.
    expect(await slugs({ from: '1996-01-01', to: '1996-12-31' })).toEqual([]);
    expect(await slugs({ from: '1996-01-01', to: '1996-12-31', dateMatch: 'OVERLAPS' })).toEqual([]);
    expect(await slugs({ from: '1996-01-01', to: '1996-12-31', dateMatch: 'WITHIN' })).toEqual([]);
    expect(await slugs({ from: '2023-01-01', to: '2023-12-31', dateMatch: 'WITHIN' })).toEqual([...UMAROV, ...BLINKEN].sort());
    expect(await slugs({ to: '2023-04-30', dateMatch: 'WITHIN' })).toEqual([...UMAROV, ...BLINKEN].sort());
    expect(await slugs({ to: '2023-04-29', dateMatch: 'WITHIN' })).toEqual([...BLINKEN].sort());
    expect(await slugs({ from: '2023-02-21', dateMatch: 'WITHIN' })).toEqual([...UMAROV, ...BLINKEN].sort());
    expect(await slugs({ from: '2023-02-22', dateMatch: 'WITHIN' })).toEqual([]);
    // Every possible day must be inside: "late February" is not within 22-28 February, nor within 21-27.
    expect(await slugs({ from: '2023-02-21', to: '2023-02-28', dateMatch: 'WITHIN' })).toEqual([...BLINKEN].sort());
    expect(await slugs({ from: '2023-02-22', to: '2023-02-28', dateMatch: 'WITHIN' })).toEqual([]);
    expect(await slugs({ from: '2023-02-21', to: '2023-02-27', dateMatch: 'WITHIN' })).toEqual([]);
    expect(await slugs({ from: '2023-02-22', to: '2023-02-27', dateMatch: 'OVERLAPS' })).toEqual([...UMAROV, ...BLINKEN].sort());
    // With no window, dateMatch is no condition.
    expect(await slugs({ dateMatch: 'WITHIN' })).toHaveLength(8);
  });

  test('countriesAll: every one of the countries, in any form', async () => {
    const kyrgyzstan = (await api.data('query K { country(isoCode: "KG") { id } }')).country.id;
    expect(await slugs({ countriesAll: ['KZ', 'KG'] })).toEqual([C5]);
    expect(await slugs({ countriesAll: ['kazakhstan', 'US'] })).toHaveLength(8);
    expect(await slugs({ countriesAll: [kyrgyzstan, 'uz', 'tajikistan', toGlobalId('Country', 'turkmenistan')] })).toEqual([C5]);
    expect(await slugs({ countriesAll: ['kyrgyzstan', 'KG', kyrgyzstan] })).toEqual([C5]);
    // One country that no meeting involves, or that does not exist, and nothing matches.
    expect(await slugs({ countriesAll: ['KZ', 'RU'] })).toEqual([]);
    expect(await slugs({ countriesAll: ['KZ', 'ZZ'] })).toEqual([]);
    expect(await slugs({ countriesAll: ['KZ', 'atlantis'] })).toEqual([]);
    expect(await slugs({ countriesAll: [] })).toHaveLength(8);
    // Beside `countries` (any of): both must hold.
    expect(await slugs({ countries: ['KG', 'RU'], countriesAll: ['US'] })).toEqual([C5]);
    expect(await slugs({ countries: ['RU'], countriesAll: ['US'] })).toEqual([]);
  });

  test('participantsAll: every one of the people, by global id or slug', async () => {
    expect(await slugs({ participantsAll: ['antony-blinken', await personId('kassym-jomart-tokayev')] })).toEqual([TOKAYEV]);
    expect(await slugs({ participantsAll: [await personId('kairat-umarov'), 'victoria-nuland', 'kairat-umarov'] })).toEqual([NULAND]);
    expect(await slugs({ participantsAll: ['kairat-umarov'] })).toEqual([VERMA, STEWART, TALKS, NULAND, VISIT].sort());
    expect(await slugs({ participantsAll: ['antony-blinken', 'kairat-umarov'] })).toEqual([]);
    expect(await slugs({ participantsAll: ['antony-blinken', 'no-such-person'] })).toEqual([]);
    // Beside `participants` (any of): both must hold.
    expect(await slugs({ participants: ['victoria-nuland', 'richard-verma', 'antony-blinken'], participantsAll: ['kairat-umarov'] })).toEqual([VERMA, NULAND].sort());
  });

  test('the new conditions combine with the others', async () => {
    expect(
      await slugs({ from: '2023-01-01', to: '2023-12-31', dateMatch: 'WITHIN', countriesAll: ['US', 'KZ'], participantsAll: ['antony-blinken'], kinds: ['MINISTERIAL', 'VISIT'], text: 'astana' }),
    ).toEqual([BLINKEN_VISIT, C5].sort());
    expect(await slugs({ to: '2023-04-30', dateMatch: 'WITHIN', participantsAll: ['kairat-umarov'], topics: ['energy'] })).toEqual([VISIT]);
    expect(await slugs({ from: '2023-01-01', dateMatch: 'WITHIN', participantsAll: ['kairat-umarov'] })).toEqual([VERMA, STEWART, TALKS, NULAND, VISIT].sort());
    expect(await slugs({ from: '2023-03-01', dateMatch: 'WITHIN', participantsAll: ['kairat-umarov'] })).toEqual([]);
    const nested = await api.data(`query NestedAll {
      person(slug: "antony-blinken") { meetings(filter: { participantsAll: ["kassym-jomart-tokayev"], countriesAll: ["KZ"], from: "2023-02-01", to: "2023-02-28", dateMatch: WITHIN }) { totalCount nodes { slug } } }
    }`);
    expect(nested.person.meetings).toEqual({ totalCount: 1, nodes: [{ slug: TOKAYEV }] });
  });

  test('countries: any of the ISO codes, in any case', async () => {
    expect(await slugs({ countries: ['KG'] })).toEqual([C5]);
    expect(await slugs({ countries: ['kg', 'UZ'] })).toEqual([C5]);
    expect(await slugs({ countries: ['ZZ'] })).toEqual([]);
    expect(await slugs({ countries: [] })).toHaveLength(8);
  });

  test('countries: any of the countries, by global id or slug as well', async () => {
    const kyrgyzstan = (await api.data('query K { country(isoCode: "KG") { id } }')).country.id;
    expect(await slugs({ countries: [kyrgyzstan] })).toEqual([C5]);
    expect(await slugs({ countries: ['kyrgyzstan'] })).toEqual([C5]);
    expect(await slugs({ countries: ['kyrgyzstan', 'UZ', kyrgyzstan] })).toEqual([C5]);
    expect(await slugs({ countries: ['atlantis'] })).toEqual([]);
  });

  test('participants: any of the people, by global id or slug', async () => {
    expect(await slugs({ participants: [await personId('victoria-nuland')] })).toEqual([NULAND]);
    expect(await slugs({ participants: [await personId('victoria-nuland'), await personId('kassym-jomart-tokayev')] })).toEqual([TOKAYEV, NULAND].sort());
    expect(await slugs({ participants: [await personId('antony-blinken')] })).toEqual([TOKAYEV, BLINKEN_VISIT, C5].sort());
    expect(await slugs({ participants: ['victoria-nuland', await personId('kassym-jomart-tokayev')] })).toEqual([TOKAYEV, NULAND].sort());
    expect(await slugs({ participants: ['antony-blinken'] })).toEqual([TOKAYEV, BLINKEN_VISIT, C5].sort());
    expect(await slugs({ participants: ['no-such-person'] })).toEqual([]);
  });

  test('topics: any of the topics, by slug or global id', async () => {
    expect(await slugs({ topics: ['investment'] })).toEqual([TOKAYEV]);
    expect(await slugs({ topics: ['energy'] })).toEqual([TOKAYEV, VISIT].sort());
    expect(await slugs({ topics: [toGlobalId('Topic', 'energy')] })).toEqual([TOKAYEV, VISIT].sort());
    expect(await slugs({ topics: ['investment', toGlobalId('Topic', 'energy')] })).toEqual([TOKAYEV, VISIT].sort());
    expect(await slugs({ topics: ['no-such-topic'] })).toEqual([]);
    expect(await slugs({ topics: [toGlobalId('Topic', 'no-such-topic')] })).toEqual([]);
  });

  test('kinds: any of the kinds', async () => {
    expect(await slugs({ kinds: ['VISIT'] })).toEqual([BLINKEN_VISIT, VISIT].sort());
    expect(await slugs({ kinds: ['TALKS', 'MINISTERIAL'] })).toEqual([TALKS, C5].sort());
  });

  test('text: every word begins a word of the title or summary, ignoring case and accents', async () => {
    expect(await slugs({ text: 'STEWART' })).toEqual([STEWART]);
    expect(await slugs({ text: 'ástana minist' })).toEqual([BLINKEN_VISIT, C5].sort());
    expect(await slugs({ text: 'nuland tokayev' })).toEqual([]);
  });

  test('all conditions together must hold', async () => {
    expect(
      await slugs({ from: '2023-01-01', to: '2023-12-31', countries: ['US'], participants: [await personId('antony-blinken')], topics: ['energy'], kinds: ['BILATERAL_MEETING'], text: 'tokayev' }),
    ).toEqual([TOKAYEV]);
  });

  test('filters nested connections too', async () => {
    const data = await api.data(`query NestedFilter {
      person(slug: "antony-blinken") { meetings(filter: { kinds: [MINISTERIAL] }) { totalCount nodes { slug } } }
    }`);
    expect(data.person.meetings).toEqual({ totalCount: 1, nodes: [{ slug: C5 }] });
  });

  test.each([
    ['a malformed ISO code', { countries: ['KAZ'] }, '"filter.countries": expected a Country id, slug or ISO 3166-1 alpha-2 code (e.g. "KZ"); got "KAZ".'],
    ['a malformed ISO code in countriesAll', { countriesAll: ['KZ', 'KAZ'] }, '"filter.countriesAll": expected a Country id, slug or ISO 3166-1 alpha-2 code (e.g. "KZ"); got "KAZ".'],
    ['too many countriesAll', { countriesAll: Array.from({ length: 101 }, () => 'KZ') }, '"filter.countriesAll" may hold at most 100 values; got 101.'],
    ['a participantsAll value that is neither id nor slug', { participantsAll: ['kairat-umarov', 'Victoria Nuland'] }, '"filter.participantsAll": expected a Person id or slug; got "Victoria Nuland".'],
    ['too many participantsAll', { participantsAll: Array.from({ length: 101 }, (_, i) => `person-${i}`) }, '"filter.participantsAll" may hold at most 100 values; got 101.'],
    ['a malformed participant id', { participants: ['UGVyc29uOm5vcGU!'] }, '"filter.participants": expected a Person id or slug; got "UGVyc29uOm5vcGU!".'],
    ['a participant that is neither id nor slug', { participants: ['Victoria Nuland'] }, '"filter.participants": expected a Person id or slug; got "Victoria Nuland".'],
    ['a malformed topic slug', { topics: ['Energy!'] }, '"filter.topics": expected a Topic id or slug; got "Energy!".'],
    ['from after to', { from: '2023-05-01', to: '2023-04-01' }, '"from" (2023-05-01) must not be after "to" (2023-04-01).'],
    ['an over-long text', { text: 'x'.repeat(201) }, '"filter.text" must be at most 200 characters; got 201.'],
  ])('%s is BAD_USER_INPUT', async (_name, filter, message) => {
    const result = await api.query(FILTERED, { filter });
    const argumentName = Object.keys(filter).length === 1 && !('from' in filter) ? `filter.${Object.keys(filter)[0]}` : expect.any(String);
    expect(result).toEqual({ data: null, errors: [expect.objectContaining({ message, extensions: { code: 'BAD_USER_INPUT', argumentName } })] });
  });

  test.each([
    ['participants', 'Meeting', 'a Person id or slug'],
    ['topics', 'Person', 'a Topic id or slug'],
    ['countries', 'Place', 'a Country id, slug or ISO 3166-1 alpha-2 code (e.g. "KZ")'],
    ['participantsAll', 'Meeting', 'a Person id or slug'],
    ['countriesAll', 'Person', 'a Country id, slug or ISO 3166-1 alpha-2 code (e.g. "KZ")'],
  ])('%s: the id of a %s is BAD_USER_INPUT naming the argument', async (field, type, expected) => {
    const id = toGlobalId(type as 'Meeting', type === 'Meeting' ? C5 : type === 'Person' ? 'antony-blinken' : 'astana');
    const result = await api.query(FILTERED, { filter: { [field]: [id] } });
    expect(result).toEqual({
      data: null,
      errors: [expect.objectContaining({ message: `"filter.${field}": expected ${expected}; "${id}" is the id of a ${type}.`, extensions: { code: 'BAD_USER_INPUT', argumentName: `filter.${field}` } })],
    });
  });

  test('an unknown dateMatch is refused by the enum', async () => {
    const result = await api.query(FILTERED, { filter: { from: '2023-01-01', dateMatch: 'INSIDE' } });
    expect(result.data).toBeUndefined();
    expect(result.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(result.errors![0]!.message).toContain('"INSIDE" does not exist in "DateMatch" enum');
  });

  test('an impossible date is refused by the Date scalar', async () => {
    const result = await api.query(FILTERED, { filter: { from: '2023-02-30' } });
    expect(result.data).toBeUndefined();
    expect(result.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });
});

describe('other filters', () => {
  test('people, organizations, offices and places by country; sources by kind and date', async () => {
    const data = await api.data(`query OtherFilters {
      people(filter: { countries: ["KZ"], text: "tok" }) { nodes { slug } }
      organizations(filter: { kinds: [LEGISLATURE, EXECUTIVE_OFFICE] }) { nodes { slug } }
      offices(filter: { countries: ["KG"] }) { nodes { slug } }
      places(filter: { countries: ["RU"] }) { nodes { slug } }
      topics(filter: { topLevel: true, text: "sec" }) { nodes { slug } }
      sources(filter: { kinds: [OFFICIAL_STATEMENT], from: "2023-04-30", to: "2023-04-30" }) { nodes { slug } }
      countries(filter: { text: "u.s." }) { nodes { slug } }
    }`);
    expect(data).toEqual({
      people: { nodes: [{ slug: 'kassym-jomart-tokayev' }] },
      organizations: { nodes: [{ slug: 'us-congress' }, { slug: 'white-house' }] },
      offices: { nodes: [{ slug: 'kyrgyzstan-foreign-minister' }] },
      places: { nodes: [{ slug: 'moscow' }] },
      topics: { nodes: [{ slug: 'security' }] },
      sources: { nodes: [{ slug: 'kazakh-foreign-ministry-statement-2023-04-30' }] },
      // Uzbekistan too: its name begins with "u", and its Chinese name, 乌兹别克斯坦, has a word "si" in Latin (a name in another language: see names.test.ts).
      countries: { nodes: [{ slug: 'united-states' }, { slug: 'uzbekistan' }] },
    });
  });

  test.each([
    ['an ISO code', 'KZ'],
    ['a slug', 'kazakhstan'],
    ['a global id', toGlobalId('Country', 'kazakhstan')],
  ])('people, organizations, offices and places take a country as %s', async (_form, country) => {
    const data = await api.data(
      `query ByCountry($countries: [String!]) {
        people(filter: { countries: $countries, text: "tok" }) { nodes { slug } }
        organizations(filter: { countries: $countries, kinds: [MINISTRY] }) { nodes { slug } }
        offices(filter: { countries: $countries, text: "president" }) { nodes { slug } }
        places(filter: { countries: $countries }) { nodes { slug } }
      }`,
      { countries: [country] },
    );
    expect(data).toEqual({
      people: { nodes: [{ slug: 'kassym-jomart-tokayev' }] },
      organizations: { nodes: [{ slug: 'kazakh-foreign-ministry' }] },
      offices: { nodes: [{ slug: 'kazakhstan-president' }] },
      places: { nodes: [{ slug: 'astana' }] },
    });
  });

  test.each(['people', 'organizations', 'offices', 'places'])('%s: a malformed country is BAD_USER_INPUT naming filter.countries', async (field) => {
    const result = await api.query(`query Bad { ${field}(filter: { countries: ["Kazakh stan"] }) { totalCount } }`);
    expect(result).toEqual({
      data: null,
      errors: [
        expect.objectContaining({
          message: '"filter.countries": expected a Country id, slug or ISO 3166-1 alpha-2 code (e.g. "KZ"); got "Kazakh stan".',
          extensions: { code: 'BAD_USER_INPUT', argumentName: 'filter.countries' },
        }),
      ],
    });
  });
});
