/**
 * The rules a data set must keep across records: well-formed Unicode (no lone surrogate) in
 * every string, unique slugs and ISO codes, references
 * that resolve to a record of the right type, quotes found verbatim in their source's
 * text, no cycles in parent chains, capitals inside their country, participants on behalf
 * of the meeting's countries, source texts of at most MAX_SOURCE_TEXT_BYTES, and the meeting
 * date rules of `meeting-date-rules.ts`. Record shapes are checked by the zod schemas of
 * `records.ts`. The same rules serve start-up, `data:check` and every write.
 */
import { illFormedStrings } from '../../jsutils/ill-formed-strings';
import type { DataProblem } from './data-problem';
import { MEETING_KINDS, PARTICIPANT_ROLES } from '../../domain/vocabularies';
import { derivedMeetingDates, meetingRelationProblems, storedDateProblem } from './meeting-date-rules';
import { CLAIMABLE_FIELDS, ENTITY_FILES, ENTITY_TYPES, type CitationRecord, type ClaimableValue, type ClaimRecord, type Dataset, type EntityType, type FuzzyDateRecord, type RecordOf } from './records';

type AnyRecord = RecordOf[EntityType];
type Reference = [field: string, type: EntityType, slug: string | null];

/** A problem within one record, by field path relative to the record. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** What the rules need to know about the other records. */
export interface RecordLookup {
  get<T extends EntityType>(type: T, slug: string): RecordOf[T] | undefined;
  /** The full text of a source: undefined when none is held, null when it could not be read (already reported). */
  text(sourceSlug: string): string | null | undefined;
  /** True for references that cannot be checked because their target was already reported (bad shape, unreadable file). */
  unverifiable?(type: EntityType, slug: string): boolean;
}

/** The references a record makes, with the field path of each. */
export function referencesOf(type: EntityType, record: AnyRecord): Reference[] {
  switch (type) {
    case 'Country':
      return [['capital', 'Place', (record as RecordOf['Country']).capital]];
    case 'Place':
      return [['country', 'Country', (record as RecordOf['Place']).country]];
    case 'Organization': {
      const o = record as RecordOf['Organization'];
      return [
        ['country', 'Country', o.country],
        ['parent', 'Organization', o.parent],
        ...o.memberCountries.map((slug, i): Reference => [`memberCountries.${i}`, 'Country', slug]),
      ];
    }
    case 'Person':
      return [['country', 'Country', (record as RecordOf['Person']).country]];
    case 'Office': {
      const o = record as RecordOf['Office'];
      return [
        ['organization', 'Organization', o.organization],
        ['country', 'Country', o.country],
      ];
    }
    case 'Tenure': {
      const t = record as RecordOf['Tenure'];
      return [
        ['person', 'Person', t.person],
        ['office', 'Office', t.office],
        ...claimReferences('Tenure', t.claims, ''),
      ];
    }
    case 'Topic':
      return [['parent', 'Topic', (record as RecordOf['Topic']).parent]];
    case 'Source': {
      const s = record as RecordOf['Source'];
      return [
        ['publisher', 'Organization', s.publisher],
        ['dateline', 'Place', s.dateline],
        ...s.cites.map((slug, i): Reference => [`cites.${i}`, 'Source', slug]),
      ];
    }
    case 'Meeting': {
      const m = record as RecordOf['Meeting'];
      return [
        ['location', 'Place', m.location],
        ['format', 'Organization', m.format],
        ['partOf', 'Meeting', m.partOf],
        ...(m.relations ?? []).map((r, i): Reference => [`relations.${i}.meeting`, 'Meeting', r.meeting]),
        ...m.countries.map((slug, i): Reference => [`countries.${i}`, 'Country', slug]),
        ...m.participants.flatMap((p, i): Reference[] => [
          [`participants.${i}.person`, 'Person', p.person],
          [`participants.${i}.office`, 'Office', p.office],
          [`participants.${i}.organization`, 'Organization', p.organization],
          [`participants.${i}.country`, 'Country', p.country],
          ...claimReferences('Participant', p.claims, `participants.${i}.`),
        ]),
        ...m.topics.map((t, i): Reference => [`topics.${i}.topic`, 'Topic', t.topic]),
        ...claimReferences('Meeting', m.claims, ''),
      ];
    }
  }
}

