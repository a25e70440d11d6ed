/**
 * The reference dataset that country names, ISO 3166-1 codes and capitals cite: the npm
 * package `countries-list` (annexare/Countries, MIT), at the version installed. Its text,
 * held as a source like an article's, is the package's entries in one fixed line each,
 * `KZ KAZ Kazakhstan capital Astana` (alpha-2, alpha-3, English name, capital), so that a
 * Country or Place record cites the line that states its fact and the verbatim-quote rule
 * proves it. A new version is a new Source (its slug and title name the version): the
 * quotes of an older one stay true of the text they quote.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getCountryDataList } from 'countries-list';
import type { SourceRecord } from '../store/contract/records';

/** The npm package the reference facts come from. */
export const REFERENCE_PACKAGE = 'countries-list';

/** One country of the reference dataset: what a line of its text states. */
export interface ReferenceCountry {
  /** ISO 3166-1 alpha-2 code, e.g. "KZ". */
  isoCode: string;
  /** ISO 3166-1 alpha-3 code, e.g. "KAZ". */
  isoCode3: string;
  /** The English short name, e.g. "Kazakhstan". */
  name: string;
  /** The capital's English name, or null when the dataset gives none (Antarctica). */
  capital: string | null;
}

/** The installed version of the package, read from its own package.json (its `exports` do not expose it). */
function installedVersion(): string {
  const manifest = path.join(path.dirname(require.resolve(REFERENCE_PACKAGE)), '..', 'package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

/** The dataset's version, e.g. "3.4.1". */
export const REFERENCE_VERSION = installedVersion();

/** The Source's slug: the package and its version, e.g. "countries-list-3-4-1". */
export const REFERENCE_SOURCE_SLUG = `${REFERENCE_PACKAGE}-${REFERENCE_VERSION.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`;

/** Every country of the dataset, by alpha-2 code. */
export const REFERENCE_COUNTRIES: ReadonlyMap<string, ReferenceCountry> = new Map(
  getCountryDataList()
    .map((country): ReferenceCountry => ({ isoCode: country.iso2, isoCode3: country.iso3, name: country.name, capital: country.capital === '' ? null : country.capital }))
    .sort((a, b) => (a.isoCode < b.isoCode ? -1 : 1))
    .map((country) => [country.isoCode, country]),
);

/** The line of the text that states `country`'s codes, name and capital: what a citation of it quotes. */
export function referenceLine(country: ReferenceCountry): string {
  return `${country.isoCode} ${country.isoCode3} ${country.name}${country.capital === null ? '' : ` capital ${country.capital}`}`;
}

/** The Source's full text: a heading, then one line per country in alpha-2 order. */
export function referenceText(): string {
  const heading = `${REFERENCE_PACKAGE} ${REFERENCE_VERSION}: ISO 3166-1 alpha-2 code, alpha-3 code, English name and capital of each country`;
  return `${heading}\n\n${[...REFERENCE_COUNTRIES.values()].map(referenceLine).join('\n')}\n`;
}

/** The Source record of the dataset, of kind REFERENCE_DATASET, its title naming package and version. */
export function referenceSourceRecord(): SourceRecord {
  return {
    slug: REFERENCE_SOURCE_SLUG,
    title: `${REFERENCE_PACKAGE} ${REFERENCE_VERSION}`,
    kind: 'REFERENCE_DATASET',
    publisher: null,
    publishedOn: null,
    url: `https://www.npmjs.com/package/${REFERENCE_PACKAGE}/v/${REFERENCE_VERSION}`,
    dateline: null,
    cites: [],
    textFile: `sources/${REFERENCE_SOURCE_SLUG}.txt`,
  };
}
