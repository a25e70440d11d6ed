/**
 * The JSON shapes of `data/*.json`: one file per entity type, one record per entity,
 * records referring to each other by slug. These are storage shapes, not GraphQL types:
 * references stay plain slugs here and become objects only through loaders.
 *
 * The zod schemas check each record's own shape (required fields, types, formats);
 * whether references resolve and quotes are verbatim is checked across files by
 * `validateDataset` (see `validate.ts`).
 */
import { z } from 'zod';
import {
  CAMEO_CODES,
  DATE_PRECISIONS,
  MEETING_KINDS,
  MEETING_RELATIONS,
  ORGANIZATION_KINDS,
  PARTICIPANT_ROLES,
  PLACE_KINDS,
  PLOVER_CATEGORIES,
  PLOVER_MODES,
  SOURCE_KINDS,
} from '../../domain/vocabularies';
import { isCalendarDate } from '../../domain/calendar-date';
import { ploverDisagreement } from '../../domain/cameo-plover';

const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A trimmed, non-empty line of text of at most `max` characters. */
const text = (max: number) =>
  z
    .string()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((value) => value.trim() === value, 'must not start or end with white space');

export const slug = z
  .string()
  .max(120, 'must be at most 120 characters')
  .regex(SLUG_PATTERN, 'must be lower-case words of a-z and 0-9 joined by single hyphens');

/** A reference to another record, by that record's slug. */
const ref = slug;

/** An optional reference: null (or absent, read as null) when there is none. */
const optionalRef = ref.nullable().default(null);

/** A list that may be absent or null, read as empty. */
function list<T extends z.ZodType>(item: T) {
  return z
    .array(item)
    .nullish()
    .transform((items) => items ?? []);
}

/** A list that must hold at least `min` items. */
function listOfAtLeast<T extends z.ZodType>(item: T, min: number, message: string) {
  return z.array(item).min(min, message);
}

// "is required" reads better than "expected string, received undefined" for a missing field.
z.config({
  customError: (issue) => {
    if (issue.code !== 'invalid_type') return undefined;
    if (issue.input === undefined) return `is required (${issue.expected})`;
    if (issue.input === null) return `must not be null (${issue.expected} expected)`;
    return undefined;
  },
});

const calendarDate = z.string().refine(isCalendarDate, 'must be a real calendar date YYYY-MM-DD');

export const fuzzyDateRecord = z
  .object({
    label: text(100),
    earliest: calendarDate.nullable().default(null),
    latest: calendarDate.nullable().default(null),
    precision: z.enum(DATE_PRECISIONS),
  })
  .strict()
  .superRefine((date, ctx) => {
    // Ordering is checked only between real dates: an impossible one is reported once, by its own field.
    if (isCalendarDate(date.earliest) && isCalendarDate(date.latest) && date.earliest > date.latest) {
      ctx.addIssue({ code: 'custom', path: ['earliest'], message: `${date.earliest} is after latest ${date.latest}` });
    }
    const expectBounds = (earliest: boolean, latest: boolean) => {
      if ((date.earliest !== null) !== earliest) {
        ctx.addIssue({ code: 'custom', path: ['earliest'], message: `must be ${earliest ? 'set' : 'null'} for precision ${date.precision}` });
      }
      if ((date.latest !== null) !== latest) {
        ctx.addIssue({ code: 'custom', path: ['latest'], message: `must be ${latest ? 'set' : 'null'} for precision ${date.precision}` });
      }
    };
    switch (date.precision) {
      case 'ON_OR_BEFORE':
        return expectBounds(false, true);
      case 'ON_OR_AFTER':
        return expectBounds(true, false);
      case 'UNKNOWN':
        return expectBounds(false, false);
      case 'DAY':
        expectBounds(true, true);
        if (date.earliest !== date.latest) {
          ctx.addIssue({ code: 'custom', path: ['latest'], message: 'must equal earliest for precision DAY' });
        }
        return;
      default:
        return expectBounds(true, true);
    }
  });

export const citationRecord = z
  .object({
    source: ref,
    quote: text(2000),
    /**
     * The source whose claim the quote relays (the ministry statement an article quotes);
     * absent when the source speaks for itself. Null reads as absent, and absent is left
     * out rather than written as null, so records written before it existed read back unchanged.
     */
    attributedTo: ref.nullish().transform((value) => value ?? undefined).optional(),
  })
  .strict();

const citations = list(citationRecord);

/**
 * The fields whose value sources may dispute, by record, with what each holds: the type
 * a reference names, `FuzzyDate` for a date, null for a vocabulary value. A meeting's
 * `location`, `kind` and `format`; a participant's `office` and `role`; a tenure's
 * `office`, `start` and `end`. A meeting's date has claims of its own (`dateClaims`),
 * which intersect rather than compete.
 */
