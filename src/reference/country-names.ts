/**
 * The reference dataset that countries' names in other languages cite: the npm package
 * `i18n-iso-countries` (michaelwittig/node-i18n-iso-countries, MIT), its official short
 * names in the six UN languages, German, and the languages of the C5 (Kazakh, Kyrgyz,
 * Tajik, Turkmen, Uzbek). One line per country, e.g.
 * `KZ ar كازاخستان | de Kasachstan | en Kazakhstan | ... | zh 哈萨克斯坦`, which a Country
 * cites beside its `countries-list` line and whose names it holds in `names`.
 */
import countries from 'i18n-iso-countries';
import { referenceDataset } from './reference-dataset';

/** The languages whose names the dataset's text holds, as BCP 47 tags in alphabetical order. */
export const NAME_LANGUAGES = ['ar', 'de', 'en', 'es', 'fr', 'kk', 'ky', 'ru', 'tg', 'tk', 'uz', 'zh'] as const;

/** A country's name in one language. */
export interface ReferenceName {
  value: string;
  lang: (typeof NAME_LANGUAGES)[number];
}

/**
 * The names of the country with ISO 3166-1 alpha-2 code `isoCode`, in NAME_LANGUAGES
 * order, leaving out a language the package has no name in; [] for a code it lacks. Names
 * are trimmed (7.14.0 gives Uzbekistan's Turkmen name with a trailing space).
 */
export function referenceNames(isoCode: string): ReferenceName[] {
  return NAME_LANGUAGES.flatMap((lang) => {
    const value = countries.getName(isoCode, lang)?.trim();
    return value ? [{ value, lang }] : [];
  });
}

/** The line of the dataset's text that states the names of the country with code `isoCode`, or null when the package has none. */
export function namesLine(isoCode: string): string | null {
  const names = referenceNames(isoCode);
  return names.length === 0 ? null : `${isoCode} ${names.map((name) => `${name.lang} ${name.value}`).join(' | ')}`;
}

/** `i18n-iso-countries`: each country's names, in alpha-2 order. */
export const COUNTRY_NAMES = referenceDataset('i18n-iso-countries', `ISO 3166-1 alpha-2 code, then the official short name in each of ${NAME_LANGUAGES.join(', ')} (language tag, name), of each country`, () =>
  Object.keys(countries.getAlpha2Codes())
    .sort()
    .flatMap((isoCode) => namesLine(isoCode) ?? []),
);
