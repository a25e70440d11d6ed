/** deriveMeetingDate: claims intersected, relations and wholes applied, each bound with the statements that set it, conflicts kept. */
import { dateClaimsOf, deriveMeetingDate, describeRange, meetingDateConflict, type MeetingDateLookup } from '../../src/domain/meeting-date';
import type { SourceKind } from '../../src/domain/vocabularies';
import type { CitationRecord, DateClaimRecord, FuzzyDateRecord, MeetingRecord } from '../../src/store/contract/records';

const lateFebruary: FuzzyDateRecord = { label: 'late February 2023', earliest: '2023-02-21', latest: '2023-02-28', precision: 'PART_OF_MONTH' };
const february28: FuzzyDateRecord = { label: 'Tuesday 28 February', earliest: '2023-02-28', latest: '2023-02-28', precision: 'DAY' };
const march1: FuzzyDateRecord = { label: '1 March 2023', earliest: '2023-03-01', latest: '2023-03-01', precision: 'DAY' };
const onOrBeforeApril30: FuzzyDateRecord = { label: 'on or before 30 April 2023', earliest: null, latest: '2023-04-30', precision: 'ON_OR_BEFORE' };

const cite = (source: string, quote = 'a quote of it'): CitationRecord => ({ source, quote });
const seed = [cite('article', 'In late February, Blinken attended')];
const report = [cite('report', 'on Tuesday 28 February')];

type Dated = Pick<MeetingRecord, 'date' | 'dateClaims' | 'relations' | 'partOf' | 'citations'>;
const meeting = (fields: Partial<Dated>): Dated => ({ date: lateFebruary, partOf: null, citations: seed, ...fields });

const KINDS: Record<string, SourceKind> = { article: 'NEWS_ARTICLE', report: 'NEWS_ARTICLE', ministry: 'OFFICIAL_STATEMENT', other: 'NEWS_ARTICLE' };
function lookup(meetings: Record<string, FuzzyDateRecord> = {}): MeetingDateLookup {
  return { meeting: (slug) => (meetings[slug] ? { date: meetings[slug] } : undefined), sourceKind: (slug) => KINDS[slug] };
}

describe('claims', () => {
  test('a meeting without claims has one: its date, cited by its citations; alone, it is the date', () => {
    const m = meeting({});
    expect(dateClaimsOf(m)).toEqual([{ date: lateFebruary, citations: seed }]);
    expect(deriveMeetingDate(m, lookup())).toEqual({
      date: lateFebruary,
      earliestBy: [{ kind: 'CLAIM', claim: { date: lateFebruary, citations: seed } }],
      latestBy: [{ kind: 'CLAIM', claim: { date: lateFebruary, citations: seed } }],
      conflict: null,
    });
  });

  test('two sources narrow to their intersection: the day, each bound with the sources that set it', () => {
    const claims: DateClaimRecord[] = [
      { date: lateFebruary, citations: seed },
      { date: february28, citations: report },
    ];
    const derived = deriveMeetingDate(meeting({ dateClaims: claims }), lookup());
    // The result is the report's claim: its own words label it.
    expect(derived.date).toEqual(february28);
    expect(derived.earliestBy).toEqual([{ kind: 'CLAIM', claim: claims[1] }]);
    expect(derived.latestBy).toEqual([
      { kind: 'CLAIM', claim: claims[0] },
      { kind: 'CLAIM', claim: claims[1] },
    ]);
    expect(derived.conflict).toBeNull();
  });

  test('an intersection no claim states is labelled and given its precision', () => {
    const claims: DateClaimRecord[] = [
      { date: { label: 'February 2023', earliest: '2023-02-01', latest: '2023-02-28', precision: 'MONTH' }, citations: seed },
      { date: { label: 'in the week of 20 February', earliest: '2023-02-20', latest: '2023-02-26', precision: 'DAY_RANGE' }, citations: report },
      { date: { label: 'after 22 February', earliest: '2023-02-23', latest: null, precision: 'ON_OR_AFTER' }, citations: [cite('other')] },
    ];
    expect(deriveMeetingDate(meeting({ dateClaims: claims }), lookup()).date).toEqual({
      label: 'between 23 and 26 February 2023',
      earliest: '2023-02-23',
      latest: '2023-02-26',
      precision: 'DAY_RANGE',
    });
  });

  test('claims that share no day are a conflict: nothing is overwritten, the preferred claim is the date', () => {
    const news = { date: february28, citations: report };
    const official = { date: march1, citations: [cite('ministry')] };
    const m = meeting({ dateClaims: [news, official] });
    const derived = deriveMeetingDate(m, lookup());
    // An official statement is preferred over a news report.
    expect(derived.date).toEqual(march1);
    expect(derived.earliestBy).toEqual([{ kind: 'CLAIM', claim: official }]);
    expect(derived.conflict).toEqual({
      claims: [
        { claim: news, preferred: false, applied: false },
        { claim: official, preferred: true, applied: true },
      ],
      ignored: [],
    });
    expect(meetingDateConflict(m, lookup())).toEqual(derived.conflict);
  });

  test('between news reports, more sources win, then the more specific claim', () => {
    const two = { date: march1, citations: [cite('article'), cite('other')] };
    const one = { date: february28, citations: report };
    expect(deriveMeetingDate(meeting({ dateClaims: [one, two] }), lookup()).date).toEqual(march1);
    const open = { date: { label: 'on or after 1 March 2023', earliest: '2023-03-01', latest: null, precision: 'ON_OR_AFTER' as const }, citations: [cite('article')] };
    const day = { date: february28, citations: report };
    expect(deriveMeetingDate(meeting({ dateClaims: [open, day] }), lookup()).date).toEqual(february28);
  });

  test('with three claims, those that agree with the preferred one still narrow it', () => {
    const month = { date: { label: 'February 2023', earliest: '2023-02-01', latest: '2023-02-28', precision: 'MONTH' as const }, citations: [cite('ministry')] };
    const late = { date: lateFebruary, citations: seed };
    const wrong = { date: march1, citations: report };
    const derived = deriveMeetingDate(meeting({ dateClaims: [wrong, month, late] }), lookup());
    expect(derived.date).toEqual(lateFebruary);
    expect(derived.conflict!.claims.map(({ preferred, applied }) => [preferred, applied])).toEqual([
      [false, false],
      [true, true],
      [false, true],
    ]);
  });
});

