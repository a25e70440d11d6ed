/**
 * Scores a drafted bundle against what an analyst reads in a report (bench/draft/expected/*.json):
 * true positives, false positives and false negatives for people, organizations, places, dates
 * (exact bounds) and meetings (kind, date and participants), by the rules of bench/draft/README.md.
 * Pure: no files, no clock; `npm run bench:draft` (bench/draft.ts) feeds it, tests/draft/score.test.ts
 * checks it on hand-made drafts.
 */
import { z } from 'zod';
import { foldedWords } from '../../src/domain/fold-text';
import { MEETING_KINDS } from '../../src/domain/vocabularies';
import type { BundleInput } from '../../src/import/bundle';

/** A named entity as the report gives it: its name, other forms of it in the text, and the stored record it is. */
export interface ExpectedEntity {
  name: string;
  stored: string | null;
  also?: string[];
}

/** A date's bounds as ISO days; `null` is an open bound. */
export interface DateBounds {
  earliest: string | null;
  latest: string | null;
}

/** A meeting the report states: its named participants (names of `people`), its date, and its kind where the text fixes it. */
export interface ExpectedMeeting {
  kind?: string;
  participants: string[];
  date: DateBounds;
}

/** One expected file. */
export interface ExpectedReport {
  publishedOn: string;
  title: string;
  expected: {
    people: ExpectedEntity[];
    organizations: ExpectedEntity[];
    places: ExpectedEntity[];
    dates: DateBounds[];
    meetings: ExpectedMeeting[];
  };
}

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be an ISO day (YYYY-MM-DD)');
const entity = z.object({ name: z.string().min(1), stored: z.string().min(1).nullable(), also: z.array(z.string().min(1)).optional() }).strict();
const bounds = z.object({ earliest: isoDay.nullable(), latest: isoDay.nullable() }).strict();
const expectedReport = z
  .object({
    publishedOn: isoDay,
    title: z.string().min(1),
    expected: z
      .object({
        people: z.array(entity),
        organizations: z.array(entity),
        places: z.array(entity),
        dates: z.array(bounds),
        meetings: z.array(z.object({ kind: z.enum(MEETING_KINDS).optional(), participants: z.array(z.string().min(1)).min(1), date: bounds }).strict()),
      })
      .strict(),
  })
  .strict();

/**
 * Reads one expected file's JSON: its shape, every participant a name of `people`, and `dates`
 * the meetings' dates in order. Throws an Error naming `file` and every problem.
 */
export function parseExpectedReport(json: unknown, file: string): ExpectedReport {
  const parsed = expectedReport.safeParse(json);
  if (!parsed.success) {
    throw new Error(`${file}: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ')}`);
  }
  const report = parsed.data as ExpectedReport;
  const problems: string[] = [];
  const names = new Set(report.expected.people.map((person) => person.name));
  report.expected.meetings.forEach((meeting, index) => {
    for (const participant of meeting.participants) {
      if (!names.has(participant)) problems.push(`meetings.${index}: participant "${participant}" is not one of people`);
    }
  });
  const meetingDates = report.expected.meetings.map((meeting) => meeting.date);
  if (meetingDates.length !== report.expected.dates.length || meetingDates.some((date, index) => !sameBounds(date, report.expected.dates[index]!))) {
    problems.push('dates must be the meetings\' dates, one per meeting in the same order');
  }
  if (problems.length > 0) throw new Error(`${file}: ${problems.join('; ')}`);
  return report;
}

/** A drafted record with a name: the fields of a bundle's person, organization or place that the scoring reads. */
export interface DraftedEntity {
  name: string;
  slug?: string | null;
  sameAs?: string | null;
}

/** The parts of a drafted bundle that the scoring reads; a `BundleInput` is one. */
export interface DraftedBundle {
  people?: readonly DraftedEntity[];
  organizations?: readonly DraftedEntity[];
  places?: readonly DraftedEntity[];
  meetings?: readonly {
    kind: string;
    date: { earliest?: string | null; latest?: string | null };
    participants: readonly { person?: string | null }[];
  }[];
}

// A drafted bundle is scored as it is: the draft's type must stay readable as a DraftedBundle.
const bundleIsDrafted: (bundle: BundleInput) => DraftedBundle = (bundle) => bundle;
void bundleIsDrafted;

/** A stored person, for drafted participants that name one by slug. */
export interface StoredPerson {
  slug: string;
  name: string;
}

/** The categories scored, in the order they are printed. */
export const CATEGORIES = ['people', 'organizations', 'places', 'dates', 'meetings'] as const;
export type Category = (typeof CATEGORIES)[number];

/** True positives, false positives and false negatives of one category. */
export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

/** One category's counts in one report, with what was missed and what was drafted in excess (for reading a run). */
export interface CategoryScore extends Counts {
  missed: string[];
  extra: string[];
}

