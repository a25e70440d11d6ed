/**
 * `meetingStats` over HTTP, on the article's data and on a generated corpus: every
 * dimension under both date countings, crossed dimensions and a filter, each checked
 * against a count made here by brute force from the data files (day by day for split
 * dates), so both stores must give the same numbers.
 */
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { CountryRecord, MeetingRecord, TopicRecord } from '../../src/store/contract/records';
import { DATA_DIR, startTestServer, type TestServer } from '../helpers/test-server';
import { runSynth, tempDir } from '../synth/run-synth';

type Dimension = 'MONTH' | 'YEAR' | 'KIND' | 'COUNTRY' | 'COUNTRY_PAIR' | 'TOPIC' | 'PLOVER_CATEGORY';
type DateCounting = 'CERTAIN' | 'SPLIT';
const DIMENSIONS: Dimension[] = ['MONTH', 'YEAR', 'KIND', 'COUNTRY', 'COUNTRY_PAIR', 'TOPIC', 'PLOVER_CATEGORY'];

const STATS = `query MeetingStats($filter: MeetingFilter, $groupBy: [MeetingStatsDimension!]!, $dateCounting: DateCounting, $first: Int) {
  meetingStats(filter: $filter, groupBy: $groupBy, dateCounting: $dateCounting, first: $first) {
    total visits parts others groupCount
    groups { keys { dimension value label } count visits parts others }
  }
}`;

interface Group {
  keys: { dimension: Dimension; value: string | null; label: string }[];
  count: number;
  visits: number;
  parts: number;
  others: number;
}
interface Stats {
  total: number;
  groupCount: number;
  visits: number;
  parts: number;
  others: number;
  groups: Group[];
}

/** The records a brute-force count reads, straight from a data directory's files. */
interface Records {
  meetings: MeetingRecord[];
  countries: Map<string, CountryRecord>;
  topics: Map<string, TopicRecord>;
}

async function readRecords(dataDir: string): Promise<Records> {
  const read = async <R>(file: string) => JSON.parse(await readFile(path.join(dataDir, file), 'utf8')) as R[];
  return {
    meetings: await read<MeetingRecord>('meetings.json'),
    countries: new Map((await read<CountryRecord>('countries.json')).map((country) => [country.slug, country])),
    topics: new Map((await read<TopicRecord>('topics.json')).map((topic) => [topic.slug, topic])),
  };
}

/** A meeting's keys in one dimension with their weights, worked out the long way. */
function keysOf(meeting: MeetingRecord, dimension: Dimension, dateCounting: DateCounting, records: Records): [string | null, number][] {
  const iso = (slug: string) => records.countries.get(slug)!.isoCode;
  switch (dimension) {
    case 'MONTH':
    case 'YEAR': {
      const length = dimension === 'MONTH' ? 7 : 4;
      const { earliest, latest } = meeting.date;
      if (earliest === null || latest === null) return [[null, 1]];
      if (dateCounting === 'CERTAIN') return [[earliest.slice(0, length) === latest.slice(0, length) ? earliest.slice(0, length) : null, 1]];
      // Every day of the range, one by one.
      const days = new Map<string, number>();
      let total = 0;
      for (let day = new Date(`${earliest}T00:00:00Z`); day <= new Date(`${latest}T00:00:00Z`); day = new Date(day.getTime() + 86_400_000)) {
        const key = day.toISOString().slice(0, length);
        days.set(key, (days.get(key) ?? 0) + 1);
        total++;
      }
      return [...days].map(([key, count]) => [key, count / total]);
    }
    case 'KIND':
      return [[meeting.kind, 1]];
    case 'PLOVER_CATEGORY':
      return [[meeting.coding.ploverCategory, 1]];
    case 'COUNTRY':
      return [...new Set(meeting.countries)].map((country) => [iso(country), 1]);
    case 'COUNTRY_PAIR': {
      const codes = [...new Set(meeting.countries.map(iso))].sort();
      const pairs: [string, number][] = [];
      for (const a of codes) for (const b of codes) if (a < b) pairs.push([`${a}-${b}`, 1]);
      return pairs.length === 0 ? [[null, 1]] : pairs;
    }
    case 'TOPIC': {
      const topics = new Set<string>();
      for (const { topic } of meeting.topics) for (let at: string | null = topic; at !== null; at = records.topics.get(at)!.parent) topics.add(at);
      return topics.size === 0 ? [[null, 1]] : [...topics].map((topic) => [topic, 1]);
    }
  }
}

