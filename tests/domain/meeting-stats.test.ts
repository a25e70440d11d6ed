import { daysByMonth } from '../../src/domain/meeting-stats-keys';
import {
  MAX_STATS_GROUPS,
  meetingStats as countTallies,
  StatsRequestError,
  type CountedMeeting,
  type MeetingStatsDimension,
  type StatsReference,
} from '../../src/domain/meeting-stats';

const REFERENCE: StatsReference = {
  countries: new Map([
    ['kazakhstan', { name: 'Kazakhstan', isoCode: 'KZ' }],
    ['united-states', { name: 'United States', isoCode: 'US' }],
    ['kyrgyzstan', { name: 'Kyrgyzstan', isoCode: 'KG' }],
    ['uzbekistan', { name: 'Uzbekistan', isoCode: 'UZ' }],
  ]),
  topics: new Map([
    ['security', { name: 'security', parent: null }],
    ['regional-security', { name: 'regional security', parent: 'security' }],
    ['border-security', { name: 'border security', parent: 'regional-security' }],
    ['energy', { name: 'energy', parent: null }],
  ]),
};

function meeting(fields: { earliest?: string | null; latest?: string | null; countries?: string[]; topics?: string[]; partOf?: string | null; kind?: CountedMeeting['kind']; plover?: CountedMeeting['coding']['ploverCategory'] } = {}): CountedMeeting {
  const earliest = fields.earliest === undefined ? '2023-02-21' : fields.earliest;
  const latest = fields.latest === undefined ? earliest : fields.latest;
  return {
    kind: fields.kind ?? 'BILATERAL_MEETING',
    date: { earliest, latest },
    countries: fields.countries ?? ['kazakhstan', 'united-states'],
    topics: (fields.topics ?? []).map((topic) => ({ topic })),
    partOf: fields.partOf ?? null,
    coding: { ploverCategory: fields.plover ?? 'CONSULT' },
  };
}

/** `meetingStats` of meetings each counted once. */
function meetingStats(meetings: readonly CountedMeeting[], ...rest: Parameters<typeof countTallies> extends [unknown, ...infer R] ? R : never) {
  return countTallies(
    meetings.map((summary) => ({ summary, count: 1 })),
    ...rest,
  );
}

/** The groups as [values, count] pairs, in order. */
function counts(meetings: CountedMeeting[], groupBy: MeetingStatsDimension[], dateCounting: 'CERTAIN' | 'SPLIT' = 'CERTAIN'): [(string | null)[], number][] {
  return meetingStats(meetings, groupBy, dateCounting, REFERENCE).groups.map((group) => [group.keys.map((key) => key.value), group.count]);
}

describe('dates under CERTAIN', () => {
  test('a meeting counts in a month or year only when its earliest and latest days both fall in it', () => {
    const meetings = [
      meeting({ earliest: '2023-02-21', latest: '2023-02-28' }),
      meeting({ earliest: '2023-02-21', latest: '2023-04-30' }),
      meeting({ earliest: '2023-03-05' }),
      meeting({ earliest: null, latest: '2023-03-31' }),
      meeting({ earliest: '2023-12-30', latest: '2024-01-02' }),
    ];
    expect(counts(meetings, ['MONTH'])).toEqual([
      [['2023-02'], 1],
      [['2023-03'], 1],
      [[null], 3],
    ]);
    expect(counts(meetings, ['YEAR'])).toEqual([
      [['2023'], 3],
      [[null], 2],
    ]);
  });

  test('the null key is labelled "uncertain"; months are labelled in words', () => {
    const { groups } = meetingStats([meeting(), meeting({ earliest: null, latest: null })], ['MONTH'], 'CERTAIN', REFERENCE);
    expect(groups.map((group) => group.keys[0]!.label)).toEqual(['February 2023', 'uncertain']);
  });
});

