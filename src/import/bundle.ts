/**
 * The article bundle: one JSON file holding an article, its full text, and every entity
 * the article mentions, ready for `npm run import` (format documented in
 * `docs/bundle-format.md`).
 *
 * Records have the fields of `data/*.json` records, except that a CAMEO code is
 * `cameoCode`, as in the API (the records' `cameo` is still read: deprecated), with three
 * reliefs for authors:
 * - `slug` is optional: derived from the name or title (offices from `<country> <title>`,
 *   tenures from `<person> as <office title>`);
 * - list fields and nullable fields are optional (`[]` and `null`);
 * - a reference names its target by slug, or by name, title, alias (or a country's ISO
 *   code), compared case- and accent-insensitively; a citation without `source` cites the
 *   bundle's article.
 *
 * Field schemas are taken from `store/records.ts`, so a bundle's shape problems are the
 * store's, reported at the bundle path (`meetings[2].participants[0].person`).
 */
import { z } from 'zod';
import { illFormedStrings } from '../jsutils/ill-formed-strings';
import {
  citationRecord,
  countryRecord,
  eventCodingRecord,
  fuzzyDateRecord,
  meetingRecord,
  meetingRelationRecord,
  officeRecord,
  organizationRecord,
  outcomeRecord,
  participantRecord,
  personRecord,
  placeRecord,
  slug,
  sourceRecord,
  topicRecord,
  type EntityType,
} from '../store/contract/records';
import { sourceTextProblem } from '../store/contract/validate';
import type { ImportProblem } from './import-problem';

/**
 * The bundle format this code writes and reads; a file states it as `"format": 2`.
 * Format 1 bundles still import, under the same matching rules; the fields format 2
 * added (`FORMAT_2_FIELDS`) need `"format": 2`.
 */
export const BUNDLE_FORMAT = 2;
const BUNDLE_FORMATS = [1, 2] as const;

/** Record fields that format 2 added: a format 1 bundle giving one is told to say `"format": 2`. */
const FORMAT_2_FIELDS = ['sameAs', 'distinctFrom'];

/** A target named by slug, name, title, alias or (countries) ISO code. */
const reference = z
  .string()
  .min(1, 'must not be empty')
  .max(500, 'must be at most 500 characters')
  .refine((value) => value.trim() === value, 'must not start or end with white space');

const optionalReference = reference.nullable().default(null);
const references = z.array(reference).default([]);
const optionalSlug = slug.optional();

/**
 * How a bundle settles a near match (format 2): `sameAs` names the stored record this one
 * is (by slug or name), `distinctFrom` the stored records it is not.
 */
const identity = {
  sameAs: reference.optional(),
  distinctFrom: z.array(reference).max(100, 'must name at most 100 records').default([]),
};

/** A quote of a source; `source` defaults to the bundle's article; `attributedTo` names whose claim it relays. */
const citation = z
  .object({
    source: reference.optional(),
    quote: citationRecord.shape.quote,
    /** The source whose claim the quote relays (the ministry statement the article quotes); absent or null when the source speaks for itself. */
    attributedTo: reference.nullish(),
  })
  .strict();

/**
 * Renames `cameo`, the CAMEO code's first name in bundle format 1 (the data files' field
 * name), to `cameoCode`, the API's name. Deprecated: read so that existing bundles still
 * import; given with `cameoCode`, it is left alone and reported as an unknown field.
 */
function withCameoCode<U extends z.ZodObject>(schema: U) {
  type Input = z.input<U>;
  return z.preprocess((value: Input | (Omit<Input, 'cameoCode'> & { cameo: string })) => {
    if (value === null || typeof value !== 'object' || !('cameo' in value) || 'cameoCode' in value) return value;
    const { cameo, ...rest } = value;
    return { ...rest, cameoCode: cameo };
  }, schema);
}

const bundleCoding = withCameoCode(
  z
    .object({
      cameoCode: eventCodingRecord.shape.cameo,
      ploverCategory: eventCodingRecord.shape.ploverCategory,
      ploverMode: eventCodingRecord.shape.ploverMode,
    })
    .strict(),
);

const optionalCitations = z.array(citation).default([]);
/** A country's or place's citations of a reference dataset (its codes, name, capital, country); optional, absent when none. */
const referenceCitations = z.array(citation).optional();
const requiredCitations = (what: string) => z.array(citation).min(1, `${what} must be cited by at least one source`);

export const bundleCountry = z
  .object({
    slug: optionalSlug,
    ...identity,
    name: countryRecord.shape.name,
    aliases: countryRecord.shape.aliases,
    names: countryRecord.shape.names,
    isoCode: countryRecord.shape.isoCode,
    isoCode3: countryRecord.shape.isoCode3,
    capital: optionalReference,
    citations: referenceCitations,
  })
  .strict();

