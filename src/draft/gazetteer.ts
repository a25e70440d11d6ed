/**
 * The reference gazetteer the draft reads countries and cities with: the countries of the
 * installed reference dataset (`countries-list`, src/reference/reference-dataset.ts) by
 * name, ISO code and capital, the demonyms and short names reports use for them ("Kazakh",
 * "US", "U.S.", "British", "Turkey"), and a short list of cities that are not capitals
 * but host diplomacy (Geneva, New York, Almaty). Stored countries and places (their
 * names, aliases and names in other languages) are added per draft (`withStored`).
 *
 * Everything is in the code or an installed package: nothing is downloaded.
 */
import { foldText } from '../domain/fold-text';
import { REFERENCE_COUNTRIES, referenceLine } from '../reference/reference-dataset';
import type { CountryRecord, PlaceRecord } from '../store/contract/records';

/** A country as the draft proposes it: the reference dataset's facts, and the stored slug when the store holds it. */
export interface GazetteerCountry {
  isoCode: string;
  name: string;
  /** The capital's name in the reference dataset, or null. */
  capital: string | null;
  /** The reference dataset's line for it, which a country's record cites; null for a stored country the dataset lacks. */
  referenceLine: string | null;
}

/** A city as the draft proposes it. */
export interface GazetteerCity {
  name: string;
  /** ISO code of its country. */
  isoCode: string;
  /** True when the reference dataset gives it as its country's capital (its line is then the citation of its country). */
  capital: boolean;
  /** A city, or a region (a state, a province, an island). */
  kind?: 'CITY' | 'REGION';
}

/** One way a text names a country: its name, a short name, or a demonym (an adjective of the country). */
export interface CountryName {
  isoCode: string;
  /** True for a demonym or adjective ("Kazakh"): it names the country as a modifier ("Kazakh President"), not as a place. */
  adjective: boolean;
}

/** Demonyms and adjectives, by ISO code: the words reports use before an office ("Kazakh Foreign Minister"). */
const ADJECTIVES: Readonly<Record<string, readonly string[]>> = {
  US: ['US', 'U.S.', 'American', 'USA', 'U.S.A.'],
  KZ: ['Kazakh', 'Kazakhstani'],
  KG: ['Kyrgyz'],
  TJ: ['Tajik'],
  TM: ['Turkmen'],
  UZ: ['Uzbek'],
  AF: ['Afghan'],
  RU: ['Russian'],
  CN: ['Chinese'],
  GB: ['British', 'UK', 'U.K.'],
  FR: ['French'],
  DE: ['German'],
  IT: ['Italian'],
  ES: ['Spanish'],
  PT: ['Portuguese'],
  NL: ['Dutch'],
  BE: ['Belgian'],
  CH: ['Swiss'],
  AT: ['Austrian'],
  PL: ['Polish'],
  CZ: ['Czech'],
  SK: ['Slovak'],
  HU: ['Hungarian'],
  RO: ['Romanian'],
  BG: ['Bulgarian'],
  GR: ['Greek'],
  RS: ['Serbian'],
  HR: ['Croatian'],
  SE: ['Swedish'],
  NO: ['Norwegian'],
  FI: ['Finnish'],
  DK: ['Danish'],
  IE: ['Irish'],
  EE: ['Estonian'],
  LV: ['Latvian'],
  LT: ['Lithuanian'],
  UA: ['Ukrainian'],
  BY: ['Belarusian'],
  MD: ['Moldovan'],
  GE: ['Georgian'],
  AM: ['Armenian'],
  AZ: ['Azerbaijani'],
  TR: ['Turkish'],
  IR: ['Iranian'],
  IQ: ['Iraqi'],
  SY: ['Syrian'],
  JO: ['Jordanian'],
  LB: ['Lebanese'],
  IL: ['Israeli'],
  PS: ['Palestinian'],
  SA: ['Saudi'],
  AE: ['Emirati', 'UAE'],
  QA: ['Qatari'],
  KW: ['Kuwaiti'],
  OM: ['Omani'],
  BH: ['Bahraini'],
  YE: ['Yemeni'],
  EG: ['Egyptian'],
  LY: ['Libyan'],
  TN: ['Tunisian'],
  DZ: ['Algerian'],
  MA: ['Moroccan'],
  SD: ['Sudanese'],
  ET: ['Ethiopian'],
  KE: ['Kenyan'],
  NG: ['Nigerian'],
  ZA: ['South African'],
  IN: ['Indian'],
  PK: ['Pakistani'],
  BD: ['Bangladeshi'],
  LK: ['Sri Lankan'],
  NP: ['Nepalese', 'Nepali'],
  MN: ['Mongolian'],
  JP: ['Japanese'],
  KR: ['South Korean'],
  KP: ['North Korean'],
  VN: ['Vietnamese'],
  TH: ['Thai'],
  MY: ['Malaysian'],
  SG: ['Singaporean'],
  ID: ['Indonesian'],
  PH: ['Philippine', 'Filipino'],
  AU: ['Australian'],
  NZ: ['New Zealand'],
  CA: ['Canadian'],
  MX: ['Mexican'],
  BR: ['Brazilian'],
  AR: ['Argentine', 'Argentinian'],
  CL: ['Chilean'],
  CO: ['Colombian'],
  PE: ['Peruvian'],
  VE: ['Venezuelan'],
  CU: ['Cuban'],
};

