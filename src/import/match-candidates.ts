/**
 * The stored records a bundle record may be when no name, alias or title matches exactly:
 * near names (people, places, countries, organizations) and events that look like the
 * same event (meetings). Scores run from 0 to 1; what counts as near, possible and
 * certain is documented in docs/many-sources.md.
 *
 * Names are scored with `nameSimilarity` (a maintained similarity library over
 * transliterated, folded text). Events are scored from what outlets agree on although
 * their titles differ: a compatible kind and dates at most EVENT_DATE_SLACK_DAYS apart
 * are required; then shared participants (weight 4; the share of the shorter list), the same place (1), the same format
 * (1) and shared countries (1), place and format counted only when both records state
 * them. An event is certain at EVENT_CERTAIN with EVENT_MARGIN over the next candidate.
 */
import { daysBetween } from '../domain/calendar-date';
import { overlaps } from '../domain/fuzzy-date';
import { foldText } from '../domain/fold-text';
import { nameSimilarity, NEAR_MATCH_SCORE } from '../domain/name-similarity';
import type { MeetingKind } from '../domain/vocabularies';
import type { EntityType, MeetingRecord, ParticipantRecord, RecordOf } from '../store/contract/records';
import type { MatchCandidate } from './import-problem';
import { namesOf } from './name-index';

export { NEAR_MATCH_SCORE };

/** An event scoring at least this, with no other event scoring EVENT_POSSIBLE, is the same event: merged. */
export const EVENT_CERTAIN = 0.8;
/** An event scoring at least this may be the same event: the import stops and lists it. */
export const EVENT_POSSIBLE = 0.5;

/** The types whose records are matched by near names (offices by title). */
export const NEAR_NAME_TYPES: ReadonlySet<EntityType> = new Set<EntityType>(['Country', 'Place', 'Organization', 'Person', 'Office']);

/**
 * Stored records of `type` whose name, alias or name variant is near one of `names`
 * (score at least NEAR_MATCH_SCORE, but not equal once folded: those are exact matches),
 * best first. `sameScope` narrows the stored records compared (a place's country).
 */
export function nearNameCandidates<T extends EntityType>(
  type: T,
  names: readonly string[],
  stored: readonly RecordOf[T][],
  sameScope: (record: RecordOf[T]) => boolean = () => true,
): MatchCandidate[] {
  const candidates: MatchCandidate[] = [];
  for (const record of stored) {
    if (!sameScope(record)) continue;
    let best: { score: number; name: string; storedName: string } | null = null;
    for (const storedName of namesOf(type, record)) {
      for (const name of names) {
        const score = nameSimilarity(name, storedName);
        if (best === null || score > best.score) best = { score, name, storedName };
      }
    }
    if (best !== null && best.score >= NEAR_MATCH_SCORE) {
      candidates.push({
        slug: record.slug,
        name: namesOf(type, record)[0] ?? record.slug,
        score: round(best.score),
        reasons: [`name ${JSON.stringify(best.name)} is near ${JSON.stringify(best.storedName)}`],
      });
    }
  }
  return candidates.sort((a, b) => b.score - a.score || (a.slug < b.slug ? -1 : 1));
}

/** Kinds an outlet may use for the same event; OTHER goes with every kind. */
const KIND_GROUPS: readonly (readonly MeetingKind[])[] = [
  ['VISIT'],
  ['PHONE_CALL'],
  ['BILATERAL_MEETING', 'TALKS', 'MINISTERIAL', 'SUMMIT', 'BRIEFING', 'CONFERENCE'],
];

/** True when two kinds may name one event. */
export function compatibleKinds(a: MeetingKind, b: MeetingKind): boolean {
  if (a === b || a === 'OTHER' || b === 'OTHER') return true;
  return KIND_GROUPS.some((group) => group.includes(a) && group.includes(b));
}

/** Stored meetings that may be `meeting` (references resolved to slugs), with scores of at least EVENT_POSSIBLE, best first. */
export function eventCandidates(meeting: MeetingRecord, stored: readonly MeetingRecord[]): MatchCandidate[] {
  const candidates: MatchCandidate[] = [];
  for (const other of stored) {
    const scored = eventScore(meeting, other);
    if (scored !== null && scored.score >= EVENT_POSSIBLE) {
      candidates.push({ slug: other.slug, name: other.title, score: round(scored.score), reasons: scored.reasons });
    }
  }
  return candidates.sort((a, b) => b.score - a.score || (a.slug < b.slug ? -1 : 1));
}