type ClaimHolder = keyof typeof CLAIMABLE_FIELDS;

/** The references made by the claimed values of reference fields. */
function claimReferences(holder: ClaimHolder, claims: readonly ClaimRecord[] | undefined, path: string): Reference[] {
  const fields: Record<string, ClaimableValue> = CLAIMABLE_FIELDS[holder];
  return (claims ?? []).flatMap((claim, i): Reference[] => {
    const target = fields[claim.field];
    return target && target !== 'FuzzyDate' ? [[`${path}claims.${i}.value`, target, claim.value]] : [];
  });
}

/** The closed vocabularies of claimable fields that are not references. */
const CLAIM_VOCABULARIES: Record<string, readonly string[]> = { kind: MEETING_KINDS, role: PARTICIPANT_ROLES };

/**
 * The problems of one record's claims: each names a field sources may dispute and a value
 * it may take; a field's claims hold at least two distinct values, one of them the
 * record's own (references are checked with the record's other references).
 */
function claimProblems(holder: ClaimHolder, record: Record<string, unknown> & { claims?: readonly ClaimRecord[] | undefined }, path: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const fields: Record<string, ClaimableValue> = CLAIMABLE_FIELDS[holder];
  const values = new Map<string, Set<string | null>>();
  (record.claims ?? []).forEach((claim, i) => {
    if (!(claim.field in fields)) {
      problems.push({ field: `${path}claims.${i}.field`, message: `${JSON.stringify(claim.field)} is not a field sources may dispute here; one of ${Object.keys(fields).join(', ')}` });
      return;
    }
    const isDate = fields[claim.field] === 'FuzzyDate';
    if (isDate !== (claim.date !== undefined)) {
      problems.push({ field: `${path}claims.${i}.date`, message: isDate ? `is required for the date ${claim.field}` : `is only for date fields, not ${claim.field}` });
      return;
    }
    if (isDate && claim.value !== claim.date!.label) problems.push({ field: `${path}claims.${i}.value`, message: `must be the date's label ${JSON.stringify(claim.date!.label)}` });
    const vocabulary = CLAIM_VOCABULARIES[claim.field];
    if (vocabulary && claim.value !== null && !vocabulary.includes(claim.value)) {
      problems.push({ field: `${path}claims.${i}.value`, message: `must be one of ${vocabulary.join(', ')}` });
    }
    const value = isDate ? claimedDateKey(claim.date!) : claim.value;
    const seen = values.get(claim.field) ?? new Set();
    if (seen.has(value)) problems.push({ field: `${path}claims.${i}.value`, message: `another claim of ${claim.field} states ${JSON.stringify(claim.value)}: one claim per value` });
    values.set(claim.field, seen.add(value));
  });
  for (const [field, claimed] of values) {
    if (claimed.size < 2) problems.push({ field: `${path}claims`, message: `the claims of ${field} state one value: a field is claimed only when sources dispute it` });
    const own = record[field] ?? null;
    const ownValue = fields[field] === 'FuzzyDate' ? (own === null ? null : claimedDateKey(own as FuzzyDateRecord)) : (own as string | null);
    if (!claimed.has(ownValue)) {
      problems.push({ field: `${path}${field}`, message: `${JSON.stringify(own)} is not among the values the claims of ${field} state` });
    }
  }
  return problems;
}

/** A claimed date as claims are told apart: its range and precision, whatever its label's words. */
export function claimedDateKey(date: FuzzyDateRecord): string {
  return `${date.earliest}|${date.latest}|${date.precision}`;
}