/** Other names of countries in common use that the reference dataset does not give. */
const SHORT_NAMES: Readonly<Record<string, readonly string[]>> = {
  US: ['United States of America', 'America', 'United Stated'],
  GB: ['Britain', 'Great Britain'],
  TR: ['Turkey'],
  CZ: ['Czech Republic'],
  AE: ['United Arab Emirates'],
  KR: ['Republic of Korea'],
  CI: ["Cote d'Ivoire", "Côte d'Ivoire"],
  MM: ['Burma'],
  VA: ['Holy See', 'Vatican'],
};

/** Cities that are not capitals but where diplomacy happens, with their country's ISO code. */
const OTHER_CITIES: readonly (readonly [string, string])[] = [
  ['Almaty', 'KZ'],
  ['Hamburg', 'DE'],
  ['Frankfurt', 'DE'],
  ['Milan', 'IT'],
  ['Barcelona', 'ES'],
  ['Chicago', 'US'],
  ['Houston', 'US'],
  ['Guangzhou', 'CN'],
  ['Shenzhen', 'CN'],
  ['Chengdu', 'CN'],
  ['Yokohama', 'JP'],
  ['Kharkiv', 'UA'],
  ['Aktau', 'KZ'],
  ['Shymkent', 'KZ'],
  ['Bukhara', 'UZ'],
  ['Khiva', 'UZ'],
  ['Novosibirsk', 'RU'],
  ['Samarkand', 'UZ'],
  ['Osh', 'KG'],
  ['Geneva', 'CH'],
  ['New York', 'US'],
  ['San Francisco', 'US'],
  ['Los Angeles', 'US'],
  ['Camp David', 'US'],
  ['Munich', 'DE'],
  ['Davos', 'CH'],
  ['Istanbul', 'TR'],
  ['Antalya', 'TR'],
  ['St. Petersburg', 'RU'],
  ['Saint Petersburg', 'RU'],
  ['Sochi', 'RU'],
  ['Kazan', 'RU'],
  ['Vladivostok', 'RU'],
  ['Shanghai', 'CN'],
  ['Xi\'an', 'CN'],
  ['Hong Kong', 'CN'],
  ['Dubai', 'AE'],
  ['Jeddah', 'SA'],
  ['Sharm el-Sheikh', 'EG'],
  ['Mumbai', 'IN'],
  ['Osaka', 'JP'],
  ['Hiroshima', 'JP'],
  ['Busan', 'KR'],
  ['Karachi', 'PK'],
  ['Lahore', 'PK'],
  ['Strasbourg', 'FR'],
  ['The Hague', 'NL'],
  ['Lviv', 'UA'],
  ['Odesa', 'UA'],
  ['Johannesburg', 'ZA'],
  ['Durban', 'ZA'],
  ['Sydney', 'AU'],
  ['Toronto', 'CA'],
  ['Rio de Janeiro', 'BR'],
  ['São Paulo', 'BR'],
];

/** Regions reports name as places (states, provinces, islands, territories), with their country's ISO code. */
const REGIONS: readonly (readonly [string, string])[] = [
  ...[
    'Alabama', 'Alaska', 'Arizona', 'Arkansas', 'California', 'Colorado', 'Connecticut', 'Delaware', 'Florida', 'Hawaii', 'Idaho', 'Illinois',
    'Indiana', 'Iowa', 'Kansas', 'Kentucky', 'Louisiana', 'Maine', 'Maryland', 'Massachusetts', 'Michigan', 'Minnesota', 'Mississippi',
    'Missouri', 'Montana', 'Nebraska', 'Nevada', 'New Hampshire', 'New Jersey', 'New Mexico', 'North Carolina', 'North Dakota', 'Ohio',
    'Oklahoma', 'Oregon', 'Pennsylvania', 'Rhode Island', 'South Carolina', 'South Dakota', 'Tennessee', 'Texas', 'Utah', 'Vermont',
    'Virginia', 'Washington State', 'West Virginia', 'Wisconsin', 'Wyoming',
  ].map((state) => [state, 'US'] as const),
  ['Bali', 'ID'],
  ['Java', 'ID'],
  ['Gaza', 'PS'],
  ['Gaza Strip', 'PS'],
  ['West Bank', 'PS'],
  ['Crimea', 'UA'],
  ['Donbas', 'UA'],
  ['Kashmir', 'IN'],
  ['Xinjiang', 'CN'],
  ['Tibet', 'CN'],
  ['Bavaria', 'DE'],
  ['Scotland', 'GB'],
  ['Siberia', 'RU'],
  ['Karabakh', 'AZ'],
  ['Nagorno-Karabakh', 'AZ'],
];

