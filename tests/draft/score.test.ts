/**
 * The drafting bench's scorer (bench/draft/score.ts) on hand-made drafts: how names, stored slugs,
 * participants, dates and kinds count, by the rules of bench/draft/README.md.
 */
import {
  checkTargets,
  entityMatches,
  maximumMatching,
  parseExpectedReport,
  precision,
  recall,
  scoreDraft,
  totalCounts,
  type DraftedBundle,
  type ExpectedReport,
  type StoredPerson,
} from '../../bench/draft/score';

const STORED: StoredPerson[] = [
  { slug: 'antony-blinken', name: 'Antony Blinken' },
  { slug: 'kassym-jomart-tokayev', name: 'Kassym-Jomart Tokayev' },
];

const day = (iso: string) => ({ earliest: iso, latest: iso });
const fuzzy = (earliest: string | null, latest: string | null) => ({ label: 'a date', earliest, latest, precision: 'DAY' });

/** The report of a C5+1 ministerial and a bilateral meeting on the same day. */
function report(): ExpectedReport {
  return parseExpectedReport(
    {
      publishedOn: '2023-03-01',
      title: 'Blinken in Astana',
      expected: {
        people: [
          { name: 'Antony Blinken', stored: 'antony-blinken' },
          { name: 'Kassym-Jomart Tokaev', stored: 'kassym-jomart-tokayev' },
          { name: 'Mukhtar Tleuberdi', stored: null },
          { name: 'Recep Tayyip Erdoğan', stored: null },
        ],
        organizations: [{ name: 'Group of Twenty', stored: null, also: ['G20'] }],
        places: [{ name: 'Astana', stored: 'astana' }, { name: 'Tashkent', stored: null }],
        dates: [day('2023-02-28'), day('2023-02-28')],
        meetings: [
          { kind: 'MINISTERIAL', participants: ['Antony Blinken', 'Mukhtar Tleuberdi'], date: day('2023-02-28') },
          { participants: ['Antony Blinken', 'Kassym-Jomart Tokaev'], date: day('2023-02-28') },
        ],
      },
    },
    'report.json',
  );
}

/** A perfect draft of `report()`, to be spoiled by each test. */
function perfectDraft(): DraftedBundle {
  return {
    people: [
      { name: 'Anthony Blinken', sameAs: 'antony-blinken' },
      { name: 'Kassym-Jomart Tokaev', sameAs: 'kassym-jomart-tokayev' },
      { name: 'Mukhtar Tleuberdi' },
      { name: 'Recep Tayyip Erdogan' },
    ],
    organizations: [{ name: 'G20' }],
    places: [{ name: 'ASTANA' }, { name: 'Tashkent' }],
    meetings: [
      { kind: 'MINISTERIAL', date: fuzzy('2023-02-28', '2023-02-28'), participants: [{ person: 'antony-blinken' }, { person: 'Mukhtar Tleuberdi' }, { person: null }] },
      { kind: 'BILATERAL_MEETING', date: fuzzy('2023-02-28', '2023-02-28'), participants: [{ person: 'Anthony Blinken' }, { person: 'kassym-jomart-tokayev' }] },
    ],
  };
}

