/**
 * Every ISO 3166-1 country (English names from `i18n-iso-countries`), each with a
 * diplomatic weight (how often it acts), a faker locale for its people's and cities'
 * names, and a generated capital; plus further cities and venues.
 */
import * as isoCountries from 'i18n-iso-countries';
import type { CountryRecord, PlaceRecord } from '../../src/store/contract/records';
import type { LocaleKey, Rng } from './random';
import { SlugSet } from './slugs';

/** A country as the generator uses it. */
export interface SynthCountry {
  index: number;
  record: CountryRecord;
  /** The name as text uses it (no commas or brackets). */
  name: string;
  /** Relative share of the diplomatic activity. */
  weight: number;
  locale: LocaleKey;
  /** Places in this country, capital first. */
  places: PlaceRecord[];
}

/** "France's", "United States'": how text makes a country's name possessive. */
export function possessive(name: string): string {
  return name.endsWith('s') ? `${name}'` : `${name}'s`;
}

/** Countries that act most, in order; the rest follow in a seeded order. */
const MAJOR = ['US', 'CN', 'RU', 'GB', 'FR', 'DE', 'JP', 'IN', 'TR', 'BR', 'KZ', 'SA', 'IR', 'UA', 'IT', 'KR', 'EG', 'PK', 'ID', 'ZA', 'CA', 'AU', 'MX', 'ES', 'PL', 'IL', 'AE', 'QA', 'NG', 'UZ'];

const LOCALE_OF: Record<string, LocaleKey> = {
  US: 'en_US', GB: 'en_GB', IE: 'en_IE', CA: 'en_CA', AU: 'en_AU', NZ: 'en_AU', IN: 'en_IN', PK: 'en_IN', BD: 'en_IN', LK: 'en_IN',
  NG: 'en_NG', GH: 'en_GH', ZA: 'en_ZA', NA: 'af_ZA', KE: 'en_NG', UG: 'en_NG', DE: 'de', AT: 'de_AT', CH: 'de_CH', LI: 'de_CH',
  FR: 'fr', BE: 'fr_BE', LU: 'fr', MC: 'fr', SN: 'fr_SN', CI: 'fr_SN', ML: 'fr_SN', BF: 'fr_SN', NE: 'fr_SN', TD: 'fr_SN',
  CM: 'fr_SN', GA: 'fr_SN', CG: 'fr_SN', CD: 'fr_SN', BJ: 'fr_SN', TG: 'fr_SN', GN: 'fr_SN', MG: 'fr_SN', HT: 'fr', ES: 'es',
  MX: 'es_MX', AR: 'es', BO: 'es', CL: 'es', CO: 'es', CR: 'es', CU: 'es', DO: 'es', EC: 'es', SV: 'es', GT: 'es', HN: 'es',
  NI: 'es', PA: 'es', PY: 'es', PE: 'es', UY: 'es', VE: 'es', IT: 'it', SM: 'it', VA: 'it', PT: 'pt_PT', BR: 'pt_BR', AO: 'pt_PT',
  MZ: 'pt_PT', NL: 'nl', SE: 'sv', NO: 'nb_NO', DK: 'da', FI: 'fi', PL: 'pl', CZ: 'cs_CZ', SK: 'sk', HU: 'hu', RO: 'ro', MD: 'ro',
  HR: 'hr', LV: 'lv', TR: 'tr', AZ: 'az', UZ: 'uz_UZ_latin', KZ: 'uz_UZ_latin', KG: 'uz_UZ_latin', TJ: 'uz_UZ_latin',
  TM: 'uz_UZ_latin', ID: 'id_ID', MY: 'id_ID', VN: 'vi',
};
const OTHER_LOCALES: LocaleKey[] = ['en', 'en_GB', 'fr', 'es', 'pt_PT', 'tr', 'id_ID', 'yo_NG', 'pl', 'ro', 'hr', 'uz_UZ_latin'];

const VENUES = ['Congress Centre', 'Palace of Independence', 'International Conference Centre', 'Government House', 'Presidential Palace', 'State Guesthouse', 'Convention Hall', 'Palace of Nations'];

/** Where the shortest common name misleads (the two Congos) or is not the usual one. */
const NAME_OVERRIDES: Record<string, string> = { GB: 'United Kingdom', CD: 'Democratic Republic of the Congo', CG: 'Republic of the Congo' };

/**
 * The name text uses: the shortest English name that is not an abbreviation and has no
 * qualifying tail ("Russian Federation" → "Russia", "Taiwan, Province of China" → "Taiwan").
 */