export const bundlePlace = z
  .object({
    slug: optionalSlug,
    ...identity,
    name: placeRecord.shape.name,
    aliases: placeRecord.shape.aliases,
    names: placeRecord.shape.names,
    kind: placeRecord.shape.kind,
    country: reference,
    coordinates: placeRecord.shape.coordinates,
    geonamesId: placeRecord.shape.geonamesId,
    citations: referenceCitations,
  })
  .strict();

export const bundleOrganization = z
  .object({
    slug: optionalSlug,
    ...identity,
    name: organizationRecord.shape.name,
    aliases: organizationRecord.shape.aliases,
    names: organizationRecord.shape.names,
    kind: organizationRecord.shape.kind,
    country: optionalReference,
    parent: optionalReference,
    memberCountries: references,
    citations: optionalCitations,
  })
  .strict();

export const bundlePerson = z
  .object({
    slug: optionalSlug,
    ...identity,
    name: personRecord.shape.name,
    aliases: personRecord.shape.aliases,
    names: personRecord.shape.names,
    country: optionalReference,
    citations: requiredCitations('a person'),
  })
  .strict();

export const bundleOffice = z
  .object({
    slug: optionalSlug,
    ...identity,
    title: officeRecord.shape.title,
    organization: optionalReference,
    country: reference,
    citations: optionalCitations,
  })
  .strict();

export const bundleTenure = z
  .object({
    slug: optionalSlug,
    ...identity,
    person: reference,
    office: reference,
    start: fuzzyDateRecord.nullable().default(null),
    end: fuzzyDateRecord.nullable().default(null),
    citations: requiredCitations('a tenure'),
  })
  .strict();

export const bundleTopic = z
  .object({
    slug: optionalSlug,
    ...identity,
    name: topicRecord.shape.name,
    aliases: topicRecord.shape.aliases,
    names: topicRecord.shape.names,
    parent: optionalReference,
  })
  .strict();

const sourceFields = {
  slug: optionalSlug,
  title: sourceRecord.shape.title,
  kind: sourceRecord.shape.kind,
  publisher: optionalReference,
  publishedOn: sourceRecord.shape.publishedOn.default(null),
  url: sourceRecord.shape.url.default(null),
  dateline: optionalReference,
  cites: references,
};

/** A source the article cites (a statement, another article), held without its text. */
export const bundleCitedSource = z.object(sourceFields).strict();

/** The article itself, with its full text: every quote of the bundle is checked against it. */
export const bundleArticle = z
  .object({
    ...sourceFields,
    text: z
      .string()
      .refine((value) => value.trim() !== '', "must hold the article's full text")
      .superRefine((value, context) => {
        const problem = sourceTextProblem(value);
        if (problem) context.addIssue({ code: 'custom', message: problem });
      }),
  })
  .strict();

const bundleParticipant = z
  .object({
    person: optionalReference,
    office: optionalReference,
    organization: optionalReference,
    country: reference,
    role: participantRecord.shape.role,
    label: participantRecord.shape.label.default(null),
    citations: requiredCitations('a participant'),
  })
  .strict()
  .refine((p) => p.person !== null || p.office !== null || p.organization !== null || p.label !== null, {
    message: 'a participant needs a person, an office, an organization or a label (the source\'s words for unnamed participants)',
    path: ['person'],
  });

export const bundleMeeting = z
  .object({
    slug: optionalSlug,
    ...identity,
    title: meetingRecord.shape.title,
    kind: meetingRecord.shape.kind,
    /** The date as this bundle's sources state it: the meeting's date claim (the store derives the stored date). */
    date: fuzzyDateRecord,
    /** The quotes that state the date; absent: the meeting's citations. */
    dateCitations: requiredCitations('a date claim').optional(),
    location: optionalReference,
    countries: z.array(reference).min(1, 'a meeting involves at least one country'),
    format: optionalReference,
    partOf: optionalReference,
    /** Stated relations of its time to other meetings, each named as `partOf` is (it may be a meeting later in the bundle). */
    relations: z
      .array(z.object({ relation: meetingRelationRecord.shape.relation, meeting: reference, citations: requiredCitations('a meeting relation') }).strict())
      .default([]),
    coding: bundleCoding,
    participants: z.array(bundleParticipant).min(1, 'a meeting has at least one participant'),
    topics: z.array(z.object({ topic: reference, citations: requiredCitations('a meeting topic') }).strict()).default([]),
    outcomes: z
      .array(
        withCameoCode(
          z
            .object({
              description: outcomeRecord.shape.description,
              cameoCode: outcomeRecord.shape.cameo,
              ploverCategory: outcomeRecord.shape.ploverCategory,
              citations: requiredCitations('an outcome'),
            })
            .strict(),
        ),
      )
      .default([]),
    summary: meetingRecord.shape.summary,
    citations: requiredCitations('a meeting'),
  })
  .strict();