/** The groups of `meetings` by brute force: every combination of keys, summed by role. */
function bruteForce(meetings: MeetingRecord[], groupBy: Dimension[], dateCounting: DateCounting, records: Records) {
  const groups = new Map<string, { count: number; visits: number; parts: number; others: number }>();
  for (const meeting of meetings) {
    const role = meeting.partOf !== null ? 'parts' : meeting.kind === 'VISIT' ? 'visits' : 'others';
    let combinations: [(string | null)[], number][] = [[[], 1]];
    for (const dimension of groupBy) {
      combinations = combinations.flatMap(([values, weight]) => keysOf(meeting, dimension, dateCounting, records).map(([value, share]): [(string | null)[], number] => [[...values, value], weight * share]));
    }
    for (const [values, weight] of combinations) {
      const key = JSON.stringify(values);
      const group = groups.get(key) ?? { count: 0, visits: 0, parts: 0, others: 0 };
      group.count += weight;
      group[role] += weight;
      groups.set(key, group);
    }
  }
  return groups;
}

function expectCounts(stats: Stats, meetings: MeetingRecord[], groupBy: Dimension[], dateCounting: DateCounting, records: Records): void {
  expect(stats.total).toBe(meetings.length);
  expect(stats.visits).toBe(meetings.filter((meeting) => meeting.partOf === null && meeting.kind === 'VISIT').length);
  expect(stats.parts).toBe(meetings.filter((meeting) => meeting.partOf !== null).length);
  expect(stats.visits + stats.parts + stats.others).toBe(stats.total);
  const expected = bruteForce(meetings, groupBy, dateCounting, records);
  const answered = new Map(stats.groups.map((group) => [JSON.stringify(group.keys.map((key) => key.value)), group]));
  expect([...answered.keys()].sort()).toEqual([...expected.keys()].sort());
  expect(stats.groupCount).toBe(expected.size);
  for (const [key, group] of expected) {
    const got = answered.get(key)!;
    expect(got.keys.map((k) => k.dimension)).toEqual(groupBy);
    for (const field of ['count', 'visits', 'parts', 'others'] as const) {
      if (Math.abs(got[field] - group[field]) > 1e-5) throw new Error(`${groupBy.join('×')} ${dateCounting} ${key}: ${field} ${got[field]}, expected ${group[field]}`);
    }
  }
}

/** One dimension's order: dates ascending, other keys by count descending; the null key last. */
function expectOrdered(groups: Group[], dimension: Dimension): void {
  const values = groups.map((group) => group.keys[0]!.value);
  const known = values.filter((value) => value !== null);
  expect(values.slice(0, known.length)).toEqual(known);
  if (dimension === 'MONTH' || dimension === 'YEAR') expect(known).toEqual([...known].sort());
  else for (let i = 1; i < known.length; i++) expect(groups[i - 1]!.count).toBeGreaterThanOrEqual(groups[i]!.count);
}