function plainName(code: string, names: readonly string[]): string {
  const override = NAME_OVERRIDES[code];
  if (override) return override;
  const clean = names.filter((name) => !/[,(.]/.test(name) && name.length >= 4 && name !== name.toUpperCase());
  if (clean.length === 0) return names[0]!.replace(/\s*[,(].*$/, '');
  return clean.reduce((best, name) => (name.length < best.length ? name : best));
}

/**
 * All countries, sorted by ISO code, and their places: a capital each, then `extraPlaces`
 * cities, venues and regions spread by weight.
 */
export function generateGeography(rng: Rng, extraPlaces: number): { countries: SynthCountry[]; places: PlaceRecord[] } {
  const all = isoCountries.getNames('en', { select: 'all' }) as Record<string, string[]>;
  const codes = Object.keys(all).sort();
  const order = [...MAJOR, ...rng.shuffle(codes.filter((code) => !MAJOR.includes(code)))];
  const rank = new Map(order.map((code, i) => [code, i]));
  const countrySlugs = new SlugSet();
  const usedNames = new Set<string>();
  const result: SynthCountry[] = codes.map((code, index) => {
    const names = all[code]!;
    let name = plainName(code, names);
    // Two territories may shorten to the same name ("Virgin Islands"): keep the full one then.
    if (usedNames.has(name)) name = names[0]!;
    usedNames.add(name);
    const aliases = names.filter((alias) => alias !== name);
    return {
      index,
      record: { slug: countrySlugs.claim(name, code.toLowerCase()), name, aliases, isoCode: code, capital: null },
      name,
      weight: 1 / Math.pow(rank.get(code)! + 1, 0.85),
      locale: LOCALE_OF[code] ?? rng.pick(OTHER_LOCALES),
      places: [],
    };
  });

  const placeSlugs = new SlugSet();
  const places: PlaceRecord[] = [];
  const addPlace = (country: SynthCountry, name: string, kind: PlaceRecord['kind']): PlaceRecord => {
    const base = placeSlugs.claim(name);
    const place: PlaceRecord = { slug: base, name, aliases: [], kind, country: country.record.slug };
    country.places.push(place);
    places.push(place);
    return place;
  };
  for (const country of result) {
    const capital = addPlace(country, rng.fakerFor(country.locale).location.city(), 'CITY');
    country.record.capital = capital.slug;
  }
  const cumulative = cumulativeWeights(result.map((c) => c.weight));
  for (let i = 0; i < extraPlaces; i++) {
    const country = result[rng.weightedIndex(cumulative)]!;
    const faker = rng.fakerFor(country.locale);
    const roll = rng.next();
    if (roll < 0.7) addPlace(country, faker.location.city(), 'CITY');
    else if (roll < 0.9) addPlace(country, `${rng.pick(country.places).name} ${rng.pick(VENUES)}`, 'VENUE');
    else addPlace(country, regionName(faker), 'REGION');
  }
  return { countries: result, places };
}

/**
 * A region's name from the locale's states; a locale without them (drawn for a region only
 * in large corpora, e.g. 1,000,000 meetings) names a city instead. Faker throws before
 * drawing, so corpora that never met such a locale come out as before.
 */
function regionName(faker: ReturnType<Rng['fakerFor']>): string {
  try {
    return faker.location.state();
  } catch {
    return faker.location.city();
  }
}

/** Running totals of `weights`, for `Rng.weightedIndex`. */
export function cumulativeWeights(weights: readonly number[]): Float64Array {
  const cumulative = new Float64Array(weights.length);
  let total = 0;
  weights.forEach((weight, i) => (cumulative[i] = total += weight));
  return cumulative;
}

/**
 * Splits `total` among items in proportion to `weights` (largest remainders), every item
 * getting at least `floor` while the total allows.
 */
export function apportion(total: number, weights: readonly number[], floor = 0): number[] {
  const counts = weights.map(() => 0);
  let left = total;
  const byWeight = weights.map((_, i) => i).sort((a, b) => weights[b]! - weights[a]! || a - b);
  for (const i of byWeight) {
    if (left <= 0 || floor <= 0) break;
    const given = Math.min(floor, left);
    counts[i] = given;
    left -= given;
  }
  const sum = weights.reduce((a, b) => a + b, 0);
  const shares = weights.map((weight) => (weight / sum) * left);
  const remainders = shares.map((share, i) => [share - Math.floor(share), i] as const);
  shares.forEach((share, i) => (counts[i]! += Math.floor(share)));
  left -= shares.reduce((a, share) => a + Math.floor(share), 0);
  remainders.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; k < left; k++) counts[remainders[k % remainders.length]![1]]! += 1;
  return counts;
}
