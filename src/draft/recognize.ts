/**
 * Finds what a report names: countries (by name, short name or demonym), cities, organizations,
 * topics and people with the office and country the text gives them ("US Secretary of State
 * Antony Blinken", "First Deputy Foreign Minister of Kazakhstan Kairat Umarov").
 *
 * People come from three finders, merged: the names the store holds (names, aliases,
 * names in other scripts), the NLP library's person recognizer (`person-names.ts`), and
 * a rule: capitalized words right after an office title. Countries, cities,
 * organizations and topics come from the gazetteer and the store's names. A person
 * named later by surname alone ("Blinken") is a mention of the person named in full.
 */
import { foldText } from '../domain/fold-text';
import type { OrganizationKind } from '../domain/vocabularies';
import type { ExistingData } from '../import/import-bundle';
import type { Gazetteer, GazetteerCity } from './gazetteer';
import { findPersonNames, type PersonNameFinder } from './person-names';
import { phraseRegExp, type Mention, type TextSpan } from './text-spans';

/** A written form as the gazetteer and the stored names are looked up: folded, runs of white space as one space. */
function formKey(written: string): string {
  return foldText(written.replace(/\s+/g, ' '));
}

export type { Mention };

export interface CountryMention extends Mention {
  isoCode: string;
  /** A demonym or adjective ("Kazakh"), or a possessive ("Kazakhstan's"): the country qualifies what follows. */
  adjective: boolean;
}

export interface CityMention extends Mention {
  city: GazetteerCity;
}

export interface OrganizationMention extends Mention {
  /** The organization's name as proposed (the stored name when the store holds it). */
  name: string;
  kind: OrganizationKind;
  /** ISO code of its country, or null (international). */
  isoCode: string | null;
}

export interface TopicMention extends Mention {
  /** The stored topic's name. */
  name: string;
}

/** A person's mention: the name, and the office title and country the text gives around it. */
export interface PersonMention extends Mention {
  /** The person's full name as the text writes it ("Antony Blinken"); for a surname-only mention, the full name it refers to. */
  name: string;
  /** The office title without the country ("Secretary of State"), or null. */
  title: string | null;
  /** ISO code of the country the text gives the person (from the title's country or the stored person), or null. */
  isoCode: string | null;
  /** Where the whole phrase starts: the title's country or title when given, else the name. */
  phraseStart: number;
  /** True for a surname-only mention of a person named in full elsewhere. */
  short: boolean;
}

/** Everything found in one text. */
export interface Mentions {
  countries: CountryMention[];
  cities: CityMention[];
  organizations: OrganizationMention[];
  topics: TopicMention[];
  people: PersonMention[];
}

