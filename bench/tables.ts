/**
 * Micro-benchmark of the in-memory tables: build time at 100,000 meetings and 20,000
 * people, per-write cost (a table version and the whole write path: validation plus the
 * next store view), filtered pages and deep pagination. Records are random but of the
 * real shapes (data/*.json), from a seeded generator, so runs compare.
 *
 *   tsc -p bench && node dist/bench/tables.js [meetings] [people]
 */
import { StoreView } from '../src/store/memory/store-view';
import type { Dataset, FuzzyDateRecord, MeetingRecord } from '../src/store/contract/records';
import type { ChangeRequest, FindQuery } from '../src/store/contract/store';
import type { TableSpec } from '../src/store/keys/table-spec';
import { Table } from '../src/store/memory/table';
import { TABLE_SPECS } from '../src/store/keys/table-specs';
import { WorkingSet } from '../src/store/contract/working-set';

const MEETINGS = Number(process.argv[2] ?? 100_000);
const PEOPLE = Number(process.argv[3] ?? 20_000);
const COUNTRIES = 200;
const TOPICS = 500;
const OFFICES = 5_000;

/** A small deterministic PRNG (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rnd = random(20261204);
const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
const SYLLABLES = 'ka ze ta mo ri an el us to ba ne si lo ur pa de vi go'.split(' ');
// A Zipf-like vocabulary: a few words are everywhere, most are rare.
const VOCABULARY = Array.from({ length: 6000 }, (_, i) => Array.from({ length: 2 + (i % 3) }, (_, k) => SYLLABLES[(i * (k + 7) + k * k) % SYLLABLES.length]).join('') + (i % 97));
const word = () => VOCABULARY[Math.floor(VOCABULARY.length * Math.pow(rnd(), 3))]!;
const words = (n: number) => Array.from({ length: n }, word).join(' ');
const title = (n: number) => {
  const text = words(n);
  return text[0]!.toUpperCase() + text.slice(1);
};
const day = () => new Date(Date.UTC(2000, 0, 1) + Math.floor(rnd() * 25 * 365) * 86_400_000).toISOString().slice(0, 10);
const fuzzyDate = (): FuzzyDateRecord => {
  const r = rnd();
  const a = day();
  if (r < 0.7) return { label: a, earliest: a, latest: a, precision: 'DAY' };
  if (r < 0.85) {
    const b = day();
    const [earliest, latest] = a < b ? [a, b] : [b, a];
    return { label: `${earliest} to ${latest}`, earliest, latest, precision: 'DAY_RANGE' };
  }
  if (r < 0.92) return { label: `on or before ${a}`, earliest: null, latest: a, precision: 'ON_OR_BEFORE' };
  if (r < 0.98) return { label: `on or after ${a}`, earliest: a, latest: null, precision: 'ON_OR_AFTER' };
  return { label: 'unknown', earliest: null, latest: null, precision: 'UNKNOWN' };
};
const countries = Array.from({ length: COUNTRIES }, (_, i) => `country-${i}`);
const people = Array.from({ length: PEOPLE }, (_, i) => `person-${i}`);
const topics = Array.from({ length: TOPICS }, (_, i) => `topic-${i}`);
const offices = Array.from({ length: OFFICES }, (_, i) => `office-${i}`);
const citations = () => [{ source: 'source-0', quote: 'held talks' }];
let serial = 0;

function meeting(slug = `meeting-${serial++}`): MeetingRecord {
  const meetingCountries = [...new Set([pick(countries), pick(countries)])];
  return {
    slug,
    title: title(3 + Math.floor(rnd() * 5)),
    kind: pick(['VISIT', 'BILATERAL_MEETING', 'TALKS', 'MINISTERIAL'] as const),
    date: fuzzyDate(),
    location: null,
    countries: meetingCountries,
    format: null,
    partOf: null,
    coding: { cameo: '042', ploverCategory: 'CONSULT', ploverMode: 'VISIT' },
    participants: Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => {
      const person = rnd() < 0.9 ? pick(people) : null;
      return {
        person,
        office: person === null || rnd() < 0.5 ? pick(offices) : null,
        organization: null,
        country: pick(meetingCountries),
        role: 'PARTICIPANT' as const,
        label: null,
        citations: citations(),
      };
    }),
    topics: Array.from({ length: Math.floor(rnd() * 3) }, () => ({ topic: pick(topics), citations: citations() })),
    outcomes: [],
    summary: words(20 + Math.floor(rnd() * 30)),
    citations: citations(),
  };
}

function dataset(): Dataset {
  return {
    Country: countries.map((slug, i) => ({ slug, name: `Country ${title(1)} ${i}`, aliases: [], isoCode: String.fromCharCode(65 + (i % 26), 65 + Math.floor(i / 26)), capital: null })),
    Place: [],
    Organization: [],
    Person: people.map((slug, i) => ({ slug, name: `${title(1)} ${title(1)} ${i}`, aliases: rnd() < 0.3 ? [title(2)] : [], country: pick(countries), citations: citations() })),
    Office: offices.map((slug, i) => ({ slug, title: `${title(2)} ${i}`, organization: null, country: pick(countries), citations: [] })),
    Tenure: [],
    Topic: topics.map((slug, i) => ({ slug, name: `${title(1)} ${i}`, aliases: [], parent: null })),
    Source: [{ slug: 'source-0', title: 'A source', kind: 'NEWS_ARTICLE', publisher: null, publishedOn: '2023-04-30', url: null, dateline: null, cites: [], textFile: 'sources/source-0.txt' }],
    Meeting: Array.from({ length: MEETINGS }, () => meeting()),
    texts: new Map([['source-0', 'held talks']]),
  };
}

function timed<T>(run: () => T): [T, number] {
  const start = process.hrtime.bigint();
  const result = run();
  return [result, Number(process.hrtime.bigint() - start) / 1e6];
}

function stats(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const ms = (value: number) => (value < 1 ? `${(value * 1000).toFixed(0)} µs` : `${value.toFixed(2)} ms`);
  return `p50 ${ms(at(0.5))}  p99 ${ms(at(0.99))}  max ${ms(sorted.at(-1)!)}  (n=${samples.length})`;
}

function repeat(times: number, run: (i: number) => unknown): number[] {
  return Array.from({ length: times }, (_, i) => timed(() => run(i))[1]);
}

const data = dataset();
console.log(`tables: ${MEETINGS} meetings, ${PEOPLE} people, ${COUNTRIES} countries, ${TOPICS} topics, ${OFFICES} offices (Node ${process.version})`);
const [meetings, meetingBuild] = timed(() => Table.build(data.Meeting, TABLE_SPECS.Meeting as TableSpec<MeetingRecord>));
console.log(`build Meeting table alone: ${meetingBuild.toFixed(0)} ms`);
const [, mergeTime] = timed(() => meetings.with([{ slug: 'meeting-0', record: null }]).with(Array.from({ length: 1000 }, (_, i) => ({ slug: `meeting-${i + 1}`, record: null }))));
console.log(`fold a delta of 1,000 into a new Meeting base: ${mergeTime.toFixed(0)} ms`);
let [view, viewBuild] = timed(() => StoreView.of(data, 0));
console.log(`build every table (StoreView.of, with the reference index): ${viewBuild.toFixed(0)} ms`);

// Writes of one meeting each: 70% updates, 20% creates, 10% deletes (of meetings nothing refers to).
const live = data.Meeting.map((m) => m.slug);
const plan: ChangeRequest[] = Array.from({ length: 1000 }, () => {
  const r = rnd();
  if (r < 0.2) return { operation: 'create', type: 'Meeting', record: meeting() };
  if (r < 0.3) return { operation: 'delete', type: 'Meeting', slug: live.splice(Math.floor(rnd() * live.length), 1)[0]! };
  return { operation: 'update', type: 'Meeting', slug: pick(live), patch: { title: title(4), date: fuzzyDate() } };
});

const tableWrites = (() => {
  let table = Table.build(data.Meeting.slice(), TABLE_SPECS.Meeting as TableSpec<MeetingRecord>);
  return repeat(plan.length, (i) => {
    const change = plan[i]!;
    if (change.operation === 'delete') table = table.with([{ slug: change.slug, record: null }]);
    else if (change.operation === 'create') table = table.with([{ slug: (change.record as MeetingRecord).slug, record: change.record as MeetingRecord }]);
    else table = table.with([{ slug: change.slug, record: { ...table.get(change.slug)!, ...change.patch } as MeetingRecord }]);
  });
})();
console.log(`write, Meeting table version (Table.with):        ${stats(tableWrites)}`);

const pathWrites = repeat(plan.length, (i) => {
  const working = new WorkingSet(view);
  working.applyAll([plan[i]!]);
  view = view.next(working.changes, working.sourceTexts, view.version + 1);
});
console.log(`write, whole path (validate + StoreView.next):     ${stats(pathWrites)}`);

// Reads on the version after the writes (a delta of up to 1,000 records on its base).
async function reads(): Promise<void> {
  const query = (q: Omit<FindQuery<'Meeting'>, 'order'> & { order?: FindQuery<'Meeting'>['order'] }) => ({ order: { field: 'DATE', direction: 'DESC' }, ...q }) as FindQuery<'Meeting'>;
  const range = () => {
    const [a, b] = [day(), day()];
    return a < b ? { from: a, to: b } : { from: b, to: a };
  };
  const read = async (name: string, make: () => FindQuery<'Meeting'>, times = 500) => {
    const queries = Array.from({ length: times }, make);
    const samples: number[] = [];
    let total = 0;
    for (const q of queries) {
      const start = process.hrtime.bigint();
      const [page] = await view.findMany('Meeting', [q]);
      samples.push(Number(process.hrtime.bigint() - start) / 1e6);
      total += page!.totalCount;
    }
    console.log(`${name.padEnd(52)} ${stats(samples)}  mean totalCount ${(total / times).toFixed(0)}`);
  };
  await read('page: participant + date range + topic, first 20', () => query({ where: [{ field: 'participant', anyOf: [pick(people)] }, { field: 'topic', anyOf: [pick(topics)] }], dateRange: range(), first: 20 }));
  await read('page: participant + date range, first 20', () => query({ where: [{ field: 'participant', anyOf: [pick(people)] }], dateRange: range(), first: 20 }));
  await read('page: country + kind, first 20', () => query({ where: [{ field: 'country', anyOf: [pick(countries)] }, { field: 'kind', anyOf: ['VISIT'] }], first: 20 }));
  await read('page: date range only, first 20', () => query({ dateRange: range(), first: 20 }), 100);
  await read('page: text (1 word) + participant, first 20', () => query({ text: word(), where: [{ field: 'participant', anyOf: [pick(people)] }], first: 20 }), 100);
  const [deepPage] = await view.findMany('Meeting', [query({ first: 50_001 })]);
  const deep = deepPage!.items.at(-1)!.key;
  await read('page: first 20 after a cursor 50,000 deep', () => query({ after: deep, first: 20 }));
  await read('page: last 20 before a cursor 50,000 deep, ASC', () => query({ before: deep, last: 20, order: { field: 'DATE', direction: 'ASC' } }));
  await read('page: first 20 by TITLE, no filter', () => query({ first: 20, order: { field: 'TITLE', direction: 'ASC' } }));
  const samples: number[] = [];
  for (let i = 0; i < 50; i++) {
    const start = process.hrtime.bigint();
    await view.search(title(1), 10);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  console.log(`${'search (all types), one-word queries'.padEnd(52)} ${stats(samples)}`);
}

void reads();
