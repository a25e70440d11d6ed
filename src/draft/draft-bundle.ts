/**
 * Drafts an import bundle (format 2) from a report's text: the source with its text, and the
 * people (with their offices, countries and tenures), organizations, places, countries,
 * topics and meetings the text states, every item cited by verbatim spans of the text
 * (quotes of at least 3 words, the store's rule), and a proposal per item saying which
 * stored record it is or may be.
 *
 * Reading: `recognize.ts` (names, with the NLP library of `person-names.ts`, the
 * gazetteer and the stored names), `read-dates.ts` (dates), `meetings.ts` (meetings).
 * Resolving: the import's own identification (`identifyBundle`, the one path that
 * `npm run import` takes): an exact name, alias or title match, or a certain event match,
 * is preselected (`sameAs`, `chosen`); a near name (misspelled, transliterated) or a possible
 * event is listed with its scored candidates and left for the reviewer (`chosen: null`).
 * Once each of those is settled with `sameAs` or `distinctFrom`, the draft imports.
 *
 * Pure: nothing is read or written; the caller passes the stored records.
 */
import { foldText } from '../domain/fold-text';
import { describeRange } from '../domain/meeting-date';
import { slugify } from '../domain/slugify';
import { BUNDLE_FORMAT, parseBundle, type BundleInput } from '../import/bundle';
import { identifyBundle, type ExistingData } from '../import/import-bundle';
import type { MatchCandidate } from '../import/import-problem';
import { namesOf } from '../import/name-index';
import { GEONAMES_PLACES, nationalCapital, placeLine } from '../reference/geonames-places';
import { REFERENCE_SOURCE_SLUG } from '../reference/reference-dataset';
import type { EntityType } from '../store/contract/records';
import { checkDraftInput } from './draft-input';
import { draftGazetteer, type Gazetteer } from './gazetteer';
import { readMeetings, type DraftMeeting } from './meetings';
import { findPersonNames, type PersonNameFinder } from './person-names';
import { readDates } from './read-dates';
import { recognize, type Mention, type Mentions, type PersonMention } from './recognize';
import { boundedQuote, quoteAround, sentences, span, trimmed, type TextSpan } from './text-spans';

export { DraftInputError, MAX_DRAFT_TEXT_BYTES } from './draft-input';

/** What to draft: the report's text and what is known of it. */
export interface DraftInput {
  text: string;
  /** The publication date, YYYY-MM-DD: relative dates ("on Tuesday") are read against it. */
  publishedOn: string | null;
  /** Default: the text's first line (or sentence). */
  title?: string;
  publisher?: string;
  url?: string;
}

/** A bundle draft and a proposal per item it proposes. */
export interface DraftResult {
  bundle: BundleInput;
  proposals: Proposal[];
}

/** What a proposal proposes: the entity type of its bundle record, in capitals. */
export type ProposalKind = 'SOURCE' | 'COUNTRY' | 'PLACE' | 'ORGANIZATION' | 'PERSON' | 'OFFICE' | 'TENURE' | 'TOPIC' | 'MEETING';

/** One proposed item: where it is in the bundle, the words of the text that state it, and the stored records it is or may be. */
export interface Proposal {
  kind: ProposalKind;
  /** Its bundle path: `people[0]`, `meetings[2]`, `source`. */
  path: string;
  /** The words of the text that state it (its first mention): offsets in UTF-16 code units. */
  span: TextSpan;
  /** Stored records it is (score 1: an exact name, alias or title, or a certain event) or may be (near names, possible events), best first. */
  candidates: MatchCandidate[];
  /** The slug of the stored record it is, preselected when certain (the bundle record then says `sameAs`); null: a new record, or one for the reviewer to settle. */
  chosen: string | null;
}

/** The proposal kind of each entity type: its name in capitals. */
export const KIND_OF_TYPE: Readonly<Record<EntityType, ProposalKind>> = {
  Source: 'SOURCE',
  Country: 'COUNTRY',
  Place: 'PLACE',
  Organization: 'ORGANIZATION',
  Person: 'PERSON',
  Office: 'OFFICE',
  Tenure: 'TENURE',
  Topic: 'TOPIC',
  Meeting: 'MEETING',
};

/** Drafts a bundle from `input`, resolved against `existing`. Throws DraftInputError for input it cannot draft (see draft-input.ts). */
export function draftBundle(input: DraftInput, existing: ExistingData): DraftResult {
  return draftBundleWith(input, existing, findPersonNames);
}