/** Organizations reports name that are not countries' own (which come from the patterns below), with their kinds. */
const REFERENCE_ORGANIZATIONS: readonly { name: string; kind: OrganizationKind; isoCode: string | null; aliases?: readonly string[] }[] = [
  { name: 'United Nations', kind: 'INTERNATIONAL_ORGANIZATION', isoCode: null, aliases: ['UN', 'U.N.'] },
  { name: 'UN Security Council', kind: 'INTERNATIONAL_ORGANIZATION', isoCode: null, aliases: ['Security Council'] },
  { name: 'European Union', kind: 'INTERNATIONAL_ORGANIZATION', isoCode: null, aliases: ['EU'] },
  { name: 'European Commission', kind: 'INTERNATIONAL_ORGANIZATION', isoCode: null },
  { name: 'NATO', kind: 'INTERNATIONAL_ORGANIZATION', isoCode: null, aliases: ['North Atlantic Treaty Organization'] },
  { name: 'Shanghai Cooperation Organization', kind: 'INTERNATIONAL_ORGANIZATION', isoCode: null, aliases: ['SCO', 'Shanghai Cooperation Organisation'] },
  { name: 'Collective Security Treaty Organization', kind: 'INTERNATIONAL_ORGANIZATION', isoCode: null, aliases: ['CSTO'] },
  { name: 'Organization for Security and Co-operation in Europe', kind: 'INTERNATIONAL_ORGANIZATION', isoCode: null, aliases: ['OSCE'] },
  { name: 'Commonwealth of Independent States', kind: 'INTERNATIONAL_ORGANIZATION', isoCode: null, aliases: ['CIS'] },
  { name: 'Eurasian Economic Union', kind: 'INTERNATIONAL_ORGANIZATION', isoCode: null, aliases: ['EAEU'] },
  { name: 'Association of Southeast Asian Nations', kind: 'INTERNATIONAL_ORGANIZATION', isoCode: null, aliases: ['ASEAN'] },
  { name: 'African Union', kind: 'INTERNATIONAL_ORGANIZATION', isoCode: null },
  { name: 'Arab League', kind: 'INTERNATIONAL_ORGANIZATION', isoCode: null },
  { name: 'World Bank', kind: 'INTERNATIONAL_ORGANIZATION', isoCode: null },
  { name: 'International Monetary Fund', kind: 'INTERNATIONAL_ORGANIZATION', isoCode: null, aliases: ['IMF'] },
  { name: 'International Atomic Energy Agency', kind: 'INTERNATIONAL_ORGANIZATION', isoCode: null, aliases: ['IAEA'] },
  { name: 'World Health Organization', kind: 'INTERNATIONAL_ORGANIZATION', isoCode: null, aliases: ['WHO'] },
  { name: 'C5+1', kind: 'DIPLOMATIC_FORMAT', isoCode: null },
  { name: 'Group of Seven', kind: 'DIPLOMATIC_FORMAT', isoCode: null, aliases: ['G7', 'G-7'] },
  { name: 'Group of Twenty', kind: 'DIPLOMATIC_FORMAT', isoCode: null, aliases: ['G20', 'G-20'] },
  { name: 'Asia-Pacific Economic Cooperation', kind: 'INTERNATIONAL_ORGANIZATION', isoCode: null, aliases: ['APEC'] },
  { name: 'US House of Representatives', kind: 'LEGISLATURE', isoCode: 'US', aliases: ['House of Representatives'] },
  { name: 'US Senate', kind: 'LEGISLATURE', isoCode: 'US' },
  { name: 'Office of the Central Foreign Affairs Commission', kind: 'EXECUTIVE_OFFICE', isoCode: 'CN' },
  { name: 'BRICS', kind: 'DIPLOMATIC_FORMAT', isoCode: null },
  { name: 'State Department', kind: 'MINISTRY', isoCode: 'US', aliases: ['Department of State'] },
  { name: 'Department of Defense', kind: 'MINISTRY', isoCode: 'US', aliases: ['Pentagon'] },
  { name: 'White House', kind: 'EXECUTIVE_OFFICE', isoCode: 'US' },
  { name: 'US Congress', kind: 'LEGISLATURE', isoCode: 'US', aliases: ['Congress'] },
  { name: 'Kremlin', kind: 'EXECUTIVE_OFFICE', isoCode: 'RU' },
  { name: 'Akorda', kind: 'EXECUTIVE_OFFICE', isoCode: 'KZ' },
];