export const CLAIMABLE_FIELDS = {
  Meeting: { location: 'Place', kind: null, format: 'Organization' },
  Participant: { office: 'Office', role: null },
  Tenure: { office: 'Office', start: 'FuzzyDate', end: 'FuzzyDate' },
} as const;

/** What a claimable field holds: the type of entity a reference names, a date, or a vocabulary value (null). */
export type ClaimableValue = EntityType | 'FuzzyDate' | null;

/**
 * One value that sources state for a disputed field, with the citations stating it.
 * A record holds claims only for a field that sources dispute, then one per distinct
 * value, the record's own value among them (the preferred one, docs/many-sources.md).
 */
export const claimRecord = z
  .object({
    field: text(100),
    /** The value: a slug for a reference field, a date's label for a date, a vocabulary value otherwise; null when a source states none. */
    value: text(300).nullable(),
    /** For a date field (a tenure's `start` or `end`): the date the claim states; absent otherwise. */
    date: fuzzyDateRecord.optional(),
    citations: listOfAtLeast(citationRecord, 1, 'a claim must be cited by at least one source'),
  })
  .strict();

/** A record's disputed values: absent when none is disputed, and then left out rather than written as []. */
const claims = z
  .array(claimRecord)
  .nullish()
  .transform((items) => (items == null || items.length === 0 ? undefined : items))
  .optional();
const citedAtLeastOnce = (what: string) => listOfAtLeast(citationRecord, 1, `${what} must be cited by at least one source`);
const aliases = list(text(200));
/**
 * Citations of reference facts (a country's codes, name and capital; a place's country),
 * quoting a REFERENCE_DATASET source. Optional, and absent is left out rather than written
 * as [], so records written before it existed read back unchanged; the API reads absent as [].
 */
const referenceCitations = z.array(citationRecord).optional();

