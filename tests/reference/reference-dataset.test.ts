/**
 * The seed agrees with the installed reference dataset (countries-list): its countries' ISO
 * codes, names and capitals are the package's, its reference source's text and citations
 * are what `npm run data:reference` would write, and the script's logic reports a
 * disagreement, replaces an older version's citations and leaves a non-capital uncited.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { getCountryData, type TCountryCode } from 'countries-list';
import { citeReferenceDataset } from '../../src/reference/cite-reference';
import { REFERENCE_COUNTRIES, REFERENCE_SOURCE_SLUG, REFERENCE_VERSION, referenceLine, referenceSourceRecord, referenceText } from '../../src/reference/reference-dataset';
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

  test('holds what npm run data:reference writes: the source record first, its text, every country and capital citing its line', async () => {
    const cited = citeReferenceDataset(seed);
    expect(cited.disagreements).toEqual([]);
    expect(cited.replaced).toEqual([]);
    expect({ sources: seed.Source, countries: seed.Country, places: seed.Place }).toEqual({ sources: cited.sources, countries: cited.countries, places: cited.places });
    expect(await readFile(path.join(SHIPPED_DATA_DIR, 'sources', `${REFERENCE_SOURCE_SLUG}.txt`), 'utf8')).toBe(cited.text);
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
    expect(seed.Country.find((country) => country.slug === 'kazakhstan')!.citations).toEqual([{ source: REFERENCE_SOURCE_SLUG, quote: 'KZ KAZ Kazakhstan capital Astana' }]);
  });
});

describe("the dataset's text", () => {
  test('is one line per country of the package, in alpha-2 order, each with both codes, the name and the capital', () => {
    const lines = referenceText().split('\n');
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

  test("replaces an older version's source and citations, keeps other sources' citations, and leaves a place that is no capital uncited", () => {
    const older: SourceRecord = { ...referenceSourceRecord(), slug: 'countries-list-3-0-0', title: 'countries-list 3.0.0', textFile: 'sources/countries-list-3-0-0.txt' };
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
      sources: [referenceSourceRecord(), article],
      countries: [{ slug: 'kazakhstan', citations: [line] }],
      places: [{ slug: 'astana', citations: [line] }, { slug: 'almaty', citations: [byArticle] }],
    });
  });
});
