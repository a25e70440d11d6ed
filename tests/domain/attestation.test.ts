import { attest, certaintyOn, compareCandidates, type Attestation } from '../../src/domain/attestation';
import type { FuzzyDateRecord } from '../../src/store/contract/records';

const day = (date: string): FuzzyDateRecord => ({ label: date, earliest: date, latest: date, precision: 'DAY' });
const range = (earliest: string, latest: string): FuzzyDateRecord => ({ label: `${earliest}..${latest}`, earliest, latest, precision: 'DAY_RANGE' });
const onOrBefore = (latest: string): FuzzyDateRecord => ({ label: `on or before ${latest}`, earliest: null, latest, precision: 'ON_OR_BEFORE' });
const onOrAfter = (earliest: string): FuzzyDateRecord => ({ label: `on or after ${earliest}`, earliest, latest: null, precision: 'ON_OR_AFTER' });
const lateFebruary = range('2023-02-21', '2023-02-28');

describe('attest', () => {
  test("a meeting known only to lie in late February attests no day by itself", () => {
    expect(attest({ start: onOrBefore('2023-02-28'), end: null }, [lateFebruary], [])).toEqual({ from: null, until: null, status: 'UNKNOWN' });
  });

  test('with a dated source, the span runs from the latest day of the meeting to the source date', () => {
    expect(attest({ start: onOrBefore('2023-02-28'), end: null }, [lateFebruary, lateFebruary], ['2023-04-30'])).toEqual({
      from: '2023-02-28',
      until: '2023-04-30',
      status: 'STATED_CURRENT',
    });
  });

  test('two meetings: from the latest day of the first to the earliest day of the last', () => {
    expect(attest({ start: null, end: null }, [range('2023-01-01', '2023-01-10'), range('2023-03-01', '2023-03-31')], [null])).toEqual({
      from: '2023-01-10',
      until: '2023-03-01',
      status: 'UNKNOWN',
    });
  });

  test('a stated start and end attest the span between them, and the status is ENDED', () => {
    expect(attest({ start: range('2020-01-01', '2020-01-31'), end: range('2021-06-01', '2021-06-30') }, [], [])).toEqual({
      from: '2020-01-31',
      until: '2021-06-01',
      status: 'ENDED',
    });
  });

  test('a source dated after the earliest possible end does not extend the span', () => {
    expect(attest({ start: day('2020-01-10'), end: onOrAfter('2021-06-01') }, [], ['2021-05-01', '2022-01-01'])).toEqual({
      from: '2020-01-10',
      until: '2021-06-01',
      status: 'ENDED',
    });
    expect(attest({ start: day('2020-01-10'), end: onOrBefore('2021-06-30') }, [], ['2020-05-01'])).toEqual({ from: '2020-01-10', until: '2020-01-10', status: 'ENDED' });
  });

  test('an undated source alone attests nothing', () => {
    expect(attest({ start: onOrBefore('2023-05-12'), end: null }, [], [null])).toEqual({ from: null, until: null, status: 'UNKNOWN' });
  });
});

describe('certaintyOn', () => {
  const open = { start: onOrBefore('2023-02-28'), end: null };
  const attested: Attestation = { from: '2023-02-28', until: '2023-04-30', status: 'STATED_CURRENT' };

  test('attested within the span, bounds included; possible outside it while not excluded', () => {
    expect(['2023-02-27', '2023-02-28', '2023-04-30', '2023-05-01', '2040-01-01'].map((d) => certaintyOn(open, attested, d))).toEqual([
      'POSSIBLE',
      'ATTESTED',
      'ATTESTED',
      'POSSIBLE',
      'POSSIBLE',
    ]);
  });

  test('excluded before the earliest possible start and after the latest possible end', () => {
    const closed = { start: range('2020-01-01', '2020-01-31'), end: range('2021-06-01', '2021-06-30') };
    const span: Attestation = { from: '2020-01-31', until: '2021-06-01', status: 'ENDED' };
    expect(['2019-12-31', '2020-01-01', '2020-01-31', '2021-06-30', '2021-07-01'].map((d) => certaintyOn(closed, span, d))).toEqual([
      null,
      'POSSIBLE',
      'ATTESTED',
      'POSSIBLE',
      null,
    ]);
  });
});

describe('compareCandidates', () => {
  const candidate = (slug: string, certainty: 'ATTESTED' | 'POSSIBLE', until: string | null) => ({
    tenure: { slug },
    certainty,
    attestation: { from: until, until, status: 'UNKNOWN' as const },
  });

  test('attested first, then the latest attested day, then by slug', () => {
    const sorted = [candidate('a', 'POSSIBLE', '2024-01-01'), candidate('b', 'ATTESTED', '2020-01-01'), candidate('c', 'ATTESTED', '2021-01-01'), candidate('d', 'POSSIBLE', null), candidate('e', 'POSSIBLE', '2024-01-01')].sort(
      compareCandidates,
    );
    expect(sorted.map((c) => c.tenure.slug)).toEqual(['c', 'b', 'a', 'e', 'd']);
  });
});