/** Whether `tag` is a well-formed BCP 47 language tag ("en", "ru", "kk-Cyrl"), as the runtime's Intl reads tags. */
function isLanguageTag(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

/** A BCP 47 language tag, kept in its canonical case ("KK-cyrl" reads as "kk-Cyrl"). */
export const languageTag = z
  .string()
  .max(50, 'must be at most 50 characters')
  .refine(isLanguageTag, 'must be a BCP 47 language tag such as "en", "ru" or "kk-Cyrl"')
  .transform((tag) => Intl.getCanonicalLocales(tag)[0]!);

/** A name in a stated language: how a source in that language (or script) writes the entity's name. */
export const nameRecord = z
  .object({
    value: text(200),
    lang: languageTag,
  })
  .strict();

/**
 * Names with their language, beside the primary name and the aliases. Absent, null or
 * empty reads as absent, and absent is left out rather than written as [], so records
 * written before the field existed read back unchanged.
 */
export const names = z
  .array(nameRecord)
  .max(100, 'must hold at most 100 names')
  .nullish()
  .transform((items) => (items == null || items.length === 0 ? undefined : items))
  .superRefine((items, ctx) => {
    const seen = new Set<string>();
    items?.forEach((name, i) => {
      const key = `${name.lang}\u0000${name.value}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [i], message: `repeats the name ${JSON.stringify(name.value)} in ${name.lang}` });
      seen.add(key);
    });
  })
  .optional();

/** An optional field that null also leaves out (a write's explicit null clears it), so absent is never written as null. */
function absentWhenNull<T extends z.ZodType>(schema: T) {
  return schema
    .nullish()
    .transform((value) => value ?? undefined)
    .optional();
}

/** A point on the Earth in degrees (WGS 84, as GeoNames gives them): latitude -90 to 90, longitude -180 to 180. */
export const coordinatesRecord = z
  .object({
    latitude: z.number().min(-90, 'must be a latitude from -90 to 90').max(90, 'must be a latitude from -90 to 90'),
    longitude: z.number().min(-180, 'must be a longitude from -180 to 180').max(180, 'must be a longitude from -180 to 180'),
  })
  .strict();

export const countryRecord = z
  .object({
    slug,
    name: text(200),
    aliases,
    names,
    isoCode: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code: two capital letters'),
    /** The ISO 3166-1 alpha-3 code; optional (null reads as absent), and absent is left out, so records written before it read back unchanged. */
    isoCode3: absentWhenNull(z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 3166-1 alpha-3 code: three capital letters')),
    capital: optionalRef,
    citations: referenceCitations,
  })
  .strict();

export const placeRecord = z
  .object({
    slug,
    name: text(200),
    aliases,
    names,
    kind: z.enum(PLACE_KINDS),
    country: ref,
    /** Where it lies (WGS 84); optional (null reads as absent), and absent is left out, as for `geonamesId`. */
    coordinates: absentWhenNull(coordinatesRecord),
    /** Its id in the GeoNames gazetteer (geonames.org/<id>). */
    geonamesId: absentWhenNull(z.number().int('must be a whole number').positive('must be a positive GeoNames id').max(2 ** 31 - 1, 'must be a GeoNames id (at most 2147483647)')),
    citations: referenceCitations,
  })
  .strict();

export const organizationRecord = z
  .object({
    slug,
    name: text(300),
    aliases,
    names,
    kind: z.enum(ORGANIZATION_KINDS),
    country: optionalRef,
    parent: optionalRef,
    memberCountries: list(ref),
    citations,
  })
  .strict();

export const personRecord = z
  .object({
    slug,
    name: text(200),
    aliases,
    names,
    country: optionalRef,
    citations: citedAtLeastOnce('a person'),
  })
  .strict();

export const officeRecord = z
  .object({
    slug,
    title: text(300),
    organization: optionalRef,
    country: ref,
    citations,
  })
  .strict();

export const tenureRecord = z
  .object({
    slug,
    person: ref,
    office: ref,
    start: fuzzyDateRecord.nullable().default(null),
    end: fuzzyDateRecord.nullable().default(null),
    citations: citedAtLeastOnce('a tenure'),
    claims,
  })
  .strict();

export const topicRecord = z
  .object({
    slug,
    name: text(200),
    aliases,
    names,
    parent: optionalRef,
  })
  .strict();

export const sourceRecord = z
  .object({
    slug,
    title: text(500),
    kind: z.enum(SOURCE_KINDS),
    publisher: optionalRef,
    publishedOn: calendarDate.nullable().default(null),
    url: z.url({ protocol: /^https?$/ }).nullable().default(null),
    dateline: optionalRef,
    cites: list(ref),
    /** Path of the source's full text, relative to the data directory; null when not held. */
    textFile: z
      .string()
      .regex(/^sources\/[a-z0-9-]+\.txt$/, 'must be sources/<slug>.txt')
      .nullable()
      .default(null),
  })
  .strict();

export const participantRecord = z
  .object({
    person: optionalRef,
    office: optionalRef,
    organization: optionalRef,
    country: ref,
    role: z.enum(PARTICIPANT_ROLES),
    /** How the source names the participant when it names no person ("members of the US Congress"). */
    label: text(300).nullable().default(null),
    citations: citedAtLeastOnce('a participant'),
    claims,
  })
  .strict()
  .refine((p) => p.person !== null || p.office !== null || p.organization !== null || p.label !== null, {
    message: 'a participant needs a person, an office, an organization or a label (the source\'s words for unnamed participants)',
    path: ['person'],
  });

export const eventCodingRecord = z
  .object({
    cameo: z.string().refine((code) => CAMEO_CODES.has(code), 'must be a known CAMEO event code such as "040"'),
    ploverCategory: z.enum(PLOVER_CATEGORIES),
    ploverMode: z.enum(PLOVER_MODES).nullable().default(null),
  })
  .strict()
  .superRefine((coding, context) => {
    // The coding must agree with the official CAMEO-to-PLOVER mapping (src/domain/cameo-plover.ts).
    if (!CAMEO_CODES.has(coding.cameo)) return;
    const problem = ploverDisagreement(coding.cameo, coding.ploverCategory, coding.ploverMode);
    if (problem !== null) context.addIssue({ code: 'custom', message: problem, path: ['ploverCategory'] });
  });

export const outcomeRecord = z
  .object({
    description: text(2000),
    cameo: z.string().refine((code) => CAMEO_CODES.has(code), 'must be a known CAMEO event code such as "030"'),
    /** The outcome's PLOVER category, which the CAMEO code maps to; absent (or null) in records written without it, which read as the mapping's (none for the families 01-02). */
    ploverCategory: z.enum(PLOVER_CATEGORIES).nullish(),
    citations: citedAtLeastOnce('an outcome'),
  })
  .strict()
  .superRefine((outcome, context) => {
    if (!CAMEO_CODES.has(outcome.cameo)) return;
    // An outcome's category is optional: absent, it reads as the mapping's (none for the families 01-02).
    if (outcome.ploverCategory == null) return;
    const problem = ploverDisagreement(outcome.cameo, outcome.ploverCategory);
    if (problem !== null) context.addIssue({ code: 'custom', message: problem, path: ['ploverCategory'] });
  });

export const meetingTopicRecord = z
  .object({
    topic: ref,
    citations: citedAtLeastOnce('a meeting topic'),
  })
  .strict();

/** One source's statement of a meeting's date, with the quotes that state it. */
export const dateClaimRecord = z
  .object({
    date: fuzzyDateRecord,
    citations: citedAtLeastOnce('a date claim'),
  })
  .strict();

/** A stated relation of a meeting's time to another meeting's ("the outcomes of the recent visit": after it). */
export const meetingRelationRecord = z
  .object({
    relation: z.enum(MEETING_RELATIONS),
    meeting: ref,
    citations: citedAtLeastOnce('a meeting relation'),
  })
  .strict();

/**
 * A list written only when it holds something: null and empty read as absent, so records
 * written before the field existed read back (and are written back) unchanged.
 */
function optionalList<T extends z.ZodType>(item: T) {
  return z
    .array(item)
    .nullish()
    .transform((items) => (items && items.length > 0 ? items : undefined))
    .optional();
}

export const meetingRecord = z
  .object({
    slug,
    title: text(500),
    kind: z.enum(MEETING_KINDS),
    /**
     * The date all the meeting's statements allow, set on every write by `deriveMeetingDate`
     * (src/domain/meeting-date.ts) from its date claims, `relations` and `partOf`.
     */
    date: fuzzyDateRecord,
    /** Each source's statement of the date; absent: one implied claim, `date` as the meeting's `citations` state it. */
    dateClaims: optionalList(dateClaimRecord),
    location: optionalRef,
    countries: listOfAtLeast(ref, 1, 'a meeting involves at least one country'),
    format: optionalRef,
    partOf: optionalRef,
    /** Stated relations of its time to other meetings ("after the Astana visit"). */
    relations: optionalList(meetingRelationRecord),
    coding: eventCodingRecord,
    participants: listOfAtLeast(participantRecord, 1, 'a meeting has at least one participant'),
    topics: list(meetingTopicRecord),
    outcomes: list(outcomeRecord),
    summary: text(5000),
    citations: citedAtLeastOnce('a meeting'),
    claims,
  })
  .strict();

export type FuzzyDateRecord = z.infer<typeof fuzzyDateRecord>;
export type CitationRecord = z.infer<typeof citationRecord>;
export type NameRecord = z.infer<typeof nameRecord>;
export type ClaimRecord = z.infer<typeof claimRecord>;
export type CoordinatesRecord = z.infer<typeof coordinatesRecord>;
export type CountryRecord = z.infer<typeof countryRecord>;
export type PlaceRecord = z.infer<typeof placeRecord>;
export type OrganizationRecord = z.infer<typeof organizationRecord>;
export type PersonRecord = z.infer<typeof personRecord>;
export type OfficeRecord = z.infer<typeof officeRecord>;
export type TenureRecord = z.infer<typeof tenureRecord>;
export type TopicRecord = z.infer<typeof topicRecord>;
export type SourceRecord = z.infer<typeof sourceRecord>;
export type ParticipantRecord = z.infer<typeof participantRecord>;
export type EventCodingRecord = z.infer<typeof eventCodingRecord>;
export type OutcomeRecord = z.infer<typeof outcomeRecord>;
export type MeetingTopicRecord = z.infer<typeof meetingTopicRecord>;
export type DateClaimRecord = z.infer<typeof dateClaimRecord>;
export type MeetingRelationRecord = z.infer<typeof meetingRelationRecord>;
export type MeetingRecord = z.infer<typeof meetingRecord>;

/** Every entity type the store holds, with its record schema and its file in the data directory. */
export const ENTITY_FILES = {
  Country: { file: 'countries.json', schema: countryRecord },
  Place: { file: 'places.json', schema: placeRecord },
  Organization: { file: 'organizations.json', schema: organizationRecord },
  Person: { file: 'people.json', schema: personRecord },
  Office: { file: 'offices.json', schema: officeRecord },
  Tenure: { file: 'tenures.json', schema: tenureRecord },
  Topic: { file: 'topics.json', schema: topicRecord },
  Source: { file: 'sources.json', schema: sourceRecord },
  Meeting: { file: 'meetings.json', schema: meetingRecord },
} as const;

export type EntityType = keyof typeof ENTITY_FILES;
export const ENTITY_TYPES = Object.keys(ENTITY_FILES) as EntityType[];

/** The record shape of each entity type. */
export interface RecordOf {
  Country: CountryRecord;
  Place: PlaceRecord;
  Organization: OrganizationRecord;
  Person: PersonRecord;
  Office: OfficeRecord;
  Tenure: TenureRecord;
  Topic: TopicRecord;
  Source: SourceRecord;
  Meeting: MeetingRecord;
}

/** The whole data set, as loaded from a data directory. */
export type Dataset = { [T in EntityType]: RecordOf[T][] } & {
  /** Full texts of sources, by source slug. */
  texts: Map<string, string>;
};