/** How far ahead of the next the best event must be to be certain. */
export const EVENT_MARGIN = 0.25;

/** The certain event among candidates (best first): scoring at least EVENT_CERTAIN and EVENT_MARGIN ahead of the next; else null. */
export function certainEvent(candidates: readonly MatchCandidate[]): MatchCandidate | null {
  const [best, second] = candidates;
  return best !== undefined && best.score >= EVENT_CERTAIN && (second === undefined || best.score - second.score >= EVENT_MARGIN) ? best : null;
}

/** Dates this many days apart (ranges that do not intersect) may still be one event that a source misdates. */
export const EVENT_DATE_SLACK_DAYS = 7;

/**
 * How alike two meetings are, or null when they cannot be one event (kinds incompatible,
 * dates more than EVENT_DATE_SLACK_DAYS apart). Dates that do not intersect keep the
 * score below EVENT_CERTAIN: the sources disagree, so the bundle must say which event it is.
 */
function eventScore(a: MeetingRecord, b: MeetingRecord): { score: number; reasons: string[] } | null {
  if (!compatibleKinds(a.kind, b.kind)) return null;
  const apart = daysApart(a.date, b.date);
  if (apart > EVENT_DATE_SLACK_DAYS) return null;
  const reasons = [
    a.kind === b.kind ? `same kind ${a.kind}` : `compatible kinds ${a.kind} and ${b.kind}`,
    apart === 0 ? `dates overlap (${a.date.label}; ${b.date.label})` : `dates ${apart} day${apart === 1 ? '' : 's'} apart (${a.date.label}; ${b.date.label})`,
  ];
  let weighted = 0;
  let weights = 0;
  const signal = (weight: number, value: number, reason: string) => {
    weighted += weight * value;
    weights += weight;
    reasons.push(reason);
  };
  // Shared among the fewer: a report that names two of six ministers names no one the other does not.
  const shared = sharedParticipants(a.participants, b.participants);
  const fewer = Math.min(a.participants.length, b.participants.length);
  signal(4, fewer === 0 ? 0 : shared / fewer, `${shared} of ${fewer} participants shared`);
  if (a.location !== null && b.location !== null) signal(1, a.location === b.location ? 1 : 0, a.location === b.location ? 'same place' : 'different places');
  if (a.format !== null && b.format !== null) signal(1, a.format === b.format ? 1 : 0, a.format === b.format ? 'same format' : 'different formats');
  const countries = jaccard(new Set(a.countries), new Set(b.countries));
  signal(1, countries, `countries ${Math.round(countries * 100)}% shared`);
  const score = weighted / weights;
  return { score: apart === 0 ? score : Math.min(score, EVENT_CERTAIN - 0.001), reasons };
}

/** Days between two date ranges: 0 when they may share a day (an open bound reaches every day). */
function daysApart(a: MeetingRecord['date'], b: MeetingRecord['date']): number {
  if (overlaps(a, b.earliest, b.latest)) return 0;
  if (a.latest !== null && b.earliest !== null && a.latest < b.earliest) return daysBetween(a.latest, b.earliest);
  return daysBetween(b.latest!, a.earliest!);
}

type ParticipantIdentity = Pick<ParticipantRecord, 'person' | 'office' | 'organization' | 'label' | 'country'>;

/**
 * True when two reports' participants are one: the same person; or, when either names no
 * person, the same office for the same country ("the Foreign Minister" and the minister
 * by name), else the same organization, else the same words.
 */
export function sameParticipant(a: ParticipantIdentity, b: ParticipantIdentity): boolean {
  if (a.person !== null && b.person !== null) return a.person === b.person;
  if (a.office !== null || b.office !== null) return a.office === b.office && a.country === b.country;
  if (a.organization !== null || b.organization !== null) return a.organization === b.organization;
  return a.label !== null && b.label !== null && foldText(a.label) === foldText(b.label) && a.country === b.country;
}

/** How many participants of `a` are participants of `b`, each paired once. */
function sharedParticipants(a: readonly ParticipantIdentity[], b: readonly ParticipantIdentity[]): number {
  const free = [...b];
  let shared = 0;
  for (const participant of a) {
    const index = free.findIndex((other) => sameParticipant(participant, other));
    if (index === -1) continue;
    free.splice(index, 1);
    shared += 1;
  }
  return shared;
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const union = new Set([...a, ...b]).size;
  if (union === 0) return 0;
  return [...a].filter((item) => b.has(item)).length / union;
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}