describe('relations and wholes', () => {
  const blinkenVisit = lateFebruary;
  const relation = { relation: 'AFTER' as const, meeting: 'blinken-visit', citations: [cite('ministry', 'the outcomes of the recent visit')] };

  test('AFTER bounds the earliest day by the related meeting\'s earliest; the result is labelled as a range', () => {
    const derived = deriveMeetingDate(meeting({ date: onOrBeforeApril30, relations: [relation] }), lookup({ 'blinken-visit': blinkenVisit }));
    expect(derived.date).toEqual({ label: 'between 21 February and 30 April 2023', earliest: '2023-02-21', latest: '2023-04-30', precision: 'DAY_RANGE' });
    expect(derived.earliestBy).toEqual([{ kind: 'RELATION', relation }]);
    expect(derived.latestBy).toEqual([{ kind: 'CLAIM', claim: { date: onOrBeforeApril30, citations: seed } }]);
  });

  test('BEFORE bounds the latest day by the related meeting\'s latest', () => {
    const before = { ...relation, relation: 'BEFORE' as const };
    const unknown: FuzzyDateRecord = { label: 'unknown', earliest: null, latest: null, precision: 'UNKNOWN' };
    const derived = deriveMeetingDate(meeting({ date: unknown, relations: [before] }), lookup({ 'blinken-visit': blinkenVisit }));
    expect(derived.date).toEqual({ label: 'on or before 28 February 2023', earliest: null, latest: '2023-02-28', precision: 'ON_OR_BEFORE' });
    expect(derived.latestBy).toEqual([{ kind: 'RELATION', relation: before }]);
    expect(derived.earliestBy).toEqual([]);
  });

  test('a part lies within its whole', () => {
    const derived = deriveMeetingDate(meeting({ date: onOrBeforeApril30, partOf: 'visit' }), lookup({ visit: { ...lateFebruary, label: 'the visit' } }));
    expect(derived.date).toEqual({ label: 'late February 2023', earliest: '2023-02-21', latest: '2023-02-28', precision: 'PART_OF_MONTH' });
    expect(derived.earliestBy).toEqual([{ kind: 'PART_OF', meeting: 'visit' }]);
    expect(derived.latestBy).toEqual([{ kind: 'PART_OF', meeting: 'visit' }]);
  });

  test('a relation that would leave no day is not applied, and is reported', () => {
    const after = { ...relation, meeting: 'later' };
    const derived = deriveMeetingDate(meeting({ date: february28, relations: [after] }), lookup({ later: march1 }));
    expect(derived.date).toEqual(february28);
    expect(derived.conflict).toEqual({ claims: [{ claim: { date: february28, citations: seed }, preferred: true, applied: true }], ignored: [{ kind: 'RELATION', relation: after }] });
  });

  test('a related meeting not found bounds nothing', () => {
    expect(deriveMeetingDate(meeting({ date: onOrBeforeApril30, relations: [relation], partOf: 'gone' }), lookup()).date).toEqual(onOrBeforeApril30);
  });
});

describe('describeRange', () => {
  test.each([
    ['2023-02-28', '2023-02-28', '28 February 2023', 'DAY'],
    ['2023-02-01', '2023-02-10', 'early February 2023', 'PART_OF_MONTH'],
    ['2023-02-11', '2023-02-20', 'mid February 2023', 'PART_OF_MONTH'],
    ['2024-02-21', '2024-02-29', 'late February 2024', 'PART_OF_MONTH'],
    ['2023-02-01', '2023-02-28', 'February 2023', 'MONTH'],
    ['2023-01-01', '2023-12-31', '2023', 'YEAR'],
    ['2023-02-21', '2023-04-30', 'between 21 February and 30 April 2023', 'DAY_RANGE'],
    ['2022-12-30', '2023-01-02', 'between 30 December 2022 and 2 January 2023', 'DAY_RANGE'],
    [null, '2023-04-30', 'on or before 30 April 2023', 'ON_OR_BEFORE'],
    ['2023-02-21', null, 'on or after 21 February 2023', 'ON_OR_AFTER'],
    [null, null, 'unknown', 'UNKNOWN'],
  ])('%s to %s is "%s" (%s)', (earliest, latest, label, precision) => {
    expect(describeRange(earliest, latest)).toEqual({ label, earliest, latest, precision });
  });
});
