/**
 * Cites the reference dataset in a data set: every Country quotes the dataset's line for
 * its ISO code (its codes, name and capital), and every Place that is its country's
 * capital quotes the same line (which states the country it lies in). A place the dataset
 * does not name (a non-capital city, a venue) gets no reference citation: its country
 * stands on the sources that say so. What `npm run data:reference` writes into data/,
 * and what the test that data/ agrees with the installed package compares against.
 */
import type { CitationRecord, CountryRecord, Dataset, PlaceRecord, SourceRecord } from '../store/contract/records';
import { REFERENCE_COUNTRIES, REFERENCE_PACKAGE, REFERENCE_SOURCE_SLUG, referenceLine, referenceSourceRecord, referenceText } from './reference-dataset';

/** The records and text of a data set citing the installed reference dataset, and where it disagrees with the dataset. */
export interface ReferenceCitations {
  /** The source records: the dataset's (first, replacing any other version's), then the others in their order. */
  sources: SourceRecord[];
  countries: CountryRecord[];
  places: PlaceRecord[];
  /** The dataset's text, for `sources/<slug>.txt`. */
  text: string;
  /** Slugs of the sources of other versions of the dataset that were dropped (their texts can go). */
  replaced: string[];
  /** Facts of the data set that the dataset states otherwise: a name, a capital, an unknown ISO code. */
  disagreements: string[];
}

/** True for a source of the reference package, of this version or another. */
function isReferenceSource(source: SourceRecord): boolean {
  return source.kind === 'REFERENCE_DATASET' && source.slug.startsWith(`${REFERENCE_PACKAGE}-`);
}

/** `citations` with the dataset's quote first and no quote of another version of it. */
function withReference(citations: readonly CitationRecord[] | undefined, replaced: ReadonlySet<string>, quote: string | null): CitationRecord[] | undefined {
  const others = (citations ?? []).filter((citation) => citation.source !== REFERENCE_SOURCE_SLUG && !replaced.has(citation.source));
  const cited = quote === null ? others : [{ source: REFERENCE_SOURCE_SLUG, quote }, ...others];
  return cited.length === 0 ? undefined : cited;
}

/** With `citations` set, or left out when there are none (as records without them are written). */
function setCitations<R extends { citations?: CitationRecord[] }>(record: R, citations: CitationRecord[] | undefined): R {
  const { citations: _old, ...rest } = record;
  return (citations === undefined ? rest : { ...rest, citations }) as R;
}

/** The data set's countries, places and sources citing the installed reference dataset. */
export function citeReferenceDataset(data: Pick<Dataset, 'Country' | 'Place' | 'Source'>): ReferenceCitations {
  const replaced = data.Source.filter((source) => isReferenceSource(source) && source.slug !== REFERENCE_SOURCE_SLUG).map((source) => source.slug);
  const replacedSet = new Set(replaced);
  const places = new Map(data.Place.map((place) => [place.slug, place]));
  const disagreements: string[] = [];
  const lineOf = new Map<string, string>();

  const countries = data.Country.map((country) => {
    const entry = REFERENCE_COUNTRIES.get(country.isoCode);
    if (entry === undefined) {
      disagreements.push(`Country ${JSON.stringify(country.slug)}: ${REFERENCE_PACKAGE} has no country with the ISO code ${country.isoCode}`);
      return setCitations(country, withReference(country.citations, replacedSet, null));
    }
    if (entry.name !== country.name) {
      disagreements.push(`Country ${JSON.stringify(country.slug)}: named ${JSON.stringify(country.name)}, but ${REFERENCE_PACKAGE} names ${country.isoCode} ${JSON.stringify(entry.name)}`);
    }
    const capital = country.capital === null ? undefined : places.get(country.capital);
    if ((capital?.name ?? null) !== entry.capital) {
      disagreements.push(`Country ${JSON.stringify(country.slug)}: capital ${JSON.stringify(capital?.name ?? null)}, but ${REFERENCE_PACKAGE} gives ${JSON.stringify(entry.capital)}`);
    }
    const line = referenceLine(entry);
    lineOf.set(country.slug, line);
    return setCitations(country, withReference(country.citations, replacedSet, line));
  });

  const capitals = new Set(data.Country.map((country) => country.capital));
  const placesCiting = data.Place.map((place) => {
    // Only a capital's line names the country it lies in.
    const line = capitals.has(place.slug) ? (lineOf.get(place.country) ?? null) : null;
    return setCitations(place, withReference(place.citations, replacedSet, line));
  });

  const sources = [referenceSourceRecord(), ...data.Source.filter((source) => !isReferenceSource(source))];
  return { sources, countries, places: placesCiting, text: referenceText(), replaced, disagreements };
}