export type ReportScore = Record<Category, CategoryScore>;

/** Folds a name for comparison: case, accents, punctuation and spacing do not count. */
export function foldName(name: string): string {
  return foldedWords(name).join(' ');
}

/**
 * Whether a drafted entity is the expected one. A drafted record that claims a stored one (`sameAs`)
 * is it only when that is the expected stored record: a wrong claim would merge into the wrong record,
 * whatever the name. Otherwise the folded names must be equal (the expected name or one of `also`).
 */
export function entityMatches(drafted: DraftedEntity, expected: ExpectedEntity): boolean {
  if (drafted.sameAs) return drafted.sameAs === expected.stored;
  const name = foldName(drafted.name);
  return [expected.name, ...(expected.also ?? [])].some((form) => foldName(form) === name);
}

/**
 * The largest one-to-one matching of `left` to `right` under `matches` (augmenting paths): the
 * pairs as [leftIndex, rightIndex]. Sets here are small (a report's names, a meeting's participants).
 */
export function maximumMatching<L, R>(left: readonly L[], right: readonly R[], matches: (l: L, r: R) => boolean): [number, number][] {
  const edges = left.map((l) => right.flatMap((r, index) => (matches(l, r) ? [index] : [])));
  const rightTo: (number | undefined)[] = new Array(right.length).fill(undefined);
  const augment = (l: number, seen: boolean[]): boolean => {
    for (const r of edges[l]!) {
      if (seen[r]) continue;
      seen[r] = true;
      if (rightTo[r] === undefined || augment(rightTo[r]!, seen)) {
        rightTo[r] = l;
        return true;
      }
    }
    return false;
  };
  left.forEach((_, l) => augment(l, new Array(right.length).fill(false)));
  return rightTo.flatMap((l, r) => (l === undefined ? [] : [[l, r] as [number, number]]));
}

/** Scores drafted items against expected ones under `matches`, naming the unmatched ones by `label`. */
function scoreItems<D, E>(drafted: readonly D[], expected: readonly E[], matches: (d: D, e: E) => boolean, labelDrafted: (d: D) => string, labelExpected: (e: E) => string): CategoryScore {
  const pairs = maximumMatching(drafted, expected, matches);
  const matchedDrafted = new Set(pairs.map(([d]) => d));
  const matchedExpected = new Set(pairs.map(([, e]) => e));
  return {
    tp: pairs.length,
    fp: drafted.length - pairs.length,
    fn: expected.length - pairs.length,
    missed: expected.flatMap((item, index) => (matchedExpected.has(index) ? [] : [labelExpected(item)])),
    extra: drafted.flatMap((item, index) => (matchedDrafted.has(index) ? [] : [labelDrafted(item)])),
  };
}

function sameBounds(a: { earliest?: string | null; latest?: string | null }, b: { earliest?: string | null; latest?: string | null }): boolean {
  return (a.earliest ?? null) === (b.earliest ?? null) && (a.latest ?? null) === (b.latest ?? null);
}

function boundsLabel(date: { earliest?: string | null; latest?: string | null }): string {
  return `${date.earliest ?? '…'}..${date.latest ?? '…'}`;
}

/** A drafted meeting as scored: its kind, date and participants resolved to people. */
interface ResolvedMeeting {
  kind: string;
  date: DateBounds;
  participants: DraftedEntity[];
}

/**
 * The person a drafted participant names: the drafted person of that name or slug (exact, then
 * folded name), else the stored person of that slug, else an unknown person of that name.
 */
function resolveParticipant(reference: string, people: readonly DraftedEntity[], stored: ReadonlyMap<string, StoredPerson>): DraftedEntity {
  const drafted =
    people.find((person) => person.name === reference || (person.slug ?? null) === reference) ?? people.find((person) => foldName(person.name) === foldName(reference));
  if (drafted) return drafted;
  const record = stored.get(reference);
  if (record) return { name: record.name, sameAs: record.slug };
  return { name: reference };
}

/** A drafted participant's identity, to count one person once in a meeting. */
function personKey(person: DraftedEntity): string {
  return person.sameAs ? `stored:${person.sameAs}` : `name:${foldName(person.name)}`;
}

/** Whether a meeting is scored: at least two named participants, or a visit of one named person. */
function isScoredMeeting(kind: string | undefined, participantCount: number): boolean {
  return participantCount >= 2 || (kind === 'VISIT' && participantCount >= 1);
}

/** Whether two participant lists are the same people: a one-to-one matching that covers both. */
function sameParticipants(drafted: readonly DraftedEntity[], expected: readonly ExpectedEntity[]): boolean {
  if (drafted.length !== expected.length) return false;
  return maximumMatching(drafted, expected, entityMatches).length === expected.length;
}