/** Every citation of a record, with its field path. */
export function citationsOf(record: object, path = ''): [string, CitationRecord][] {
  const found: [string, CitationRecord][] = [];
  for (const [key, value] of Object.entries(record)) {
    const field = path ? `${path}.${key}` : key;
    if (key === 'citations' && Array.isArray(value)) {
      value.forEach((citation: CitationRecord, i) => found.push([`${field}.${i}`, citation]));
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => {
        if (item && typeof item === 'object') found.push(...citationsOf(item, `${field}.${i}`));
      });
    } else if (value && typeof value === 'object') {
      found.push(...citationsOf(value, field));
    }
  }
  return found;
}

/**
 * The sources a record cites (those `citationsOf` lists), without their field paths: for
 * indexing, where paths are not needed. With `attributions`, also the sources its
 * citations attribute claims to (`attributedTo`): every Source the record refers to.
 */
export function citedSources(record: object, out: string[] = [], attributions = true): string[] {
  for (const key in record) {
    const value = (record as Record<string, unknown>)[key];
    if (key === 'citations' && Array.isArray(value)) {
      for (const citation of value as CitationRecord[]) {
        out.push(citation.source);
        if (citation.attributedTo !== undefined && attributions) out.push(citation.attributedTo);
      }
    } else if (Array.isArray(value)) {
      for (const item of value) if (item && typeof item === 'object') citedSources(item as object, out, attributions);
    } else if (value && typeof value === 'object') {
      citedSources(value, out, attributions);
    }
  }
  return out;
}

const PARENT_FIELD: Partial<Record<EntityType, 'parent' | 'partOf'>> = { Topic: 'parent', Organization: 'parent', Meeting: 'partOf' };

/** The fewest words a citation's quote may have: fewer cannot identify a statement of its source. */
export const MIN_QUOTE_WORDS = 3;

/**
 * The most bytes of UTF-8 one source's full text may hold: 1 MiB, room for any article or
 * statement (the seed's is under 4 KB) while keeping one text from filling a request or a
 * journal line. Separate from MAX_BODY_BYTES, the bound on a whole HTTP request.
 */
export const MAX_SOURCE_TEXT_BYTES = 1_048_576;

/** Why a source text cannot be held (too many bytes), or null when it can. */
export function sourceTextProblem(text: string): string | null {
  // A UTF-16 code unit encodes to at most 3 bytes of UTF-8: short texts need no count.
  if (text.length * 3 <= MAX_SOURCE_TEXT_BYTES) return null;
  const bytes = Buffer.byteLength(text, 'utf8');
  return bytes > MAX_SOURCE_TEXT_BYTES ? `is ${bytes} bytes of UTF-8; a source text may hold at most ${MAX_SOURCE_TEXT_BYTES} bytes (1 MiB)` : null;
}

/** Words as the quote rule counts them: runs of Unicode letters, marks and digits ("U.S.-Kazakh" is three). */
export function wordCount(text: string): number {
  return text.match(/[\p{L}\p{M}\p{N}]+/gu)?.length ?? 0;
}

/**
 * The message for a reference to nothing. These messages reach API clients (a mutation's
 * input) as well as data:check, which names the file itself: they say the type and the
 * slug, never where a store keeps its records.
 */
function unknownMessage(type: EntityType, slug: string): string {
  return `unknown ${type} ${JSON.stringify(slug)}: no ${type} has this slug`;
}