describe('dates under SPLIT', () => {
  test("a meeting's count is divided over the months it spans, in proportion to days", () => {
    // 21 February to 30 April 2023: 8 days in February, 31 in March, 30 in April.
    const groups = counts([meeting({ earliest: '2023-02-21', latest: '2023-04-30' })], ['MONTH'], 'SPLIT');
    expect(groups.map(([keys]) => keys)).toEqual([['2023-02'], ['2023-03'], ['2023-04']]);
    expect(groups.map(([, count]) => count)).toEqual([8 / 69, 31 / 69, 30 / 69].map((share) => Math.round(share * 1e6) / 1e6));
  });

  test('over the years a date spans, and whole in a single month or year', () => {
    const meetings = [meeting({ earliest: '2023-12-25', latest: '2024-01-06' }), meeting({ earliest: '2023-02-01', latest: '2023-02-28' })];
    // 25 December 2023 to 6 January 2024: 7 days in 2023, 6 in 2024.
    const years = counts(meetings, ['YEAR'], 'SPLIT');
    expect(years.map(([keys]) => keys)).toEqual([['2023'], ['2024']]);
    expect(years[0]![1]).toBeCloseTo(1 + 7 / 13, 6);
    expect(years[1]![1]).toBeCloseTo(6 / 13, 6);
    expect(counts(meetings, ['MONTH'], 'SPLIT')[0]).toEqual([['2023-02'], 1]);
  });

  test('a date with an unknown bound counts whole under the null key, labelled "unbounded"', () => {
    const { groups } = meetingStats([meeting({ earliest: '2023-02-21', latest: null }), meeting({ earliest: null, latest: null })], ['MONTH'], 'SPLIT', REFERENCE);
    expect(groups).toEqual([{ keys: [{ dimension: 'MONTH', value: null, label: 'unbounded', entity: null }], count: 2, visits: 0, parts: 0, others: 2 }]);
  });

  test('the shares of every meeting add up to the number of meetings', () => {
    const meetings = [meeting({ earliest: '2020-01-15', latest: '2023-07-02' }), meeting({ earliest: '2023-02-21', latest: '2023-04-30' }), meeting({ earliest: '2024-02-28', latest: '2024-03-01' })];
    const total = counts(meetings, ['MONTH'], 'SPLIT').reduce((sum, [, count]) => sum + count, 0);
    expect(total).toBeCloseTo(3, 4);
  });

  test('daysByMonth counts 29 days in February of a leap year', () => {
    expect([...daysByMonth('2024-02-10', '2024-03-02')]).toEqual([
      ['2024-02', 20],
      ['2024-03', 2],
    ]);
  });
});

describe('countries and pairs', () => {
  test('a meeting counts once under each of its countries, ordered by count then name', () => {
    const meetings = [meeting({ countries: ['kazakhstan', 'united-states', 'kazakhstan'] }), meeting({ countries: ['united-states', 'uzbekistan'] }), meeting({ countries: ['kyrgyzstan'] })];
    const { groups } = meetingStats(meetings, ['COUNTRY'], 'CERTAIN', REFERENCE);
    expect(groups.map((group) => [group.keys[0]!.value, group.keys[0]!.label, group.count])).toEqual([
      ['US', 'United States', 2],
      ['KZ', 'Kazakhstan', 1],
      ['KG', 'Kyrgyzstan', 1],
      ['UZ', 'Uzbekistan', 1],
    ]);
    expect(groups[0]!.keys[0]!.entity).toEqual({ type: 'Country', slug: 'united-states' });
  });

  test('pairs are unordered, named by ISO codes in order; a meeting of one country has none', () => {
    const meetings = [meeting({ countries: ['united-states', 'kazakhstan'] }), meeting({ countries: ['kazakhstan', 'united-states', 'kyrgyzstan'] }), meeting({ countries: ['kazakhstan'] })];
    const { groups } = meetingStats(meetings, ['COUNTRY_PAIR'], 'CERTAIN', REFERENCE);
    expect(groups.map((group) => [group.keys[0]!.value, group.keys[0]!.label, group.count])).toEqual([
      ['KZ-US', 'Kazakhstan – United States', 2],
      ['KG-KZ', 'Kyrgyzstan – Kazakhstan', 1],
      ['KG-US', 'Kyrgyzstan – United States', 1],
      [null, 'no pair', 1],
    ]);
  });
});

describe('topics', () => {
  test('roll up through the tree, once per meeting per topic', () => {
    const meetings = [meeting({ topics: ['border-security', 'regional-security', 'security'] }), meeting({ topics: ['regional-security', 'energy'] }), meeting({ topics: [] })];
    const { groups } = meetingStats(meetings, ['TOPIC'], 'CERTAIN', REFERENCE);
    expect(groups.map((group) => [group.keys[0]!.value, group.keys[0]!.label, group.count])).toEqual([
      ['regional-security', 'regional security', 2],
      ['security', 'security', 2],
      ['border-security', 'border security', 1],
      ['energy', 'energy', 1],
      [null, 'no topic', 1],
    ]);
    expect(groups[0]!.keys[0]!.entity).toEqual({ type: 'Topic', slug: 'regional-security' });
  });
});