/** The whole bundle. Sections may be omitted; records are created in the order given. */
export const bundleSchema = z
  .object({
    format: z.union(BUNDLE_FORMATS.map((format) => z.literal(format)), { error: `must be ${BUNDLE_FORMATS.join(' or ')}: the bundle formats this version reads` }),
    source: bundleArticle,
    sources: z.array(bundleCitedSource).default([]),
    countries: z.array(bundleCountry).default([]),
    places: z.array(bundlePlace).default([]),
    organizations: z.array(bundleOrganization).default([]),
    people: z.array(bundlePerson).default([]),
    offices: z.array(bundleOffice).default([]),
    tenures: z.array(bundleTenure).default([]),
    topics: z.array(bundleTopic).default([]),
    meetings: z.array(bundleMeeting).default([]),
  })
  .strict();

/** A bundle after parsing: defaults filled in. */
export type Bundle = z.infer<typeof bundleSchema>;
/** A bundle as written in a file: optional fields may be missing. */
export type BundleInput = z.input<typeof bundleSchema>;
export type BundleCitation = z.infer<typeof citation>;

/** The bundle record shape of each entity type. */
export interface BundleRecordOf {
  Country: z.infer<typeof bundleCountry>;
  Place: z.infer<typeof bundlePlace>;
  Organization: z.infer<typeof bundleOrganization>;
  Person: z.infer<typeof bundlePerson>;
  Office: z.infer<typeof bundleOffice>;
  Tenure: z.infer<typeof bundleTenure>;
  Topic: z.infer<typeof bundleTopic>;
  Source: z.infer<typeof bundleCitedSource> & { text?: string };
  Meeting: z.infer<typeof bundleMeeting>;
}

/** The bundle's list of records of each type, in the order records are created. */
export const BUNDLE_SECTIONS = {
  Country: 'countries',
  Place: 'places',
  Source: 'sources',
  Organization: 'organizations',
  Person: 'people',
  Office: 'offices',
  Tenure: 'tenures',
  Topic: 'topics',
  Meeting: 'meetings',
} as const satisfies Record<EntityType, keyof Bundle>;

/** Parses a bundle, returning every shape problem (not just the first) by bundle path. */
export function parseBundle(json: unknown): { ok: true; bundle: Bundle } | { ok: false; problems: ImportProblem[] } {
  // Checked first and on the raw JSON: a lone surrogate anywhere, text included, would not survive UTF-8.
  const illFormed = illFormedStrings(json);
  if (illFormed.length > 0) return { ok: false, problems: illFormed.map(({ path, message }) => ({ path: bundlePath(path), message })) };
  const parsed = bundleSchema.safeParse(json, { error: missingOrUnknown });
  if (parsed.success) {
    const newer = parsed.data.format === 1 ? newerFields(json as Record<string, unknown>) : [];
    return newer.length === 0 ? { ok: true, bundle: parsed.data } : { ok: false, problems: newer };
  }
  return { ok: false, problems: parsed.error.issues.map((issue) => ({ path: bundlePath(issue.path), message: issue.message })) };
}

/** The fields of a format 1 bundle's records that only format 2 has. */
function newerFields(json: Record<string, unknown>): ImportProblem[] {
  const problems: ImportProblem[] = [];
  for (const section of Object.values(BUNDLE_SECTIONS)) {
    const records = json[section];
    if (!Array.isArray(records)) continue;
    records.forEach((record: Record<string, unknown>, index) => {
      for (const field of FORMAT_2_FIELDS) {
        if (field in record) problems.push({ path: `${section}[${index}].${field}`, message: `is a format 2 field: the bundle must say "format": 2` });
      }
    });
  }
  return problems;
}

/** Plainer messages than zod's for the two commonest slips: a missing field and a misspelled one. */
function missingOrUnknown(issue: z.core.$ZodRawIssue): string | undefined {
  if ((issue.code === 'invalid_type' || issue.code === 'invalid_value') && issue.input === undefined) return 'is required';
  if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
  return undefined;
}

/** A JSON path as the bundle's author reads it: `meetings[2].participants[0].person`. */
export function bundlePath(segments: readonly PropertyKey[]): string {
  return segments.reduce<string>((path, segment) => {
    if (typeof segment === 'number' || (typeof segment === 'string' && /^\d+$/.test(segment))) return `${path}[${String(segment)}]`;
    return path === '' ? String(segment) : `${path}.${String(segment)}`;
  }, '');
}