describe.each([
  ["the article's data", 'article'],
  ['a generated corpus of 400 meetings', 'synth'],
] as const)('meetingStats on %s', (_name, corpus) => {
  let api: TestServer;
  let records: Records;
  let generated: string | null = null;

  beforeAll(async () => {
    if (corpus === 'synth') {
      generated = await tempDir();
      const run = await runSynth(['--meetings', '400', '--seed', '16', '--out', generated]);
      expect(run).toMatchObject({ code: 0, stderr: '' });
    }
    api = await startTestServer(generated ? { dataDir: generated } : {});
    records = await readRecords(generated ?? DATA_DIR);
  });
  afterAll(async () => {
    await api.stop();
    if (generated) await rm(generated, { recursive: true, force: true });
  });

  const stats = async (variables: Record<string, unknown>): Promise<Stats> => (await api.data<{ meetingStats: Stats }>(STATS, variables)).meetingStats;

  test.each(DIMENSIONS.flatMap((dimension) => (['CERTAIN', 'SPLIT'] as const).map((dateCounting) => [dimension, dateCounting] as const)))('by %s, dates %s: as counted by brute force, in order', async (dimension, dateCounting) => {
    const answer = await stats({ groupBy: [dimension], dateCounting });
    expectCounts(answer, records.meetings, [dimension], dateCounting, records);
    expectOrdered(answer.groups, dimension);
  });

  test.each([
    [['YEAR', 'COUNTRY_PAIR'], 'CERTAIN'],
    [['MONTH', 'TOPIC', 'KIND'], 'SPLIT'],
    [['COUNTRY', 'YEAR'], 'SPLIT'],
    [['PLOVER_CATEGORY', 'TOPIC'], 'CERTAIN'],
  ] as [Dimension[], DateCounting][])('crossed %j, dates %s: as counted by brute force', async (groupBy, dateCounting) => {
    expectCounts(await stats({ groupBy, dateCounting }), records.meetings, groupBy, dateCounting, records);
  });

  test('with a filter: only the matching meetings count', async () => {
    const someCountry = records.meetings[0]!.countries[0]!;
    const filter = { countries: [records.countries.get(someCountry)!.isoCode], kinds: ['BILATERAL_MEETING', 'TALKS', 'VISIT'] };
    const matching = records.meetings.filter((meeting) => meeting.countries.includes(someCountry) && filter.kinds.includes(meeting.kind));
    expect(matching.length).toBeGreaterThan(0);
    expectCounts(await stats({ filter, groupBy: ['YEAR', 'TOPIC'], dateCounting: 'SPLIT' }), matching, ['YEAR', 'TOPIC'], 'SPLIT', records);
  });

  test('first: the first groups in order, and how many there are', async () => {
    const all = await stats({ groupBy: ['COUNTRY_PAIR'] });
    const firstThree = await stats({ groupBy: ['COUNTRY_PAIR'], first: 3 });
    expect(firstThree).toEqual({ ...all, groups: all.groups.slice(0, 3) });
  });

  test('the default date counting is CERTAIN', async () => {
    expect(await stats({ groupBy: ['MONTH'] })).toEqual(await stats({ groupBy: ['MONTH'], dateCounting: 'CERTAIN' }));
  });
});

