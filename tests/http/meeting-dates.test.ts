/**
 * The seed's meeting dates as the API tells them: each source's claim, the stated
 * relations, and which statements bound each date (`FuzzyDate.boundedBy`). Umarov's visit
 * discussed "the outcomes of the recent visit" of Blinken, so it and its meetings are
 * bounded below by that visit, and no longer may have happened in 1996.
 */
import { startTestServer, type TestServer } from '../helpers/test-server';

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
});
afterAll(() => api.stop());

const ARTICLE = 'urdupoint-2023-04-30-kazakhstan-us-strategic-cooperation';
const STATEMENT = 'kazakh-foreign-ministry-statement-2023-04-30';
const VISIT = 'kairat-umarov-visit-to-the-united-states-2023';
const VERMA = 'kairat-umarov-richard-verma-meeting-2023';
const BLINKEN_VISIT = 'antony-blinken-visit-to-kazakhstan-2023';
const C5 = 'c5-plus-1-ministerial-astana-2023';

const RELATION_QUOTE =
  'As part of his visit to U.S., First Deputy Foreign Minister of Kazakhstan Kairat Umarov held a number of bilateral meetings, during which the parties discussed the outcomes of the recent visit of US Secretary of State Antony Blinken to Astana';

const MEETING_DATE = `query MeetingDate($slug: String!) {
  meeting(slug: $slug) {
    date {
      label earliest latest precision
      boundedBy {
        earliest { kind day relation meeting { slug } citations { source { slug } quote attributedTo { slug } } }
        latest { kind day relation meeting { slug } citations { source { slug } quote attributedTo { slug } } }
      }
    }
    dateClaims { date { label earliest latest precision boundedBy { earliest { kind } } } citations { quote } }
    relations { relation meeting { slug } citations { source { slug } quote attributedTo { slug } } }
  }
}`;

const BETWEEN = { label: 'between 21 February and 30 April 2023', earliest: '2023-02-21', latest: '2023-04-30', precision: 'DAY_RANGE' };
const ON_OR_BEFORE = { label: 'on or before 30 April 2023', earliest: null, latest: '2023-04-30', precision: 'ON_OR_BEFORE' };
const LATE_FEBRUARY = { label: 'late February 2023', earliest: '2023-02-21', latest: '2023-02-28', precision: 'PART_OF_MONTH' };

describe("Umarov's visit", () => {
  test('is after Blinken\'s visit, as the ministry says: the relation bounds its earliest day, its own claim the latest', async () => {
    const { meeting } = await api.data(MEETING_DATE, { slug: VISIT });
    const relationCitations = [{ source: { slug: ARTICLE }, quote: RELATION_QUOTE, attributedTo: { slug: STATEMENT } }];
    expect(meeting).toEqual({
      date: {
        ...BETWEEN,
        boundedBy: {
          earliest: [{ kind: 'RELATION', day: '2023-02-21', relation: 'AFTER', meeting: { slug: BLINKEN_VISIT }, citations: relationCitations }],
          latest: [
            {
              kind: 'CLAIM',
              day: '2023-04-30',
              relation: null,
              meeting: null,
              citations: [
                {
                  source: { slug: ARTICLE },
                  quote:
                    "Kazakhstan's First Deputy Foreign Minister Kairat Umarov visited the United Stated where he held talks with senior US officials, discussing prospects for the development of bilateral strategic partnership",
                  attributedTo: { slug: STATEMENT },
                },
                { source: { slug: ARTICLE }, quote: 'the Kazakh Foreign Ministry said on Sunday', attributedTo: null },
              ],
            },
          ],
        },
      },
      // A claim is one statement as given: nothing bounds it.
      dateClaims: [{ date: { ...ON_OR_BEFORE, boundedBy: null }, citations: [{ quote: expect.stringContaining('visited the United Stated') }, { quote: 'the Kazakh Foreign Ministry said on Sunday' }] }],
      relations: [{ relation: 'AFTER', meeting: { slug: BLINKEN_VISIT }, citations: relationCitations }],
    });
  });

  test('its meetings lie within it: the whole bounds the earliest day, the whole and their own claim the latest', async () => {
    const { meeting } = await api.data(MEETING_DATE, { slug: VERMA });
    expect(meeting.date).toEqual({
      ...BETWEEN,
      boundedBy: {
        earliest: [{ kind: 'PART_OF', day: '2023-02-21', relation: null, meeting: { slug: VISIT }, citations: [] }],
        latest: [
          { kind: 'CLAIM', day: '2023-04-30', relation: null, meeting: null, citations: [{ source: { slug: ARTICLE }, quote: expect.stringContaining('The Kazakh diplomat met with'), attributedTo: null }] },
          { kind: 'PART_OF', day: '2023-04-30', relation: null, meeting: { slug: VISIT }, citations: [] },
        ],
      },
    });
    expect(meeting.dateClaims).toEqual([{ date: { ...ON_OR_BEFORE, boundedBy: null }, citations: [{ quote: expect.stringContaining('The Kazakh diplomat met with') }] }]);
    expect(meeting.relations).toEqual([]);
  });
});

test("a meeting whose date only its citations state has that one claim, and it equals its whole's", async () => {
  const { meeting } = await api.data(MEETING_DATE, { slug: C5 });
  const claim = { kind: 'CLAIM', day: '2023-02-21', relation: null, meeting: null, citations: [{ source: { slug: ARTICLE }, quote: expect.stringContaining('In late February, Blinken attended'), attributedTo: null }] };
  const whole = { kind: 'PART_OF', day: '2023-02-21', relation: null, meeting: { slug: BLINKEN_VISIT }, citations: [] };
  expect(meeting.date).toEqual({
    ...LATE_FEBRUARY,
    boundedBy: { earliest: [claim, whole], latest: [{ ...claim, day: '2023-02-28' }, { ...whole, day: '2023-02-28' }] },
  });
  expect(meeting.dateClaims).toEqual([{ date: { ...LATE_FEBRUARY, boundedBy: null }, citations: [{ quote: expect.stringContaining('In late February, Blinken attended') }] }]);
});

test('no meeting of the seed may have happened in 1996, under either date match', async () => {
  const query = `query In1996($match: DateMatch) { meetings(first: 20, filter: { from: "1996-01-01", to: "1996-12-31", dateMatch: $match }) { totalCount } }`;
  expect((await api.data(query, {})).meetings.totalCount).toBe(0);
  expect((await api.data(query, { match: 'OVERLAPS' })).meetings.totalCount).toBe(0);
  expect((await api.data(query, { match: 'WITHIN' })).meetings.totalCount).toBe(0);
});

test("a tenure's dates are statements as given: boundedBy is null", async () => {
  const data = await api.data(`query TenureDates { person(slug: "antony-blinken") { tenures { start { label boundedBy { earliest { kind } } } } } }`);
  for (const tenure of data.person.tenures) if (tenure.start) expect(tenure.start.boundedBy).toBeNull();
});
