import { chronologicalKey, compareTenuresByRecency, overlaps } from '../../src/domain/fuzzy-date';
import type { FuzzyDateRecord, TenureRecord } from '../../src/store/contract/records';

const day = (date: string): FuzzyDateRecord => ({ label: date, earliest: date, latest: date, precision: 'DAY' });
const month = (earliest: string, latest: string): FuzzyDateRecord => ({ label: `${earliest}..${latest}`, earliest, latest, precision: 'MONTH' });
const onOrBefore = (latest: string): FuzzyDateRecord => ({ label: `on or before ${latest}`, earliest: null, latest, precision: 'ON_OR_BEFORE' });
const onOrAfter = (earliest: string): FuzzyDateRecord => ({ label: `on or after ${earliest}`, earliest, latest: null, precision: 'ON_OR_AFTER' });
const unknown: FuzzyDateRecord = { label: 'date unknown', earliest: null, latest: null, precision: 'UNKNOWN' };

const tenure = (slug: string, start: FuzzyDateRecord | null, end: FuzzyDateRecord | null): TenureRecord => ({
  slug,
  person: 'kairat-umarov',
  office: 'kazakhstan-first-deputy-foreign-minister',
  start,
  end,
  citations: [{ source: 'urdupoint-2023-04-30-kazakhstan-us-strategic-cooperation', quote: 'Minister Kairat Umarov' }],
});

describe('overlaps', () => {
  test('holds for a day inside a closed window, bounds included', () => {
    expect([
      overlaps(day('2023-02-15'), '2023-02-01', '2023-02-28'),
      overlaps(day('2023-02-01'), '2023-02-01', '2023-02-28'),
      overlaps(day('2023-02-28'), '2023-02-01', '2023-02-28'),
    ]).toEqual([true, true, true]);
  });

  test('fails for a day just outside a closed window', () => {
    expect([overlaps(day('2023-01-31'), '2023-02-01', '2023-02-28'), overlaps(day('2023-03-01'), '2023-02-01', '2023-02-28')]).toEqual([false, false]);
  });

  test('holds when the date range and the window share a single day', () => {
    expect([overlaps(month('2023-02-01', '2023-02-28'), '2023-02-28', '2023-03-31'), overlaps(month('2023-02-01', '2023-02-28'), '2023-01-01', '2023-02-01')]).toEqual([
      true,
      true,
    ]);
  });

  test('treats a null from as open on the left', () => {
    expect([overlaps(day('1900-01-01'), null, '2023-02-28'), overlaps(day('2023-03-01'), null, '2023-02-28')]).toEqual([true, false]);
  });

  test('treats a null to as open on the right', () => {
    expect([overlaps(day('2999-12-31'), '2023-02-01', null), overlaps(day('2023-01-31'), '2023-02-01', null)]).toEqual([true, false]);
  });

  test('holds for any date when both ends of the window are open', () => {
    expect(overlaps(day('2023-02-15'), null, null)).toBe(true);
  });

  test('treats an unknown earliest day as open to the past', () => {
    expect([overlaps(onOrBefore('2023-04-30'), '2023-01-01', '2023-01-31'), overlaps(onOrBefore('2023-04-30'), '2023-05-01', null)]).toEqual([true, false]);
  });

  test('treats an unknown latest day as open to the future', () => {
    expect([overlaps(onOrAfter('2023-04-30'), '2030-01-01', '2030-01-31'), overlaps(onOrAfter('2023-04-30'), null, '2023-04-29')]).toEqual([true, false]);
  });

  test('holds for an unknown date whatever the window', () => {
    expect(overlaps(unknown, '2023-01-01', '2023-01-01')).toBe(true);
  });
});

describe('compareTenuresByRecency', () => {
  test('puts an open tenure before a closed one that started later', () => {
    const open = tenure('open', day('2020-01-01'), null);
    const closed = tenure('closed', day('2023-01-01'), day('2023-06-30'));
    expect([compareTenuresByRecency(open, closed), compareTenuresByRecency(closed, open)]).toEqual([-1, 1]);
  });

  test('puts the later start first, reading the latest bound of a fuzzy start', () => {
    const february = tenure('february', month('2023-02-01', '2023-02-28'), null);
    const midFebruary = tenure('mid-february', day('2023-02-15'), null);
    expect(compareTenuresByRecency(february, midFebruary)).toBe(-1);
  });

  test('falls back to the earliest bound of a start with no latest bound', () => {
    const onOrAfterMarch = tenure('a', onOrAfter('2023-03-01'), null);
    const february = tenure('b', day('2023-02-15'), null);
    expect(compareTenuresByRecency(onOrAfterMarch, february)).toBe(-1);
  });

  test('breaks ties by slug and finds a tenure equal to itself', () => {
    const a = tenure('a', day('2023-01-01'), null);
    const b = tenure('b', day('2023-01-01'), null);
    expect([compareTenuresByRecency(a, b), compareTenuresByRecency(b, a), compareTenuresByRecency(a, a)]).toEqual([-1, 1, 0]);
  });

  test('sorts open tenures newest first, then unknown starts, then closed tenures', () => {
    const tenures = [
      tenure('closed', day('2024-01-01'), day('2024-06-30')),
      tenure('unknown-start', null, null),
      tenure('old', day('2010-05-01'), null),
      tenure('new', onOrBefore('2023-04-30'), null),
    ];
    expect([...tenures].sort(compareTenuresByRecency).map((t) => t.slug)).toEqual(['new', 'old', 'unknown-start', 'closed']);
  });
});

describe('chronologicalKey', () => {
  test('keys a day by itself twice', () => {
    expect(chronologicalKey(day('2023-02-21'))).toEqual(['2023-02-21', '2023-02-21']);
  });

  test('keys a range by its earliest, then its latest day', () => {
    expect(chronologicalKey(month('2023-02-01', '2023-02-28'))).toEqual(['2023-02-01', '2023-02-28']);
  });

  test('keys a date with one known bound by that bound twice', () => {
    expect([chronologicalKey(onOrBefore('2023-04-30')), chronologicalKey(onOrAfter('2023-03-01'))]).toEqual([
      ['2023-04-30', '2023-04-30'],
      ['2023-03-01', '2023-03-01'],
    ]);
  });

  test('keys an unknown date before every known one', () => {
    expect(chronologicalKey(unknown)).toEqual(['', '']);
  });

  test('places a range before a longer range with the same earliest day', () => {
    const keys = [month('2023-02-01', '2023-02-28'), day('2023-02-01'), onOrBefore('2023-01-31')].map(chronologicalKey);
    const sorted = [...keys].sort((a, b) => (a.join() < b.join() ? -1 : a.join() > b.join() ? 1 : 0));
    expect(sorted).toEqual([
      ['2023-01-31', '2023-01-31'],
      ['2023-02-01', '2023-02-01'],
      ['2023-02-01', '2023-02-28'],
    ]);
  });
});