/** `draftBundle` with another person-name finder: how docs/drafting.md compares the NLP libraries. */
export function draftBundleWith(input: DraftInput, existing: ExistingData, finder: PersonNameFinder): DraftResult {
  const { text, publishedOn } = input;
  checkDraftInput(input);
  const gazetteer = draftGazetteer(existing.Country, existing.Place);
  const sentenceSpans = sentences(text);
  const mentions = recognize(text, sentenceSpans, gazetteer, existing, finder);
  const dates = readDates(text, { publishedOn });
  const meetings = readMeetings(text, sentenceSpans, mentions, dates, publishedOn, defaultTitle(text), (name) => gazetteer.countryNames.get(foldText(name))?.isoCode);
  const builder = new BundleBuilder(text, input, sentenceSpans, gazetteer, existing);
  const { bundle, spans } = builder.build(mentions, meetings);

  const parsed = parseBundle(bundle);
  if (!parsed.ok) throw new Error(`the draft does not parse as a bundle: ${parsed.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  const identities = identifyBundle(parsed.bundle, existing);
  // Meetings are matched as events by their people: with each near name taken as its best candidate, as a reviewer who accepts
  // the suggestions would, so that the stored events a meeting may be are all listed at once.
  const provisional = structuredClone(parsed.bundle);
  let settledAny = false;
  for (const identity of identities) {
    if (identity.type === 'Meeting' || identity.reused || identity.candidates.length === 0 || identity.path === 'source') continue;
    recordAt(provisional as BundleInput, identity.path).sameAs = identity.candidates[0]!.slug;
    settledAny = true;
  }
  const meetingsIfSettled = settledAny ? new Map(identifyBundle(provisional, existing).filter((i) => i.type === 'Meeting').map((i) => [i.path, i])) : new Map<string, never>();
  const proposals: Proposal[] = [];
  for (const found of identities) {
    const ifSettled = meetingsIfSettled.get(found.path);
    // A meeting that is a stored event only once the names are settled is a candidate, not a choice.
    const identity = ifSettled === undefined ? found : ifSettled.reused ? { ...found, candidates: [{ slug: ifSettled.slug, name: storedTitle(existing, ifSettled.slug), score: 1, reasons: ['the same event once the near names are settled as their best candidates'] }] } : ifSettled;
    const record = recordAt(bundle, identity.path);
    const storedName = (slug: string) => {
      const stored = (existing[identity.type] as readonly object[]).find((r) => (r as { slug: string }).slug === slug);
      return stored === undefined ? slug : (namesOf(identity.type, stored)[0] ?? slug);
    };
    let candidates = identity.candidates;
    let chosen: string | null = null;
    if (identity.reused) {
      chosen = identity.slug;
      candidates = [{ slug: identity.slug, name: storedName(identity.slug), score: 1, reasons: [identity.type === 'Meeting' ? 'the same event (title and dates, or participants, place and dates)' : 'the same slug, name, alias or title'] }];
      if (identity.type !== 'Source') record.sameAs = identity.slug;
    }
    proposals.push({ kind: KIND_OF_TYPE[identity.type], path: identity.path, span: spans.get(identity.path) ?? span(text, 0, 0), candidates, chosen });
  }
  return { bundle, proposals };
}

function storedTitle(existing: ExistingData, slug: string): string {
  return existing.Meeting.find((meeting) => meeting.slug === slug)?.title ?? slug;
}

function recordAt(bundle: BundleInput, path: string): Record<string, unknown> {
  if (path === 'source') return bundle.source as Record<string, unknown>;
  const [, section, index] = /^(\w+)\[(\d+)\]$/.exec(path)!;
  return (bundle as unknown as Record<string, Record<string, unknown>[]>)[section!]![Number(index)]!;
}

type Citation = { quote: string; source?: string };

/** Builds the bundle's records from what was read, remembering each record's span. */
class BundleBuilder {
  readonly spans = new Map<string, TextSpan>();
  private readonly storedCountryByIso: Map<string, { slug: string; name: string }>;

  constructor(
    private readonly text: string,
    private readonly input: DraftInput,
    private readonly sentenceSpans: readonly TextSpan[],
    private readonly gazetteer: Gazetteer,
    existing: ExistingData,
  ) {
    this.storedCountryByIso = new Map(existing.Country.map((country) => [country.isoCode, { slug: country.slug, name: country.name }]));
  }

  build(mentions: Mentions, meetings: DraftMeeting[]): { bundle: BundleInput; spans: Map<string, TextSpan> } {
    const { text } = this;
    const title = this.input.title?.trim() || defaultTitle(text);
    const countries = new Map<string, Mention>();
    const useCountry = (isoCode: string | null, at: Mention) => {
      if (isoCode !== null && !countries.has(isoCode)) countries.set(isoCode, at);
    };

    // People: one record per full name, with the country and the offices the text gives them.
    const people = new Map<string, { mentions: PersonMention[]; isoCode: string | null }>();
    for (const mention of mentions.people) {
      const person = people.get(mention.name) ?? { mentions: [], isoCode: null };
      person.mentions.push(mention);
      person.isoCode ??= mention.isoCode;
      people.set(mention.name, person);
    }
    // A country's span is where the text names it, else where it names its person or place.
    const named = new Map<string, Mention>();
    for (const country of mentions.countries) if (!named.has(country.isoCode)) named.set(country.isoCode, country);
    const at = (isoCode: string | null, fallback: Mention) => (isoCode === null ? fallback : (named.get(isoCode) ?? fallback));
    for (const person of people.values()) useCountry(person.isoCode, at(person.isoCode, person.mentions[0]!));
    for (const city of mentions.cities) useCountry(city.city.isoCode, at(city.city.isoCode, city));
    for (const country of mentions.countries) useCountry(country.isoCode, country);
    for (const meeting of meetings) useCountry(meeting.visited, meeting.trigger);

    const bundle: BundleInput = {
      format: BUNDLE_FORMAT as 2,
      source: {
        title: title.slice(0, 500),
        kind: 'NEWS_ARTICLE',
        publisher: this.input.publisher ?? null,
        publishedOn: this.input.publishedOn,
        url: this.input.url ?? null,
        text,
      },
      countries: [],
      places: [],
      organizations: [],
      people: [],
      offices: [],
      tenures: [],
      topics: [],
      meetings: [],
    };
    const titleAt = text.indexOf(title);
    this.spans.set('source', titleAt === -1 ? trimmed(text, 0, Math.min(text.length, text.search(/\n|$/))) : span(text, titleAt, titleAt + title.length));

    for (const [isoCode, at] of countries) {
      const reference = this.gazetteer.countries.get(isoCode)!;
      this.spans.set(`countries[${bundle.countries!.length}]`, span(text, at.start, at.end));
      bundle.countries!.push({
        name: this.countryName(isoCode),
        isoCode,
        ...(reference.referenceLine !== null ? { citations: [{ source: REFERENCE_SOURCE_SLUG, quote: reference.referenceLine }] } : {}),
      });
    }

    const cities = new Map<string, Mention & { isoCode: string; capital: boolean; kind: 'CITY' | 'REGION'; written: Set<string> }>();
    for (const mention of mentions.cities) {
      const city = cities.get(mention.city.name) ?? { start: mention.start, end: mention.end, isoCode: mention.city.isoCode, capital: mention.city.capital, kind: mention.city.kind ?? 'CITY', written: new Set<string>() };
      city.written.add(text.slice(mention.start, mention.end).replace(/\s+/g, ' '));
      cities.set(mention.city.name, city);
    }
    for (const [name, city] of cities) {
      const reference = this.gazetteer.countries.get(city.isoCode);
      const cited = city.capital && reference?.referenceLine != null && reference.capital === name;
      const quote = this.quote(city);
      if (!cited && quote === null) continue;
      const aliases = [...city.written].filter((written) => foldText(written) !== foldText(name) && /\p{Ll}/u.test(written));
      this.spans.set(`places[${bundle.places!.length}]`, span(text, city.start, city.end));
      // A capital the reference dataset names is located by the GeoNames-derived one: its national capital.
      const located = cited ? nationalCapital(city.isoCode) : null;
      bundle.places!.push({
        name,
        ...(aliases.length > 0 ? { aliases } : {}),
        kind: city.kind,
        country: this.countryName(city.isoCode),
        ...(located ? { coordinates: { latitude: located.latitude, longitude: located.longitude }, geonamesId: located.geonamesId } : {}),
        citations: cited
          ? [{ source: REFERENCE_SOURCE_SLUG, quote: reference!.referenceLine! }, ...(located ? [{ source: GEONAMES_PLACES.slug, quote: placeLine(located) }] : [])]
          : [{ quote: quote!.quote }],
      });
    }

    const organizations = new Map<string, { mention: Mention; kind: string; isoCode: string | null }>();
    for (const mention of mentions.organizations) if (!organizations.has(mention.name)) organizations.set(mention.name, { mention, kind: mention.kind, isoCode: mention.isoCode });
    const publisher = this.input.publisher?.trim();
    if (publisher && ![...organizations.keys()].some((name) => foldText(name) === foldText(publisher))) {
      organizations.set(publisher, { mention: { start: 0, end: 0 }, kind: 'NEWS_OUTLET', isoCode: null });
    }
    for (const [name, organization] of organizations) {
      const quote = organization.mention.end > 0 ? this.quote(organization.mention) : null;
      if (organization.isoCode !== null && !countries.has(organization.isoCode)) continue;
      this.spans.set(`organizations[${bundle.organizations!.length}]`, span(text, organization.mention.start, organization.mention.end));
      bundle.organizations!.push({
        name,
        kind: organization.kind as 'OTHER',
        country: organization.isoCode === null ? null : this.countryName(organization.isoCode),
        citations: quote === null ? [] : [{ quote: quote.quote }],
      });
    }

    // People, their offices and tenures.
    const officeSlugs = new Map<string, string>();
    const personOffice = new Map<string, string>();
    for (const [name, person] of people) {
      // Cited where the text names the person in full (with the title when given); by surname only when it never does.
      const full = person.mentions.filter((m) => !m.short);
      const citations = unique((full.length > 0 ? full : person.mentions).map((m) => this.quote({ start: m.phraseStart, end: m.end })?.quote ?? null)).slice(0, 3);
      if (citations.length === 0) continue;
      const first = person.mentions.find((m) => !m.short) ?? person.mentions[0]!;
      this.spans.set(`people[${bundle.people!.length}]`, span(text, first.start, first.end));
      bundle.people!.push({ name, country: person.isoCode === null ? null : this.countryName(person.isoCode), citations: citations.map((quote) => ({ quote })) });
      const titled = person.mentions.find((m) => m.title !== null && m.isoCode !== null);
      if (titled === undefined) continue;
      const officeKey = `${titled.isoCode} ${foldText(titled.title!)}`;
      const phrase = this.quote({ start: titled.phraseStart, end: titled.end });
      if (phrase === null) continue;
      let officeSlug = officeSlugs.get(officeKey);
      if (officeSlug === undefined) {
        officeSlug = slugify(`${this.countrySlug(titled.isoCode!)} ${titled.title}`);
        officeSlugs.set(officeKey, officeSlug);
        this.spans.set(`offices[${bundle.offices!.length}]`, trimmed(text, titled.phraseStart, titled.start));
        bundle.offices!.push({ slug: officeSlug, title: titled.title!, country: this.countryName(titled.isoCode!), citations: [{ quote: phrase.quote }] });
      }
      personOffice.set(name, officeSlug);
      this.spans.set(`tenures[${bundle.tenures!.length}]`, span(text, titled.phraseStart, titled.end));
      bundle.tenures!.push({
        person: name,
        office: officeSlug,
        // In office when the report was published: a start on or before that day.
        start: this.input.publishedOn === null ? null : describeRange(null, this.input.publishedOn),
        citations: [{ quote: phrase.quote }],
      });
    }
    const proposedPeople = new Set(bundle.people!.map((p) => p.name));

    // Topics: the stored topics the text names.
    const topics = new Map<string, Mention>();
    for (const topic of mentions.topics) if (!topics.has(topic.name)) topics.set(topic.name, topic);
    for (const [name, at] of topics) {
      this.spans.set(`topics[${bundle.topics!.length}]`, span(text, at.start, at.end));
      bundle.topics!.push({ name });
    }

    // Meetings.
    const titles = new Set<string>();
    for (const meeting of meetings) {
      const participants = meeting.participants.filter((p) => proposedPeople.has(p.person.name) && people.get(p.person.name)!.isoCode !== null);
      if (participants.length < (meeting.kind === 'VISIT' || meeting.kind === 'MINISTERIAL' || meeting.kind === 'SUMMIT' || meeting.kind === 'CONFERENCE' ? 1 : 2)) continue;
      const isoOf = (name: string) => people.get(name)!.isoCode!;
      const meetingCountries = unique([...participants.map((p) => isoOf(p.person.name)), meeting.city?.city.isoCode ?? null, meeting.visited]);
      if (meetingCountries.some((iso) => !countries.has(iso))) continue;
      const citations = unique(meeting.sentences.map((sentence) => boundedQuote(text, sentence).quote)).filter((quote) => quote.match(/[\p{L}\p{N}]+/gu)!.length >= 3);
      if (citations.length === 0) continue;
      const title = uniqueTitle(meetingTitle(meeting, participants.map((p) => p.person.name), this.gazetteer), titles);
      const dateQuote = meeting.dateMention === null ? null : this.quote(meeting.dateMention);
      const topicsOf = new Map<string, string>();
      for (const { topic, sentence } of meeting.topics) if (!topicsOf.has(topic.name)) topicsOf.set(topic.name, boundedQuote(text, sentence).quote);
      this.spans.set(`meetings[${bundle.meetings!.length}]`, meeting.sentences[0]!);
      bundle.meetings!.push({
        title,
        kind: meeting.kind,
        date: meeting.date,
        ...(dateQuote !== null ? { dateCitations: [{ quote: dateQuote.quote }] } : {}),
        location: meeting.city?.city.name ?? null,
        countries: meetingCountries.map((iso) => this.countryName(iso)),
        format: meeting.format !== null && bundle.organizations!.some((o) => o.name === meeting.format!.name) ? meeting.format.name : null,
        coding: meeting.coding,
        participants: participants.map((p) => ({
          person: p.person.name,
          office: personOffice.get(p.person.name) ?? null,
          country: this.countryName(isoOf(p.person.name)),
          role: p.role,
          citations: [{ quote: boundedQuote(text, p.sentence).quote }],
        })),
        topics: [...topicsOf].map(([topic, quote]) => ({ topic, citations: [{ quote }] })),
        summary: boundedQuote(text, meeting.sentences[0]!, 5000).quote,
        citations: citations.map((quote) => ({ quote })),
      });
    }
    return { bundle, spans: this.spans };
  }

  /** A quote of at least 3 words around the mention, within its sentence; null when its sentence is shorter. */
  private quote(mention: Mention): TextSpan | null {
    const sentence = this.sentenceSpans.find((s) => s.start <= mention.start && mention.start < s.end) ?? span(this.text, mention.start, mention.end);
    return quoteAround(this.text, mention.start, mention.end, { ...sentence, end: Math.max(sentence.end, mention.end) });
  }

  private countryName(isoCode: string): string {
    return this.storedCountryByIso.get(isoCode)?.name ?? this.gazetteer.countries.get(isoCode)!.name;
  }

  private countrySlug(isoCode: string): string {
    return this.storedCountryByIso.get(isoCode)?.slug ?? slugify(this.countryName(isoCode));
  }
}

function unique<T>(values: readonly (T | null)[]): T[] {
  return [...new Set(values.filter((value): value is T => value !== null))];
}

/** The first line of the text (or its first sentence when the line is long), at most 500 characters. */
export function defaultTitle(text: string): string {
  const line = text.trim().split('\n')[0]!.trim();
  const sentence = line.length > 200 ? (/^.{20,200}?[.!?](?=\s|$)/u.exec(line)?.[0] ?? line) : line;
  return sentence.length <= 500 ? sentence : sentence.slice(0, 500).replace(/\s+\S*$/u, '');
}

function listOf(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** A title in the seed's style: "Kairat Umarov's visit to the United States", "Antony Blinken meets Kassym-Jomart Tokayev". */
function meetingTitle(meeting: DraftMeeting, names: readonly string[], gazetteer: Gazetteer): string {
  const place = meeting.city?.city.name ?? null;
  const where = place === null ? '' : ` in ${place}`;
  switch (meeting.kind) {
    case 'VISIT': {
      const to = meeting.visited !== null ? gazetteer.countries.get(meeting.visited)?.name : place;
      return `${names[0]}'s visit${to ? ` to ${to === 'United States' ? 'the United States' : to}` : ''}`;
    }
    case 'PHONE_CALL':
      return `Phone call between ${listOf(names)}`;
    case 'TALKS':
      return `Talks between ${listOf(names)}${where}`;
    case 'MINISTERIAL':
    case 'SUMMIT':
    case 'CONFERENCE': {
      const what = meeting.kind === 'SUMMIT' ? 'summit' : meeting.kind === 'MINISTERIAL' ? 'ministerial meeting' : 'conference';
      return meeting.format !== null ? `${meeting.format.name} ${what}${where}` : `${what[0]!.toUpperCase()}${what.slice(1)} of ${listOf(names)}${where}`;
    }
    default:
      return names.length === 2 ? `${names[0]} ${meeting.coding.cameoCode === '043' ? 'receives' : 'meets'} ${names[1]}` : `Meeting of ${listOf(names)}${where}`;
  }
}

function uniqueTitle(title: string, titles: Set<string>): string {
  let candidate = title.slice(0, 480);
  for (let n = 2; titles.has(slugify(candidate)); n++) candidate = `${title.slice(0, 480)} (${n})`;
  titles.add(slugify(candidate));
  return candidate;
}
