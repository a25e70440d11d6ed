/**
 * What a second report adds to a record the store already holds: its citations, the
 * names it uses, the participants, topics and outcomes it reports, its claim of a
 * meeting's date and the relations it states, the values the stored record lacks, and, where it states a different value, a claim beside the stored one
 * (a conflict) instead of an overwrite. Pure: the result is the patch of a store update,
 * empty when the report adds nothing (importing the same bundle twice writes nothing).
 *
 * A disputed field keeps every claim with its citations and shows the preferred one by
 * the rule of `domain/preferred-claim.ts`.
 */
import { foldText } from '../domain/fold-text';
import { nameKey } from './name-index';
import { claimSupport, preferredClaimIndex } from '../domain/preferred-claim';
import type { SourceKind } from '../domain/vocabularies';
import { dateClaimsOf, dateSpecificity, narrowDates } from '../domain/meeting-date';
import type { CitationRecord, ClaimRecord, DateClaimRecord, EntityType, FuzzyDateRecord, MeetingRecord, MeetingRelationRecord, OutcomeRecord, ParticipantRecord, RecordOf } from '../store/contract/records';
import { claimedDateKey } from '../store/contract/validate';
import { sameParticipant } from './match-candidates';

type AnyRecord = RecordOf[EntityType];

/** What merging needs to know besides the two records. */
export interface MergeContext {
  /** A source's kind, for the preferred-claim rule; undefined when unknown. */
  sourceKind(slug: string): SourceKind | undefined;
}

/** The patch that adds `incoming` (the bundle's record, references resolved) to `stored`; empty when nothing is new. */
export function mergePatch(type: EntityType, stored: AnyRecord, incoming: AnyRecord, context: MergeContext): Record<string, unknown> {
  const merged = merge(type, stored as unknown as Fields, incoming as unknown as Fields, context);
  const patch: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(merged)) {
    if (JSON.stringify(value) !== JSON.stringify((stored as unknown as Fields)[field])) patch[field] = value;
  }
  return patch;
}

type Fields = Record<string, unknown>;

function merge(type: EntityType, stored: Fields, incoming: Fields, context: MergeContext): Fields {
  const out: Fields = {};
  if (Array.isArray(stored.citations) || Array.isArray(incoming.citations)) {
    out.citations = unionCitations((stored.citations as CitationRecord[] | undefined) ?? [], (incoming.citations as CitationRecord[] | undefined) ?? []);
  }
  if (Array.isArray(stored.aliases)) out.aliases = newNames(stored, incoming);
  // A stored record without names has none written (the field is left out when empty): the report's are added all the same.
  if (Array.isArray(stored.names) || Array.isArray(incoming.names)) {
    const names = unionBy((stored.names as object[] | undefined) ?? [], (incoming.names as object[] | undefined) ?? [], (name) => JSON.stringify(name));
    if (names.length > 0) out.names = names;
  }
  switch (type) {
    case 'Country':
      fillIn(out, stored, incoming, ['isoCode3']);
      break;
    case 'Place':
      fillIn(out, stored, incoming, ['coordinates', 'geonamesId']);
      break;
    case 'Office':
      fillIn(out, stored, incoming, ['organization']);
      break;
    case 'Organization':
      fillIn(out, stored, incoming, ['country', 'parent']);
      out.memberCountries = union(stored.memberCountries as string[], incoming.memberCountries as string[]);
      break;
    case 'Person':
      fillIn(out, stored, incoming, ['country']);
      break;
    case 'Tenure':
      Object.assign(out, disputed(stored, incoming, ['office', 'start', 'end'], stored.citations as CitationRecord[], incoming.citations as CitationRecord[], context, ['start', 'end']));
      break;
    case 'Meeting':
      Object.assign(out, mergeMeeting(stored as unknown as MeetingRecord, incoming as unknown as MeetingRecord, context));
      break;
    default:
      break;
  }
  return out;
}