/** Capitals as reports name them when the dataset gives a longer name. */
const CAPITAL_SHORT_NAMES: Readonly<Record<string, readonly string[]>> = {
  US: ['Washington', 'Washington, D.C.', 'Washington DC'],
  KZ: ['Nur-Sultan', 'Nur Sultan', 'Akmola'],
  MD: ['Chisinau'],
};

/** The gazetteer of one draft: reference facts plus the store's own names. */
export class Gazetteer {
  /** Countries by ISO code. */
  readonly countries = new Map<string, GazetteerCountry>();
  /** Folded country names, short names and adjectives -> the country they name. */
  readonly countryNames = new Map<string, CountryName>();
  /** Folded city names -> the city. */
  readonly cityNames = new Map<string, GazetteerCity>();
  /** The names as written (not folded), to find in a text. */
  readonly countryForms = new Set<string>();
  readonly cityForms = new Set<string>();

  constructor() {
    for (const country of REFERENCE_COUNTRIES.values()) {
      this.countries.set(country.isoCode, { isoCode: country.isoCode, name: country.name, capital: country.capital, referenceLine: referenceLine(country) });
      this.addCountryName(country.name, country.isoCode, false);
      if (country.capital !== null) this.addCity({ name: country.capital, isoCode: country.isoCode, capital: true });
    }
    for (const [isoCode, names] of Object.entries(SHORT_NAMES)) for (const name of names) this.addCountryName(name, isoCode, false);
    for (const [isoCode, names] of Object.entries(ADJECTIVES)) for (const name of names) this.addCountryName(name, isoCode, true);
    for (const [isoCode, names] of Object.entries(CAPITAL_SHORT_NAMES)) {
      const capital = this.countries.get(isoCode)?.capital;
      if (capital == null) continue;
      for (const name of names) this.addCity({ name: capital, isoCode, capital: true }, name);
    }
    for (const [name, isoCode] of OTHER_CITIES) this.addCity({ name, isoCode, capital: false });
    for (const [name, isoCode] of REGIONS) this.addCity({ name, isoCode, capital: false, kind: 'REGION' });
  }

  /** Adds the store's countries and places: their names, aliases and names in other languages. */
  withStored(countries: readonly CountryRecord[], places: readonly PlaceRecord[]): this {
    const isoBySlug = new Map<string, string>();
    for (const country of countries) {
      isoBySlug.set(country.slug, country.isoCode);
      if (!this.countries.has(country.isoCode)) this.countries.set(country.isoCode, { isoCode: country.isoCode, name: country.name, capital: null, referenceLine: null });
      for (const name of [country.name, ...country.aliases, ...(country.names ?? []).map((n) => n.value)]) this.addCountryName(name, country.isoCode, false);
    }
    for (const place of places) {
      const isoCode = isoBySlug.get(place.country);
      if (isoCode === undefined || place.kind !== 'CITY') continue;
      const capital = this.countries.get(isoCode)?.capital === place.name;
      for (const name of [place.name, ...place.aliases, ...(place.names ?? []).map((n) => n.value)]) this.addCity({ name: place.name, isoCode, capital }, name);
    }
    return this;
  }

  private addCountryName(name: string, isoCode: string, adjective: boolean): void {
    const key = foldText(name);
    this.countryForms.add(name);
    if (!this.countryNames.has(key)) this.countryNames.set(key, { isoCode, adjective });
  }

  private addCity(city: GazetteerCity, form = city.name): void {
    const key = foldText(form);
    this.cityForms.add(form);
    if (!this.cityNames.has(key)) this.cityNames.set(key, city);
  }
}

/** The gazetteer without stored names, built once (the reference part is the same for every draft). */
let shared: Gazetteer | null = null;

/** A gazetteer for one draft: the reference part (built once per process) plus the store's countries and places. */
export function draftGazetteer(countries: readonly CountryRecord[], places: readonly PlaceRecord[]): Gazetteer {
  if (shared === null) shared = new Gazetteer();
  const gazetteer = Object.create(Gazetteer.prototype) as Gazetteer;
  Object.assign(gazetteer, {
    countries: new Map(shared.countries),
    countryNames: new Map(shared.countryNames),
    cityNames: new Map(shared.cityNames),
    countryForms: new Set(shared.countryForms),
    cityForms: new Set(shared.cityForms),
  });
  return gazetteer.withStored(countries, places);
}
