/**
 * The reference datasets that reference facts cite: installed npm packages, each held as a
 * Source of kind REFERENCE_DATASET like an article, at the version installed. Its text is
 * a heading and the package's entries in one fixed line each, so that a Country or Place
 * record cites the line that states its fact and the verbatim-quote rule proves it. A new
 * version is a new Source (its slug and title name the version): the quotes of an older
 * one stay true of the text they quote.
 *
 * One mechanism serves every dataset (`ReferenceDataset`); this module also defines the
 * first, `countries-list` (annexare/Countries, MIT): `KZ KAZ Kazakhstan capital Astana`
 * (alpha-2, alpha-3, English name, capital). The others are in country-names.ts and
 * geonames-places.ts, and all of them in reference-datasets.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getCountryDataList } from 'countries-list';
import type { SourceRecord } from '../store/contract/records';

/** An installed package held as a reference Source: its name, version, slug and the lines of its text. */
export interface ReferenceDataset {
  /** The npm package, e.g. "countries-list". */
  readonly package: string;
  /** The installed version, e.g. "3.4.1". */
  readonly version: string;
  /** The Source's slug: the package and its version, e.g. "countries-list-3-4-1". */
  readonly slug: string;
  /** The Source's title: the package and its version, e.g. "countries-list 3.4.1". */
  readonly title: string;
  /** The first line of the text: what each line states (and the data's licence, where it asks for credit). */
  readonly heading: string;
  /** The lines of the text, one entry each, read from the package on first use. */
  lines(): readonly string[];
}

/** The installed version of `packageName`, read from its own package.json (not every package's `exports` expose it). */
function installedVersion(packageName: string): string {
  for (let directory = path.dirname(require.resolve(packageName)); directory !== path.dirname(directory); directory = path.dirname(directory)) {
    if (path.basename(directory) === packageName) return (JSON.parse(readFileSync(path.join(directory, 'package.json'), 'utf8')) as { version: string }).version;
  }
  throw new Error(`the package ${packageName} has no package.json above ${require.resolve(packageName)}`);
}

/**
 * The reference dataset of the installed `packageName`: `heading` says what a line states,
 * `readLines` reads the lines from the package (called once, on first use: a large
 * package is loaded only by what needs its text).
 */
export function referenceDataset(packageName: string, heading: string, readLines: () => readonly string[]): ReferenceDataset {
  const version = installedVersion(packageName);
  let lines: readonly string[] | undefined;
  return {
    package: packageName,
    version,
    slug: `${packageName}-${version.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`,
    title: `${packageName} ${version}`,
    heading: `${packageName} ${version}: ${heading}`,
    lines: () => (lines ??= readLines()),
  };
}

/** A dataset's full text: its heading, a blank line, then one line per entry. */
export function referenceText(dataset: ReferenceDataset): string {
  return `${dataset.heading}\n\n${dataset.lines().join('\n')}\n`;
}

/** A dataset's Source record, of kind REFERENCE_DATASET, its title naming package and version. */
export function referenceSourceRecord(dataset: ReferenceDataset): SourceRecord {
  return {
    slug: dataset.slug,
    title: dataset.title,
    kind: 'REFERENCE_DATASET',
    publisher: null,
    publishedOn: null,
    url: `https://www.npmjs.com/package/${dataset.package}/v/${dataset.version}`,
    dateline: null,
    cites: [],
    textFile: `sources/${dataset.slug}.txt`,
  };
}

/** One country of `countries-list`: what a line of its text states. */
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

/** Every country of `countries-list`, by alpha-2 code. */
export const REFERENCE_COUNTRIES: ReadonlyMap<string, ReferenceCountry> = new Map(
  getCountryDataList()
    .map((country): ReferenceCountry => ({ isoCode: country.iso2, isoCode3: country.iso3, name: country.name, capital: country.capital === '' ? null : country.capital }))
    .sort((a, b) => (a.isoCode < b.isoCode ? -1 : 1))
    .map((country) => [country.isoCode, country]),
);

/** The line of `countries-list`'s text that states `country`'s codes, name and capital: what a citation of it quotes. */
export function referenceLine(country: ReferenceCountry): string {
  return `${country.isoCode} ${country.isoCode3} ${country.name}${country.capital === null ? '' : ` capital ${country.capital}`}`;
}

/** `countries-list`: each country's codes, English name and capital, in alpha-2 order. */
export const COUNTRIES_LIST = referenceDataset('countries-list', 'ISO 3166-1 alpha-2 code, alpha-3 code, English name and capital of each country', () =>
  [...REFERENCE_COUNTRIES.values()].map(referenceLine),
);

/** The npm package the country facts come from. */
export const REFERENCE_PACKAGE = COUNTRIES_LIST.package;

/** Its version, e.g. "3.4.1". */
export const REFERENCE_VERSION = COUNTRIES_LIST.version;

/** Its Source's slug, e.g. "countries-list-3-4-1". */
export const REFERENCE_SOURCE_SLUG = COUNTRIES_LIST.slug;