describe('scoreDraft', () => {
  test('a perfect draft scores every expected item as a true positive and nothing else', () => {
    const score = scoreDraft(perfectDraft(), report(), STORED);
    expect(score.people).toMatchObject({ tp: 4, fp: 0, fn: 0 });
    expect(score.organizations).toMatchObject({ tp: 1, fp: 0, fn: 0 });
    expect(score.places).toMatchObject({ tp: 2, fp: 0, fn: 0 });
    expect(score.dates).toMatchObject({ tp: 2, fp: 0, fn: 0 });
    expect(score.meetings).toMatchObject({ tp: 2, fp: 0, fn: 0, missed: [], extra: [] });
  });

  test('an empty draft misses everything and drafts nothing', () => {
    const score = scoreDraft({}, report(), STORED);
    expect(score.people).toMatchObject({ tp: 0, fp: 0, fn: 4 });
    expect(score.meetings).toMatchObject({ tp: 0, fp: 0, fn: 2 });
    expect(score.meetings.missed).toEqual(['MINISTERIAL 2023-02-28..2023-02-28: Antony Blinken, Mukhtar Tleuberdi', 'any kind 2023-02-28..2023-02-28: Antony Blinken, Kassym-Jomart Tokaev']);
  });

  test('a misspelled stored person counts through sameAs, and not without it', () => {
    const draft = perfectDraft();
    draft.people = [{ name: 'Kasym-Zhomart Tokayev', sameAs: 'kassym-jomart-tokayev' }];
    expect(scoreDraft(draft, report(), STORED).people).toMatchObject({ tp: 1, fp: 0, fn: 3 });
    draft.people = [{ name: 'Kasym-Zhomart Tokayev' }];
    expect(scoreDraft(draft, report(), STORED).people).toMatchObject({ tp: 0, fp: 1, fn: 4, extra: ['Kasym-Zhomart Tokayev'] });
    // A claim of the wrong stored record is no match, even under the expected name.
    draft.people = [{ name: 'Kassym-Jomart Tokaev', sameAs: 'kairat-umarov' }, { name: 'Mukhtar Tleuberdi', sameAs: 'kairat-umarov' }];
    expect(scoreDraft(draft, report(), STORED).people).toMatchObject({ tp: 0, fp: 2, fn: 4 });
  });

  test('a second drafted record of one person is a false positive', () => {
    const draft = perfectDraft();
    draft.people = [...draft.people!, { name: 'Erdogan' }, { name: 'Recep Tayyip ERDOĞAN' }];
    expect(scoreDraft(draft, report(), STORED).people).toMatchObject({ tp: 4, fp: 2, fn: 0, extra: ['Erdogan', 'Recep Tayyip ERDOĞAN'] });
  });

  test('places and organizations match by folded name or an expected other form', () => {
    const draft = perfectDraft();
    draft.organizations = [{ name: 'Group of  Twenty' }, { name: 'G-7' }];
    draft.places = [{ name: 'Astana city' }, { name: 'Nur-Sultan', sameAs: 'astana' }, { name: 'tashkent' }];
    const score = scoreDraft(draft, report(), STORED);
    expect(score.organizations).toMatchObject({ tp: 1, fp: 1, fn: 0, extra: ['G-7'] });
    expect(score.places).toMatchObject({ tp: 2, fp: 1, fn: 0, extra: ['Astana city'] });
  });

  test('a meeting with a missing or an extra participant does not match, and its date still counts', () => {
    const draft = perfectDraft();
    draft.meetings![1]!.participants = [{ person: 'Anthony Blinken' }, { person: 'Kassym-Jomart Tokaev' }, { person: 'Mukhtar Tleuberdi' }];
    let score = scoreDraft(draft, report(), STORED);
    expect(score.meetings).toMatchObject({ tp: 1, fp: 1, fn: 1 });
    expect(score.dates).toMatchObject({ tp: 2, fp: 0, fn: 0 });
    draft.meetings![1]!.participants = [{ person: 'Anthony Blinken' }, { person: 'Wang Yi' }];
    score = scoreDraft(draft, report(), STORED);
    expect(score.meetings).toMatchObject({ tp: 1, fp: 1, fn: 1 });
    expect(score.meetings.extra).toEqual(['BILATERAL_MEETING 2023-02-28..2023-02-28: Anthony Blinken (antony-blinken), Wang Yi']);
  });

  test('a participant named twice (by slug and by name) is one participant', () => {
    const draft = perfectDraft();
    draft.meetings![1]!.participants = [{ person: 'antony-blinken' }, { person: 'Anthony Blinken' }, { person: 'kassym-jomart-tokayev' }];
    expect(scoreDraft(draft, report(), STORED).meetings).toMatchObject({ tp: 2, fp: 0, fn: 0 });
  });

  test('a participant that is neither a drafted person nor a stored slug is compared by its name', () => {
    const draft = perfectDraft();
    draft.people = [];
    draft.meetings![0]!.participants = [{ person: 'antony-blinken' }, { person: 'Mukhtar Tleuberdi' }];
    draft.meetings![1]!.participants = [{ person: 'Antony Blinken' }, { person: 'Kassym Jomart Tokaev' }];
    expect(scoreDraft(draft, report(), STORED).meetings).toMatchObject({ tp: 2, fp: 0, fn: 0 });
  });

  test('dates match only with both bounds equal', () => {
    const draft = perfectDraft();
    draft.meetings![0]!.date = fuzzy('2023-02-21', '2023-02-28');
    draft.meetings![1]!.date = fuzzy(null, '2023-02-28');
    const score = scoreDraft(draft, report(), STORED);
    expect(score.dates).toMatchObject({ tp: 0, fp: 2, fn: 2, extra: ['2023-02-21..2023-02-28', '…..2023-02-28'] });
    expect(score.meetings).toMatchObject({ tp: 0, fp: 2, fn: 2 });
  });

  test('an expected kind must match; a meeting expected without a kind matches any', () => {
    const draft = perfectDraft();
    draft.meetings![0]!.kind = 'TALKS';
    draft.meetings![1]!.kind = 'PHONE_CALL';
    expect(scoreDraft(draft, report(), STORED).meetings).toMatchObject({ tp: 1, fp: 1, fn: 1, missed: ['MINISTERIAL 2023-02-28..2023-02-28: Antony Blinken, Mukhtar Tleuberdi'] });
  });

  test('a drafted meeting with one named participant is not scored unless it is a visit', () => {
    const draft = perfectDraft();
    draft.meetings = [...draft.meetings!, { kind: 'SUMMIT', date: fuzzy('2023-02-28', '2023-02-28'), participants: [{ person: 'Mukhtar Tleuberdi' }, { person: null }] }];
    let score = scoreDraft(draft, report(), STORED);
    expect(score.meetings).toMatchObject({ tp: 2, fp: 0, fn: 0 });
    expect(score.dates).toMatchObject({ tp: 2, fp: 0, fn: 0 });
    draft.meetings = [...draft.meetings!, { kind: 'VISIT', date: fuzzy('2023-02-27', '2023-02-28'), participants: [{ person: 'antony-blinken' }] }];
    score = scoreDraft(draft, report(), STORED);
    expect(score.meetings).toMatchObject({ tp: 2, fp: 1, fn: 0 });
    expect(score.dates).toMatchObject({ tp: 2, fp: 1, fn: 0 });
  });

  test('the matching is one to one and the largest: two equal drafted meetings match one expected meeting', () => {
    const draft = perfectDraft();
    draft.meetings = [...draft.meetings!, { ...draft.meetings![1]! }];
    const score = scoreDraft(draft, report(), STORED);
    expect(score.meetings).toMatchObject({ tp: 2, fp: 1, fn: 0 });
    expect(score.dates).toMatchObject({ tp: 2, fp: 1, fn: 0 });
  });
});