describe("meetingStats: the article's data by example", () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer();
  });
  afterAll(() => api.stop());

  test('topics roll up: "security" counts the meeting about "regional security", once per meeting', async () => {
    const data = await api.data(`query TopicStats {
      meetingStats(groupBy: [TOPIC]) {
        total visits parts others
        groups { keys { value label node { ... on Topic { slug parent { slug } } } } count visits parts others }
      }
    }`);
    const bySlug = new Map(data.meetingStats.groups.map((group: { keys: { value: string | null }[] }) => [group.keys[0]!.value, group]));
    expect({ ...data.meetingStats, groups: undefined }).toEqual({ total: 8, visits: 2, parts: 6, others: 0, groups: undefined });
    // The Umarov visit (regional security), the Washington talks and the Tokayev meeting (security).
    expect(bySlug.get('security')).toEqual({ keys: [{ value: 'security', label: 'security', node: { slug: 'security', parent: null } }], count: 3, visits: 1, parts: 2, others: 0 });
    expect(bySlug.get('regional-security')).toEqual({
      keys: [{ value: 'regional-security', label: 'regional security', node: { slug: 'regional-security', parent: { slug: 'security' } } }],
      count: 1,
      visits: 1,
      parts: 0,
      others: 0,
    });
    // Five meetings name no topic.
    expect(data.meetingStats.groups.at(-1)).toEqual({ keys: [{ value: null, label: 'no topic', node: null }], count: 5, visits: 1, parts: 4, others: 0 });
  });

  test('countries and pairs: the C5+1 ministerial makes 15 pairs; each COUNTRY key is its Country', async () => {
    const data = await api.data(`query PairStats {
      pairs: meetingStats(groupBy: [COUNTRY_PAIR]) { groups { keys { value label } count } }
      countries: meetingStats(groupBy: [COUNTRY]) { groups { keys { value label node { ... on Country { isoCode } } } count } }
    }`);
    expect(data.pairs.groups).toHaveLength(15);
    expect(data.pairs.groups[0]).toEqual({ keys: [{ value: 'KZ-US', label: 'Kazakhstan – United States' }], count: 8 });
    expect(data.pairs.groups.slice(1).every((group: { count: number }) => group.count === 1)).toBe(true);
    expect(data.countries.groups.slice(0, 3)).toEqual([
      { keys: [{ value: 'KZ', label: 'Kazakhstan', node: { isoCode: 'KZ' } }], count: 8 },
      { keys: [{ value: 'US', label: 'United States', node: { isoCode: 'US' } }], count: 8 },
      { keys: [{ value: 'KG', label: 'Kyrgyzstan', node: { isoCode: 'KG' } }], count: 1 },
    ]);
  });

  test('dates: "between 21 February and 30 April 2023" is uncertain by month, split 8/69, 31/69, 30/69', async () => {
    const query = `query MonthStats($dateCounting: DateCounting) { meetingStats(groupBy: [MONTH], dateCounting: $dateCounting) { groups { keys { value label } count visits parts others } } }`;
    expect((await api.data(query, { dateCounting: 'CERTAIN' })).meetingStats.groups).toEqual([
      { keys: [{ value: '2023-02', label: 'February 2023' }], count: 3, visits: 1, parts: 2, others: 0 },
      { keys: [{ value: null, label: 'uncertain' }], count: 5, visits: 1, parts: 4, others: 0 },
    ]);
    const round = (value: number) => Math.round(value * 1e6) / 1e6;
    expect((await api.data(query, { dateCounting: 'SPLIT' })).meetingStats.groups).toEqual([
      { keys: [{ value: '2023-02', label: 'February 2023' }], count: round(3 + (5 * 8) / 69), visits: round(1 + 8 / 69), parts: round(2 + (4 * 8) / 69), others: 0 },
      { keys: [{ value: '2023-03', label: 'March 2023' }], count: round((5 * 31) / 69), visits: round(31 / 69), parts: round((4 * 31) / 69), others: 0 },
      { keys: [{ value: '2023-04', label: 'April 2023' }], count: round((5 * 30) / 69), visits: round(30 / 69), parts: round((4 * 30) / 69), others: 0 },
    ]);
  });

  test('groupings that cannot be answered are BAD_USER_INPUT', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ groupBy: ['MONTH', 'YEAR'] }, '"groupBy" takes MONTH or YEAR, not both: a month names its year.'],
      [{ groupBy: ['KIND', 'TOPIC', 'COUNTRY', 'PLOVER_CATEGORY'] }, '"groupBy" crosses at most 3 dimensions; got 4.'],
      [{ groupBy: ['KIND', 'KIND'] }, '"groupBy" names KIND twice.'],
      [{ groupBy: ['KIND'], filter: { from: '2023-05-01', to: '2023-01-01' } }, '"from" (2023-05-01) must not be after "to" (2023-01-01).'],
      [{ groupBy: ['KIND'], first: 10_001 }, '"first" takes 0 to 10000 groups; got 10001.'],
    ];
    for (const [variables, message] of cases) {
      const result = await api.query(STATS, variables);
      expect(result).toEqual({ data: null, errors: [{ message, locations: [{ line: 2, column: 3 }], path: ['meetingStats'], extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }] });
    }
    const unknown = await api.query(STATS, { groupBy: ['WEEKDAY'] });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