/** Scores one drafted bundle against one report's expected items. `storedPeople`: the stored people, for participants named by slug. */
export function scoreDraft(bundle: DraftedBundle, report: ExpectedReport, storedPeople: readonly StoredPerson[]): ReportScore {
  const { expected } = report;
  const stored = new Map(storedPeople.map((person) => [person.slug, person]));
  const people = bundle.people ?? [];
  const name = (item: DraftedEntity) => (item.sameAs ? `${item.name} (${item.sameAs})` : item.name);
  const expectedName = (item: ExpectedEntity) => (item.stored ? `${item.name} (${item.stored})` : item.name);

  const resolved: ResolvedMeeting[] = (bundle.meetings ?? []).flatMap((meeting) => {
    const participants = new Map<string, DraftedEntity>();
    for (const participant of meeting.participants) {
      if (!participant.person) continue;
      const person = resolveParticipant(participant.person, people, stored);
      participants.set(personKey(person), person);
    }
    if (!isScoredMeeting(meeting.kind, participants.size)) return [];
    return [{ kind: meeting.kind, date: { earliest: meeting.date.earliest ?? null, latest: meeting.date.latest ?? null }, participants: [...participants.values()] }];
  });
  const byName = new Map(expected.people.map((person) => [person.name, person]));
  const expectedMeetings = expected.meetings.map((meeting) => ({ ...meeting, people: meeting.participants.map((participant) => byName.get(participant) ?? { name: participant, stored: null }) }));

  const meetingLabel = (kind: string | undefined, participants: string[], date: DateBounds) => `${kind ?? 'any kind'} ${boundsLabel(date)}: ${participants.join(', ')}`;
  return {
    people: scoreItems(people, expected.people, entityMatches, name, expectedName),
    organizations: scoreItems(bundle.organizations ?? [], expected.organizations, entityMatches, name, expectedName),
    places: scoreItems(bundle.places ?? [], expected.places, entityMatches, name, expectedName),
    dates: scoreItems(
      resolved.map((meeting) => meeting.date),
      expected.dates,
      sameBounds,
      boundsLabel,
      boundsLabel,
    ),
    meetings: scoreItems(
      resolved,
      expectedMeetings,
      (drafted, wanted) => (wanted.kind === undefined || wanted.kind === drafted.kind) && sameBounds(drafted.date, wanted.date) && sameParticipants(drafted.participants, wanted.people),
      (meeting) => meetingLabel(meeting.kind, meeting.participants.map(name), meeting.date),
      (meeting) => meetingLabel(meeting.kind, meeting.participants, meeting.date),
    ),
  };
}

/** Adds up the counts of several reports, per category (micro-averaging). */
export function totalCounts(scores: readonly ReportScore[]): Record<Category, Counts> {
  const totals = Object.fromEntries(CATEGORIES.map((category) => [category, { tp: 0, fp: 0, fn: 0 }])) as Record<Category, Counts>;
  for (const score of scores) {
    for (const category of CATEGORIES) {
      totals[category].tp += score[category].tp;
      totals[category].fp += score[category].fp;
      totals[category].fn += score[category].fn;
    }
  }
  return totals;
}

/** TP / (TP + FP); with nothing drafted, 1 when nothing was expected either, else 0. */
export function precision(counts: Counts): number {
  if (counts.tp + counts.fp === 0) return counts.fn === 0 ? 1 : 0;
  return counts.tp / (counts.tp + counts.fp);
}

/** TP / (TP + FN); 1 when nothing was expected. */
export function recall(counts: Counts): number {
  if (counts.tp + counts.fn === 0) return 1;
  return counts.tp / (counts.tp + counts.fn);
}

/** A target of issue #15: a category's precision or recall at least `min`. */
export interface Target {
  category: Category;
  measure: 'precision' | 'recall';
  min: number;
}

/** The targets of issue #15 on the labelled set (organizations are measured without one). */
export const TARGETS: readonly Target[] = [
  { category: 'people', measure: 'precision', min: 0.9 },
  { category: 'people', measure: 'recall', min: 0.9 },
  { category: 'places', measure: 'precision', min: 0.9 },
  { category: 'places', measure: 'recall', min: 0.9 },
  { category: 'dates', measure: 'precision', min: 0.8 },
  { category: 'dates', measure: 'recall', min: 0.8 },
  { category: 'meetings', measure: 'precision', min: 0.8 },
  { category: 'meetings', measure: 'recall', min: 0.7 },
];

/** The time target: drafting the ~1,000-word report in under this many milliseconds. */
export const LONG_REPORT_TARGET_MS = 1000;

/** Each target with the measured value and whether it is met. */
export function checkTargets(totals: Record<Category, Counts>): (Target & { value: number; met: boolean })[] {
  return TARGETS.map((target) => {
    const value = target.measure === 'precision' ? precision(totals[target.category]) : recall(totals[target.category]);
    return { ...target, value, met: value >= target.min };
  });
}