describe('maximumMatching', () => {
  test('finds the largest matching where a greedy one would stop short', () => {
    // Left 0 matches both; left 1 matches only right 0: greedy 0→0 leaves left 1 out.
    const pairs = maximumMatching(['ab', 'a'], ['a', 'b'], (l, r) => l.includes(r));
    expect(pairs).toHaveLength(2);
    expect(new Map(pairs)).toEqual(new Map([[0, 1], [1, 0]]));
  });
});

describe('entityMatches', () => {
  test('case, accents, punctuation and spacing do not count; other letters do', () => {
    const expected = { name: 'Recep Tayyip Erdoğan', stored: null };
    expect(entityMatches({ name: 'recep tayyip ERDOGAN' }, expected)).toBe(true);
    expect(entityMatches({ name: 'Recep-Tayyip  Erdogan.' }, expected)).toBe(true);
    expect(entityMatches({ name: 'Recep Tayyip Erdogon' }, expected)).toBe(false);
    expect(entityMatches({ name: 'Erdogan' }, expected)).toBe(false);
  });
});

describe('totals and targets', () => {
  test('counts add up over reports, and precision and recall follow from them', () => {
    const perfect = scoreDraft(perfectDraft(), report(), STORED);
    const empty = scoreDraft({}, report(), STORED);
    const totals = totalCounts([perfect, empty]);
    expect(totals.people).toEqual({ tp: 4, fp: 0, fn: 4 });
    expect(precision(totals.people)).toBe(1);
    expect(recall(totals.people)).toBe(0.5);
    const checks = checkTargets(totals);
    expect(checks.find((check) => check.category === 'people' && check.measure === 'recall')).toMatchObject({ value: 0.5, met: false });
    expect(checks.find((check) => check.category === 'people' && check.measure === 'precision')).toMatchObject({ value: 1, met: true });
  });

  test('nothing drafted where something was expected is precision 0; nothing expected and nothing drafted is 1', () => {
    expect(precision({ tp: 0, fp: 0, fn: 3 })).toBe(0);
    expect(precision({ tp: 0, fp: 0, fn: 0 })).toBe(1);
    expect(recall({ tp: 0, fp: 2, fn: 0 })).toBe(1);
    expect(precision({ tp: 3, fp: 1, fn: 0 })).toBe(0.75);
  });
});

describe('parseExpectedReport', () => {
  test('rejects a participant that is not one of the people, and dates that are not the meetings\' dates', () => {
    const bad = JSON.parse(JSON.stringify(report())) as ExpectedReport;
    bad.expected.meetings[0]!.participants.push('Wang Yi');
    bad.expected.dates[1] = day('2023-03-01');
    expect(() => parseExpectedReport(bad, 'bad.json')).toThrow(/bad\.json: meetings\.0: participant "Wang Yi" is not one of people; dates must be the meetings' dates/);
  });

  test('rejects an unknown kind and a date that is not an ISO day', () => {
    const bad = JSON.parse(JSON.stringify(report())) as ExpectedReport;
    bad.expected.meetings[0]!.kind = 'LUNCH';
    bad.publishedOn = '1 March 2023';
    expect(() => parseExpectedReport(bad, 'bad.json')).toThrow(/publishedOn: must be an ISO day.*expected\.meetings\.0\.kind/);
  });
});