describe('visits, parts and others', () => {
  test('each meeting is exactly one of them, in the totals and in every group', () => {
    const meetings = [
      meeting({ kind: 'VISIT' }),
      meeting({ partOf: 'a-visit' }),
      // A visit within another event is a part: counted once, with the event it belongs to.
      meeting({ kind: 'VISIT', partOf: 'a-conference' }),
      meeting({ kind: 'TALKS' }),
      meeting({ kind: 'TALKS', earliest: '2023-03-01' }),
    ];
    const stats = meetingStats(meetings, ['MONTH'], 'CERTAIN', REFERENCE);
    expect({ ...stats, groups: undefined }).toEqual({ total: 5, visits: 1, parts: 2, others: 2, groupCount: 2, groups: undefined });
    expect(stats.groups.map(({ count, visits, parts, others }) => ({ count, visits, parts, others }))).toEqual([
      { count: 4, visits: 1, parts: 2, others: 1 },
      { count: 1, visits: 0, parts: 0, others: 1 },
    ]);
  });

  test('kinds and PLOVER categories are labelled in words', () => {
    const meetings = [meeting({ kind: 'BILATERAL_MEETING' }), meeting({ kind: 'BILATERAL_MEETING', plover: 'AGREE' }), meeting({ kind: 'VISIT' })];
    expect(meetingStats(meetings, ['KIND'], 'CERTAIN', REFERENCE).groups.map((group) => [group.keys[0]!.value, group.keys[0]!.label, group.count])).toEqual([
      ['BILATERAL_MEETING', 'bilateral meeting', 2],
      ['VISIT', 'visit', 1],
    ]);
    expect(counts(meetings, ['PLOVER_CATEGORY'])).toEqual([
      [['CONSULT'], 2],
      [['AGREE'], 1],
    ]);
  });
});

describe('crossed dimensions', () => {
  test('give a group per combination, ordered dates first ascending, then by count in the dimension alone', () => {
    const meetings = [
      meeting({ earliest: '2024-05-01', countries: ['kazakhstan', 'united-states'] }),
      meeting({ earliest: '2023-05-01', countries: ['kazakhstan'] }),
      meeting({ earliest: '2023-06-01', countries: ['united-states', 'kyrgyzstan'] }),
      meeting({ earliest: '2023-06-01', latest: '2024-06-01', countries: ['united-states'] }),
    ];
    expect(counts(meetings, ['YEAR', 'COUNTRY'])).toEqual([
      [['2023', 'US'], 1],
      [['2023', 'KZ'], 1],
      [['2023', 'KG'], 1],
      [['2024', 'US'], 1],
      [['2024', 'KZ'], 1],
      [[null, 'US'], 1],
    ]);
    // Split: a meeting's share in a year goes to each of its countries.
    const split = counts(meetings, ['COUNTRY', 'YEAR'], 'SPLIT');
    expect(split.map(([keys]) => keys)).toEqual([
      ['US', '2023'],
      ['US', '2024'],
      ['KZ', '2023'],
      ['KZ', '2024'],
      ['KG', '2023'],
    ]);
    // 1 June 2023 to 1 June 2024: 214 days in 2023, 153 in 2024.
    expect(split[0]![1]).toBeCloseTo(1 + 214 / 367, 5);
  });

  test('no dimension gives one group of every meeting; no meeting, no group', () => {
    expect(counts([meeting(), meeting()], [])).toEqual([[[], 2]]);
    expect(meetingStats([], ['TOPIC'], 'SPLIT', REFERENCE)).toEqual({ total: 0, visits: 0, parts: 0, others: 0, groupCount: 0, groups: [] });
  });
});

describe('groupings that cannot be answered', () => {
  test.each([
    [['MONTH', 'KIND', 'COUNTRY', 'TOPIC'], '"groupBy" crosses at most 3 dimensions; got 4.'],
    [['KIND', 'KIND'], '"groupBy" names KIND twice.'],
    [['YEAR', 'MONTH'], '"groupBy" takes MONTH or YEAR, not both: a month names its year.'],
  ] as [MeetingStatsDimension[], string][])('%j', (groupBy, message) => {
    expect(() => meetingStats([meeting()], groupBy, 'CERTAIN', REFERENCE)).toThrow(new StatsRequestError(message, 'groupBy'));
  });

  test(`more than ${MAX_STATS_GROUPS} groups without \`first\`; with it, the first ones and how many there are`, () => {
    // 142 countries make 10,011 pairs.
    const countries = Array.from({ length: 142 }, (_, i) => `country-${String(i).padStart(3, '0')}`);
    expect(() => meetingStats([meeting({ countries })], ['COUNTRY_PAIR'], 'CERTAIN', REFERENCE)).toThrow(
      new StatsRequestError('This grouping gives 10011 groups, more than 10000 at once: ask for the first ones (`first`), narrow the filter, or group by fewer dimensions.', 'groupBy'),
    );
    const stats = meetingStats([meeting({ countries }), meeting({ countries: ['country-000', 'country-141'] })], ['COUNTRY_PAIR'], 'CERTAIN', REFERENCE, 2);
    expect(stats.groupCount).toBe(10_011);
    expect(stats.groups.map((group) => [group.keys[0]!.value, group.count])).toEqual([
      ['country-000-country-141', 2],
      ['country-000-country-001', 1],
    ]);
  });

  test.each([-1, 10_001, 1.5])('first: %d', (first) => {
    expect(() => meetingStats([meeting()], ['KIND'], 'CERTAIN', REFERENCE, first)).toThrow(new StatsRequestError(`"first" takes 0 to 10000 groups; got ${first}.`, 'first'));
  });
});
