/**
 * The drafting bench's figures (bench/draft/summary.ts): totals over reports, targets, times, and
 * the printed table, from scores of hand-made drafts.
 */
import { scoreDraft, type ExpectedReport } from '../../bench/draft/score';
import { formatSummary, summarize } from '../../bench/draft/summary';

const day = (iso: string) => ({ earliest: iso, latest: iso });
const REPORT: ExpectedReport = {
  publishedOn: '2023-09-05',
  title: 'Erdogan and Putin in Sochi',
  expected: {
    people: [{ name: 'Recep Tayyip Erdoğan', stored: null }, { name: 'Vladimir Putin', stored: null }],
    organizations: [],
    places: [{ name: 'Sochi', stored: null }],
    dates: [day('2023-09-04')],
    meetings: [{ participants: ['Recep Tayyip Erdoğan', 'Vladimir Putin'], date: day('2023-09-04') }],
  },
};
const good = scoreDraft(
  {
    people: [{ name: 'Recep Tayyip Erdogan' }, { name: 'Vladimir Putin' }],
    places: [{ name: 'Sochi' }, { name: 'Black Sea' }],
    meetings: [{ kind: 'TALKS', date: day('2023-09-04'), participants: [{ person: 'Recep Tayyip Erdogan' }, { person: 'Vladimir Putin' }] }],
  },
  REPORT,
  [],
);
const empty = scoreDraft({}, REPORT, []);

test('totals, targets and times of a run', () => {
  const summary = summarize(
    [
      { file: '01-short.txt', words: 100, ms: 4, score: good },
      { file: '02-long.txt', words: 1000, ms: 1500, score: empty },
    ],
    80,
  );
  expect(summary.categories.people).toEqual({ tp: 2, fp: 0, fn: 2, precision: 1, recall: 0.5 });
  expect(summary.categories.places).toMatchObject({ tp: 1, fp: 1, fn: 1, precision: 0.5, recall: 0.5 });
  expect(summary.categories.organizations).toMatchObject({ precision: 1, recall: 1 });
  expect(summary.targets.filter((target) => target.met).map((target) => `${target.category} ${target.measure}`)).toEqual(['people precision', 'dates precision', 'meetings precision']);
  expect(summary.time).toEqual({ coldMs: 80, meanMs: 752, maxMs: 1500, long: { file: '02-long.txt', words: 1000, ms: 1500, targetMs: 1000, met: false } });
  const table = formatSummary(summary, true);
  expect(table).toMatch(/^people +2 +0 +2 +1\.000 +≥ 0\.90 ok +0\.500 +≥ 0\.90 MISSED$/m);
  expect(table).toContain('long report 02-long.txt (1000 words): 1500.0 ms, target < 1000 ms MISSED');
  expect(table).toContain('targets met: 3 of 9');
  expect(table).toContain('  extra places: Black Sea');
  expect(table).toContain('  missed meetings: any kind 2023-09-04..2023-09-04: Recep Tayyip Erdoğan, Vladimir Putin');
});

test('a draft that failed is named, and a failed long report misses its time target however fast it failed', () => {
  const summary = summarize([{ file: '01-long.txt', words: 1000, ms: 1, score: empty, error: 'boom' }], 1);
  expect(summary.errors).toEqual([{ file: '01-long.txt', error: 'boom' }]);
  expect(summary.time.long.met).toBe(false);
  expect(formatSummary(summary)).toContain('error in 01-long.txt (scored as an empty draft): boom');
});

test('a run of no report is an error', () => {
  expect(() => summarize([], 0)).toThrow('no report was run');
});
