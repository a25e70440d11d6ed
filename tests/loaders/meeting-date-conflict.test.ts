/** dateConflictValue: a meeting's date conflict over a request's loaders, as `Meeting.conflicts` lists it. */
import 'reflect-metadata';
import { createLoaders } from '../../src/loaders/create-loaders';
import { createMetrics } from '../../src/metrics';
import { dateConflictValue } from '../../src/schema/meeting/meeting-date.resolver';
import { JsonStore } from '../../src/store/json/json-store';
import { createTempDataDir, removeTempDataDir } from '../helpers/temp-data-dir';

const C5 = 'c5-plus-1-ministerial-astana-2023';
const ARTICLE = 'urdupoint-2023-04-30-kazakhstan-us-strategic-cooperation';
const REPORT_TEXT = 'A wire dated the ministerial to Wednesday 1 March, and a ministry to Tuesday 28 February.';
const LATE_FEBRUARY = { label: 'late February 2023', earliest: '2023-02-21', latest: '2023-02-28', precision: 'PART_OF_MONTH' as const };
const MARCH_1 = { label: 'Wednesday 1 March 2023', earliest: '2023-03-01', latest: '2023-03-01', precision: 'DAY' as const };

let directory: string;
let store: JsonStore;
beforeEach(async () => {
  directory = await createTempDataDir();
  store = await JsonStore.open(directory);
});
afterEach(async () => {
  await store.close();
  await removeTempDataDir(directory);
});

async function conflictOf(slug: string) {
  const loaders = createLoaders(store, createMetrics());
  const meeting = await loaders.meetingById.load(slug);
  return dateConflictValue(meeting!, loaders);
}

test('claims that agree are no conflict', async () => {
  expect(await conflictOf(C5)).toBeNull();
});

test('claims that share no day: every claim, the preferred first, each with its date and citations', async () => {
  const seedCitations = [{ source: ARTICLE, quote: 'In late February, Blinken attended the C5+1 ministerial meeting in Astana' }];
  const wireCitations = [{ source: 'wire', quote: 'dated the ministerial to Wednesday 1 March' }];
  await store.write([
    { operation: 'create', type: 'Source', record: { slug: 'wire', title: 'A wire', kind: 'NEWS_ARTICLE' }, text: REPORT_TEXT },
    { operation: 'update', type: 'Meeting', slug: C5, patch: { dateClaims: [{ date: LATE_FEBRUARY, citations: seedCitations }, { date: MARCH_1, citations: wireCitations }] } },
  ]);
  // One news source each: the more specific claim (one day) is preferred.
  expect(await conflictOf(C5)).toEqual({
    field: 'date',
    claims: [
      { value: 'Wednesday 1 March 2023', preferred: true, citations: wireCitations, target: null, date: MARCH_1 },
      { value: 'late February 2023', preferred: false, citations: seedCitations, target: null, date: LATE_FEBRUARY },
    ],
  });
});