function mergeMeeting(stored: MeetingRecord, incoming: MeetingRecord, context: MergeContext): Fields {
  const out: Fields = {
    countries: union(stored.countries, incoming.countries),
    participants: mergeParticipants(stored.participants, incoming.participants, context),
    topics: mergeBy(stored.topics, incoming.topics, (topic) => topic.topic),
    outcomes: mergeBy<OutcomeRecord>(stored.outcomes, incoming.outcomes, (outcome) => foldText(outcome.description)),
  };
  fillIn(out, stored as unknown as Fields, incoming as unknown as Fields, ['partOf']);
  // The report's date is one more claim (the store derives `date` from them all); the same date gains its citations.
  // One range is one claim, whatever words state it ("28 February 2023", "28 февраля 2023 года").
  const claims = mergeBy<DateClaimRecord>(dateClaimsOf(stored), dateClaimsOf(incoming), ({ date }) => claimedDateKey(date));
  if (JSON.stringify(claims) !== JSON.stringify(dateClaimsOf(stored))) out.dateClaims = claims;
  const relations = mergeBy<MeetingRelationRecord>(stored.relations ?? [], incoming.relations ?? [], (relation) => `${relation.relation}:${relation.meeting}`);
  if (relations.length > 0) out.relations = relations;
  Object.assign(out, disputed(stored as unknown as Fields, incoming as unknown as Fields, ['kind', 'location', 'format'], stored.citations, incoming.citations, context));
  return out;
}

/** Each reported participant added to the stored one it is (same person, else office, organization or label), or appended. */
function mergeParticipants(stored: readonly ParticipantRecord[], incoming: readonly ParticipantRecord[], context: MergeContext): ParticipantRecord[] {
  const merged = stored.map((participant) => ({ ...participant }));
  for (let reported of incoming) {
    // The same person, or the person a stored participant is known only by office for ("the Foreign Minister").
    const index = merged.findIndex((participant) => sameParticipant(participant, reported));
    if (index === -1) {
      merged.push(reported);
      continue;
    }
    const current = merged[index]!;
    const out: Fields = { citations: unionCitations(current.citations, reported.citations) };
    fillIn(out, current as unknown as Fields, reported as unknown as Fields, ['person', 'office', 'organization', 'label']);
    // PARTICIPANT says no more than "took part": a stated role fills it in and is not disputed by it.
    if (current.role === 'PARTICIPANT' && reported.role !== 'PARTICIPANT') out.role = reported.role;
    if (reported.role === 'PARTICIPANT') reported = { ...reported, role: current.role };
    const filled = { ...current, ...out } as unknown as Fields;
    Object.assign(out, disputed(filled, reported as unknown as Fields, ['office', 'role'], current.citations, reported.citations, context));
    merged[index] = { ...current, ...out } as ParticipantRecord;
  }
  return merged;
}

/**
 * For each field whose reported value differs from the stored one (both stated): the
 * claims of both, each with its citations, and the field set to the preferred claim.
 * `storedSupport` cites the stored value when it has no claims yet (the record's citations).
 * `dates` names the fields that hold a date (a tenure's start and end): their claims carry
 * the date, and one range is one claim whatever its label.
 */