/** The problems of one record against the others: well-formed strings, its references, quotes, parent chain and type rules. */
export function recordProblems(type: EntityType, record: AnyRecord, lookup: RecordLookup): FieldProblem[] {
  // A lone surrogate cannot be written as UTF-8: it would not read back as it was written.
  const problems: FieldProblem[] = illFormedStrings(record).map(({ path, message }) => ({ field: path.join('.'), message }));
  for (const [field, target, slug] of referencesOf(type, record)) {
    if (slug !== null && !lookup.get(target, slug) && !lookup.unverifiable?.(target, slug)) {
      problems.push({ field, message: unknownMessage(target, slug) });
    }
  }
  for (const [field, citation] of citationsOf(record)) {
    const attributedTo = citation.attributedTo;
    if (attributedTo !== undefined) {
      if (attributedTo === citation.source) {
        problems.push({ field: `${field}.attributedTo`, message: 'must name another source than the citing one: leave it out when the source speaks for itself' });
      } else if (!lookup.get('Source', attributedTo) && !lookup.unverifiable?.('Source', attributedTo)) {
        problems.push({ field: `${field}.attributedTo`, message: unknownMessage('Source', attributedTo) });
      }
    }
    const source = lookup.get('Source', citation.source);
    if (!source) {
      if (!lookup.unverifiable?.('Source', citation.source)) {
        problems.push({ field: `${field}.source`, message: unknownMessage('Source', citation.source) });
      }
      continue;
    }
    const words = wordCount(citation.quote);
    if (words < MIN_QUOTE_WORDS) {
      problems.push({
        field: `${field}.quote`,
        message: `must be at least ${MIN_QUOTE_WORDS} words, enough to identify a statement; got ${words} (${JSON.stringify(abbreviate(citation.quote))})`,
      });
      continue;
    }
    const text = lookup.text(source.slug);
    if (text === null) continue;
    if (text === undefined) {
      problems.push({ field: `${field}.source`, message: `Source ${JSON.stringify(source.slug)} has no text, so the quote cannot be checked` });
    } else if (!text.includes(citation.quote)) {
      problems.push({ field: `${field}.quote`, message: `quote not found verbatim in Source ${JSON.stringify(source.slug)}: ${JSON.stringify(abbreviate(citation.quote))}` });
    }
  }
  const parentField = PARENT_FIELD[type];
  if (parentField && loopsBack(type, record, parentField, lookup)) {
    problems.push({ field: parentField, message: `${parentField} chain loops back to this ${type}` });
  }
  if (type === 'Country') {
    const country = record as RecordOf['Country'];
    const capital = country.capital === null ? undefined : lookup.get('Place', country.capital);
    if (capital && capital.country !== country.slug) {
      problems.push({ field: 'capital', message: `Place ${JSON.stringify(capital.slug)} lies in ${JSON.stringify(capital.country)}, not in this country` });
    }
  }
  if (type === 'Meeting') {
    const meeting = record as RecordOf['Meeting'];
    meeting.participants.forEach((participant, i) => {
      if (!meeting.countries.includes(participant.country)) {
        problems.push({ field: `participants.${i}.country`, message: `Country ${JSON.stringify(participant.country)} is not among the meeting's countries` });
      }
      if (participant.claims) problems.push(...claimProblems('Participant', participant, `participants.${i}.`));
    });
    problems.push(...meetingRelationProblems(meeting, lookup));
    if (meeting.claims) problems.push(...claimProblems('Meeting', meeting, ''));
  }
  if (type === 'Tenure') {
    const tenure = record as RecordOf['Tenure'];
    if (tenure.claims) problems.push(...claimProblems('Tenure', tenure, ''));
  }
  return problems;
}

function loopsBack(type: EntityType, record: AnyRecord, field: 'parent' | 'partOf', lookup: RecordLookup): boolean {
  const seen = new Set<string>([record.slug]);
  let parent = (record as Record<string, unknown>)[field] as string | null;
  while (parent !== null) {
    if (parent === record.slug) return true;
    if (seen.has(parent)) return false; // a loop above this record: reported on the records inside it
    seen.add(parent);
    const next = lookup.get(type, parent) as Record<string, unknown> | undefined;
    parent = next ? (next[field] as string | null) : null;
  }
  return false;
}

