/**
 * What the sources attest about a tenure: the days on which they show it held, whether
 * they say it ended, and, for a given day, whether it is attested or only possible.
 * Tenures are taken to be continuous: one person holding one office over one span of days.
 * All days are `YYYY-MM-DD` strings.
 */
import type { FuzzyDateRecord, TenureRecord } from '../store/contract/records';

/** Whether the sources say a tenure ended. */
export const TENURE_STATUS_DESCRIPTIONS = {
  ENDED: 'The sources give an end (`end` is set).',
  STATED_CURRENT:
    "No end is given, and a dated source names the person in the office as of its date: current as of that source's date (the latest such is within `attestedFrom`..`attestedUntil`), not necessarily today.",
  UNKNOWN: 'No end is given and no dated source names the person in the office: whether the tenure goes on is not known.',
} as const;
export type TenureStatus = keyof typeof TENURE_STATUS_DESCRIPTIONS;

/** How sure the sources make a candidate holder of an office on a day. */
export const HOLDER_CERTAINTY_DESCRIPTIONS = {
  ATTESTED: "The day lies within the tenure's attested span (`attestedFrom`..`attestedUntil`): the sources show the person in the office on days on or before and on or after it.",
  POSSIBLE: 'The sources do not exclude the day (it is not before the earliest possible start nor after the latest possible end) but do not attest it either, e.g. after the last attested day of a tenure with no stated end.',
} as const;
export type HolderCertainty = keyof typeof HOLDER_CERTAINTY_DESCRIPTIONS;

/** A range of days on some one of which the tenure was certainly held; a null bound is unknown. */
export type HeldSomeDayIn = Pick<FuzzyDateRecord, 'earliest' | 'latest'>;

/** What the sources attest about one tenure. */
export interface Attestation {
  /** The first day of the span on every day of which the tenure was certainly held; null when no day is certain. */
  readonly from: string | null;
  /** The last day of that span; null exactly when `from` is. */
  readonly until: string | null;
  readonly status: TenureStatus;
}

/**
 * What the sources attest about `tenure`, given `meetings` (the dates of the meetings in
 * which its person took part in its office) and `sourceDates` (the publication dates of the
 * sources citing it, null when undated).
 *
 * Each piece of evidence says the tenure was held on some day of a range: the start (the
 * first day held), the end (the last day held), each meeting's date, and each citing
 * source's publication date (a source names people by the offices they hold when it is
 * written). A source date counts only when no end is stated or it is not after the end's
 * earliest possible day: a source written after the end may name the office in retrospect.
 * As the tenure is continuous, it was held on every day from the earliest day some evidence
 * is certainly on or before (the smallest `latest` bound) to the latest day some evidence
 * is certainly on or after (the largest `earliest` bound). When there is no such pair, or
 * it is inverted (e.g. a single meeting known only to lie in late February), no day is
 * certain and both are null.
 */
export function attest(tenure: Pick<TenureRecord, 'start' | 'end'>, meetings: readonly HeldSomeDayIn[], sourceDates: readonly (string | null)[]): Attestation {
  const evidence: HeldSomeDayIn[] = [...meetings];
  if (tenure.start !== null) evidence.push(tenure.start);
  if (tenure.end !== null) evidence.push(tenure.end);
  let dated = false;
  for (const day of sourceDates) {
    if (day === null || (tenure.end !== null && (tenure.end.earliest === null || day > tenure.end.earliest))) continue;
    dated = true;
    evidence.push({ earliest: day, latest: day });
  }
  let from: string | null = null;
  let until: string | null = null;
  for (const { earliest, latest } of evidence) {
    if (latest !== null && (from === null || latest < from)) from = latest;
    if (earliest !== null && (until === null || earliest > until)) until = earliest;
  }
  const certain = from !== null && until !== null && from <= until;
  return {
    from: certain ? from : null,
    until: certain ? until : null,
    status: tenure.end !== null ? 'ENDED' : dated ? 'STATED_CURRENT' : 'UNKNOWN',
  };
}

/**
 * How sure the sources make the tenure on `day`: ATTESTED within its attested span,
 * POSSIBLE when the day is not excluded (not before the start's earliest possible day, not
 * after the end's latest possible day; an unknown bound excludes nothing), null when excluded.
 */
export function certaintyOn(tenure: Pick<TenureRecord, 'start' | 'end'>, attestation: Attestation, day: string): HolderCertainty | null {
  if (attestation.from !== null && attestation.until !== null && attestation.from <= day && day <= attestation.until) return 'ATTESTED';
  const notBegun = tenure.start?.earliest != null && day < tenure.start.earliest;
  const ended = tenure.end?.latest != null && day > tenure.end.latest;
  return notBegun || ended ? null : 'POSSIBLE';
}

/**
 * Orders an office's candidate holders on a day: attested before possible, then the
 * latest attested day first (unattested last), then by tenure slug.
 */
export function compareCandidates(
  a: { certainty: HolderCertainty; attestation: Attestation; tenure: Pick<TenureRecord, 'slug'> },
  b: { certainty: HolderCertainty; attestation: Attestation; tenure: Pick<TenureRecord, 'slug'> },
): number {
  if (a.certainty !== b.certainty) return a.certainty === 'ATTESTED' ? -1 : 1;
  const untilA = a.attestation.until ?? '';
  const untilB = b.attestation.until ?? '';
  if (untilA !== untilB) return untilA < untilB ? 1 : -1;
  return a.tenure.slug < b.tenure.slug ? -1 : a.tenure.slug > b.tenure.slug ? 1 : 0;
}