function disputed(
  stored: Fields,
  reported: Fields,
  fields: readonly string[],
  storedSupport: readonly CitationRecord[],
  reportedSupport: readonly CitationRecord[],
  context: MergeContext,
  dates: readonly string[] = [],
): Fields {
  let claims = [...((stored.claims as ClaimRecord[] | undefined) ?? [])];
  const out: Fields = {};
  for (const field of fields) {
    const isDate = dates.includes(field);
    const key = (value: unknown) => (value === null || value === undefined ? null : isDate ? claimedDateKey(value as FuzzyDateRecord) : (value as string));
    const claimOf = (value: unknown, citations: readonly CitationRecord[]): ClaimRecord =>
      isDate ? { field, value: (value as FuzzyDateRecord).label, date: value as FuzzyDateRecord, citations: [...citations] } : { field, value: value as string | null, citations: [...citations] };
    const valueOf = (claim: ClaimRecord) => (isDate ? (claim.date ?? null) : claim.value);
    const ours = stored[field] ?? null;
    const theirs = reported[field] ?? null;
    const alreadyClaimed = claims.some((claim) => claim.field === field);
    if (theirs === null || (key(theirs) === key(ours) && !alreadyClaimed)) continue;
    if (ours === null && !alreadyClaimed) {
      out[field] = theirs; // the stored record did not say: filled in, not disputed
      continue;
    }
    // Dates that may be one narrow to what both allow, as a meeting's date does: "on or before late February 2023" and "26 January 2021".
    const narrowed = isDate && !alreadyClaimed ? narrowDates(ours as FuzzyDateRecord, theirs as FuzzyDateRecord) : null;
    if (narrowed !== null) {
      out[field] = narrowed;
      continue;
    }
    let ofField = claims.filter((claim) => claim.field === field);
    if (ofField.length === 0) ofField = [claimOf(ours, storedSupport)];
    const same = ofField.findIndex((claim) => key(valueOf(claim)) === key(theirs));
    if (same === -1) ofField.push(claimOf(theirs, reportedSupport));
    else ofField[same] = { ...ofField[same]!, citations: unionCitations(ofField[same]!.citations, reportedSupport) };
    const specificity = (claim: ClaimRecord) => (isDate ? dateSpecificity(claim.date!) : (claim.value ?? '').length);
    const preferred = preferredClaimIndex(ofField.map((claim) => claimSupport(claim.citations, context.sourceKind, specificity(claim))));
    out[field] = valueOf(ofField[preferred]!);
    claims = [...claims.filter((claim) => claim.field !== field), ...ofField];
  }
  if (claims.length > 0) out.claims = claims;
  return out;
}

/** Fields the stored record leaves empty (null) and the report states. */
function fillIn(out: Fields, stored: Fields, reported: Fields, fields: readonly string[]): void {
  for (const field of fields) {
    if ((stored[field] ?? null) === null && (reported[field] ?? null) !== null) out[field] = reported[field];
  }
}

/** The report's name and aliases that the stored record does not answer to, added to its aliases (names with a language go to `names`). */
function newNames(stored: Fields, reported: Fields): string[] {
  const withLanguage = [...((stored.names as { value: string }[] | undefined) ?? []), ...((reported.names as { value: string }[] | undefined) ?? [])].map((name) => name.value);
  const known = new Set([stored.name ?? stored.title, ...(stored.aliases as string[]), ...withLanguage].filter((n): n is string => typeof n === 'string').map(nameKey));
  const aliases = [...(stored.aliases as string[])];
  for (const name of [reported.name ?? reported.title, ...((reported.aliases as string[] | undefined) ?? [])]) {
    if (typeof name !== 'string' || known.has(nameKey(name))) continue;
    known.add(nameKey(name));
    aliases.push(name);
  }
  return aliases;
}

/** Items keyed alike get the reported citations; new ones are appended. */
function mergeBy<T extends { citations: CitationRecord[] }>(stored: readonly T[], reported: readonly T[], key: (item: T) => string): T[] {
  const merged = stored.map((item) => ({ ...item }));
  for (const item of reported) {
    const index = merged.findIndex((other) => key(other) === key(item));
    if (index === -1) merged.push(item);
    else merged[index] = { ...merged[index]!, citations: unionCitations(merged[index]!.citations, item.citations) };
  }
  return merged;
}

/** Citations of both, each once (same source, quote and attribution). */
export function unionCitations(a: readonly CitationRecord[], b: readonly CitationRecord[]): CitationRecord[] {
  return unionBy(a, b, (citation) => `${citation.source}\u0000${citation.quote}\u0000${citation.attributedTo ?? ''}`);
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

function unionBy<T>(a: readonly T[], b: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set(a.map(key));
  const out = [...a];
  for (const item of b) {
    const k = key(item);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(item);
    }
  }
  return out;
}