/** Where records refer to the entity `type`/`slug`: what a delete would leave dangling. */
export function referencesTo(type: EntityType, slug: string, records: (of: EntityType) => Iterable<AnyRecord>): { type: EntityType; slug: string; field: string }[] {
  const found: { type: EntityType; slug: string; field: string }[] = [];
  for (const from of ENTITY_TYPES) {
    for (const record of records(from)) {
      const fields = referencesOf(from, record).filter(([, target, value]) => target === type && value === slug);
      if (type === 'Source') {
        for (const [field, c] of citationsOf(record)) {
          if (c.source === slug) fields.push([`${field}.source`, 'Source', slug]);
          if (c.attributedTo === slug) fields.push([`${field}.attributedTo`, 'Source', slug]);
        }
      }
      for (const [field] of fields) found.push({ type: from, slug: record.slug, field });
    }
  }
  return found;
}

/** What loading already reported, so that one bad record or file is reported once, not at every reference to it. */
export interface SkippedRecords {
  /** Records left out for their shape, by type: references to them count as resolved. */
  invalidSlugs?: ReadonlyMap<EntityType, ReadonlySet<string>>;
  /** Types whose whole file could not be read: references into them are not checked. */
  unreadableTypes?: ReadonlySet<EntityType>;
  /** Sources whose text file could not be read: quotes of them are not checked. */
  unreadableTexts?: ReadonlySet<string>;
}

/** A lookup over a whole data set. */
export function datasetLookup(data: Dataset, skip: SkippedRecords = {}): RecordLookup {
  const maps = new Map(ENTITY_TYPES.map((type) => [type, new Map((data[type] as AnyRecord[]).map((record) => [record.slug, record]))]));
  return {
    get: <T extends EntityType>(type: T, slug: string) => maps.get(type)!.get(slug) as RecordOf[T] | undefined,
    text: (slug) => (skip.unreadableTexts?.has(slug) ? null : data.texts.get(slug)),
    unverifiable: (type, slug) => Boolean(skip.unreadableTypes?.has(type) || skip.invalidSlugs?.get(type)?.has(slug)),
  };
}

/** Finds every cross-record problem of a data set among records of valid shape. */
export function validateDataset(data: Dataset, skip: SkippedRecords = {}): DataProblem[] {
  const problems: DataProblem[] = [];
  for (const type of ENTITY_TYPES) {
    const seen = new Set<string>();
    for (const record of data[type]) {
      if (seen.has(record.slug)) {
        problems.push({ file: ENTITY_FILES[type].file, record: record.slug, field: 'slug', message: `duplicate slug: another ${type} already has it` });
      }
      seen.add(record.slug);
    }
  }
  const lookup = datasetLookup(data, skip);
  const meetingDate = derivedMeetingDates(data.Meeting, lookup);
  for (const type of ENTITY_TYPES) {
    for (const record of data[type] as AnyRecord[]) {
      const found = recordProblems(type, record, lookup);
      if (type === 'Meeting' && found.length === 0) {
        const problem = storedDateProblem(record as RecordOf['Meeting'], meetingDate(record.slug));
        if (problem) found.push(problem);
      }
      for (const problem of found) problems.push({ file: ENTITY_FILES[type].file, record: record.slug, ...problem });
    }
  }
  for (const source of data.Source) {
    const text = source.textFile === null ? undefined : data.texts.get(source.slug);
    const problem = text === undefined ? null : sourceTextProblem(text);
    if (problem) problems.push({ file: source.textFile!, record: source.slug, message: `the text ${problem}` });
  }
  const isoCodes = new Map<string, string>();
  for (const country of data.Country) {
    const other = isoCodes.get(country.isoCode);
    if (other) problems.push({ file: 'countries.json', record: country.slug, field: 'isoCode', message: `duplicate ISO code ${country.isoCode}: Country ${JSON.stringify(other)} has it too` });
    isoCodes.set(country.isoCode, country.slug);
  }
  return problems;
}

function abbreviate(text: string): string {
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
