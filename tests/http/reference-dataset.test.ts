/**
 * Reference facts have provenance too (issue 14, point 9), over HTTP on the store under
 * test: a country's ISO codes, name and capital, and a capital's country, cite the
 * reference dataset (a Source of kind REFERENCE_DATASET, its version in the title), as
 * its names in other languages and a capital's coordinates cite the two others; the
 * dataset's text and citations read like any source's; a written place's citation of it
 * joins `Source.citations` through the citedSource index.
 */
import { COUNTRY_NAMES, namesLine } from '../../src/reference/country-names';
import { GEONAMES_PLACES } from '../../src/reference/geonames-places';
import { COUNTRIES_LIST, REFERENCE_SOURCE_SLUG, REFERENCE_VERSION, referenceText } from '../../src/reference/reference-dataset';
import { toGlobalId } from '../../src/schema/relay/global-id';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { writerTo } from '../helpers/writer';

const TOKEN = 'reference-writer-token';
const SOURCE = { slug: REFERENCE_SOURCE_SLUG, kind: 'REFERENCE_DATASET', title: `countries-list ${REFERENCE_VERSION}` };

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer({ env: { API_TOKENS: TOKEN } });
});
afterAll(() => api.stop());

const { write, written } = writerTo(() => api, TOKEN);

const REFERENCE_CITATIONS = `query ReferenceCitations($slug: String!) {
  source(slug: $slug) { citations(first: 50) { totalCount nodes { entity { __typename ... on Country { slug } ... on Place { slug } } field quote attributedTo { slug } } } }
}`;

describe('reading the seed', () => {
  test("a country cites the dataset's line for its ISO code, and its capital cites the same line for the country it lies in", async () => {
    const data = await api.data(`query KazakhstanReference {
      country(isoCode: "KZ") { name isoCode citations { quote source { slug kind title } attributedTo { slug } } capital { name citations { quote source { slug } } country { slug } } }
    }`);
    expect(data).toEqual({
      country: {
        name: 'Kazakhstan',
        isoCode: 'KZ',
        citations: [
          { quote: 'KZ KAZ Kazakhstan capital Astana', source: SOURCE, attributedTo: null },
          { quote: namesLine('KZ'), source: { slug: COUNTRY_NAMES.slug, kind: 'REFERENCE_DATASET', title: COUNTRY_NAMES.title }, attributedTo: null },
        ],
        capital: {
          name: 'Astana',
          citations: [
            { quote: 'KZ KAZ Kazakhstan capital Astana', source: { slug: REFERENCE_SOURCE_SLUG } },
            { quote: '1526273 Nur-Sultan 51.1801 71.44598 KZ PPLC', source: { slug: GEONAMES_PLACES.slug } },
          ],
          country: { slug: 'kazakhstan' },
        },
      },
    });
  });

  test("the dataset is a Source like any other: its kind, its version in the title, the package's page, its text", async () => {
    const data = await api.data(`query ReferenceSource($slug: String!) { source(slug: $slug) { slug kind title url publishedOn publisher { slug } text } }`, { slug: REFERENCE_SOURCE_SLUG });
    expect(data.source).toEqual({
      ...SOURCE,
      url: `https://www.npmjs.com/package/countries-list/v/${REFERENCE_VERSION}`,
      publishedOn: null,
      publisher: null,
      text: referenceText(COUNTRIES_LIST),
    });
    expect(data.source.text).toContain('\nUS USA United States capital Washington D.C.\n');
  });

  test("Source.citations lists the dataset's citations: the seed's seven countries, then their seven capitals", async () => {
    const data = await api.data(REFERENCE_CITATIONS, { slug: REFERENCE_SOURCE_SLUG });
    const line = { kazakhstan: 'KZ KAZ Kazakhstan capital Astana', kyrgyzstan: 'KG KGZ Kyrgyzstan capital Bishkek', russia: 'RU RUS Russia capital Moscow', tajikistan: 'TJ TJK Tajikistan capital Dushanbe', turkmenistan: 'TM TKM Turkmenistan capital Ashgabat', 'united-states': 'US USA United States capital Washington D.C.', uzbekistan: 'UZ UZB Uzbekistan capital Tashkent' };
    const capitals: [string, keyof typeof line][] = [['ashgabat', 'turkmenistan'], ['astana', 'kazakhstan'], ['bishkek', 'kyrgyzstan'], ['dushanbe', 'tajikistan'], ['moscow', 'russia'], ['tashkent', 'uzbekistan'], ['washington', 'united-states']];
    expect(data.source.citations).toEqual({
      totalCount: 14,
      nodes: [
        ...Object.entries(line).map(([slug, quote]) => ({ entity: { __typename: 'Country', slug }, field: null, quote, attributedTo: null })),
        ...capitals.map(([slug, country]) => ({ entity: { __typename: 'Place', slug }, field: null, quote: line[country], attributedTo: null })),
      ],
    });
  });

  test('sources filtered by kind REFERENCE_DATASET find the three datasets alone', async () => {
    const data = await api.data('query ReferenceDatasets { sources(filter: { kinds: [REFERENCE_DATASET] }) { totalCount nodes { slug } } }');
    expect(data.sources.totalCount).toBe(3);
    expect(data.sources.nodes.map((node: { slug: string }) => node.slug).sort()).toEqual([GEONAMES_PLACES.slug, REFERENCE_SOURCE_SLUG, COUNTRY_NAMES.slug].sort());
  });
});

describe('writing', () => {
  test("a country and its capital written with citations of the dataset join the dataset's citations; a quote not in its text is refused", async () => {
    const line = 'AZ AZE Azerbaijan capital Baku';
    const cite = [{ sourceId: REFERENCE_SOURCE_SLUG, quote: line }];
    await written('mutation CreateCountry($input: CreateCountryInput!) { createCountry(input: $input) { country { slug } } }', { input: { name: 'Azerbaijan', isoCode: 'AZ', citations: cite } });
    const created = await written(
      'mutation CreatePlace($input: CreatePlaceInput!) { createPlace(input: $input) { place { slug citations { quote source { slug } } country { slug citations { quote } } } } }',
      { input: { name: 'Baku', kind: 'CITY', countryId: 'azerbaijan', citations: cite } },
    );
    expect(created.createPlace.place).toEqual({ slug: 'baku', citations: [{ quote: line, source: { slug: REFERENCE_SOURCE_SLUG } }], country: { slug: 'azerbaijan', citations: [{ quote: line }] } });
    const data = await api.data(REFERENCE_CITATIONS, { slug: REFERENCE_SOURCE_SLUG });
    expect(data.source.citations.totalCount).toBe(16);
    expect(data.source.citations.nodes).toEqual(
      expect.arrayContaining([
        { entity: { __typename: 'Country', slug: 'azerbaijan' }, field: null, quote: line, attributedTo: null },
        { entity: { __typename: 'Place', slug: 'baku' }, field: null, quote: line, attributedTo: null },
      ]),
    );

    const refused = await write('mutation UpdateCountry($id: ID!, $input: UpdateCountryInput!) { updateCountry(id: $id, input: $input) { country { slug } } }', {
      id: toGlobalId('Country', 'kazakhstan'),
      input: { citations: [{ sourceId: REFERENCE_SOURCE_SLUG, quote: 'KZ KAZ Kazakhstan capital Almaty' }] },
    });
    expect(refused.errors?.[0]).toMatchObject({ message: expect.stringContaining('quote not found verbatim'), extensions: { code: 'BAD_USER_INPUT' } });
  });
});