/** "<country> Foreign Ministry", "Ministry of Foreign Affairs of <country>": a country's ministries, matched around a country mention. */
const MINISTRY = /^(?:['’]s)?\s+(Foreign|Defen[cs]e|Interior|Finance|Economy|Trade|Energy|Justice|Health|Education)\s+Ministry\b/u;

/** Words of office titles: a title is a run of them (with of, for, and, the) holding at least one head word. */
const TITLE_HEADS = new Set(
  [
    'minister', 'president', 'secretary', 'secretary-general', 'chancellor', 'ambassador', 'envoy', 'representative', 'adviser', 'advisor',
    'spokesperson', 'spokesman', 'spokeswoman', 'chairman', 'chairwoman', 'chair', 'speaker', 'governor', 'mayor', 'commissioner',
    'director', 'director-general', 'premier', 'king', 'queen', 'emir', 'prince', 'sultan', 'leader', 'senator', 'congressman',
    'congresswoman', 'counselor', 'counsellor', 'head', 'chief', 'diplomat', 'lawmaker', 'deputy', 'ministers', 'counterpart',
  ],
);
const TITLE_WORDS = new Set([
  ...TITLE_HEADS,
  'first', 'vice', 'under', 'assistant', 'acting', 'senior', 'special', 'permanent', 'foreign', 'prime', 'state', 'general', 'affairs',
  'defense', 'defence', 'interior', 'finance', 'trade', 'economy', 'energy', 'justice', 'health', 'national', 'security', 'presidential',
  'supreme', 'high', 'crown', 'mr', 'mrs', 'ms', 'dr', 'sheikh', 'lord', 'sir', 'former', 'incoming', 'outgoing', 'top', 'executive', 'political',
]);
const CONNECTORS = new Set(['of', 'for', 'and', 'the', 'on', ',']);

/** Heads that alone name a person's office in the sense of the store's offices (a "diplomat" is no office). */
const NOT_OFFICES = new Set(['diplomat', 'leader', 'lawmaker', 'head', 'ministers', 'counterpart']);

/** Words of buildings and sites, not of people's names ("the Great Hall of the People"). */
const VENUE_WORDS = /\b(?:Hall|Palace|House|Square|Residence|Building|Cent(?:er|re)|Street|Airport|Kremlin|Court|Park|Hotel|Tower|Museum|University|Institute|Council|Agency|Bank|Fund|Forum|Summit|Conference|Ministry|Office|Embassy)\b/u;

/** Titles that only the United States uses, for a title given without its country. */
const US_TITLES = /\b(?:Secretary of State|Under Secretary of|Assistant Secretary of|Deputy Secretary of State)\b/;

/** A word token of a text: letters, digits and inner dots, apostrophes or hyphens ("U.S.", "Kassym-Jomart", "Kazakhstan's"). */
const TOKEN = /[\p{L}\p{M}\p{N}]+(?:[.'’-][\p{L}\p{M}\p{N}]+)*\.?|,/gu;

/** Finds the mentions of a text; stored records come from `existing`, reference names from `gazetteer`. */
export function recognize(text: string, sentences: readonly TextSpan[], gazetteer: Gazetteer, existing: ExistingData, finder: PersonNameFinder = findPersonNames): Mentions {
  const countries = countryMentions(text, gazetteer);
  const cities = cityMentions(text, gazetteer, countries);
  const organizations = organizationMentions(text, existing, countries);
  const topics = topicMentions(text, existing);
  const people = personMentions(text, sentences, gazetteer, existing, [...countries, ...cities, ...organizations], finder);
  // A place or country inside a person's name ("Victoria" of "Victoria Nuland") is the name.
  // So is a city inside an organization's name ("Shanghai" of the Shanghai Cooperation Organization).
  const outside = <M extends Mention>(list: M[], names: readonly Mention[]) => list.filter((m) => !names.some((p) => p.start <= m.start && m.end <= p.end && !(p.start === m.start && p.end === m.end)));
  return { countries: outside(countries, people), cities: outside(cities, [...people, ...organizations]), organizations, topics, people };
}

/** True when the match is written as a name: a capital first letter, and all capitals when the form is an acronym ("US", not "us"). */
function writtenAsName(match: string, forms: ReadonlyMap<string, string>): boolean {
  if (!/^\p{Lu}/u.test(match)) return false;
  const form = forms.get(formKey(match));
  return form === undefined || !/^[\p{Lu}.]+$/u.test(form) || match === form;
}

function formsByKey(forms: Iterable<string>): Map<string, string> {
  return new Map([...forms].map((form) => [foldText(form), form]));
}

const regexCache = new WeakMap<object, RegExp | null>();
function cachedRegExp(owner: object, forms: () => Iterable<string>): RegExp | null {
  if (!regexCache.has(owner)) regexCache.set(owner, phraseRegExp(forms()));
  const regex = regexCache.get(owner)!;
  if (regex !== null) regex.lastIndex = 0;
  return regex;
}

function countryMentions(text: string, gazetteer: Gazetteer): CountryMention[] {
  const regex = cachedRegExp(gazetteer.countryForms, () => gazetteer.countryForms);
  if (regex === null) return [];
  const forms = formsByKey(gazetteer.countryForms);
  const found: CountryMention[] = [];
  for (const match of text.matchAll(regex)) {
    if (!writtenAsName(match[0], forms)) continue;
    const name = gazetteer.countryNames.get(formKey(match[0]));
    if (name === undefined) continue;
    const end = match.index + match[0].length;
    const possessive = /^['’]s?(?![\p{L}])/u.test(text.slice(end, end + 3));
    found.push({ start: match.index, end, isoCode: name.isoCode, adjective: name.adjective || possessive });
  }
  return found;
}

function cityMentions(text: string, gazetteer: Gazetteer, countries: readonly CountryMention[]): CityMention[] {
  const regex = cachedRegExp(gazetteer.cityForms, () => gazetteer.cityForms);
  if (regex === null) return [];
  const forms = formsByKey(gazetteer.cityForms);
  const found: CityMention[] = [];
  for (const match of text.matchAll(regex)) {
    if (!writtenAsName(match[0], forms)) continue;
    const city = gazetteer.cityNames.get(formKey(match[0]));
    const end = match.index + match[0].length;
    // A name that is also a country's (Singapore, Kuwait) is the country.
    if (city === undefined || countries.some((country) => country.start < end && match.index < country.end)) continue;
    found.push({ start: match.index, end, city });
  }
  return found;
}

function organizationMentions(text: string, existing: ExistingData, countries: readonly CountryMention[]): OrganizationMention[] {
  const known = new Map<string, Omit<OrganizationMention, 'start' | 'end'>>();
  const isoBySlug = new Map(existing.Country.map((country) => [country.slug, country.isoCode]));
  for (const organization of REFERENCE_ORGANIZATIONS) {
    for (const form of [organization.name, ...(organization.aliases ?? [])]) known.set(form, { name: organization.name, kind: organization.kind, isoCode: organization.isoCode });
  }
  for (const organization of existing.Organization) {
    const isoCode = organization.country === null ? null : (isoBySlug.get(organization.country) ?? null);
    for (const form of [organization.name, ...organization.aliases, ...(organization.names ?? []).map((n) => n.value)]) {
      known.set(form, { name: organization.name, kind: organization.kind, isoCode });
    }
  }
  const byKey = new Map([...known].map(([form, organization]) => [foldText(form), organization]));
  const found: OrganizationMention[] = [];
  const regex = phraseRegExp(known.keys());
  if (regex !== null) {
    const forms = formsByKey(known.keys());
    for (const match of text.matchAll(regex)) {
      if (!writtenAsName(match[0], forms)) continue;
      const organization = byKey.get(formKey(match[0]));
      if (organization !== undefined) found.push({ start: match.index, end: match.index + match[0].length, ...organization });
    }
  }
  // "Kazakh Foreign Ministry": a country's ministry, named after the country.
  for (const country of countries) {
    const ministry = MINISTRY.exec(text.slice(country.end, country.end + 40));
    if (ministry === null) continue;
    const end = country.end + ministry[0].length;
    if (found.some((other) => other.start < end && country.start < other.end)) continue;
    const words = text.slice(country.start, end).replace(/\s+/g, ' ');
    found.push({ start: country.start, end, name: words, kind: 'MINISTRY', isoCode: country.isoCode });
  }
  return found.sort((a, b) => a.start - b.start);
}

function topicMentions(text: string, existing: ExistingData): TopicMention[] {
  const known = new Map<string, string>();
  for (const topic of existing.Topic) for (const form of [topic.name, ...topic.aliases, ...(topic.names ?? []).map((n) => n.value)]) known.set(foldText(form), topic.name);
  const regex = phraseRegExp(known.keys());
  if (regex === null) return [];
  const found: TopicMention[] = [];
  for (const match of text.matchAll(regex)) {
    const name = known.get(formKey(match[0]));
    if (name !== undefined) found.push({ start: match.index, end: match.index + match[0].length, name });
  }
  return found;
}

/** A candidate name span before it is checked and given its title. */
interface NameSpan extends Mention {
  storedIso: string | null;
}

function personMentions(text: string, sentences: readonly TextSpan[], gazetteer: Gazetteer, existing: ExistingData, others: readonly Mention[], finder: PersonNameFinder): PersonMention[] {
  const isoBySlug = new Map(existing.Country.map((country) => [country.slug, country.isoCode]));
  const candidates: NameSpan[] = [];
  // The store's people, by every name they answer to.
  const stored = new Map<string, string | null>();
  for (const person of existing.Person) {
    const isoCode = person.country === null ? null : (isoBySlug.get(person.country) ?? null);
    for (const form of [person.name, ...person.aliases, ...(person.names ?? []).map((n) => n.value)]) stored.set(form, isoCode);
  }
  const storedRegex = phraseRegExp(stored.keys());
  if (storedRegex !== null) {
    const byKey = new Map([...stored].map(([form, isoCode]) => [foldText(form), isoCode]));
    for (const match of text.matchAll(storedRegex)) {
      if (!/^\p{Lu}/u.test(match[0]) && !/^\P{Script=Latin}/u.test(match[0])) continue;
      candidates.push({ start: match.index, end: match.index + match[0].length, storedIso: byKey.get(formKey(match[0])) ?? null });
    }
  }
  for (const found of finder(text)) candidates.push({ ...found, storedIso: null });
  for (const found of namesAfterTitles(text)) candidates.push({ ...found, storedIso: null });

  // Clean each candidate: no title words at its start, no possessive, not a place or organization.
  const cleaned: NameSpan[] = [];
  for (const candidate of candidates) {
    const span = cleanName(text, candidate, gazetteer);
    if (span === null) continue;
    if (others.some((other) => other.start <= span.start && span.end <= other.end)) continue;
    // "the Great Hall": a name follows no article, and names no building.
    if (candidate.storedIso === null && (VENUE_WORDS.test(text.slice(span.start, span.end)) || /\bthe\s+$/i.test(text.slice(Math.max(0, span.start - 4), span.start)))) continue;
    cleaned.push(span);
  }
  // Longest first, then by position: overlapping candidates keep the longer (a stored name wins a tie).
  cleaned.sort((a, b) => b.end - b.start - (a.end - a.start) || (b.storedIso !== null ? 1 : 0) - (a.storedIso !== null ? 1 : 0) || a.start - b.start);
  const kept: NameSpan[] = [];
  for (const candidate of cleaned) if (!kept.some((other) => other.start < candidate.end && candidate.start < other.end)) kept.push(candidate);
  kept.sort((a, b) => a.start - b.start);

  // Full names (two words or more, or a stored name) are people; a lone word is a mention of the full name it ends or begins.
  const fullNames = new Map<string, string>();
  for (const candidate of kept) {
    const name = text.slice(candidate.start, candidate.end).replace(/\s+/g, ' ');
    if (wordsOf(name).length >= 2 || candidate.storedIso !== null) fullNames.set(foldText(name), name);
  }
  // A surname is the text's own full name first ("Umarov" after "Qairat Umarov"), else a stored one.
  const surnames = new Map<string, string | null>();
  const addSurnames = (names: Iterable<[string, string]>) => {
    const found = new Map<string, string | null>();
    for (const [key, name] of names) {
      const words = wordsOf(key);
      // The surname, and a short first word of a two-word name: family names come first in Chinese and Korean names ("Xi" of "Xi Jinping").
      for (const short of words.length === 2 && words[0]!.length <= 4 ? [words[1]!, words[0]!] : [words.at(-1)!]) {
        found.set(short, found.has(short) && found.get(short) !== name ? null : name);
      }
    }
    for (const [last, name] of found) if (!surnames.has(last)) surnames.set(last, name);
  };
  addSurnames(fullNames);
  const storedFull = new Map<string, string>();
  for (const form of stored.keys()) if (wordsOf(form).length >= 2 && !fullNames.has(foldText(form))) storedFull.set(foldText(form), form);
  addSurnames(storedFull);
  for (const [key, form] of storedFull) fullNames.set(key, form);

  // Surnames the finders missed ("Blinken also met"): mentions of the full name they end.
  const surnameRegex = phraseRegExp([...surnames].filter(([, name]) => name !== null).map(([last]) => last));
  if (surnameRegex !== null) {
    for (const match of text.matchAll(surnameRegex)) {
      const end = match.index + match[0].length;
      if (!/^\p{Lu}/u.test(match[0]) || kept.some((other) => other.start < end && match.index < other.end)) continue;
      if (others.some((other) => other.start <= match.index && end <= other.end)) continue;
      kept.push({ start: match.index, end, storedIso: null });
    }
    kept.sort((a, b) => a.start - b.start);
  }

  // An office holder the text gives no country is most likely of the country the report is filed from ("MOSCOW, March 22 - ... President Vladimir Putin").
  const datelineCountry = dateline(text, gazetteer);
  const mentions: PersonMention[] = [];
  const sentenceOf = (at: number) => sentences.find((sentence) => sentence.start <= at && at < sentence.end);
  let previousEnd = 0;
  for (const candidate of kept) {
    const written = text.slice(candidate.start, candidate.end).replace(/\s+/g, ' ');
    let name = fullNames.get(foldText(written)) ?? null;
    let short = false;
    if (name === null || (wordsOf(written).length < 2 && candidate.storedIso === null)) {
      const full = surnames.get(foldText(written));
      if (full === undefined || full === null) continue;
      name = full;
      short = true;
    }
    const sentence = sentenceOf(candidate.start);
    const from = Math.max(sentence?.start ?? 0, previousEnd);
    const title = titleBefore(text, from, candidate.start, gazetteer);
    const storedIso = candidate.storedIso ?? stored.get(name) ?? appositiveCountry(text, candidate.end, sentence?.end ?? text.length, gazetteer) ?? (title?.title ? datelineCountry : null);
    mentions.push({
      start: candidate.start,
      end: candidate.end,
      name,
      title: title?.title ?? null,
      isoCode: title?.isoCode ?? storedIso,
      phraseStart: title?.start ?? candidate.start,
      short,
    });
    previousEnd = candidate.end;
  }
  return mentions;
}

/** The country of the report's dateline city ("MOSCOW, March 22 -", "XI'AN, China, May 20 -"), or null. */
export function dateline(text: string, gazetteer: Gazetteer): string | null {
  const line = /^\s*(?:.*\n\s*\n\s*)?([\p{Lu}][\p{Lu}\p{M}'’. -]+?)\s*(?:,|\()/u.exec(text.slice(0, 600));
  if (line === null) return null;
  return gazetteer.cityNames.get(foldText(line[1]!.trim()))?.isoCode ?? gazetteer.countryNames.get(foldText(line[1]!.trim()))?.isoCode ?? null;
}

/** The country of an appositive right after a name: "Wang Yi, China's top diplomat", "Wang Yi, the Chinese foreign minister". */
function appositiveCountry(text: string, end: number, limit: number, gazetteer: Gazetteer): string | null {
  const after = /^,\s+(?:the\s+|a\s+)?([\p{Lu}][\p{L}.]*(?:\s+[\p{Lu}][\p{L}.]*)?)(?:['’]s)?\s+(?:[\p{Ll}-]+\s+){0,4}(?:diplomat|minister|official|president|leader|envoy|counterpart|secretary)\b/u.exec(text.slice(end, Math.min(limit, end + 120)));
  const found = after ?? /^,[^.;]{0,120}?\b([\p{Lu}][\p{L}]+)['’]s\s+(?:[\p{Ll}-]+\s+){0,4}(?:diplomat|minister|official|president|leader|envoy)\b/u.exec(text.slice(end, Math.min(limit, end + 200)));
  if (found === null) return null;
  return gazetteer.countryNames.get(foldText(found[1]!))?.isoCode ?? null;
}

function wordsOf(name: string): string[] {
  return name.match(/[\p{L}\p{M}\p{N}]+(?:[-'’][\p{L}\p{M}\p{N}]+)*/gu) ?? [];
}

/** Capitalized words after an office title ("Minister Kairat Umarov"): two to four words, each capitalized and not a title word. */
function namesAfterTitles(text: string): Mention[] {
  const found: Mention[] = [];
  const pattern = /(?<![\p{L}])(?:Minister|President|Secretary(?: of State)?|Chancellor|Ambassador|Envoy|Representative|Adviser|Advisor|Spokesperson|Spokesman|Spokeswoman|Chairman|Speaker|Premier|King|Emir|Prince|Sultan|Senator|Director|Commissioner|Governor|Mayor|Affairs|Resources|Compliance|Security|Defense|Defence|Trade|Energy|[Ll]eader|[Dd]iplomat|[Cc]ounterpart|[Oo]fficial)\s+((?:(?:\p{Lu}\.|\p{Lu}[\p{L}\p{M}'’]*(?:-\p{Lu}?[\p{L}\p{M}'’]+)*)\s+){1,3}\p{Lu}[\p{L}\p{M}'’]*(?:-\p{Lu}?[\p{L}\p{M}'’]+)*)/gu;
  for (const match of text.matchAll(pattern)) {
    const start = match.index + match[0].length - match[1]!.length;
    found.push({ start, end: start + match[1]!.length });
  }
  return found;
}

/** The candidate without leading title words, a leading country adjective or a trailing possessive; null when nothing of a name is left. */
function cleanName(text: string, candidate: NameSpan, gazetteer: Gazetteer): NameSpan | null {
  let { start, end } = candidate;
  const tokens = [...text.slice(start, end).matchAll(/[\p{L}\p{M}\p{N}]+(?:[.'’-][\p{L}\p{M}\p{N}]+)*/gu)].map((m) => ({ start: start + m.index, end: start + m.index + m[0].length, word: m[0] }));
  while (tokens.length > 0) {
    const first = tokens[0]!;
    const lower = foldText(first.word).replace(/\.$/, '');
    if (TITLE_WORDS.has(lower) || CONNECTORS.has(lower) || gazetteer.countryNames.has(foldText(first.word))) tokens.shift();
    else break;
  }
  while (tokens.length > 0 && CONNECTORS.has(foldText(tokens.at(-1)!.word))) tokens.pop();
  if (tokens.length === 0) return null;
  start = tokens[0]!.start;
  end = tokens.at(-1)!.end;
  const possessive = /['’]s$/u.exec(text.slice(start, end));
  if (possessive !== null) end -= possessive[0].length;
  const name = text.slice(start, end);
  if (!/^\p{Lu}/u.test(name) && /^\p{Script=Latin}/u.test(name)) return null;
  if (tokens.some((token) => !/^[\p{Lu}\P{Script=Latin}]/u.test(token.word) && !/^(?:bin|ibn|al|el|de|da|van|von|der|la|le)$/u.test(token.word))) return null;
  // A name of one word that is a title or a gazetteer name is no name.
  if (gazetteer.countryNames.has(foldText(name)) || gazetteer.cityNames.has(foldText(name))) return null;
  return { start, end, storedIso: candidate.storedIso };
}

/**
 * The office title right before a name (`from` bounds the search: the sentence start or
 * the previous name), with the country it names: "Kazakhstan's First Deputy Foreign
 * Minister", "First Deputy Foreign Minister of Kazakhstan", "US Secretary of State".
 */
function titleBefore(text: string, from: number, nameStart: number, gazetteer: Gazetteer): { title: string | null; isoCode: string | null; start: number } | null {
  const left = text.slice(from, nameStart);
  const tokens = [...left.matchAll(TOKEN)].map((m) => ({ start: from + m.index, end: from + m.index + m[0].length, word: m[0] }));
  // Walk back over capitalized words and connectors.
  let first = tokens.length;
  while (first > 0) {
    const token = tokens[first - 1]!;
    const lower = token.word.toLowerCase();
    if (/^\p{Lu}/u.test(token.word) || CONNECTORS.has(lower) || TITLE_WORDS.has(lower)) first -= 1;
    else break;
  }
  // Nothing between the run and the name but white space (a comma or a verb ends a title).
  let run = tokens.slice(first);
  if (run.length === 0 || text.slice(run.at(-1)!.end, nameStart).trim() !== '') return null;
  while (run.length > 0 && CONNECTORS.has(run[0]!.word.toLowerCase())) run = run.slice(1);
  // A comma before any head word separates the title from what precedes it ("to U.S., First Deputy ...").
  const comma = run.findIndex((token) => token.word === ',');
  if (comma !== -1 && !run.slice(0, comma).some((token) => TITLE_HEADS.has(headKey(token.word)))) run = run.slice(comma + 1);
  while (run.length > 0 && CONNECTORS.has(run[0]!.word.toLowerCase())) run = run.slice(1);
  if (run.length === 0) return null;
  const runStart = run[0]!.start;
  let isoCode: string | null = null;
  // A leading country: "US", "Kazakh", "Kazakhstan's", "United States'".
  for (let words = Math.min(4, run.length); words >= 1; words--) {
    const phrase = text.slice(run[0]!.start, run[words - 1]!.end).replace(/['’]s?$/u, '');
    const country = gazetteer.countryNames.get(formKey(phrase));
    if (country !== undefined && words < run.length) {
      isoCode = country.isoCode;
      run = run.slice(words);
      break;
    }
  }
  const start = isoCode !== null ? runStart : run[0]!.start;
  // A trailing "of <country>": "First Deputy Foreign Minister of Kazakhstan".
  const ofAt = run.map((token) => token.word).lastIndexOf('of');
  if (ofAt > 0) {
    const rest = run.slice(ofAt + 1).filter((token) => token.word.toLowerCase() !== 'the');
    if (rest.length > 0) {
      const phrase = text.slice(rest[0]!.start, rest.at(-1)!.end);
      const country = gazetteer.countryNames.get(formKey(phrase));
      if (country !== undefined && !country.adjective) {
        isoCode = country.isoCode;
        run = run.slice(0, ofAt);
      }
    }
  }
  while (run.length > 0 && (CONNECTORS.has(run.at(-1)!.word.toLowerCase()) || run.at(-1)!.word === ',')) run = run.slice(0, -1);
  if (!run.some((token) => TITLE_HEADS.has(headKey(token.word)))) return isoCode === null ? null : { title: null, isoCode, start };
  const title = text.slice(run[0]!.start, run.at(-1)!.end).replace(/\s+/g, ' ');
  const office = run.some((token) => TITLE_HEADS.has(headKey(token.word)) && !NOT_OFFICES.has(headKey(token.word))) ? title : null;
  if (isoCode === null && office !== null && US_TITLES.test(office)) isoCode = 'US';
  return { title: office, isoCode, start: Math.min(start, run[0]!.start) };
}

function headKey(word: string): string {
  return foldText(word).replace(/\.$/, '');
}
